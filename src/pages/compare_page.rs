//! The compare view: two to four documents side by side. Paragraphs that
//! share a passage sit level in one row, so the sides never drift; every
//! shared passage has the same colour and number in each pane, near-matches
//! are marked apart with their changed words; a gutter, bands and a minimap
//! link the copies; N/P or a click brings a passage's twins into view.

use leptos::prelude::*;
use quire_engine::{compare_many_paused, Comparison, DocId, Document, Progress};

use crate::browser;
use crate::components::column_head::SIDES;
use crate::components::compare_columns::CompareColumns;
use crate::components::compare_grid::CompareGrid;
use crate::components::doc_menu::doc_menu;
use crate::components::highlighted::Current;
use crate::components::hit_nav::HitNav;
use crate::components::minimap::Minimap;
use crate::components::why_alike::WhyAlike;
use crate::format::bytes;
use crate::model::compare::CompareModel;
use crate::pages::search_page::back_link;
use crate::url_state::{CompareLayout, Focus, MAX_COMPARED};
use crate::{navigator, Corpus, Url};

/// The compare view: the documents the URL names are compared (in slices,
/// with a progress bar, when they are long), then shown. Leaving the view
/// abandons a comparison under way.
#[component]
pub fn ComparePage(ids: Vec<String>) -> impl IntoView {
    let loader = expect_context::<Corpus>();
    let corpus = loader.0;
    let Url(state) = expect_context::<Url>();
    let missing: Vec<&String> = ids.iter().filter(|id| corpus.find(id).is_none()).collect();
    // The documents' text must be here before the comparison starts.
    let found: Vec<DocId> = ids.iter().filter_map(|id| corpus.find(id)).take(MAX_COMPARED).collect();
    corpus.prefetch_docs(&found);
    if loader.waiting() {
        return view! { <p class="loading-doc" role="status">"Loading the documents…"</p> }.into_any();
    }
    if !missing.is_empty() {
        let list = missing.iter().map(|id| format!("“{id}”")).collect::<Vec<_>>().join(", ");
        return view! {
            <div class="not-found" role="alert">
                <h1>"Cannot compare"</h1>
                <p>"This corpus has no document with the id " {list} "."</p>
                {move || state.with(back_link)}
            </div>
        }
        .into_any();
    }
    let docs = found;
    let progress = RwSignal::new(Progress::default());
    let comparison: RwSignal<Option<Comparison>> = RwSignal::new(None);
    let alive = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    on_cleanup({
        let alive = alive.clone();
        move || alive.store(false, std::sync::atomic::Ordering::Relaxed)
    });
    let job = {
        let docs = docs.clone();
        async move {
            let texts: Vec<&Document> = docs.iter().map(|&d| corpus.doc(d)).collect();
            let mut pause = browser::FramePause::new(alive, move |p| progress.set(p));
            compare_many_paused(corpus.analyzer(), &texts, &mut pause).await
        }
    };
    // A short comparison finishes in its first run, and is shown at once.
    if let Some(done) = browser::run_or_spawn(job, move |c| comparison.set(c)) {
        comparison.set(done);
    }
    let size: usize = docs.iter().map(|&d| corpus.doc(d).body.len()).sum();
    (move || match comparison.get() {
        Some(c) => {
            let texts: Vec<&Document> = docs.iter().map(|&d| corpus.doc(d)).collect();
            view! { <CompareView model=CompareModel::new(docs.clone(), &texts, c)/> }.into_any()
        }
        None => view! {
            <div class="comparing" role="status">
                <p>{format!("Comparing {} documents ({})…", docs.len(), bytes(size))}</p>
                <progress max="1000" value=move || (progress.get().fraction() * 1000.0).round().to_string() aria-label="Comparison progress"></progress>
                <p>"Long documents take a while. " {move || state.with(|s| view! { <a href=s.to_search().href()>"Stop, back to the results"</a> })}</p>
            </div>
        }
        .into_any(),
    })
    .into_any()
}

/// The passage and layout the URL asks for.
fn focus_of(focus: &Focus) -> (Option<usize>, CompareLayout) {
    match focus {
        Focus::Compare { passage, layout, .. } => (*passage, *layout),
        _ => (None, CompareLayout::default()),
    }
}

/// Documents side by side, with their comparison.
#[component]
fn CompareView(model: CompareModel) -> impl IntoView {
    let Url(state) = expect_context::<Url>();
    let go = navigator();
    let n = model.len();
    let docs = model.docs.clone();
    let summary = model.summary();
    let passages = model.passages();
    let model = StoredValue::new(model);
    let focus = Memo::new(move |_| state.with(|s| focus_of(&s.focus)));
    let passage = Memo::new(move |_| model.with_value(|m| m.passage(focus.get().0)));
    let layout = Memo::new(move |_| focus.get().1);
    let current = Signal::derive(move || Current {
        passage: passage.get().map(|p| p as u32),
        ..Current::default()
    });

    // Where the last passage was chosen from: its pane, or none (N/P, the
    // gutter, the minimap, a reload).
    let origin: StoredValue<Option<usize>> = StoredValue::new(None);
    let select = Callback::new({
        let go = go.clone();
        move |(number, from): (usize, Option<usize>)| {
            origin.set_value(from);
            go(&state.get_untracked().with_passage(number), true);
        }
    });
    let step = Callback::new(move |forward: bool| {
        if let Some(next) = model.with_value(|m| m.step(passage.get_untracked(), forward)) {
            select.run((next, None));
        }
    });
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if browser::typing_in_field(&ev) {
            return;
        }
        match ev.key().as_str() {
            "n" | "N" | "j" => step.run(true),
            "p" | "P" | "k" => step.run(false),
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());
    // A passage chosen: bring its twins into view once drawn.
    Effect::new(move |_| {
        let (Some(p), free) = (passage.get(), layout.get().free) else {
            return;
        };
        let from = origin.get_value();
        request_animation_frame(move || reveal_twins(p, from, n, free));
    });

    // Clicking (or Enter on) a passage, or a badge of the gutter.
    let pick = move |ev: &web_sys::Event| {
        let Some(mark) = browser::closest(ev, "[data-passage]") else {
            return;
        };
        let Some(number) = mark.get_attribute("data-passage").and_then(|n| n.parse().ok()) else {
            return;
        };
        let side = browser::closest(ev, "article[data-side]")
            .and_then(|a| a.get_attribute("data-side"))
            .and_then(|s| SIDES.iter().position(|x| *x == s));
        select.run((number, side));
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" || ev.key() == " " {
            ev.prevent_default();
            pick(&ev);
        }
    };
    let set_layout = {
        let go = go.clone();
        move |change: fn(&mut CompareLayout, bool), on: bool| {
            let s = state.get_untracked();
            let mut layout = focus_of(&s.focus).1;
            change(&mut layout, on);
            go(&s.with_layout(layout), true);
        }
    };
    let (set_align, set_only) = (set_layout.clone(), set_layout.clone());
    let on_unfold = Callback::new(move |()| set_layout(|l, _| l.matched_only = false, false));
    let label = Signal::derive(move || passage.get().map(|p| format!("Passage {p} of {passages}")).unwrap_or_default());
    let body = move || {
        let CompareLayout { free, matched_only } = layout.get();
        if free {
            view! { <CompareColumns model matched_only current on_unfold/> }.into_any()
        } else {
            view! { <CompareGrid model matched_only current on_unfold/> }.into_any()
        }
    };

    view! {
        <div class="compare-page">
            <nav class="doc-nav">
                {move || state.with(back_link)}
                <span class="similarity" title="Share of the documents’ words that lie in a shared passage">{summary}</span>
                <HitNav label on_step=step group="Shared passages" item="passage" disabled=passages == 0/>
                <label class="toggle">
                    <input type="checkbox" class="align-toggle" prop:checked=move || !layout.get().free on:change=move |ev| set_align(|l, on| l.free = !on, event_target_checked(&ev))/>
                    " Align rows, scroll together"
                </label>
                <label class="toggle">
                    <input type="checkbox" class="only-toggle" prop:checked=move || layout.get().matched_only on:change=move |ev| set_only(|l, on| l.matched_only = on, event_target_checked(&ev))/>
                    " Shared passages only"
                </label>
                <Rearrange docs=docs.clone()/>
                <AddDocument docs=docs.clone()/>
            </nav>
            <WhyAlike docs=docs.clone()/>
            <div class="compare-main">
                <div class="compare-body" on:click=move |ev| pick(&ev) on:keydown=on_key>
                    {body}
                </div>
                <Minimap model on_select=Callback::new(move |k| select.run((k, None)))/>
            </div>
        </div>
    }
    .into_any()
}

/// Scrolls passage `p`'s twins into view: in the free layout every pane's
/// copy but the one clicked; aligned, copies in one row are level already,
/// so the first twin from the clicked pane on.
fn reveal_twins(p: usize, from: Option<usize>, n: usize, free: bool) {
    let in_side = |d: usize| format!("article[data-side=\"{}\"] mark[data-passage=\"{p}\"]", SIDES[d]);
    if free {
        for d in (0..n).filter(|&d| Some(d) != from) {
            browser::reveal(&in_side(d), true);
        }
    } else if let Some(d) = (0..n).filter(|&d| Some(d) != from).find(|&d| browser::exists(&in_side(d))) {
        browser::reveal(&in_side(d), from.is_none());
    }
}

/// Swaps two documents' sides, or rotates more.
#[component]
fn Rearrange(docs: Vec<DocId>) -> impl IntoView {
    let corpus = expect_context::<Corpus>().0;
    let Url(state) = expect_context::<Url>();
    let label = if docs.len() == 2 { "⇄ Swap sides" } else { "⇄ Rotate" };
    let href = move || {
        let mut order: Vec<&str> = docs.iter().map(|&d| corpus.id(d)).collect();
        order.rotate_left(1);
        state.with(|s| s.comparing(&order).href())
    };
    view! { <a class="swap" href=href>{label}</a> }
}

/// One more document: a menu for small corpora, the results for any.
#[component]
fn AddDocument(docs: Vec<DocId>) -> impl IntoView {
    let corpus = expect_context::<Corpus>().0;
    let Url(state) = expect_context::<Url>();
    let go = navigator();
    (docs.len() < MAX_COMPARED).then(|| {
        let offered = docs.clone();
        let menu = doc_menu(
            corpus,
            move |d| !offered.contains(&d),
            "Add a document to the comparison",
            "Add a document…",
            move |id| {
                let mut list: Vec<&str> = docs.iter().map(|&d| corpus.id(d)).collect();
                list.push(&id);
                go(&state.get_untracked().comparing(&list), false);
            },
        );
        let from_results = move || state.with(|s| s.adding_to_comparison().href());
        view! {
            {menu}
            <a class="add-from-results" href=from_results title="Choose one more document from the results">"Add from results"</a>
        }
    })
}
