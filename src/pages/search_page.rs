//! The search view: results with snippets, facets, order, compare picks.

use leptos::prelude::*;
use quire_engine::{Field, Query, Sort};

use crate::components::facet_panel::FacetPanel;
use crate::components::highlighted::Marked;
use crate::components::result_item::{CompareLink, ResultItem};
use crate::url_state::{UrlState, PAGE_SIZE};
use crate::{navigator, Corpus, Url};

fn sort_label(sort: Sort) -> &'static str {
    match sort {
        Sort::Relevance => "Best match",
        Sort::Newest => "Newest first",
        Sort::Oldest => "Oldest first",
        Sort::Title => "Title A–Z",
    }
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let corpus = expect_context::<Corpus>().0;
    let Url(state) = expect_context::<Url>();
    let go = navigator();

    let query_text = Memo::new(move |_| state.with(|s| s.query.clone()));
    let query = Memo::new(move |_| query_text.with(|q| Query::parse(corpus.analyzer(), q)));
    let filters = Memo::new(move |_| state.with(|s| (s.selection(), s.effective_sort())));
    let results = Memo::new(move |_| {
        filters.with(|(selection, sort)| query.with(|q| corpus.search(q, selection, *sort)))
    });

    let go_toggle = go.clone();
    let on_toggle = Callback::new(move |(key, value): (String, String)| {
        go_toggle(&state.get_untracked().with_filter_toggled(&key, &value), false);
    });
    let go_sort = go.clone();
    let on_sort = move |ev: leptos::ev::Event| {
        if let Some(sort) = Sort::parse(&event_target_value(&ev)) {
            go_sort(&state.get_untracked().with_sort(sort), true);
        }
    };

    let summary = move || {
        let n = corpus.len();
        results.with(|r| {
            let shown = r.hits.len();
            if shown == 0 {
                "No documents match.".to_string()
            } else if shown == n {
                format!("All {n} documents")
            } else {
                format!("{shown} of {n} documents")
            }
        })
    };
    let ignored = move || {
        query.with(|q| {
            (!q.ignored.is_empty()).then(|| {
                view! { <p class="notice">"Not searched: " {q.ignored.join("  ")}</p> }
            })
        })
    };
    let clear = move || {
        state.with(|s| {
            s.is_filtered().then(|| view! { <a class="clear-all" href=s.cleared().href()>"Clear all"</a> })
        })
    };
    let tray = move || {
        let s = state.get();
        let pick = s.pick.as_deref().and_then(|id| corpus.find(id))?;
        let title = corpus.doc(pick).title.clone();
        Some(view! {
            <p class="compare-tray" role="status">
                "Comparing “" <strong>{title}</strong> "”: choose a second document to compare it with. "
                <a href=s.picking(None).href() data-noscroll="">"Cancel"</a>
            </p>
        })
    };
    let list = move || {
        let s = state.get();
        let limit = s.limit.unwrap_or(PAGE_SIZE);
        let pick = s.pick.as_deref().and_then(|id| corpus.find(id));
        results.with(|r| {
            let items = r
                .hits
                .iter()
                .take(limit)
                .map(|hit| {
                    let doc = corpus.doc(hit.doc);
                    let (compare, compare_href) = match pick {
                        Some(p) if p == hit.doc => (CompareLink::Picked, s.picking(None).href()),
                        Some(p) => (
                            CompareLink::With(corpus.doc(p).title.clone()),
                            s.comparing(&[&corpus.doc(p).id, &doc.id]).href(),
                        ),
                        None => (CompareLink::Pick, s.picking(Some(&doc.id)).href()),
                    };
                    view! {
                        <ResultItem
                            doc
                            open_href=s.open(&doc.id).href()
                            title_marks=corpus.marks(hit, Field::Title).iter().map(Marked::from).collect()
                            snippet=corpus.snippet(hit)
                            match_count=hit.match_count()
                            matched_metadata=hit.matched_metadata()
                            compare
                            compare_href
                        />
                    }
                })
                .collect_view();
            let more = (r.hits.len() > limit).then(|| {
                let next = s.with_limit(limit + PAGE_SIZE).href();
                view! { <a class="show-more" href=next data-noscroll="">{format!("Show more ({} left)", r.hits.len() - limit)}</a> }
            });
            view! { <ol class="results">{items}</ol> {more} }
        })
    };
    let facets = move || results.with(|r| view! { <FacetPanel facets=r.facets.clone() on_toggle/> });
    let sort_value = move || state.with(|s| s.effective_sort().as_str());

    view! {
        <div class="search-page">
            <aside class="facets" aria-label="Filters">{facets}</aside>
            <section class="results-pane" aria-live="polite">
                <div class="toolbar">
                    <p class="summary">{summary}</p>
                    {clear}
                    <label class="sort">
                        "Order "
                        <select on:change=on_sort prop:value=sort_value>
                            {Sort::ALL.iter().map(|s| view! { <option value=s.as_str()>{sort_label(*s)}</option> }).collect_view()}
                        </select>
                    </label>
                </div>
                {ignored}
                {tray}
                {list}
            </section>
        </div>
    }
}

/// The link back to the search a page was opened from.
pub fn back_link(state: &UrlState) -> impl IntoView {
    view! { <a class="back" href=state.to_search().href()>"← Results"</a> }
}
