//! Duplicate keys in real files: whatever the order of the export and wherever a
//! repeat falls (next to its first copy, across a batch boundary, after the ids stop
//! ascending), the later copy is the row error, naming the row of the first.

mod common;
use common::Ws;

const AS_OF: &str = "2026-11-27";

/// Each (row, id, first row) is reported as a duplicate key.
fn assert_duplicates(out: &common::Output, expected: &[(usize, &str, usize)]) {
    for (row, id, first) in expected {
        let message =
            format!("row {row}: field `id`: duplicate key `{id}` (first seen in row {first})");
        assert!(out.stderr.contains(&message), "{message}\n{}", out.stderr);
    }
}

fn workspace(rows: &[String]) -> Ws {
    let ws = Ws::empty();
    ws.write(
        "playbooks/p.play",
        "fields {\n  id text key\n  n number\n}\ntiers {\n  hot when n > 5\n  cold otherwise\n}\n",
    );
    ws.write("leads.csv", &format!("id,n\n{}\n", rows.join("\n")));
    ws
}

#[test]
fn repeats_in_an_ascending_export_are_found_wherever_they_fall() {
    // 3000 ascending ids (the first batches hold 512, 1024, … rows), with repeats placed
    // next to the first copy, on the first row of a batch, after a bad row, and two in a
    // row that repeat earlier keys in ascending order.
    let mut rows: Vec<String> = (0..3000).map(|i| format!("L{i:05},1")).collect();
    rows.insert(10, "L00009,9".into()); // right after its first copy: row 11
    rows.insert(512, "L00510,9".into()); // the first row of the second batch: row 513
    rows.insert(1000, ",9".into()); // no key: a row error of its own
    rows.insert(1001, "L00997,9".into()); // repeats the id of the row before the bad one
    rows.insert(2000, "L00005,9".into()); // row 2001
    rows.insert(2001, "L00050,9".into()); // row 2002: greater than the row before it
    let ws = workspace(&rows);
    let out = ws.dry_run_csv("leads.csv", AS_OF);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_duplicates(
        &out,
        &[
            (11, "L00009", 10),
            (513, "L00510", 512),
            (1002, "L00997", 1000),
            (2001, "L00005", 6),
            (2002, "L00050", 52),
        ],
    );
    assert!(
        out.stderr
            .contains("row 1001: field `id`: the key is missing"),
        "{}",
        out.stderr
    );
    let kept: Vec<&str> = out.stdout.lines().skip(1).collect();
    assert_eq!(kept.len(), 3000, "every id once");
    assert!(
        kept.iter().all(|l| l.contains(",cold,")),
        "the first copies (n = 1) are kept"
    );
}

#[test]
fn repeats_of_the_ascending_part_are_found_after_the_order_breaks() {
    let mut rows: Vec<String> = (0..2000).map(|i| format!("L{i:05},1")).collect();
    rows.push("A00001,9".into()); // the ids stop ascending here (row 2001)
    rows.push("L00000,9".into()); // the very first id
    rows.push("L01999,9".into()); // the last id of the ascending part
    rows.push("A00001,9".into()); // a repeat of a key after the break
    rows.push("L01000,9".into());
    let ws = workspace(&rows);
    let out = ws.dry_run_csv("leads.csv", AS_OF);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_duplicates(
        &out,
        &[
            (2002, "L00000", 1),
            (2003, "L01999", 2000),
            (2004, "A00001", 2001),
            (2005, "L01000", 1001),
        ],
    );
    let ids: Vec<&str> = out
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap_or(""))
        .collect();
    assert_eq!(ids.len(), 2001);
    assert_eq!(ids.first(), Some(&"A00001"));
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "sorted by id");
}
