//! Where things are in a test file. The YAML crate places its own errors, but keeps no
//! positions for values, so the checks made after parsing (a tier the program lacks, an
//! unknown template) find their place with a light scan of the text: each case starts
//! at a top-level `- ` item, and a key is found by name inside its case. In an unusual
//! layout a position falls back to the case, then to the start of the file; it is never
//! wrong by more than that.

use std::ops::Range;

/// Byte ranges of the cases and the keys inside them.
#[derive(Debug, Clone)]
pub(crate) struct Locator<'t> {
    text: &'t str,
    /// Each case's range: from its `-` to the next case's.
    cases: Vec<Range<usize>>,
}

impl<'t> Locator<'t> {
    /// Scans `text`, expecting `case_count` top-level items.
    pub(crate) fn new(text: &'t str, case_count: usize) -> Locator<'t> {
        let starts = item_starts(text);
        let cases = if starts.len() == case_count {
            let ends = starts.iter().skip(1).copied().chain([text.len()]);
            starts.iter().zip(ends).map(|(&s, e)| s..e).collect()
        } else {
            Vec::new()
        };
        Locator { text, cases }
    }

    /// The `-` that starts case `index` (the file start when unknown).
    pub(crate) fn case(&self, index: usize) -> Range<usize> {
        match self.cases.get(index) {
            Some(r) => r.start..r.start + 1,
            None => 0..0,
        }
    }

    /// The last key of `path` (`["expect", "tier"]`) inside case `index`, each key
    /// searched after the one before; as far as it got when a key is not found.
    pub(crate) fn key(&self, index: usize, path: &[&str]) -> Range<usize> {
        let Some(case) = self.cases.get(index) else {
            return 0..0;
        };
        let mut found = self.case(index);
        for name in path {
            match find_key(self.text, found.start..case.end, name) {
                Some(r) => found = r,
                None => break,
            }
        }
        found
    }

    /// `needle` as a whole word after the key `path` inside case `index` (a list item,
    /// a value); the key itself when the value is not found.
    pub(crate) fn value(&self, index: usize, path: &[&str], needle: &str) -> Range<usize> {
        let key = self.key(index, path);
        let end = self.cases.get(index).map_or(key.end, |c| c.end);
        find_word(self.text, key.end..end, needle).unwrap_or(key)
    }
}

/// Offsets of the `-` of every sequence item at the smallest indentation.
fn item_starts(text: &str) -> Vec<usize> {
    let mut items = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        let rest = content.strip_prefix('-');
        if rest.is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t', '\n', '\r'])) {
            items.push((indent, offset + indent));
        }
        offset += line.len();
    }
    let top = items.iter().map(|(indent, _)| *indent).min();
    items
        .into_iter()
        .filter(|(indent, _)| Some(*indent) == top)
        .map(|(_, at)| at)
        .collect()
}

/// `name:` as a key (not part of a longer name, followed by a space or line end).
fn find_key(text: &str, within: Range<usize>, name: &str) -> Option<Range<usize>> {
    let hay = text.get(within.clone())?;
    let mut from = 0;
    while let Some(i) = hay.get(from..)?.find(name) {
        let start = from + i;
        let end = start + name.len();
        let before_ok = hay[..start].chars().next_back().is_none_or(is_key_lead);
        let after = hay.get(end..).unwrap_or("");
        let colon_ok = after
            .strip_prefix(':')
            .is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t', '\n', '\r']));
        if before_ok && colon_ok {
            return Some(within.start + start..within.start + end);
        }
        from = end;
    }
    None
}

/// `word` not inside a longer name (`hot/briefing` is not found in `hot/briefing_2`).
fn find_word(text: &str, within: Range<usize>, word: &str) -> Option<Range<usize>> {
    if word.is_empty() {
        return None;
    }
    let hay = text.get(within.clone())?;
    let mut from = 0;
    while let Some(i) = hay.get(from..)?.find(word) {
        let start = from + i;
        let end = start + word.len();
        let before_ok = hay[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !is_name_char(c));
        let after_ok = hay[end..].chars().next().is_none_or(|c| !is_name_char(c));
        if before_ok && after_ok {
            return Some(within.start + start..within.start + end);
        }
        from = end;
    }
    None
}

fn is_key_lead(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '{' | ',' | '-' | '"' | '\'')
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '/' | '-' | '.')
}

#[cfg(test)]
mod tests;
