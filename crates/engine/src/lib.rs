//! Quire's engine: everything between a folder's files and what the app
//! shows, as plain data. Pure Rust with no I/O, so the same code indexes a
//! corpus at build time and answers queries in the browser.
//!
//! ```
//! use quire_engine::{ingest, IndexBuilder, Query, Request};
//!
//! let file = ingest::parse_file("a.md", b"+++\ntitle = \"Contracts\"\n+++\nThe contracts were signed.").unwrap();
//! let mut builder = IndexBuilder::new();
//! for doc in file.documents {
//!     builder.add(doc).unwrap();
//! }
//! let index = builder.build();
//! let prepared = index.prepare(&Query::parse(index.analyzer(), "contract"));
//! let results = index.search(&prepared, &Request::default());
//! let hit = results.hits[0];
//! let body = &index.doc(hit.doc).body;
//! let marks = &index.highlights(&prepared, &[hit.doc])[0].body;
//! let marked: Vec<&str> = marks.iter().map(|m| &body[m.span.start..m.span.end]).collect();
//! assert_eq!(marked, ["contracts"]);
//! ```

pub mod align;
pub mod analyze;
pub mod concordance;
pub mod corpus;
pub mod date;
mod docset;
mod document;
mod error;
pub mod explain;
pub mod facet;
mod fuzzy;
pub mod highlight;
mod index;
pub mod ingest;
mod postings;
pub mod query;
pub mod quote;
pub mod reuse;
pub mod search;
pub mod similar;
pub mod stopword;

pub use align::{Comparison, Pause, Progress, Row, SharedPassage};
pub use analyze::Analyzer;
pub use concordance::{KwicLine, KwicSort};
pub use corpus::{Origin, QuoteGroup, Similar, Speaker};
pub use date::PartialDate;
pub use docset::DocSet;
pub use document::{Block, BlockKind, DocId, Document, Meta, MetaValue, Span};
pub use error::Error;
pub use explain::Explanation;
pub use facet::{Bucket, Facet, FacetCounts, Selection, ValueCount};
pub use highlight::{Highlights, Mark, ResultView, Snippet};
#[doc(hidden)]
pub use index::reseal as index_reseal;
pub use index::{FieldInfo, Index, IndexBuilder, BODY, FORMAT_VERSION, TITLE};
pub use query::Query;
pub use search::{Correction, Hit, Prepared, Request, Results, Sort};
