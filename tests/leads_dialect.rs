//! Every command reads the leads in the dialect `leadplay.yaml` gives them: here a
//! German-style export (`;` between fields, `1.200` meaning twelve hundred). Before one
//! function opened the leads for all (`LeadsSource::open`), `backtest` read them with
//! the default dialect and saw 1.2 employees.

mod common;
use common::Test;

const AS_OF: &str = "2026-11-27";

fn german_export() -> Test {
    Test::new()
        .file(
            "leadplay.yaml",
            "leads:\n  path: leads.csv\n  decimal: \",\"\n",
        )
        .file(
            "playbooks/rules.play",
            "fields {\n  id text key\n  employees number\n  status text\n}\n\
             tiers {\n  hot when employees >= 1000\n  cold otherwise\n}\n\
             suppress when status == \"spam\"\n",
        )
        .file(
            "leads.csv",
            "id;employees;status\nA;1.200;won\nB;5;lost\nC;2.500;lost\n",
        )
}

#[test]
fn eval_reads_the_configured_decimal_comma() {
    german_export()
        .args(["eval", "--dry-run", "--as-of", AS_OF, "--format", "csv"])
        .stdout_contains("A,hot,")
        .stdout_contains("B,cold,")
        .stdout_contains("C,hot,")
        .run();
}

#[test]
fn backtest_reads_the_same_leads_as_eval() {
    german_export()
        .args([
            "backtest",
            "--outcome",
            "status",
            "--won",
            "won",
            "--as-of",
            AS_OF,
        ])
        .stdout_contains("  hot       2    1     1     50.0%")
        .stdout_contains("  cold      1    0     1      0.0%")
        .run();
}

#[test]
fn explain_finds_the_lead_and_its_deciding_rule() {
    german_export()
        .args(["explain", "C", "--as-of", AS_OF])
        .stdout_contains("hot when employees >= 1000  true  <- tier")
        .run();
}

#[test]
fn explain_of_a_missing_id_suggests_the_near_one() {
    german_export()
        .args(["explain", "c", "--as-of", AS_OF])
        .status(1)
        .stderr_contains("no lead with id `c` in leads.csv")
        .stderr_contains("did you mean `C`? ids are matched exactly")
        .run();
}
