//! From matched positions to what a reader sees marked: byte spans of the
//! matched tokens, grouped in hits, and snippets around the best passage.
//! Spans come from the analyzer's own tokens, so a mark covers exactly the
//! matched word (stem, prefix, typo, phrase or proximity match alike),
//! never the punctuation around it.

use crate::index::{BODY, TITLE};
use crate::search::{field_matches, Plan, Prepared, SlotPositions};
use crate::{DocId, Index, Span};

/// One match of one query leaf: the token positions it covers in a field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Occurrence {
    pub leaf: u16,
    pub field: u8,
    pub positions: Vec<u32>,
}

/// One marked token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    /// Byte range in the field's text (the title or the body).
    pub span: Span,
    /// Which query leaf matched, for a colour per term.
    pub term: u16,
    /// Which hit this mark belongs to: the tokens of one phrase or one
    /// proximity match share a hit. Hits are numbered from 0 in text order.
    pub hit: u32,
}

/// The marks of one document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Highlights {
    pub title: Vec<Mark>,
    pub body: Vec<Mark>,
    /// Whether the query also matched metadata (outlet, author, tags…).
    pub in_metadata: bool,
}

impl Highlights {
    /// How many hits the title and body hold.
    pub fn hit_count(&self) -> usize {
        let count = |marks: &[Mark]| marks.iter().map(|m| m.hit as usize + 1).max().unwrap_or(0);
        count(&self.title) + count(&self.body)
    }
}

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

impl Index {
    /// For each of `docs` (sorted), every match of the query's marking
    /// leaves, read from the postings' positions.
    pub(crate) fn occurrences(&self, prepared: &Prepared, docs: &[u32]) -> Vec<Vec<Occurrence>> {
        let mut out: Vec<Vec<Occurrence>> = vec![Vec::new(); docs.len()];
        let default_fields = self.default_fields();
        for (leaf, _) in prepared.query.positive_leaves() {
            let Some(Plan::Terms { slots, mode, fields }) = prepared.plans.get(leaf as usize) else {
                continue;
            };
            let per_slot: Vec<SlotPositions> = slots.iter().map(|s| self.slot_positions(s, docs)).collect();
            for (k, found) in out.iter_mut().enumerate() {
                let mut field_ids: Vec<u8> = per_slot[0][k].iter().map(|(f, _)| *f).collect();
                field_ids.retain(|f| fields.as_ref().unwrap_or(&default_fields).contains(f));
                for field in field_ids {
                    let lists: Option<Vec<Vec<u32>>> = per_slot
                        .iter()
                        .map(|slot| slot[k].iter().find(|(f, _)| *f == field).map(|(_, l)| l.clone()))
                        .collect();
                    let Some(lists) = lists else { continue };
                    found.extend(
                        field_matches(*mode, &lists)
                            .into_iter()
                            .map(|positions| Occurrence { leaf, field, positions }),
                    );
                }
            }
        }
        out
    }

    /// The marks of each of `docs` (in any order) for a query.
    pub fn highlights(&self, prepared: &Prepared, docs: &[DocId]) -> Vec<Highlights> {
        let mut sorted: Vec<u32> = docs.iter().map(|d| d.0).filter(|&d| (d as usize) < self.len()).collect();
        sorted.sort_unstable();
        sorted.dedup();
        let occurrences = self.occurrences(prepared, &sorted);
        docs.iter()
            .map(|doc| {
                let Ok(k) = sorted.binary_search(&doc.0) else {
                    return Highlights::default();
                };
                let occ = &occurrences[k];
                Highlights {
                    title: self.marks_of(*doc, TITLE, occ),
                    body: self.marks_of(*doc, BODY, occ),
                    in_metadata: occ.iter().any(|o| o.field > BODY),
                }
            })
            .collect()
    }

    /// What a result list shows of each of `docs` (in any order): the
    /// title's marks and the best passage of the body, found from the
    /// matches' positions so that only that passage is analyzed.
    pub fn result_views(&self, prepared: &Prepared, docs: &[DocId]) -> Vec<ResultView> {
        let mut sorted: Vec<u32> = docs.iter().map(|d| d.0).filter(|&d| (d as usize) < self.len()).collect();
        sorted.sort_unstable();
        sorted.dedup();
        let occurrences = self.occurrences(prepared, &sorted);
        docs.iter()
            .map(|doc| {
                let occ = sorted.binary_search(&doc.0).map(|k| occurrences[k].as_slice()).unwrap_or(&[]);
                let mut body: Vec<&Occurrence> = occ.iter().filter(|o| o.field == BODY).collect();
                body.sort_by_key(|o| o.positions.first().copied());
                let mut firsts: Vec<u32> = body.iter().filter_map(|o| o.positions.first().copied()).collect();
                firsts.dedup();
                let title = self.marks_of(*doc, TITLE, occ);
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
                let marks = self.marks_of(*doc, BODY, &window);
                ResultView {
                    title,
                    snippet: self.snippet(*doc, &marks),
                    hits: title_hits + firsts.len(),
                    in_metadata: occ.iter().any(|o| o.field > BODY),
                }
            })
            .collect()
    }

    /// The marks of one field from its occurrences, in text order.
    fn marks_of(&self, doc: DocId, field: u8, occurrences: &[Occurrence]) -> Vec<Mark> {
        let mut occ: Vec<&Occurrence> = occurrences.iter().filter(|o| o.field == field).collect();
        if occ.is_empty() {
            return Vec::new();
        }
        occ.sort_by_key(|o| (o.positions.first().copied(), o.leaf));
        let mut wanted: Vec<u32> = occ.iter().flat_map(|o| o.positions.iter().copied()).collect();
        wanted.sort_unstable();
        wanted.dedup();
        let tokens = self.spans_at(doc, field, &wanted);
        let span_at = |position: u32| tokens.binary_search_by_key(&position, |(p, _)| *p).ok().map(|i| tokens[i].1);
        let mut marks: Vec<Mark> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut hits = 0u32;
        for o in occ {
            let mut added = false;
            for &position in &o.positions {
                let Some(span) = span_at(position) else {
                    continue;
                };
                if !seen.insert(span.start) {
                    continue;
                }
                marks.push(Mark {
                    span,
                    term: o.leaf,
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

    /// The best passage of a document's body given its marks: the window
    /// of about [`SNIPPET_BYTES`] that holds the most distinct query terms,
    /// then the most marks. With no marks, the start of the body.
    pub fn snippet(&self, doc: DocId, marks: &[Mark]) -> Snippet {
        let body = &self.doc(doc).body;
        let has_text = |s: &str| s.chars().any(char::is_alphanumeric);
        let text_start = body.find(|c: char| c.is_alphanumeric()).unwrap_or(body.len());
        let anchor = best_window(marks).map_or(text_start, |i| marks[i].span.start);
        // Start a little before the anchor, at a token start, preferring the
        // start of its sentence when that is close. Only the blocks around
        // the window are analyzed.
        let lead = if marks.is_empty() { 0 } else { SNIPPET_BYTES / 4 };
        let earliest = anchor.saturating_sub(lead);
        let from = earliest.saturating_sub(SNIPPET_BYTES / 4);
        let token_spans = self.body_spans_in(doc, from..anchor + SNIPPET_BYTES + 1);
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

pub(crate) fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}
