//! Components: they take engine values as props and render them. Corpus
//! text and metadata only ever become text nodes.

pub mod article_body;
pub mod concordance_table;
pub mod date_histogram;
pub mod doc_menu;
pub mod doc_meta;
pub mod explanation;
pub mod facet_panel;
pub mod header;
pub mod highlighted;
pub mod result_item;
pub mod search_box;
