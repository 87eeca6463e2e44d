//! Comparing two documents: the passages they share, with spans in both,
//! and how much of their text is shared.
//!
//! A shared passage is a maximal run of at least [`MIN_PASSAGE_WORDS`]
//! consecutive words that are the same after analysis (case, diacritics,
//! inflection and punctuation do not matter: `£330million contract` and
//! `£330 million contracts` agree), holding at least
//! [`MIN_CONTENT_WORDS`] words that are not function words.

use std::collections::HashMap;
use std::ops::Range;

use crate::analyze::Analyzer;
use crate::index::field_tokens;
use crate::stopword::is_stop_word;
use crate::{DocId, Document, Index, Span};

/// The shortest run of words that counts as shared.
pub const MIN_PASSAGE_WORDS: usize = 5;

/// A shared run needs this many words that are not function words, so
/// "one of the most" or "as well as the" never count.
pub const MIN_CONTENT_WORDS: usize = 3;

/// A passage found in both documents. When a document repeats the passage,
/// each copy is listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SharedPassage {
    /// Spans in the first document's body, in text order.
    pub a: Vec<Span>,
    /// Spans in the second document's body, in text order.
    pub b: Vec<Span>,
    /// Length of the longest copy, in words.
    pub words: usize,
}

/// The result of comparing two documents.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// Shared passages, in the order they first appear in the first document.
    pub passages: Vec<SharedPassage>,
    /// Share of all words of both documents that lie in a shared passage,
    /// from 0 (nothing shared) to 1 (the same text).
    pub similarity: f32,
    /// Words of each document inside shared passages, and in all.
    pub shared_words: (usize, usize),
    pub total_words: (usize, usize),
}

impl Index {
    /// Compares the bodies of two documents of this index.
    pub fn compare(&self, a: DocId, b: DocId) -> Comparison {
        compare(self.analyzer(), self.doc(a), self.doc(b))
    }
}

struct Words {
    keys: Vec<u32>,
    spans: Vec<Span>,
    content: Vec<bool>,
}

/// A key no word has, put between blocks so no passage spans a paragraph
/// break. Each side has its own, so breaks never match each other.
const BREAK: [u32; 2] = [u32::MAX, u32::MAX - 1];

fn words(analyzer: &Analyzer, doc: &Document, side: usize, vocab: &mut HashMap<String, u32>) -> Words {
    let mut out = Words {
        keys: Vec::new(),
        spans: Vec::new(),
        content: Vec::new(),
    };
    let mut last_position = None;
    for (position, token) in field_tokens(analyzer, doc, "body") {
        if last_position.is_some_and(|p| position != p + 1) {
            out.keys.push(BREAK[side]);
            out.spans.push(token.span);
            out.content.push(false);
        }
        last_position = Some(position);
        let stem = analyzer.stem(&token.term).into_owned();
        let next = vocab.len() as u32;
        out.content.push(!is_stop_word(&token.term));
        out.keys.push(*vocab.entry(stem).or_insert(next));
        out.spans.push(token.span);
    }
    out
}

/// A passage while it is being found: token ranges on each side.
struct Tile {
    a: Vec<Range<usize>>,
    b: Vec<Range<usize>>,
}

/// Compares the bodies of two documents.
///
/// Passages are tiled greedily, longest first (as in greedy string tiling):
/// a word belongs to at most one passage on each side, so passages never
/// overlap. A passage that one document repeats word for word is one
/// passage with several copies.
pub fn compare(analyzer: &Analyzer, a: &Document, b: &Document) -> Comparison {
    let mut vocab = HashMap::new();
    let wa = words(analyzer, a, 0, &mut vocab);
    let wb = words(analyzer, b, 1, &mut vocab);
    let mut runs = common_runs(&wa, &wb);
    runs.sort_by(|x, y| y.2.cmp(&x.2).then(x.0.cmp(&y.0)).then(x.1.cmp(&y.1)));

    let mut cover_a: Vec<Option<usize>> = vec![None; wa.keys.len()];
    let mut cover_b: Vec<Option<usize>> = vec![None; wb.keys.len()];
    let mut tiles: Vec<Tile> = Vec::new();
    // Tiles: the stretches of each run where both sides are still free.
    for &(i, j, len) in &runs {
        let mut o = 0;
        while o < len {
            if cover_a[i + o].is_some() || cover_b[j + o].is_some() {
                o += 1;
                continue;
            }
            let start = o;
            while o < len && cover_a[i + o].is_none() && cover_b[j + o].is_none() {
                o += 1;
            }
            let (ra, rb) = (i + start..i + o, j + start..j + o);
            if ra.len() >= MIN_PASSAGE_WORDS && content_words(&wa, &ra) >= MIN_CONTENT_WORDS {
                let id = tiles.len();
                cover_a[ra.clone()].iter_mut().for_each(|c| *c = Some(id));
                cover_b[rb.clone()].iter_mut().for_each(|c| *c = Some(id));
                tiles.push(Tile { a: vec![ra], b: vec![rb] });
            }
        }
    }
    // Repeats: a free stretch on one side that matches exactly a copy of a
    // tile on the other side is another copy of that tile.
    for &(i, j, len) in &runs {
        let (ra, rb) = (i..i + len, j..j + len);
        if let Some(id) = repeat_of(&cover_a[ra.clone()], &cover_b[rb.clone()], &tiles, &rb, true) {
            cover_a[ra.clone()].iter_mut().for_each(|c| *c = Some(id));
            tiles[id].a.push(ra);
        } else if let Some(id) = repeat_of(&cover_b[rb.clone()], &cover_a[ra.clone()], &tiles, &ra, false) {
            cover_b[rb.clone()].iter_mut().for_each(|c| *c = Some(id));
            tiles[id].b.push(rb);
        }
    }

    let span_of = |w: &Words, r: &Range<usize>| Span::new(w.spans[r.start].start, w.spans[r.end - 1].end);
    let mut passages: Vec<SharedPassage> = tiles
        .into_iter()
        .map(|tile| {
            let words = tile.a.iter().chain(&tile.b).map(|r| r.len()).max().unwrap_or(0);
            let mut a: Vec<Span> = tile.a.iter().map(|r| span_of(&wa, r)).collect();
            let mut b: Vec<Span> = tile.b.iter().map(|r| span_of(&wb, r)).collect();
            a.sort();
            b.sort();
            SharedPassage { a, b, words }
        })
        .collect();
    passages.sort_by_key(|p| (p.a[0].start, p.b[0].start));
    let count = |cover: &[Option<usize>]| cover.iter().filter(|c| c.is_some()).count();
    let words_in = |w: &Words| w.keys.iter().filter(|&&k| !BREAK.contains(&k)).count();
    let shared = (count(&cover_a), count(&cover_b));
    let total = (words_in(&wa), words_in(&wb));
    let similarity = if total.0 + total.1 == 0 {
        0.0
    } else {
        (shared.0 + shared.1) as f32 / (total.0 + total.1) as f32
    };
    Comparison {
        passages,
        similarity,
        shared_words: shared,
        total_words: total,
    }
}

/// The tile that `other` (fully covered by one tile, as exactly one of its
/// copies) belongs to, when `free` is entirely uncovered.
fn repeat_of(
    free: &[Option<usize>],
    other: &[Option<usize>],
    tiles: &[Tile],
    other_range: &Range<usize>,
    other_is_b: bool,
) -> Option<usize> {
    if free.iter().any(Option::is_some) {
        return None;
    }
    let id = (*other.first()?)?;
    let copies = if other_is_b { &tiles[id].b } else { &tiles[id].a };
    copies.contains(other_range).then_some(id)
}

fn content_words(w: &Words, range: &Range<usize>) -> usize {
    w.content[range.clone()].iter().filter(|&&c| c).count()
}

/// Maximal runs `(start in a, start in b, length)` of equal keys, at least
/// [`MIN_PASSAGE_WORDS`] long with enough content words.
fn common_runs(a: &Words, b: &Words) -> Vec<(usize, usize, usize)> {
    let k = MIN_PASSAGE_WORDS;
    if a.keys.len() < k || b.keys.len() < k {
        return Vec::new();
    }
    let mut starts: HashMap<&[u32], Vec<usize>> = HashMap::new();
    for i in 0..=a.keys.len() - k {
        starts.entry(&a.keys[i..i + k]).or_default().push(i);
    }
    let mut runs = Vec::new();
    for j in 0..=b.keys.len() - k {
        let Some(candidates) = starts.get(&b.keys[j..j + k]) else {
            continue;
        };
        for &i in candidates {
            // Only the start of a maximal run: the words before differ.
            if i > 0 && j > 0 && a.keys[i - 1] == b.keys[j - 1] {
                continue;
            }
            let mut len = k;
            while i + len < a.keys.len() && j + len < b.keys.len() && a.keys[i + len] == b.keys[j + len] {
                len += 1;
            }
            if content_words(a, &(i..i + len)) >= MIN_CONTENT_WORDS {
                runs.push((i, j, len));
            }
        }
    }
    runs
}
