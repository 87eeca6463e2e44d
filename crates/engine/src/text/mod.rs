//! The text layer: documents, dates, the analyzer, stop words, named
//! entities, and how a
//! document's fields become positioned tokens. Uses nothing but the error.

pub mod analyze;
pub mod date;
pub mod document;
pub mod entity;
pub mod fields;
pub mod stopword;
