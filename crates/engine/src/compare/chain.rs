//! Seeds chained across small gaps into passages (local alignments), and
//! passages tiled so a word belongs to one passage a side.

use std::collections::HashMap;
use std::ops::Range;

use super::seed::{seeds, Seed};
use super::words::Words;

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

/// One alignment between two documents: word ranges on each side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Link {
    pub a: Range<usize>,
    pub b: Range<usize>,
    /// Words matched exactly.
    pub matched: usize,
    pub near: bool,
}

pub(crate) fn content_words(w: &Words, range: &Range<usize>) -> usize {
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
