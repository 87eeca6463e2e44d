//! What a comparison finds: shared passages, rows, and the share of words
//! in common.

use crate::text::document::Span;

/// A passage found in two or more of the compared documents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SharedPassage {
    /// Per compared document (in the order given), the spans of its
    /// copies in that document's body, in text order; empty when the
    /// passage is not in that document.
    pub copies: Vec<Vec<Span>>,
    /// Length of the longest copy, in matched words.
    pub words: usize,
    /// Whether the copies differ by small edits (see [`SharedPassage::changes`]).
    pub near: bool,
    /// For near-matches, per document, the spans of the words that differ
    /// from the first copy in another document.
    pub changes: Vec<Vec<Span>>,
}

/// A row of the aligned view: for each document, the blocks (indices into
/// its `blocks`) shown in this row. Matching paragraphs share a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub cells: Vec<Vec<usize>>,
}

/// The result of comparing documents.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// Shared passages, in the order they first appear in the first
    /// document (then the second…), numbered from 1 in that order.
    pub passages: Vec<SharedPassage>,
    /// Share of all words of the documents that lie in a shared passage,
    /// from 0 (nothing shared) to 1 (the same text).
    pub similarity: f32,
    /// Per document: words inside shared passages, and in all.
    pub shared_words: Vec<usize>,
    pub total_words: Vec<usize>,
    /// Paragraphs lined up for side-by-side reading.
    pub rows: Vec<Row>,
}
