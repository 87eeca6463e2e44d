//! Word frequencies of a set of documents: what keyness compares and what
//! collocation measures divide by. A word is the analyzer's folded term
//! (`NHS`, `nhs` and `NHS’s` are one word; `contract` and `contracts` are
//! two, as in AntConc's word lists), counted in the documents' bodies, the
//! text the concordance shows.

use rustc_hash::FxHashMap;

use crate::index::Index;
use crate::text::analyze::Analyzer;
use crate::text::document::{DocId, Document};

/// How often each word occurs in some documents, and how many words they
/// hold in all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WordCounts {
    counts: FxHashMap<Box<str>, u32>,
    tokens: u64,
    docs: usize,
}

impl WordCounts {
    /// The counts of `docs`' bodies (a document listed twice counts twice).
    pub fn of(index: &Index, docs: &[DocId]) -> WordCounts {
        let mut counts = WordCounts::default();
        for doc in docs {
            counts.add(index.analyzer(), index.doc(*doc));
        }
        counts
    }

    /// Adds one document's body.
    pub fn add(&mut self, analyzer: &Analyzer, doc: &Document) {
        for token in analyzer.tokens(&doc.body) {
            self.tokens += 1;
            match self.counts.get_mut(token.term.as_str()) {
                Some(n) => *n += 1,
                None => {
                    self.counts.insert(token.term.into_boxed_str(), 1);
                }
            }
        }
        self.docs += 1;
    }

    /// How often `word` (a folded term) occurs.
    pub fn count(&self, word: &str) -> u32 {
        self.counts.get(word).copied().unwrap_or(0)
    }

    /// Words in all (tokens, not distinct words).
    pub fn tokens(&self) -> u64 {
        self.tokens
    }

    /// Documents counted.
    pub fn docs(&self) -> usize {
        self.docs
    }

    /// Distinct words.
    pub fn types(&self) -> usize {
        self.counts.len()
    }

    /// Every word and its count, in no order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u32)> {
        self.counts.iter().map(|(w, n)| (&**w, *n))
    }
}

/// The counts of some bodies, one document each (for tests).
#[cfg(test)]
pub(crate) fn counts_of(bodies: &[&str]) -> WordCounts {
    let analyzer = Analyzer::new();
    let mut counts = WordCounts::default();
    for (i, body) in bodies.iter().enumerate() {
        counts.add(&analyzer, &crate::ingest::text_document(&i.to_string(), "", body));
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::counts_of as counts;

    #[test]
    fn words_are_folded_terms_counted_across_documents() {
        let c = counts(&["The NHS and the nhs’s data.", "NHS data, NHS contracts"]);
        assert_eq!(c.count("nhs"), 4);
        assert_eq!(c.count("data"), 2);
        assert_eq!(c.count("contracts"), 1);
        assert_eq!(c.count("contract"), 0, "inflections are other words");
        assert_eq!(c.count("the"), 2);
        assert_eq!(c.tokens(), 10);
        assert_eq!(c.docs(), 2);
        assert_eq!(c.iter().map(|(_, n)| n as u64).sum::<u64>(), c.tokens());
    }

    #[test]
    fn unicode_words_are_counted_whole() {
        // A no-break space between words, a combining accent, an emoji and
        // Arabic: each word is one token, folded as the index folds it.
        let c = counts(&["Müller\u{a0}Mu\u{308}ller 🙂 café مرحبا مرحبا"]);
        assert_eq!(c.count("muller"), 2);
        assert_eq!(c.count("cafe"), 1);
        assert_eq!(c.count("مرحبا"), 2);
        assert_eq!(c.tokens(), 5);
    }
}
