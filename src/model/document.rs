//! The document view's logic: stepping through hits (on into the next
//! result past the last), what the hit counter says, and the marks under
//! the query's: the open quote and the passages reused elsewhere.

use quire_engine::{Analysis, DocId, Span};

use crate::format::count;
use crate::marks::{Highlight, Marked};

/// Where a step from the current hit leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HitStep {
    /// Another hit of this document.
    Hit(usize),
    /// The next (or previous) result: its first (or last) hit.
    Neighbour,
    /// Nothing to step through.
    Stay,
}

/// A step from hit `current` (of `total`), forward or back; past the ends,
/// to the neighbouring result when there is one, else round this document.
pub fn step_hit(current: Option<usize>, total: usize, forward: bool, has_neighbour: bool) -> HitStep {
    let current = current.filter(|&h| h < total);
    let within = match (current, forward) {
        (None, true) if total > 0 => Some(0),
        (None, false) if total > 0 => Some(total - 1),
        (Some(h), true) if h + 1 < total => Some(h + 1),
        (Some(h), false) if h > 0 => Some(h - 1),
        _ => None,
    };
    match within {
        Some(h) => HitStep::Hit(h),
        None if has_neighbour => HitStep::Neighbour,
        None if total > 0 => HitStep::Hit(if forward { 0 } else { total - 1 }),
        None => HitStep::Stay,
    }
}

/// "Hit 2 of 5", "5 hits", "No hits in the text".
pub fn hit_label(current: Option<usize>, total: usize) -> String {
    match current.filter(|&h| h < total) {
        Some(h) => format!("Hit {} of {total}", h + 1),
        None if total == 0 => "No hits in the text".to_string(),
        None => count(total, "hit", "hits"),
    }
}

/// The marks drawn under the query's hits in document `doc`: the open
/// quote (index `quote`), the reader's `notes` (their passages, by
/// index), and each passage reused in other documents (unless it
/// overlaps one of those), with how many others carry it.
pub fn context_marks(analysis: &Analysis, doc: DocId, quote: Option<usize>, notes: &[(usize, Span)]) -> Vec<Marked> {
    let mut marks: Vec<Marked> = Vec::new();
    if let Some(q) = quote.and_then(|q| analysis.quotes(doc).get(q).map(|quote| (q, quote))) {
        marks.extend(q.1.parts.iter().map(|&span| Marked {
            span,
            highlight: Highlight::Quote { index: q.0 as u32 },
        }));
    }
    for &(index, span) in notes {
        if !marks.iter().any(|m| m.span.overlaps(&span)) {
            marks.push(Marked {
                span,
                highlight: Highlight::Note { index: index as u32 },
            });
        }
    }
    for c in analysis.reuse_in(doc) {
        let cluster = &analysis.reuse()[c];
        let others = cluster.docs().len().saturating_sub(1) as u32;
        for &(d, span) in &cluster.copies {
            if d == doc && !marks.iter().any(|m| m.span.overlaps(&span)) {
                marks.push(Marked {
                    span,
                    highlight: Highlight::Reused { cluster: c as u32, others },
                });
            }
        }
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;
    use quire_engine::ingest::text_document;
    use quire_engine::IndexBuilder;

    #[test]
    fn table_of_hit_steps() {
        use HitStep::*;
        let cases = [
            // (current, total, forward, neighbour) -> step
            ((None, 3, true, false), Hit(0)),
            ((None, 3, false, false), Hit(2)),
            ((Some(0), 3, true, true), Hit(1)),
            ((Some(2), 3, true, true), Neighbour),
            ((Some(2), 3, true, false), Hit(0)),
            ((Some(0), 3, false, true), Neighbour),
            ((Some(0), 3, false, false), Hit(2)),
            ((Some(9), 3, true, false), Hit(0)),
            ((None, 0, true, true), Neighbour),
            ((None, 0, true, false), Stay),
        ];
        for ((current, total, forward, neighbour), want) in cases {
            assert_eq!(
                step_hit(current, total, forward, neighbour),
                want,
                "{current:?} of {total}, forward {forward}"
            );
        }
        assert_eq!(hit_label(Some(1), 5), "Hit 2 of 5");
        assert_eq!(hit_label(None, 1), "1 hit");
        assert_eq!(hit_label(Some(7), 5), "5 hits");
        assert_eq!(hit_label(None, 0), "No hits in the text");
    }

    #[test]
    fn reused_passages_and_the_open_quote_are_marked_without_overlap() {
        let shared = "“We will protect the data of every patient in the country,” the minister said.";
        let mut b = IndexBuilder::new();
        b.add(text_document("a", "", &format!("Opening line of the first story.\n\n{shared}")))
            .unwrap();
        b.add(text_document("b", "", &format!("{shared}\n\nAnother ending here."))).unwrap();
        let index = b.build();
        let analysis = index.analysis(&quire_engine::AnalysisPart::ALL);
        assert!(!analysis.reuse().is_empty() && !analysis.quotes(DocId(0)).is_empty());
        let plain = context_marks(analysis, DocId(0), None, &[]);
        assert!(!plain.is_empty() && plain.iter().all(|m| matches!(m.highlight, Highlight::Reused { others: 1, .. })));
        let quoted = context_marks(analysis, DocId(0), Some(0), &[]);
        assert!(matches!(quoted[0].highlight, Highlight::Quote { index: 0 }));
        for (i, m) in quoted.iter().enumerate() {
            assert!(quoted[i + 1..].iter().all(|o| !o.span.overlaps(&m.span)), "marks overlap");
        }
        assert_eq!(
            context_marks(analysis, DocId(0), Some(99), &[]),
            plain,
            "an unknown quote marks nothing"
        );
        // A note: marked over a reused passage, which then is not; a
        // second note overlapping the quote is not marked.
        let first = plain[0].span;
        let noted = context_marks(analysis, DocId(0), Some(0), &[(0, Span::new(0, 7)), (1, first)]);
        assert!(noted
            .iter()
            .any(|m| m.highlight == Highlight::Note { index: 0 } && m.span == Span::new(0, 7)));
        assert_eq!(
            quoted.iter().any(|m| m.span.overlaps(&first)),
            !noted.iter().any(|m| m.highlight == Highlight::Note { index: 1 })
        );
        let only_notes = context_marks(analysis, DocId(0), None, &[(0, first)]);
        assert_eq!(only_notes[0].highlight, Highlight::Note { index: 0 });
        assert!(only_notes[1..].iter().all(|m| !m.span.overlaps(&first)), "{only_notes:?}");
        for (i, m) in noted.iter().enumerate() {
            assert!(noted[i + 1..].iter().all(|o| !o.span.overlaps(&m.span)), "marks overlap");
        }
    }
}
