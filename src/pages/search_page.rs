//! The results view: facets and the date histogram beside the results,
//! shown as a list, a concordance, or the corpus views (reuse, quotes,
//! similarity), with the query's notices, the filters, and the compare
//! tray.

use leptos::prelude::*;
use quire_engine::{prepare, search, DocId, PartialDate, Query, Results, Sort};

use crate::components::compare_tray::CompareTray;
use crate::components::date_histogram::DateHistogram;
use crate::components::facet_panel::FacetPanel;
use crate::components::filter_chips::FilterChips;
use crate::components::query_notices::QueryNotices;
use crate::components::result_tabs::ResultTabs;
use crate::pages::collocates_view::CollocatesView;
use crate::pages::concordance_view::ConcordanceView;
use crate::pages::entities_view::EntitiesView;
use crate::pages::keywords_view::KeywordsView;
use crate::pages::notes_view::NotesView;
use crate::pages::quotes_view::QuotesView;
use crate::pages::results_list::ResultsList;
use crate::pages::reuse_view::ReuseView;
use crate::pages::similarity_view::SimilarityView;
use crate::pages::trends_view::TrendsView;
use crate::url_state::{DateRange, Tab, UrlState};
use crate::{navigator, Corpus, Searched, Url};

fn sort_label(sort: Sort) -> &'static str {
    match sort {
        Sort::Relevance => "Best match",
        Sort::Newest => "Newest first",
        Sort::Oldest => "Oldest first",
        Sort::Title => "Title A–Z",
    }
}

/// The search the URL describes, run: shared by the results and the
/// document view (which steps from one result to the next). Each part
/// reads only its slice of the URL.
pub fn run_search(corpus: Corpus, state: Memo<UrlState>) -> Searched {
    let index = corpus.0;
    let query_text = Memo::new(move |_| state.with(|s| s.search.query.clone()));
    let prepared = Memo::new(move |_| {
        corpus.track();
        query_text.with(|q| prepare(index, &Query::parse(index.analyzer(), q)))
    });
    let request = Memo::new(move |_| state.with(UrlState::request));
    let results = Memo::new(move |_| {
        corpus.track();
        prepared.with(|p| request.with(|r| search(index, p, r)))
    });
    Searched { prepared, results }
}

/// "3 of 5 documents", "All 5 documents", "No documents match.", or
/// "Searching…" while parts of the index the search needs are fetched.
fn summary(results: &Results, corpus: usize, waiting: bool) -> String {
    match results.hits.len() {
        0 if waiting => "Searching…".to_string(),
        0 => "No documents match.".to_string(),
        n if n == corpus => format!("All {n} documents"),
        n => format!("{n} of {corpus} documents"),
    }
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let corpus = expect_context::<Corpus>();
    let index = corpus.0;
    let Url(state) = expect_context::<Url>();
    let Searched { results, .. } = expect_context::<Searched>();
    let go = navigator();

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
    // A bar of the histogram: keep its period; shift-click extends the
    // range to it; the chosen period again clears it.
    let on_pick = Callback::new(move |(label, extend): (String, bool)| {
        let Ok(period) = PartialDate::parse(&label) else { return };
        let s = state.get_untracked();
        let dates = match s.search.dates {
            Some(current) if extend => Some(current.extended(period)),
            Some(current) if current == DateRange::period(period) => None,
            _ => Some(DateRange::period(period)),
        };
        go(&s.with_dates(dates), false);
    });

    let tab = Memo::new(move |_| state.with(|s| s.search.tab));
    let results_docs = Memo::new(move |_| results.with(|r| r.hits.iter().map(|h| h.doc).collect::<Vec<DocId>>()));
    let body = move || match tab.get() {
        Tab::List => view! { <ResultsList/> }.into_any(),
        Tab::Concordance => view! { <ConcordanceView/> }.into_any(),
        Tab::Keywords => view! { <KeywordsView docs=results_docs/> }.into_any(),
        Tab::Collocates => view! { <CollocatesView docs=results_docs/> }.into_any(),
        Tab::Trends => view! { <TrendsView/> }.into_any(),
        Tab::Entities => view! { <EntitiesView docs=results_docs/> }.into_any(),
        Tab::Reuse => view! { <ReuseView docs=results_docs/> }.into_any(),
        Tab::Quotes => view! { <QuotesView docs=results_docs/> }.into_any(),
        Tab::Similarity => view! { <SimilarityView docs=results_docs/> }.into_any(),
        Tab::Notes => view! { <NotesView/> }.into_any(),
    };
    let buckets = Memo::new(move |_| results.with(|r| r.histogram.clone()));
    let range = Memo::new(move |_| state.with(|s| s.search.dates.map(|d| d.to_string())));
    let clear_href = Memo::new(move |_| state.with(|s| s.with_dates(None).href()));
    let sort_value = Memo::new(move |_| state.with(|s| s.effective_sort().as_str()));

    view! {
        <div class="search-page">
            <aside class="facets" aria-label="Filters">
                <DateHistogram buckets range on_pick clear_href/>
                <FacetPanel results on_toggle/>
            </aside>
            <section class="results-pane" aria-live="polite">
                <div class="toolbar">
                    <ResultTabs/>
                    // The notes are not results: no count or order of documents.
                    <Show when=move || tab.get() != Tab::Notes>
                        <p class="summary">{move || results.with(|r| summary(r, index.len(), corpus.waiting()))}</p>
                        <label class="sort">
                            "Order "
                            <select on:change=on_sort.clone() prop:value=sort_value>
                                {Sort::ALL.iter().map(|s| view! { <option value=s.as_str()>{sort_label(*s)}</option> }).collect_view()}
                            </select>
                        </label>
                    </Show>
                </div>
                <FilterChips/>
                <QueryNotices/>
                <CompareTray/>
                {body}
            </section>
        </div>
    }
}

/// The link back to the search a page was opened from.
pub fn back_link(state: &UrlState) -> impl IntoView {
    view! { <a class="back" href=state.to_search().href()>"← Results"</a> }
}

impl Searched {
    /// The result after (or before) `doc`, if any.
    pub fn neighbour(&self, doc: DocId, forward: bool) -> Option<DocId> {
        self.results.with(|r: &Results| {
            let i = r.hits.iter().position(|h| h.doc == doc)?;
            let j = if forward { i.checked_add(1)? } else { i.checked_sub(1)? };
            r.hits.get(j).map(|h| h.doc)
        })
    }
}
