//! The bar at the top: the name, the search box, the corpus size.

use leptos::prelude::*;

use super::search_box::SearchBox;
use crate::format::count;
use crate::url_state::{Focus, UrlState};
use crate::{navigator, Corpus, Url};

#[component]
pub fn Header() -> impl IntoView {
    let corpus = expect_context::<Corpus>().0;
    let Url(state) = expect_context::<Url>();
    let go = navigator();
    let query = Memo::new(move |_| state.with(|s| s.search.query.clone()));
    let on_input = Callback::new(move |q: String| {
        let current = state.get_untracked();
        // Typing refines the search in place; from another view it starts one.
        let replace = current.focus == Focus::Results;
        go(&current.with_query(&q), replace);
    });
    let n = corpus.len();
    let home = UrlState::default().href();
    view! {
        <header class="top">
            <a class="brand" href=home title="Quire: all documents">"Quire"</a>
            <SearchBox value=query on_input placeholder=format!("Search {}", count(n, "document", "documents"))/>
        </header>
    }
}
