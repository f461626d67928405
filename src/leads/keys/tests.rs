//! Tests of the duplicate-key tracker.

use super::*;

fn hash(key: &str) -> u64 {
    BuildHasherDefault::<KeyHasher>::default().hash_one(key)
}

#[test]
fn keys_with_the_same_hash_are_still_told_apart() {
    let mut keys = KeyTracker::new("id", "f.csv");
    let place = |row| RowPlace {
        row,
        line: None,
        by_line: false,
    };
    for (row, id) in ["a", "b", "", "ab"].iter().enumerate() {
        keys.check_key(id, place(row + 1)).unwrap();
    }
    // Chain all four as if they shared a hash: the text must decide.
    for (index, seen) in keys.seen.iter_mut().enumerate() {
        seen.previous = NonZeroUsize::new(index);
    }
    let find = |id| first_seen(&keys.seen, &keys.text, 3, id);
    assert_eq!(find("a"), Some(place(1)));
    assert_eq!(find("b"), Some(place(2)));
    assert_eq!(find(""), Some(place(3)));
    assert_eq!(find("ab"), Some(place(4)));
    assert_eq!(find("ba"), None);
    assert_eq!(keys.len(), 4);
    let error = keys.check_key("b", place(9)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "f.csv: row 9: field `id`: duplicate key `b` (first seen in row 2)"
    );
}

#[test]
fn similar_keys_hash_apart() {
    let hashes: std::collections::BTreeSet<u64> =
        (0..10_000).map(|i| hash(&format!("L-{i:06}"))).collect();
    assert_eq!(hashes.len(), 10_000);
    assert_ne!(hash(""), hash("\0"));
    assert_ne!(hash("ab"), hash("ba"));
}

#[test]
fn the_ascending_prefix_ends_where_a_key_comes_before_the_last() {
    let mut keys = KeyTracker::new("id", "f.csv");
    let place = RowPlace {
        row: 1,
        line: None,
        by_line: false,
    };
    assert_eq!(keys.ascending_prefix(), 0);
    for id in ["L-1", "L-2", "L-3"] {
        keys.check_key(id, place).unwrap();
    }
    assert_eq!(keys.ascending_prefix(), 3);
    keys.check_key("L-3", place).unwrap_err(); // a duplicate is not remembered
    assert_eq!(keys.ascending_prefix(), 3);
    keys.check_key("L-10", place).unwrap();
    keys.check_key("L-4", place).unwrap();
    assert_eq!((keys.ascending_prefix(), keys.len()), (3, 5));
}

#[test]
fn duplicates_are_found_before_and_after_the_order_breaks() {
    // Ascending runs with repeats, then keys out of order repeating earlier ones:
    // each later copy is an error naming where the first was, as a plain map says.
    let mut rng = crate::test_rng::TestRng::new(11);
    let mut next = |n: u64| rng.below(n);
    for sorted_part in [0, 50, 400] {
        let mut ids: Vec<String> = (0..sorted_part).map(|i| format!("k{i:04}")).collect();
        ids.insert(sorted_part as usize / 2, format!("k{:04}", sorted_part / 2));
        ids.extend((0..400).map(|_| format!("k{:04}", next(600))));
        let mut keys = KeyTracker::new("id", "f.csv");
        let mut plain = std::collections::BTreeMap::new();
        for (row, id) in ids.iter().enumerate() {
            let place = RowPlace {
                row: row + 1,
                line: None,
                by_line: false,
            };
            let expected = plain.get(id).copied();
            match keys.check_key(id, place) {
                Ok(()) => {
                    assert_eq!(expected, None, "{id} at row {}", row + 1);
                    plain.insert(id.clone(), row + 1);
                }
                Err(error) => {
                    let first = expected.expect("a reported duplicate was seen before");
                    assert!(
                        error
                            .to_string()
                            .ends_with(&format!("(first seen in row {first})"))
                    );
                }
            }
        }
        assert_eq!(keys.len(), plain.len());
    }
}

#[test]
fn places_are_kept_whole_in_sixteen_bytes() {
    assert_eq!(std::mem::size_of::<Seen>(), 32);
    for place in [
        RowPlace {
            row: 1,
            line: Some(2),
            by_line: false,
        },
        RowPlace {
            row: 7,
            line: None,
            by_line: true,
        },
        RowPlace {
            row: 0,
            line: Some(0),
            by_line: true,
        },
        RowPlace {
            row: BY_LINE - 1,
            line: Some(usize::MAX - 1),
            by_line: false,
        },
    ] {
        assert_eq!(Place::of(place).get(), place);
    }
}

#[test]
fn keys_kept_by_the_caller_give_the_same_verdicts_as_copied_keys() {
    // The engine's way: accepted keys live in the caller's list, and the caller says
    // when an id is greater than the one of the record before it (None: a bad record).
    let mut rng = crate::test_rng::TestRng::new(29);
    for (sorted_part, _) in [0, 3, 300].into_iter().cycle().zip(0..30) {
        let mut records: Vec<Option<String>> =
            (0..sorted_part).map(|i| Some(format!("k{i:04}"))).collect();
        records.insert(sorted_part / 2, Some(format!("k{:04}", sorted_part / 2)));
        records.insert(sorted_part / 3, None);
        // Then a mix of bad records, random ids, and short ascending runs.
        let mut last = 0;
        records.extend((0..300).map(|_| {
            last = match rng.below(10) {
                0 => return None,
                1..=4 => last + rng.below(3),
                _ => rng.below(500),
            };
            Some(format!("k{last:04}"))
        }));
        let mut copied = KeyTracker::new("id", "f.csv");
        let mut kept = KeyTracker::new("id", "f.csv");
        let mut accepted: Vec<String> = Vec::new();
        let mut previous: Option<&str> = None;
        for (row, record) in records.iter().enumerate() {
            let Some(id) = record else {
                previous = None;
                continue;
            };
            let place = RowPlace {
                row: row + 1,
                line: None,
                by_line: false,
            };
            let follows = previous.is_some_and(|p| id.as_str() > p);
            let list = |i: usize| accepted.get(i).map(String::as_str);
            let verdict = kept.check_kept_key(id, place, follows, &list);
            let expected = copied.check_key(id, place);
            assert_eq!(verdict, expected, "{id} at row {}", row + 1);
            if verdict.is_ok() {
                accepted.push(id.clone());
            }
            previous = Some(id);
        }
        assert_eq!(kept.len(), copied.len());
        assert_eq!(kept.ascending_prefix(), copied.ascending_prefix());
        assert!(kept.text.len() < copied.text.len() || sorted_part == 0);
    }
}
