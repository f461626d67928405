//! Where a template reads each variable, and each variant's body text: what `check`
//! needs to point a diagnostic at a template's file and line.

use super::{TemplateSet, variant_parts};
use crate::render::loader::{Part, Variant};
use crate::source::Span;
use std::ops::Range;

/// One variable a template file reads, and where it is first read in that piece.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariableUse {
    /// The dotted path, as [`TemplateSet::variables`] gives it (`lead.first_name`).
    pub variable: String,
    /// Where: the first use in a body; the whole value for a subject or header.
    pub span: Span,
}

/// The body of one variant of a template (the base or a language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateBody {
    /// The language tag as written in the file name; `None` for the base file.
    pub language: Option<String>,
    /// The file's display name.
    pub file: String,
    /// Where the body sits in its source file.
    pub span: Span,
    /// The body's template source (front matter removed).
    pub text: String,
}

impl TemplateSet {
    /// Every variable each file of the template reads (base and languages; body, subject
    /// and headers), with where it is read, sorted by position. Like
    /// [`TemplateSet::variables`], includes are not followed and builtins are left out.
    pub(crate) fn variable_uses(&self, name: &str) -> Vec<VariableUse> {
        let Some(family) = self.families.get(name) else {
            return Vec::new();
        };
        let globals: Vec<&str> = self.env.globals().map(|(n, _)| n).collect();
        let mut uses: Vec<VariableUse> = family
            .base
            .iter()
            .chain(family.languages.values())
            .flat_map(variant_parts)
            .flat_map(|part| self.part_uses(part))
            .filter(|u| !globals.contains(&u.variable.split('.').next().unwrap_or("")))
            .collect();
        uses.sort_by(|a, b| {
            (a.span.file, a.span.start, &a.variable).cmp(&(b.span.file, b.span.start, &b.variable))
        });
        uses
    }

    /// Whether rendering `name` may read the context variable `root` (`scores`): true
    /// when any file of the template reads it, and also — conservatively — when a file
    /// includes, imports or extends another template (those are not followed) or the
    /// template is unknown. False means the variable's value cannot change the output.
    pub(crate) fn may_read(&self, name: &str, root: &str) -> bool {
        let Some(family) = self.families.get(name) else {
            return true;
        };
        // Per part: does it include, import or extend another template? `None`: a part
        // we cannot see into, which might read anything.
        let reaches_others: Option<Vec<bool>> = family
            .base
            .iter()
            .chain(family.languages.values())
            .flat_map(variant_parts)
            .map(|part| {
                let template = self.env.get_template(&part.env_name).ok()?;
                let source = self.written_source(&part.env_name, template.source());
                Some(
                    ["include", "import", "extends"]
                        .iter()
                        .any(|word| source.contains(word)),
                )
            })
            .collect();
        let Some(reaches_others) = reaches_others else {
            return true;
        };
        let reaches_others = reaches_others.contains(&true);
        reaches_others
            || self
                .variables(name)
                .iter()
                .any(|v| v.split('.').next() == Some(root))
    }

    /// The body of the base file and of every language variant (base first, then by tag).
    pub(crate) fn bodies(&self, name: &str) -> Vec<TemplateBody> {
        let Some(family) = self.families.get(name) else {
            return Vec::new();
        };
        let base = family.base.iter().map(|v| (None, v));
        let languages = family.languages.values().map(|v| {
            let tag = self
                .locations
                .get(&v.body.env_name)
                .and_then(|l| l.language.clone());
            (tag, v)
        });
        base.chain(languages)
            .filter_map(|(language, v)| self.body_of(language, v))
            .collect()
    }

    fn body_of(&self, language: Option<String>, variant: &Variant) -> Option<TemplateBody> {
        let template = self.env.get_template(&variant.body.env_name).ok()?;
        Some(TemplateBody {
            language,
            file: variant.file.clone(),
            span: variant.body.span,
            text: self
                .written_source(&variant.body.env_name, template.source())
                .to_string(),
        })
    }

    /// A piece's source as written in its file: `compiled` unless its operators were
    /// rewritten to bounded calls.
    pub(crate) fn written_source<'a>(&'a self, env_name: &str, compiled: &'a str) -> &'a str {
        self.locations
            .get(env_name)
            .and_then(|l| l.rewrite.as_deref())
            .map_or(compiled, |r| r.original.as_str())
    }

    fn part_uses(&self, part: &Part) -> Vec<VariableUse> {
        let Ok(template) = self.env.get_template(&part.env_name) else {
            return Vec::new();
        };
        // A body's source is the file's text from `span.start`; a front matter value
        // was unescaped from YAML, so its offsets do not map back: use its whole span.
        let is_body = !part.env_name.contains('#');
        let mut variables: Vec<String> = template.undeclared_variables(true).into_iter().collect();
        variables.sort();
        // minijinja follows `lead.x` but not `lead["x"]`: those are found in the text.
        let source = self.written_source(&part.env_name, template.source());
        let subscripts = subscript_uses(source);
        let subscript_span = |r: &Range<usize>| match is_body {
            true => Span::new(
                part.span.file,
                part.span.range().start + r.start..part.span.range().start + r.end,
            ),
            false => part.span,
        };
        let mut uses: Vec<VariableUse> = subscripts
            .iter()
            .map(|(variable, r)| VariableUse {
                variable: variable.clone(),
                span: subscript_span(r),
            })
            .collect();
        let plain = variables
            .into_iter()
            .filter(|v| v != "lead" || subscripts.is_empty())
            .map(|variable| {
                let span = match find_use(source, &variable) {
                    Some(r) if is_body => Span::new(
                        part.span.file,
                        part.span.range().start + r.start..part.span.range().start + r.end,
                    ),
                    _ => part.span,
                };
                VariableUse { variable, span }
            });
        uses.extend(plain);
        uses
    }
}

/// Every `lead["Column"]` / `lead['Column']` inside a tag, as the dotted variable
/// `lead.Column` and its byte range.
fn subscript_uses(source: &str) -> Vec<(String, Range<usize>)> {
    let Ok(re) = regex::Regex::new(r#"\blead\s*\[\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*\]"#) else {
        return Vec::new();
    };
    tags(source)
        .into_iter()
        .flat_map(|tag| {
            let text = source.get(tag.clone()).unwrap_or_default();
            re.captures_iter(text)
                .filter(|c| c.get(0).is_some_and(|m| !preceded_by_dot(text, m.start())))
                .filter_map(|c| {
                    let whole = c.get(0)?;
                    let key = c.get(1).or_else(|| c.get(2))?.as_str();
                    let range = tag.start + whole.start()..tag.start + whole.end();
                    Some((format!("lead.{key}"), range))
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The byte range of the first use of a dotted variable inside a `{{ … }}` or
/// `{% … %}` tag (comments are skipped); the root name alone when the path is written
/// another way (`lead["x"]`).
pub(crate) fn find_use(source: &str, dotted: &str) -> Option<Range<usize>> {
    let parts: Vec<String> = dotted.split('.').map(regex::escape).collect();
    let candidates = [
        parts.join(r"\s*\.\s*"),
        parts.first().cloned().unwrap_or_default(),
    ];
    candidates.iter().find_map(|pattern| {
        let re = regex::Regex::new(&format!(r"\b{pattern}\b")).ok()?;
        tags(source).into_iter().find_map(|tag| {
            let text = source.get(tag.clone())?;
            re.find_iter(text)
                .find(|m| !preceded_by_dot(text, m.start()))
                .map(|m| tag.start + m.start()..tag.start + m.end())
        })
    })
}

/// `x.lead` is an attribute of `x`, not the variable `lead`.
fn preceded_by_dot(text: &str, at: usize) -> bool {
    text.get(..at)
        .and_then(|before| before.trim_end().chars().last())
        .is_some_and(|c| c == '.')
}

/// The byte ranges of the expression and statement tags of a template source.
fn tags(source: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = source.get(from..).and_then(|rest| rest.find('{')) {
        let open = from + found;
        let close = match source.get(open + 1..open + 2) {
            Some("{") => "}}",
            Some("%") => "%}",
            Some("#") => "#}",
            _ => {
                from = open + 1;
                continue;
            }
        };
        let inner = open + 2;
        let end = source
            .get(inner..)
            .and_then(|rest| rest.find(close))
            .map_or(source.len(), |i| inner + i);
        if close != "#}" {
            out.push(inner..end);
        }
        from = end + close.len();
    }
    out
}

#[cfg(test)]
mod tests;
