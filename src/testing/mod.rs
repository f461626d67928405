//! Playbook tests (`leadplay test`): `playbooks/tests/*.yaml` hold cases, each a lead, a
//! date, an optional prior state and the expected tier, scores, suppression and drafts.
//!
//! [`load_suite`] reads and checks the files against the program (a problem is a
//! diagnostic at its file and line, and nothing runs); [`Runner`] evaluates one case
//! exactly as `eval` would — coercion, scoring, the day clock, rendering — without
//! writing anything; [`CaseResult`] prints as the case's result line and, on failure,
//! expected vs actual and the explain trace.

mod case;
mod locate;
mod report;
mod runner;
mod validate;

#[cfg(test)]
mod tests;

pub use case::{TestCase, parse_cases};
#[cfg(test)]
pub(crate) use report::CaseResult;
pub use report::SuiteResult;
pub use runner::Runner;

use crate::diagnostics::{self, Code, Diagnostic};
use crate::program::Program;
use crate::source::{FileId, Span};
use crate::workspace::Workspace;
use locate::Locator;
use std::path::{Path, PathBuf};

/// One test file and its cases.
#[derive(Debug, Clone)]
pub struct TestFile {
    /// The file name (`tiers.yaml`), as result lines show it.
    pub name: String,
    /// The path relative to the workspace, as diagnostics and row errors show it.
    pub display: String,
    /// The cases, in file order.
    pub cases: Vec<LoadedCase>,
}

/// A case and where it is.
#[derive(Debug, Clone)]
pub struct LoadedCase {
    /// The case.
    pub case: TestCase,
    /// 1-based line of its `lead` key: row errors about the lead name it.
    pub lead_line: usize,
}

/// Every test file, or the diagnostics saying why not.
#[derive(Debug, Default)]
pub struct Suite {
    /// The files that loaded, in name order.
    pub files: Vec<TestFile>,
    /// Errors and warnings of all files.
    pub diagnostics: Vec<Diagnostic>,
}

impl Suite {
    /// True when some file has an error: then nothing should run.
    pub fn has_errors(&self) -> bool {
        diagnostics::has_errors(&self.diagnostics)
    }

    /// Cases whose name contains `filter` (ignoring case), with their file.
    pub fn selected<'s>(
        &'s self,
        filter: Option<&'s str>,
    ) -> impl Iterator<Item = (&'s TestFile, &'s LoadedCase)> + 's {
        let wanted = filter.map(str::to_lowercase);
        self.files
            .iter()
            .flat_map(|f| f.cases.iter().map(move |c| (f, c)))
            .filter(move |(_, c)| {
                wanted
                    .as_deref()
                    .is_none_or(|w| c.case.name.to_lowercase().contains(w))
            })
    }

    /// The number of cases in all files.
    pub fn case_count(&self) -> usize {
        self.files.iter().map(|f| f.cases.len()).sum()
    }
}

/// Reads and checks every test file of the workspace against the program. Each file is
/// added to `ws.sources` so diagnostics can show its lines.
pub fn load_suite(ws: &mut Workspace, program: &Program) -> Suite {
    let mut suite = Suite::default();
    let paths = match test_files(ws) {
        Ok(p) => p,
        Err(d) => {
            suite.diagnostics.push(d);
            return suite;
        }
    };
    for path in paths {
        let (file, mut diags) = load_file(ws, &path, program);
        suite.diagnostics.append(&mut diags);
        suite.files.extend(file);
    }
    diagnostics::sort(&mut suite.diagnostics);
    suite
}

/// The `.yaml` (and `.yml`) files of `playbooks/tests`, in name order; none when the
/// folder does not exist.
pub fn test_files(ws: &Workspace) -> Result<Vec<PathBuf>, Diagnostic> {
    let dir = ws.tests_dir();
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(Diagnostic::global(
                Code::TestsUnreadable,
                format!("cannot read the tests folder `{}`: {e}", ws.display(&dir)),
            ));
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml") && p.is_file())
        .collect();
    files.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    Ok(files)
}

/// Reads, parses and checks one file.
fn load_file(
    ws: &mut Workspace,
    path: &Path,
    program: &Program,
) -> (Option<TestFile>, Vec<Diagnostic>) {
    let display = ws.display(path);
    let text = match std::fs::read(path).map(String::from_utf8) {
        Ok(Ok(text)) => text,
        Ok(Err(_)) => {
            let d = Diagnostic::global(
                Code::TestsUnreadable,
                format!("`{display}` is not valid UTF-8"),
            );
            return (None, vec![d]);
        }
        Err(e) => {
            let d = Diagnostic::global(
                Code::TestsUnreadable,
                format!("cannot read `{display}`: {e}"),
            );
            return (None, vec![d]);
        }
    };
    let parsed = parse_cases(&text);
    let file = ws.sources.add(display.clone(), text);
    let text = ws.sources.get(file).map_or("", |f| f.text.as_str());
    let cases = match parsed {
        Ok(cases) => cases,
        Err(e) => return (None, vec![yaml_error(ws, file, &e)]),
    };
    let locator = Locator::new(text, cases.len());
    let mut diags = Vec::new();
    if cases.is_empty() {
        diags.push(
            Diagnostic::at(
                Code::NoTestCases,
                Span::new(file, 0..0),
                format!("`{display}` has no test cases"),
            )
            .with_help("a test file is a YAML list of cases: `- name: …`"),
        );
    }
    let check = validate::FileCheck {
        program,
        file,
        locator: &locator,
    };
    diags.extend(check.check(&cases));
    let cases = cases
        .into_iter()
        .enumerate()
        .map(|(index, case)| {
            let at = locator.key(index, &["lead"]).start;
            let lead_line = ws.sources.line_col(file, u32::try_from(at).unwrap_or(0)).0;
            LoadedCase { case, lead_line }
        })
        .collect();
    let name = path
        .file_name()
        .map_or_else(|| display.clone(), |n| n.to_string_lossy().into_owned());
    let loaded = TestFile {
        name,
        display,
        cases,
    };
    (Some(loaded), diags)
}

/// A YAML or shape error at its line, with help that fits a test file.
fn yaml_error(ws: &Workspace, file: FileId, e: &crate::yaml::YamlError) -> Diagnostic {
    let mut d = crate::config::yaml_diagnostic(&ws.sources, file, e);
    d.code = Code::TestFileInvalid;
    d.message = without_path(&d.message).to_string();
    d.help = if let Some(unknown) = backticked(without_path(&e.message)) {
        let known = [
            "name", "as_of", "lead", "state", "expect", "tier", "entered", "done",
        ]
        .into_iter()
        .chain(["skipped", "scores", "suppressed", "suppressed_by", "drafts"]);
        diagnostics::did_you_mean(unknown, known)
            .map(|close| format!("did you mean `{close}`?"))
            .or_else(|| Some(SHAPE_HELP.to_string()))
    } else if e.message.contains("expected a sequence") {
        Some("a test file is a YAML list of cases: `- name: …`".to_string())
    } else {
        None
    };
    d
}

const SHAPE_HELP: &str = "a case has `name`, `as_of`, `lead`, optional `state` (`tier`, \
    `entered`, `done`, `skipped`) and `expect` (`tier`, `scores`, `suppressed`, \
    `suppressed_by`, `drafts`, `skipped`)";

/// The message without the YAML crate's path prefix (`.[0].expect: `): the position
/// already says where.
fn without_path(message: &str) -> &str {
    match message.split_once(": ") {
        Some((path, rest)) if path.starts_with(['.', '[']) && !path.contains(' ') => rest,
        _ => message,
    }
}

/// The name in an `unknown field `x`` message.
fn backticked(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("unknown field `")?;
    rest.split('`').next()
}
