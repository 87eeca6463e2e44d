//! What is learnt from the whole corpus when the index is built: reused
//! passages, document vectors for similarity, and quotes with their
//! speakers. Stored with the index; the accessors here answer from it.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::analyze::Analyzer;
use crate::quote::{self, Quote};
use crate::reuse::{self, Cluster};
use crate::similar::{self, TermVector, Vectors};
use crate::{DocId, Document, Index};

/// Terms kept per document vector in the index.
pub const VECTOR_TERMS: usize = 64;

/// The corpus-wide analysis stored with an index.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Analysis {
    pub reuse: Vec<Cluster>,
    pub vectors: Vectors,
    pub quotes: Vec<Vec<Quote>>,
}

impl Analysis {
    pub(crate) fn of(analyzer: &Analyzer, docs: &[&Document]) -> Analysis {
        Analysis {
            reuse: reuse::clusters(analyzer, docs),
            vectors: similar::vectors(analyzer, docs, Some(VECTOR_TERMS)),
            quotes: docs.iter().map(|d| quote::quotes(analyzer, d)).collect(),
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteGroup {
    /// Each occurrence: the document and the quote's index in
    /// [`Index::quotes`] of that document.
    pub occurrences: Vec<(DocId, usize)>,
}

/// A speaker and their quotes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// The name, or `None` for quotes no one is named for.
    pub name: Option<String>,
    pub quotes: Vec<QuoteGroup>,
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
        let Some(v) = self.vector(doc) else { return Vec::new() };
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
    /// grouped together.
    pub fn speakers(&self) -> Vec<Speaker> {
        // Speakers: full names, with surnames alone merged into them.
        let mut names: Vec<String> = Vec::new();
        for quotes in &self.analysis.quotes {
            for q in quotes {
                if let Some(s) = &q.speaker {
                    if !names.contains(s) {
                        names.push(s.clone());
                    }
                }
            }
        }
        let key_of = |s: &Option<String>| -> Option<String> {
            let s = s.as_ref()?;
            if !s.contains(' ') {
                if let Some(full) = names.iter().find(|n| n.contains(' ') && n.rsplit(' ').next() == Some(s.as_str())) {
                    return Some(full.clone());
                }
            }
            Some(s.clone())
        };
        let mut by_speaker: HashMap<Option<String>, Vec<(DocId, usize, Vec<String>)>> = HashMap::new();
        for (d, quotes) in self.analysis.quotes.iter().enumerate() {
            let doc = self.doc(DocId(d as u32));
            for (i, q) in quotes.iter().enumerate() {
                let stems: Vec<String> = self
                    .analyzer()
                    .terms(&q.text(&doc.body))
                    .iter()
                    .map(|t| self.analyzer().stem(t).into_owned())
                    .collect();
                by_speaker.entry(key_of(&q.speaker)).or_default().push((DocId(d as u32), i, stems));
            }
        }
        let mut speakers: Vec<Speaker> = by_speaker
            .into_iter()
            .map(|(name, quotes)| {
                // The same quote: a common run of most of the shorter one.
                let mut groups: Vec<(Vec<String>, QuoteGroup)> = Vec::new();
                for (d, i, stems) in quotes {
                    let same = groups.iter_mut().find(|(s, _)| {
                        let shorter = s.len().min(stems.len());
                        shorter > 0 && longest_common_run(s, &stems) * 10 >= shorter * 6
                    });
                    match same {
                        Some((s, g)) => {
                            if stems.len() > s.len() {
                                *s = stems;
                            }
                            g.occurrences.push((d, i));
                        }
                        None => groups.push((stems, QuoteGroup { occurrences: vec![(d, i)] })),
                    }
                }
                let mut quotes: Vec<QuoteGroup> = groups.into_iter().map(|(_, g)| g).collect();
                quotes.sort_by_key(|g| std::cmp::Reverse(g.occurrences.len()));
                Speaker { name, quotes }
            })
            .collect();
        speakers.sort_by(|a, b| {
            (a.name.is_none(), std::cmp::Reverse(a.quotes.iter().map(|q| q.occurrences.len()).sum::<usize>()), &a.name)
                .cmp(&(b.name.is_none(), std::cmp::Reverse(b.quotes.iter().map(|q| q.occurrences.len()).sum::<usize>()), &b.name))
        });
        speakers
    }
}
