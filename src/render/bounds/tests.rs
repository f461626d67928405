use super::*;
use crate::render::environment::new_environment;

fn render(source: &str) -> Result<String, String> {
    let env = new_environment();
    let template = env.template_from_str(source).map_err(|e| e.to_string())?;
    let mut out = CappedBuffer::default();
    let result = template
        .render_captured_to(minijinja::context! {}, &mut out)
        .map(drop);
    match result {
        Ok(_) => Ok(String::from_utf8_lossy(&out.bytes).into_owned()),
        Err(_) if out.overflowed => Err(too_large_message()),
        Err(e) => Err(e.to_string()),
    }
}

#[test]
fn widths_are_bounded_and_small_ones_work() {
    assert_eq!(render("{{ 'a\nb'|indent(2) }}").unwrap(), "a\n  b");
    assert_eq!(render("{{ 'a\n\nb\n'|indent(2) }}").unwrap(), "a\n\n  b");
    assert_eq!(
        render("{{ 'a\n\nb'|indent(2, blank=true) }}").unwrap(),
        "a\n  \n  b"
    );
    assert_eq!(
        render("{{ 'a\nb'|indent(width=1, first=true) }}").unwrap(),
        " a\n b"
    );
    let err = render("{{ 'a'|indent(99999999999) }}").unwrap_err();
    assert!(err.contains("at most 1000"), "{err}");
    assert_eq!(render("{{ '%05.1f'|format(3.14159) }}").unwrap(), "003.1");
    let err = render("{{ '%99999999999d'|format(1) }}").unwrap_err();
    assert!(err.contains("at most 1000"), "{err}");
}

#[test]
fn a_huge_output_stops_at_the_cap_quickly() {
    let started = std::time::Instant::now();
    let err = render("{{ [1] * 99999999999 }}").unwrap_err();
    assert!(err.contains("too long to print"), "{err}");
    let err = render("{% for i in range(90000) %}{{ [i] * 99 }}{% endfor %}").unwrap_err();
    assert!(
        err.contains("larger than 1024 KiB") || err.contains("fuel"),
        "{err}"
    );
    // Without the operator rewrite (this helper compiles the source as written)
    // minijinja builds the 100 MB text; printing it is refused before it is copied.
    let err = render("{{ 'ab' * 50000000 }}").unwrap_err();
    assert!(err.contains("more than 64 MiB"), "{err}");
    assert!(started.elapsed().as_secs() < 10);
}

#[test]
fn printf_numbers_finds_widths_and_precisions() {
    assert_eq!(printf_numbers("%08.2f and %%5 %-3s %d"), vec![8, 2, 3]);
    assert_eq!(
        printf_numbers("%99999999999999999999999d"),
        vec![usize::MAX]
    );
}
