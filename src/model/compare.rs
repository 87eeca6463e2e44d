//! A comparison as the compare view shows it: the documents and their
//! blocks, the shared passages numbered from 1, the rows of the aligned
//! grid with the passages each holds, folds of rows without one, the
//! columns of the free layout, the minimap, and stepping through passages.

use quire_engine::compare::rows::blocks_of;
use quire_engine::{Block, Comparison, DocId, Document};

use crate::format::{count, percent_tenths};
use crate::marks::{Highlight, Marked};

/// What the aligned grid shows, line by line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Line {
    /// A row of the comparison, with the numbers of the passages in it.
    Row { row: usize, passages: Vec<usize> },
    /// Rows without shared passages, folded into one line.
    Fold { rows: usize, paragraphs: usize },
}

/// What a column of the free layout shows, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ColumnPart {
    Blocks(Vec<Block>),
    /// Paragraphs without shared passages, folded.
    Fold(usize),
}

/// Where a passage's copy falls in a document, for the minimap: per mille
/// of the document's length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MapMark {
    pub number: usize,
    pub top: u32,
    pub height: u32,
}

/// Two to four documents compared.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareModel {
    pub docs: Vec<DocId>,
    pub comparison: Comparison,
    /// Per document, its blocks (the whole body when it has none).
    pub blocks: Vec<Vec<Block>>,
    /// Per document, per block: the numbers of the passages in it.
    by_block: Vec<Vec<Vec<usize>>>,
    /// Per document, its body's length in bytes.
    lengths: Vec<usize>,
}

impl CompareModel {
    /// `documents` are the bodies of `docs`, in the same order.
    pub fn new(docs: Vec<DocId>, documents: &[&Document], comparison: Comparison) -> CompareModel {
        let blocks: Vec<Vec<Block>> = documents.iter().map(|d| blocks_of(d)).collect();
        let by_block = (0..documents.len())
            .map(|d| passages_by_block(&comparison, d, &blocks[d]))
            .collect();
        CompareModel {
            docs,
            lengths: documents.iter().map(|d| d.body.len()).collect(),
            comparison,
            blocks,
            by_block,
        }
    }

    /// How many documents are compared.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// How many shared passages there are.
    pub fn passages(&self) -> usize {
        self.comparison.passages.len()
    }

    /// Whether passage `number` (from 1) differs by small edits.
    pub fn is_near(&self, number: usize) -> bool {
        number
            .checked_sub(1)
            .and_then(|k| self.comparison.passages.get(k))
            .is_some_and(|p| p.near)
    }

    /// `p` if there is such a passage.
    pub fn passage(&self, p: Option<usize>) -> Option<usize> {
        p.filter(|&p| p >= 1 && p <= self.passages())
    }

    /// The passage after (or before) `current`, round the ends; `None`
    /// when there are none.
    pub fn step(&self, current: Option<usize>, forward: bool) -> Option<usize> {
        let n = self.passages();
        if n == 0 {
            return None;
        }
        Some(match (self.passage(current), forward) {
            (None, true) => 1,
            (None, false) => n,
            (Some(p), true) => p % n + 1,
            (Some(p), false) => (p + n - 2) % n + 1,
        })
    }

    /// "3 shared passages (1 near) · 12.5% of words shared".
    pub fn summary(&self) -> String {
        let near = self.comparison.passages.iter().filter(|p| p.near).count();
        let near_note = if near > 0 { format!(" ({near} near)") } else { String::new() };
        match self.passages() {
            0 => "No shared passages".to_string(),
            k => format!(
                "{}{near_note} · {} of words shared",
                count(k, "shared passage", "shared passages"),
                percent_tenths(self.comparison.similarity)
            ),
        }
    }

    /// "120 of 800 words in shared passages", or nothing for a document
    /// without words.
    pub fn share(&self, d: usize) -> String {
        match self.comparison.total_words[d] {
            0 => String::new(),
            t => format!("{} of {t} words in shared passages", self.comparison.shared_words[d]),
        }
    }

    /// The marks of document `d`: its copies of the shared passages, and
    /// inside near-matches the words that changed.
    pub fn marks(&self, d: usize) -> (Vec<Marked>, Vec<Marked>) {
        let mut outer = Vec::new();
        let mut inner = Vec::new();
        for (k, p) in self.comparison.passages.iter().enumerate() {
            let highlight = Highlight::Passage {
                number: k as u32 + 1,
                near: p.near,
            };
            outer.extend(p.copies[d].iter().map(|&span| Marked { span, highlight }));
            inner.extend(p.changes[d].iter().map(|&span| Marked {
                span,
                highlight: Highlight::Changed,
            }));
        }
        (outer, inner)
    }

    /// The passage numbers in block `b` of document `d`.
    fn in_block(&self, d: usize, b: usize) -> &[usize] {
        &self.by_block[d][b]
    }

    /// The lines of the aligned grid; with `matched_only`, runs of rows
    /// that hold no shared passage fold into one line.
    pub fn lines(&self, matched_only: bool) -> Vec<Line> {
        let mut out: Vec<Line> = Vec::new();
        for (r, row) in self.comparison.rows.iter().enumerate() {
            let mut passages: Vec<usize> = row
                .cells
                .iter()
                .enumerate()
                .flat_map(|(d, cell)| cell.iter().flat_map(move |&b| self.in_block(d, b).iter().copied()))
                .collect();
            passages.sort_unstable();
            passages.dedup();
            if !passages.is_empty() || !matched_only {
                out.push(Line::Row { row: r, passages });
                continue;
            }
            let paragraphs: usize = row.cells.iter().map(Vec::len).sum();
            match out.last_mut() {
                Some(Line::Fold { rows, paragraphs: p }) => {
                    *rows += 1;
                    *p += paragraphs;
                }
                _ => out.push(Line::Fold { rows: 1, paragraphs }),
            }
        }
        out
    }

    /// The blocks of document `d` shown in `row`.
    pub fn cell(&self, row: usize, d: usize) -> Vec<Block> {
        self.comparison.rows[row].cells[d].iter().map(|&b| self.blocks[d][b]).collect()
    }

    /// What document `d`'s own column shows (the free layout); with
    /// `matched_only`, runs of blocks without passages fold.
    pub fn column(&self, d: usize, matched_only: bool) -> Vec<ColumnPart> {
        let mut out: Vec<ColumnPart> = Vec::new();
        for (b, block) in self.blocks[d].iter().enumerate() {
            let folded = matched_only && self.in_block(d, b).is_empty();
            match (out.last_mut(), folded) {
                (Some(ColumnPart::Fold(n)), true) => *n += 1,
                (_, true) => out.push(ColumnPart::Fold(1)),
                (Some(ColumnPart::Blocks(run)), false) => run.push(*block),
                (_, false) => out.push(ColumnPart::Blocks(vec![*block])),
            }
        }
        out
    }

    /// Where document `d`'s copies of the passages fall, for the minimap.
    pub fn map(&self, d: usize) -> Vec<MapMark> {
        let len = self.lengths[d].max(1) as u64;
        self.comparison
            .passages
            .iter()
            .enumerate()
            .flat_map(|(k, p)| p.copies[d].iter().map(move |s| (k + 1, *s)))
            .map(|(number, s)| MapMark {
                number,
                top: (s.start as u64 * 1000 / len) as u32,
                height: ((s.len() as u64 * 1000 / len) as u32).max(6),
            })
            .collect()
    }

    /// How many passages have a copy in document `d`.
    pub fn passages_in(&self, d: usize) -> usize {
        self.comparison.passages.iter().filter(|p| !p.copies[d].is_empty()).count()
    }
}

/// Per block of document `d`, the numbers of the passages in it, in
/// order. Each copy finds its blocks by binary search: linear in the
/// copies, not blocks × passages.
fn passages_by_block(comparison: &Comparison, d: usize, blocks: &[Block]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); blocks.len()];
    for (k, p) in comparison.passages.iter().enumerate() {
        for s in &p.copies[d] {
            // The first block ending after the copy starts, then on while
            // blocks start before it ends.
            let mut b = blocks.partition_point(|b| b.end.max(b.start + 1) <= s.start);
            while b < blocks.len() && blocks[b].start < s.end {
                if out[b].last() != Some(&(k + 1)) {
                    out[b].push(k + 1);
                }
                b += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use quire_engine::ingest::text_document;
    use quire_engine::{compare_many, Analyzer};

    const SHARED: &str = "The contract for the federated data platform is worth three hundred and thirty million pounds over seven years.";

    fn model(texts: &[String]) -> (CompareModel, Vec<Document>) {
        let docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| text_document(&i.to_string(), "", t))
            .collect();
        let refs: Vec<&Document> = docs.iter().collect();
        let c = compare_many(&Analyzer::new(), &refs);
        (CompareModel::new((0..docs.len() as u32).map(DocId).collect(), &refs, c), docs)
    }

    #[test]
    fn marks_cover_every_copy_and_changes_sit_inside_them() {
        let changed = SHARED.replace("data platform", "data system");
        let (m, docs) = model(&[
            format!("Intro words here.\n\n{SHARED}\n\nAn ending."),
            format!("{changed}\n\nOther text entirely."),
        ]);
        assert!(m.passages() > 0);
        for (d, doc) in docs.iter().enumerate() {
            let (outer, inner) = m.marks(d);
            assert_eq!(outer.len(), m.comparison.passages.iter().map(|p| p.copies[d].len()).sum::<usize>());
            for mark in &inner {
                assert!(
                    outer.iter().any(|o| o.span.start <= mark.span.start && mark.span.end <= o.span.end),
                    "change inside a passage"
                );
                assert!(doc.body.is_char_boundary(mark.span.start) && doc.body.is_char_boundary(mark.span.end));
            }
        }
        assert!(m.is_near(1) && !m.is_near(0) && !m.is_near(99));
        let summary = m.summary();
        assert!(
            summary.starts_with("1 shared passage (1 near) · ") && summary.ends_with("% of words shared"),
            "{summary}"
        );
    }

    #[test]
    fn rows_carry_their_passages_and_matched_only_folds_the_rest() {
        let (m, docs) = model(&[
            format!("One.\n\nTwo.\n\n{SHARED}\n\nThree.\n\nFour."),
            format!("Alpha.\n\n{SHARED}\n\nBeta."),
        ]);
        let all = m.lines(false);
        assert_eq!(all.len(), m.comparison.rows.len());
        let with: Vec<&Line> = all
            .iter()
            .filter(|l| matches!(l, Line::Row { passages, .. } if !passages.is_empty()))
            .collect();
        assert_eq!(with.len(), 1);
        let only = m.lines(true);
        assert_eq!(only.iter().filter(|l| matches!(l, Line::Row { .. })).count(), 1, "{only:?}");
        // No two folds in a row, and every paragraph is shown or folded.
        assert!(only
            .windows(2)
            .all(|w| !matches!((&w[0], &w[1]), (Line::Fold { .. }, Line::Fold { .. }))));
        let folded: usize = only
            .iter()
            .map(|l| if let Line::Fold { paragraphs, .. } = l { *paragraphs } else { 0 })
            .sum();
        let shown: usize = only
            .iter()
            .map(|l| {
                if let Line::Row { row, .. } = l {
                    (0..2).map(|d| m.cell(*row, d).len()).sum()
                } else {
                    0
                }
            })
            .sum();
        assert_eq!(folded + shown, docs.iter().map(|d| d.blocks.len()).sum::<usize>());
        // The free layout folds the same way, column by column.
        let col = m.column(0, true);
        assert_eq!(
            col,
            vec![ColumnPart::Fold(2), ColumnPart::Blocks(vec![m.blocks[0][2]]), ColumnPart::Fold(2)]
        );
        assert_eq!(m.column(1, false), vec![ColumnPart::Blocks(m.blocks[1].clone())]);
    }

    #[test]
    fn stepping_goes_round_the_passages() {
        let (m, _) = model(&[
            format!("{SHARED}\n\nFiller one.\n\n{}", SHARED.replace("contract", "deal")),
            format!("{SHARED}\n\nOther."),
        ]);
        let n = m.passages();
        assert!(n >= 1);
        assert_eq!(m.step(None, true), Some(1));
        assert_eq!(m.step(None, false), Some(n));
        assert_eq!(m.step(Some(n), true), Some(1));
        assert_eq!(m.step(Some(1), false), Some(n));
        assert_eq!(m.step(Some(99), true), Some(1), "an unknown passage starts again");
        let (none, _) = model(&["Nothing alike.".to_string(), "Different words here.".to_string()]);
        assert_eq!(none.step(None, true), None);
        assert_eq!(none.summary(), "No shared passages");
    }

    #[test]
    fn the_minimap_places_copies_by_their_offset() {
        let (m, docs) = model(&[format!("{}\n\n{SHARED}", "Filler text. ".repeat(40)), SHARED.to_string()]);
        let marks = m.map(0);
        assert_eq!(marks.len(), 1);
        let start = docs[0].body.find("The contract").unwrap() as u64;
        assert_eq!(marks[0].top as u64, start * 1000 / docs[0].body.len() as u64);
        assert!(marks[0].height >= 6);
        assert_eq!(m.map(1)[0].top, 0);
        assert_eq!(m.passages_in(1), 1);
        assert_eq!(
            m.share(1),
            format!(
                "{} of {} words in shared passages",
                m.comparison.shared_words[1], m.comparison.total_words[1]
            )
        );
    }
}
