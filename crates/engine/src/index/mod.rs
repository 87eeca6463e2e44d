//! The index layer: the builder, the index split into parts loaded on
//! demand, their file formats, postings, typo automata, document sets and
//! facets. Uses the text and compare layers.
//!
//! Modules, low to high: `postings`, `docset`, `fuzzy`, `field` (fields
//! and their weights), `facet`, `stored` (documents as stored), `part`
//! (the parts and their file names), `format` (the files' encodings),
//! `directory` (the manifest: where each part is), `reader` (the
//! [`Index`] itself), `builder` (segments, merge, parts).

pub mod builder;
pub(crate) mod directory;
pub mod docset;
pub mod embed;
pub mod facet;
pub mod field;
pub mod format;
pub(crate) mod fuzzy;
pub mod part;
pub(crate) mod postings;
pub mod reader;
pub(crate) mod stored;

pub use builder::{build_parallel, IndexBuilder, PackOptions, Stage};
pub use part::{AnalysisPart, PartId};
pub use reader::{Index, Pack};
