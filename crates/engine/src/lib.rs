//! Quire's engine: everything between a folder's files and what the app
//! shows, as plain data. Pure Rust with no I/O, so the same code indexes a
//! corpus at build time and answers queries in the browser.
//!
//! # Module map
//!
//! Layers, low to high. Each uses only the layers above it in this list
//! (`tests/layers.rs` fails on an upward edge, or a cycle inside a layer).
//!
//! | layer | modules | owns |
//! |---|---|---|
//! | `error`, `parallel` | | the one error type and its kinds; work spread over cores |
//! | [`text`] | `document`, `date`, `analyze`, `stopword`, `fields` | documents and spans, partial dates, the analyzer, how fields become positioned tokens |
//! | [`ingest`] | `front_matter`, `markdown`, `jsonl`, `meta` | files to documents, every problem with its file and line |
//! | [`compare`] | `words`, `pace`, `seed`, `chain`, `copies`, `diff`, `passage`, `rows`, `align`; `reuse`, `similar`, `quote`, `speakers`, `analysis` | comparing documents; the corpus analysis made at build time |
//! | [`index`] | `postings`, `docset`, `fuzzy`, `field`, `facet`, `stored`, `format`, `reader`, `builder` | the index, its builder and its one binary format |
//! | [`query`] | `parse`, `plan`, `matching`, `filter`, `rank`, `explain` | the query language, search, ranking, facets, explanations |
//! | [`present`] | `export`, `frequency`, `keyness`, `highlight`, `snippet`, `concordance`, `collocate`, `trend` | what a reader sees: marks, snippets, concordance lines, keywords, collocates, trends, CSV |
//!
//! The names most callers need are re-exported here.
//!
//! ```
//! use quire_engine::{highlights, ingest, prepare, search, IndexBuilder, Query, Request};
//!
//! let file = ingest::parse_file("a.md", b"+++\ntitle = \"Contracts\"\n+++\nThe contracts were signed.").unwrap();
//! let mut builder = IndexBuilder::new();
//! for doc in file.documents {
//!     builder.add(doc).unwrap();
//! }
//! let index = builder.build();
//! let prepared = prepare(&index, &Query::parse(index.analyzer(), "contract"));
//! let results = search(&index, &prepared, &Request::default());
//! let hit = results.hits[0];
//! let body = &index.doc(hit.doc).body;
//! let marks = &highlights(&index, &prepared, &[hit.doc])[0].body;
//! let marked: Vec<&str> = marks.iter().map(|m| m.span.of(body)).collect();
//! assert_eq!(marked, ["contracts"]);
//! ```

mod error;
mod parallel;

pub mod compare;
pub mod index;
pub mod ingest;
pub mod present;
pub mod query;
pub mod text;

pub use compare::align::{compare, compare_many, compare_many_paused};
pub use compare::analysis::{Analysis, Similar};
pub use compare::pace::{NoPause, Pause, Progress};
pub use compare::passage::{Comparison, Row, SharedPassage};
pub use compare::reuse::{order_clusters, Cluster, Origin, ReuseOrder};
pub use compare::speakers::{QuoteGroup, Speaker};
pub use error::{Error, ErrorKind};
pub use index::docset::DocSet;
pub use index::facet::Facet;
pub use index::field::{FieldInfo, BODY, TITLE};
#[doc(hidden)]
pub use index::format::{FORMAT_VERSION, MANIFEST};
#[doc(hidden)]
pub use index::reader::{inflate_parts as index_inflate_parts, reseal as index_reseal};
pub use index::{build_parallel, AnalysisPart, Index, IndexBuilder, Pack, PackOptions, PartId, Stage};
pub use present::cite::{trim_span, CharRange, Citation};
pub use present::collocate::{collocate_lines, collocates, collocates_csv, Collocate, Collocates, Measure};
pub use present::concordance::{concordance, concordance_csv, entity_lines, sort_concordance, word_lines, word_query, KwicLine, KwicSort};
pub use present::entity::{co_occurring, entities_csv, entity_counts, EntityCount, EntityGroup};
pub use present::frequency::{phrase_of, WordCounts, MAX_PHRASE_WORDS};
pub use present::highlight::{highlights, Highlights, Mark};
pub use present::keyness::{keyness, keyness_csv, Keyword, P_LEVELS};
pub use present::note::{tags_of, Located, Merged, Note, Notebook, TextAnchor};
pub use present::snippet::{result_views, snippet, ResultView, Snippet};
pub use present::trend::{split_values, trend, trend_by, trend_csv, Series, Trend, Unit, MAX_SPLIT};
pub use query::explain::{explain, Explanation};
pub use query::filter::{Bucket, FacetCounts, Selection, ValueCount};
pub use query::parse::Query;
pub use query::plan::{prepare, Correction, Prepared};
pub use query::rank::{search, top, Hit, Request, Results, Sort};
pub use text::analyze::Analyzer;
pub use text::date::PartialDate;
pub use text::document::{Block, BlockKind, DocId, Document, Meta, MetaValue, Span};
pub use text::entity::{entities, mentions_of, Kind as EntityKind, Mention};
