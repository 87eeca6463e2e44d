//! The query layer: the query language, its plan against an index, the
//! matching of positions, ranking, facet and date filters, and
//! explanations. Uses the index layer and those below it.
//!
//! Modules, low to high: `parse` (the language), `plan` (resolved against
//! an index), `matching` (positions and occurrences), `filter` (facets and
//! dates), `rank` (search: BM25F, proximity, order), `explain`.

pub mod explain;
pub mod filter;
pub(crate) mod matching;
pub mod parse;
pub mod plan;
pub mod rank;
