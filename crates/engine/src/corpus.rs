//! What is learnt from the whole corpus when the index is built: reused
//! passages, document vectors for similarity, and quotes with their
//! speakers. Stored with the index; the accessors here answer from it.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::analyze::Analyzer;
use crate::quote::{self, Quote};
use crate::reuse::{self, Cluster};
use crate::similar::{self, TermVector, Vectors};
use crate::{DocId, Document, Error, Index};

/// Terms kept per document vector in the index.
pub const VECTOR_TERMS: usize = 64;

/// The corpus-wide analysis stored with an index.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Analysis {
    pub reuse: Vec<Cluster>,
    pub vectors: Vectors,
    pub quotes: Vec<Vec<Quote>>,
    pub speakers: Vec<Speaker>,
}

impl Analysis {
    /// Checks that what the analysis refers to exists in a corpus of `n`
    /// documents: the documents of reused passages and quotes, each
    /// quote a speaker groups, the words of the similarity vectors.
    pub(crate) fn validate(&self, n: usize) -> Result<(), Error> {
        let corrupt = |what: &str| Err(Error::new(format!("the index is corrupt (its corpus analysis: {what})")));
        if self
            .reuse
            .iter()
            .any(|c| c.copies.iter().any(|(d, s)| d.index() >= n || s.start > s.end))
        {
            return corrupt("a reused passage in an unknown document");
        }
        if self.quotes.len() > n || self.quotes.iter().flatten().any(|q| q.parts.iter().any(|s| s.start > s.end)) {
            return corrupt("quotes");
        }
        let known = |&(d, i): &(DocId, usize)| self.quotes.get(d.index()).is_some_and(|q| i < q.len());
        if !self.speakers.iter().flat_map(|s| &s.quotes).flat_map(|g| &g.occurrences).all(known) {
            return corrupt("a speaker's quote that does not exist");
        }
        let words = self.vectors.words.len() as u32;
        if self.vectors.vectors.len() > n
            || self
                .vectors
                .vectors
                .iter()
                .flat_map(|v| &v.terms)
                .any(|&(t, w)| t >= words || !w.is_finite())
        {
            return corrupt("similarity vectors");
        }
        Ok(())
    }

    pub(crate) fn of(analyzer: &Analyzer, docs: &[&Document]) -> Analysis {
        let quotes: Vec<Vec<Quote>> = docs.iter().map(|d| quote::quotes(analyzer, d)).collect();
        Analysis {
            reuse: reuse::clusters(analyzer, docs),
            vectors: similar::vectors(analyzer, docs, Some(VECTOR_TERMS)),
            speakers: speakers(analyzer, docs, &quotes),
            quotes,
        }
    }
}

/// A document similar to another, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Similar {
    pub doc: DocId,
    /// Cosine similarity of the documents' TF-IDF vectors, 0 to 1.
    pub score: f32,
    /// The shared words that weigh most in the score, with their part.
    pub terms: Vec<(String, f32)>,
    /// Reused passages the two documents share (indices into
    /// [`Index::reuse`]).
    pub passages: Vec<usize>,
}

/// One quote, as a group of its occurrences across the corpus.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteGroup {
    /// Each occurrence: the document and the quote's index in
    /// [`Index::quotes`] of that document.
    pub occurrences: Vec<(DocId, usize)>,
}

/// A speaker and their quotes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    /// The name, or `None` for quotes no one is named for.
    pub name: Option<String>,
    pub quotes: Vec<QuoteGroup>,
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

/// The longest common run of equal items.
fn longest_common_run(a: &[String], b: &[String]) -> usize {
    let mut best = 0;
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut prev = 0;
        for (j, y) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if x == y { prev + 1 } else { 0 };
            best = best.max(row[j + 1]);
            prev = cur;
        }
    }
    best
}

impl Index {
    /// Every passage two or more documents share, largest clusters first.
    pub fn reuse(&self) -> &[Cluster] {
        &self.analysis.reuse
    }

    /// The reused passages found in `doc` (indices into [`Index::reuse`]).
    pub fn reuse_in(&self, doc: DocId) -> Vec<usize> {
        self.analysis
            .reuse
            .iter()
            .enumerate()
            .filter(|(_, c)| c.copies.iter().any(|(d, _)| *d == doc))
            .map(|(i, _)| i)
            .collect()
    }

    /// The likely source of a reused passage: its earliest dated copy,
    /// when two or more copies are dated. Undated copies are not counted
    /// (they may be earlier or later).
    pub fn origin(&self, cluster: &Cluster) -> Origin {
        let mut dated: Vec<(DocId, u32, u32)> = cluster
            .docs()
            .into_iter()
            .filter_map(|d| self.doc(d).meta.date.map(|date| (d, date.first_day_key(), date.last_day_key())))
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

    /// The quotes of a document, with their speakers.
    pub fn quotes(&self, doc: DocId) -> &[Quote] {
        self.analysis.quotes.get(doc.index()).map_or(&[], Vec::as_slice)
    }

    fn vector(&self, doc: DocId) -> Option<&TermVector> {
        self.analysis.vectors.vectors.get(doc.index())
    }

    /// How alike two documents are: the cosine of their TF-IDF vectors.
    pub fn similarity(&self, a: DocId, b: DocId) -> f32 {
        match (self.vector(a), self.vector(b)) {
            (Some(x), Some(y)) => x.cosine(y),
            _ => 0.0,
        }
    }

    /// The `k` documents most like `doc`, best first, with the reasons.
    pub fn similar(&self, doc: DocId, k: usize) -> Vec<Similar> {
        let Some(v) = self.vector(doc) else {
            return Vec::new();
        };
        let mut scored: Vec<(DocId, f32)> = (0..self.len() as u32)
            .map(DocId)
            .filter(|&d| d != doc)
            .map(|d| (d, self.vector(d).map_or(0.0, |o| v.cosine(o))))
            .filter(|&(_, s)| s > 0.0)
            .collect();
        scored.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Equal).then(a.0.cmp(&b.0)));
        scored.truncate(k);
        let reuse = self.reuse_in(doc);
        scored
            .into_iter()
            .map(|(d, score)| Similar {
                doc: d,
                score,
                terms: self.shared_terms(doc, d, 8),
                passages: reuse
                    .iter()
                    .copied()
                    .filter(|&c| self.analysis.reuse[c].copies.iter().any(|(x, _)| *x == d))
                    .collect(),
            })
            .collect()
    }

    /// The shared words that weigh most in the similarity of two documents.
    pub fn shared_terms(&self, a: DocId, b: DocId, n: usize) -> Vec<(String, f32)> {
        match (self.vector(a), self.vector(b)) {
            (Some(x), Some(y)) => x
                .shared(y)
                .into_iter()
                .take(n)
                .map(|(t, w)| (self.analysis.vectors.words.get(t as usize).cloned().unwrap_or_default(), w))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Every quote of the corpus, grouped by speaker (most quoted first),
    /// the same quote in several documents (trimmed or reworded a little)
    /// grouped together. Worked out when the index was built.
    pub fn speakers(&self) -> &[Speaker] {
        &self.analysis.speakers
    }
}

/// Whether two quotes (as stems) are the same quote: a common run of most
/// (60%) of the shorter one, so trimmed or slightly reworded copies match.
fn same_quote(a: &[String], b: &[String]) -> bool {
    let shorter = a.len().min(b.len());
    shorter > 0 && longest_common_run(a, b) * 10 >= shorter * 6
}

/// The keys under which a quote looks for copies of itself: its stem
/// trigrams (any two copies of four or more stems that are the same quote
/// share one), or the whole of a shorter quote.
fn quote_keys(stems: &[String]) -> Vec<u64> {
    use std::hash::{Hash, Hasher};
    let hash = |words: &[String]| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        words.hash(&mut h);
        h.finish()
    };
    if stems.len() < 4 {
        return vec![hash(stems)];
    }
    let mut keys: Vec<u64> = stems.windows(3).map(hash).collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Groups the quotes of a corpus by speaker (surnames alone merged into
/// the full name used elsewhere), and within a speaker the copies of one
/// quote together. Candidates come from shared stem trigrams, so a corpus
/// of thousands of quotes groups in near-linear time.
pub(crate) fn speakers(analyzer: &Analyzer, docs: &[&Document], quotes: &[Vec<Quote>]) -> Vec<Speaker> {
    let mut names: Vec<&str> = Vec::new();
    for q in quotes.iter().flatten() {
        if let Some(s) = &q.speaker {
            if !names.contains(&s.as_str()) {
                names.push(s);
            }
        }
    }
    let key_of = |s: &Option<String>| -> Option<String> {
        let s = s.as_ref()?;
        if !s.contains(' ') {
            if let Some(full) = names.iter().find(|n| n.contains(' ') && n.rsplit(' ').next() == Some(s.as_str())) {
                return Some(full.to_string());
            }
        }
        Some(s.clone())
    };
    // Per speaker: each quote (document, index) with its stems.
    type Stemmed = (DocId, usize, Vec<String>);
    let mut by_speaker: HashMap<Option<String>, Vec<Stemmed>> = HashMap::new();
    for (d, doc_quotes) in quotes.iter().enumerate() {
        let doc = docs[d];
        for (i, q) in doc_quotes.iter().enumerate() {
            let stems: Vec<String> = analyzer
                .terms(&q.text(&doc.body))
                .iter()
                .map(|t| analyzer.stem(t).into_owned())
                .collect();
            by_speaker.entry(key_of(&q.speaker)).or_default().push((DocId(d as u32), i, stems));
        }
    }
    let total = |s: &Speaker| s.quotes.iter().map(|q| q.occurrences.len()).sum::<usize>();
    let mut speakers: Vec<Speaker> = by_speaker
        .into_iter()
        .map(|(name, quotes)| {
            // Each group: its longest copy's stems and its occurrences.
            let mut groups: Vec<(Vec<String>, QuoteGroup)> = Vec::new();
            let mut by_key: HashMap<u64, Vec<usize>> = HashMap::new();
            for (d, i, stems) in quotes {
                let keys = quote_keys(&stems);
                let mut candidates: Vec<usize> = keys.iter().filter_map(|k| by_key.get(k)).flatten().copied().collect();
                candidates.sort_unstable();
                candidates.dedup();
                let found = candidates.into_iter().find(|&g| same_quote(&groups[g].0, &stems));
                let g = match found {
                    Some(g) => {
                        groups[g].1.occurrences.push((d, i));
                        if stems.len() > groups[g].0.len() {
                            groups[g].0 = stems;
                        }
                        g
                    }
                    None => {
                        groups.push((stems, QuoteGroup { occurrences: vec![(d, i)] }));
                        groups.len() - 1
                    }
                };
                for k in keys {
                    let list = by_key.entry(k).or_default();
                    if !list.contains(&g) {
                        list.push(g);
                    }
                }
            }
            let mut quotes: Vec<QuoteGroup> = groups.into_iter().map(|(_, g)| g).collect();
            quotes.sort_by_key(|g| std::cmp::Reverse(g.occurrences.len()));
            Speaker { name, quotes }
        })
        .collect();
    speakers.sort_by(|a, b| {
        (a.name.is_none(), std::cmp::Reverse(total(a)), &a.name).cmp(&(b.name.is_none(), std::cmp::Reverse(total(b)), &b.name))
    });
    speakers
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::text_document;

    fn grouped(bodies: &[&str]) -> Vec<Speaker> {
        let docs: Vec<Document> = bodies
            .iter()
            .enumerate()
            .map(|(i, b)| text_document(&format!("d{i}"), "", b))
            .collect();
        let refs: Vec<&Document> = docs.iter().collect();
        let analyzer = Analyzer::new();
        let quotes: Vec<Vec<Quote>> = refs.iter().map(|d| quote::quotes(&analyzer, d)).collect();
        speakers(&analyzer, &refs, &quotes)
    }

    #[test]
    fn a_trimmed_copy_joins_its_quote_and_a_surname_joins_the_full_name() {
        let s = grouped(&[
            "“We are going to be the operating system of the health service for decades to come,” Alex Karp said.",
            "Mr Karp added: “We are going to be the operating system of the health service.”",
            "“Nothing about this deal was ever put to the public,” Alex Karp said.",
        ]);
        let karp = s.iter().find(|s| s.name.as_deref() == Some("Alex Karp")).expect("Karp");
        let sizes: Vec<usize> = karp.quotes.iter().map(|q| q.occurrences.len()).collect();
        assert_eq!(sizes, vec![2, 1], "{s:?}");
        assert_eq!(
            karp.quotes[0].occurrences.iter().map(|o| o.0).collect::<Vec<_>>(),
            vec![DocId(0), DocId(1)]
        );
    }

    #[test]
    fn the_earliest_dated_copy_is_the_likely_source() {
        use crate::IndexBuilder;
        let passage = "The contract is worth three hundred and thirty million pounds over seven years, officials confirmed today.";
        let build = |dates: &[Option<&str>]| {
            let mut b = IndexBuilder::new();
            for (i, date) in dates.iter().enumerate() {
                let mut doc = text_document(
                    &format!("d{i}"),
                    &format!("Story {i}"),
                    &format!("Opening words number {i}.\n\n{passage}"),
                );
                doc.meta.date = date.map(|d| crate::PartialDate::parse(d).unwrap());
                b.add(doc).unwrap();
            }
            b.build()
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
            let index = build(dates);
            let cluster = index.reuse().first().unwrap_or_else(|| panic!("a cluster for {dates:?}"));
            assert_eq!(&index.origin(cluster), expected, "{dates:?}");
        }
    }

    #[test]
    fn different_quotes_of_one_speaker_stay_apart() {
        let s = grouped(&[
            "“The platform will free up clinicians to spend more time with patients,” a spokesperson said.",
            "“Patients will be able to opt out of the data sharing arrangements,” a spokesperson said.",
        ]);
        let total: usize = s.iter().map(|s| s.quotes.len()).sum();
        assert_eq!(total, 2, "{s:?}");
    }
}
