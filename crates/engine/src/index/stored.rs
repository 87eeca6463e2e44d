//! A document as the index stores it: the document and checkpoints into
//! its body, checked when decoded.

use serde::{Deserialize, Serialize};

use crate::text::analyze::Token;
use crate::text::document::Document;
use crate::text::fields::body_pieces;

/// A stored document: the document, and checkpoints into its body, so the
/// span of a token position is found by analyzing a few dozen words, not
/// the whole body.
#[derive(Serialize, Deserialize)]
pub(crate) struct StoredDoc {
    pub doc: Document,
    /// `(position, byte)` of body tokens where analysis can restart: the
    /// first token of every block, then one every [`CHECKPOINT_EVERY`]
    /// tokens or more, at a token that follows whitespace.
    pub checkpoints: Vec<(u32, u32)>,
}

impl StoredDoc {
    /// What a document not loaded yet reads as: empty.
    pub(crate) fn blank() -> StoredDoc {
        StoredDoc {
            doc: Document {
                id: String::new(),
                title: String::new(),
                blocks: Vec::new(),
                body: String::new(),
                meta: Default::default(),
            },
            checkpoints: Vec::new(),
        }
    }

    /// Whether the document's blocks and checkpoints fit its body: in
    /// order, inside it and on char boundaries.
    pub(crate) fn is_sound(&self) -> bool {
        let body = &self.doc.body;
        let mut last = 0;
        for block in &self.doc.blocks {
            if block.start < last
                || block.start > block.end
                || block.end > body.len()
                || !body.is_char_boundary(block.start)
                || !body.is_char_boundary(block.end)
            {
                return false;
            }
            last = block.end;
        }
        self.checkpoints.windows(2).all(|w| w[0].0 <= w[1].0 && w[0].1 <= w[1].1)
            && self.checkpoints.iter().all(|&(_, byte)| body.is_char_boundary(byte as usize))
    }
}

/// Tokens between body checkpoints, at least.
const CHECKPOINT_EVERY: u32 = 32;

/// Checkpoints of a body's tokens (see [`StoredDoc::checkpoints`]).
pub(crate) fn checkpoints(doc: &Document, tokens: &[(u32, Token)]) -> Vec<(u32, u32)> {
    let starts: Vec<usize> = body_pieces(doc).iter().map(|(_, offset)| *offset).collect();
    let mut out: Vec<(u32, u32)> = Vec::new();
    let mut block = usize::MAX;
    for (position, token) in tokens {
        let start = token.span.start;
        let b = starts.partition_point(|&s| s <= start).saturating_sub(1);
        let new_block = b != block;
        block = b;
        let after_space = doc.body[..start].chars().next_back().is_some_and(char::is_whitespace);
        let due = out.last().is_none_or(|&(p, _)| position - p >= CHECKPOINT_EVERY);
        if new_block || (due && after_space) {
            out.push((*position, start as u32));
        }
    }
    out
}
