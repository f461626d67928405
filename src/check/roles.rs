//! What the engine needs from the lead data, checked before anything runs (SPEC 5):
//! email-like steps need a field playing the `email` role, and (with `--leads`) every
//! mapped column must exist in the file, the key column included.

use super::{Checker, suggest};
use crate::diagnostics::{Code, Diagnostic};
use crate::program::PlaybookPlan;
use crate::schema::{LeadSchema, Role};
use crate::source::Span;
use crate::syntax::ast::{self, Item};

impl Checker<'_> {
    /// Reports email-like steps without an `email` role, once, at the first such step.
    pub(super) fn check_email_role(&mut self, schema: &LeadSchema, playbooks: &[PlaybookPlan]) {
        let Some(step) = playbooks
            .iter()
            .flat_map(|p| &p.steps)
            .find(|s| s.channel.is_email())
        else {
            return;
        };
        if schema.declared {
            if schema.role_field(Role::Email).is_none() {
                self.error(
                    Diagnostic::at(Code::NoEmailRole,
                        step.span,
                        format!("`{}` drafts need a recipient, and no field plays the `email` role", step.channel),
                    )
                    .with_help("declare one, e.g. `address text role email from \"Email\"` (or name a field `email`)"),
                );
            }
            return;
        }
        let Some(columns) = &self.options.columns else {
            return;
        };
        if columns.iter().any(|c| c == "email") {
            return;
        }
        let close = crate::diagnostics::did_you_mean("email", columns.iter().map(String::as_str));
        let help = match close {
            Some(column) => {
                format!("map it in a `fields` block: `email text role email from \"{column}\"`")
            }
            None => "add a `fields` block with a field that has `role email`".to_string(),
        };
        self.error(
            Diagnostic::at(
                Code::NoEmailColumn,
                step.span,
                format!(
                    "`{}` drafts need a recipient, and the leads file has no `email` column",
                    step.channel
                ),
            )
            .with_help(help),
        );
    }

    /// With `--leads`: a `from "Column"` (or the key field's name) that the file lacks
    /// is an error, once, with a did-you-mean over the file's real columns.
    pub(super) fn check_mapped_columns(&mut self, program: &ast::Program, schema: &LeadSchema) {
        let Some(columns) = self.options.columns.clone() else {
            return;
        };
        let key = schema.fields.get(schema.key);
        for decl in fields_of(program) {
            let dotted = dotted(decl);
            let is_key = key.is_some_and(|k| k.display_name() == dotted);
            let (wanted, span) = match &decl.column {
                Some(column) => (column.value.clone(), column.span),
                None if is_key && schema.declared => (dotted, decl.span),
                None => continue,
            };
            if columns.contains(&wanted) {
                continue;
            }
            self.error(missing_column(&wanted, span, &columns, is_key));
        }
    }
}

fn missing_column(wanted: &str, span: Span, columns: &[String], is_key: bool) -> Diagnostic {
    let what = if is_key { "key column" } else { "column" };
    let listed = columns
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let help = match suggest(wanted, columns.iter().map(String::as_str)) {
        Some(close) => format!("{close} the file's columns are {listed}"),
        None => format!("map the field with `from \"Column\"`; the file's columns are {listed}"),
    };
    Diagnostic::at(
        Code::MissingColumn,
        span,
        format!("the leads file has no {what} `{wanted}`"),
    )
    .with_help(help)
}

fn fields_of(program: &ast::Program) -> impl Iterator<Item = &ast::FieldDecl> {
    program.items.iter().flat_map(|item| match item {
        Item::Fields(block) => block.fields.as_slice(),
        _ => &[],
    })
}

fn dotted(decl: &ast::FieldDecl) -> String {
    decl.path
        .iter()
        .map(|i| i.name.as_str())
        .collect::<Vec<_>>()
        .join(".")
}
