//! Rows for side-by-side reading: paragraphs that share passages sit level.

use std::collections::HashMap;

use super::passage::{Row, SharedPassage};
use super::seed::paired_ranks;
use crate::text::document::{Block, BlockKind, Document, Span};

/// The blocks of a document (its whole body when it has none).
pub fn blocks_of(doc: &Document) -> Vec<Block> {
    if doc.blocks.is_empty() && !doc.body.is_empty() {
        vec![Block {
            kind: BlockKind::Paragraph,
            start: 0,
            end: doc.body.len(),
        }]
    } else {
        doc.blocks.clone()
    }
}

/// The heaviest chain of weighted pairs `(i, j, weight)` (`j < nb`) in
/// order on both sides: each pair's `i` and `j` at least the last's, so a
/// paragraph may pair with several paragraphs of the other document
/// (`rows` decides which of those share a row), but pairs never cross. A weighted common subsequence over sparse matches in
/// O(k log nb) for k pairs (a Fenwick tree of prefix maxima over `j`).
fn heaviest_chain(mut pairs: Vec<(usize, usize, usize)>, nb: usize) -> Vec<(usize, usize)> {
    pairs.sort_unstable();
    pairs.dedup_by_key(|p| (p.0, p.1));
    const NONE: usize = usize::MAX;
    let mut tree: Vec<(usize, usize)> = vec![(0, NONE); nb + 1]; // (total, pair) at j + 1
    let mut total = vec![0usize; pairs.len()];
    let mut prev = vec![NONE; pairs.len()];
    // In (i, j) order, every pair a chain may hold before pair t (i and j
    // no greater) is already in the tree when t reads it.
    for (t, &(_, j, w)) in pairs.iter().enumerate() {
        let (mut k, mut best) = (j + 1, (0, NONE));
        while k > 0 {
            if tree[k].0 > best.0 {
                best = tree[k];
            }
            k &= k - 1;
        }
        total[t] = best.0 + w;
        prev[t] = best.1;
        let mut k = j + 1;
        while k <= nb {
            if total[t] > tree[k].0 {
                tree[k] = (total[t], t);
            }
            k += k & k.wrapping_neg();
        }
    }
    let mut chain = Vec::new();
    let mut t = (0..pairs.len()).max_by_key(|&t| total[t]).unwrap_or(NONE);
    while t != NONE {
        chain.push((pairs[t].0, pairs[t].1));
        t = prev[t];
    }
    chain.reverse();
    chain
}

/// What a paragraph of the first document shares with one of another:
/// bytes in shared passages, and where the shared text lies in each.
struct Shared {
    bytes: usize,
    first: Span,
    other: Span,
}

/// Paragraphs `first` (inclusive) of the first document paired with
/// paragraphs `other` (inclusive) of document `doc`. Ordered by the first
/// document's paragraphs, then by document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct BlockGroup {
    first: (usize, usize),
    doc: usize,
    other: (usize, usize),
}

/// A row's anchor: paragraphs of the first document, and per other
/// document the paragraphs (inclusive) that sit beside them.
struct Anchor {
    first: (usize, usize),
    others: Vec<Option<(usize, usize)>>,
}

/// Rows for side-by-side reading: the first document's paragraphs in
/// order; each other document's paragraphs lined up with those they share
/// passages with, keeping every document in its own order (the heaviest
/// chain of paragraph pairs by shared bytes). Paragraphs chained to one
/// another share a row, several to one when one document splits what
/// another keeps whole; paragraphs with no partner get rows of their own,
/// where they fall.
pub(crate) fn rows(docs: &[&Document], passages: &[SharedPassage]) -> Vec<Row> {
    let n = docs.len();
    let blocks: Vec<Vec<Block>> = docs.iter().map(|d| blocks_of(d)).collect();
    let block_of = |d: usize, at: usize| {
        let k = blocks[d].partition_point(|b| b.start <= at);
        (k > 0 && at < blocks[d][k - 1].end.max(blocks[d][k - 1].start + 1)).then(|| k - 1)
    };
    // Per pair of blocks (i of the first document, j of d): the bytes they
    // share, and where the shared text lies in each (byte ranges).
    let shared = |d: usize| -> HashMap<(usize, usize), Shared> {
        let mut w: HashMap<(usize, usize), Shared> = HashMap::new();
        for p in passages {
            let (ca, cb) = (p.copies[0].len(), p.copies[d].len());
            for (k, a) in p.copies[0].iter().enumerate() {
                for b in &p.copies[d][paired_ranks(k, ca, cb)] {
                    if let (Some(i), Some(j)) = (block_of(0, a.start), block_of(d, b.start)) {
                        let e = w.entry((i, j)).or_insert(Shared {
                            bytes: 0,
                            first: *a,
                            other: *b,
                        });
                        e.bytes += a.len().min(b.len());
                        e.first = Span::new(e.first.start.min(a.start), e.first.end.max(a.end));
                        e.other = Span::new(e.other.start.min(b.start), e.other.end.max(b.end));
                    }
                }
            }
        }
        w
    };
    // Per other document, its chained pairs grouped where one paragraph
    // pairs with several of the other, each with a later part of it (one
    // outlet split or merged paragraphs). A paragraph paired again with
    // the same text (a repeat further on) starts a group of its own.
    let mut groups: Vec<BlockGroup> = Vec::new();
    for (d, doc_blocks) in blocks.iter().enumerate().skip(1) {
        let w = shared(d);
        let pairs = w.iter().map(|(&(i, j), s)| (i, j, s.bytes)).collect();
        let mut last: Option<(usize, usize)> = None;
        for (i, j) in heaviest_chain(pairs, doc_blocks.len()) {
            let here = &w[&(i, j)];
            let follows = last.is_some_and(|(li, lj)| {
                let before = &w[&(li, lj)];
                (li == i && here.first.start >= before.first.end) || (lj == j && here.other.start >= before.other.end)
            });
            match groups.last_mut() {
                Some(g) if follows && g.doc == d => {
                    g.first.1 = i;
                    g.other.1 = j;
                }
                _ => groups.push(BlockGroup {
                    first: (i, i),
                    doc: d,
                    other: (j, j),
                }),
            }
            last = Some((i, j));
        }
    }
    // Groups whose blocks of the first document overlap make one row.
    groups.sort_unstable();
    let mut anchored: Vec<Anchor> = Vec::new();
    for g in groups {
        match anchored.last_mut() {
            Some(a) if g.first.0 <= a.first.1 => {
                a.first.1 = a.first.1.max(g.first.1);
                let r = a.others[g.doc].get_or_insert(g.other);
                *r = (r.0.min(g.other.0), r.1.max(g.other.1));
            }
            _ => {
                let mut others = vec![None; n];
                others[g.doc] = Some(g.other);
                anchored.push(Anchor { first: g.first, others });
            }
        }
    }
    let mut partnered: Vec<Vec<bool>> = blocks.iter().map(|b| vec![false; b.len()]).collect();
    for anchor in &anchored {
        for (d, r) in anchor.others.iter().enumerate() {
            if let Some((j0, j1)) = r {
                partnered[d][*j0..=*j1].fill(true);
            }
        }
    }
    let mut rows = Vec::new();
    let mut next: Vec<usize> = vec![0; n];
    let mut anchors = anchored.into_iter().peekable();
    let mut i = 0;
    while i < blocks[0].len() {
        let mut row = Row {
            cells: vec![Vec::new(); n],
        };
        match anchors.next_if(|a| a.first.0 == i) {
            Some(Anchor {
                first: (i0, i1),
                others: per,
            }) => {
                // Other documents' paragraphs that come before their part
                // of this row get a row of their own.
                let mut before = Row {
                    cells: vec![Vec::new(); n],
                };
                row.cells[0].extend(i0..=i1);
                for (d, r) in per.into_iter().enumerate() {
                    if let Some((j0, j1)) = r.filter(|&(_, j1)| j1 >= next[d]) {
                        let j0 = j0.max(next[d]);
                        before.cells[d].extend(next[d]..j0);
                        row.cells[d].extend(j0..=j1);
                        next[d] = j1 + 1;
                    }
                }
                if before.cells.iter().any(|c| !c.is_empty()) {
                    rows.push(before);
                }
                i = i1 + 1;
            }
            None => {
                // Nothing lines up with paragraph i: another document's
                // next paragraph, if it has no partner either, shares its
                // row (as a diff pairs changed lines), so unmatched text
                // does not pile up.
                row.cells[0].push(i);
                for (d, doc_blocks) in blocks.iter().enumerate().skip(1) {
                    if next[d] < doc_blocks.len() && !partnered[d][next[d]] {
                        row.cells[d].push(next[d]);
                        next[d] += 1;
                    }
                }
                i += 1;
            }
        }
        rows.push(row);
    }
    let mut rest = Row {
        cells: vec![Vec::new(); n],
    };
    for (d, doc_blocks) in blocks.iter().enumerate().skip(1) {
        rest.cells[d].extend(next[d]..doc_blocks.len());
    }
    if rest.cells.iter().any(|c| !c.is_empty()) {
        rows.push(rest);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::align::compare_many;
    use crate::ingest::text_document;
    use crate::text::analyze::Analyzer;

    /// The heaviest chain's weight by brute force: every pair may follow
    /// any pair with `i` and `j` no greater.
    fn chain_weight_by_brute_force(pairs: &[(usize, usize, usize)]) -> usize {
        let mut sorted = pairs.to_vec();
        sorted.sort_unstable();
        let mut best: Vec<usize> = Vec::new();
        for (t, &(i, j, w)) in sorted.iter().enumerate() {
            let before = (0..t)
                .filter(|&s| sorted[s].0 <= i && sorted[s].1 <= j)
                .map(|s| best[s])
                .max()
                .unwrap_or(0);
            best.push(before + w);
        }
        best.into_iter().max().unwrap_or(0)
    }

    #[test]
    fn heaviest_chain_cases() {
        type Case = (&'static [(usize, usize, usize)], usize, &'static [(usize, usize)]); // pairs, nb, chain
        let cases: &[Case] = &[
            (&[], 3, &[]),
            (&[(0, 0, 5)], 1, &[(0, 0)]),
            // In order on both sides: all kept.
            (&[(0, 0, 1), (1, 1, 1), (2, 2, 1)], 3, &[(0, 0), (1, 1), (2, 2)]),
            // Crossing pairs: the heavier wins.
            (&[(0, 1, 10), (1, 0, 3)], 2, &[(0, 1)]),
            (&[(0, 1, 3), (1, 0, 10)], 2, &[(1, 0)]),
            // One block of A against two of B, and three of A against one
            // of B: all kept (one outlet splits what another keeps whole).
            (&[(0, 0, 4), (0, 1, 6)], 2, &[(0, 0), (0, 1)]),
            (&[(0, 0, 2), (1, 0, 2), (2, 0, 2)], 1, &[(0, 0), (1, 0), (2, 0)]),
            // A zig-zag stays in order.
            (&[(0, 0, 1), (0, 1, 1), (1, 1, 1), (1, 0, 5)], 2, &[(0, 0), (1, 0), (1, 1)]),
            // Two light pairs in order beat one heavy crossing pair.
            (&[(0, 2, 5), (1, 0, 3), (2, 1, 3)], 3, &[(1, 0), (2, 1)]),
        ];
        for (pairs, nb, want) in cases {
            assert_eq!(heaviest_chain(pairs.to_vec(), *nb), want.to_vec(), "{pairs:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn heaviest_chain_is_in_order_and_as_heavy_as_brute_force(
            raw in proptest::collection::vec((0usize..12, 0usize..12, 1usize..20), 0..40)
        ) {
            let pairs: Vec<(usize, usize, usize)> = raw.iter().map(|&(i, j, _)| (i, j)).collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .map(|(i, j)| (i, j, raw.iter().find(|r| r.0 == i && r.1 == j).unwrap().2))
                .collect();
            let chain = heaviest_chain(pairs.clone(), 12);
            for w in chain.windows(2) {
                proptest::prop_assert!(w[0].0 <= w[1].0 && w[0].1 <= w[1].1 && w[0] != w[1], "{:?}", chain);
            }
            let weight: usize = chain.iter().map(|&(i, j)| pairs.iter().find(|p| p.0 == i && p.1 == j).unwrap().2).sum();
            proptest::prop_assert_eq!(weight, chain_weight_by_brute_force(&pairs));
        }
    }

    #[test]
    fn rows_line_up_matching_paragraphs() {
        let a = text_document(
            "a",
            "",
            "Intro only in A.\n\nShared paragraph about the federated data platform contract.\n\nEnd of A.",
        );
        let b = text_document(
            "b",
            "",
            "Opening of B here.\n\nAnother B paragraph.\n\nShared paragraph about the federated data platform contract.\n\nB closes.",
        );
        let c = compare_many(&Analyzer::new(), &[&a, &b]);
        let shared_row = c.rows.iter().find(|r| r.cells[0] == [1]).unwrap();
        assert_eq!(shared_row.cells[1], [2], "{:?}", c.rows);
        // Every block of each document appears once, in order.
        for d in 0..2 {
            let order: Vec<usize> = c.rows.iter().flat_map(|r| r.cells[d].clone()).collect();
            let n = [&a, &b][d].blocks.len();
            assert_eq!(order, (0..n).collect::<Vec<_>>());
        }
    }

    #[test]
    fn paragraphs_one_outlet_merges_share_a_row_with_all_their_parts() {
        let parts = [
            "Palantir was awarded the seven-year contract worth three hundred and thirty million pounds.",
            "Campaigners from Foxglove said patients had not been asked about their records.",
            "The federated data platform will connect hospital trusts across the country.",
        ];
        let a = text_document(
            "a",
            "",
            &format!("Opening of A.\n\n{}\n\n{}\n\n{}\n\nA ends here.", parts[0], parts[1], parts[2]),
        );
        let b = text_document(
            "b",
            "",
            &format!("B opens differently.\n\n{} {} {}\n\nB closes.", parts[0], parts[1], parts[2]),
        );
        let c = compare_many(&Analyzer::new(), &[&a, &b]);
        assert_eq!(c.passages.len(), 3, "{:?}", c.passages);
        let row = c.rows.iter().find(|r| r.cells[1] == [1]).expect("a row holds B's merged paragraph");
        assert_eq!(row.cells[0], [1, 2, 3], "{:?}", c.rows);
        // The openings pair up as unmatched text, the endings too.
        assert_eq!(
            c.rows.first().map(|r| r.cells.clone()),
            Some(vec![vec![0], vec![0]]),
            "{:?}",
            c.rows
        );
        assert_eq!(c.rows.last().map(|r| r.cells.clone()), Some(vec![vec![4], vec![2]]), "{:?}", c.rows);
    }

    #[test]
    fn a_passage_repeated_further_on_does_not_pull_the_text_between_into_its_row() {
        let shared = "Palantir was awarded the seven-year contract worth three hundred and thirty million pounds.";
        let a = text_document(
            "a",
            "",
            &format!("{shared}\n\nFirst unrelated paragraph about the weather.\n\nSecond unrelated paragraph about trains.\n\n{shared}"),
        );
        let b = text_document("b", "", &format!("{shared}\n\nB goes on about something else entirely."));
        let c = compare_many(&Analyzer::new(), &[&a, &b]);
        let row = c.rows.iter().find(|r| r.cells[1] == [0]).expect("B's copy has a row");
        assert_eq!(row.cells[0], [0], "{:?}", c.rows);
        for d in 0..2 {
            let order: Vec<usize> = c.rows.iter().flat_map(|r| r.cells[d].clone()).collect();
            assert_eq!(order, (0..[&a, &b][d].blocks.len()).collect::<Vec<_>>(), "{:?}", c.rows);
        }
    }
}
