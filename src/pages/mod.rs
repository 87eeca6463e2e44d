//! Pages: each reads the URL state, calls the engine, and hands plain
//! values to components.

pub mod compare_page;
pub mod corpus_views;
pub mod document_page;
pub mod search_page;
