//! Quire's app. Pages read the URL and call the engine; models hold the
//! logic as plain, tested types; components take values as props and only
//! render; `browser` holds the glue.
//!
//! | module | owns |
//! |---|---|
//! | `url_state` | the state a URL describes, and its one table of keys |
//! | `format` | how numbers, bylines and excerpts read |
//! | `marks` | what is marked in a text, as plain data |
//! | `model` | the compare view, the document view's steps, quotes by speaker |
//! | `pages` | one file per view: results (list, concordance, reuse, quotes, similarity), document, comparison |
//! | `components` | one component per file |
//! | `notes` | the reader's notes, kept in this browser |
//! | `browser` | the DOM, the URL, timers, downloads, storage |

mod browser;
mod components;
mod corpus;
pub mod format;
pub mod marks;
pub mod model;
mod notes;
mod pages;
pub mod url_state;

use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use components::header::Header;
pub use corpus::Corpus;
use pages::library_page::{LibraryPanel, Yours};
use pages::{compare_page::ComparePage, document_page::DocumentPage, search_page::SearchPage};
use url_state::{Focus, UrlState};

/// Starts the app: shows panics in the page, then mounts it on `<body>`.
pub fn start() {
    browser::install_panic_hook();
    leptos::mount::mount_to_body(App);
}

/// The URL's state, shared with every page.
#[derive(Clone, Copy)]
pub struct Url(pub Memo<UrlState>);

/// The URL's search alone (its focus dropped): what links from the
/// results, the reader and a comparison build on. Changes only when the
/// search does.
#[derive(Clone, Copy)]
pub struct SearchUrl(pub Memo<UrlState>);

/// The search the URL describes, prepared and run, shared by the results
/// and the document view.
#[derive(Clone, Copy)]
pub struct Searched {
    pub prepared: Memo<quire_engine::Prepared>,
    pub results: Memo<quire_engine::Results>,
}

/// Where loading the corpus is.
#[derive(Clone)]
enum Loading {
    Started(corpus::Progress),
    Failed(String),
    Ready(Corpus),
    /// Your documents, before any was added.
    Empty,
}

#[component]
pub fn App() -> impl IntoView {
    let state = RwSignal::new(Loading::Started(corpus::Progress::default()));
    let attempt = RwSignal::new(0u32);
    let arrivals = corpus::Arrivals::new();
    let yours = Yours::new();
    provide_context(yours);
    // Your documents ("?src=mine"), from this browser's storage, or the
    // page's own corpus: fixed for the page's life (a link to the other
    // loads the page afresh).
    let local = browser::url_state(&browser::location_search()).search.local;
    provide_context(notes::Notes::new(local));
    Effect::new(move |_| {
        attempt.track();
        state.set(Loading::Started(corpus::Progress::default()));
        leptos::task::spawn_local(async move {
            if local {
                if !browser::local::available() {
                    state.set(Loading::Failed(
                        "Your own documents can be added only in a Quire opened from a web server (or `trunk serve`): a page opened from disk, or the single file, has no private storage to keep them in.".into(),
                    ));
                    return;
                }
                match browser::local::open().await {
                    Err(error) => return state.set(Loading::Failed(error)),
                    Ok(library) => {
                        let empty = library.generation.is_none();
                        yours.library.set(Some(library));
                        if empty {
                            return state.set(Loading::Empty);
                        }
                    }
                }
            }
            let fetch = browser::corpus_file;
            let analyzer = quire_engine::Analyzer::with_decomposer(quire_local::nfkd);
            let loaded = corpus::load(fetch, browser::keep, analyzer, |p| state.set(Loading::Started(p))).await;
            state.set(match loaded {
                Ok(index) => {
                    browser::keep_only(&corpus::files_of(index));
                    let corpus = Corpus(index, arrivals);
                    // Whatever reads a part the index lacks (a view, a
                    // handler) has it fetched; views tracking the corpus
                    // run again when it comes.
                    index.on_want(move || corpus.wanted());
                    Loading::Ready(corpus)
                }
                Err(error) => Loading::Failed(error),
            });
        });
    });
    move || match state.get() {
        Loading::Ready(corpus) => {
            provide_context(corpus);
            view! {
                <Router>
                    <Shell/>
                </Router>
            }
            .into_any()
        }
        Loading::Started(p) => view! {
            <main class="loading" role="status" aria-live="polite">
                <p>{format!("Loading the corpus: {} of {} files, {}", p.files, p.of.max(1), format::bytes(p.bytes))}</p>
                <progress max=p.of.max(1) value=p.files></progress>
            </main>
        }
        .into_any(),
        Loading::Empty => view! {
            <main id="main" class="yours-start">
                <p><a href="?" rel="external">"← The published corpus"</a></p>
                <LibraryPanel/>
            </main>
        }
        .into_any(),
        Loading::Failed(error) => view! {
            <main class="fatal" role="alert">
                <h1>"The corpus could not be loaded"</h1>
                <p class="fatal-detail">{error}</p>
                {(!local)
                    .then(|| {
                        view! {
                            <p>
                                "The page reads its documents from the "<code>"data/"</code>" folder beside it. "
                                "Check the connection, or that the folder was deployed whole; "
                                "opened straight from disk, the browser may refuse to read it."
                            </p>
                        }
                    })}
                <button type="button" on:click=move |_| attempt.update(|a| *a += 1)>"Try again"</button>
                {local.then(|| yours_failed(attempt))}
            </main>
        }
        .into_any(),
    }
}

/// When your documents could not be opened (a library this version
/// cannot read, damaged storage): a way to remove them from this browser,
/// and back to the published corpus.
fn yours_failed(attempt: RwSignal<u32>) -> impl IntoView {
    let failed = RwSignal::new(None::<String>);
    let forget = move |_| {
        leptos::task::spawn_local(async move {
            match browser::local::forget().await {
                Ok(()) => attempt.update(|a| *a += 1),
                Err(why) => failed.set(Some(why)),
            }
        })
    };
    view! {
        <p>
            <button type="button" on:click=forget>"Remove your documents from this browser"</button>
            " "
            <a href="?" rel="external">"The published corpus"</a>
        </p>
        {move || failed.get().map(|why| view! { <p class="fatal-detail">{why}</p> })}
    }
}

/// Which page the URL shows.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Page {
    Results,
    Document(String),
    Compare(Vec<String>),
}

#[component]
fn Shell() -> impl IntoView {
    let location = use_location();
    let state = Memo::new(move |_| location.search.with(|s| browser::url_state(s)));
    provide_context(Url(state));
    let search = Memo::new(move |_| state.with(UrlState::to_search));
    provide_context(SearchUrl(search));
    let corpus = expect_context::<Corpus>();
    provide_context(pages::search_page::run_search(corpus, state));
    // A link between your documents and the page's corpus (or back in
    // history across one) loads the page afresh with the other corpus.
    let yours = expect_context::<Yours>();
    Effect::new(move |_| {
        if state.with(|s| s.search.local) != yours.shown() {
            browser::reload();
        }
    });
    let page = Memo::new(move |_| {
        state.with(|s| match &s.focus {
            Focus::Results => Page::Results,
            Focus::Document { id, .. } => Page::Document(id.clone()),
            Focus::Compare { ids, .. } => Page::Compare(ids.clone()),
        })
    });
    view! {
        <Header/>
        <main id="main">
            {move || (yours.library.with(Option::is_some) && yours.open.get()).then(|| view! { <LibraryPanel/> })}
            <Fetching corpus/>
            // The page runs again when parts of the index it lacked arrive.
            {move || {
                corpus.track();
                match page.get() {
                    Page::Results => view! { <SearchPage/> }.into_any(),
                    Page::Document(id) => view! { <DocumentPage id/> }.into_any(),
                    Page::Compare(ids) => view! { <ComparePage ids/> }.into_any(),
                }
            }}
        </main>
    }
}

/// Parts of the index on their way (after a moment, so that a fast
/// fetch does not flash), or the file that could not be fetched, with a
/// way to try again.
#[component]
fn Fetching(corpus: Corpus) -> impl IntoView {
    let arrivals = corpus.1;
    view! {
        <div class="fetching" role="status" aria-live="polite">
            {move || {
                let p = arrivals.fetching.get();
                p.busy()
                    .then(|| {
                        view! {
                            <progress max=p.of value=p.files></progress>
                            <span>{format!("Fetching {} of {} files ({})", p.files, p.of, format::bytes(p.bytes))}</span>
                        }
                    })
            }}
        </div>
        {move || {
            arrivals.failed.get().map(|error| {
                view! {
                    <div class="fetch-failed" role="alert">
                        <p>"Part of the corpus could not be loaded: what is shown may be incomplete."</p>
                        <p class="fatal-detail">{error}</p>
                        <button type="button" on:click=move |_| corpus.retry()>"Try again"</button>
                    </div>
                }
            })
        }}
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
