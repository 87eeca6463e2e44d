//! What is learnt from the whole corpus when the index is built: reused
//! passages, document vectors for similarity, and quotes with their
//! speakers. Stored with the index; the accessors here answer from it.

use std::sync::OnceLock;

use super::quote::{self, Quote};
use super::reuse::{self, Cluster};
use super::similar::{self, TermVector, Vectors};
use super::speakers::{speakers, Speaker};
use crate::error::{Error, ErrorKind};
use crate::parallel;
use crate::text::analyze::Analyzer;
use crate::text::document::{DocId, Document};

/// Terms kept per document vector in the index.
pub const VECTOR_TERMS: usize = 64;

fn corrupt(what: &str) -> Result<(), Error> {
    Err(Error::new(
        ErrorKind::Corrupt,
        format!("the index is corrupt (its corpus analysis: {what})"),
    ))
}

/// The corpus-wide analysis stored with an index, in three parts
/// (reused passages, quotes with speakers, vectors), each loaded when a
/// view needs it. A part not loaded yet reads as empty; each is set
/// once, through a shared reference, when its file arrives.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Analysis {
    pub(crate) reuse: OnceLock<Vec<Cluster>>,
    pub(crate) vectors: OnceLock<Vectors>,
    /// Quotes by document, and the speakers grouping them: one part.
    pub(crate) quotes: OnceLock<(Vec<Vec<Quote>>, Vec<Speaker>)>,
}

impl Analysis {
    /// Checks that what the reused passages refer to exists in a corpus
    /// of `n` documents.
    pub(crate) fn validate_reuse(reuse: &[Cluster], n: usize) -> Result<(), Error> {
        if reuse
            .iter()
            .any(|c| c.copies.iter().any(|(d, s)| d.index() >= n || s.start > s.end))
        {
            return corrupt("a reused passage in an unknown document");
        }
        Ok(())
    }

    /// Checks quotes and speakers: each quote in a known document, each
    /// quote a speaker groups existing.
    pub(crate) fn validate_quotes(quotes: &[Vec<Quote>], speakers: &[Speaker], n: usize) -> Result<(), Error> {
        if quotes.len() > n || quotes.iter().flatten().any(|q| q.parts.iter().any(|s| s.start > s.end)) {
            return corrupt("quotes");
        }
        let known = |&(d, i): &(DocId, usize)| quotes.get(d.index()).is_some_and(|q| i < q.len());
        if !speakers.iter().flat_map(|s| &s.quotes).flat_map(|g| &g.occurrences).all(known) {
            return corrupt("a speaker's quote that does not exist");
        }
        Ok(())
    }

    /// Checks the similarity vectors: known documents and words, finite
    /// weights.
    pub(crate) fn validate_vectors(vectors: &Vectors, n: usize) -> Result<(), Error> {
        let words = vectors.words.len() as u32;
        if vectors.vectors.len() > n
            || vectors
                .vectors
                .iter()
                .flat_map(|v| &v.terms)
                .any(|&(t, w)| t >= words || !w.is_finite())
        {
            return corrupt("similarity vectors");
        }
        Ok(())
    }

    /// Like [`Analysis::of`], its three parts on three threads (not in
    /// wasm, which has none).
    pub(crate) fn of_parallel(analyzer: &Analyzer, docs: &[&Document]) -> Analysis {
        if parallel::threads() <= 1 {
            return Analysis::of(analyzer, docs);
        }
        std::thread::scope(|scope| {
            let reuse = scope.spawn(|| reuse::clusters(analyzer, docs));
            let vectors = scope.spawn(|| similar::vectors(analyzer, docs, Some(VECTOR_TERMS)));
            let quotes: Vec<Vec<Quote>> = parallel::map(docs, |d| quote::quotes(analyzer, d));
            let speakers = speakers(analyzer, docs, &quotes);
            Analysis {
                reuse: OnceLock::from(reuse.join().expect("the reuse analysis panicked")),
                vectors: OnceLock::from(vectors.join().expect("the vector analysis panicked")),
                quotes: OnceLock::from((quotes, speakers)),
            }
        })
    }

    pub(crate) fn of(analyzer: &Analyzer, docs: &[&Document]) -> Analysis {
        let quotes: Vec<Vec<Quote>> = docs.iter().map(|d| quote::quotes(analyzer, d)).collect();
        let speakers = speakers(analyzer, docs, &quotes);
        Analysis {
            reuse: OnceLock::from(reuse::clusters(analyzer, docs)),
            vectors: OnceLock::from(similar::vectors(analyzer, docs, Some(VECTOR_TERMS))),
            quotes: OnceLock::from((quotes, speakers)),
        }
    }
    /// Every passage two or more documents share, largest clusters first.
    pub fn reuse(&self) -> &[Cluster] {
        self.reuse.get().map_or(&[], Vec::as_slice)
    }

    /// The reused passages found in `doc` (indices into [`Analysis::reuse`]).
    pub fn reuse_in(&self, doc: DocId) -> Vec<usize> {
        self.reuse()
            .iter()
            .enumerate()
            .filter(|(_, c)| c.copies.iter().any(|(d, _)| *d == doc))
            .map(|(i, _)| i)
            .collect()
    }

    /// The `k` most similar pairs of `docs` (score above 0), best first;
    /// ties in the order of `docs`. Every pair is scored: the caller
    /// bounds `docs`.
    pub fn top_pairs(&self, docs: &[DocId], k: usize) -> Vec<(f32, DocId, DocId)> {
        let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
        for (i, &a) in docs.iter().enumerate() {
            for (j, &b) in docs.iter().enumerate().skip(i + 1) {
                let score = self.similarity(a, b);
                if score > 0.0 {
                    pairs.push((score, i, j));
                }
            }
        }
        let by_score = |x: &(f32, usize, usize), y: &(f32, usize, usize)| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2)));
        if pairs.len() > k && k > 0 {
            pairs.select_nth_unstable_by(k - 1, by_score);
            pairs.truncate(k);
        }
        pairs.sort_unstable_by(by_score);
        pairs.truncate(k);
        pairs.into_iter().map(|(s, i, j)| (s, docs[i], docs[j])).collect()
    }

    /// The quotes of a document, with their speakers.
    pub fn quotes(&self, doc: DocId) -> &[Quote] {
        self.quotes.get().and_then(|(q, _)| q.get(doc.index())).map_or(&[], Vec::as_slice)
    }

    fn vector(&self, doc: DocId) -> Option<&TermVector> {
        self.vectors.get()?.vectors.get(doc.index())
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
        let mut scored: Vec<(DocId, f32)> = (0..self.vectors.get().map_or(0, |v| v.vectors.len()) as u32)
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
                    .filter(|&c| self.reuse()[c].copies.iter().any(|(x, _)| *x == d))
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
                .map(|(t, w)| (self.words().get(t as usize).cloned().unwrap_or_default(), w))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Every quote of the corpus, grouped by speaker (most quoted first),
    /// the same quote in several documents (trimmed or reworded a little)
    /// grouped together. Worked out when the index was built.
    pub fn speakers(&self) -> &[Speaker] {
        self.quotes.get().map_or(&[], |(_, s)| s.as_slice())
    }

    fn words(&self) -> &[String] {
        self.vectors.get().map_or(&[], |v| v.words.as_slice())
    }

    /// Reused passages and quotes, for reports.
    pub(crate) fn counts(&self) -> (usize, usize) {
        let quotes = self.quotes.get().map_or(0, |(q, _)| q.iter().map(Vec::len).sum());
        (self.reuse().len(), quotes)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::reuse::{order_clusters, ReuseOrder};
    use crate::ingest::text_document;
    use crate::text::date::PartialDate;

    fn corpus() -> (Vec<Document>, Analysis) {
        let shared = "NHS England awarded Palantir a seven-year contract worth three hundred and thirty million pounds.";
        let other = "Campaigners from Foxglove said patients had not been asked about their medical records at all.";
        let texts = [
            format!("Opening of the first report.\n\n{shared}\n\n{other}"),
            format!("The second report begins here.\n\n{shared}"),
            format!("A third report on the platform.\n\n{other}"),
            "Football results and the weather on Sunday, nothing else.".to_string(),
        ];
        let docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| text_document(&format!("d{i}"), "", t))
            .collect();
        let refs: Vec<&Document> = docs.iter().collect();
        let analysis = Analysis::of(&crate::text::analyze::Analyzer::new(), &refs);
        (docs, analysis)
    }

    #[test]
    fn top_pairs_are_the_most_similar_first_and_bounded() {
        let (_, a) = corpus();
        let docs: Vec<DocId> = (0..4).map(DocId).collect();
        let all = a.top_pairs(&docs, 100);
        assert!(all.windows(2).all(|w| w[0].0 >= w[1].0), "{all:?}");
        assert!(all
            .iter()
            .all(|&(s, x, y)| s > 0.0 && x < y && (s - a.similarity(x, y)).abs() < 1e-6));
        // Every positive pair, exactly once, and the top ones are a prefix.
        let positive = (0..4)
            .flat_map(|i| (i + 1..4).map(move |j| (i, j)))
            .filter(|&(i, j)| a.similarity(DocId(i), DocId(j)) > 0.0)
            .count();
        assert_eq!(all.len(), positive);
        assert_eq!(a.top_pairs(&docs, 2), all[..2.min(all.len())]);
        assert!(a.top_pairs(&docs, 0).is_empty());
    }

    #[test]
    fn reused_passages_are_listed_for_the_results_in_each_order() {
        let (mut docs, a) = corpus();
        docs[1].meta.date = Some(PartialDate::parse("2023-01-05").unwrap());
        docs[2].meta.date = Some(PartialDate::parse("2024-03").unwrap());
        let date_of = |d: DocId| docs[d.index()].meta.date.map(PartialDate::first_day_key);
        assert_eq!(a.reuse().len(), 2, "{:?}", a.reuse());
        for order in ReuseOrder::ALL {
            let all = order_clusters(a.reuse(), |_| true, order, date_of);
            assert_eq!(all.len(), 2);
            assert_eq!(ReuseOrder::parse(order.as_str()), Some(order));
        }
        // By date: the contract passage (in d1, 2023) before Foxglove's (d2, 2024).
        let by_date = order_clusters(a.reuse(), |_| true, ReuseOrder::Date, date_of);
        assert!(a.reuse()[by_date[0]].docs().contains(&DocId(1)));
        // Only what touches the results: d3 shares nothing.
        assert!(order_clusters(a.reuse(), |d| d == DocId(3), ReuseOrder::Size, date_of).is_empty());
        assert_eq!(order_clusters(a.reuse(), |d| d == DocId(2), ReuseOrder::Size, date_of).len(), 1);
    }
}
