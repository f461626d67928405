//! Constant sizes a render would refuse (`indent(99999999999)`, `[1] * 99999999999`,
//! `'%99999999999d'|format(n)`, `range(999999999)`): errors, because every draft of the
//! template would fail. Template bodies only; a subject or header is one short line.

use crate::diagnostics::{Code, Diagnostic};
use crate::render::{TemplateSet, constant_sizes};
use crate::source::Span;

/// One error per constant size beyond a bound, at the expression in the template file.
pub(super) fn constant_size_errors(templates: &TemplateSet) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for name in templates.names() {
        for body in templates.bodies(name) {
            let start = body.span.range().start;
            for found in constant_sizes(&body.text) {
                let range = start + found.range.start..start + found.range.end;
                diags.push(
                    Diagnostic::at(
                        Code::SizeTooLarge,
                        Span::new(body.span.file, range),
                        found.message,
                    )
                    .with_help(found.help),
                );
            }
        }
    }
    diags
}
