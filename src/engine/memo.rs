//! Preview drafts rendered in memory, and the memo that lets a watch reload reuse the
//! bytes of every draft whose render inputs did not change since the last reload.
//!
//! A draft's bytes are a function of the template files, its [`DraftContext`] (lead
//! fields, tier, previous tier, scores, owner and sender as the config describes them,
//! step, as-of date) and the lead's id — nothing else reaches [`compose_draft`]. The
//! memo key is a SHA-256 over exactly those: the template set's fingerprint (a hash of
//! every template file's name and text), the id, the lead's record as read (the
//! context's `lead` map is [`RawLead::all_fields`], a function of the record alone, so
//! hashing the record stands for the map and spares building it for a draft the memo
//! serves), and an unambiguous serialization of the rest of the context. Equal keys
//! therefore mean equal inputs unless SHA-256 collides, which no one knows how to make
//! happen even on purpose; so the memo never serves a stale draft. `scores` is left out
//! of the key of a template that cannot read it ([`TemplateSet::may_read`],
//! conservative about includes), so a score-rule edit does not re-render drafts that
//! never show a score. What every draft of a run shares (the template fingerprint,
//! the sender, the as-of date, the CSV header) is hashed once, and each key starts
//! from a copy of that state.

use crate::leads::{Lead, RawBody, RawLead};
use crate::render::{DraftContext, SenderInfo, TemplateSet, compose_draft};
use crate::schema::LeadSchema;
use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// A SHA-256 of a draft's bytes.
pub type ContentDigest = [u8; 32];

/// The identity of a draft's render inputs (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MemoKey([u8; 32]);

/// One due draft of a preview run, rendered in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewDraft {
    /// Relative to the preview folder: `<as-of>/<owner>/<lead-id>--<slug>.<ext>`.
    pub path: PathBuf,
    /// The file's bytes (shared with the memo, not copied).
    pub contents: Arc<str>,
    /// A SHA-256 of `contents`, to tell a changed file from an unchanged one.
    pub digest: ContentDigest,
    /// What it was rendered from; `None` when that could not be told (it is then
    /// rendered every time).
    pub key: Option<MemoKey>,
}

/// Drafts of the last run by render inputs. Read by shared reference while a run
/// renders in parallel; the next memo is made from that run's drafts
/// ([`RenderMemo::from_drafts`]), so entries no longer due drop out.
#[derive(Debug, Default)]
pub struct RenderMemo {
    entries: HashMap<MemoKey, PreviewDraft>,
}

impl RenderMemo {
    /// The memo of a run's drafts (taken, not copied: a memo of thousands of drafts
    /// is made on every reload).
    pub fn from_drafts(drafts: Vec<PreviewDraft>) -> RenderMemo {
        RenderMemo {
            entries: drafts
                .into_iter()
                .filter_map(|d| Some((d.key?, d)))
                .collect(),
        }
    }

    /// How many drafts it holds.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.entries.len()
    }
}

/// Renders preview drafts for one run, reusing the memo's where the key matches.
pub(super) struct Previewer<'a> {
    templates: &'a TemplateSet,
    memo: &'a RenderMemo,
    fingerprint: [u8; 32],
    /// Template name → whether it may read `scores` (templates not listed: yes).
    reads_scores: BTreeMap<&'a str, bool>,
    /// The inputs every draft of the run shares, hashed once (see [`RunInputs`]).
    run: Option<RunInputs>,
    /// The first CSV header met and a digest of its names: a record with that header
    /// feeds the digest instead of every name again.
    header: OnceLock<(Arc<[String]>, [u8; 32])>,
    /// The schema's fields that rewrite what `lead` holds (`from`, `map`), as JSON: the
    /// context's `lead` map is a function of the record *and* these.
    mapping: String,
    /// The schema, to build a draft's `lead` map.
    schema: Option<LeadSchema>,
}

/// What every draft of a run shares — the template set, the sender, the as-of date —
/// fed into a hasher once; each key starts from a copy of it. A draft whose context
/// differs (none does: they come from one config and one run) is keyed in full
/// instead, under another tag, so the two ways never yield one key for different
/// inputs (at worst a miss, never a stale draft).
struct RunInputs {
    sender: SenderInfo,
    as_of: NaiveDate,
    state: Sha256,
}

impl<'a> Previewer<'a> {
    pub(super) fn new(
        templates: &'a TemplateSet,
        memo: &'a RenderMemo,
        sender: SenderInfo,
        as_of: NaiveDate,
    ) -> Previewer<'a> {
        let fingerprint = templates.fingerprint();
        // JSON of a struct of strings: quoted and escaped, so one-to-one.
        let run = serde_json::to_vec(&(&sender, as_of.to_string()))
            .ok()
            .map(|shared| {
                let mut state = Sha256::new();
                state.update(b"leadplay-memo-run\0");
                state.update(fingerprint);
                state.update(shared);
                RunInputs {
                    sender,
                    as_of,
                    state,
                }
            });
        Previewer {
            templates,
            memo,
            fingerprint,
            reads_scores: templates
                .names()
                .map(|name| (name, templates.may_read(name, "scores")))
                .collect(),
            run,
            mapping: String::new(),
            schema: None,
            header: OnceLock::new(),
        }
    }

    /// The draft for one due step of `lead`: last run's when its inputs are the same,
    /// else freshly rendered. `ctx.lead` may be left empty: it is filled with the
    /// lead's fields when the draft must be rendered. The error is the draft's failure
    /// message.
    pub(super) fn draft(
        &self,
        lead: &Lead,
        ctx: &mut DraftContext,
    ) -> Result<PreviewDraft, String> {
        let key = self.key(&lead.id, &lead.raw, ctx);
        if let Some(hit) = key.and_then(|k| self.memo.entries.get(&k)) {
            return Ok(hit.clone());
        }
        if ctx.lead.is_empty() {
            ctx.lead = match &self.schema {
                Some(schema) => lead.template_fields(schema),
                None => lead.all_fields(),
            };
        }
        let draft = compose_draft(self.templates, Path::new(""), &lead.id, ctx)
            .map_err(|e| e.to_string())?;
        let contents: Arc<str> = draft.contents.into();
        Ok(PreviewDraft {
            digest: Sha256::digest(contents.as_bytes()).into(),
            path: draft.path,
            contents,
            key,
        })
    }

    /// The memo key of a draft's inputs; `None` if the context cannot be serialized
    /// (then the draft is rendered, never looked up).
    fn key(&self, lead_id: &str, record: &RawLead, ctx: &DraftContext) -> Option<MemoKey> {
        // Every field by name: a field added to the context does not compile here
        // until it is part of the key.
        let DraftContext {
            // `record.all_fields()`: the record is hashed instead (see the module docs).
            lead: _,
            tier,
            previous_tier,
            scores,
            owner,
            sender,
            step,
            as_of,
            roles,
            clock,
            rep,
        } = ctx;
        // The draft's zone and send time (the calendar only feeds `add_workdays`, which
        // a changed `leadplay.yaml` reloads with the templates).
        let clock = (ctx.zone().name(), clock.send_time.to_string());
        let reads_scores = self
            .reads_scores
            .get(step.template.as_str())
            .copied()
            .unwrap_or(true);
        // Bit patterns, not JSON numbers: JSON writes NaN and infinities as `null`.
        let scores: Vec<(&str, u64)> = match reads_scores {
            true => scores
                .iter()
                .map(|(n, v)| (n.as_str(), v.to_bits()))
                .collect(),
            false => Vec::new(),
        };
        let shared = self
            .run
            .as_ref()
            .filter(|run| *sender == run.sender && *as_of == run.as_of);
        let mut hasher = if let Some(run) = shared {
            HashWriter(run.state.clone(), Vec::with_capacity(512))
        } else {
            let mut full = HashWriter(Sha256::new(), Vec::with_capacity(1024));
            full.update(b"leadplay-memo-full\0");
            full.update(self.fingerprint);
            serde_json::to_writer(&mut full, &(sender, as_of.to_string())).ok()?;
            full
        };
        self.feed_record(&mut hasher, record).ok()?;
        // One JSON array: strings are quoted and escaped, so the encoding is one-to-one.
        let inputs = (
            lead_id,
            tier,
            previous_tier,
            reads_scores,
            scores,
            owner,
            step,
            roles,
            &self.mapping,
            clock,
            rep.as_deref(),
        );
        serde_json::to_writer(&mut hasher, &inputs).ok()?;
        Some(MemoKey(hasher.finish()))
    }
}

impl Previewer<'_> {
    /// Builds `lead` maps from `schema` (mapped fields included) and keys drafts on it.
    pub(super) fn with_schema(mut self, schema: &LeadSchema) -> Self {
        type Mapped<'s> = (String, String, &'s [(String, String)]);
        let mapped: Vec<Mapped<'_>> = schema
            .fields
            .iter()
            .filter(|f| f.column.is_some() || !f.map.is_empty())
            .map(|f| (f.display_name(), f.source_name(), f.map.as_slice()))
            .collect();
        self.mapping = serde_json::to_string(&mapped).unwrap_or_default();
        self.schema = Some(schema.clone());
        self
    }

    /// Feeds a record into the hash: a tag for its kind, then for a CSV row its header
    /// (the digest of the run's first header, or every name with its length) and every
    /// cell with its length (so no two rows feed the same bytes), for an object its
    /// JSON.
    fn feed_record(&self, hasher: &mut HashWriter, record: &RawLead) -> serde_json::Result<()> {
        match &record.body {
            RawBody::Csv(row) => {
                hasher.update(b"csv");
                let header = row.header();
                let (known, digest) = self
                    .header
                    .get_or_init(|| (Arc::clone(header), header_digest(header)));
                if Arc::ptr_eq(known, header) || known[..] == header[..] {
                    hasher.update(b"header-digest");
                    hasher.update(digest);
                } else {
                    hasher.update(b"header-names");
                    feed_names(hasher, header);
                }
                hasher.update((row.len() as u64).to_le_bytes());
                for cell in row.cells() {
                    feed_bytes(hasher, cell);
                }
                Ok(())
            }
            RawBody::Object(object) => {
                hasher.update(b"obj");
                serde_json::to_writer(hasher, object)
            }
            RawBody::Unreadable(_) => {
                hasher.update(b"unreadable");
                Ok(())
            }
        }
    }
}

fn header_digest(header: &[String]) -> [u8; 32] {
    let mut hasher = HashWriter(Sha256::new(), Vec::new());
    feed_names(&mut hasher, header);
    hasher.finish()
}

fn feed_names(hasher: &mut HashWriter, names: &[String]) {
    hasher.update((names.len() as u64).to_le_bytes());
    for name in names {
        feed_bytes(hasher, name.as_bytes());
    }
}

fn feed_bytes(hasher: &mut HashWriter, bytes: &[u8]) {
    hasher.update((bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
}

/// Feeds serialized bytes into the hash through a buffer: a serializer writes a few
/// bytes at a time, and each hash update has a cost of its own.
struct HashWriter(Sha256, Vec<u8>);

impl HashWriter {
    fn update(&mut self, bytes: impl AsRef<[u8]>) {
        self.1.extend_from_slice(bytes.as_ref());
    }

    fn finish(mut self) -> [u8; 32] {
        self.0.update(&self.1);
        self.0.finalize().into()
    }
}

impl std::io::Write for HashWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests;
