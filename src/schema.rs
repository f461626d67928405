//! The shape of a lead as the checked program reads it: which fields, in which slots,
//! with which types. `check` builds it; `leads` fills a `Vec<Value>` in slot order.

use crate::value::FieldType;
use std::fmt;

/// A part a field plays for the engine (SPEC 5): the only way the engine finds a
/// lead's address, name, language, rep or zone. Nothing else depends on field names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// The recipient address of email-like drafts.
    Email,
    /// The recipient's first name (display name with `last_name`).
    FirstName,
    /// The recipient's last name.
    LastName,
    /// Picks the template variant (`<name>.zh-TW.j2`).
    Language,
    /// The lead's rep.
    Owner,
    /// The lead's time zone.
    TimeZone,
}

impl Role {
    /// Every role, in the order messages list them.
    pub const ALL: [Role; 6] = [
        Role::Email,
        Role::FirstName,
        Role::LastName,
        Role::Language,
        Role::Owner,
        Role::TimeZone,
    ];

    /// The role names, for "did you mean" help.
    pub const NAMES: [&'static str; 6] = [
        "email",
        "first_name",
        "last_name",
        "language",
        "owner",
        "time_zone",
    ];

    /// The role's name as written after `role`; also the field name that plays it
    /// when no field says `role`.
    pub fn name(self) -> &'static str {
        match self {
            Role::Email => "email",
            Role::FirstName => "first_name",
            Role::LastName => "last_name",
            Role::Language => "language",
            Role::Owner => "owner",
            Role::TimeZone => "time_zone",
        }
    }

    /// Parses a role name.
    pub fn from_name(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.name() == name)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One field the program reads.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FieldSpec {
    /// The path: one part for a column (`employees`, `Lead Source`), several for
    /// nested JSON/YAML data (`company.size`). A CSV column whose header is the dotted
    /// path (`company.size`) also matches.
    pub path: Vec<String>,
    /// The declared type; `None` when there is no `fields` block (typed by look).
    pub ty: Option<FieldType>,
    /// A missing value is a row error.
    pub required: bool,
    /// `from "Column"`: the column or key to read (default: the dotted path).
    pub column: Option<String>,
    /// `role R`.
    pub role: Option<Role>,
    /// `map { … }`: value rewrites (keys compare like text: case and outer space ignored).
    pub map: Vec<(String, String)>,
    /// An explicit strftime format for a date or datetime.
    pub format: Option<String>,
}

impl FieldSpec {
    /// A plain field: the path, a type, nothing else.
    pub fn new(path: Vec<String>, ty: Option<FieldType>) -> FieldSpec {
        FieldSpec {
            path,
            ty,
            ..FieldSpec::default()
        }
    }

    /// What `map { … }` rewrites `text` to, if a key matches it (keys compare like text
    /// in rules: case and surrounding white space ignored).
    pub fn mapped(&self, text: &str) -> Option<&str> {
        if self.map.is_empty() {
            return None;
        }
        let wanted = text.trim().to_lowercase();
        self.map
            .iter()
            .find(|(from, _)| from.trim().to_lowercase() == wanted)
            .map(|(_, to)| to.as_str())
    }

    /// The column (CSV) or flat key this field is read from.
    pub fn source_name(&self) -> String {
        self.column.clone().unwrap_or_else(|| self.display_name())
    }

    /// The path joined with dots, as shown in messages.
    pub fn display_name(&self) -> String {
        self.path.join(".")
    }
}

/// The fields of a lead, slot by slot.
#[derive(Debug, Clone, PartialEq)]
pub struct LeadSchema {
    /// Slot `i` of a lead's values holds `fields[i]`.
    pub(crate) fields: Vec<FieldSpec>,
    /// The slot of the key field (the lead's identity).
    pub(crate) key: usize,
    /// Whether a `fields` block declared the fields (then every lead is coerced to it).
    pub(crate) declared: bool,
}

impl LeadSchema {
    /// A schema that only knows the key field `id`, typed by look.
    pub fn id_only() -> LeadSchema {
        LeadSchema {
            fields: vec![FieldSpec::new(vec!["id".to_string()], None)],
            key: 0,
            declared: false,
        }
    }

    /// How many slots a lead's values have: one per field, in [`LeadSchema::field_names`]
    /// order.
    pub fn slot_count(&self) -> usize {
        self.fields.len()
    }

    /// The fields' dotted names (`company.size`), slot by slot: value `i` of a lead
    /// belongs to name `i`.
    pub fn field_names(&self) -> impl Iterator<Item = String> + '_ {
        self.fields.iter().map(FieldSpec::display_name)
    }

    /// The slot of a field by its dotted name.
    pub fn slot(&self, dotted: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.display_name() == dotted)
    }

    /// The field playing `role`: the one that says `role R`, else one named like the
    /// role (today's behaviour). `None` when the schema has neither.
    pub(crate) fn role_field(&self, role: Role) -> Option<&FieldSpec> {
        self.fields
            .iter()
            .find(|f| f.role == Some(role))
            .or_else(|| {
                self.fields
                    .iter()
                    .find(|f| f.role.is_none() && f.display_name() == role.name())
            })
    }

    /// The name under which a template's `lead` holds the value playing `role`: the
    /// role's field, else (no `fields` block, or not declared) the role's own name.
    pub(crate) fn role_key(&self, role: Role) -> String {
        match self.role_field(role) {
            Some(field) => field.display_name(),
            None => role.name().to_string(),
        }
    }

    /// [`LeadSchema::role_key`] for every role, for the renderer.
    pub(crate) fn role_keys(&self) -> RoleKeys {
        RoleKeys(Role::ALL.map(|r| self.role_key(r)))
    }
}

/// Per role, the `lead` key that holds its value in a template context.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct RoleKeys([String; 6]);

impl RoleKeys {
    /// The key of one role.
    pub(crate) fn get(&self, role: Role) -> &str {
        let index = Role::ALL.iter().position(|r| *r == role).unwrap_or(0);
        &self.0[index]
    }
}

impl Default for RoleKeys {
    /// Each role read from the field of its own name (no `fields` block).
    fn default() -> RoleKeys {
        RoleKeys(Role::ALL.map(|r| r.name().to_string()))
    }
}
