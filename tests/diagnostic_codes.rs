//! Each code is reached by the mistake `docs/diagnostics.md` shows for it: a small
//! workspace per case, `leadplay check --format json`, and the code among the
//! diagnostics, at the file it is about, so the documented examples cannot rot into
//! examples of something else. Codes the parser keeps out of reach (LP0002, LP0206,
//! LP0212, LP0214) and those that need a broken file system are not in the table.

mod common;

use common::Ws;

const TIERS: &str = "tiers {\n  hot when x > 1\n  cold otherwise\n}\n";
const FIELDS: &str = "fields {\n  id text key\n  tags list\n  x number\n}\n";
const PLAYBOOKS: &str = "playbook hot owner m {\n  day 0 mail \"c/t\"\n}\n\
                         playbook cold owner m {\n  day 0 mail \"c/t\"\n}\n";

/// `(code, program)`: a program with tiers around the mistake.
fn program_cases() -> Vec<(&'static str, String)> {
    let t = TIERS;
    let typed =
        |body: &str| format!("{FIELDS}{body}\ntiers {{\n  hot when s\n  cold otherwise\n}}\n");
    vec![
        ("LP0001", format!("segment big = x >=\n{t}")),
        (
            "LP0003",
            format!("{t}playbook cold owner m {{\n  day 99999999999 mail \"c/t\"\n}}\n"),
        ),
        ("LP0004", format!("segment s = x == \"\\u{{ZZ}}\"\n{t}")),
        ("LP0005", format!("segment s = x < 2026-02-30\n{t}")),
        ("LP0101", format!("segment s = employes > 1\n{FIELDS}{t}")),
        (
            "LP0102",
            format!("segment fit = x > 100\nscore fit {{ +10 when fit }}\n{t}"),
        ),
        (
            "LP0103",
            format!("fields {{\n  id text key\n  x number\n  x text\n}}\n{t}"),
        ),
        ("LP0104", format!("fields {{\n  x number\n}}\n{t}")),
        (
            "LP0105",
            format!("fields {{\n  id text key\n  x number key\n}}\n{t}"),
        ),
        (
            "LP0106",
            format!("fields {{\n  id text key\n  x currency\n}}\n{t}"),
        ),
        (
            "LP0107",
            format!("fields {{\n  id text key\n  x number\n  m text role e_mail\n}}\n{t}"),
        ),
        (
            "LP0108",
            format!(
                "fields {{\n  id text key\n  x number\n  w text role email\n  h text role email\n}}\n{t}"
            ),
        ),
        (
            "LP0109",
            format!("fields {{\n  id text key\n  x number \"%d.%m.%Y\"\n}}\n{t}"),
        ),
        (
            "LP0110",
            format!("fields {{\n  id text key\n  x number\n  d date \"%Q\"\n}}\n{t}"),
        ),
        ("LP0112", format!("segment a = b\nsegment b = a\n{t}")),
        (
            "LP0113",
            format!("segment v = big\nsegment big = x > 1\n{t}"),
        ),
        ("LP0114", format!("segment s = day_since(x) > 9\n{t}")),
        (
            "LP0115",
            format!("segment s = days_since(x, today) > 1\n{t}"),
        ),
        ("LP0116", format!("segment s = x > 1\n{t}{PLAYBOOKS}")),
        ("LP0201", typed("segment s = days_since(x) < 30")),
        (
            "LP0202",
            format!("{FIELDS}tiers {{\n  hot when x\n  cold otherwise\n}}\n"),
        ),
        ("LP0203", typed("segment s = tags == [\"vip\"]")),
        ("LP0204", typed("segment s = x == \"1000\"")),
        ("LP0205", format!("segment s = x in \"saas\"\n{t}")),
        ("LP0207", format!("segment s = x in [y, \"a\"]\n{t}")),
        ("LP0208", format!("segment s = x matches y\n{t}")),
        (
            "LP0209",
            format!("segment s = x matches \"(unclosed\"\n{t}"),
        ),
        (
            "LP0210",
            format!("score f {{\n  +2 when x > 1\n  range 0..100\n  range 0..50\n}}\n{t}"),
        ),
        (
            "LP0211",
            format!("score f {{\n  +2 when x > 1\n  range 100..0\n}}\n{t}"),
        ),
        (
            "LP0213",
            format!("score f {{\n  +3 when x > 1 decaying from d half-life 0 days\n}}\n{t}"),
        ),
        ("LP0301", "segment s = x > 1\n".to_string()),
        (
            "LP0302",
            "tiers { hot when x > 50 }\ntiers { cold otherwise }\n".to_string(),
        ),
        (
            "LP0303",
            "tiers {\n  cold otherwise\n  hot when x > 1\n}\n".to_string(),
        ),
        ("LP0304", "tiers {\n  hot when x > 1\n}\n".to_string()),
        (
            "LP0305",
            format!("{t}{PLAYBOOKS}playbook hot owner m {{\n  day 1 mail \"c/t\"\n}}\n"),
        ),
        (
            "LP0306",
            format!("{t}playbook warn owner m {{ day 0 mail \"c/t\" }}\n"),
        ),
        (
            "LP0307",
            format!(
                "{t}playbook cold owner m {{\n  day 0 mail \"c/t\"\n  day 0 mail \"c/t\"\n}}\n"
            ),
        ),
        (
            "LP0308",
            format!(
                "{t}playbook cold owner m {{\n  day 3 mail \"c/t\"\n  day 0 task \"c/t\"\n}}\n"
            ),
        ),
        (
            "LP0309",
            format!("{t}playbook hot owner m {{ day 0 phone \"c/t\" }}\n"),
        ),
        (
            "LP0310",
            format!("{t}playbook hot owner m {{ day 0 mail \"c/t\" }}\n"),
        ),
        (
            "LP0311",
            format!("{t}{PLAYBOOKS}balance {{\n  hot at most 125%\n}}\n"),
        ),
        (
            "LP0315",
            format!("{t}playbook cold owner m {{ day 0 mail [\"c/t\" 100%] }}\n"),
        ),
        (
            "LP0316",
            format!("{t}playbook cold owner m {{ day 0 mail [\"c/t\", \"c/t\"] }}\n"),
        ),
        (
            "LP0317",
            format!("{t}playbook cold owner m {{ day 0 mail [\"c/t\" 70%, \"c/u\"] }}\n"),
        ),
        (
            "LP0318",
            format!("{t}playbook cold owner m {{ day 0 mail [\"c/t\" 70%, \"c/u\" 20%] }}\n"),
        ),
        (
            "LP0319",
            format!("{t}assign m {{ priya otherwise }}\nassign m {{ round robin otherwise }}\n"),
        ),
        (
            "LP0322",
            format!("{t}{PLAYBOOKS}assign slaes {{ round robin otherwise }}\n"),
        ),
        (
            "LP0324",
            format!("{t}playbook cold owner m {{\n  handoff \"c/t\"\n  handoff \"c/t\"\n}}\n"),
        ),
        (
            "LP0601",
            format!("{t}playbook cold owner m {{ day 0 mail \"c/missing\" }}\n"),
        ),
    ]
}

/// `(code, template text)` with a valid program around it.
fn template_cases() -> Vec<(&'static str, &'static str)> {
    vec![
        ("LP0602", "Hi {{ leed.company }}\n"),
        ("LP0603", "{{ lead.x | indent(99999999999) }}\n"),
        ("LP0605", "{% if lead.x %}Hello\n"),
        ("LP0609", "---\nsubject: \"Hello\"\nHi\n"),
        ("LP0610", "---\nsubject: \"Hello\n---\nx\n"),
        ("LP0611", "---\n- subject\n---\nx\n"),
        ("LP0612", "---\nsubjet: \"Hello\"\n---\nx\n"),
        ("LP0613", "---\nsubject: [a, b]\n---\nx\n"),
        ("LP0614", "---\nheaders: Reply-To\n---\nx\n"),
        ("LP0615", "---\nheaders: { From: \"x@y.z\" }\n---\nx\n"),
        (
            "LP0616",
            "---\nheaders: { Reply-To: \"a@b.co\", reply-to: \"c@d.co\" }\n---\nx\n",
        ),
    ]
}

/// `(code, leadplay.yaml)` with a valid program.
fn config_cases() -> Vec<(&'static str, &'static str)> {
    vec![
        ("LP0402", "outbox: [drafts\n"),
        ("LP0403", "outbx: drafts\n"),
        ("LP0404", "time_zone: Mars/Base\n"),
        (
            "LP0405",
            "owners:\n  m:\n    members:\n      - { id: priya }\n      - { id: Priya }\n",
        ),
        ("LP0406", "outbox: playbooks\n"),
    ]
}

/// The codes of `check --format json` in `ws` (each with the file it names), after
/// checking the document's counts and the exit code.
fn codes(ws: &Ws, args: &[&str]) -> Vec<String> {
    let out = ws.run(&[&["check", "--format", "json"], args].concat());
    let doc: serde_json::Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", out.stdout, out.stderr));
    let diags = doc["diagnostics"].as_array().cloned().unwrap_or_default();
    let errors = diags.iter().filter(|d| d["severity"] == "error").count();
    assert_eq!(doc["summary"]["errors"], errors, "{}", out.stdout);
    assert_eq!(out.code, if errors > 0 { 1 } else { 0 }, "{}", out.stdout);
    diags
        .iter()
        .map(|d| {
            let file = d["file"].as_str().unwrap_or("-");
            format!("{} {file}", d["code"].as_str().unwrap_or(""))
        })
        .collect()
}

fn workspace(program: &str, template: &str, config: &str) -> Ws {
    let ws = Ws::empty();
    ws.write("playbooks/a.play", program);
    ws.write("playbooks/templates/c/t.j2", template);
    ws.write("playbooks/templates/c/u.j2", "x\n");
    ws.write("leadplay.yaml", config);
    ws
}

#[test]
fn each_program_mistake_has_its_code() {
    for (code, program) in program_cases() {
        let ws = workspace(&program, "x\n", "");
        let found = codes(&ws, &[]);
        // A program without `tiers` is wrong as a whole: no file, no line.
        let at = if code == "LP0301" {
            "-"
        } else {
            "playbooks/a.play"
        };
        let code = format!("{code} {at}");
        assert!(
            found.contains(&code),
            "{code} for:\n{program}\ngot {found:?}"
        );
    }
}

#[test]
fn each_template_and_config_mistake_has_its_code() {
    let program = format!("{TIERS}{PLAYBOOKS}");
    for (code, template) in template_cases() {
        let found = codes(&workspace(&program, template, ""), &[]);
        let code = format!("{code} playbooks/templates/c/t.j2");
        assert!(
            found.contains(&code),
            "{code} for:\n{template}\ngot {found:?}"
        );
    }
    for (code, config) in config_cases() {
        let found = codes(&workspace(&program, "x\n", config), &[]);
        let code = format!("{code} leadplay.yaml");
        assert!(
            found.contains(&code),
            "{code} for:\n{config}\ngot {found:?}"
        );
    }
}

#[test]
fn each_leads_problem_has_its_code_and_file() {
    let program = "fields {\n  id text key\n  email text required\n  x number\n}\n\
                   tiers {\n  hot when x > 1\n  cold otherwise\n}\n";
    let cases = [
        ("LP0117", "l.csv", "Record Id,email\n1,a@b.co\n"),
        ("LP0507", "l.csv", "id,email,x\nL1,a@b.co\n"),
        ("LP0508", "l.csv", "id,email\n,a@b.co\n"),
        ("LP0509", "l.csv", "id,email\nL1,a@b.co\nL1,c@d.co\n"),
        ("LP0510", "l.csv", "id,email\nL1,\n"),
        ("LP0513", "l.csv", "id,email,x\nL1,a@b.co,12k\n"),
        ("LP0505", "l.json", "[{\"id\": \"L1\",}]"),
        (
            "LP0506",
            "l.jsonl",
            "{\"id\": \"L1\", \"email\": \"a\"}\n{\"id\": \"L2\",\n",
        ),
    ];
    for (code, file, text) in cases {
        let ws = workspace(program, "x\n", "");
        ws.write(file, text);
        let found = codes(&ws, &["--leads", file]);
        // A missing mapped column is a check error at the field, in the program.
        let at = if code == "LP0117" {
            "playbooks/a.play"
        } else {
            file
        };
        let code = format!("{code} {at}");
        assert!(found.contains(&code), "{code} for:\n{text}\ngot {found:?}");
    }
}
