//! From matched positions to what a reader sees marked: byte spans of the
//! matched tokens, grouped in hits. Spans come from the analyzer's own
//! tokens, so a mark covers exactly the matched word (stem, prefix, typo,
//! phrase or proximity match alike), never the punctuation around it.

use crate::index::field::{BODY, TITLE};
use crate::index::Index;
use crate::query::matching::{occurrences_by_doc, Occurrence};
use crate::query::plan::Prepared;
use crate::text::document::{DocId, Span};

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

    /// How many hits the body holds (what a reader steps through).
    pub fn body_hits(&self) -> usize {
        self.body.iter().map(|m| m.hit as usize + 1).max().unwrap_or(0)
    }
}

/// The marks of each of `docs` (in any order) for a query.
pub fn highlights(index: &Index, prepared: &Prepared, docs: &[DocId]) -> Vec<Highlights> {
    let (sorted, occurrences) = occurrences_by_doc(index, prepared, docs);
    docs.iter()
        .map(|doc| {
            let Ok(k) = sorted.binary_search(&doc.0) else {
                return Highlights::default();
            };
            let occ = &occurrences[k];
            Highlights {
                title: marks_of(index, *doc, TITLE, occ),
                body: marks_of(index, *doc, BODY, occ),
                in_metadata: occ.iter().any(|o| o.field > BODY),
            }
        })
        .collect()
}

/// The hits of marks in text order: each hit's first mark and where its
/// last mark ends (the tokens of a phrase or a proximity match are one hit).
pub(crate) fn hits(marks: &[Mark]) -> impl Iterator<Item = (&Mark, usize)> {
    let mut rest = marks.iter().peekable();
    std::iter::from_fn(move || {
        let first = rest.next()?;
        let mut end = first.span.end;
        while let Some(next) = rest.peek().filter(|m| m.hit == first.hit) {
            end = end.max(next.span.end);
            rest.next();
        }
        Some((first, end))
    })
}

/// The marks of one field from its occurrences, in text order.
pub(crate) fn marks_of(index: &Index, doc: DocId, field: u8, occurrences: &[Occurrence]) -> Vec<Mark> {
    let mut occ: Vec<&Occurrence> = occurrences.iter().filter(|o| o.field == field).collect();
    if occ.is_empty() {
        return Vec::new();
    }
    occ.sort_by_key(|o| (o.positions.first().copied(), o.leaf));
    let mut wanted: Vec<u32> = occ.iter().flat_map(|o| o.positions.iter().copied()).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let tokens = index.spans_at(doc, field, &wanted);
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
