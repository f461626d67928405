//! From "this step is due for this lead" to "a safe, valid draft on disk".
//!
//! [`TemplateSet`] loads `playbooks/templates/**/*.j2` (YAML front matter, language
//! variants) into one sandboxed minijinja environment and renders a [`DraftContext`];
//! [`build_eml`] and [`build_markdown`] wrap the result as an RFC 5322 message or a
//! Markdown note; [`compose_draft`] does all of it for one step and picks the path with
//! [`crate::outbox::draft_path`]; [`Draft::write`] writes it atomically.

mod bounds;
mod budget;
mod constant_sizes;
mod context;
mod draft;
mod eml;
mod environment;
mod front_matter;
mod header;
mod loader;
mod markdown;
mod member;
mod operators;
mod templates;
mod walk;

pub use constant_sizes::constant_sizes;
pub use context::{DraftContext, OWNER_KEYS, OwnerInfo, SenderInfo, StepInfo};
pub use draft::{Draft, DraftError, compose_draft};
pub use eml::EmlError;
pub(crate) use header::base64;
pub use member::{RepProfile, TeamInfo, rep_draft_path};
pub use templates::{RenderError, TemplateBody, TemplateSet};
