//! Documents as the comparison sees them: one stem key per word, and a
//! break key between blocks.

use std::collections::HashMap;

use super::pace::{run_ready, NoPause, Pacer, Pause, Progress};
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
    breaks: u32,
}

impl Vocabulary {
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
                let next = self.ids.len() as u32;
                out.content.push(!is_stop_word(&token.term));
                let stem = analyzer.stem(&token.term);
                let key = match self.ids.get(stem.as_ref()) {
                    Some(&k) => k,
                    None => {
                        self.ids.insert(stem.into_owned(), next);
                        next
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
