//! The words that differ inside a near-match.

use std::ops::Range;

use super::chain::MAX_GAP;
use super::words::Words;
use crate::text::document::Span;

/// Near-matches up to this many words a side get an exact word diff
/// (Myers); longer ones a linear one (see [`resync_diff`]), so no input
/// makes the diff quadratic.
const EXACT_DIFF_WORDS: usize = 64;

/// The word spans in `range` that differ from `other` (word-level diff).
pub(crate) fn changed_words(a: &Words, range: &Range<usize>, b: &Words, other: &Range<usize>) -> Vec<Span> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
