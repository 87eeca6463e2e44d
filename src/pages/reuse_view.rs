//! Passages shared by two or more documents, found when the corpus was
//! built, that touch the results, with the likely source of each.

use leptos::prelude::*;
use quire_engine::AnalysisPart;
use quire_engine::{order_clusters, DocId, Origin, ReuseOrder};

use crate::components::show_more::{shown_limit, ShowMore};
use crate::format::{count, excerpt, short_byline};
use crate::url_state::MAX_COMPARED;
use crate::{navigator, Corpus, SearchUrl};

/// Words of a passage shown before "…".
const EXCERPT_WORDS: usize = 70;
/// Copies of one passage listed by name.
const COPIES_LISTED: usize = 12;

fn order_label(order: ReuseOrder) -> &'static str {
    match order {
        ReuseOrder::Size => "Most documents",
        ReuseOrder::Length => "Longest passage",
        ReuseOrder::Date => "Earliest first",
    }
}

#[component]
pub fn ReuseView(docs: Memo<Vec<DocId>>) -> impl IntoView {
    let loader = expect_context::<Corpus>();
    let index = loader.0;
    let SearchUrl(search) = expect_context::<SearchUrl>();
    let go = navigator();
    let order = Memo::new(move |_| search.with(|s| s.search.reuse_order.unwrap_or_default()));
    let limit = shown_limit(search);
    let clusters = Memo::new(move |_| {
        let member = docs.with(|d| {
            let mut member = vec![false; index.len()];
            d.iter().for_each(|d| member[d.index()] = true);
            member
        });
        order_clusters(
            index.analysis(&[AnalysisPart::Reuse]).reuse(),
            |d| member[d.index()],
            order.get(),
            |d| index.first_day(d),
        )
    });
    let shown = Memo::new(move |_| clusters.with(|c| c.iter().take(limit.get()).copied().collect::<Vec<_>>()));
    let on_sort = move |ev: leptos::ev::Event| {
        if let Some(order) = ReuseOrder::parse(&event_target_value(&ev)) {
            go(&search.get_untracked().with_reuse_order(order), true);
        }
    };
    let summary = move || match clusters.with(Vec::len) {
        0 if loader.waiting() => "Loading the reused passages…".to_string(),
        0 => "No passage of these documents appears in another document.".to_string(),
        1 => "1 passage of these documents appears in other documents.".to_string(),
        n => format!("{n} passages of these documents appear in other documents."),
    };
    view! {
        <div class="kwic-bar">
            <span class="summary">{summary}</span>
            <label class="sort">
                "Sort by "
                <select class="reuse-sort" on:change=on_sort prop:value=move || order.get().as_str()>
                    {ReuseOrder::ALL.iter().map(|r| view! { <option value=r.as_str()>{order_label(*r)}</option> }).collect_view()}
                </select>
            </label>
        </div>
        <p class="notice">
            "Found when the corpus was built: runs of five or more words (not counting common words) shared by two or more documents, small edits allowed. "
            "Text repeated across one outlet’s documents (boilerplate) and navigation or cookie notices are left out. "
            "The likely source is the earliest dated copy."
        </p>
        <ol class="clusters">
            <For each=move || shown.get() key=move |&c| (c, search.with(|s| s.href())) let:c>
                <ClusterItem c/>
            </For>
        </ol>
        <ShowMore total=Signal::derive(move || clusters.with(Vec::len)) label="Show more"/>
    }
}

/// One reused passage: its text (from the likely source), every document
/// that carries it, and a link to compare them.
#[component]
fn ClusterItem(c: usize) -> impl IntoView {
    let index = expect_context::<Corpus>().0;
    let SearchUrl(search) = expect_context::<SearchUrl>();
    let s = search.get_untracked();
    let cluster = &index.analysis(&[AnalysisPart::Reuse]).reuse()[c];
    let origin = cluster.origin(|d| index.days(d));
    let mut copies: Vec<DocId> = cluster.docs();
    copies.sort_by_key(|&d| (index.first_day(d).unwrap_or(u32::MAX), d));
    copies.dedup();
    // The text shown: the likely source's copy, else the earliest.
    let shown = match &origin {
        Origin::Source(d) => *d,
        _ => copies[0],
    };
    let span = cluster
        .copies
        .iter()
        .find(|(d, _)| *d == shown)
        .map_or(cluster.copies[0].1, |(_, s)| *s);
    let text = excerpt(span.of(&index.doc(shown).body), EXCERPT_WORDS);
    // A passage a thousand documents share lists the first few (each
    // listed copy's text is read for its byline); the rest are counted.
    let more = copies.len().saturating_sub(COPIES_LISTED);
    let list = copies
        .iter()
        .take(COPIES_LISTED)
        .map(|&d| {
            let doc = index.doc(d);
            let tag = match &origin {
                Origin::Source(x) if *x == d => Some(view! { <span class="tag source">"likely source"</span> }.into_any()),
                Origin::Tie(xs) if xs.contains(&d) => Some(
                    view! { <span class="tag tie" title="Dated no later than the other earliest copies">"earliest (tie)"</span> }
                        .into_any(),
                ),
                _ => None,
            };
            view! {
                <li>
                    <a href=s.open(&doc.id).href()>{doc.title.clone()}</a>
                    " " <span class="byline-inline">{short_byline(doc)}</span> " " {tag}
                </li>
            }
        })
        .collect_view();
    let compared: Vec<&str> = copies.iter().take(MAX_COMPARED).map(|&d| index.id(d)).collect();
    let compare_label = match copies.len() {
        n if n > MAX_COMPARED => format!("Compare the first {MAX_COMPARED}"),
        2 => "Compare the two".to_string(),
        n => format!("Compare all {n}"),
    };
    let near = cluster
        .near
        .then(|| view! { <span class="tag near" title="Some copies differ by small edits">"≈ reworded"</span> });
    view! {
        <li class="cluster" data-cluster=c>
            <p class="cluster-head">
                <strong>{format!("{} documents", copies.len())}</strong>
                {format!(" · {} words ", cluster.words)}
                {near}
            </p>
            <blockquote class="cluster-text">{text}</blockquote>
            <ul class="copies">
                {list}
                {(more > 0).then(|| view! { <li class="more-copies">{format!("and {}", count(more, "more document", "more documents"))}</li> })}
            </ul>
            <a class="compare-cluster" href=s.comparing(&compared).href()>{compare_label}</a>
        </li>
    }
}
