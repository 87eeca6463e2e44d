//! The compare layer: comparing documents, and what the whole corpus
//! shares, found when the index is built. Uses the text layer only.
//!
//! Comparing documents: the passages they share (exact, or with small
//! edits), a word-level diff inside near-matches, and rows that line up
//! matching paragraphs for side-by-side reading.
//!
//! Words are compared after analysis (case, accents, inflection and
//! punctuation do not matter: `blockaded the entrance` and `blockade the
//! entrance` agree; so do `“` and `‘`). Then:
//! 1. seeds: maximal runs of at least [`MIN_SEED_WORDS`] equal words;
//! 2. chains: seeds in order on both sides, each within [`MAX_GAP`] words
//!    of the last, make one local alignment that tolerates small edits
//!    (`£330m` against `£330 million`, a changed word);
//! 3. a chain is a passage when it matches at least [`MIN_PASSAGE_WORDS`]
//!    words, [`MIN_CONTENT_WORDS`] of them not function words, and covers
//!    most of its stretch of text; it is *near* when it has a gap;
//! 4. passages are tiled greedily, longest first (as in greedy string
//!    tiling), so a word belongs to at most one passage on each side; a
//!    passage a document repeats word for word is one passage with copies.
//!
//! Modules, low to high: `words` (documents as stem keys), `pace` (long
//! work in slices), `seed` (runs of equal words), `chain` (seeds chained
//! into passages, tiled), `copies` (copies grouped into passages), `diff`
//! (changed words), `passage` (the result types), `rows` (aligned rows),
//! `align` (the comparison itself); then what the index stores: `reuse`,
//! `similar`, `quote`, `speakers`, and `analysis` over them.

pub mod align;
pub mod analysis;
pub mod chain;
pub(crate) mod copies;
pub(crate) mod diff;
pub mod pace;
pub mod passage;
pub mod quote;
pub mod reuse;
pub mod rows;
pub(crate) mod seed;
pub mod similar;
pub mod speakers;
pub(crate) mod words;
