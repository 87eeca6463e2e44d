//! Comparing two to four documents: seeds, chains and tiles for each pair,
//! copies grouped into numbered passages, word diffs of near-matches, and
//! rows. Near-linear in the documents' length, whatever they hold.

use std::ops::Range;

use super::chain::{links, tiles};
use super::copies::Copies;
use super::diff::changed_words;
use super::pace::{run_ready, NoPause, Pacer, Pause, Progress};
use super::passage::{Comparison, SharedPassage};
use super::rows::rows;
use super::words::{Vocabulary, Words, BREAK};
use crate::text::analyze::Analyzer;
use crate::text::document::{Document, Span};

/// Compares the bodies of two documents.
pub fn compare(analyzer: &Analyzer, a: &Document, b: &Document) -> Comparison {
    compare_many(analyzer, &[a, b])
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::text_document;

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

    const UNIT: &str = "NHS England awarded Palantir a contract worth millions to build its platform.";

    #[test]
    fn a_digest_against_one_copy_of_its_refrain_is_one_passage_with_every_copy() {
        let digest = text_document("a", "", &vec![UNIT; 200].join("\n\n"));
        let once = text_document("b", "", &format!("Before.\n\n{UNIT}\n\nAfter."));
        let c = compare(&Analyzer::new(), &digest, &once);
        assert_eq!(c.passages.len(), 1, "{:?}", c.passages.len());
        assert_eq!((c.passages[0].copies[0].len(), c.passages[0].copies[1].len()), (200, 1));
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
