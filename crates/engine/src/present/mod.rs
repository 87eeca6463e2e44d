//! The presentation layer: what a reader sees of a query's results, as
//! plain data with byte spans: marks, snippets, the concordance, and CSV
//! exports. Uses the query layer and those below it.
//!
//! Modules, low to high: `export` (CSV), `frequency` (word counts),
//! `keyness`, `highlight` (marks), `snippet` (result views),
//! `concordance`, `collocate`, `trend`, `entity`, `cite`, `note`.

pub mod cite;
pub mod collocate;
pub mod concordance;
pub mod entity;
pub mod export;
pub mod frequency;
pub mod highlight;
pub mod keyness;
pub mod note;
pub mod snippet;
pub mod trend;
