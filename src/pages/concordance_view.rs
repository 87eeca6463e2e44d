//! The results as a concordance: every hit of the query in context,
//! sortable, each line linking to its hit, exportable as CSV.

use leptos::prelude::*;
use quire_engine::{concordance, concordance_csv, sort_concordance, DocId, Index, KwicLine, KwicSort};

use crate::browser;
use crate::components::concordance_table::{ConcordanceTable, KwicRow};
use crate::format::{one_line, outlet_date};
use crate::{navigator, Corpus, SearchUrl, Searched};

/// Concordance lines shown at first; the CSV export takes up to
/// [`KWIC_EXPORT`].
const KWIC_SHOWN: usize = 500;
const KWIC_EXPORT: usize = 20_000;

fn kwic_label(sort: KwicSort) -> &'static str {
    match sort {
        KwicSort::Results => "As listed",
        KwicSort::LeftWord => "Left word",
        KwicSort::RightWord => "Right word",
        KwicSort::Outlet => "Outlet",
        KwicSort::Date => "Date",
    }
}

/// Concordance lines as rows to show, each linking to `href(line)`.
pub fn kwic_rows(index: &Index, lines: &[KwicLine], href: impl Fn(&KwicLine) -> String) -> Vec<KwicRow> {
    lines
        .iter()
        .map(|l| {
            let doc = index.doc(l.doc);
            KwicRow {
                left: one_line(l.left.of(&doc.body)),
                keyword: one_line(l.keyword.of(&doc.body)),
                right: one_line(l.right.of(&doc.body)),
                term: l.term,
                title: doc.title.clone(),
                byline: outlet_date(doc),
                href: href(l),
            }
        })
        .collect()
}

#[component]
pub fn ConcordanceView() -> impl IntoView {
    let index = expect_context::<Corpus>().0;
    let SearchUrl(search) = expect_context::<SearchUrl>();
    let Searched { prepared, results } = expect_context::<Searched>();
    let go = navigator();
    let sort = Memo::new(move |_| search.with(|s| s.search.kwic_sort.unwrap_or_default()));
    // The lines, sorted, up to `limit`.
    let lines = move |limit: usize, sort: KwicSort| -> Vec<KwicLine> {
        let docs: Vec<DocId> = results.with_untracked(|r| r.hits.iter().map(|h| h.doc).collect());
        let mut lines = prepared.with_untracked(|p| concordance(index, p, &docs, limit));
        sort_concordance(index, &mut lines, sort);
        lines
    };
    let rows = Memo::new(move |_| {
        results.track();
        prepared.track();
        let lines = lines(KWIC_SHOWN, sort.get());
        search.with(|s| kwic_rows(index, &lines, |l| s.open_at(index.id(l.doc), l.hit as usize).href()))
    });
    let on_sort = move |ev: leptos::ev::Event| {
        if let Some(sort) = KwicSort::parse(&event_target_value(&ev)) {
            go(&search.get_untracked().with_kwic_sort(sort), true);
        }
    };
    let export = move |_| {
        let s = search.get_untracked();
        let lines = lines(KWIC_EXPORT, sort.get_untracked());
        let base = browser::page_url();
        let csv = concordance_csv(index, &lines, |l| {
            format!("{base}{}", s.open_at(index.id(l.doc), l.hit as usize).href())
        });
        browser::download("quire-concordance.csv", "text/csv;charset=utf-8", &csv);
    };
    let count = move || {
        let n = rows.with(Vec::len);
        if n >= KWIC_SHOWN {
            format!("The first {n} occurrences")
        } else {
            format!("{n} occurrences")
        }
    };
    let searched = Memo::new(move |_| prepared.with(|p| p.query.positive_leaves().next().is_some()));
    view! {
        <Show when=move || searched.get() fallback=|| view! { <p class="notice">"Type a query to see every occurrence in context."</p> }>
            <div class="kwic-bar">
                <span class="summary">{count}</span>
                <label class="sort">
                    "Sort by "
                    <select on:change=on_sort.clone() prop:value=move || sort.get().as_str()>
                        {KwicSort::ALL.iter().map(|k| view! { <option value=k.as_str()>{kwic_label(*k)}</option> }).collect_view()}
                    </select>
                </label>
                <button type="button" class="export" on:click=export>"Export CSV"</button>
            </div>
            <ConcordanceTable rows=rows/>
        </Show>
    }
}
