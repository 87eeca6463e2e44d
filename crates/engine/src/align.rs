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
use std::future::Future;
use std::ops::Range;
use std::task::{Context, Poll, Waker};

use crate::analyze::Analyzer;
use crate::index::body_pieces;
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
        let mut pacer = Pacer {
            pause: &mut NoPause,
            progress: Progress::default(),
            since: 0,
        };
        run_ready(self.words_paced(analyzer, doc, &mut pacer)).expect("NoPause never stops")
    }

    /// The words of `doc`'s body, block by block, with a break key between
    /// blocks (so no passage spans a paragraph break).
    async fn words_paced<P: Pause>(&mut self, analyzer: &Analyzer, doc: &Document, pacer: &mut Pacer<'_, P>) -> Option<Words> {
        let mut out = Words {
            keys: Vec::new(),
            spans: Vec::new(),
            content: Vec::new(),
        };
        for (text, offset) in body_pieces(doc) {
            let mut first = true;
            for token in analyzer.tokens(text) {
                let span = Span::new(token.span.start + offset, token.span.end + offset);
                if first && !out.keys.is_empty() {
                    out.keys.push(BREAK + self.breaks);
                    self.breaks = self.breaks.wrapping_add(1) % (u32::MAX - BREAK);
                    out.spans.push(span);
                    out.content.push(false);
                }
                first = false;
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
                out.spans.push(span);
            }
            if !pacer.advance(text.len() as u64).await {
                return None;
            }
        }
        Some(out)
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

/// A run of equal words shared by two documents: where it starts in each,
/// and how many words it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Seed {
    pub a: usize,
    pub b: usize,
    pub len: usize,
}

/// A run of words that occurs `ca` times in one document and `cb` times in
/// the other makes `ca × cb` candidate seeds. Up to this many, all are
/// kept; past it (stock phrases, a digest that repeats one text, a refrain)
/// the k-th occurrence on one side is paired only with the occurrence at
/// the same relative place on the other, so a run costs `max(ca, cb)`
/// seeds, not `ca × cb`. This is what keeps the comparison near-linear on
/// any input; text-reuse tools cap frequent n-grams the same way.
pub const MAX_SEED_PAIRS: usize = 32;

/// A sampled seed may have lost its first or last words to the sampling:
/// seeds are extended by up to this many equal words on each side.
const SEED_EXTENSION: usize = 8;

/// Which of `cb` occurrences the `k`-th of `ca` occurrences is paired
/// with: all of them while `ca × cb` is at most [`MAX_SEED_PAIRS`], else
/// those at the same relative place (one, or a few when `cb > ca`), so
/// pairs number at most `max(ca, cb)`.
pub(crate) fn paired_ranks(k: usize, ca: usize, cb: usize) -> Range<usize> {
    if ca.saturating_mul(cb) <= MAX_SEED_PAIRS {
        return 0..cb;
    }
    // In u64: on wasm32, `k × cb` overflows a usize for long documents.
    let (k, ca, cb) = (k as u64, ca as u64, cb as u64);
    if ca >= cb {
        let l = (k * cb / ca) as usize;
        l..l + 1
    } else {
        (k * cb).div_ceil(ca) as usize..((k + 1) * cb).div_ceil(ca) as usize
    }
}

/// A 64-bit hash of a run of keys (FNV-1a over the key bytes).
fn gram_hash(keys: &[u32]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for k in keys {
        for byte in k.to_le_bytes() {
            h ^= byte as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// Where the seeds of one position of `a` are found: its gram's
/// occurrences in `b` (a range of `b_flat`), how many times the gram is in
/// `a`, and which of those this position is.
#[derive(Clone, Copy)]
struct GramSlot {
    b_start: u32,
    b_count: u32,
    a_count: u32,
    a_rank: u32,
}

/// Runs of at least `min` equal keys shared by `a` and `b`, sorted by
/// their start in `a`, then in `b`. Every maximal run is found while the
/// grams it is made of are not too frequent (see [`MAX_SEED_PAIRS`]); in
/// all cases the number of seeds and the work are linear in the length of
/// the documents (times a small constant), and memory is too.
pub(crate) fn seeds(a: &Words, b: &Words, min: usize) -> Vec<Seed> {
    let (na, nb) = (a.keys.len(), b.keys.len());
    if min == 0 || na < min || nb < min {
        return Vec::new();
    }
    // Every gram of both documents, grouped by hash: (hash, side, position).
    let clean = |w: &Words, i: usize| w.keys[i..i + min].iter().all(|&k| k < BREAK);
    let mut grams: Vec<(u64, bool, u32)> = Vec::with_capacity(na + nb);
    grams.extend(
        (0..=na - min)
            .filter(|&i| clean(a, i))
            .map(|i| (gram_hash(&a.keys[i..i + min]), false, i as u32)),
    );
    grams.extend(
        (0..=nb - min)
            .filter(|&j| clean(b, j))
            .map(|j| (gram_hash(&b.keys[j..j + min]), true, j as u32)),
    );
    grams.sort_unstable();
    let mut slots: Vec<Option<GramSlot>> = vec![None; na];
    let mut b_flat: Vec<u32> = Vec::new();
    let mut g = 0;
    while g < grams.len() {
        let hash = grams[g].0;
        let end = g + grams[g..].partition_point(|x| x.0 == hash);
        let split = g + grams[g..end].partition_point(|x| !x.1);
        if split > g && split < end {
            let (a_count, b_count) = ((split - g) as u32, (end - split) as u32);
            let b_start = b_flat.len() as u32;
            b_flat.extend(grams[split..end].iter().map(|x| x.2));
            for (rank, x) in grams[g..split].iter().enumerate() {
                slots[x.2 as usize] = Some(GramSlot {
                    b_start,
                    b_count,
                    a_count,
                    a_rank: rank as u32,
                });
            }
        }
        g = end;
    }
    drop(grams);
    // Pairs in order of their position in `a`, merged into runs along
    // their diagonal: a pair overlapping or touching the open run of its
    // diagonal extends it.
    let mut runs: Vec<Seed> = Vec::new();
    let mut open: HashMap<isize, usize> = HashMap::new();
    for (i, slot) in slots.iter().enumerate() {
        let Some(GramSlot {
            b_start,
            b_count,
            a_count,
            a_rank,
        }) = *slot
        else {
            continue;
        };
        let (bs, cb, ca, k) = (b_start as usize, b_count as usize, a_count as usize, a_rank as usize);
        let range = paired_ranks(k, ca, cb);
        for &j in &b_flat[bs + range.start..bs + range.end] {
            let j = j as usize;
            if a.keys[i..i + min] != b.keys[j..j + min] {
                continue; // a hash collision
            }
            let diagonal = j as isize - i as isize;
            match open.get(&diagonal) {
                Some(&r) if runs[r].a + runs[r].len >= i => runs[r].len = i + min - runs[r].a,
                _ => {
                    open.insert(diagonal, runs.len());
                    runs.push(Seed { a: i, b: j, len: min });
                }
            }
        }
    }
    drop(open);
    // Win back words lost to sampling at either end (a no-op when every
    // pair was kept: the words around a maximal run differ).
    for run in runs.iter_mut() {
        let mut back = 0;
        let same = |i: usize, j: usize| a.keys[i] == b.keys[j] && a.keys[i] < BREAK;
        while back < SEED_EXTENSION && run.a > back && run.b > back && same(run.a - back - 1, run.b - back - 1) {
            back += 1;
        }
        run.a -= back;
        run.b -= back;
        run.len += back;
        let mut ahead = 0;
        while ahead < SEED_EXTENSION && run.a + run.len < na && run.b + run.len < nb && same(run.a + run.len, run.b + run.len) {
            ahead += 1;
            run.len += 1;
        }
    }
    // Extended runs of one diagonal may now overlap: merge them.
    runs.sort_unstable_by_key(|r| (r.b as isize - r.a as isize, r.a));
    let mut merged: Vec<Seed> = Vec::with_capacity(runs.len());
    for run in runs {
        match merged.last_mut() {
            Some(last) if last.b as isize - last.a as isize == run.b as isize - run.a as isize && run.a <= last.a + last.len => {
                last.len = last.len.max(run.a + run.len - last.a);
            }
            _ => merged.push(run),
        }
    }
    merged.sort_unstable();
    merged
}

fn content_words(w: &Words, range: &Range<usize>) -> usize {
    w.content[range.clone()].iter().filter(|&&c| c).count()
}

/// The index of the unused seed that best continues a chain ending at
/// `end_a`, `end_b`: starting at most [`MAX_GAP`] words further on both
/// sides with no block break skipped, the closest first (then the first
/// in `a`, then in `b`). Seeds are sorted, so only the few starting within
/// the gap are looked at.
fn next_seed(seeds: &[Seed], used: &[bool], a: &Words, b: &Words, end_a: usize, end_b: usize) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None; // (distance, seed)
    let mut t = seeds.partition_point(|s| s.a < end_a);
    while t < seeds.len() && seeds[t].a <= end_a + MAX_GAP {
        let here = seeds[t].a;
        let group_end = t + seeds[t..].partition_point(|s| s.a == here);
        if (end_a..here).any(|k| a.is_break(k)) {
            break; // a later start would skip the same break
        }
        let mut u = t + seeds[t..group_end].partition_point(|s| s.b < end_b);
        while u < group_end && seeds[u].b <= end_b + MAX_GAP {
            let s = seeds[u];
            let distance = (s.a - end_a) + (s.b - end_b);
            if !used[u] && best.is_none_or(|(d, _)| distance < d) && !(end_b..s.b).any(|k| b.is_break(k)) {
                best = Some((distance, u));
            }
            u += 1;
        }
        t = group_end;
    }
    best.map(|(_, u)| u)
}

/// Local alignments between two documents: seeds chained across small
/// gaps, filtered to real passages. Linear in the number of seeds (each
/// step looks at the few seeds within the gap).
pub(crate) fn links(a: &Words, b: &Words) -> Vec<Link> {
    let seeds = seeds(a, b, MIN_SEED_WORDS);
    let mut used = vec![false; seeds.len()];
    let mut out = Vec::new();
    for s in 0..seeds.len() {
        if used[s] {
            continue;
        }
        used[s] = true;
        let first = seeds[s];
        let (mut end_a, mut end_b, mut matched, mut near) = (first.a + first.len, first.b + first.len, first.len, false);
        // Extend with the closest following seed within the gap, in order
        // on both sides, never across a block break.
        while let Some(t) = next_seed(&seeds, &used, a, b, end_a, end_b) {
            let next = seeds[t];
            used[t] = true;
            near |= next.a > end_a || next.b > end_b;
            end_a = next.a + next.len;
            end_b = next.b + next.len;
            matched += next.len;
        }
        let (ra, rb) = (first.a..end_a, first.b..end_b);
        let share = matched as f32 / ra.len().max(rb.len()) as f32;
        if matched >= MIN_PASSAGE_WORDS && content_words(a, &ra) >= MIN_CONTENT_WORDS && share >= MIN_MATCHED_SHARE {
            out.push(Link {
                a: ra,
                b: rb,
                matched,
                near,
            });
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
    links.sort_by(|x, y| {
        y.matched
            .cmp(&x.matched)
            .then(x.a.start.cmp(&y.a.start))
            .then(x.b.start.cmp(&y.b.start))
    });
    let mut cover_a: Vec<bool> = vec![false; a.keys.len()];
    let mut cover_b: Vec<bool> = vec![false; b.keys.len()];
    // Each tile's copies, by their word range: which tile they belong to.
    let mut copy_a: HashMap<(usize, usize), usize> = HashMap::new();
    let mut copy_b: HashMap<(usize, usize), usize> = HashMap::new();
    let mut tiles: Vec<Tile> = Vec::new();
    let free = |cover: &[bool], r: &Range<usize>| !cover[r.clone()].iter().any(|&c| c);
    for link in &links {
        if free(&cover_a, &link.a) && free(&cover_b, &link.b) {
            cover_a[link.a.clone()].fill(true);
            cover_b[link.b.clone()].fill(true);
            copy_a.insert((link.a.start, link.a.end), tiles.len());
            copy_b.insert((link.b.start, link.b.end), tiles.len());
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
        if free(&cover_a, &link.a) {
            if let Some(&id) = copy_b.get(&(link.b.start, link.b.end)) {
                cover_a[link.a.clone()].fill(true);
                copy_a.insert((link.a.start, link.a.end), id);
                tiles[id].a.push(link.a.clone());
            }
        } else if free(&cover_b, &link.b) {
            if let Some(&id) = copy_a.get(&(link.a.start, link.a.end)) {
                cover_b[link.b.clone()].fill(true);
                copy_b.insert((link.b.start, link.b.end), id);
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
                    self.edges.push((i, second, tile.near, tile.words));
                }
                for j in second + 1..self.copies.len() {
                    self.edges.push((first, j, tile.near, tile.words));
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

/// How far a comparison has got, in units of work (about one per byte of
/// text per step), for a progress bar.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub done: u64,
    pub total: u64,
}

impl Progress {
    /// The share done, from 0 to 1.
    pub fn fraction(&self) -> f32 {
        if self.total == 0 {
            1.0
        } else {
            (self.done as f64 / self.total as f64).min(1.0) as f32
        }
    }
}

/// Where a long comparison may stop for a while: the caller shows the
/// progress, lets the browser paint, and says whether to go on.
pub trait Pause {
    /// Called every [`PAUSE_EVERY`] units of work or so. Resolving to
    /// `false` abandons the comparison.
    fn pause(&mut self, progress: Progress) -> impl Future<Output = bool>;
}

/// Work units between two calls of [`Pause::pause`].
pub const PAUSE_EVERY: u64 = 1 << 16;

/// Never pauses: the comparison runs to its end at once.
pub struct NoPause;

impl Pause for NoPause {
    async fn pause(&mut self, _: Progress) -> bool {
        true
    }
}

/// Counts work and calls the caller's [`Pause`] now and then.
struct Pacer<'p, P> {
    pause: &'p mut P,
    progress: Progress,
    since: u64,
}

impl<P: Pause> Pacer<'_, P> {
    /// Adds `units` of work done; `false` when the caller stopped.
    async fn advance(&mut self, units: u64) -> bool {
        self.progress.done += units;
        self.since += units;
        if self.since < PAUSE_EVERY {
            return true;
        }
        self.since = 0;
        self.pause.pause(self.progress).await
    }
}

/// Runs a future whose pauses are all ready at once (such as one driven
/// by [`NoPause`]) to its end.
fn run_ready<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

/// Near-matches up to this many words a side get an exact word diff
/// (Myers); longer ones a linear one (see [`resync_diff`]), so no input
/// makes the diff quadratic.
const EXACT_DIFF_WORDS: usize = 64;

/// The word spans in `range` that differ from `other` (word-level diff).
fn changed_words(a: &Words, range: &Range<usize>, b: &Words, other: &Range<usize>) -> Vec<Span> {
    let (ka, kb) = (&a.keys[range.clone()], &b.keys[other.clone()]);
    let changed: Vec<usize> = if ka.len() <= EXACT_DIFF_WORDS && kb.len() <= EXACT_DIFF_WORDS {
        let mut out = Vec::new();
        for op in similar::capture_diff_slices(similar::Algorithm::Myers, ka, kb) {
            match op {
                similar::DiffOp::Delete { old_index, old_len, .. } | similar::DiffOp::Replace { old_index, old_len, .. } => {
                    out.extend(old_index..old_index + old_len)
                }
                _ => {}
            }
        }
        out
    } else {
        resync_diff(ka, kb)
    };
    changed
        .into_iter()
        .map(|k| range.start + k)
        .filter(|&k| !a.is_break(k))
        .map(|k| a.spans[k])
        .collect()
}

/// The indices of `a` not matched in `b`, by a greedy walk that, at a
/// difference, resumes at the nearest pair of equal words within
/// [`MAX_GAP`] + 2 on each side (the gaps a passage's chain allows).
/// Linear in the lengths; on chained passages it finds what Myers finds.
fn resync_diff(a: &[u32], b: &[u32]) -> Vec<usize> {
    const WINDOW: usize = MAX_GAP + 2;
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() {
        if j < b.len() && a[i] == b[j] {
            i += 1;
            j += 1;
            continue;
        }
        let mut best: Option<(usize, usize)> = None;
        for total in 1..=2 * WINDOW {
            for di in total.saturating_sub(WINDOW)..=total.min(WINDOW) {
                let dj = total - di;
                if i + di < a.len() && j + dj < b.len() && a[i + di] == b[j + dj] {
                    best = Some((di, dj));
                    break;
                }
            }
            if best.is_some() {
                break;
            }
        }
        let (di, dj) = best.unwrap_or((1, 1));
        out.extend(i..(i + di).min(a.len()));
        i += di;
        j += dj;
    }
    out
}

/// Compares the bodies of two or more documents: passages shared by any
/// pair, numbered across all, and rows lining them up. Near-linear in the
/// documents' length, whatever they hold.
pub fn compare_many(analyzer: &Analyzer, docs: &[&Document]) -> Comparison {
    run_ready(compare_many_paused(analyzer, docs, &mut NoPause)).expect("NoPause never stops")
}

/// [`compare_many`], calling `pause` every [`PAUSE_EVERY`] units of work
/// with the progress made, so a page can paint and the user can leave;
/// `None` when `pause` stopped it.
pub async fn compare_many_paused<P: Pause>(analyzer: &Analyzer, docs: &[&Document], pause: &mut P) -> Option<Comparison> {
    let n = docs.len();
    let bytes: Vec<u64> = docs.iter().map(|d| d.body.len() as u64).collect();
    let all: u64 = bytes.iter().sum();
    let pairs: u64 = (0..n)
        .flat_map(|x| (x + 1..n).map(move |y| (x, y)))
        .map(|(x, y)| bytes[x] + bytes[y])
        .sum();
    let mut pacer = Pacer {
        pause,
        progress: Progress {
            done: 0,
            total: all + pairs + all,
        },
        since: 0,
    };
    let mut vocab = Vocabulary::default();
    let mut words: Vec<Words> = Vec::with_capacity(n);
    for doc in docs {
        words.push(vocab.words_paced(analyzer, doc, &mut pacer).await?);
    }
    let mut found = Copies::new();
    for x in 0..n {
        for y in x + 1..n {
            let links = links(&words[x], &words[y]);
            if !pacer.advance(bytes[x] + bytes[y]).await {
                return None;
            }
            found.add(x, y, tiles(&words[x], &words[y], links), |_, _| true);
        }
    }
    let mut passages: Vec<SharedPassage> = Vec::new();
    // Per document, the words inside a passage.
    let mut covered: Vec<Vec<bool>> = words.iter().map(|w| vec![false; w.keys.len()]).collect();
    let per_word = all / words.iter().map(|w| w.keys.len() as u64).sum::<u64>().max(1);
    for group in found.groups() {
        let mut ranges: Vec<Vec<Range<usize>>> = vec![Vec::new(); n];
        let mut size = 0;
        for (d, r) in group.copies {
            covered[d][r.clone()].fill(true);
            size += r.len();
            ranges[d].push(r);
        }
        // Copies merged from overlapping matches may no longer read the
        // same: then the passage is a near-match too.
        let reference = ranges
            .iter()
            .enumerate()
            .find(|(_, r)| !r.is_empty())
            .map(|(d, r)| (d, r[0].clone()));
        let differs = reference.is_some_and(|(d0, r0)| {
            let key =
                |d: usize, r: &Range<usize>| -> Vec<u32> { words[d].keys[r.clone()].iter().copied().filter(|&k| k < BREAK).collect() };
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
            copies: ranges
                .iter()
                .enumerate()
                .map(|(d, rs)| rs.iter().map(|r| span_of(d, r)).collect())
                .collect(),
            words: group.words,
            near,
            changes,
        });
        if !pacer.advance(size as u64 * per_word / 2).await {
            return None;
        }
    }
    passages.sort_by_key(|p| {
        let first = p.copies.iter().position(|c| !c.is_empty()).unwrap_or(n);
        (first, p.copies.get(first).and_then(|c| c.first()).map_or(0, |s| s.start))
    });
    // Words inside passages, per document.
    let shared_words: Vec<usize> = (0..n)
        .map(|d| (0..words[d].keys.len()).filter(|&k| covered[d][k] && !words[d].is_break(k)).count())
        .collect();
    let total_words: Vec<usize> = words.iter().map(Words::len).collect();
    let total: usize = total_words.iter().sum();
    let similarity = if total == 0 {
        0.0
    } else {
        shared_words.iter().sum::<usize>() as f32 / total as f32
    };
    let rows = rows(docs, &passages);
    Some(Comparison {
        passages,
        similarity,
        shared_words,
        total_words,
        rows,
    })
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
            let (ca, cb) = (p.copies[0].len(), p.copies[d].len());
            for (k, a) in p.copies[0].iter().enumerate() {
                for b in &p.copies[d][paired_ranks(k, ca, cb)] {
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
    // outlet split or merged paragraphs). A paragraph paired again with
    // the same text (a repeat further on) starts a group of its own.
    let mut groups: Vec<BlockGroup> = Vec::new();
    for (d, doc_blocks) in blocks.iter().enumerate().skip(1) {
        let w = shared(d);
        let pairs = w.iter().map(|(&(i, j), &(weight, _, _))| (i, j, weight)).collect();
        let mut last: Option<(usize, usize)> = None;
        for (i, j) in heaviest_chain(pairs, doc_blocks.len()) {
            let (_, a, b) = w[&(i, j)];
            let follows = last.is_some_and(|(li, lj)| {
                let (_, la, lb) = w[&(li, lj)];
                (li == i && a.start >= la.end) || (lj == j && b.start >= lb.end)
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
    use crate::ingest::text_document;

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

    fn compare_texts(a: &str, b: &str) -> (Comparison, Document, Document) {
        let (da, db) = (text_document("a", "", a), text_document("b", "", b));
        let c = compare(&Analyzer::new(), &da, &db);
        (c, da, db)
    }

    fn texts(c: &Comparison, docs: [&Document; 2]) -> Vec<(String, String, bool)> {
        c.passages
            .iter()
            .map(|p| {
                let t = |d: usize| {
                    p.copies[d]
                        .first()
                        .map(|s| docs[d].body[s.start..s.end].to_string())
                        .unwrap_or_default()
                };
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
                &[(
                    "secured a £330 million deal with NHS England",
                    "secured a £330m deal with NHS England",
                    true,
                )],
            ),
            (
                "Health workers blockaded the entrance to NHS England’s headquarters today.",
                "Protesters blockade the entrance to NHS England's headquarters again.",
                &[(
                    "blockaded the entrance to NHS England’s headquarters",
                    "blockade the entrance to NHS England's headquarters",
                    false,
                )],
            ),
            (
                "He said “the data belongs to the government of the United Kingdom”.",
                "He said ‘the data belongs to the Government of the United Kingdom’.",
                &[(
                    "He said “the data belongs to the government of the United Kingdom",
                    "He said ‘the data belongs to the Government of the United Kingdom",
                    false,
                )],
            ),
            (
                "The federated data platform was built by the company for the service.",
                "The federated data system was built by the company for the service.",
                &[(
                    "The federated data platform was built by the company for the service",
                    "The federated data system was built by the company for the service",
                    true,
                )],
            ),
            ("one of the most important of all", "one of the most important of all", &[]),
            (
                "Completely different text about apples and pears.",
                "Nothing in common with oranges here at all.",
                &[],
            ),
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
            (
                "Palantir secured a £330 million deal with NHS England",
                "Palantir secured a £330m deal with NHS England",
                &["million"],
                &["m"],
            ),
            (
                "the federated data platform was built by the company",
                "the federated data system was built by the company",
                &["platform"],
                &["system"],
            ),
            (
                "the new contract worth millions was signed by NHS England",
                "the new contract was signed by NHS England",
                &["worth", "millions"],
                &[],
            ),
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

    const UNIT: &str = "NHS England awarded Palantir a contract worth millions to build its platform.";

    #[test]
    fn repetitive_text_makes_a_linear_number_of_seeds() {
        // One paragraph 300 times, against itself: every paragraph pairs
        // with every other (300² candidate seeds, each a maximal run once
        // extended to the end); sampling keeps one diagonal.
        let doc = text_document("a", "", &vec![UNIT; 300].join("\n\n"));
        let words = Vocabulary::default().words(&Analyzer::new(), &doc);
        let found = seeds(&words, &words, MIN_SEED_WORDS);
        let covered: usize = found.iter().map(|s| s.len).sum();
        assert!(covered <= words.keys.len(), "{covered} seed words for {} words", words.keys.len());
        let c = compare(&Analyzer::new(), &doc, &doc);
        assert_eq!(c.passages.len(), 300);
        assert!(c.passages.iter().enumerate().all(|(k, p)| p.copies[0] == p.copies[1]
            && p.copies[0].len() == 1
            && p.copies[0][0] == Span::new(k * (UNIT.len() + 2), k * (UNIT.len() + 2) + UNIT.len() - 1)));
        assert_eq!(c.similarity, 1.0);
    }

    #[test]
    fn a_digest_against_one_copy_of_its_refrain_is_one_passage_with_every_copy() {
        let digest = text_document("a", "", &vec![UNIT; 200].join("\n\n"));
        let once = text_document("b", "", &format!("Before.\n\n{UNIT}\n\nAfter."));
        let c = compare(&Analyzer::new(), &digest, &once);
        assert_eq!(c.passages.len(), 1, "{:?}", c.passages.len());
        assert_eq!((c.passages[0].copies[0].len(), c.passages[0].copies[1].len()), (200, 1));
    }

    #[test]
    fn frequent_runs_are_paired_at_the_same_relative_place() {
        let cases = [
            // (k, ca, cb) -> ranks of cb paired with the k-th of ca
            ((0, 4, 8), 0..8), // 32 pairs: all kept
            ((3, 10, 10), 3..4),
            ((9, 10, 5), 4..5),
            ((0, 5, 10), 0..2),
            ((4, 5, 10), 8..10),
            ((1, 3, 100), 34..67),
        ];
        for ((k, ca, cb), want) in cases {
            assert_eq!(paired_ranks(k, ca, cb), want, "{k} of {ca} with {cb}");
        }
        // Every rank of the larger side is paired exactly once.
        for (ca, cb) in [(7, 50), (50, 7), (33, 34)] {
            let mut seen = vec![0; cb];
            for k in 0..ca {
                for l in paired_ranks(k, ca, cb) {
                    seen[l] += 1;
                }
            }
            assert!(
                seen.iter().all(|&n| n >= 1) && seen.iter().sum::<usize>() == ca.max(cb),
                "{ca} {cb}: {seen:?}"
            );
        }
    }

    #[test]
    fn long_near_matches_get_a_linear_diff_that_agrees_with_myers_on_chains() {
        // Two keys apart every 10: what Myers would find, in linear time.
        let a: Vec<u32> = (0..5_000).collect();
        let b: Vec<u32> = (0..5_000).map(|i| if i % 10 == 3 { 100_000 + i } else { i }).collect();
        let changed = resync_diff(&a, &b);
        assert_eq!(changed, (0..5_000).filter(|i| i % 10 == 3).map(|i| i as usize).collect::<Vec<_>>());
        // A deletion and an insertion.
        assert_eq!(resync_diff(&[1, 2, 3, 4, 5, 6], &[1, 2, 4, 5, 9, 6]), vec![2]);
    }

    #[test]
    fn three_documents_share_numbered_passages() {
        let texts = [
            "Palantir was awarded a contract to build the federated data platform for hospitals.",
            "Critics say the contract to build the federated data platform for hospitals was rushed.",
            "Nothing shared here. But the federated data platform for hospitals is mentioned.",
        ];
        let docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| text_document(&i.to_string(), "", t))
            .collect();
        let refs: Vec<&Document> = docs.iter().collect();
        let c = compare_many(&Analyzer::new(), &refs);
        let everywhere = c.passages.iter().find(|p| p.copies.iter().all(|c| !c.is_empty()));
        assert!(everywhere.is_some(), "{:?}", c.passages);
        assert_eq!(c.rows[0].cells.len(), 3);
    }
}
