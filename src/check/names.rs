//! Names: the `fields` block, the segment/score table, and resolving a path in an
//! expression to a field slot or a derived (segment/score) slot.
//!
//! Fields, segments and scores share one namespace. With a `fields` block every name
//! must be declared; without one, any name that is not a segment or score is a field,
//! given a slot in first-reference order.

use super::types::Ty;
use super::{Checker, suggest};
use crate::diagnostics::{Code, Diagnostic};
use crate::program::Node;
use crate::schema::{FieldSpec, LeadSchema, Role};
use crate::source::Span;
use crate::syntax::ast::{self, Ident, Item};
use crate::value::FieldType;
use std::collections::{BTreeMap, BTreeSet};

/// The lead fields the program reads.
#[derive(Debug, Default)]
pub(super) struct Fields {
    /// A `fields` block exists.
    declared: bool,
    block_span: Option<Span>,
    specs: Vec<FieldSpec>,
    /// Dotted name → slot.
    index: BTreeMap<String, u32>,
    /// Declaration span per slot (declared mode).
    spans: Vec<Span>,
    key: Option<(usize, Span)>,
    /// Names already warned about (not a column), so each is reported once.
    warned: BTreeSet<String>,
}

/// What a definition defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DefKind {
    Segment,
    Score,
}

/// One segment or score, in source order (its index is its derived slot).
#[derive(Debug)]
pub(super) struct DefEntry {
    pub(super) name: String,
    pub(super) kind: DefKind,
    pub(super) span: Span,
}

/// The segment/score table.
#[derive(Debug, Default)]
pub(super) struct Defs {
    pub(super) entries: Vec<DefEntry>,
    /// Name → index of its first definition.
    index: BTreeMap<String, usize>,
    /// Per definition, the field slots a segment depends on (transitively).
    pub(super) seg_fields: Vec<Vec<u32>>,
    /// Every reference between definitions: (from, to, where).
    pub(super) edges: Vec<(usize, usize, Span)>,
}

impl Fields {
    /// The slot and type of a declared (or already seen) field.
    fn lookup(&self, dotted: &str) -> Option<(u32, Ty)> {
        let slot = *self.index.get(dotted)?;
        let ty = self.specs.get(slot as usize).and_then(|f| f.ty);
        Some((slot, ty.map_or(Ty::Any, |t| Ty::Known(t.value_type()))))
    }

    fn add(&mut self, spec: FieldSpec) -> u32 {
        let slot = u32::try_from(self.specs.len()).unwrap_or(u32::MAX);
        self.index.insert(spec.display_name(), slot);
        self.specs.push(spec);
        slot
    }

    /// Finishes the slot layout: the key field (declared mode), or `id` added as the
    /// key (look mode).
    pub(super) fn schema(&mut self, diags: &mut Vec<Diagnostic>) -> LeadSchema {
        let key = if self.declared {
            let key = self
                .key
                .map(|(slot, _)| slot)
                .or_else(|| self.index.get("id").map(|&s| s as usize));
            if key.is_none() {
                let span = self.block_span.unwrap_or_default();
                diags.push(
                    Diagnostic::at(
                        Code::NoKeyField,
                        span,
                        "the `fields` block declares no key field",
                    )
                    .with_help("mark one field `key`, e.g. `id text key`"),
                );
            }
            key.unwrap_or(0)
        } else {
            match self.index.get("id") {
                Some(&slot) => slot as usize,
                None => self.add(FieldSpec::new(vec!["id".to_string()], None)) as usize,
            }
        };
        LeadSchema {
            fields: self.specs.clone(),
            key,
            declared: self.declared,
        }
    }
}

impl Checker<'_> {
    /// Reads every `fields` block (several blocks are merged).
    pub(super) fn collect_fields(&mut self, program: &ast::Program) -> Fields {
        let mut fields = Fields::default();
        for item in &program.items {
            let Item::Fields(block) = item else { continue };
            fields.declared = true;
            fields.block_span.get_or_insert(block.span);
            for decl in &block.fields {
                self.declare_field(&mut fields, decl);
            }
        }
        fields
    }

    fn declare_field(&mut self, fields: &mut Fields, decl: &ast::FieldDecl) {
        let path: Vec<String> = decl.path.iter().map(|i| i.name.clone()).collect();
        let dotted = path.join(".");
        let span = path_span(&decl.path).unwrap_or(decl.span);
        if let Some(&slot) = fields.index.get(&dotted) {
            let first = fields.spans.get(slot as usize).copied().unwrap_or(span);
            self.error(
                Diagnostic::at(
                    Code::FieldDeclaredTwice,
                    span,
                    format!("field `{dotted}` is declared twice"),
                )
                .with_secondary(first, "first defined here"),
            );
            return;
        }
        let ty = FieldType::from_name(&decl.ty.name);
        if ty.is_none() {
            let help = suggest(&decl.ty.name, FieldType::NAMES)
                .unwrap_or_else(|| "types are: text, number, bool, date, list".to_string());
            self.error(
                Diagnostic::at(
                    Code::UnknownType,
                    decl.ty.span,
                    format!("unknown type `{}`", decl.ty.name),
                )
                .with_help(help),
            );
        }
        let spec = FieldSpec {
            required: decl.required,
            column: decl.column.as_ref().map(|c| c.value.clone()),
            role: self.field_role(fields, decl),
            map: decl
                .map
                .iter()
                .map(|(from, to)| (from.value.clone(), to.value.clone()))
                .collect(),
            format: self.field_format(decl, ty),
            ..FieldSpec::new(path, ty)
        };
        let slot = fields.add(spec);
        fields.spans.push(span);
        if decl.key {
            match fields.key {
                Some((_, first)) => self.error(
                    Diagnostic::at(Code::SecondKeyField, decl.span, "a second `key` field")
                        .with_secondary(first, "first `key` field here")
                        .with_help("a lead has one identity: keep `key` on one field"),
                ),
                None => fields.key = Some((slot as usize, decl.span)),
            }
        }
    }

    /// The field's `role`, checked: a known role, played by one field only.
    fn field_role(&mut self, fields: &Fields, decl: &ast::FieldDecl) -> Option<Role> {
        let written = decl.role.as_ref()?;
        let Some(role) = Role::from_name(&written.name) else {
            let help = suggest(&written.name, Role::NAMES).unwrap_or_else(|| {
                "roles are: email, first_name, last_name, language, owner, time_zone".to_string()
            });
            self.error(
                Diagnostic::at(
                    Code::UnknownRole,
                    written.span,
                    format!("unknown role `{}`", written.name),
                )
                .with_help(help),
            );
            return None;
        };
        if let Some(first) = fields.specs.iter().position(|f| f.role == Some(role)) {
            let mut diag = Diagnostic::at(
                Code::RoleTwice,
                written.span,
                format!("two fields play the role `{role}`"),
            )
            .with_help("a lead has one of each role: keep `role` on one field");
            if let Some(&first_span) = fields.spans.get(first) {
                diag = diag.with_secondary(first_span, "first given here");
            }
            self.error(diag);
            return None;
        }
        Some(role)
    }

    /// A date format after the type: only dates and datetimes take one, and chrono
    /// must understand it.
    fn field_format(&mut self, decl: &ast::FieldDecl, ty: Option<FieldType>) -> Option<String> {
        let format = decl.format.as_ref()?;
        if !matches!(ty, Some(FieldType::Date | FieldType::DateTime)) {
            self.error(
                Diagnostic::at(
                    Code::FormatNotDate,
                    format.span,
                    "only a `date` or `datetime` takes a format",
                )
                .with_help("write the format after the type: `date \"%d/%m/%Y\"`"),
            );
            return None;
        }
        if !crate::leads::is_date_format(&format.value) {
            self.error(
                Diagnostic::at(
                    Code::BadDateFormat,
                    format.span,
                    format!("`{}` is not a date format", format.value),
                )
                .with_help("use strftime fields, e.g. `%d/%m/%Y` or `%m/%d/%Y %H:%M`"),
            );
            return None;
        }
        Some(format.value.clone())
    }

    /// Builds the segment/score table, reporting names defined twice.
    pub(super) fn collect_defs(&mut self, program: &ast::Program) -> Defs {
        let mut defs = Defs::default();
        for item in &program.items {
            let (name, span, kind) = match item {
                Item::Segment(s) => (s.name.name.clone(), s.name.span, DefKind::Segment),
                Item::Score(s) => match &s.name {
                    Some(n) => (n.name.clone(), n.span, DefKind::Score),
                    None => ("score".to_string(), s.span, DefKind::Score),
                },
                _ => continue,
            };
            let first = match defs.index.get(&name) {
                Some(&i) => defs.entries.get(i).map(|e| e.span),
                None => self.declared_field_span(&name),
            };
            if let Some(first) = first {
                self.error(
                    Diagnostic::at(
                        Code::DefinedTwice,
                        span,
                        format!("`{name}` is defined twice"),
                    )
                    .with_secondary(first, "first defined here")
                    .with_help("fields, segments and scores share one namespace"),
                );
            } else {
                defs.index.insert(name.clone(), defs.entries.len());
            }
            defs.entries.push(DefEntry { name, kind, span });
            defs.seg_fields.push(Vec::new());
        }
        defs
    }

    fn declared_field_span(&self, name: &str) -> Option<Span> {
        let slot = *self.fields.index.get(name)?;
        self.fields.spans.get(slot as usize).copied()
    }

    /// Resolves a name or path in an expression.
    pub(super) fn resolve(&mut self, path: &[Ident], span: Span) -> (Node, Ty) {
        let dotted = path
            .iter()
            .map(|i| i.name.as_str())
            .collect::<Vec<_>>()
            .join(".");
        if let Some(&def) = self.defs.index.get(&dotted) {
            return self.resolve_def(def, span);
        }
        if let Some((slot, ty)) = self.fields.lookup(&dotted) {
            self.deps.push(slot);
            return (Node::Field(slot), ty);
        }
        if self.fields.declared {
            self.unknown_name(&dotted, span);
            return (Node::Const(crate::value::Value::Missing), Ty::Any);
        }
        self.warn_not_a_column(&dotted, span);
        let names = path.iter().map(|i| i.name.clone()).collect();
        let slot = self.fields.add(FieldSpec::new(names, None));
        self.deps.push(slot);
        (Node::Field(slot), Ty::Any)
    }

    fn resolve_def(&mut self, def: usize, span: Span) -> (Node, Ty) {
        if let Some(current) = self.current {
            self.defs.edges.push((current, def, span));
        }
        let slot = u32::try_from(def).unwrap_or(u32::MAX);
        match self.defs.entries.get(def).map(|e| e.kind) {
            Some(DefKind::Segment) => {
                if let Some(fields) = self.defs.seg_fields.get(def) {
                    self.deps.extend_from_slice(fields);
                }
                (Node::Segment(slot), Ty::Known(FieldType::Bool))
            }
            _ => (Node::Score(slot), Ty::Known(FieldType::Number)),
        }
    }

    fn unknown_name(&mut self, name: &str, span: Span) {
        let candidates: Vec<&str> = self
            .fields
            .index
            .keys()
            .chain(self.defs.index.keys())
            .map(String::as_str)
            .collect();
        let help = suggest(name, candidates.iter().copied())
            .unwrap_or_else(|| format!("declare `{name}` in the `fields` block"));
        self.error(
            Diagnostic::at(Code::UnknownName, span, format!("unknown name `{name}`"))
                .with_label("not a declared field, segment or score")
                .with_help(help),
        );
    }

    fn warn_not_a_column(&mut self, name: &str, span: Span) {
        let Some(columns) = &self.options.columns else {
            return;
        };
        let first = name.split('.').next().unwrap_or(name);
        let known = columns.iter().any(|c| c == name || c == first);
        if known || !self.fields.warned.insert(name.to_string()) {
            return;
        }
        let help = suggest(name, columns.iter().map(String::as_str))
            .unwrap_or_else(|| "every lead will read it as missing".to_string());
        self.diags.push(
            Diagnostic::at(
                Code::NotAColumn,
                span,
                format!("`{name}` is not a column of the leads file"),
            )
            .with_help(help),
        );
    }
}

/// The span covering a whole path.
fn path_span(path: &[Ident]) -> Option<Span> {
    let first = path.first()?.span;
    Some(path.last().map_or(first, |l| first.to(l.span)))
}
