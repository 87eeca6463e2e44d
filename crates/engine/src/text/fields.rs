//! How a document's fields become positioned tokens: the title, the body
//! block by block, and each metadata value, with positions that leave a
//! gap between blocks so no phrase spans a paragraph break.

use super::analyze::{Analyzer, Token};
use super::document::{Document, Meta};

/// Positions skipped between blocks (and between metadata values), so a
/// phrase or proximity match never spans a paragraph break.
pub(crate) const BLOCK_GAP: u32 = 16;

/// The metadata values of one field of a document.
pub fn field_values<'d>(doc: &'d Document, name: &str) -> Vec<&'d str> {
    let meta = &doc.meta;
    match name {
        "source" => meta.source.iter().map(String::as_str).collect(),
        "author" => meta.author.iter().map(String::as_str).collect(),
        "tags" => meta.tags.iter().map(String::as_str).collect(),
        key => meta
            .extra
            .get(key)
            .map(|v| v.values().iter().map(String::as_str).collect())
            .unwrap_or_default(),
    }
}

/// The metadata field names a document uses, in a stable order.
pub fn meta_field_names(meta: &Meta) -> Vec<&str> {
    let mut names = Vec::new();
    if meta.source.is_some() {
        names.push("source");
    }
    if meta.author.is_some() {
        names.push("author");
    }
    if !meta.tags.is_empty() {
        names.push("tags");
    }
    names.extend(meta.extra.keys().map(String::as_str));
    names
}

/// Tokens of several pieces of text, positions continuing across them with
/// a gap; spans are offset by each piece's start.
pub fn tokens_of<'t>(analyzer: &Analyzer, pieces: impl IntoIterator<Item = (&'t str, usize)>) -> Vec<(u32, Token)> {
    let mut out = Vec::new();
    let mut next = 0u32;
    for (text, offset) in pieces {
        if !out.is_empty() {
            next += BLOCK_GAP;
        }
        for mut token in analyzer.tokens(text) {
            token.span.start += offset;
            token.span.end += offset;
            out.push((next, token));
            next += 1;
        }
    }
    out
}

/// The body's pieces: its blocks, or the whole text when it has none.
pub fn body_pieces(doc: &Document) -> Vec<(&str, usize)> {
    if doc.blocks.is_empty() {
        vec![(doc.body.as_str(), 0)]
    } else {
        doc.blocks.iter().map(|b| (doc.block_text(b), b.start)).collect()
    }
}

/// A field's tokens with their positions. Spans index the title or body
/// for those fields; for metadata they index each value.
pub fn field_tokens(analyzer: &Analyzer, doc: &Document, field: &str) -> Vec<(u32, Token)> {
    match field {
        "title" => tokens_of(analyzer, [(doc.title.as_str(), 0)]),
        "body" => tokens_of(analyzer, body_pieces(doc)),
        name => tokens_of(analyzer, field_values(doc, name).into_iter().map(|v| (v, 0))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::text_document;

    #[test]
    fn phrases_cannot_cross_blocks() {
        let body = "ends here\n\nstarts there";
        let d = text_document("a", "", body);
        let tokens = field_tokens(&Analyzer::new(), &d, "body");
        let positions: Vec<u32> = tokens.iter().map(|(p, _)| *p).collect();
        assert_eq!(positions, [0, 1, 2 + BLOCK_GAP, 3 + BLOCK_GAP]);
        assert_eq!(&body[tokens[2].1.span.start..tokens[2].1.span.end], "starts");
    }
}
