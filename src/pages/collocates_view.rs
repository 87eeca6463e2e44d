//! Collocates: the words near the query's hits in these results, ranked
//! by log-Dice, MI or t-score; the frequencies the measures divide by are
//! those of the documents the filters keep. A word opens the query's lines
//! with it near.

use leptos::prelude::*;
use quire_engine::present::collocate::MAX_WINDOW;
use quire_engine::{collocate_lines, collocates, collocates_csv, prepare, search as run, DocId, Measure, Query, WordCounts};

use crate::browser;
use crate::components::collocate_table::CollocateTable;
use crate::components::concordance_table::ConcordanceTable;
use crate::model::explore::{counted, CollocateRow};
use crate::pages::concordance_view::kwic_rows;
use crate::url_state::MAX_MIN;
use crate::{navigator, Corpus, SearchUrl, Searched};

/// Collocates listed; the CSV export has them all.
const SHOWN: usize = 100;
/// Lines of the collocate picked.
const LINES: usize = 200;

#[component]
pub fn CollocatesView(docs: Memo<Vec<DocId>>) -> impl IntoView {
    let loader = expect_context::<Corpus>();
    let index = loader.0;
    let SearchUrl(search) = expect_context::<SearchUrl>();
    let Searched { prepared, .. } = expect_context::<Searched>();
    let go = navigator();
    let explore = Memo::new(move |_| search.with(|s| s.search.explore.clone()));
    let measure = Memo::new(move |_| explore.with(|e| e.measure.unwrap_or_default()));
    let searched = Memo::new(move |_| prepared.with(|p| p.query.positive_leaves().next().is_some()));
    // The documents the filters keep, whatever the query: the words the
    // measures divide by are counted there.
    let request = Memo::new(move |_| search.with(|s| s.request()));
    let counted_docs = Memo::new(move |_| {
        loader.track();
        let everything = prepare(index, &Query::default());
        request.with(|r| run(index, &everything, r).hits.iter().map(|h| h.doc).collect::<Vec<_>>())
    });
    // Counted again only when the documents change, not on every later
    // round of parts.
    let counts = Memo::new(move |_| {
        if !searched.get() {
            return None;
        }
        let ready = counted_docs.with(|d| !loader.waiting() && index.has_docs(d));
        if !ready {
            loader.track();
            return None;
        }
        counted_docs.with(|d| Some(WordCounts::of(index, d)))
    });
    let settings = Memo::new(move |_| explore.with(|e| (e.window(), e.coll_min(), e.measure.unwrap_or_default())));
    let found = Memo::new(move |_| {
        let (window, min, measure) = settings.get();
        let found = counts.with(|c| {
            let c = c.as_ref()?;
            Some(prepared.with(|p| docs.with(|d| collocates(index, p, d, c, window, measure, min))))
        })?;
        if loader.waiting() {
            // The positions of some hits are still coming.
            loader.track();
            return None;
        }
        Some(found)
    });
    let rows = Memo::new(move |_| {
        found.with(|f| {
            let Some(f) = f else { return Vec::new() };
            search.with(|s| {
                f.list
                    .iter()
                    .take(SHOWN)
                    .map(|c| CollocateRow::of(c, s.with_explore(|e| e.word = Some(c.word.clone())).href()))
                    .collect::<Vec<_>>()
            })
        })
    });
    let picked = Signal::derive(move || explore.with(|e| e.word.clone()));
    let lines = Memo::new(move |_| {
        loader.track();
        let Some(word) = picked.get() else { return Vec::new() };
        let window = settings.get().0;
        let lines = prepared.with(|p| docs.with(|d| collocate_lines(index, p, d, &word, window, LINES)));
        search.with(|s| kwic_rows(index, &lines, |l| s.open_at(index.id(l.doc), l.hit as usize).href()))
    });

    let number = |ev: &leptos::ev::Event, max: u32| event_target_value(ev).parse::<u32>().ok().map(|n| n.clamp(1, max));
    let go_measure = go.clone();
    let on_measure = move |ev: leptos::ev::Event| {
        if let Some(m) = Measure::parse(&event_target_value(&ev)) {
            go_measure(&search.get_untracked().with_explore(|e| e.measure = Some(m)), true);
        }
    };
    let go_window = go.clone();
    let on_window = move |ev: leptos::ev::Event| {
        if let Some(n) = number(&ev, MAX_WINDOW) {
            go_window(&search.get_untracked().with_explore(|e| e.window = Some(n)), true);
        }
    };
    let on_min = move |ev: leptos::ev::Event| {
        if let Some(n) = number(&ev, MAX_MIN) {
            go(&search.get_untracked().with_explore(|e| e.coll_min = Some(n)), true);
        }
    };
    let export = move |_| {
        found.with_untracked(|f| {
            if let Some(f) = f {
                let csv = collocates_csv(f, measure.get_untracked());
                browser::download("quire-collocates.csv", "text/csv;charset=utf-8", &csv);
            }
        })
    };
    let status = move || {
        let (window, min) = explore.with(|e| (e.window(), e.coll_min()));
        match (found.with(|f| f.as_ref().map(|f| f.node)), counts.with(|c| c.as_ref().map(counted))) {
            (Some(node), Some(words)) => format!(
                "{node} hits of the query; words within {window} on each side, seen at least {min} times; frequencies from {words}."
            ),
            _ => format!("Reading {} documents…", counted_docs.with(Vec::len)),
        }
    };
    let measure_label = Signal::derive(move || measure.get().label());
    let lines_heading = move || {
        let window = explore.with(|e| e.window());
        picked
            .get()
            .map(|w| format!("Hits with “{w}” within {window} words"))
            .unwrap_or_default()
    };
    view! {
        <Show when=move || searched.get() fallback=|| view! { <p class="notice">"Type a word or a phrase to see the words that keep it company."</p> }>
            <div class="kwic-bar explore-bar">
                <label>
                    "Rank by "
                    <select on:change=on_measure.clone() prop:value=move || measure.get().as_str()>
                        {Measure::ALL.iter().map(|m| view! { <option value=m.as_str()>{m.label()}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    "Words each side "
                    <input type="number" min="1" max=MAX_WINDOW.to_string() class="small-number" prop:value=move || explore.with(|e| e.window()).to_string() on:change=on_window.clone()/>
                </label>
                <label>
                    "Seen together at least "
                    <input type="number" min="1" max=MAX_MIN.to_string() class="small-number" prop:value=move || explore.with(|e| e.coll_min()).to_string() on:change=on_min.clone()/>
                </label>
                <button type="button" class="export" on:click=export>"Export CSV"</button>
            </div>
            <p class="summary collocates-summary" role="status">{status}</p>
            <p class="notice">"log-Dice: 14 + log2(2·together / (hits + frequency)), 14 for a word beside every hit once and nowhere else; MI favours rare words, t-score frequent ones. Function words are left out; the window stops at a paragraph."</p>
            {move || (found.with(|f| f.as_ref().is_some_and(|f| f.list.is_empty()))).then(|| view! { <p class="notice">"No word is seen that often near the query."</p> })}
            {move || counts.with(|c| c.as_ref().is_some_and(|c| !c.complete())).then(|| view! { <p class="notice">"These documents hold more distinct words than the page counts (2,000,000): the rarest are left out."</p> })}
            <CollocateTable measure=measure_label rows picked/>
            <Show when=move || picked.with(Option::is_some)>
                <h2 class="section-title">{lines_heading}</h2>
                <ConcordanceTable rows=lines/>
            </Show>
        </Show>
    }
}
