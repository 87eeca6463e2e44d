//! Text reuse across a corpus: every passage that two or more documents
//! share (exactly or with small edits), grouped into clusters of copies,
//! computed when the index is built.
//!
//! 1. Each document's words are cut into overlapping 5-word shingles
//!    (never across paragraphs, never in boilerplate: navigation, cookie and
//!    subscription notices).
//! 2. Documents sharing at least [`MIN_SHARED_SHINGLES`] shingles are
//!    candidate pairs; a shingle found in more than
//!    [`max_shingle_docs`] documents is too common to mean reuse (mailing
//!    list footers, stock phrases) and is not used.
//! 3. Each candidate pair is aligned with the comparison's local alignment
//!    (see [`crate::align`]), which tolerates small edits.
//! 4. Copies linked by an alignment, or overlapping in one document, form
//!    a cluster. A cluster whose copies all come from one outlet is that
//!    outlet's boilerplate and is dropped.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::chain::{links, tiles};
use super::copies::Copies;
use super::words::{Vocabulary, Words, BREAK};
use crate::parallel;
use crate::text::analyze::Analyzer;
use crate::text::document::{DocId, Document, Span};

/// Candidate pairs aligned at a time.
const ALIGN_BATCH: usize = 16_384;

/// Words per shingle.
pub const SHINGLE: usize = 5;

/// Pairs must share this many shingles to be aligned.
pub const MIN_SHARED_SHINGLES: usize = 2;

/// A shingle in more documents than this is too common to mean reuse:
/// 20, or 1% of the corpus if more.
pub fn max_shingle_docs(corpus: usize) -> usize {
    (corpus / 100).max(20)
}

/// Phrases of navigation, cookie and subscription text; a short paragraph
/// holding one is boilerplate, not text to trace.
const BOILERPLATE: &[&str] = &[
    "cookie",
    "subscribe",
    "subscription",
    "sign in",
    "log in",
    "sign up",
    "skip to",
    "newsletter",
    "advertisement",
    "all rights reserved",
    "privacy policy",
    "terms of use",
    "terms and conditions",
    "share this",
    "follow us",
    "read more",
    "related articles",
    "similar stories",
    "you have reached",
    "intended for health professionals",
    "support the",
    "click here",
    "unsubscribe",
    "mailing list",
];

/// Whether a paragraph is boilerplate: short, with a boilerplate phrase.
pub fn is_boilerplate(text: &str) -> bool {
    let words = text.split_whitespace().count();
    if words > 15 {
        return false;
    }
    let lower = text.to_lowercase();
    BOILERPLATE.iter().any(|p| lower.contains(p))
}

/// A passage found in two or more documents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cluster {
    /// Each copy: the document and the span in its body.
    pub copies: Vec<(DocId, Span)>,
    /// Length of the longest copy, in words.
    pub words: u32,
    /// Whether some copies differ by small edits.
    pub near: bool,
}

impl Cluster {
    /// The likely source of the passage: its earliest dated copy, when
    /// two or more copies are dated (`days` gives the first and last day,
    /// `yyyymmdd`, a document's date can mean, as
    /// [`crate::Index::days`] does). Undated copies are not counted (they
    /// may be earlier or later).
    pub fn origin(&self, days: impl Fn(DocId) -> Option<(u32, u32)>) -> Origin {
        let mut dated: Vec<(DocId, u32, u32)> = self
            .docs()
            .into_iter()
            .filter_map(|d| days(d).map(|(first, last)| (d, first, last)))
            .collect();
        dated.sort_by_key(|x| (x.1, x.0));
        dated.dedup_by_key(|x| x.0);
        let first_end = match dated.iter().min_by_key(|x| (x.2, x.1)) {
            Some(&(_, _, end)) if dated.len() >= 2 => end,
            _ => return Origin::Unknown,
        };
        let earliest: Vec<DocId> = dated.iter().filter(|x| x.1 <= first_end).map(|x| x.0).collect();
        match earliest.as_slice() {
            [one] => Origin::Source(*one),
            _ => Origin::Tie(earliest),
        }
    }

    /// The distinct documents holding the passage.
    pub fn docs(&self) -> Vec<DocId> {
        let mut docs: Vec<DocId> = self.copies.iter().map(|(d, _)| *d).collect();
        docs.dedup();
        docs
    }
}

/// Where a reused passage probably came from, by the copies' dates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// One copy is dated before all the others: the likely source.
    Source(DocId),
    /// The earliest dates cannot tell these copies apart (same day, or a
    /// partial date such as a month that includes another copy's date).
    Tie(Vec<DocId>),
    /// Fewer than two copies are dated: nothing to tell by.
    Unknown,
}

/// The orders of a list of reused passages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReuseOrder {
    /// Most documents first, then longest.
    #[default]
    Size,
    /// Longest passage first, then most documents.
    Length,
    /// Earliest first copy first; undated last.
    Date,
}

impl ReuseOrder {
    pub const ALL: [ReuseOrder; 3] = [ReuseOrder::Size, ReuseOrder::Length, ReuseOrder::Date];

    /// The name used in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            ReuseOrder::Size => "size",
            ReuseOrder::Length => "length",
            ReuseOrder::Date => "date",
        }
    }

    pub fn parse(s: &str) -> Option<ReuseOrder> {
        ReuseOrder::ALL.into_iter().find(|o| o.as_str() == s)
    }
}

/// The indices of the `clusters` with a copy in a document `keep` accepts,
/// in `order` (`first_day` gives the first day, `yyyymmdd`, a document's date can mean); ties in cluster order.
pub fn order_clusters(
    clusters: &[Cluster],
    keep: impl Fn(DocId) -> bool,
    order: ReuseOrder,
    first_day: impl Fn(DocId) -> Option<u32>,
) -> Vec<usize> {
    let mut out: Vec<usize> = (0..clusters.len())
        .filter(|&c| clusters[c].copies.iter().any(|(d, _)| keep(*d)))
        .collect();
    let earliest = |c: &Cluster| c.docs().iter().filter_map(|&d| first_day(d)).min().unwrap_or(u32::MAX);
    match order {
        ReuseOrder::Size => out.sort_by_key(|&c| (std::cmp::Reverse(clusters[c].docs().len()), std::cmp::Reverse(clusters[c].words), c)),
        ReuseOrder::Length => out.sort_by_key(|&c| (std::cmp::Reverse(clusters[c].words), std::cmp::Reverse(clusters[c].docs().len()), c)),
        ReuseOrder::Date => out.sort_by_cached_key(|&c| (earliest(&clusters[c]), c)),
    }
    out
}

fn shingle_hash(keys: &[u32]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &k in keys {
        h ^= k as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
        h ^= h >> 29;
    }
    h
}

/// Word positions inside boilerplate paragraphs.
fn boilerplate_words(doc: &Document, words: &Words) -> Vec<bool> {
    let spans: Vec<(usize, usize)> = doc
        .blocks
        .iter()
        .filter(|b| is_boilerplate(doc.block_text(b)))
        .map(|b| (b.start, b.end))
        .collect();
    words
        .spans
        .iter()
        .map(|s| spans.iter().any(|&(a, b)| a <= s.start && s.end <= b))
        .collect()
}

/// Every reused passage of `docs`, largest clusters first.
pub fn clusters(analyzer: &Analyzer, docs: &[&Document]) -> Vec<Cluster> {
    let words: Vec<Words> = Vocabulary::words_of_all(analyzer, docs);
    let masks: Vec<Vec<bool>> = docs.iter().zip(&words).map(|(d, w)| boilerplate_words(d, w)).collect();

    // Shingles, then the documents sharing each.
    let mut shingles: Vec<(u64, u32)> = Vec::new();
    for (d, (w, mask)) in words.iter().zip(&masks).enumerate() {
        let mut seen: Vec<u64> = Vec::new();
        for i in 0..w.keys.len().saturating_sub(SHINGLE - 1) {
            let window = &w.keys[i..i + SHINGLE];
            let clean = window.iter().enumerate().all(|(k, &key)| key < BREAK && !mask[i + k]);
            if clean && w.content[i..i + SHINGLE].iter().any(|&c| c) {
                seen.push(shingle_hash(window));
            }
        }
        seen.sort_unstable();
        seen.dedup();
        shingles.extend(seen.into_iter().map(|h| (h, d as u32)));
    }
    shingles.sort_unstable();
    let cap = max_shingle_docs(docs.len());
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    let mut i = 0;
    while i < shingles.len() {
        let mut j = i;
        while j < shingles.len() && shingles[j].0 == shingles[i].0 {
            j += 1;
        }
        if j - i >= 2 && j - i <= cap {
            for x in i..j {
                for y in x + 1..j {
                    pairs.push((shingles[x].1, shingles[y].1));
                }
            }
        }
        i = j;
    }
    pairs.sort_unstable();
    let mut candidates: Vec<(u32, u32)> = Vec::new();
    let mut i = 0;
    while i < pairs.len() {
        let mut j = i;
        while j < pairs.len() && pairs[j] == pairs[i] {
            j += 1;
        }
        if j - i >= MIN_SHARED_SHINGLES {
            candidates.push(pairs[i]);
        }
        i = j;
    }
    drop(pairs);

    // Align each candidate pair; copies linked by an alignment or
    // overlapping in one document are one passage.
    // Alignments run on every core, a batch at a time (bounded memory),
    // and join the copies in candidate order.
    let mut found = Copies::new();
    let clean = |d: u32, r: &Range<usize>| !r.clone().any(|k| masks[d as usize][k]);
    for batch in candidates.chunks(ALIGN_BATCH) {
        let tiled = parallel::map(batch, |&(a, b)| {
            let (wa, wb) = (&words[a as usize], &words[b as usize]);
            tiles(wa, wb, links(wa, wb))
        });
        for (&(a, b), t) in batch.iter().zip(tiled) {
            found.add(a, b, t, clean);
        }
    }
    let mut out: Vec<Cluster> = Vec::new();
    for group in found.groups() {
        let merged = group.copies;
        let distinct: Vec<u32> = {
            let mut v: Vec<u32> = merged.iter().map(|(d, _)| *d).collect();
            v.dedup();
            v
        };
        if distinct.len() < 2 {
            continue;
        }
        // One outlet's own repeated text is its boilerplate.
        let sources: Vec<Option<&String>> = distinct.iter().map(|&d| docs[d as usize].meta.source.as_ref()).collect();
        if distinct.len() >= 3 && sources[0].is_some() && sources.iter().all(|s| *s == sources[0]) {
            continue;
        }
        out.push(Cluster {
            copies: merged
                .into_iter()
                .map(|(d, r)| {
                    let w = &words[d as usize];
                    (DocId(d), Span::new(w.spans[r.start].start, w.spans[r.end - 1].end))
                })
                .collect(),
            words: group.words as u32,
            near: group.near,
        });
    }
    out.sort_by(|a, b| {
        b.docs()
            .len()
            .cmp(&a.docs().len())
            .then(b.words.cmp(&a.words))
            .then(a.copies[0].cmp(&b.copies[0]))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::text_document;
    use crate::text::date::PartialDate;

    #[test]
    fn boilerplate_is_short_navigation_text() {
        assert!(is_boilerplate("Skip to main content"));
        assert!(is_boilerplate("Subscribe to continue reading."));
        assert!(is_boilerplate("This site is intended for health professionals only"));
        assert!(!is_boilerplate("Campaigners urged readers to subscribe to the petition, and the protest that followed drew hundreds of health workers to the headquarters."));
    }

    #[test]
    fn a_passage_copied_into_three_documents_is_one_cluster() {
        let shared = "NHS England awarded Palantir a seven-year contract worth £330 million to build the federated data platform.";
        let docs = [
            text_document(
                "a",
                "",
                &format!("First outlet's own opening words here.\n\n{shared}\n\nAnd its own ending."),
            ),
            text_document("b", "", &format!("Another report entirely.\n\n{shared}")),
            text_document("c", "", &format!("{} \n\nA third view.", shared.replace("£330 million", "£330m"))),
            text_document(
                "d",
                "",
                "A document about something else: football results and the weather on Sunday.",
            ),
        ];
        let refs: Vec<&Document> = docs.iter().collect();
        let clusters = clusters(&Analyzer::new(), &refs);
        assert_eq!(clusters.len(), 1, "{clusters:?}");
        let c = &clusters[0];
        assert_eq!(c.docs(), [DocId(0), DocId(1), DocId(2)]);
        assert!(c.near, "the third copy differs: £330m");
        for (d, span) in &c.copies {
            let text = &docs[d.index()].body[span.start..span.end];
            assert!(
                text.starts_with("NHS England awarded Palantir") && text.contains("federated data platform"),
                "{text}"
            );
        }
    }

    #[test]
    fn an_outlets_repeated_footer_is_not_reuse() {
        let footer = "The Morning Star is a reader-owned daily paper funded by its readers across the country.";
        let mut docs: Vec<Document> = (0..3)
            .map(|i| {
                text_document(
                    &i.to_string(),
                    "",
                    &format!("Story number {i} about different events entirely, topic {i}.\n\n{footer}"),
                )
            })
            .collect();
        for d in docs.iter_mut() {
            d.meta.source = Some("Morning Star".into());
        }
        let refs: Vec<&Document> = docs.iter().collect();
        assert!(clusters(&Analyzer::new(), &refs).is_empty());
    }

    #[test]
    fn the_earliest_dated_copy_is_the_likely_source() {
        let passage = "The contract is worth three hundred and thirty million pounds over seven years, officials confirmed today.";
        let build = |dates: &[Option<&str>]| -> Vec<Document> {
            let mut docs = Vec::new();
            for (i, date) in dates.iter().enumerate() {
                let mut doc = text_document(
                    &format!("d{i}"),
                    &format!("Story {i}"),
                    &format!("Opening words number {i}.\n\n{passage}"),
                );
                doc.meta.date = date.map(|d| PartialDate::parse(d).unwrap());
                docs.push(doc);
            }
            docs
        };
        let cases: &[(&[Option<&str>], Origin)] = &[
            (&[Some("2024-03-02"), Some("2024-03-01"), None], Origin::Source(DocId(1))),
            (&[Some("2024-03-01"), Some("2024-03-01")], Origin::Tie(vec![DocId(0), DocId(1)])),
            // A month holds the day: they cannot be told apart.
            (
                &[Some("2024-03"), Some("2024-03-15"), Some("2024-05-01")],
                Origin::Tie(vec![DocId(0), DocId(1)]),
            ),
            (&[Some("2024-02"), Some("2024-03-15")], Origin::Source(DocId(0))),
            (&[None, None], Origin::Unknown),
            // One dated copy against undated ones proves nothing.
            (&[Some("2024-03-01"), None], Origin::Unknown),
        ];
        for (dates, expected) in cases {
            let docs = build(dates);
            let refs: Vec<&Document> = docs.iter().collect();
            let clusters = clusters(&Analyzer::new(), &refs);
            let cluster = clusters.first().unwrap_or_else(|| panic!("a cluster for {dates:?}"));
            let days = |d: DocId| docs[d.index()].meta.date.map(|x| (x.first_day_key(), x.last_day_key()));
            assert_eq!(&cluster.origin(days), expected, "{dates:?}");
        }
    }
}
