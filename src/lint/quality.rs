//! The data-quality half of `check --leads`: per schema field, how often it is missing,
//! which values do not coerce to its type, and (for text) the most common values,
//! grouped so that `saas`, `SaaS` and `" saas"` show up as variants of one value.

use crate::leads::{FileRules, Probed, Prober, RawLead};
use crate::schema::LeadSchema;
use crate::value::{FieldType, Value};
use std::collections::BTreeMap;
use std::fmt;

/// Most common values shown per text field.
const TOP_VALUES: usize = 5;
/// A text field with at most this many distinct values is a category: always listed.
const FEW_VALUES: usize = 50;
/// Distinct values counted per field; past this, new values are not counted (so the
/// report's memory stays bounded on a column of unique ids) and the counts are partial.
const MAX_DISTINCT: usize = 50_000;

/// One field's numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldQuality {
    /// The field's dotted name.
    pub name: String,
    /// Its declared type (`None` without a `fields` block).
    pub ty: Option<FieldType>,
    /// Records where it is absent, null or blank.
    pub missing: usize,
    /// Records whose value does not coerce to the type.
    pub invalid: usize,
    /// The first such value: (`line N` or `row N`, value, reason).
    pub invalid_example: Option<(String, String, String)>,
    /// Text values as written, with their counts.
    values: BTreeMap<String, usize>,
    /// More distinct values than were counted.
    partial: bool,
}

/// Values equal up to case and surrounding white space, each variant with its count
/// (most common first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueGroup {
    /// The variants, most common first (ties by text).
    pub variants: Vec<(String, usize)>,
    /// Their total.
    pub total: usize,
}

/// The whole file's numbers, field by field in schema order.
#[derive(Debug, Clone)]
pub struct Quality {
    /// Records read (unreadable ones included).
    pub records: usize,
    /// Records that could not be read at all.
    pub unreadable: usize,
    /// One entry per schema field.
    pub fields: Vec<FieldQuality>,
    prober: Prober,
}

impl Quality {
    /// An empty tally for a schema.
    pub fn new(schema: &LeadSchema, rules: FileRules) -> Quality {
        Quality {
            records: 0,
            unreadable: 0,
            fields: schema
                .fields
                .iter()
                .map(|f| FieldQuality {
                    name: f.display_name(),
                    ty: f.ty,
                    missing: 0,
                    invalid: 0,
                    invalid_example: None,
                    values: BTreeMap::new(),
                    partial: false,
                })
                .collect(),
            prober: Prober::new(schema).with_rules(rules),
        }
    }

    /// Counts one record.
    pub fn add(&mut self, raw: &RawLead) {
        self.records += 1;
        for (slot, field) in self.fields.iter_mut().enumerate() {
            match self.prober.probe(raw, slot) {
                Probed::Unreadable => {
                    self.unreadable += 1;
                    return;
                }
                Probed::Missing => field.missing += 1,
                Probed::Invalid { text, reason } => {
                    field.invalid += 1;
                    // The file's own line where it has lines, as the bad-cell warnings say.
                    let place = match raw.place.line {
                        Some(line) => format!("line {line}"),
                        None => format!("row {}", raw.place.row),
                    };
                    field.invalid_example.get_or_insert((place, text, reason));
                }
                Probed::Value { text, value } => {
                    if matches!(value, Value::Text(_)) {
                        field.count(text);
                    }
                }
            }
        }
    }

    /// Records that could be read.
    pub fn readable(&self) -> usize {
        self.records - self.unreadable
    }
}

impl FieldQuality {
    fn count(&mut self, text: String) {
        if let Some(n) = self.values.get_mut(&text) {
            *n += 1;
        } else if self.values.len() < MAX_DISTINCT {
            self.values.insert(text, 1);
        } else {
            self.partial = true;
        }
    }

    /// The most common text values, grouped by their case- and space-folded form
    /// (largest group first, ties by the folded text).
    pub fn top_values(&self) -> Vec<ValueGroup> {
        let mut groups: BTreeMap<String, ValueGroup> = BTreeMap::new();
        for (text, &n) in &self.values {
            let group = groups.entry(fold(text)).or_insert(ValueGroup {
                variants: Vec::new(),
                total: 0,
            });
            group.variants.push((text.clone(), n));
            group.total += n;
        }
        let mut groups: Vec<(String, ValueGroup)> = groups.into_iter().collect();
        groups.sort_by(|(ka, a), (kb, b)| b.total.cmp(&a.total).then_with(|| ka.cmp(kb)));
        groups
            .into_iter()
            .take(TOP_VALUES)
            .map(|(_, mut g)| {
                g.variants
                    .sort_by(|(ta, a), (tb, b)| b.cmp(a).then_with(|| ta.cmp(tb)));
                g
            })
            .collect()
    }

    /// Whether the field's text values are worth listing: some value repeats, and the
    /// values are few (a category, not names) or some of them differ only in case or
    /// spacing.
    fn worth_listing(&self) -> bool {
        if !self.values.values().any(|&n| n > 1) {
            return false;
        }
        let distinct = self
            .values
            .keys()
            .map(|t| fold(t))
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        distinct <= FEW_VALUES || distinct < self.values.len()
    }
}

/// What `saas`, `SaaS` and `" saas "` have in common.
fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A value as listed: bare, or quoted when white space at its ends would not show.
fn shown(text: &str) -> String {
    if text.trim() != text || text.is_empty() {
        format!("{text:?}")
    } else {
        text.to_string()
    }
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "0%".to_string();
    }
    let p = part as f64 * 100.0 / whole as f64;
    format!("{p:.1}%")
}

fn type_name(ty: Option<FieldType>) -> &'static str {
    match ty {
        None => "any",
        Some(ty) => ty.name(),
    }
}

impl fmt::Display for ValueGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .variants
            .iter()
            .map(|(t, n)| format!("{} {n}", shown(t)))
            .collect();
        f.write_str(&parts.join(", "))?;
        match self.variants.len() {
            1 => Ok(()),
            n => write!(f, " — {n} variants of one value"),
        }
    }
}

impl fmt::Display for Quality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let readable = self.readable();
        let width = self
            .fields
            .iter()
            .map(|q| q.name.chars().count())
            .max()
            .unwrap_or(0)
            .clamp(5, 40);
        let types = self
            .fields
            .iter()
            .map(|q| type_name(q.ty).len())
            .max()
            .unwrap_or(0)
            .max(6);
        writeln!(
            f,
            "  {:<width$}  {:<types$}  missing  invalid",
            "field", "type"
        )?;
        for q in &self.fields {
            write!(
                f,
                "  {:<width$}  {:<types$}  {:>7}  {:>7}",
                q.name,
                type_name(q.ty),
                percent(q.missing, readable),
                q.invalid
            )?;
            if let Some((place, value, reason)) = &q.invalid_example {
                let value = crate::leads::quote_value(value);
                write!(f, "  e.g. {place}: {value} {reason}")?;
            }
            writeln!(f)?;
        }
        let text_fields: Vec<&FieldQuality> =
            self.fields.iter().filter(|q| q.worth_listing()).collect();
        if text_fields.is_empty() {
            return Ok(());
        }
        writeln!(f, "most common text values:")?;
        for q in text_fields {
            for (i, group) in q.top_values().iter().enumerate() {
                let label = if i == 0 { q.name.as_str() } else { "" };
                writeln!(f, "  {label:<width$}  {group}")?;
            }
            if q.partial {
                writeln!(
                    f,
                    "  {:<width$}  (over {MAX_DISTINCT} distinct values: counts are partial)",
                    ""
                )?;
            }
        }
        Ok(())
    }
}
