//! A document as the engine keeps it: the text a reader sees, its block
//! structure, and its metadata.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

use super::date::PartialDate;

/// A document's position in an [`Index`](crate::index::Index).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DocId(pub u32);

impl DocId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A byte range `start..end` into a document's text (title or body).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Whether the two spans share at least one byte.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The text the span covers; empty when it does not fit `text` (off
    /// its end, or not on char boundaries), as with damaged index data.
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// The largest char boundary of `text` at or before `i`.
pub fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// What kind of block a stretch of body text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BlockKind {
    Paragraph,
    /// A heading, with its level (1 to 6).
    Heading(u8),
    /// An item of a list; `ordered` lists are numbered.
    ListItem {
        ordered: bool,
    },
    Quote,
    Code,
}

/// One block of the body: its kind and its byte range in the body text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub start: usize,
    pub end: usize,
}

/// A metadata value that is not one of the named fields.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum MetaValue {
    Text(String),
    List(Vec<String>),
}

impl MetaValue {
    /// The value's strings: one for text, each item for a list.
    pub fn values(&self) -> &[String] {
        match self {
            MetaValue::Text(s) => std::slice::from_ref(s),
            MetaValue::List(items) => items,
        }
    }
}

impl fmt::Display for MetaValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.values().join(", "))
    }
}

/// A document's metadata. Every field may be missing.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// The outlet that published the document.
    pub source: Option<String>,
    pub date: Option<PartialDate>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub tags: Vec<String>,
    /// Any other front-matter key, kept and filterable.
    pub extra: BTreeMap<String, MetaValue>,
}

impl Meta {
    /// The URL, only when it is an `http` or `https` link; anything else
    /// (`javascript:`, `data:`, relative paths) is never offered as a link.
    pub fn http_url(&self) -> Option<&str> {
        let url = self.url.as_deref()?.trim();
        let scheme_end = url.find(':')?;
        let scheme = &url[..scheme_end];
        let rest = &url[scheme_end + 1..];
        let is_http = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
        (is_http && rest.starts_with("//") && rest.len() > 2 && !url.chars().any(char::is_whitespace)).then_some(url)
    }
}

/// A document: an id unique in its corpus, the text a reader sees, and
/// metadata.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The id users see in URLs: the file's path without extension, relative
    /// to the corpus folder, or the `id` of a JSON Lines record.
    pub id: String,
    pub title: String,
    /// The text a reader sees: Markdown already reduced to text. Every span
    /// the engine returns for the body indexes into this string.
    pub body: String,
    /// The body's structure; blocks are in order and do not overlap.
    pub blocks: Vec<Block>,
    pub meta: Meta,
}

impl Document {
    /// The text of one block.
    pub fn block_text(&self, block: &Block) -> &str {
        self.body.get(block.start..block.end).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_with_url(url: &str) -> Meta {
        Meta {
            url: Some(url.to_string()),
            ..Meta::default()
        }
    }

    #[test]
    fn only_http_and_https_urls_are_links() {
        let cases = [
            ("https://example.org/a", true),
            ("http://example.org", true),
            ("HTTPS://EXAMPLE.ORG", true),
            ("javascript:alert(1)", false),
            ("JavaScript://%0aalert(1)", false),
            ("data:text/html,<script>alert(1)</script>", false),
            ("/relative/path", false),
            ("https:", false),
            ("https://", false),
            ("https://exa mple.org", false),
            ("vbscript:msgbox", false),
        ];
        for (url, is_link) in cases {
            assert_eq!(meta_with_url(url).http_url().is_some(), is_link, "{url}");
        }
    }

    #[test]
    fn spans_overlap_only_when_they_share_a_byte() {
        assert!(Span::new(0, 3).overlaps(&Span::new(2, 5)));
        assert!(!Span::new(0, 3).overlaps(&Span::new(3, 5)));
    }
}
