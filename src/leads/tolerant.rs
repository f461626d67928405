//! The wider number forms of real CRM exports (SPEC 5): grouped digits (`1,200`,
//! `1 200`, `1.200,50` with a decimal comma), money (`$4,500,000`, `USD 1,200.00`,
//! `1.200,50 €`), percentages (`45%`) and the wider bool words (`checked`, `x`).
//!
//! Every parser here is the *slow* path: the coercer tries the plain form first
//! ([`parse_number`]) and only comes here when it fails, so a clean export pays nothing.

use super::scalar::{parse_bool, parse_number};
use crate::value::trim_space;

/// How numbers are written in a file: `1,200.50` (the default) or `1.200,50`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NumberStyle {
    /// `,` separates the decimals; `.` (and spaces) group digits.
    pub decimal_comma: bool,
}

/// A number in any accepted form: plain first, then grouped digits.
pub fn number_in(text: &str, style: NumberStyle) -> Option<f64> {
    if !style.decimal_comma {
        if let Some(n) = parse_number(text) {
            return Some(n);
        }
    }
    grouped_number(trim_space(text), style)
}

/// `1,200`, `1 200`, `-1,200.50`, `1'200`; `1.200,50` with a decimal comma. Groups
/// after the first must have three digits, so `1,2` is not read as 12.
fn grouped_number(text: &str, style: NumberStyle) -> Option<f64> {
    let (point, group) = if style.decimal_comma {
        (',', '.')
    } else {
        ('.', ',')
    };
    let (negative, body) = match text.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (whole, fraction) = match body.split_once(point) {
        Some((w, f)) => (w, Some(f)),
        None => (body, None),
    };
    let is_group = |c: char| c == group || is_space_group(c);
    // The digits are gathered into a small buffer on the stack and parsed as a plain
    // decimal (no allocation per cell); a longer number is no number a CRM writes.
    let mut digits = Digits::default();
    if negative {
        digits.push('-');
    }
    for (index, part) in whole.split(is_group).enumerate() {
        let fits = if index == 0 {
            (1..=3).contains(&part.len()) || !whole.contains(is_group)
        } else {
            part.len() == 3
        };
        if !fits || !part.bytes().all(|b| b.is_ascii_digit()) || part.is_empty() {
            return None;
        }
        digits.push_str(part);
    }
    if let Some(fraction) = fraction {
        if !fraction.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.push('.');
        digits.push_str(fraction);
    }
    digits.parse()
}

/// Up to 40 ASCII bytes of a number being rebuilt without its group separators.
struct Digits {
    bytes: [u8; 40],
    len: usize,
    overflow: bool,
}

impl Default for Digits {
    fn default() -> Digits {
        Digits {
            bytes: [0; 40],
            len: 0,
            overflow: false,
        }
    }
}

impl Digits {
    fn push(&mut self, c: char) {
        let mut buffer = [0u8; 4];
        self.push_str(c.encode_utf8(&mut buffer));
    }

    fn push_str(&mut self, text: &str) {
        match self.bytes.get_mut(self.len..self.len + text.len()) {
            Some(target) => {
                target.copy_from_slice(text.as_bytes());
                self.len += text.len();
            }
            None => self.overflow = true,
        }
    }

    fn parse(&self) -> Option<f64> {
        if self.overflow {
            return None;
        }
        let text = std::str::from_utf8(self.bytes.get(..self.len)?).ok()?;
        text.parse::<f64>().ok().filter(|n| n.is_finite())
    }
}

/// Spaces that group digits: plain, no-break and the narrow no-break space French
/// locales write, and the apostrophe of Swiss exports.
fn is_space_group(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'')
}

/// Currency symbols and prefixes, longest first so `NT$` is not read as `$`.
const SYMBOLS: [&str; 14] = [
    "NT$", "US$", "HK$", "A$", "C$", "R$", "S$", "$", "€", "£", "¥", "₩", "₹", "kr",
];

/// A money amount: a number with a currency symbol or a three-letter ISO code before
/// or after it (`$4,500,000`, `USD 1,200.00`, `1.200,50 €`, `-$50`). The currency is
/// dropped, not converted.
pub fn money_in(text: &str, style: NumberStyle) -> Option<f64> {
    let text = trim_space(text);
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, text),
    };
    let rest = strip_currency_suffix(strip_currency_prefix(rest));
    let n = number_in(rest, style)?;
    Some(if negative { -n } else { n })
}

fn strip_currency_prefix(text: &str) -> &str {
    if let Some(rest) = SYMBOLS.iter().find_map(|s| text.strip_prefix(s)) {
        return rest.trim_start();
    }
    match iso_code_at(text, 0) {
        Some(rest) => rest.trim_start(),
        None => text,
    }
}

fn strip_currency_suffix(text: &str) -> &str {
    if let Some(rest) = SYMBOLS.iter().find_map(|s| text.strip_suffix(s)) {
        return rest.trim_end();
    }
    let len = text.len();
    match text.get(len.saturating_sub(3)..) {
        Some(code) if len >= 3 && is_iso_code(code) => text.get(..len - 3).unwrap_or("").trim_end(),
        _ => text,
    }
}

/// The text after a leading ISO currency code (`USD`, `eur`), when there is one.
fn iso_code_at(text: &str, at: usize) -> Option<&str> {
    let code = text.get(at..at + 3)?;
    let rest = text.get(at + 3..)?;
    let next_ok = rest.starts_with(|c: char| !c.is_ascii_alphabetic()) || rest.is_empty();
    (is_iso_code(code) && next_ok).then_some(rest)
}

fn is_iso_code(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_alphabetic())
}

/// A percentage: `45%`, `45 %`, `45` → 45; `12,5 %` with a decimal comma.
pub fn percent_in(text: &str, style: NumberStyle) -> Option<f64> {
    let text = trim_space(text);
    let number = text.strip_suffix('%').map_or(text, str::trim_end);
    number_in(number, style)
}

/// A bool in the CSV words (true/false, yes/no, y/n, 1/0) or the ones CRMs and
/// spreadsheets add: `checked`/`unchecked`, `on`/`off`, and `x` for a ticked box.
pub fn bool_wide(text: &str) -> Option<bool> {
    if let Some(b) = parse_bool(text) {
        return Some(b);
    }
    let word = trim_space(text);
    const TRUE: [&str; 4] = ["checked", "x", "on", "✓"];
    const FALSE: [&str; 2] = ["unchecked", "off"];
    if TRUE.iter().any(|w| w.eq_ignore_ascii_case(word)) {
        Some(true)
    } else if FALSE.iter().any(|w| w.eq_ignore_ascii_case(word)) {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests;
