//! The shape of a lead as the checked program reads it: which fields, in which slots,
//! with which types. `check` builds it; `leads` fills a `Vec<Value>` in slot order.

use crate::value::FieldType;

/// One field the program reads.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldSpec {
    /// The path: one part for a column (`employees`, `Lead Source`), several for
    /// nested JSON/YAML data (`company.size`). A CSV column whose header is the dotted
    /// path (`company.size`) also matches.
    pub path: Vec<String>,
    /// The declared type; `None` when there is no `fields` block (typed by look).
    pub ty: Option<FieldType>,
    /// A missing value is a row error.
    pub required: bool,
}

impl FieldSpec {
    /// The path joined with dots, as shown in messages.
    pub fn display_name(&self) -> String {
        self.path.join(".")
    }
}

/// The fields of a lead, slot by slot.
#[derive(Debug, Clone, PartialEq)]
pub struct LeadSchema {
    /// Slot `i` of a lead's values holds `fields[i]`.
    pub fields: Vec<FieldSpec>,
    /// The slot of the key field (the lead's identity).
    pub key: usize,
    /// Whether a `fields` block declared the fields (then every lead is coerced to it).
    pub declared: bool,
}

impl LeadSchema {
    /// A schema that only knows the key field `id`, typed by look.
    pub fn id_only() -> LeadSchema {
        LeadSchema {
            fields: vec![FieldSpec {
                path: vec!["id".to_string()],
                ty: None,
                required: false,
            }],
            key: 0,
            declared: false,
        }
    }

    /// The slot of a field by its dotted name.
    pub fn slot(&self, dotted: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.display_name() == dotted)
    }
}
