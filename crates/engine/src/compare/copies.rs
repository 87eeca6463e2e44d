//! Copies of passages found pair by pair, grouped into passages: copies
//! linked by an alignment, or overlapping in one document, are one.

use std::collections::HashMap;
use std::ops::Range;

use super::chain::Tile;

/// Copies of shared passages (document, word range) found by aligning
/// pairs of documents, with the alignments linking them.
pub(crate) struct Copies<D> {
    copies: Vec<(D, Range<usize>)>,
    edges: Vec<Edge>,
}

/// An alignment between two copies (indices into `copies`).
struct Edge {
    from: usize,
    to: usize,
    /// Whether the alignment has small edits.
    near: bool,
    /// Words it matches exactly.
    words: usize,
}

/// Copies making one passage.
pub(crate) struct Group<D> {
    /// Sorted by document, then start; overlapping copies merged.
    pub copies: Vec<(D, Range<usize>)>,
    /// Whether an alignment inside the group has small edits.
    pub near: bool,
    /// Matched words of the group's longest alignment.
    pub words: usize,
}

impl<D: Copy + Ord> Copies<D> {
    pub(crate) fn new() -> Self {
        Copies {
            copies: Vec::new(),
            edges: Vec::new(),
        }
    }

    /// Adds the tiles of documents `x` and `y`, less the copies `keep`
    /// refuses.
    pub(crate) fn add(&mut self, x: D, y: D, tiles: Vec<Tile>, keep: impl Fn(D, &Range<usize>) -> bool) {
        for tile in tiles {
            let first = self.copies.len();
            self.copies.extend(tile.a.iter().filter(|r| keep(x, r)).map(|r| (x, r.clone())));
            let second = self.copies.len();
            self.copies.extend(tile.b.iter().filter(|r| keep(y, r)).map(|r| (y, r.clone())));
            // Every copy of one side is linked to every copy of the other;
            // for grouping, linking each to the other side's first copy is
            // the same, and linear.
            if first < second && second < self.copies.len() {
                for i in first..second {
                    self.edges.push(Edge {
                        from: i,
                        to: second,
                        near: tile.near,
                        words: tile.words,
                    });
                }
                for j in second + 1..self.copies.len() {
                    self.edges.push(Edge {
                        from: first,
                        to: j,
                        near: tile.near,
                        words: tile.words,
                    });
                }
            }
        }
    }

    /// The passages: copies linked by an alignment, or overlapping in one
    /// document, are copies of one passage. Groups come in the order of
    /// their first copy added.
    pub(crate) fn groups(&self) -> Vec<Group<D>> {
        let mut parent: Vec<usize> = (0..self.copies.len()).collect();
        fn find(parent: &mut [usize], i: usize) -> usize {
            let mut r = i;
            while parent[r] != r {
                r = parent[r];
            }
            let mut i = i;
            while parent[i] != r {
                let next = parent[i];
                parent[i] = r;
                i = next;
            }
            r
        }
        let union = |parent: &mut Vec<usize>, i: usize, j: usize| {
            let (ri, rj) = (find(parent, i), find(parent, j));
            parent[ri] = rj;
        };
        for edge in &self.edges {
            union(&mut parent, edge.from, edge.to);
        }
        // Sweep each document's copies in text order: a copy overlaps the
        // union of those before it when it starts before their furthest end.
        let mut order: Vec<usize> = (0..self.copies.len()).collect();
        order.sort_unstable_by_key(|&i| (self.copies[i].0, self.copies[i].1.start));
        let mut reach: Option<(D, usize, usize)> = None; // document, end, copy
        for &i in &order {
            let (d, r) = &self.copies[i];
            match reach {
                Some((rd, end, j)) if rd == *d && r.start < end => {
                    union(&mut parent, i, j);
                    reach = Some((rd, end.max(r.end), j));
                }
                _ => reach = Some((*d, r.end, i)),
            }
        }
        let mut group_of: HashMap<usize, usize> = HashMap::new();
        let mut groups: Vec<Group<D>> = Vec::new();
        let mut members: Vec<Vec<usize>> = Vec::new();
        for i in 0..self.copies.len() {
            let r = find(&mut parent, i);
            let g = *group_of.entry(r).or_insert_with(|| {
                groups.push(Group {
                    copies: Vec::new(),
                    near: false,
                    words: 0,
                });
                members.push(Vec::new());
                groups.len() - 1
            });
            members[g].push(i);
        }
        for &Edge { from: i, near, words, .. } in &self.edges {
            let g = &mut groups[group_of[&find(&mut parent, i)]];
            g.near |= near;
            g.words = g.words.max(words);
        }
        for (g, mut m) in groups.iter_mut().zip(members) {
            m.sort_unstable_by_key(|&c| (self.copies[c].0, self.copies[c].1.start));
            for c in m {
                let (d, r) = self.copies[c].clone();
                match g.copies.last_mut() {
                    Some((ld, lr)) if *ld == d && r.start < lr.end => lr.end = lr.end.max(r.end),
                    _ => g.copies.push((d, r)),
                }
            }
        }
        groups
    }
}
