//! A draft file decoded for the page: an `.eml`'s headers (encoded words decoded, so
//! a Chinese subject reads as Chinese) and text body, or a Markdown note rendered.

use mail_parser::{Address, HeaderName, HeaderValue, MessageParser};
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag};

/// A draft as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftView {
    /// Header name and decoded value, in file order (`.eml` only; transport headers
    /// such as `MIME-Version` are left out).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: DraftBody,
}

/// A draft's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftBody {
    /// Plain text (an email body), shown as it is.
    Text(String),
    /// Markdown rendered to HTML; raw HTML in the source was turned into text.
    Html(String),
}

/// Headers a reviewer does not need to read.
const TRANSPORT_HEADERS: [&str; 4] = [
    "mime-version",
    "content-type",
    "content-transfer-encoding",
    "message-id",
];

impl DraftView {
    /// Decodes a draft by its file extension (`eml`, else Markdown).
    pub fn decode(path: &str, bytes: &[u8]) -> DraftView {
        if path.ends_with(".eml") {
            decode_eml(bytes)
        } else {
            DraftView {
                headers: Vec::new(),
                body: DraftBody::Html(markdown_to_html(&String::from_utf8_lossy(bytes))),
            }
        }
    }
}

fn decode_eml(bytes: &[u8]) -> DraftView {
    let Some(message) = MessageParser::default().parse(bytes) else {
        return DraftView {
            headers: Vec::new(),
            body: DraftBody::Text(String::from_utf8_lossy(bytes).into_owned()),
        };
    };
    let raw = message.raw_message();
    let headers = message
        .headers()
        .iter()
        .filter(|h| !TRANSPORT_HEADERS.contains(&h.name.as_str().to_ascii_lowercase().as_str()))
        .map(|h| {
            let value = match (&h.name, &h.value) {
                (HeaderName::Subject, _) => message.subject().unwrap_or_default().to_string(),
                (_, HeaderValue::Address(address)) => addresses(address),
                (_, HeaderValue::Text(text)) => text.to_string(),
                _ => raw_value(raw, h.offset_start, h.offset_end),
            };
            (h.name.as_str().to_string(), value)
        })
        .collect();
    let body = message
        .body_text(0)
        .unwrap_or_default()
        .replace("\r\n", "\n");
    DraftView {
        headers,
        body: DraftBody::Text(body),
    }
}

/// `Name <address>, …` with names decoded.
fn addresses(address: &Address<'_>) -> String {
    let list: Vec<String> = address
        .iter()
        .map(|a| match (a.name.as_deref(), a.address.as_deref()) {
            (Some(name), Some(addr)) => format!("{name} <{addr}>"),
            (None, Some(addr)) => addr.to_string(),
            (Some(name), None) => name.to_string(),
            (None, None) => String::new(),
        })
        .collect();
    list.join(", ")
}

/// A header's value as written, unfolded.
fn raw_value(raw: &[u8], start: usize, end: usize) -> String {
    let slice = raw.get(start..end).unwrap_or_default();
    let text = String::from_utf8_lossy(slice);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Markdown → HTML. Raw HTML becomes text (a lead value cannot add markup), and only
/// `http`, `https` and `mailto` links keep their target.
pub fn markdown_to_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Html(text) | Event::InlineHtml(text) => Event::Text(text),
        // An image becomes a link to it: the page loads nothing.
        Event::Start(
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }
            | Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            },
        ) => Event::Start(Tag::Link {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        Event::End(pulldown_cmark::TagEnd::Image) => Event::End(pulldown_cmark::TagEnd::Link),
        other => other,
    });
    let mut html = String::with_capacity(markdown.len() * 5 / 4);
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    let lower = url.trim().to_ascii_lowercase();
    if ["http://", "https://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s))
    {
        url
    } else {
        CowStr::Borrowed("#")
    }
}

#[cfg(test)]
mod tests;
