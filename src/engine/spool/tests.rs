use super::Spool;

fn read_back(mut spool: Spool, records: &[(&str, &str)], max_runs: usize) -> Vec<String> {
    for (id, record) in records {
        spool.push(id, record.as_bytes());
    }
    assert_eq!(spool.len(), records.len());
    let mut spooled = spool.finish_merging(max_runs).expect("read back");
    let mut out = Vec::new();
    while let Some((id, record)) = spooled.next_record().expect("record") {
        let text = |b: &[u8]| String::from_utf8(b.to_vec()).expect("utf-8");
        out.push(format!("{}={}", text(id), text(record)));
    }
    out
}

fn sorted(records: &[(&str, &str)]) -> Vec<String> {
    let mut v: Vec<_> = records.iter().map(|(i, r)| format!("{i}={r}")).collect();
    v.sort();
    v
}

#[test]
fn records_come_back_in_id_order_merged_or_sorted_from_a_file_or_memory() {
    let in_order = [("L-1", "a\n"), ("L-2", ""), ("L-3", "multi\nline,\"x\"\n")];
    let appended = [
        ("L-2", "two"),
        ("L-4", "four"),
        ("L-1", "one"),
        ("L-3", "three"),
    ];
    let shuffled = [
        ("L-9", "9"),
        ("L-10", "10"),
        ("L-05", "5"),
        ("L-7", "7"),
        ("L-6", "6"),
    ];
    for records in [&in_order[..], &appended[..], &shuffled[..], &[]] {
        // 256 runs: merged; 1 run at most: anything unsorted is sorted in memory.
        for max_runs in [256, 1] {
            let expected = sorted(records);
            assert_eq!(read_back(Spool::new(), records, max_runs), expected);
            assert_eq!(read_back(Spool::in_memory(), records, max_runs), expected);
        }
    }
}

#[test]
fn each_break_in_the_id_order_starts_a_run() {
    let mut spool = Spool::in_memory();
    for id in ["b", "c", "a", "z", "z", "y"] {
        spool.push(id, b"");
    }
    assert_eq!(spool.runs.len(), 4, "b c | a z | z | y");
}

#[test]
fn the_records_alone_come_back_end_to_end_in_arrival_order() {
    use std::io::Read;
    for mut spool in [Spool::new(), Spool::in_memory()] {
        for (id, record) in [("b", "two\n"), ("a", ""), ("c", "three,\"3\"\n")] {
            spool.push(id, record.as_bytes());
        }
        assert_eq!(spool.records_written(), 14);
        let mut text = String::new();
        let mut records = spool.into_records().expect("read back");
        records.read_to_string(&mut text).expect("utf-8");
        assert_eq!(text, "two\nthree,\"3\"\n");
    }
}
