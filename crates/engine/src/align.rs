//! Comparing documents: the passages they share (exact, or with small
//! edits), a word-level diff inside near-matches, and rows that line up
//! matching paragraphs for side-by-side reading.
//!
//! Words are compared after analysis (case, accents, inflection and
//! punctuation do not matter: `blockaded the entrance` and `blockade the
//! entrance` agree; so do `“` and `‘`). Then:
//! 1. seeds: maximal runs of at least [`MIN_SEED_WORDS`] equal words;
//! 2. chains: seeds in order on both sides, each within [`MAX_GAP`] words
//!    of the last, make one local alignment that tolerates small edits
//!    (`£330m` against `£330 million`, a changed word);
//! 3. a chain is a passage when it matches at least [`MIN_PASSAGE_WORDS`]
//!    words, [`MIN_CONTENT_WORDS`] of them not function words, and covers
//!    most of its stretch of text; it is *near* when it has a gap;
//! 4. passages are tiled greedily, longest first (as in greedy string
//!    tiling), so a word belongs to at most one passage on each side; a
//!    passage a document repeats word for word is one passage with copies.

use std::collections::HashMap;
use std::ops::Range;

use crate::analyze::Analyzer;
use crate::index::field_tokens;
use crate::stopword::is_stop_word;
use crate::{Block, DocId, Document, Index, Span};

/// The shortest run of equal words that starts an alignment.
pub const MIN_SEED_WORDS: usize = 3;

/// The shortest passage, in matched words.
pub const MIN_PASSAGE_WORDS: usize = 5;

/// A passage needs this many matched words that are not function words,
/// so "one of the most" or "as well as the" never count.
pub const MIN_CONTENT_WORDS: usize = 3;

/// The most words skipped on either side between two seeds of one passage.
pub const MAX_GAP: usize = 3;

/// A near-match must match at least this share of its words.
const MIN_MATCHED_SHARE: f32 = 0.6;

/// The words of a document's body as the comparison sees them.
pub(crate) struct Words {
    /// One key per word (its stem), with a break key between blocks.
    pub keys: Vec<u32>,
    pub spans: Vec<Span>,
    pub content: Vec<bool>,
}

impl Words {
    fn is_break(&self, i: usize) -> bool {
        self.keys[i] >= BREAK
    }

    /// The number of words, breaks not counted.
    pub(crate) fn len(&self) -> usize {
        self.keys.iter().filter(|&&k| k < BREAK).count()
    }
}

/// Keys from here up mark block breaks; each break is unique, so breaks
/// never match.
const BREAK: u32 = u32::MAX / 2;

/// Stems as numbers, shared by the documents compared.
#[derive(Default)]
pub(crate) struct Vocabulary {
    ids: HashMap<String, u32>,
    breaks: u32,
}

impl Vocabulary {
    pub(crate) fn words(&mut self, analyzer: &Analyzer, doc: &Document) -> Words {
        let mut out = Words {
            keys: Vec::new(),
            spans: Vec::new(),
            content: Vec::new(),
        };
        let mut last_position = None;
        for (position, token) in field_tokens(analyzer, doc, "body") {
            if last_position.is_some_and(|p| position != p + 1) {
                out.keys.push(BREAK + self.breaks);
                self.breaks = self.breaks.wrapping_add(1) % (u32::MAX - BREAK);
                out.spans.push(token.span);
                out.content.push(false);
            }
            last_position = Some(position);
            let next = self.ids.len() as u32;
            out.content.push(!is_stop_word(&token.term));
            let stem = analyzer.stem(&token.term);
            let key = match self.ids.get(stem.as_ref()) {
                Some(&k) => k,
                None => {
                    self.ids.insert(stem.into_owned(), next);
                    next
                }
            };
            out.keys.push(key);
            out.spans.push(token.span);
        }
        out
    }
}

/// One alignment between two documents: word ranges on each side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Link {
    pub a: Range<usize>,
    pub b: Range<usize>,
    /// Words matched exactly.
    pub matched: usize,
    pub near: bool,
}

/// Maximal runs `(start in a, start in b, length)` of equal keys, at least
/// `min` long.
fn seeds(a: &Words, b: &Words, min: usize) -> Vec<(usize, usize, usize)> {
    if a.keys.len() < min || b.keys.len() < min {
        return Vec::new();
    }
    let mut starts: HashMap<&[u32], Vec<usize>> = HashMap::new();
    for i in 0..=a.keys.len() - min {
        starts.entry(&a.keys[i..i + min]).or_default().push(i);
    }
    let mut out = Vec::new();
    for j in 0..=b.keys.len() - min {
        let Some(candidates) = starts.get(&b.keys[j..j + min]) else { continue };
        for &i in candidates {
            // Only the start of a maximal run: the words before differ.
            if i > 0 && j > 0 && a.keys[i - 1] == b.keys[j - 1] {
                continue;
            }
            let mut len = min;
            while i + len < a.keys.len() && j + len < b.keys.len() && a.keys[i + len] == b.keys[j + len] {
                len += 1;
            }
            out.push((i, j, len));
        }
    }
    out
}

fn content_words(w: &Words, range: &Range<usize>) -> usize {
    w.content[range.clone()].iter().filter(|&&c| c).count()
}

/// Local alignments between two documents: seeds chained across small
/// gaps, filtered to real passages.
pub(crate) fn links(a: &Words, b: &Words) -> Vec<Link> {
    let mut seeds = seeds(a, b, MIN_SEED_WORDS);
    seeds.sort_unstable();
    let mut used = vec![false; seeds.len()];
    let mut out = Vec::new();
    for s in 0..seeds.len() {
        if used[s] {
            continue;
        }
        used[s] = true;
        let (i0, j0, l0) = seeds[s];
        let (mut end_a, mut end_b, mut matched, mut near) = (i0 + l0, j0 + l0, l0, false);
        // Extend with the closest following seed within the gap, in order
        // on both sides, never across a block break.
        loop {
            let next = (s + 1..seeds.len())
                .take_while(|&t| seeds[t].0 <= end_a + MAX_GAP)
                .filter(|&t| !used[t])
                .filter(|&t| {
                    let (i, j, _) = seeds[t];
                    i >= end_a
                        && j >= end_b
                        && j - end_b <= MAX_GAP
                        && !(end_a..i).any(|k| a.is_break(k))
                        && !(end_b..j).any(|k| b.is_break(k))
                })
                .min_by_key(|&t| (seeds[t].0 - end_a) + (seeds[t].1 - end_b));
            let Some(t) = next else { break };
            let (i, j, l) = seeds[t];
            used[t] = true;
            near |= i > end_a || j > end_b;
            end_a = i + l;
            end_b = j + l;
            matched += l;
        }
        let (ra, rb) = (i0..end_a, j0..end_b);
        let share = matched as f32 / ra.len().max(rb.len()) as f32;
        if matched >= MIN_PASSAGE_WORDS && content_words(a, &ra) >= MIN_CONTENT_WORDS && share >= MIN_MATCHED_SHARE {
            out.push(Link { a: ra, b: rb, matched, near });
        }
    }
    out
}

/// Word ranges of a tile: one copy per side.
#[derive(Clone, Debug)]
pub(crate) struct Tile {
    pub a: Vec<Range<usize>>,
    pub b: Vec<Range<usize>>,
    pub words: usize,
    pub near: bool,
}

/// Tiles two documents' links greedily, longest first: a word belongs to at
/// most one tile on each side; a link whose one side repeats an existing
/// tile's copy exactly becomes another copy of that tile.
pub(crate) fn tiles(a: &Words, b: &Words, mut links: Vec<Link>) -> Vec<Tile> {
    links.sort_by(|x, y| y.matched.cmp(&x.matched).then(x.a.start.cmp(&y.a.start)).then(x.b.start.cmp(&y.b.start)));
    let mut cover_a: Vec<Option<usize>> = vec![None; a.keys.len()];
    let mut cover_b: Vec<Option<usize>> = vec![None; b.keys.len()];
    let mut tiles: Vec<Tile> = Vec::new();
    let free = |cover: &[Option<usize>], r: &Range<usize>| cover[r.clone()].iter().all(Option::is_none);
    for link in &links {
        if free(&cover_a, &link.a) && free(&cover_b, &link.b) {
            let id = tiles.len();
            cover_a[link.a.clone()].iter_mut().for_each(|c| *c = Some(id));
            cover_b[link.b.clone()].iter_mut().for_each(|c| *c = Some(id));
            tiles.push(Tile {
                a: vec![link.a.clone()],
                b: vec![link.b.clone()],
                words: link.matched,
                near: link.near,
            });
        }
    }
    // Repeats: one side free, the other exactly a copy of a tile.
    for link in &links {
        let tile_at = |cover: &[Option<usize>], r: &Range<usize>| -> Option<usize> {
            let id = cover[r.start]?;
            cover[r.clone()].iter().all(|c| *c == Some(id)).then_some(id)
        };
        if free(&cover_a, &link.a) {
            if let Some(id) = tile_at(&cover_b, &link.b).filter(|&id| tiles[id].b.contains(&link.b)) {
                cover_a[link.a.clone()].iter_mut().for_each(|c| *c = Some(id));
                tiles[id].a.push(link.a.clone());
            }
        } else if free(&cover_b, &link.b) {
            if let Some(id) = tile_at(&cover_a, &link.a).filter(|&id| tiles[id].a.contains(&link.a)) {
                cover_b[link.b.clone()].iter_mut().for_each(|c| *c = Some(id));
                tiles[id].b.push(link.b.clone());
            }
        }
    }
    tiles
}

/// Copies of shared passages (document, word range) found by aligning
/// pairs of documents, with the alignments linking them.
pub(crate) struct Copies<D> {
    copies: Vec<(D, Range<usize>)>,
    /// copy, copy, near, matched words.
    edges: Vec<(usize, usize, bool, usize)>,
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
        Copies { copies: Vec::new(), edges: Vec::new() }
    }

    /// Adds the tiles of documents `x` and `y`, less the copies `keep`
    /// refuses.
    pub(crate) fn add(&mut self, x: D, y: D, tiles: Vec<Tile>, keep: impl Fn(D, &Range<usize>) -> bool) {
        for tile in tiles {
            let first = self.copies.len();
            self.copies.extend(tile.a.iter().filter(|r| keep(x, r)).map(|r| (x, r.clone())));
            let second = self.copies.len();
            self.copies.extend(tile.b.iter().filter(|r| keep(y, r)).map(|r| (y, r.clone())));
            for i in first..second {
                for j in second..self.copies.len() {
                    self.edges.push((i, j, tile.near, tile.words));
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
        for &(i, j, _, _) in &self.edges {
            union(&mut parent, i, j);
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
                groups.push(Group { copies: Vec::new(), near: false, words: 0 });
                members.push(Vec::new());
                groups.len() - 1
            });
            members[g].push(i);
        }
        for &(i, _, near, words) in &self.edges {
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

/// A passage found in two or more of the compared documents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SharedPassage {
    /// Per compared document (in the order given), the spans of its
    /// copies in that document's body, in text order; empty when the
    /// passage is not in that document.
    pub copies: Vec<Vec<Span>>,
    /// Length of the longest copy, in matched words.
    pub words: usize,
    /// Whether the copies differ by small edits (see [`SharedPassage::changes`]).
    pub near: bool,
    /// For near-matches, per document, the spans of the words that differ
    /// from the first copy in another document.
    pub changes: Vec<Vec<Span>>,
}

/// A row of the aligned view: for each document, the blocks (indices into
/// its `blocks`) shown in this row. Matching paragraphs share a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub cells: Vec<Vec<usize>>,
}

/// The result of comparing documents.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// Shared passages, in the order they first appear in the first
    /// document (then the second…), numbered from 1 in that order.
    pub passages: Vec<SharedPassage>,
    /// Share of all words of the documents that lie in a shared passage,
    /// from 0 (nothing shared) to 1 (the same text).
    pub similarity: f32,
    /// Per document: words inside shared passages, and in all.
    pub shared_words: Vec<usize>,
    pub total_words: Vec<usize>,
    /// Paragraphs lined up for side-by-side reading.
    pub rows: Vec<Row>,
}

impl Index {
    /// Compares the bodies of two to four documents of this index.
    pub fn compare_many(&self, docs: &[DocId]) -> Comparison {
        let docs: Vec<&Document> = docs.iter().map(|&d| self.doc(d)).collect();
        compare_many(self.analyzer(), &docs)
    }

    /// Compares the bodies of two documents of this index.
    pub fn compare(&self, a: DocId, b: DocId) -> Comparison {
        self.compare_many(&[a, b])
    }
}

/// Compares the bodies of two documents.
pub fn compare(analyzer: &Analyzer, a: &Document, b: &Document) -> Comparison {
    compare_many(analyzer, &[a, b])
}

/// The word spans in `range` that differ from `other` (word-level diff).
fn changed_words(a: &Words, range: &Range<usize>, b: &Words, other: &Range<usize>) -> Vec<Span> {
    let (ka, kb) = (&a.keys[range.clone()], &b.keys[other.clone()]);
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, ka, kb);
    let mut out = Vec::new();
    for op in ops {
        let (start, len) = match op {
            similar::DiffOp::Delete { old_index, old_len, .. } => (old_index, old_len),
            similar::DiffOp::Replace { old_index, old_len, .. } => (old_index, old_len),
            _ => continue,
        };
        for k in range.start + start..range.start + start + len {
            if !a.is_break(k) {
                out.push(a.spans[k]);
            }
        }
    }
    out
}

/// Compares the bodies of two or more documents: passages shared by any
/// pair, numbered across all, and rows lining them up.
pub fn compare_many(analyzer: &Analyzer, docs: &[&Document]) -> Comparison {
    let n = docs.len();
    let mut vocab = Vocabulary::default();
    let words: Vec<Words> = docs.iter().map(|d| vocab.words(analyzer, d)).collect();
    let mut found = Copies::new();
    for x in 0..n {
        for y in x + 1..n {
            found.add(x, y, tiles(&words[x], &words[y], links(&words[x], &words[y])), |_, _| true);
        }
    }
    let mut passages: Vec<SharedPassage> = Vec::new();
    // Per document, the words inside a passage.
    let mut covered: Vec<Vec<bool>> = words.iter().map(|w| vec![false; w.keys.len()]).collect();
    for group in found.groups() {
        let mut ranges: Vec<Vec<Range<usize>>> = vec![Vec::new(); n];
        for (d, r) in group.copies {
            covered[d][r.clone()].fill(true);
            ranges[d].push(r);
        }
        // Copies merged from overlapping matches may no longer read the
        // same: then the passage is a near-match too.
        let reference = ranges.iter().enumerate().find(|(_, r)| !r.is_empty()).map(|(d, r)| (d, r[0].clone()));
        let differs = reference.is_some_and(|(d0, r0)| {
            let key = |d: usize, r: &Range<usize>| -> Vec<u32> { words[d].keys[r.clone()].iter().copied().filter(|&k| k < BREAK).collect() };
            let first = key(d0, &r0);
            ranges.iter().enumerate().any(|(d, rs)| rs.iter().any(|r| key(d, r) != first))
        });
        let near = group.near || differs;
        let changes: Vec<Vec<Span>> = (0..n)
            .map(|d| {
                if !near {
                    return Vec::new();
                }
                let Some(other) = (0..n).find(|&o| o != d && !ranges[o].is_empty()) else {
                    return Vec::new();
                };
                ranges[d]
                    .iter()
                    .flat_map(|r| changed_words(&words[d], r, &words[other], &ranges[other][0]))
                    .collect()
            })
            .collect();
        let span_of = |d: usize, r: &Range<usize>| Span::new(words[d].spans[r.start].start, words[d].spans[r.end - 1].end);
        passages.push(SharedPassage {
            copies: ranges.iter().enumerate().map(|(d, rs)| rs.iter().map(|r| span_of(d, r)).collect()).collect(),
            words: group.words,
            near,
            changes,
        });
    }
    passages.sort_by_key(|p| {
        let first = p.copies.iter().position(|c| !c.is_empty()).unwrap_or(n);
        (first, p.copies.get(first).and_then(|c| c.first()).map_or(0, |s| s.start))
    });
    // Words inside passages, per document.
    let shared_words: Vec<usize> = (0..n).map(|d| (0..words[d].keys.len()).filter(|&k| covered[d][k] && !words[d].is_break(k)).count()).collect();
    let total_words: Vec<usize> = words.iter().map(Words::len).collect();
    let total: usize = total_words.iter().sum();
    let similarity = if total == 0 { 0.0 } else { shared_words.iter().sum::<usize>() as f32 / total as f32 };
    let rows = rows(docs, &passages);
    Comparison {
        passages,
        similarity,
        shared_words,
        total_words,
        rows,
    }
}

/// The blocks of a document (its whole body when it has none).
pub fn blocks_of(doc: &Document) -> Vec<Block> {
    if doc.blocks.is_empty() && !doc.body.is_empty() {
        vec![Block {
            kind: crate::BlockKind::Paragraph,
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

/// Rows for side-by-side reading: the first document's paragraphs in
/// order; each other document's paragraphs lined up with those they share
/// passages with, keeping every document in its own order (the heaviest
/// chain of paragraph pairs by shared bytes). Paragraphs chained to one
/// another share a row, several to one when one document splits what
/// another keeps whole; paragraphs with no partner get rows of their own,
/// where they fall.
fn rows(docs: &[&Document], passages: &[SharedPassage]) -> Vec<Row> {
    let n = docs.len();
    let blocks: Vec<Vec<Block>> = docs.iter().map(|d| blocks_of(d)).collect();
    let block_of = |d: usize, at: usize| {
        let k = blocks[d].partition_point(|b| b.start <= at);
        (k > 0 && at < blocks[d][k - 1].end.max(blocks[d][k - 1].start + 1)).then(|| k - 1)
    };
    // Per pair of blocks (i of the first document, j of d): the bytes they
    // share, and where the shared text lies in each (byte ranges).
    let shared = |d: usize| -> HashMap<(usize, usize), (usize, Span, Span)> {
        let mut w: HashMap<(usize, usize), (usize, Span, Span)> = HashMap::new();
        for p in passages {
            for a in &p.copies[0] {
                for b in &p.copies[d] {
                    if let (Some(i), Some(j)) = (block_of(0, a.start), block_of(d, b.start)) {
                        let e = w.entry((i, j)).or_insert((0, *a, *b));
                        e.0 += a.len().min(b.len());
                        e.1 = Span::new(e.1.start.min(a.start), e.1.end.max(a.end));
                        e.2 = Span::new(e.2.start.min(b.start), e.2.end.max(b.end));
                    }
                }
            }
        }
        w
    };
    // Per other document, its chained pairs grouped where one paragraph
    // pairs with several of the other, each with a later part of it (one
    // outlet split or merged paragraphs): (first's blocks, d's blocks),
    // both inclusive ranges. A paragraph paired again with the same text
    // (a repeat further on) starts a group of its own.
    let mut spans: Vec<(usize, usize, usize, usize, usize)> = Vec::new(); // i0, i1, d, j0, j1
    for d in 1..n {
        let w = shared(d);
        let pairs = w.iter().map(|(&(i, j), &(weight, _, _))| (i, j, weight)).collect();
        let mut last: Option<(usize, usize)> = None;
        for (i, j) in heaviest_chain(pairs, blocks[d].len()) {
            let (_, a, b) = w[&(i, j)];
            let follows = last.is_some_and(|(li, lj)| {
                let (_, la, lb) = w[&(li, lj)];
                (li == i && a.start >= la.end) || (lj == j && b.start >= lb.end)
            });
            match spans.last_mut() {
                Some(g) if follows && g.2 == d => {
                    g.1 = i;
                    g.4 = j;
                }
                _ => spans.push((i, i, d, j, j)),
            }
            last = Some((i, j));
        }
    }
    // Groups whose blocks of the first document overlap make one row.
    spans.sort_unstable();
    let mut anchored: Vec<(usize, usize, Vec<Option<(usize, usize)>>)> = Vec::new(); // i0, i1, per d: j0, j1
    for (i0, i1, d, j0, j1) in spans {
        match anchored.last_mut() {
            Some(a) if i0 <= a.1 => {
                a.1 = a.1.max(i1);
                let r = a.2[d].get_or_insert((j0, j1));
                *r = (r.0.min(j0), r.1.max(j1));
            }
            _ => {
                let mut per = vec![None; n];
                per[d] = Some((j0, j1));
                anchored.push((i0, i1, per));
            }
        }
    }
    let mut partnered: Vec<Vec<bool>> = blocks.iter().map(|b| vec![false; b.len()]).collect();
    for (_, _, per) in &anchored {
        for (d, r) in per.iter().enumerate() {
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
        let mut row = Row { cells: vec![Vec::new(); n] };
        match anchors.next_if(|a| a.0 == i) {
            Some((i0, i1, per)) => {
                // Other documents' paragraphs that come before their part
                // of this row get a row of their own.
                let mut before = Row { cells: vec![Vec::new(); n] };
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
                for d in 1..n {
                    if next[d] < blocks[d].len() && !partnered[d][next[d]] {
                        row.cells[d].push(next[d]);
                        next[d] += 1;
                    }
                }
                i += 1;
            }
        }
        rows.push(row);
    }
    let mut rest = Row { cells: vec![Vec::new(); n] };
    for d in 1..n {
        rest.cells[d].extend(next[d]..blocks[d].len());
    }
    if rest.cells.iter().any(|c| !c.is_empty()) {
        rows.push(rest);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::text_document;

    /// The heaviest chain's weight by brute force: every pair may follow
    /// any pair with `i` and `j` no greater.
    fn chain_weight_by_brute_force(pairs: &[(usize, usize, usize)]) -> usize {
        let mut sorted = pairs.to_vec();
        sorted.sort_unstable();
        let mut best: Vec<usize> = Vec::new();
        for (t, &(i, j, w)) in sorted.iter().enumerate() {
            let before = (0..t).filter(|&s| sorted[s].0 <= i && sorted[s].1 <= j).map(|s| best[s]).max().unwrap_or(0);
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

    fn compare_texts(a: &str, b: &str) -> (Comparison, Document, Document) {
        let (da, db) = (text_document("a", "", a), text_document("b", "", b));
        let c = compare(&Analyzer::new(), &da, &db);
        (c, da, db)
    }

    fn texts(c: &Comparison, docs: [&Document; 2]) -> Vec<(String, String, bool)> {
        c.passages
            .iter()
            .map(|p| {
                let t = |d: usize| p.copies[d].first().map(|s| docs[d].body[s.start..s.end].to_string()).unwrap_or_default();
                (t(0), t(1), p.near)
            })
            .collect()
    }

    #[test]
    fn table_of_exact_and_near_matches() {
        #[allow(clippy::type_complexity)]
        let cases: &[(&str, &str, &[(&str, &str, bool)])] = &[
            (
                "Palantir secured a £330 million deal with NHS England in 2023.",
                "The firm secured a £330m deal with NHS England last year.",
                &[("secured a £330 million deal with NHS England", "secured a £330m deal with NHS England", true)],
            ),
            (
                "Health workers blockaded the entrance to NHS England’s headquarters today.",
                "Protesters blockade the entrance to NHS England's headquarters again.",
                &[("blockaded the entrance to NHS England’s headquarters", "blockade the entrance to NHS England's headquarters", false)],
            ),
            (
                "He said “the data belongs to the government of the United Kingdom”.",
                "He said ‘the data belongs to the Government of the United Kingdom’.",
                &[("He said “the data belongs to the government of the United Kingdom", "He said ‘the data belongs to the Government of the United Kingdom", false)],
            ),
            (
                "The federated data platform was built by the company for the service.",
                "The federated data system was built by the company for the service.",
                &[("The federated data platform was built by the company for the service", "The federated data system was built by the company for the service", true)],
            ),
            ("one of the most important of all", "one of the most important of all", &[]),
            ("Completely different text about apples and pears.", "Nothing in common with oranges here at all.", &[]),
        ];
        for (a, b, expected) in cases {
            let (c, da, db) = compare_texts(a, b);
            let want: Vec<(String, String, bool)> = expected.iter().map(|(x, y, n)| (x.to_string(), y.to_string(), *n)).collect();
            assert_eq!(texts(&c, [&da, &db]), want, "{a:?} / {b:?}");
        }
    }

    #[test]
    fn table_of_word_diffs_inside_near_matches() {
        let cases: &[(&str, &str, &[&str], &[&str])] = &[
            ("Palantir secured a £330 million deal with NHS England", "Palantir secured a £330m deal with NHS England", &["million"], &["m"]),
            ("the federated data platform was built by the company", "the federated data system was built by the company", &["platform"], &["system"]),
            ("the new contract worth millions was signed by NHS England", "the new contract was signed by NHS England", &["worth", "millions"], &[]),
        ];
        for (a, b, changed_a, changed_b) in cases {
            let (c, da, db) = compare_texts(a, b);
            assert_eq!(c.passages.len(), 1, "{a:?}");
            let p = &c.passages[0];
            assert!(p.near);
            let words = |d: &Document, spans: &[Span]| spans.iter().map(|s| d.body[s.start..s.end].to_string()).collect::<Vec<_>>();
            assert_eq!(words(&da, &p.changes[0]), *changed_a, "{a:?}");
            assert_eq!(words(&db, &p.changes[1]), *changed_b, "{b:?}");
        }
    }

    #[test]
    fn rows_line_up_matching_paragraphs() {
        let a = text_document("a", "", "Intro only in A.\n\nShared paragraph about the federated data platform contract.\n\nEnd of A.");
        let b = text_document("b", "", "Opening of B here.\n\nAnother B paragraph.\n\nShared paragraph about the federated data platform contract.\n\nB closes.");
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
        let a = text_document("a", "", &format!("Opening of A.\n\n{}\n\n{}\n\n{}\n\nA ends here.", parts[0], parts[1], parts[2]));
        let b = text_document("b", "", &format!("B opens differently.\n\n{} {} {}\n\nB closes.", parts[0], parts[1], parts[2]));
        let c = compare_many(&Analyzer::new(), &[&a, &b]);
        assert_eq!(c.passages.len(), 3, "{:?}", c.passages);
        let row = c.rows.iter().find(|r| r.cells[1] == [1]).expect("a row holds B's merged paragraph");
        assert_eq!(row.cells[0], [1, 2, 3], "{:?}", c.rows);
        // The openings pair up as unmatched text, the endings too.
        assert_eq!(c.rows.first().map(|r| r.cells.clone()), Some(vec![vec![0], vec![0]]), "{:?}", c.rows);
        assert_eq!(c.rows.last().map(|r| r.cells.clone()), Some(vec![vec![4], vec![2]]), "{:?}", c.rows);
    }

    #[test]
    fn a_passage_repeated_further_on_does_not_pull_the_text_between_into_its_row() {
        let shared = "Palantir was awarded the seven-year contract worth three hundred and thirty million pounds.";
        let a = text_document("a", "", &format!("{shared}\n\nFirst unrelated paragraph about the weather.\n\nSecond unrelated paragraph about trains.\n\n{shared}"));
        let b = text_document("b", "", &format!("{shared}\n\nB goes on about something else entirely."));
        let c = compare_many(&Analyzer::new(), &[&a, &b]);
        let row = c.rows.iter().find(|r| r.cells[1] == [0]).expect("B's copy has a row");
        assert_eq!(row.cells[0], [0], "{:?}", c.rows);
        for d in 0..2 {
            let order: Vec<usize> = c.rows.iter().flat_map(|r| r.cells[d].clone()).collect();
            assert_eq!(order, (0..[&a, &b][d].blocks.len()).collect::<Vec<_>>(), "{:?}", c.rows);
        }
    }

    #[test]
    fn three_documents_share_numbered_passages() {
        let texts = [
            "Palantir was awarded a contract to build the federated data platform for hospitals.",
            "Critics say the contract to build the federated data platform for hospitals was rushed.",
            "Nothing shared here. But the federated data platform for hospitals is mentioned.",
        ];
        let docs: Vec<Document> = texts.iter().enumerate().map(|(i, t)| text_document(&i.to_string(), "", t)).collect();
        let refs: Vec<&Document> = docs.iter().collect();
        let c = compare_many(&Analyzer::new(), &refs);
        let everywhere = c.passages.iter().find(|p| p.copies.iter().all(|c| !c.is_empty()));
        assert!(everywhere.is_some(), "{:?}", c.passages);
        assert_eq!(c.rows[0].cells.len(), 3);
    }
}
