//! A compared document's head: its letter, title, byline, share of words
//! in shared passages and (with more than two documents) a way to remove
//! it from the comparison.

use leptos::prelude::*;
use quire_engine::DocId;

use crate::components::doc_meta::Byline;
use crate::{Corpus, Url};

/// The letters of the compared documents.
pub const SIDES: [&str; 4] = ["a", "b", "c", "d"];

#[component]
pub fn ColumnHead(docs: Vec<DocId>, d: usize, share: String) -> impl IntoView {
    let corpus = expect_context::<Corpus>().0;
    let Url(state) = expect_context::<Url>();
    let doc = corpus.doc(docs[d]);
    let open = state.with_untracked(|s| s.open(&doc.id).href());
    let remove = (docs.len() > 2).then(|| {
        let rest: Vec<&str> = docs.iter().filter(|&&x| x != docs[d]).map(|&x| corpus.id(x)).collect();
        let href = state.with_untracked(|s| s.comparing(&rest).href());
        view! {
            <a class="remove" href=href title="Remove from the comparison" aria-label=format!("Remove “{}” from the comparison", doc.title)>"✕"</a>
        }
    });
    view! {
        <h2><span class="side-badge" aria-hidden="true">{SIDES[d].to_uppercase()}</span> " " <a href=open>{doc.title.clone()}</a> {remove}</h2>
        <Byline doc/>
        <p class="share">{share}</p>
    }
}
