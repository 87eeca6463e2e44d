//! Components, one per file: they take values as props and render them.
//! Corpus text and metadata only ever become text nodes.

pub mod article_body;
pub mod cite_bar;
pub mod collocate_table;
pub mod column_head;
pub mod compare_columns;
pub mod compare_grid;
pub mod compare_tray;
pub mod concordance_table;
pub mod date_histogram;
pub mod doc_entities;
pub mod doc_menu;
pub mod doc_meta;
pub mod entity_table;
pub mod explanation;
pub mod facet_panel;
pub mod filter_chips;
pub mod fold;
pub mod header;
pub mod highlighted;
pub mod hit_nav;
pub mod keyword_table;
pub mod minimap;
pub mod more_like_this;
pub mod note_form;
pub mod note_item;
pub mod query_notices;
pub mod quote_list;
pub mod result_item;
pub mod result_tabs;
pub mod reused_passages;
pub mod search_box;
pub mod show_more;
pub mod similarity_matrix;
pub mod trend_chart;
pub mod why_alike;
