//! How the language compares text: case-insensitive, surrounding white space ignored
//! (CRM exports are inconsistent). The checker folds literals with [`fold`] once, at
//! compile time; the evaluator meets lead text with the functions here, so both sides
//! always fold the same way.

use crate::value::trim_space;
use std::borrow::Cow;

/// Folds a literal at compile time: trimmed, lowercased character by character (the
/// same folding the runtime side uses, so both sides always agree).
pub(crate) fn fold(s: &str) -> String {
    lower_chars(s.trim()).collect()
}

/// Case- and surrounding-space-insensitive equality.
pub(crate) fn text_eq(a: &str, b: &str) -> bool {
    let (a, b) = (trim_space(a), trim_space(b));
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        lower_chars(a).eq(lower_chars(b))
    }
}

/// A text about to be compared with folded literals ([`fold`]): trimmed and checked
/// for ASCII once, however many literals it meets (`x in ["a", "b", "c"]`).
pub(crate) struct FoldedProbe<'a> {
    text: &'a str,
    ascii: bool,
}

impl<'a> FoldedProbe<'a> {
    pub(crate) fn new(text: &'a str) -> FoldedProbe<'a> {
        let text = trim_space(text);
        FoldedProbe {
            text,
            ascii: text.is_ascii(),
        }
    }

    /// `text_eq(text, folded)` for a folded literal. ASCII text folds to ASCII of the
    /// same length, and lowercasing is stable, so a literal of another length (or with
    /// other characters) cannot match: compared byte for byte without folding.
    pub(crate) fn equals(&self, folded: &str) -> bool {
        if self.ascii {
            // The literal is folded already: only the text side needs lowering.
            self.text.len() == folded.len()
                && self
                    .text
                    .bytes()
                    .zip(folded.bytes())
                    .all(|(t, f)| t.to_ascii_lowercase() == f)
        } else {
            text_eq(self.text, folded)
        }
    }
}

/// Case-insensitive substring test.
pub(crate) fn text_contains(haystack: &str, needle: &str) -> bool {
    let needle = trim_space(needle);
    if haystack.is_ascii() && needle.is_ascii() {
        let (h, n) = (haystack.as_bytes(), needle.as_bytes());
        n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
    } else {
        // Rare (non-ASCII text): fold both and let `str::contains` search.
        fold(haystack).contains(&fold(needle))
    }
}

/// Case-insensitive prefix test (surrounding space ignored).
pub(crate) fn text_starts_with(text: &str, prefix: &str) -> bool {
    let (t, p) = (trim_space(text), trim_space(prefix));
    if t.is_ascii() && p.is_ascii() {
        t.as_bytes()
            .get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p.as_bytes()))
    } else {
        let mut chars = lower_chars(t);
        lower_chars(p).all(|c| chars.next() == Some(c))
    }
}

/// Case-insensitive suffix test (surrounding space ignored).
pub(crate) fn text_ends_with(text: &str, suffix: &str) -> bool {
    let (t, s) = (trim_space(text), trim_space(suffix));
    if t.is_ascii() && s.is_ascii() {
        t.len() >= s.len()
            && t.as_bytes()
                .get(t.len() - s.len()..)
                .is_some_and(|tail| tail.eq_ignore_ascii_case(s.as_bytes()))
    } else {
        let mut chars = t.chars().rev().flat_map(|c| fold_char(c).rev());
        s.chars()
            .rev()
            .flat_map(|c| fold_char(c).rev())
            .all(|c| chars.next() == Some(c))
    }
}

/// Case-folds text character by character, without allocating.
fn lower_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().flat_map(fold_char)
}

/// One character folded: lowercase, with the final sigma `ς` read as `σ` (lowercasing
/// alone would make `ΟΔΟΣ` and `οδος` differ).
fn fold_char(c: char) -> impl DoubleEndedIterator<Item = char> {
    c.to_lowercase().map(|l| if l == 'ς' { 'σ' } else { l })
}

/// Lowercases text, borrowing it when it is already lowercase.
pub(crate) fn lowercase(s: Cow<'_, str>) -> Cow<'_, str> {
    let needs = if s.is_ascii() {
        s.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        s.chars().any(|c| c.to_lowercase().ne(std::iter::once(c)))
    };
    if needs {
        Cow::Owned(s.chars().flat_map(char::to_lowercase).collect())
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_equality_ignores_case_and_surrounding_space() {
        assert!(text_eq("  SaaS ", "saas"));
        assert!(text_eq("Ärzte", "ÄRZTE"));
        assert!(text_eq("台灣", " 台灣"));
        assert!(!text_eq("saas", "saa"));
        assert!(!text_eq("Straße", "strasse"));
    }

    #[test]
    fn substring_prefix_and_suffix_fold_case() {
        assert!(text_contains("Head of Growth", "OF GR"));
        assert!(text_contains("Größe", "RÖß"));
        assert!(!text_contains("abc", "abd"));
        assert!(text_contains("abc", ""));
        assert!(text_starts_with("  VP Sales", "vp"));
        assert!(!text_starts_with("V", "vp"));
        assert!(text_starts_with("Überall", "üb"));
        assert!(text_ends_with("ceo@ACME.com ", ".com"));
        assert!(!text_ends_with("om", ".com"));
        assert!(text_ends_with("台北市", "北市"));
        assert!(!text_ends_with("北市", "台北市"));
    }

    #[test]
    fn folding_literals_matches_runtime_folding() {
        assert_eq!(fold("  US "), "us");
        assert!(text_eq("ΟΔΟΣ", &fold("οδος")));
    }

    #[test]
    fn a_probe_against_folded_literals_agrees_with_text_eq() {
        let texts = [
            "SaaS", "  saas ", "saa", "K", "\u{212a}", "İ", "i\u{307}", "Straße", "台灣 ", "",
        ];
        let literals = [
            "saas",
            "k",
            "\u{212a}",
            "İstanbul",
            "i̇",
            "straße",
            "台灣",
            "",
            "ss",
        ];
        for text in texts {
            let probe = FoldedProbe::new(text);
            for literal in literals {
                let folded = fold(literal);
                assert_eq!(
                    probe.equals(&folded),
                    text_eq(text, &folded),
                    "{text:?} vs {literal:?}"
                );
            }
        }
    }

    #[test]
    fn lowercase_borrows_when_nothing_changes() {
        assert!(matches!(lowercase(Cow::Borrowed("abc")), Cow::Borrowed(_)));
        assert_eq!(lowercase(Cow::Borrowed("ÄBC")), "äbc");
    }
}
