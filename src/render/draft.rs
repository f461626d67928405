//! One due step → one draft file: render the template, wrap it as `.eml` or `.md`,
//! decide the path. Nothing touches the disk until [`Draft::write`].

use crate::atomic::write_atomic;
use crate::outbox::draft_path;
use crate::render::context::DraftContext;
use crate::render::eml::{EmlError, EmlParts, build_eml};
use crate::render::markdown::{MarkdownParts, build_markdown};
use crate::render::templates::{RenderError, RenderedDraft, TemplateSet};
use crate::schema::Role;
use std::path::{Path, PathBuf};

/// A finished draft, not yet on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// `OUTBOX/<as-of>/<owner>/<lead-id>--<template-slug>.<ext>`.
    pub path: PathBuf,
    /// The file contents (`.eml`: CRLF line endings; `.md`: LF).
    pub contents: String,
    /// The template file used (which language variant).
    pub template_file: String,
}

impl Draft {
    /// Writes the draft atomically (parent folders are created).
    pub fn write(&self) -> std::io::Result<()> {
        write_atomic(&self.path, self.contents.as_bytes())
    }
}

/// Why a draft could not be made. The run reports it and goes on; the step stays due.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    /// The template failed to render.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// The message could not be addressed (e.g. the lead's email is malformed).
    #[error("template `{template}`: {source}")]
    Eml {
        /// The template name.
        template: String,
        /// What is wrong.
        source: EmlError,
    },
}

/// Renders the draft for one due step: the template is `ctx.step.template`, the
/// language the lead's `language` field, the format follows `ctx.step.channel`
/// (`.eml` for email-like channels, else `.md`), the file goes under `outbox`.
///
/// `.eml` addressing: From is the step owner when `ctx.owner.email` is set, else the
/// sender; To is the lead's `email` with its `name` (or `first_name last_name`).
pub fn compose_draft(
    set: &TemplateSet,
    outbox: &Path,
    lead_id: &str,
    ctx: &DraftContext,
) -> Result<Draft, DraftError> {
    let template = ctx.step.template.as_str();
    let language = ctx.role_text(Role::Language);
    let rendered = set.render(template, language.as_deref(), ctx)?;
    let channel = ctx.step.channel;
    let contents = if channel.is_email() {
        eml_draft(lead_id, ctx, &rendered).map_err(|source| DraftError::Eml {
            template: template.to_string(),
            source,
        })?
    } else {
        markdown_draft(lead_id, ctx, &rendered)
    };
    let path = draft_path(
        outbox,
        ctx.as_of,
        &ctx.owner.name,
        lead_id,
        template,
        channel.extension(),
    );
    Ok(Draft {
        path: match &ctx.rep {
            Some(rep) => crate::render::rep_draft_path(path, rep),
            None => path,
        },
        contents,
        template_file: rendered.template_file,
    })
}

fn eml_draft(
    lead_id: &str,
    ctx: &DraftContext,
    rendered: &RenderedDraft,
) -> Result<String, EmlError> {
    let rep = ctx.rep.as_ref().map(|r| &r.owner);
    let team_email = ctx.owner.email.as_deref().filter(|e| !e.trim().is_empty());
    let (from_name, from_email) = match (rep.filter(|m| !m.email.is_empty()), team_email) {
        (Some(member), _) => (member.name.clone(), member.email.clone()),
        (None, Some(email)) => (ctx.owner.display_name.clone(), email.to_string()),
        (None, None) => (ctx.sender.name.clone(), ctx.sender.email.clone()),
    };
    build_eml(&EmlParts {
        from_name,
        from_email,
        to_name: ctx.lead_display_name(),
        to_email: ctx.role_text(Role::Email).unwrap_or_default(),
        subject: rendered.subject.clone().unwrap_or_default(),
        date: ctx.zone().local(ctx.as_of, ctx.clock.send_time),
        lead_id: lead_id.to_string(),
        tier: ctx.tier.clone(),
        step: ctx.step.label(),
        template: ctx.step.template.clone(),
        variant: ctx.step.variant.clone(),
        extra_headers: rendered.headers.clone(),
        body: rendered.body.clone(),
    })
}

fn markdown_draft(lead_id: &str, ctx: &DraftContext, rendered: &RenderedDraft) -> String {
    let title = rendered
        .subject
        .clone()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| format!("{}: {}", ctx.step.channel, ctx.step.template));
    build_markdown(&MarkdownParts {
        title,
        lead_id: lead_id.to_string(),
        lead_name: ctx.lead_display_name(),
        company: ctx.lead_text("company").unwrap_or_default(),
        tier: ctx.tier.clone(),
        step: ctx.step.label(),
        owner: ctx
            .rep
            .as_ref()
            .map_or_else(|| ctx.owner.display_name.clone(), |r| r.owner.name.clone()),
        date: ctx.as_of,
        body: rendered.body.clone(),
    })
}

#[cfg(test)]
mod tests;
