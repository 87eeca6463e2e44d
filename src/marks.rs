//! What the page marks in a text, as plain data: a span and what it
//! stands for. Built by pages and models from engine results; turned into
//! `<mark>`s in one place, `components/highlighted.rs`.

use quire_engine::{EntityKind, Mark, Span};

/// What a mark stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Highlight {
    /// A query match: which query term (for its colour) and which hit.
    Term { term: u16, hit: u32 },
    /// A passage shared with another document, numbered from 1; `near`
    /// when its copies differ by small edits.
    Passage { number: u32, near: bool },
    /// Inside a near-match: words that differ from the other copy.
    Changed,
    /// A passage found in `others` other documents of the corpus (the
    /// reuse cluster `cluster`).
    Reused { cluster: u32, others: u32 },
    /// A quote (its index in the document's quotes).
    Quote { index: u32 },
    /// The passage a link cites.
    Cited,
    /// A passage the reader wrote a note on (its index in the
    /// document's notes).
    Note { index: u32 },
    /// A mention of an entity (its index in the document's mentions);
    /// `picked` when it names the entity the URL picks.
    Entity { kind: EntityKind, mention: u32, picked: bool },
}

/// A span of text to mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Marked {
    pub span: Span,
    pub highlight: Highlight,
}

impl From<&Mark> for Marked {
    fn from(mark: &Mark) -> Self {
        Marked {
            span: mark.span,
            highlight: Highlight::Term {
                term: mark.term,
                hit: mark.hit,
            },
        }
    }
}

/// Splits `range` of the text into plain and marked pieces, in order.
/// Marks are clipped to the range; where two overlap, the earlier one
/// keeps the overlap. Empty pieces are dropped.
pub fn segments(range: Span, marks: &[Marked]) -> Vec<(Span, Option<Highlight>)> {
    let mut sorted: Vec<&Marked> = marks
        .iter()
        .filter(|m| m.span.start < range.end && m.span.end > range.start)
        .collect();
    sorted.sort_by_key(|m| (m.span.start, m.span.end));
    let mut out = Vec::new();
    let mut at = range.start;
    for mark in sorted {
        let start = mark.span.start.max(at);
        let end = mark.span.end.min(range.end);
        if start >= end {
            continue;
        }
        if start > at {
            out.push((Span::new(at, start), None));
        }
        out.push((Span::new(start, end), Some(mark.highlight)));
        at = end;
    }
    if at < range.end {
        out.push((Span::new(at, range.end), None));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(start: usize, end: usize) -> Marked {
        Marked {
            span: Span::new(start, end),
            highlight: Highlight::Term { term: 0, hit: 0 },
        }
    }

    #[test]
    fn segments_rebuild_the_range_exactly() {
        type Case = (Span, Vec<Marked>, Vec<(usize, usize, bool)>); // range, marks, pieces (start, end, marked)
        let cases: &[Case] = &[
            (Span::new(0, 10), vec![], vec![(0, 10, false)]),
            (
                Span::new(0, 10),
                vec![term(2, 4)],
                vec![(0, 2, false), (2, 4, true), (4, 10, false)],
            ),
            (Span::new(0, 10), vec![term(0, 10)], vec![(0, 10, true)]),
            // Clipped to the range.
            (
                Span::new(5, 10),
                vec![term(2, 7), term(9, 20)],
                vec![(5, 7, true), (7, 9, false), (9, 10, true)],
            ),
            // Overlaps: the earlier mark keeps the overlap.
            (
                Span::new(0, 10),
                vec![term(4, 8), term(2, 6)],
                vec![(0, 2, false), (2, 6, true), (6, 8, true), (8, 10, false)],
            ),
            // Duplicates and marks outside the range vanish.
            (
                Span::new(0, 5),
                vec![term(1, 2), term(1, 2), term(7, 9)],
                vec![(0, 1, false), (1, 2, true), (2, 5, false)],
            ),
            (Span::new(3, 3), vec![term(0, 5)], vec![]),
        ];
        for (range, marks, expected) in cases {
            let got: Vec<(usize, usize, bool)> = segments(*range, marks)
                .into_iter()
                .map(|(s, h)| (s.start, s.end, h.is_some()))
                .collect();
            assert_eq!(&got, expected, "{range:?} {marks:?}");
        }
    }
}
