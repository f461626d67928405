//! What an export looks like: its dialect, and per column a field name, a type, the
//! key and the roles (SPEC 5, `init --from-leads`). Judged on the cells themselves.

use crate::leads::{
    DateOrder, FileRules, NumberStyle, bool_wide, date_in, datetime_in, money_in, number_in,
    parse_number, percent_in,
};
use crate::schema::Role;
use crate::value::FieldType;

/// One column of the export and the field made for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The header as written.
    pub header: String,
    /// The field name (`number_of_employees`, or `` `公司` `` for other scripts).
    pub field: String,
    /// The inferred type.
    pub ty: FieldType,
    /// The role it plays, if any.
    pub role: Option<Role>,
}

/// The whole inference.
#[derive(Debug, Clone, PartialEq)]
pub struct Inferred {
    /// One entry per column, in file order.
    pub columns: Vec<Column>,
    /// The index of the key column.
    pub key: usize,
    /// Decimal comma and date order.
    pub rules: FileRules,
    /// `HubSpot`, `Salesforce`, `Pipedrive`, when the headers say so.
    pub source: Option<&'static str>,
}

/// Infers fields from a header and sample rows (cells as text; missing cells empty).
pub fn infer(header: &[String], rows: &[Vec<String>]) -> Inferred {
    let cells = |i: usize| -> Vec<&str> {
        rows.iter()
            .filter_map(|r| r.get(i).map(|c| c.trim()))
            .filter(|c| !c.is_empty())
            .collect()
    };
    let all: Vec<&str> = (0..header.len()).flat_map(cells).collect();
    let rules = FileRules {
        style: NumberStyle {
            decimal_comma: prefers_decimal_comma(&all),
        },
        order: date_order(&all),
    };
    let mut names = Vec::new();
    let mut columns: Vec<Column> = header
        .iter()
        .enumerate()
        .map(|(i, h)| Column {
            header: h.clone(),
            field: unique(field_name(h), &mut names),
            ty: infer_type(&cells(i), rules),
            role: None,
        })
        .collect();
    let key = find_key(header, rows);
    if let Some(key_column) = columns.get_mut(key) {
        key_column.ty = FieldType::Text;
    }
    assign_roles(&mut columns, rows);
    Inferred {
        columns,
        key,
        rules,
        source: recognise(header),
    }
}

/// `Number of Employees` → `number_of_employees`; `Country/Region` → `country_region`;
/// a header in another script keeps its letters, in backticks.
pub fn field_name(header: &str) -> String {
    let mut name = String::new();
    for c in header.trim().chars() {
        if c.is_ascii_alphanumeric() {
            name.push(c.to_ascii_lowercase());
        } else if !name.ends_with('_') && !name.is_empty() {
            name.push('_');
        }
    }
    let name = name.trim_end_matches('_').to_string();
    let other_script = header.chars().any(|c| c.is_alphabetic() && !c.is_ascii());
    if name.is_empty() || (other_script && name.len() < 2) {
        return format!("`{}`", header.trim().replace('`', "'"));
    }
    if name.starts_with(|c: char| c.is_ascii_digit())
        || crate::syntax::RESERVED.contains(&name.as_str())
    {
        return format!("{name}_field");
    }
    name
}

fn unique(name: String, taken: &mut Vec<String>) -> String {
    let mut candidate = name.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = match name.strip_suffix('`') {
            Some(inner) => format!("{inner} {n}`"),
            None => format!("{name}_{n}"),
        };
        n += 1;
    }
    taken.push(candidate.clone());
    candidate
}

/// The narrowest type every present cell fits; text when none does (or no cell).
fn infer_type(cells: &[&str], rules: FileRules) -> FieldType {
    if cells.is_empty() {
        return FieldType::Text;
    }
    // A few odd cells (`$4.5M`, `yesterday`) do not make a column text: they are
    // reported as unreadable when the workspace runs. Small samples must fit whole.
    let allowed_misses = if cells.len() >= 5 { cells.len() / 5 } else { 0 };
    let every =
        |test: &dyn Fn(&str) -> bool| cells.iter().filter(|c| !test(c)).count() <= allowed_misses;
    let some = |test: &dyn Fn(&str) -> bool| cells.iter().any(|c| test(c));
    let leading_zero = some(&|c| c.len() > 1 && c.starts_with('0') && !c.starts_with("0."));
    let digits_only = every(&|c| c.bytes().all(|b| b.is_ascii_digit()));
    if every(&|c| bool_wide(c).is_some()) && !digits_only {
        return FieldType::Bool;
    }
    if every(&|c| c.ends_with('%') && percent_in(c, rules.style).is_some()) {
        return FieldType::Percent;
    }
    if !leading_zero && every(&|c| number_in(c, rules.style).is_some()) {
        return FieldType::Number;
    }
    if every(&|c| money_in(c, rules.style).is_some()) {
        return FieldType::Money;
    }
    let has_time = |c: &str| c.contains(':');
    if every(&|c| datetime_in(c, rules.order, None).is_some()) && some(&has_time) {
        return FieldType::DateTime;
    }
    if every(&|c| date_in(c, rules.order, None).is_some()) {
        return FieldType::Date;
    }
    FieldType::Text
}

/// A decimal comma when more number-like cells read only that way than only the
/// other (`4.500.000,00 €`, `3,5`), as European Excel writes them.
fn prefers_decimal_comma(cells: &[&str]) -> bool {
    let comma = NumberStyle {
        decimal_comma: true,
    };
    let dot = NumberStyle::default();
    let (mut only_comma, mut only_dot) = (0, 0);
    for cell in cells {
        let (c, d) = (
            money_in(cell, comma).is_some(),
            money_in(cell, dot).is_some(),
        );
        if c && !d {
            only_comma += 1;
        } else if d && !c && parse_number(cell).is_none() {
            only_dot += 1;
        }
    }
    only_comma > only_dot
}

/// `dmy` when some slashed date can only be day first (`20/11/2026`).
fn date_order(cells: &[&str]) -> DateOrder {
    let day_first = cells.iter().any(|c| {
        date_in(c, DateOrder::Mdy, None).is_none() && date_in(c, DateOrder::Dmy, None).is_some()
    });
    if day_first {
        DateOrder::Dmy
    } else {
        DateOrder::Mdy
    }
}

/// `Record ID`, `Id`, `Lead ID` … by name; else the first column whose values are all
/// present and unique.
fn find_key(header: &[String], rows: &[Vec<String>]) -> usize {
    const NAMES: [&str; 7] = [
        "record id",
        "id",
        "lead id",
        "contact id",
        "person - id",
        "account id",
        "customer id",
    ];
    if let Some(i) = header
        .iter()
        .position(|h| NAMES.contains(&h.trim().to_lowercase().as_str()))
    {
        return i;
    }
    (0..header.len())
        .find(|&i| {
            let values: Vec<&str> = rows
                .iter()
                .map(|r| r.get(i).map_or("", |c| c.trim()))
                .collect();
            let mut unique = values.clone();
            unique.sort_unstable();
            unique.dedup();
            values.iter().all(|v| !v.is_empty()) && unique.len() == values.len()
        })
        .unwrap_or(0)
}

/// Roles from common CRM column names; the email role also from any column whose name
/// says email and whose values are addresses.
fn assign_roles(columns: &mut [Column], rows: &[Vec<String>]) {
    const BY_NAME: [(Role, &[&str]); 6] = [
        (Role::Email, &["email", "e-mail", "email address"]),
        (
            Role::FirstName,
            &["first name", "firstname", "first_name", "vorname"],
        ),
        (
            Role::LastName,
            &["last name", "lastname", "last_name", "nachname"],
        ),
        (
            Role::Owner,
            &[
                "contact owner",
                "lead owner",
                "owner",
                "person - owner",
                "deal owner",
            ],
        ),
        (
            Role::Language,
            &["preferred language", "language", "sprache"],
        ),
        (Role::TimeZone, &["time zone", "timezone", "time_zone"]),
    ];
    for (role, names) in BY_NAME {
        let found = columns
            .iter()
            .position(|c| names.contains(&c.header.trim().to_lowercase().as_str()));
        if let Some(column) = found.and_then(|i| columns.get_mut(i)) {
            column.role = Some(role);
        }
    }
    let has = |columns: &[Column], role| columns.iter().any(|c| c.role == Some(role));
    if !has(columns, Role::Email) {
        let addresses = |i: usize| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .filter(|c| !c.trim().is_empty())
                .all(|c| c.contains('@'))
        };
        let found = columns.iter().enumerate().position(|(i, c)| {
            let lower = c.header.to_lowercase();
            (lower.contains("email") || lower.contains("e-mail")) && addresses(i)
        });
        if let Some(column) = found.and_then(|i| columns.get_mut(i)) {
            column.role = Some(Role::Email);
        }
    }
    if !has(columns, Role::FirstName) {
        let full_name = columns.iter().position(|c| {
            let lower = c.header.trim().to_lowercase();
            ["name", "full name", "person - name", "contact name"].contains(&lower.as_str())
        });
        if let Some(column) = full_name.and_then(|i| columns.get_mut(i)) {
            column.role = Some(Role::FirstName);
        }
    }
}

/// The CRM an export comes from, by its headers.
fn recognise(header: &[String]) -> Option<&'static str> {
    let has = |name: &str| header.iter().any(|h| h.trim() == name);
    if has("Record ID") && (has("Contact owner") || has("Lifecycle Stage")) {
        Some("HubSpot")
    } else if has("Lead ID") || has("Lead Owner") || has("Opportunity ID") {
        Some("Salesforce")
    } else if header.iter().any(|h| h.starts_with("Person - ")) {
        Some("Pipedrive")
    } else {
        None
    }
}

#[cfg(test)]
mod tests;
