//! The presentation layer: what a reader sees of a query's results, as
//! plain data with byte spans: marks, snippets, the concordance, and CSV
//! exports. Uses the query layer and those below it.
//!
//! Modules, low to high: `export` (CSV), `highlight` (marks), `snippet`
//! (result views), `concordance`.

pub mod concordance;
pub mod export;
pub mod highlight;
pub mod snippet;
