//! Plain models of what the pages show: values with methods, tested
//! natively, that views only render.

pub mod compare;
pub mod document;
pub mod entities;
pub mod explore;
pub mod library;
pub mod notes;
pub mod quotes;
pub mod trend;
