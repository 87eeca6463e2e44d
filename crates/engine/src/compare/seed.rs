//! Seeds: runs of equal words two documents share, found from hashed
//! grams, with frequent grams paired only at the same relative place.

use std::collections::HashMap;
use std::ops::Range;

use super::words::{Words, BREAK};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::align::compare;
    use crate::compare::chain::MIN_SEED_WORDS;
    use crate::compare::words::Vocabulary;
    use crate::ingest::text_document;
    use crate::text::analyze::Analyzer;
    use crate::text::document::Span;

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
}
