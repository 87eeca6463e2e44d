//! The index layer: the builder, the immutable product and its one binary
//! format, postings, typo automata, document sets and facets. Uses the
//! text and compare layers.
//!
//! Modules, low to high: `postings`, `docset`, `fuzzy`, `field` (fields
//! and their weights), `facet`, `stored` (documents as stored), `format`
//! (the encoding and its checks), `reader` (the [`Index`] itself),
//! `builder`.

pub mod builder;
pub mod docset;
pub mod facet;
pub mod field;
pub mod format;
pub(crate) mod fuzzy;
pub(crate) mod postings;
pub mod reader;
pub(crate) mod stored;

pub use builder::IndexBuilder;
pub use reader::Index;
