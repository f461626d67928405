//! A workspace: the folder with `leadplay.yaml`, `playbooks/` and the leads file.
//! Resolves every configured path and loads the program from the `.play` files.

use crate::config::Config;
use crate::diagnostics::{self, Code, Diagnostic};
use crate::source::SourceMap;
use std::path::{Path, PathBuf};

/// An opened workspace.
#[derive(Debug)]
pub struct Workspace {
    /// The root folder (`-C DIR`, else the current directory).
    pub root: PathBuf,
    /// The configuration (`leadplay.yaml` or defaults).
    pub(crate) config: Config,
    /// Every source file read so far (config, `.play` files, templates).
    pub sources: SourceMap,
}

/// A workspace that could not be opened (a bad `leadplay.yaml`), with the sources
/// needed to render the diagnostic.
#[derive(Debug)]
pub struct OpenError {
    /// The files read (the config).
    pub sources: SourceMap,
    /// What is wrong.
    pub diagnostic: Diagnostic,
}

impl Workspace {
    /// Opens the workspace at `root`, reading `leadplay.yaml` if there is one.
    pub fn open(root: &Path) -> Result<Workspace, Box<OpenError>> {
        let mut sources = SourceMap::new();
        let refused = |sources, diagnostic| {
            Err(Box::new(OpenError {
                sources,
                diagnostic,
            }))
        };
        let ws = match Config::load(root, &mut sources) {
            Ok(config) => Workspace {
                root: root.to_path_buf(),
                config,
                sources,
            },
            Err(diagnostic) => return refused(sources, diagnostic),
        };
        let config_file = ws.sources.files().next().map(|(id, _)| id);
        match crate::workspace_paths::check_overlaps(
            &ws.sources,
            config_file,
            &ws.outbox_dir(),
            &ws.state_path(),
            &ws.playbooks_dir(),
        ) {
            Some(diagnostic) => refused(ws.sources, diagnostic),
            None => Ok(ws),
        }
    }

    /// A configured path resolved against the root (absolute paths stay as they are).
    pub fn resolve(&self, path: &Path) -> PathBuf {
        if path.is_absolute() {
            path.to_path_buf()
        } else {
            self.root.join(path)
        }
    }

    /// A path as shown to the user: relative to the root where possible, `/`-separated.
    pub fn display(&self, path: &Path) -> String {
        let shown = path.strip_prefix(&self.root).unwrap_or(path);
        shown.to_string_lossy().replace('\\', "/")
    }

    /// The playbooks folder.
    pub fn playbooks_dir(&self) -> PathBuf {
        self.resolve(&self.config.playbooks)
    }

    /// The templates folder (`playbooks/templates`).
    pub fn templates_dir(&self) -> PathBuf {
        self.playbooks_dir().join("templates")
    }

    /// The playbook tests folder (`playbooks/tests`).
    pub fn tests_dir(&self) -> PathBuf {
        self.playbooks_dir().join("tests")
    }

    /// The outbox folder.
    pub fn outbox_dir(&self) -> PathBuf {
        self.resolve(&self.config.outbox)
    }

    /// The state file.
    pub fn state_path(&self) -> PathBuf {
        self.resolve(&self.config.state)
    }

    /// The leads file: the flag if given, else the config's `leads`.
    pub fn leads_path(&self, flag: Option<&Path>) -> Option<PathBuf> {
        match flag {
            Some(p) if p == Path::new("-") => Some(p.to_path_buf()),
            Some(p) => Some(self.resolve(p)),
            None => self.config.leads.as_ref().map(|l| self.resolve(l.path())),
        }
    }

    /// How the leads file is written (`leads: { delimiter, encoding, decimal,
    /// date_order }`), or what is wrong with that setting.
    pub(crate) fn leads_dialect(&self) -> Result<crate::leads::Dialect, String> {
        match &self.config.leads {
            Some(setting) => setting.dialect(),
            None => Ok(crate::leads::Dialect::default()),
        }
    }

    /// The `.play` files of the playbooks folder, in name order.
    pub fn play_files(&self) -> Result<Vec<PathBuf>, Diagnostic> {
        let dir = self.playbooks_dir();
        let entries =
            std::fs::read_dir(&dir).map_err(|e| {
                Diagnostic::global(Code::PlaybooksUnreadable, format!(
                "cannot read the playbooks folder `{}`: {e}",
                self.display(&dir)
            ))
            .with_help(
                "run `leadplay init` to create a workspace, or set `playbooks` in leadplay.yaml",
            )
            })?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "play") && p.is_file())
            .collect();
        files.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
        Ok(files)
    }

    /// Reads and parses every `.play` file. Returns the AST and all syntax errors.
    pub(crate) fn parse(&mut self) -> (crate::syntax::ast::Program, Vec<Diagnostic>) {
        let files = match self.play_files() {
            Ok(f) => f,
            Err(d) => return (Default::default(), vec![d]),
        };
        if files.is_empty() {
            let dir = self.playbooks_dir();
            let d = Diagnostic::global(
                Code::NoPlayFiles,
                format!("no `.play` files in `{}`", self.display(&dir)),
            )
            .with_help("write your tier rules in a file such as `playbooks/tiers.play`");
            return (Default::default(), vec![d]);
        }
        let mut ids = Vec::new();
        let mut errors = Vec::new();
        for path in files {
            match std::fs::read(&path) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => ids.push(self.sources.add(self.display(&path), text)),
                    Err(_) => errors.push(Diagnostic::global(
                        Code::PlaybooksUnreadable,
                        format!("`{}` is not valid UTF-8", self.display(&path)),
                    )),
                },
                Err(e) => errors.push(Diagnostic::global(
                    Code::PlaybooksUnreadable,
                    format!("cannot read `{}`: {e}", self.display(&path)),
                )),
            }
        }
        let (program, mut diags) = crate::syntax::parse_program(&self.sources, &ids);
        errors.append(&mut diags);
        diagnostics::sort(&mut errors);
        (program, errors)
    }
}
