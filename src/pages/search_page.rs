//! The search view: results (as a list or a concordance), facets, the date
//! histogram, corrections, order, compare picks.

use leptos::prelude::*;
use quire_engine::{DocId, KwicSort, Query, Request, Results, Sort};

use crate::browser;
use crate::components::concordance_table::{ConcordanceTable, KwicRow};
use crate::components::date_histogram::DateHistogram;
use crate::components::facet_panel::FacetPanel;
use crate::components::highlighted::Marked;
use crate::components::result_item::{CompareLink, ResultItem};
use crate::pages::corpus_views::{QuotesView, ReuseView, SimilarityView};
use crate::url_state::{Tab, UrlState, MAX_COMPARED, PAGE_SIZE};
use crate::{navigator, Corpus, Searched, Url};

/// Concordance lines shown at first; the CSV export takes up to
/// [`KWIC_EXPORT`].
const KWIC_SHOWN: usize = 500;
const KWIC_EXPORT: usize = 20_000;

fn sort_label(sort: Sort) -> &'static str {
    match sort {
        Sort::Relevance => "Best match",
        Sort::Newest => "Newest first",
        Sort::Oldest => "Oldest first",
        Sort::Title => "Title A–Z",
    }
}

fn kwic_label(sort: KwicSort) -> &'static str {
    match sort {
        KwicSort::Results => "As listed",
        KwicSort::LeftWord => "Left word",
        KwicSort::RightWord => "Right word",
        KwicSort::Outlet => "Outlet",
        KwicSort::Date => "Date",
    }
}

/// The search the URL describes, run: shared by the results and the
/// document view (which steps from one result to the next).
pub fn run_search(corpus: Corpus, state: Memo<UrlState>) -> Searched {
    let index = corpus.0;
    let query_text = Memo::new(move |_| state.with(|s| s.query.clone()));
    let prepared = Memo::new(move |_| query_text.with(|q| index.prepare(&Query::parse(index.analyzer(), q))));
    let request = Memo::new(move |_| {
        state.with(|s| Request {
            selection: s.selection(),
            date_range: s.date_keys(),
            sort: s.effective_sort(),
        })
    });
    let results = Memo::new(move |_| prepared.with(|p| request.with(|r| index.search(p, r))));
    Searched { prepared, results }
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let index = expect_context::<Corpus>().0;
    let Url(state) = expect_context::<Url>();
    let Searched { prepared, results } = expect_context::<Searched>();
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
    let go_pick = go.clone();
    let on_pick = Callback::new(move |(label, extend): (String, bool)| {
        let s = state.get_untracked();
        let range = match (extend, s.date_range.as_deref()) {
            (true, Some(current)) => {
                let (from, to) = current.split_once("..").unwrap_or((current, current));
                let mut ends = [from, to, label.as_str()];
                ends.sort();
                format!("{}..{}", ends[0], ends[2])
            }
            _ if s.date_range.as_deref() == Some(label.as_str()) => {
                go_pick(&s.with_date_range(None), false);
                return;
            }
            _ => label,
        };
        go_pick(&s.with_date_range(Some(range)), false);
    });

    let summary = move || {
        let n = index.len();
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
    let notices = move || {
        prepared.with(|p| {
            let corrections = p
                .corrections
                .iter()
                .map(|c| {
                    let exact = state.with(|s| s.with_query(&exact_word(&s.query, &c.typed)).href());
                    let lead = if c.also { "Including results for " } else { "Showing results for " };
                    let why = if c.also { ": “" } else { ": nothing matched “" };
                    let tail = if c.also { "” is rare. " } else { "”. " };
                    view! {
                        <p class="notice correction" role="status">
                            {lead} <strong>{c.corrected.clone()}</strong> {why} {c.typed.clone()} {tail}
                            <a href=exact>"Search for “" {c.typed.clone()} "” only"</a>
                        </p>
                    }
                })
                .collect_view();
            let ignored =
                (!p.query.ignored.is_empty()).then(|| view! { <p class="notice">"Not searched: " {p.query.ignored.join("  ")}</p> });
            let notes = p.notes.iter().map(|n| view! { <p class="notice">{n.clone()}</p> }).collect_view();
            view! { {corrections} {ignored} {notes} }
        })
    };
    let filters = move || {
        state.with(|s| {
            let chips = s
                .filters
                .iter()
                .map(|(k, v)| {
                    let href = s.with_filter_toggled(k, v).href();
                    view! { <a class="chip" href=href data-noscroll="" title="Remove this filter">{format!("{k}: {v}")} " ✕"</a> }
                })
                .collect_view();
            let clear = s
                .is_filtered()
                .then(|| view! { <a class="clear-all" href=s.cleared().href()>"Clear all"</a> });
            view! { <p class="chips">{chips}</p> {clear} }
        })
    };
    let tray = move || {
        let s = state.get();
        let picks: Vec<DocId> = s.picks.iter().filter_map(|id| index.find(id)).collect();
        if picks.is_empty() {
            return None;
        }
        let titles = picks
            .iter()
            .map(|&p| {
                let unpick = s.unpicking(index.id(p)).href();
                view! { <span class="picked">"“" <strong>{index.title(p).to_string()}</strong> "” " <a href=unpick data-noscroll="" title="Unpick">"✕"</a></span> }
            })
            .collect_view();
        let compare_now = (picks.len() >= 2).then(|| {
            let ids: Vec<&str> = picks.iter().map(|&p| index.id(p)).collect();
            view! { <a class="compare-picked" href=s.comparing(&ids).href()>"Compare these " {picks.len()}</a> }
        });
        let more = if picks.len() + 1 < MAX_COMPARED {
            "choose another document to compare with (up to four)."
        } else {
            "choose the last document to compare with."
        };
        Some(view! {
            <p class="compare-tray" role="status">
                "Picked " {titles} ": " {more} " " {compare_now} " "
                <a href=s.picking(None).href() data-noscroll="">"Cancel"</a>
            </p>
        })
    };
    let list = move || {
        let s = state.get();
        let limit = s.limit.unwrap_or(PAGE_SIZE);
        let picks: Vec<DocId> = s.picks.iter().filter_map(|id| index.find(id)).collect();
        results.with(|r| {
            let docs: Vec<DocId> = r.hits.iter().take(limit).map(|h| h.doc).collect();
            let views = prepared.with(|p| index.result_views(p, &docs));
            let items = docs
                .iter()
                .zip(views)
                .map(|(&id, v)| {
                    let doc = index.doc(id);
                    let (compare, compare_href) = if picks.contains(&id) {
                        (CompareLink::Picked, s.unpicking(&doc.id).href())
                    } else if picks.is_empty() {
                        (CompareLink::Pick, s.picking(Some(&doc.id)).href())
                    } else {
                        let mut ids: Vec<&str> = picks.iter().map(|&p| index.id(p)).collect();
                        ids.push(&doc.id);
                        let titles = picks.iter().map(|&p| index.title(p)).collect::<Vec<_>>().join("”, “");
                        (CompareLink::With(titles), s.comparing(&ids).href())
                    };
                    let explain = (!prepared.with(|p| p.query.is_empty()))
                        .then(|| Callback::new(move |()| prepared.with_untracked(|p| index.explain(p, id))));
                    view! {
                        <ResultItem
                            doc
                            open_href=s.open(&doc.id).href()
                            title_marks=v.title.iter().map(Marked::from).collect()
                            snippet=v.snippet
                            match_count=v.hits
                            matched_metadata=v.in_metadata
                            compare
                            compare_href
                            explain=explain
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
    let concordance = move || {
        let s = state.get();
        if prepared.with(|p| p.query.positive_leaves().next().is_none()) {
            return view! { <p class="notice">"Type a query to see every occurrence in context."</p> }.into_any();
        }
        let sort = s.kwic_sort.unwrap_or_default();
        let mut lines = results.with(|r| {
            let docs: Vec<DocId> = r.hits.iter().map(|h| h.doc).collect();
            prepared.with(|p| index.concordance(p, &docs, KWIC_SHOWN))
        });
        index.sort_concordance(&mut lines, sort);
        let truncated = lines.len() >= KWIC_SHOWN;
        let rows: Vec<KwicRow> = lines
            .iter()
            .map(|l| {
                let doc = index.doc(l.doc);
                let text = |span: quire_engine::Span| span.of(&doc.body).split_whitespace().collect::<Vec<_>>().join(" ");
                KwicRow {
                    left: text(l.left),
                    keyword: text(l.keyword),
                    right: text(l.right),
                    term: l.term,
                    title: doc.title.clone(),
                    byline: [doc.meta.source.clone(), doc.meta.date.map(|d| d.to_string())]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" · "),
                    href: s.open_at(&doc.id, l.hit as usize).href(),
                }
            })
            .collect();
        let count = if truncated {
            format!("The first {} occurrences", rows.len())
        } else {
            format!("{} occurrences", rows.len())
        };
        let go_kwic = go.clone();
        let on_kwic_sort = move |ev: leptos::ev::Event| {
            if let Some(sort) = KwicSort::parse(&event_target_value(&ev)) {
                go_kwic(&state.get_untracked().with_kwic_sort(sort), true);
            }
        };
        let export = move |_| {
            let s = state.get_untracked();
            let mut lines = results.with_untracked(|r| {
                let docs: Vec<DocId> = r.hits.iter().map(|h| h.doc).collect();
                prepared.with_untracked(|p| index.concordance(p, &docs, KWIC_EXPORT))
            });
            index.sort_concordance(&mut lines, s.kwic_sort.unwrap_or_default());
            let base = browser::page_url();
            let csv = index.concordance_csv(&lines, |l| format!("{base}{}", s.open_at(index.id(l.doc), l.hit as usize).href()));
            browser::download("quire-concordance.csv", "text/csv;charset=utf-8", &csv);
        };
        view! {
            <div class="kwic-bar">
                <span class="summary">{count}</span>
                <label class="sort">
                    "Sort by "
                    <select on:change=on_kwic_sort prop:value=sort.as_str()>
                        {KwicSort::ALL.iter().map(|k| view! { <option value=k.as_str()>{kwic_label(*k)}</option> }).collect_view()}
                    </select>
                </label>
                <button type="button" class="export" on:click=export>"Export CSV"</button>
            </div>
            <ConcordanceTable rows/>
        }
        .into_any()
    };
    let results_docs = Memo::new(move |_| results.with(|r| r.hits.iter().map(|h| h.doc).collect::<Vec<DocId>>()));
    let body = move || match state.with(|s| s.tab) {
        Tab::List => list().into_any(),
        Tab::Concordance => concordance().into_any(),
        Tab::Reuse => view! { <ReuseView docs=results_docs/> }.into_any(),
        Tab::Quotes => view! { <QuotesView docs=results_docs/> }.into_any(),
        Tab::Similarity => view! { <SimilarityView docs=results_docs/> }.into_any(),
    };
    let tabs = move || {
        state.with(|s| {
            let links = Tab::ALL
                .into_iter()
                .map(|tab| {
                    let current = if s.tab == tab { "page" } else { "false" };
                    view! { <a href=s.with_tab(tab).href() aria-current=current data-noscroll="" data-tab=tab.label()>{tab.label()}</a> }
                })
                .collect_view();
            view! { <nav class="tabs" aria-label="Results as">{links}</nav> }
        })
    };
    let facet_counts = Memo::new(move |_| results.with(|r| r.facets.clone()));
    let buckets = Memo::new(move |_| results.with(|r| r.histogram.clone()));
    let range = Signal::derive(move || state.with(|s| s.date_range.clone()));
    let clear_href = Signal::derive(move || state.with(|s| s.with_date_range(None).href()));
    let sort_value = move || state.with(|s| s.effective_sort().as_str());

    view! {
        <div class="search-page">
            <aside class="facets" aria-label="Filters">
                <DateHistogram buckets range on_pick clear_href/>
                <FacetPanel facets=facet_counts on_toggle/>
            </aside>
            <section class="results-pane" aria-live="polite">
                <div class="toolbar">
                    {tabs}
                    <p class="summary">{summary}</p>
                    <label class="sort">
                        "Order "
                        <select on:change=on_sort prop:value=sort_value>
                            {Sort::ALL.iter().map(|s| view! { <option value=s.as_str()>{sort_label(*s)}</option> }).collect_view()}
                        </select>
                    </label>
                </div>
                {filters}
                {notices}
                {tray}
                {body}
            </section>
        </div>
    }
}

/// The query with `typed` asked for exactly (`typed~0`): no correction.
fn exact_word(query: &str, typed: &str) -> String {
    let mut done = false;
    query
        .split(' ')
        .map(|w| {
            if !done && w == typed {
                done = true;
                format!("{w}~0")
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
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
