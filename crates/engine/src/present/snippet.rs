//! What a result list shows of a document: the title's marks, and the
//! passage of the body that holds the most of the query.

use super::highlight::{marks_of, Mark};
use crate::index::field::{BODY, TITLE};
use crate::index::Index;
use crate::query::matching::{occurrences_by_doc, Occurrence};
use crate::query::plan::Prepared;
use crate::text::document::{floor_char_boundary, DocId, Span};

/// What a result list shows of one document: title marks, a snippet, and
/// how many hits the document holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResultView {
    pub title: Vec<Mark>,
    pub snippet: Snippet,
    /// Hits in the title and body.
    pub hits: usize,
    /// Whether the query also matched metadata (outlet, author, tags…).
    pub in_metadata: bool,
}

/// A snippet window spans about this many tokens.
const WINDOW_TOKENS: u32 = 32;

/// A passage of the body to show in a result list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    /// Byte range of the passage in the body.
    pub span: Span,
    /// The marks inside the passage (spans into the body).
    pub marks: Vec<Mark>,
    /// Whether text was cut before / after the passage.
    pub cut_before: bool,
    pub cut_after: bool,
}

/// Snippets aim at about this many bytes.
pub const SNIPPET_BYTES: usize = 240;

/// What a result list shows of each of `docs` (in any order): the
/// title's marks and the best passage of the body, found from the
/// matches' positions so that only that passage is analyzed.
pub fn result_views(index: &Index, prepared: &Prepared, docs: &[DocId]) -> Vec<ResultView> {
    let (sorted, occurrences) = occurrences_by_doc(index, prepared, docs);
    docs.iter()
        .map(|doc| {
            let occ = sorted.binary_search(&doc.0).map(|k| occurrences[k].as_slice()).unwrap_or(&[]);
            let mut body: Vec<&Occurrence> = occ.iter().filter(|o| o.field == BODY).collect();
            body.sort_by_key(|o| o.positions.first().copied());
            let mut firsts: Vec<u32> = body.iter().filter_map(|o| o.positions.first().copied()).collect();
            firsts.dedup();
            let title = marks_of(index, *doc, TITLE, occ);
            let title_hits = title.iter().map(|m| m.hit as usize + 1).max().unwrap_or(0);
            // The window of positions with the most distinct leaves, then
            // the most matches.
            let mut best: Option<(usize, usize, u32)> = None;
            for (i, o) in body.iter().enumerate() {
                let Some(&start) = o.positions.first() else {
                    continue;
                };
                let mut leaves: Vec<u16> = Vec::new();
                let mut count = 0;
                for other in body[i..]
                    .iter()
                    .take_while(|x| x.positions.first().is_some_and(|&p| p < start + WINDOW_TOKENS))
                {
                    count += 1;
                    if !leaves.contains(&other.leaf) {
                        leaves.push(other.leaf);
                    }
                }
                if best.is_none_or(|(d, c, _)| (leaves.len(), count) > (d, c)) {
                    best = Some((leaves.len(), count, start));
                }
            }
            let window: Vec<Occurrence> = match best {
                Some((_, _, start)) => body
                    .iter()
                    .filter(|o| o.positions.first().is_some_and(|&p| p >= start && p < start + WINDOW_TOKENS))
                    .map(|o| (*o).clone())
                    .collect(),
                None => Vec::new(),
            };
            let marks = marks_of(index, *doc, BODY, &window);
            ResultView {
                title,
                snippet: snippet(index, *doc, &marks),
                hits: title_hits + firsts.len(),
                in_metadata: occ.iter().any(|o| o.field > BODY),
            }
        })
        .collect()
}

/// The best passage of a document's body given its marks: the window
/// of about [`SNIPPET_BYTES`] that holds the most distinct query terms,
/// then the most marks. With no marks, the start of the body.
pub fn snippet(index: &Index, doc: DocId, marks: &[Mark]) -> Snippet {
    let body = &index.doc(doc).body;
    let has_text = |s: &str| s.chars().any(char::is_alphanumeric);
    let text_start = body.find(|c: char| c.is_alphanumeric()).unwrap_or(body.len());
    let anchor = best_window(marks).map_or(text_start, |i| marks[i].span.start);
    // Start a little before the anchor, at a token start, preferring the
    // start of its sentence when that is close. Only the blocks around
    // the window are analyzed.
    let lead = if marks.is_empty() { 0 } else { SNIPPET_BYTES / 4 };
    let earliest = anchor.saturating_sub(lead);
    let from = earliest.saturating_sub(SNIPPET_BYTES / 4);
    let token_spans = index.body_spans_in(doc, from..anchor + SNIPPET_BYTES + 1);
    if token_spans.is_empty() {
        return Snippet {
            span: Span::new(0, 0),
            marks: Vec::new(),
            cut_before: false,
            cut_after: false,
        };
    }
    let first = token_spans.partition_point(|s| s.start < earliest);
    let mut start = token_spans.get(first).map_or(anchor, |s| s.start).min(anchor);
    if let Some(sentence) = sentence_start(body, from, anchor) {
        start = sentence;
    }
    let limit = start + SNIPPET_BYTES;
    let last = token_spans.partition_point(|s| s.end <= limit);
    let end = if last == 0 {
        token_spans[0].end
    } else {
        token_spans[last - 1].end.max(start)
    };
    let span = Span::new(start, end);
    Snippet {
        marks: marks
            .iter()
            .filter(|m| m.span.start >= span.start && m.span.end <= span.end)
            .copied()
            .collect(),
        cut_before: has_text(&body[..start]),
        cut_after: has_text(&body[end..]),
        span,
    }
}

/// The index of the mark that starts the best window.
fn best_window(marks: &[Mark]) -> Option<usize> {
    let mut best: Option<(usize, usize, usize)> = None; // (distinct, count, index)
    for (i, first) in marks.iter().enumerate() {
        let window = marks[i..]
            .iter()
            .take_while(|m| m.span.end <= first.span.start + SNIPPET_BYTES * 3 / 4);
        let mut terms: Vec<u16> = Vec::new();
        let mut count = 0;
        for m in window {
            count += 1;
            if !terms.contains(&m.term) {
                terms.push(m.term);
            }
        }
        if best.is_none_or(|(d, c, _)| (terms.len(), count) > (d, c)) {
            best = Some((terms.len(), count, i));
        }
    }
    best.map(|(_, _, i)| i)
}

/// The start of the sentence holding `anchor`, if one begins at or after
/// `from`: just after `. `, `! `, `? ` or a line break.
fn sentence_start(text: &str, from: usize, anchor: usize) -> Option<usize> {
    let from = floor_char_boundary(text, from);
    let anchor = floor_char_boundary(text, anchor);
    let window = &text[from..anchor];
    let mut best = None;
    for (i, c) in window.char_indices() {
        let after = i + c.len_utf8();
        let boundary = match c {
            '\n' => true,
            '.' | '!' | '?' => window[after..].starts_with(char::is_whitespace),
            _ => false,
        };
        if boundary {
            best = Some(after);
        }
    }
    let start = from + best?;
    let skipped = text[start..anchor].len() - text[start..anchor].trim_start().len();
    Some(start + skipped)
}
