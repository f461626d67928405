//! Reads `*.j2` files from the templates folder into a [`TemplateSet`](super::TemplateSet).

use crate::diagnostics::{Code, Diagnostic};
use crate::render::front_matter::{self, Field};
use crate::render::operators::{Rewrite, rewrite};
use crate::source::{FileId, SourceMap, Span};
use minijinja::Environment;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A template file found on disk: its name without `.j2` (`warm/follow_up.zh-TW`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct FoundFile {
    pub stem: String,
    pub path: PathBuf,
}

/// One rendered piece of a variant (body, subject or a header) inside the environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Part {
    /// The name the environment knows it by.
    pub env_name: String,
    /// Where its source sits in the [`SourceMap`] (a body: from its first byte; a
    /// front matter value: its line), for diagnostics about what it reads.
    pub span: Span,
}

/// Where a piece of a template sits, to report render errors at the right line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Location {
    /// The file's display name.
    pub file: String,
    /// Lines before the piece's source starts (front matter, for a body).
    pub line_offset: usize,
    /// For a front matter value: its line (minijinja's line is within the value).
    pub fixed_line: Option<usize>,
    /// The language of the variant it belongs to (as written in the file name).
    pub language: Option<String>,
    /// How its operators were rewritten to bounded calls, when it has any.
    pub rewrite: Option<std::sync::Arc<Rewrite>>,
}

/// One file of a template family: the base or a language variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Variant {
    pub body: Part,
    pub subject: Option<Part>,
    pub headers: Vec<(String, Part)>,
    pub file: String,
}

/// A template and its language variants (keyed by lowercase tag).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Family {
    pub base: Option<Variant>,
    pub languages: BTreeMap<String, Variant>,
}

/// Everything loading produces, before it becomes a `TemplateSet`.
pub(crate) struct Loaded {
    pub families: BTreeMap<String, Family>,
    pub locations: BTreeMap<String, Location>,
}

/// Splits `warm/follow_up.zh-TW` into (`warm/follow_up`, `Some("zh-TW")`); a suffix that
/// is not a language tag stays part of the name.
pub(crate) fn split_language(stem: &str) -> (&str, Option<&str>) {
    match stem.rsplit_once('.') {
        Some((base, tag)) if !base.is_empty() && is_language_tag(tag) => (base, Some(tag)),
        _ => (stem, None),
    }
}

/// BCP 47-ish: a 2–3 letter language, then `-`-separated 1–8 character subtags.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// All `*.j2` files under `dir`, sorted by name. A missing folder holds no templates.
/// Links that lead outside the folder are refused: templates must not reach other files.
pub(crate) fn find_files(dir: &Path) -> Result<Vec<FoundFile>, Vec<Diagnostic>> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let root = dir.canonicalize().map_err(|e| vec![io_error(dir, &e)])?;
    let mut found = Vec::new();
    let mut errors = Vec::new();
    walk(&root, &root, "", &mut found, &mut errors);
    found.sort();
    if errors.is_empty() {
        Ok(found)
    } else {
        Err(errors)
    }
}

fn walk(
    root: &Path,
    dir: &Path,
    prefix: &str,
    found: &mut Vec<FoundFile>,
    errors: &mut Vec<Diagnostic>,
) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return errors.push(io_error(dir, &e)),
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(name) = entry.file_name().to_str().map(str::to_string) else {
            errors.push(Diagnostic::global(
                Code::TemplateUnreadable,
                format!("template file name `{}` is not valid UTF-8", path.display()),
            ));
            continue;
        };
        let rel = format!("{prefix}{name}");
        let Ok(real) = path.canonicalize() else {
            continue; // a dangling link: nothing to read
        };
        if !real.starts_with(root) {
            errors.push(
                Diagnostic::global(
                    Code::TemplateOutside,
                    format!(
                        "template `{rel}` links to `{}`, outside the templates folder",
                        real.display()
                    ),
                )
                .with_help("copy the file into the templates folder instead of linking it"),
            );
        } else if real.is_dir() {
            // Only plain folders are walked, so a link to a parent cannot loop.
            if !entry.file_type().is_ok_and(|t| t.is_symlink()) {
                walk(root, &path, &format!("{rel}/"), found, errors);
            }
        } else if let Some(stem) = rel.strip_suffix(".j2") {
            found.push(FoundFile {
                stem: stem.to_string(),
                path,
            });
        }
    }
}

fn io_error(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::global(
        Code::TemplateUnreadable,
        format!("cannot read `{}`: {e}", path.display()),
    )
}

/// Adds one file's body, subject and headers to the environment.
pub(crate) struct Builder<'e> {
    pub env: &'e mut Environment<'static>,
    pub display_prefix: String,
    pub loaded: Loaded,
    pub errors: Vec<Diagnostic>,
    /// Every file's name and text so far: what [`TemplateSet::fingerprint`] is made of.
    ///
    /// [`TemplateSet::fingerprint`]: super::TemplateSet::fingerprint
    pub digest: Sha256,
}

impl Builder<'_> {
    /// Reads, registers and checks one template file.
    pub fn add(&mut self, found: &FoundFile, sources: &mut SourceMap) {
        let display = join_display(&self.display_prefix, &found.stem);
        let text = match std::fs::read(&found.path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(_) => {
                    let msg = format!("template `{display}` is not valid UTF-8 text");
                    return self
                        .errors
                        .push(Diagnostic::global(Code::TemplateUnreadable, msg));
                }
            },
            Err(e) => return self.errors.push(io_error(&found.path, &e)),
        };
        // Length-prefixed, so no two different sets of files feed the same bytes.
        for piece in [found.stem.as_bytes(), text.as_bytes()] {
            self.digest.update((piece.len() as u64).to_le_bytes());
            self.digest.update(piece);
        }
        let text = text
            .strip_prefix('\u{feff}')
            .map_or(text.clone(), str::to_string);
        let file = sources.add(display.clone(), text.clone());
        let parsed = match front_matter::parse(&text, file) {
            Ok(parsed) => parsed,
            Err(mut errors) => return self.errors.append(&mut errors),
        };
        let (base, language) = split_language(&found.stem);
        let stem = &found.stem;
        let location = |line_offset, fixed_line| Location {
            file: display.clone(),
            line_offset,
            fixed_line,
            language: language.map(str::to_string),
            rewrite: None,
        };
        let body_span = Span::new(file, parsed.body_offset..text.len());
        let body = self.register(
            stem.clone(),
            parsed.body,
            body_span,
            location(parsed.body_line_offset, None),
        );
        let subject = parsed.subject.as_ref().map(|f| {
            self.register_field(
                format!("{stem}#subject"),
                f,
                file,
                location(0, Some(f.line)),
            )
        });
        let headers = parsed
            .headers
            .iter()
            .map(|(name, f)| {
                let env_name = format!("{stem}#header:{name}");
                (
                    name.clone(),
                    self.register_field(env_name, f, file, location(0, Some(f.line))),
                )
            })
            .collect();
        let variant = Variant {
            body,
            subject,
            headers,
            file: display.clone(),
        };
        self.insert(base, language, variant, file);
    }

    fn register_field(
        &mut self,
        env_name: String,
        field: &Field,
        file: FileId,
        at: Location,
    ) -> Part {
        self.register(
            env_name,
            &field.source,
            Span::new(file, field.span.clone()),
            at,
        )
    }

    /// Adds one template source; a syntax error becomes a diagnostic at `span`
    /// (narrowed to the error's own range inside a body).
    fn register(&mut self, env_name: String, source: &str, span: Span, mut at: Location) -> Part {
        let is_body = at.fixed_line.is_none();
        at.rewrite = rewrite(source).map(std::sync::Arc::new);
        let compiled = at.rewrite.as_ref().map_or(source, |r| r.source.as_str());
        if let Err(e) = self
            .env
            .add_template_owned(env_name.clone(), compiled.to_string())
        {
            let span = match e.range() {
                Some(r) if is_body => {
                    let start = span.range().start;
                    let end = span.range().end;
                    Span::new(
                        span.file,
                        (start + r.start).min(end)..(start + r.end).min(end),
                    )
                }
                _ => span,
            };
            let detail = e.detail().unwrap_or("the template cannot be parsed");
            self.errors.push(
                Diagnostic::at(Code::TemplateSyntax, span, format!("template syntax error: {detail}"))
                    .with_help(
                        "templates use Jinja syntax: `{{ lead.company }}`, `{% if … %}…{% endif %}`, `{% for … %}…{% endfor %}`",
                    ),
            );
        }
        self.loaded.locations.insert(env_name.clone(), at);
        Part { env_name, span }
    }

    fn insert(&mut self, base: &str, language: Option<&str>, variant: Variant, file: FileId) {
        let family = self.loaded.families.entry(base.to_string()).or_default();
        let Some(tag) = language else {
            family.base = Some(variant);
            return;
        };
        let key = tag.to_ascii_lowercase();
        if let Some(earlier) = family.languages.get(&key) {
            let msg = format!("two templates for `{base}` in language `{tag}`");
            let help = format!(
                "`{}` is the other one; language tags ignore case",
                earlier.file
            );
            self.errors.push(
                Diagnostic::at(Code::LanguageTwice, Span::new(file, 0..0), msg).with_help(help),
            );
            return;
        }
        family.languages.insert(key, variant);
    }
}

/// `playbooks/templates` + `warm/follow_up` → `playbooks/templates/warm/follow_up.j2`.
pub(crate) fn join_display(prefix: &str, stem: &str) -> String {
    let prefix = prefix.trim_end_matches('/');
    if prefix.is_empty() {
        format!("{stem}.j2")
    } else {
        format!("{prefix}/{stem}.j2")
    }
}

#[cfg(test)]
mod tests;
