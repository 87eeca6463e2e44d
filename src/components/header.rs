//! The bar at the top: the name, the search box, the corpus size.

use leptos::prelude::*;

use super::search_box::SearchBox;
use crate::browser::local;
use crate::format::count;
use crate::pages::library_page::Yours;
use crate::url_state::{Focus, SearchState, UrlState};
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
    let yours = expect_context::<Yours>();
    let mine = yours.shown();
    let home = UrlState {
        search: SearchState {
            local: mine,
            ..SearchState::default()
        },
        ..UrlState::default()
    }
    .href();
    // Your documents, or a way to add them (a full page load: the other
    // corpus is loaded afresh).
    let switch = if mine {
        let open = yours.open;
        view! {
            <button type="button" class="yours-toggle" aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
                "Your documents"
            </button>
            <a class="yours-link" href="?" rel="external">"Published corpus"</a>
        }
        .into_any()
    } else if local::available() {
        view! { <a class="yours-link" href="?src=mine" rel="external">"Add documents"</a> }.into_any()
    } else {
        ().into_any()
    };
    view! {
        <header class="top">
            <a class="brand" href=home title="Quire: all documents">"Quire"</a>
            <SearchBox value=query on_input placeholder=format!("Search {}", count(n, "document", "documents"))/>
            <nav class="yours-nav" aria-label="Corpus">{switch}</nav>
        </header>
    }
}
