use super::*;

#[test]
fn markup_in_values_becomes_text() {
    assert_eq!(
        escaped(r#""><img src=x onerror='alert(1)'>"#),
        "&quot;&gt;&lt;img src=x onerror=&#39;alert(1)&#39;&gt;"
    );
    assert_eq!(escaped("Karen您好 & co"), "Karen您好 &amp; co");
}

#[test]
fn the_script_hash_is_the_one_browsers_compute() {
    // The hash of an empty script, as browsers compute it.
    assert_eq!(
        script_hash_source(""),
        "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    );
}
