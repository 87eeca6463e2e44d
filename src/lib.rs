//! Quire's app. Pages read the URL and call the engine; components take
//! engine values as props and only render; `browser` holds the glue.

mod browser;
mod components;
mod corpus;
mod pages;
pub mod url_state;

use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use components::header::Header;
pub use corpus::Corpus;
use pages::{compare_page::ComparePage, document_page::DocumentPage, search_page::SearchPage};
use url_state::{UrlState, View};

/// Starts the app: shows panics in the page, then mounts it on `<body>`.
pub fn start() {
    browser::install_panic_hook();
    leptos::mount::mount_to_body(App);
}

/// The URL's state, shared with every page.
#[derive(Clone, Copy)]
pub struct Url(pub Memo<UrlState>);

/// The search the URL describes, prepared and run, shared by the results
/// and the document view.
#[derive(Clone, Copy)]
pub struct Searched {
    pub prepared: Memo<quire_engine::Prepared>,
    pub results: Memo<quire_engine::Results>,
}

#[component]
pub fn App() -> impl IntoView {
    match Corpus::load() {
        Ok(corpus) => {
            provide_context(corpus);
            view! {
                <Router>
                    <Shell/>
                </Router>
            }
            .into_any()
        }
        Err(error) => view! {
            <main class="fatal" role="alert">
                <h1>"The corpus could not be loaded"</h1>
                <p>{error.to_string()}</p>
            </main>
        }
        .into_any(),
    }
}

#[component]
fn Shell() -> impl IntoView {
    let location = use_location();
    let state = Memo::new(move |_| location.search.with(|s| browser::url_state(s)));
    provide_context(Url(state));
    provide_context(pages::search_page::run_search(expect_context::<Corpus>(), state));
    let view = Memo::new(move |_| state.with(UrlState::view));
    view! {
        <Header/>
        <main id="main">
            {move || match view.get() {
                View::Search => view! { <SearchPage/> }.into_any(),
                View::Document(id) => view! { <DocumentPage id/> }.into_any(),
                View::Compare(ids) => view! { <ComparePage ids/> }.into_any(),
            }}
        </main>
    }
}

/// A function that moves the app to a state: `replace` for small steps
/// (typing, the current hit) that should not fill the history.
pub fn navigator() -> impl Fn(&UrlState, bool) + Clone {
    let navigate = use_navigate();
    move |state: &UrlState, replace: bool| {
        navigate(
            &state.href(),
            NavigateOptions {
                replace,
                scroll: false,
                ..NavigateOptions::default()
            },
        )
    }
}
