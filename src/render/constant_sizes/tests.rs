use super::*;

fn messages(source: &str) -> Vec<String> {
    constant_sizes(source)
        .into_iter()
        .map(|c| c.message)
        .collect()
}

#[test]
fn constant_sizes_beyond_the_bounds_are_found_where_written() {
    let source = "Hi\n{{ 'a'|indent(99999999999) }}";
    let found = constant_sizes(source);
    assert_eq!(found.len(), 1);
    assert_eq!(&source[found[0].range.clone()], "indent(99999999999)");
    assert_eq!(
        messages("{{ x|indent(width=5000) }}"),
        ["`indent` takes a width of at most 1000, not 5000"]
    );
    assert_eq!(
        messages("{{ '%99999999999d'|format(1) }}"),
        ["`format` takes a width of at most 1000, not 99999999999"]
    );
    assert_eq!(
        messages("{{ [1] * 99999999999 }}"),
        ["`*` would build a list of 99999999999 items (at most 100000)"]
    );
    assert_eq!(
        messages("{{ 10**9 * 'ab' }}"),
        ["`*` would build a text of 2000000000 bytes (at most 1024 KiB)"]
    );
    assert_eq!(
        messages("{% for i in range(999999999) %}{% endfor %}{{ range(5, 200005)|length }}"),
        [
            "`range` of 999999999 numbers (at most 100000)",
            "`range` of 200000 numbers (at most 100000)"
        ]
    );
}

#[test]
fn sizes_within_the_bounds_or_not_constant_are_left_alone() {
    let fine = "{{ x|indent(4) }}{{ '%05d'|format(n) }}{{ [1] * 3 }}{{ 'ab' * n }}\
                    {{ price * 99999999999 }}{% for i in range(100) %}{% endfor %}{{ broken";
    assert!(constant_sizes(fine).is_empty());
    assert!(
        constant_sizes("{{ x|indent(4) }}{{ '%05d'|format(n) }}{{ price * 99999999999 }}")
            .is_empty()
    );
}
