//! [`TemplateSet`]: every template of a workspace, loaded once, rendered per draft.

use crate::diagnostics::Diagnostic;
use crate::render::bounds::{CappedBuffer, too_large_message};
use crate::render::context::DraftContext;
use crate::render::environment::{FUEL, new_environment, use_calendar};
use crate::render::header::one_line;
use crate::render::loader::{self, Builder, Family, Loaded, Location, Part, Variant};
use crate::render::operators::Rewrite;
use crate::source::SourceMap;
use minijinja::{Environment, ErrorKind};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The templates of a workspace (`playbooks/templates/**/*.j2`) in one sandboxed
/// minijinja environment.
pub struct TemplateSet {
    env: Environment<'static>,
    dir: PathBuf,
    display_prefix: String,
    families: BTreeMap<String, Family>,
    locations: BTreeMap<String, Location>,
    fingerprint: [u8; 32],
}

impl fmt::Debug for TemplateSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TemplateSet")
            .field("dir", &self.dir)
            .field("names", &self.names().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

/// A rendered template: what a draft file is built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedDraft {
    /// The rendered `subject` (one line), if the front matter has one.
    pub subject: Option<String>,
    /// Rendered extra headers (name, one-line value), sorted by name.
    pub headers: Vec<(String, String)>,
    /// The rendered body.
    pub body: String,
    /// The file it came from (`playbooks/templates/warm/follow_up.zh-TW.j2`).
    pub template_file: String,
}

/// A template that failed to render for one draft.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct RenderError {
    /// The template the step names (`warm/follow_up`).
    pub template: String,
    /// The file where it failed (an included file when the error is in one).
    pub file: String,
    /// 1-based line in that file, when known.
    pub line: Option<usize>,
    /// What went wrong, e.g. ``undefined value `lead.frist_name` ``.
    pub message: String,
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "template `{}` ({}", self.template, self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, "): {}", self.message)
    }
}

impl TemplateSet {
    /// Makes the `add_workdays` filter count the workspace's working days (the default
    /// is Monday to Friday without holidays).
    pub(crate) fn use_calendar(&mut self, calendar: std::sync::Arc<crate::calendar::Calendar>) {
        use_calendar(&mut self.env, calendar);
    }

    /// Loads every `*.j2` under `dir`. File names shown in diagnostics and errors start
    /// with `display_prefix` (e.g. `playbooks/templates`); every file is added to
    /// `sources` so diagnostics can show the line. All problems in all files are
    /// collected. A missing `dir` gives an empty set.
    pub fn load(
        dir: &Path,
        display_prefix: &str,
        sources: &mut SourceMap,
    ) -> Result<TemplateSet, Vec<Diagnostic>> {
        let found = loader::find_files(dir)?;
        let mut env = new_environment();
        let mut builder = Builder {
            env: &mut env,
            display_prefix: display_prefix.to_string(),
            loaded: Loaded {
                families: BTreeMap::new(),
                locations: BTreeMap::new(),
            },
            errors: Vec::new(),
            digest: sha2::Sha256::default(),
        };
        for file in &found {
            builder.add(file, sources);
        }
        let Builder {
            loaded,
            errors,
            digest,
            ..
        } = builder;
        if !errors.is_empty() {
            return Err(errors);
        }
        install_include_resolver(&mut env, &loaded.locations);
        Ok(TemplateSet {
            env,
            dir: dir.to_path_buf(),
            display_prefix: display_prefix.to_string(),
            families: loaded.families,
            locations: loaded.locations,
            fingerprint: sha2::Digest::finalize(digest).into(),
        })
    }

    /// A SHA-256 over the name and full text (front matter included) of every template
    /// file, in name order: two sets with the same fingerprint render every context to
    /// the same bytes, so a draft rendered with one can stand for the other.
    pub(crate) fn fingerprint(&self) -> [u8; 32] {
        self.fingerprint
    }

    /// True when `<name>.j2` exists (a language variant alone does not count: the base
    /// file is what leads without a matching language get).
    pub fn has(&self, name: &str) -> bool {
        self.families.get(name).is_some_and(|f| f.base.is_some())
    }

    /// The same file as shown to users: `<display_prefix>/<name>.j2`.
    pub(crate) fn expected_display(&self, name: &str) -> String {
        loader::join_display(&self.display_prefix, name)
    }

    /// Language tags `name` has variants for (lowercase, sorted); the tests' view of
    /// what the loader found.
    #[cfg(test)]
    pub(crate) fn languages(&self, name: &str) -> Vec<String> {
        self.families
            .get(name)
            .map(|f| f.languages.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// Names of all templates that have a base file, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.families
            .iter()
            .filter(|(_, f)| f.base.is_some())
            .map(|(name, _)| name.as_str())
    }

    /// Variables the template reads from its context, as dotted paths where the access
    /// is static (`lead.first_name`, `tier`, `scores.fit`), over its body, subject and
    /// headers in every language. Includes are not followed; builtin functions such
    /// as `range` are left out.
    pub(crate) fn variables(&self, name: &str) -> BTreeSet<String> {
        let Some(family) = self.families.get(name) else {
            return BTreeSet::new();
        };
        let globals: BTreeSet<&str> = self.env.globals().map(|(n, _)| n).collect();
        family
            .base
            .iter()
            .chain(family.languages.values())
            .flat_map(variant_parts)
            .filter_map(|part| self.env.get_template(&part.env_name).ok())
            .flat_map(|t| t.undeclared_variables(true))
            .filter(|v| !globals.contains(v.split('.').next().unwrap_or(v)))
            .collect()
    }

    /// Renders `name` for one draft, using `<name>.<language>` when the lead's language
    /// has a variant (case-insensitive; `zh-TW` falls back to `zh`), else the base.
    pub(crate) fn render(
        &self,
        name: &str,
        language: Option<&str>,
        ctx: &DraftContext,
    ) -> Result<RenderedDraft, RenderError> {
        let variant = self.pick(name, language).ok_or_else(|| RenderError {
            template: name.to_string(),
            file: self.expected_display(name),
            line: None,
            message: "template file not found".to_string(),
        })?;
        let base = minijinja::Value::from_serialize(ctx);
        // A rep replaces the team as `owner`; `team` is the team either way.
        let value = match &ctx.rep {
            Some(rep) => {
                minijinja::context! { time_zone => ctx.zone().name(), owner => minijinja::Value::from_serialize(&rep.owner), team => minijinja::Value::from_serialize(&rep.team), ..base }
            }
            None => {
                minijinja::context! { time_zone => ctx.zone().name(), team => minijinja::Value::from_serialize(crate::render::TeamInfo { name: ctx.owner.name.clone(), display_name: ctx.owner.display_name.clone() }), ..base }
            }
        };
        let render = |part: &Part| self.render_part(name, part, &value);
        let subject = variant.subject.as_ref().map(render).transpose()?;
        let headers = variant
            .headers
            .iter()
            .map(|(header, part)| Ok((header.clone(), one_line(&render(part)?))))
            .collect::<Result<Vec<_>, RenderError>>()?;
        Ok(RenderedDraft {
            subject: subject.map(|s| one_line(&s)),
            headers,
            body: render(&variant.body)?,
            template_file: variant.file.clone(),
        })
    }

    fn pick(&self, name: &str, language: Option<&str>) -> Option<&Variant> {
        let family = self.families.get(name)?;
        let base = family.base.as_ref()?;
        let Some(language) = language else {
            return Some(base);
        };
        let wanted = language.trim().replace('_', "-").to_ascii_lowercase();
        let mut tag = wanted.as_str();
        loop {
            if let Some(variant) = family.languages.get(tag) {
                return Some(variant);
            }
            match tag.rsplit_once('-') {
                Some((shorter, _)) => tag = shorter,
                None => return Some(base),
            }
        }
    }

    fn render_part(
        &self,
        template: &str,
        part: &Part,
        value: &minijinja::Value,
    ) -> Result<String, RenderError> {
        let mut out = CappedBuffer::default();
        // Rendered into a capped buffer: a render that grows past it stops there.
        let result = self
            .env
            .get_template(&part.env_name)
            .and_then(|t| t.render_captured_to(value, &mut out).map(drop));
        match result {
            Ok(()) => String::from_utf8(out.bytes).map_err(|_| RenderError {
                template: template.to_string(),
                file: self.expected_display(template),
                line: None,
                message: "the template wrote text that is not UTF-8".to_string(),
            }),
            Err(e) if out.overflowed => {
                let mut error = self.render_error(template, &part.env_name, &e);
                error.message = too_large_message();
                Err(error)
            }
            Err(e) => Err(self.render_error(template, &part.env_name, &e)),
        }
    }

    /// Places a minijinja error in the file it happened in (which may be an included
    /// template) and words it for a sales-ops reader.
    fn render_error(
        &self,
        template: &str,
        env_name: &str,
        outer: &minijinja::Error,
    ) -> RenderError {
        let e = innermost(outer);
        let failing = e.name().filter(|n| self.locations.contains_key(*n));
        let location = self.locations.get(failing.unwrap_or(env_name));
        let line = location.and_then(|l| l.fixed_line.or(e.line().map(|n| n + l.line_offset)));
        RenderError {
            template: template.to_string(),
            file: location.map_or_else(|| self.expected_display(template), |l| l.file.clone()),
            line,
            message: describe(e, location.and_then(|l| l.rewrite.as_deref())),
        }
    }
}

/// An error inside an include arrives wrapped ("error in \"x\""); the inner one knows
/// the file, line and real cause.
fn innermost(e: &minijinja::Error) -> &minijinja::Error {
    let mut current = e;
    while let Some(inner) =
        std::error::Error::source(current).and_then(|s| s.downcast_ref::<minijinja::Error>())
    {
        current = inner;
    }
    current
}

fn variant_parts(variant: &Variant) -> impl Iterator<Item = &Part> {
    std::iter::once(&variant.body)
        .chain(variant.subject.iter())
        .chain(variant.headers.iter().map(|(_, p)| p))
}

/// ``undefined value `lead.frist_name` ``, ``engine ran out of fuel …``.
fn describe(e: &minijinja::Error, rewrite: Option<&Rewrite>) -> String {
    if e.kind() == ErrorKind::OutOfFuel {
        return format!(
            "the template did too much work (more than {FUEL} steps); look for a loop that never ends"
        );
    }
    let mut message = e.kind().to_string();
    // Quoted from the file as written, not from its rewritten operators; an error
    // inside an included template has its own source.
    let own = |r: &Rewrite| Some(r.source.as_str()) == e.template_source();
    let snippet = match rewrite.filter(|r| own(r)) {
        Some(r) => e
            .range()
            .and_then(|range| r.original.get(r.original_range(range))),
        None => e
            .template_source()
            .zip(e.range())
            .and_then(|(source, range)| source.get(range)),
    };
    let snippet = snippet.map(one_line).filter(|s| !s.is_empty());
    if let Some(snippet) = snippet {
        message.push_str(&format!(" `{snippet}`"));
    }
    if let Some(detail) = e.detail() {
        message.push_str(&format!(": {detail}"));
    }
    message
}

/// Makes `{% include "x" %}` find `x` (a trailing `.j2` is allowed) and, inside a
/// language variant, prefer `x.<language>` when it exists.
fn install_include_resolver(
    env: &mut Environment<'static>,
    locations: &BTreeMap<String, Location>,
) {
    let languages: Arc<BTreeMap<String, String>> = Arc::new(
        locations
            .iter()
            .filter_map(|(name, l)| Some((name.clone(), l.language.clone()?)))
            .collect(),
    );
    let bodies: Arc<BTreeSet<String>> = Arc::new(
        locations
            .keys()
            .filter(|n| !n.contains('#'))
            .cloned()
            .collect(),
    );
    env.set_path_join_callback(move |name, parent| {
        let name = name.strip_suffix(".j2").unwrap_or(name);
        if let Some(language) = languages.get(parent) {
            let localized = format!("{name}.{language}");
            if bodies.contains(&localized) {
                return Cow::Owned(localized);
            }
        }
        Cow::Borrowed(name)
    });
}

mod uses;
pub use uses::TemplateBody;

#[cfg(test)]
mod tests;
