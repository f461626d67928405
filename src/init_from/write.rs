//! The files of a workspace made for an export: `leadplay.yaml` with the file's
//! dialect, a `fields` block over its columns, a starter strategy over the fields it
//! found, templates that render whatever roles the file lacks, and one test.

use super::infer::{Column, Inferred};
use crate::leads::{DateOrder, Dialect};
use crate::schema::Role;
use crate::value::FieldType;

/// One file to write: its path in the workspace and its text.
pub type GeneratedFile = (String, String);

/// Every file of the new workspace. `leads_path` is the export as the config names it.
pub fn workspace_files(
    inferred: &Inferred,
    leads_path: &str,
    dialect: &Dialect,
) -> Vec<GeneratedFile> {
    let plan = Strategy::new(inferred);
    let mut files = vec![
        (
            "leadplay.yaml".to_string(),
            config(inferred, leads_path, dialect),
        ),
        (
            "playbooks/01-fields.play".to_string(),
            fields_block(inferred),
        ),
        ("playbooks/02-strategy.play".to_string(), plan.program()),
    ];
    files.extend(plan.templates());
    files.push(("playbooks/tests/01-starter.yaml".to_string(), plan.test()));
    files
}

fn config(inferred: &Inferred, leads_path: &str, dialect: &Dialect) -> String {
    let quote = |s: &str| serde_json::Value::String(s.to_string()).to_string();
    let mut leads = format!("  path: {}\n", quote(leads_path));
    let delimiter = match dialect.delimiter.unwrap_or(b',') {
        b'\t' => "tab".to_string(),
        d => char::from(d).to_string(),
    };
    leads.push_str(&format!("  delimiter: {}\n", quote(&delimiter)));
    if let Some(encoding) = dialect.encoding {
        leads.push_str(&format!("  encoding: {}\n", encoding.name().to_lowercase()));
    }
    let decimal = if inferred.rules.style.decimal_comma {
        ","
    } else {
        "."
    };
    leads.push_str(&format!("  decimal: {}\n", quote(decimal)));
    let order = match inferred.rules.order {
        DateOrder::Mdy => "mdy",
        DateOrder::Dmy => "dmy",
    };
    leads.push_str(&format!("  date_order: {order}\n"));
    let seen = inferred
        .source
        .map_or("a CRM export".to_string(), |s| format!("a {s} export"));
    format!(
        "# Made by `leadplay init --from-leads` for {seen}. Every key is optional.\n\
         leads:\n{leads}\
         playbooks: playbooks\n\
         outbox: drafts\n\
         state: .leadplay/state.jsonl\n\
         \n\
         sender:\n\
         \x20 name: Your Name\n\
         \x20 email: you@example.com\n\
         \x20 company: Your Company\n\
         \x20 signature: |\n\
         \x20   Your Name\n\
         \x20   Your Company\n"
    )
}

/// The `fields` block: one line per column, aligned.
pub fn fields_block(inferred: &Inferred) -> String {
    let width = inferred
        .columns
        .iter()
        .map(|c| c.field.chars().count())
        .max()
        .unwrap_or(0);
    let mut text = String::from(
        "# One field per column of the export. A value that does not fit its type is\n\
         # reported and read as missing; the lead is still evaluated.\n\
         fields {\n",
    );
    for (i, column) in inferred.columns.iter().enumerate() {
        let mut flags = Vec::new();
        if i == inferred.key {
            flags.push("key".to_string());
        }
        if let Some(role) = column.role {
            flags.push(format!("role {role}"));
        }
        flags.push(format!(
            "from {}",
            serde_json::Value::String(column.header.clone())
        ));
        let pad = width - column.field.chars().count();
        text.push_str(&format!(
            "  {}{}  {:<8}  {}\n",
            column.field,
            " ".repeat(pad),
            column.ty.name(),
            flags.join("  ")
        ));
    }
    text.push_str("}\n");
    text
}

/// Never used for a real export (a file without columns is refused earlier).
static FALLBACK_KEY: Column = Column {
    header: String::new(),
    field: String::new(),
    ty: FieldType::Text,
    role: None,
};

/// The starter strategy: which of the export's fields it reads.
struct Strategy<'a> {
    key: &'a Column,
    email: Option<&'a Column>,
    first_name: Option<&'a Column>,
    activity: Option<&'a Column>,
    size: Option<&'a Column>,
    revenue: Option<&'a Column>,
    opted_out: Option<&'a Column>,
}

impl<'a> Strategy<'a> {
    fn new(inferred: &'a Inferred) -> Strategy<'a> {
        let columns = &inferred.columns;
        let role = |r: Role| columns.iter().find(|c| c.role == Some(r));
        let named = |types: &[FieldType], words: &[&str]| {
            columns.iter().find(|c| {
                let header = c.header.to_lowercase();
                types.contains(&c.ty) && words.iter().any(|w| header.contains(w))
            })
        };
        let dates = [FieldType::Date, FieldType::DateTime];
        Strategy {
            key: columns
                .get(inferred.key)
                .or(columns.first())
                .unwrap_or(&FALLBACK_KEY),
            email: role(Role::Email),
            first_name: role(Role::FirstName),
            activity: named(&dates, &["activity", "kontakt", "last", "update"]),
            size: named(&[FieldType::Number], &["employee", "mitarbeiter", "size"]),
            revenue: named(
                &[FieldType::Money, FieldType::Number],
                &["revenue", "umsatz", "amount"],
            ),
            opted_out: named(
                &[FieldType::Bool],
                &["unsub", "opt", "abgemeldet", "do not"],
            ),
        }
    }

    fn program(&self) -> String {
        let mut fit = String::new();
        if let Some(size) = self.size {
            fit.push_str(&format!("  +20 when {} >= 500\n", size.field));
        }
        if let Some(revenue) = self.revenue {
            fit.push_str(&format!("  +20 when {} >= 1000000\n", revenue.field));
        }
        if fit.is_empty() {
            fit.push_str(&format!("  +10 when {} is present\n", self.key.field));
        }
        let engagement = match self.activity {
            Some(a) => format!(
                "  +40 when days_since({0}) <= 14\n  +20 when days_since({0}) <= 45\n",
                a.field
            ),
            None => "  +0 when false\n".to_string(),
        };
        let mut suppress = String::new();
        if let Some(opted_out) = self.opted_out {
            suppress.push_str(&format!("suppress when {}\n", opted_out.field));
        }
        if let Some(email) = self.email {
            suppress.push_str(&format!("suppress when {} is missing\n", email.field));
        }
        let warm_step = if self.email.is_some() {
            "day 0  email \"warm/follow_up\""
        } else {
            "day 0  task  \"warm/follow_up\""
        };
        format!(
            "# A starter strategy over the fields this export has: edit freely.\n\
             score fit {{\n{fit}}}\n\n\
             score engagement {{\n{engagement}  range 0..100\n}}\n\n\
             tiers {{\n\
             \x20 hot  when engagement >= 40 and fit >= 20\n\
             \x20 warm when engagement >= 20\n\
             \x20 cold otherwise\n\
             }}\n\n\
             {suppress}\n\
             playbook cold owner marketing {{\n  day 0  mail  \"cold/intro\"\n}}\n\n\
             playbook warm owner sales {{\n  {warm_step}\n}}\n\n\
             playbook hot owner sales {{\n  day 0  call  \"hot/call\"\n}}\n"
        )
    }

    /// Templates that render for every lead: each field read has a default.
    fn templates(&self) -> Vec<GeneratedFile> {
        let greeting = match self.first_name {
            Some(c) => format!("Hi {{{{ {} | default(\"there\") }}}},", lead_ref(c)),
            None => "Hello,".to_string(),
        };
        let body = |what: &str| {
            format!(
                "{greeting}\n\n{what}\n\n{{{{ sender.signature }}}}\n\n\
                 If you would rather not hear from us, reply with \"unsubscribe\".\n"
            )
        };
        vec![
            (
                "playbooks/templates/cold/intro.j2".to_string(),
                format!(
                    "---\nsubject: \"An introduction from {{{{ sender.company }}}}\"\n---\n{}",
                    body("A short note to introduce what we do.")
                ),
            ),
            (
                "playbooks/templates/warm/follow_up.j2".to_string(),
                format!(
                    "---\nsubject: \"Following up\"\n---\n{}",
                    body("Thanks for your interest: could we find 20 minutes this week?")
                ),
            ),
            (
                "playbooks/templates/hot/call.j2".to_string(),
                format!(
                    "Call lead {{{{ {} }}}} ({{{{ tier }}}}): answer every open question and agree on next steps.\n",
                    lead_ref(self.key)
                ),
            ),
        ]
    }

    /// One test: a lead with only its key is cold and gets the cold draft.
    fn test(&self) -> String {
        // Written as the export has it: the columns the fields are read from.
        let column = |c: &Column| serde_json::Value::String(c.header.clone());
        let mut lead = format!("{}: t1", column(self.key));
        if let Some(email) = self.email {
            lead.push_str(&format!(", {}: t1@example.com", column(email)));
        }
        format!(
            "- name: a lead with no activity is cold and gets the introduction\n\
             \x20 as_of: 2026-01-05\n\
             \x20 lead: {{ {lead} }}\n\
             \x20 expect:\n\
             \x20   tier: cold\n\
             \x20   drafts: [cold/intro]\n"
        )
    }
}

/// How a template reads a field: `lead.name`, or `lead["name"]` for a backtick name.
fn lead_ref(column: &Column) -> String {
    match column
        .field
        .strip_prefix('`')
        .and_then(|f| f.strip_suffix('`'))
    {
        Some(name) => format!("lead[{}]", serde_json::Value::String(name.to_string())),
        None => format!("lead.{}", column.field),
    }
}
