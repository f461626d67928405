//! Loading a workspace's program: parse, check, templates, and the checks that need
//! both (every step's template exists).

use crate::check::{CheckOptions, check};
use crate::diagnostics::{self, Code, Diagnostic};
use crate::program::Program;
use crate::render::TemplateSet;
use crate::source::{FileId, SourceMap};
use crate::syntax::ast;
use crate::workspace::Workspace;

/// Everything `eval` needs from the playbooks folder, or the diagnostics saying why not.
#[derive(Debug)]
pub struct Loaded {
    /// The checked program (`None` on any error).
    pub program: Option<Program>,
    /// The templates (`None` when they failed to load).
    pub templates: Option<TemplateSet>,
    /// Every error and warning, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// The parsed program (empty when nothing parsed), for checks that read syntax.
    pub(crate) ast: ast::Program,
}

impl Loaded {
    /// The program and templates when both loaded without errors.
    pub fn ready(&self) -> Option<(&Program, &TemplateSet)> {
        match (&self.program, &self.templates) {
            (Some(p), Some(t)) if !diagnostics::has_errors(&self.diagnostics) => Some((p, t)),
            _ => None,
        }
    }
}

/// Parses and checks the program and loads the templates, collecting all diagnostics.
pub fn load(ws: &mut Workspace, options: &CheckOptions) -> Loaded {
    let (ast, diags) = ws.parse();
    let templates_dir = ws.templates_dir();
    let prefix = ws.display(&templates_dir);
    let templates =
        TemplateSet::load(&templates_dir, &prefix, &mut ws.sources).map(|mut templates| {
            templates.use_calendar(ws.config.clock.calendar.clone());
            templates
        });
    finish(
        ast,
        diags,
        Some(templates),
        Some(&ws.config),
        &ws.sources,
        options,
    )
}

/// Parses and checks a program from `.play` texts already in `sources` (in this
/// order), without templates or config: for a program read from elsewhere than the
/// workspace folder, such as a git revision, to evaluate (not to draft). `templates`
/// is `None` in the result, so [`Loaded::ready`] is `None`; use `program`.
pub fn load_from_sources(sources: &SourceMap, files: &[FileId], options: &CheckOptions) -> Loaded {
    let (ast, mut diags) = crate::syntax::parse_program(sources, files);
    diagnostics::sort(&mut diags);
    finish(ast, diags, None, None, sources, options)
}

/// The common part of [`load`] and [`load_from_sources`]: check, then the checks that
/// need templates and config (each only when given).
fn finish(
    ast: ast::Program,
    mut diags: Vec<Diagnostic>,
    templates: Option<Result<TemplateSet, Vec<Diagnostic>>>,
    config: Option<&crate::config::Config>,
    sources: &SourceMap,
    options: &CheckOptions,
) -> Loaded {
    let syntax_errors = diagnostics::has_errors(&diags);
    let (program, check_diags) = check(&ast, sources, options);
    // With syntax errors the checker still runs, so every error shows at once; but a
    // name defined on a broken line would then look undefined everywhere it is used,
    // and those follow-on errors (plus "missing tiers" and the like) would only hide
    // the real one. Keep the checker's errors that stand on their own.
    diags.extend(
        check_diags
            .into_iter()
            .filter(|d| !syntax_errors || (d.is_error() && d.span.is_some() && !is_follow_on(d))),
    );
    let templates = match templates {
        Some(Ok(t)) => Some(t),
        Some(Err(mut d)) => {
            diags.append(&mut d);
            None
        }
        None => None,
    };
    if let (Some(p), Some(t)) = (&program, &templates) {
        diags.extend(missing_templates(p, t));
    }
    if let (Some(p), Some(config)) = (&program, config) {
        diags.extend(missing_senders(p, config));
        diags.extend(crate::assign::check_assign(p, config));
    }
    let program = if diagnostics::has_errors(&diags) {
        None
    } else {
        program
    };
    diagnostics::sort(&mut diags);
    Loaded {
        program,
        templates,
        diagnostics: diags,
        ast,
    }
}

/// Errors that a broken line elsewhere could cause: a name or tier defined on the
/// broken line looks undefined, and a broken `tiers` block looks missing or incomplete.
fn is_follow_on(d: &Diagnostic) -> bool {
    matches!(
        d.code,
        Code::UnknownName
            | Code::NoTiers
            | Code::SecondTiers
            | Code::AfterOtherwise
            | Code::NoOtherwise
            | Code::SecondPlaybook
            | Code::UnknownTier
    )
}

/// An email-like step whose owner has no From address (nor has the sender): every such
/// draft would fail, so say it once, at the step, before anything runs.
fn missing_senders(program: &Program, config: &crate::config::Config) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for step in program.playbooks.iter().flat_map(|p| &p.steps) {
        let (_, email) = config.owner_mailbox(&step.owner);
        if step.channel.is_email() && email.trim().is_empty() {
            diags.push(
                Diagnostic::at(
                    Code::NoFromAddress,
                    step.span,
                    format!(
                        "`{}` drafts need a From address for owner `{}`",
                        step.channel, step.owner
                    ),
                )
                .with_help(format!(
                    "set `sender.email` in leadplay.yaml, or `owners.{}.email`",
                    step.owner
                )),
            );
        }
    }
    diags
}

/// A step or handoff naming a template that has no file.
fn missing_templates(program: &Program, templates: &TemplateSet) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for playbook in &program.playbooks {
        let named = playbook
            .steps
            .iter()
            .flat_map(|s| s.templates().map(move |t| (&**t, s.span)))
            .chain(playbook.handoff.iter().map(|h| (h.as_str(), playbook.span)));
        for (name, span) in named {
            if !templates.has(name) {
                let help = match diagnostics::did_you_mean(name, templates.names()) {
                    Some(close) => format!(
                        "looked for `{}`; did you mean `{close}`?",
                        templates.expected_display(name)
                    ),
                    None => format!("looked for `{}`", templates.expected_display(name)),
                };
                diags.push(
                    Diagnostic::at(
                        Code::TemplateNotFound,
                        span,
                        format!("template `{name}` not found"),
                    )
                    .with_help(help),
                );
            }
        }
    }
    diags
}

#[cfg(test)]
mod tests;
