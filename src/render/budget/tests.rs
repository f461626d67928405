//! Each way a template could build a huge value in memory ends as a render error,
//! quickly; the operators it rewrites still do what minijinja's do.

use crate::render::bounds::CappedBuffer;
use crate::render::environment::new_environment;
use crate::render::operators::rewrite;
use std::time::{Duration, Instant};

fn render(source: &str) -> Result<String, String> {
    let env = new_environment();
    let compiled = rewrite(source).map_or_else(|| source.to_string(), |r| r.source);
    let template = env
        .template_from_str(&compiled)
        .map_err(|e| e.to_string())?;
    let mut out = CappedBuffer::default();
    template
        .render_captured_to(minijinja::context! {}, &mut out)
        .map_err(|e| format!("{e:#}"))?;
    Ok(String::from_utf8_lossy(&out.bytes).into_owned())
}

/// Fails within a few seconds with a message containing `expected`.
fn refused(source: &str, expected: &str) {
    let started = Instant::now();
    let err = render(source).expect_err(source);
    assert!(err.contains(expected), "{source}: {err}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{source} took {:?}",
        started.elapsed()
    );
}

#[test]
fn operators_keep_their_meaning() {
    let cases = [
        ("{{ 'a' ~ 1 ~ [2] }}", "a1[2]"),
        (
            "{{ 1 + 2 }} {{ 1.5 + 1 }} {{ 'a' + 'b' }} {{ [1] + [2] }}",
            "3 2.5 ab [1, 2]",
        ),
        (
            "{{ 'ab' * 2 }} {{ 2 * 'ab' }} {{ [1, 2] * 2 }} {{ 3 * 4 }} {{ 2.5 * 2 }}",
            "abab abab [1, 2, 1, 2] 12 5.0",
        ),
        ("{{ 9223372036854775807 + 1 }}", "9223372036854775808"),
        ("{{ (1 + 2) * 3 }} {{ 2 ** 3 }} {{ 7 - 2 * 3 }}", "9 8 1"),
        ("{% set xs = [1, 2] %}{{ (xs * 2)|join(',') }}", "1,2,1,2"),
    ];
    for (source, expected) in cases {
        assert_eq!(render(source).as_deref(), Ok(expected), "{source}");
    }
    assert!(render("{{ 1 + 'a' }}").is_err());
}

#[test]
fn doubling_a_value_stops_at_the_bound() {
    refused(
        "{% set ns = namespace(s='x') %}{% for i in range(100) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
        "at most 1024 KiB",
    );
    refused(
        "{% set ns = namespace(s='x') %}{% for i in range(100) %}{% set ns.s = ns.s + ns.s %}{% endfor %}",
        "at most 1024 KiB",
    );
    refused(
        "{% set s = 'ab' * 400000 %}{% set s = s ~ s %}{% set s = s ~ s %}",
        "`~` would build a text",
    );
    refused(
        "{% macro d(s, n) %}{% if n %}{{ d(s ~ s, n - 1) }}{% else %}{{ s|length }}{% endif %}{% endmacro %}{{ d('x', 60) }}",
        "at most 1024 KiB",
    );
}

#[test]
fn text_printed_into_blocks_counts_toward_the_render() {
    refused(
        "{% set ns = namespace(s='x' * 1000000) %}{% for i in range(1000) %}{% set t %}{{ ns.s }}{% endset %}{% set ns.s = t %}{% endfor %}",
        "more than 64 MiB",
    );
    refused(
        "{% set ns = namespace(s='x' * 900000) %}{% for i in range(1000) %}{% set ns.s = (ns.s ~ 'y')[1:] %}{% endfor %}",
        "more than 64 MiB",
    );
}

#[test]
fn repeats_and_ranges_are_bounded() {
    refused("{{ ('x' * 99999999999)|length }}", "`*` would build a text");
    refused(
        "{{ ([1] * 99999999999)|length }}",
        "`*` would build a list of 99999999999 items",
    );
    refused("{{ ([1] * 60000 + [2] * 60000)|length }}", "at most 100000");
    refused(
        "{% for i in range(10**9) %}{% endfor %}",
        "range has too many elements",
    );
}

#[test]
fn filters_that_grow_a_value_measure_it_first() {
    let big = "{% set s = 'x' * 100000 %}";
    refused(
        &format!("{big}{{{{ ([s] * 100)|join }}}}"),
        "`join` of a value",
    );
    refused(
        &format!("{big}{{{{ ([s] * 100)|pprint|length }}}}"),
        "`pprint` of a value",
    );
    refused(
        &format!("{big}{{{{ ([s] * 100)|list|length }}}}"),
        "`list` of a value",
    );
    refused(
        &format!("{big}{{{{ s|replace('x', 'yyyyyyyyyyyyyyyyyyyy')|length }}}}"),
        "`replace` would build",
    );
    refused(
        &format!("{big}{{{{ '%s%s'|format(*([s] * 20)) }}}}"),
        "`format` of values",
    );
    assert_eq!(
        render(
            "{{ ['a', 'b']|join('-') }} {{ 'aXa'|replace('X', 'y') }} {{ 'abab'|replace('b', 'c', 1) }}"
        ),
        Ok("a-b aya acab".into())
    );
}
