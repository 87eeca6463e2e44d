//! Pages: one file per view. Each reads its slice of the URL state, calls
//! the engine or a model, and hands plain values to components.

pub mod collocates_view;
pub mod compare_page;
pub mod concordance_view;
pub mod document_page;
pub mod entities_view;
pub mod keywords_view;
pub mod library_page;
pub mod notes_view;
pub mod quotes_view;
pub mod results_list;
pub mod reuse_view;
pub mod search_page;
pub mod similarity_view;
pub mod trends_view;
