//! Documents as the comparison sees them: one stem key per word, and a
//! break key between blocks.

use std::collections::HashMap;

use super::pace::{run_ready, NoPause, Pacer, Pause, Progress};
use crate::parallel;
use crate::text::analyze::Analyzer;
use crate::text::document::{Document, Span};
use crate::text::fields::body_pieces;
use crate::text::stopword::is_stop_word;

/// The words of a document's body as the comparison sees them.
pub(crate) struct Words {
    /// One key per word (its stem), with a break key between blocks.
    pub keys: Vec<u32>,
    pub spans: Vec<Span>,
    pub content: Vec<bool>,
}

impl Words {
    pub(crate) fn is_break(&self, i: usize) -> bool {
        self.keys[i] >= BREAK
    }

    /// The number of words, breaks not counted.
    pub(crate) fn len(&self) -> usize {
        self.keys.iter().filter(|&&k| k < BREAK).count()
    }
}

/// Keys from here up mark block breaks; each break is unique, so breaks
/// never match.
pub(crate) const BREAK: u32 = u32::MAX / 2;

/// Stems as numbers, shared by the documents compared.
#[derive(Default)]
pub(crate) struct Vocabulary {
    ids: HashMap<String, u32>,
    /// Each term seen, with its stem's key: stems each term once.
    by_term: HashMap<String, u32>,
    breaks: u32,
}

impl Vocabulary {
    /// The key of a stem, given one if new.
    fn intern(&mut self, stem: &str) -> u32 {
        let next = self.ids.len() as u32;
        *self.ids.entry(stem.to_string()).or_insert(next)
    }

    /// The words of each of `docs`, as one vocabulary numbers them,
    /// analyzed on every core: each thread numbers its own run of
    /// documents, then the numbers are mapped into one vocabulary, the same
    /// numbers one thread would have given.
    pub(crate) fn words_of_all(analyzer: &Analyzer, docs: &[&Document]) -> Vec<Words> {
        let size = docs.len().div_ceil(parallel::threads()).max(1);
        let chunks: Vec<&[&Document]> = docs.chunks(size).collect();
        let parts = parallel::map(&chunks, |chunk| {
            let mut vocab = Vocabulary::default();
            let words: Vec<Words> = chunk.iter().map(|d| vocab.words(analyzer, d)).collect();
            (vocab, words)
        });
        let mut all = Vocabulary::default();
        let mut out = Vec::with_capacity(docs.len());
        let period = u32::MAX - BREAK;
        for (local, mut words) in parts {
            let mut stems: Vec<&str> = vec![""; local.ids.len()];
            for (stem, &id) in &local.ids {
                stems[id as usize] = stem;
            }
            let remap: Vec<u32> = stems.iter().map(|stem| all.intern(stem)).collect();
            let offset = all.breaks;
            for w in &mut words {
                for key in &mut w.keys {
                    *key = if *key < BREAK {
                        remap[*key as usize]
                    } else {
                        BREAK + ((*key - BREAK) as u64 + offset as u64) as u32 % period
                    };
                }
            }
            all.breaks = ((all.breaks as u64 + local.breaks as u64) % period as u64) as u32;
            out.extend(words);
        }
        out
    }

    pub(crate) fn words(&mut self, analyzer: &Analyzer, doc: &Document) -> Words {
        let mut pacer = Pacer {
            pause: &mut NoPause,
            progress: Progress::default(),
            since: 0,
        };
        run_ready(self.words_paced(analyzer, doc, &mut pacer)).expect("NoPause never stops")
    }

    /// The words of `doc`'s body, block by block, with a break key between
    /// blocks (so no passage spans a paragraph break).
    pub(crate) async fn words_paced<P: Pause>(&mut self, analyzer: &Analyzer, doc: &Document, pacer: &mut Pacer<'_, P>) -> Option<Words> {
        let mut out = Words {
            keys: Vec::new(),
            spans: Vec::new(),
            content: Vec::new(),
        };
        for (text, offset) in body_pieces(doc) {
            let mut first = true;
            for token in analyzer.tokens(text) {
                let span = Span::new(token.span.start + offset, token.span.end + offset);
                if first && !out.keys.is_empty() {
                    out.keys.push(BREAK + self.breaks);
                    self.breaks = self.breaks.wrapping_add(1) % (u32::MAX - BREAK);
                    out.spans.push(span);
                    out.content.push(false);
                }
                first = false;
                out.content.push(!is_stop_word(&token.term));
                let key = match self.by_term.get(&token.term) {
                    Some(&k) => k,
                    None => {
                        let key = self.intern(&analyzer.stem(&token.term));
                        self.by_term.insert(token.term, key);
                        key
                    }
                };
                out.keys.push(key);
                out.spans.push(span);
            }
            if !pacer.advance(text.len() as u64).await {
                return None;
            }
        }
        Some(out)
    }
}
