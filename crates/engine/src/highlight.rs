//! From matched positions to what a reader sees marked: byte spans of the
//! matched tokens, grouped in hits, and snippets around the best passage.
//! Spans come from the analyzer's own tokens, so a mark covers exactly the
//! matched word: never the punctuation around it.

use crate::index::Field;
use crate::search::{Hit, Occurrence};
use crate::{Index, Span};

/// One marked token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    /// Byte range in the field's text (the title or the body).
    pub span: Span,
    /// Which query leaf matched, for a colour per term.
    pub term: u16,
    /// Which hit this mark belongs to: the tokens of one phrase match share
    /// a hit. Hits are numbered from 0 in text order.
    pub hit: u32,
}

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

impl Index {
    /// Every mark of `hit` in the title or the body, in text order.
    pub fn marks(&self, hit: &Hit, field: Field) -> Vec<Mark> {
        let mut occurrences: Vec<&Occurrence> =
            hit.occurrences.iter().filter(|o| o.field == field).collect();
        if occurrences.is_empty() || field == Field::Meta {
            return Vec::new();
        }
        occurrences.sort_by_key(|o| (o.position, o.leaf));
        let tokens = self.field_tokens(hit.doc, field);
        let span_at = |position: u32| {
            tokens
                .binary_search_by_key(&position, |(p, _)| *p)
                .ok()
                .map(|i| tokens[i].1.span)
        };
        let mut marks: Vec<Mark> = Vec::new();
        let mut hits = 0u32;
        for occ in occurrences {
            let mut added = false;
            for position in occ.position..occ.position + occ.len {
                let Some(span) = span_at(position) else { continue };
                if marks.iter().rev().take(64).any(|m| m.span == span) {
                    continue;
                }
                marks.push(Mark {
                    span,
                    term: occ.leaf,
                    hit: hits,
                });
                added = true;
            }
            if added {
                hits += 1;
            }
        }
        marks.sort_by_key(|m| m.span.start);
        marks
    }

    /// The best passage of the body for `hit`: the window of about
    /// [`SNIPPET_BYTES`] that holds the most distinct query terms, then the
    /// most marks. With no body match, the start of the body.
    pub fn snippet(&self, hit: &Hit) -> Snippet {
        let body = &self.doc(hit.doc).body;
        let marks = self.marks(hit, Field::Body);
        let tokens = self.field_tokens(hit.doc, Field::Body);
        let token_spans: Vec<Span> = tokens.into_iter().map(|(_, t)| t.span).collect();
        let Some(first_token) = token_spans.first() else {
            return Snippet {
                span: Span::new(0, 0),
                marks: Vec::new(),
                cut_before: false,
                cut_after: !body.trim().is_empty(),
            };
        };
        let anchor = best_window(&marks).map_or(first_token.start, |i| marks[i].span.start);
        // Start a little before the anchor, at a token start, preferring the
        // start of its sentence when that is close.
        let lead = if marks.is_empty() { 0 } else { SNIPPET_BYTES / 4 };
        let earliest = anchor.saturating_sub(lead);
        let first = token_spans.partition_point(|s| s.start < earliest);
        let mut start = token_spans.get(first).map_or(anchor, |s| s.start).min(anchor);
        if let Some(sentence) = sentence_start(body, earliest.saturating_sub(SNIPPET_BYTES / 4), anchor) {
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
        let last_token_end = token_spans.last().map_or(0, |s| s.end);
        Snippet {
            marks: marks
                .into_iter()
                .filter(|m| m.span.start >= span.start && m.span.end <= span.end)
                .collect(),
            cut_before: start > first_token.start,
            cut_after: end < last_token_end,
            span,
        }
    }
}

/// The index of the mark that starts the best window.
fn best_window(marks: &[Mark]) -> Option<usize> {
    let mut best: Option<(usize, usize, usize)> = None; // (distinct, count, index)
    for (i, first) in marks.iter().enumerate() {
        let window: Vec<&Mark> = marks[i..]
            .iter()
            .take_while(|m| m.span.end <= first.span.start + SNIPPET_BYTES * 3 / 4)
            .collect();
        let mut terms: Vec<u16> = window.iter().map(|m| m.term).collect();
        terms.sort_unstable();
        terms.dedup();
        let key = (terms.len(), window.len(), i);
        if best.is_none_or(|(d, c, _)| (key.0, key.1) > (d, c)) {
            best = Some(key);
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

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}
