//! The compare view: two to four documents side by side. Paragraphs that
//! share a passage sit level in one row, so the sides never drift; every
//! shared passage has the same colour and number in each pane, near-matches
//! are marked apart with their changed words; a gutter, bands and a minimap
//! link the copies; N/P or a click brings a passage's twins into view.

use leptos::prelude::*;
use quire_engine::align::{blocks_of, compare_many_paused};
use quire_engine::{Block, Comparison, DocId, Document, Index, Progress};

use crate::browser;
use crate::components::article_body::blocks_view;
use crate::components::doc_menu::doc_menu;
use crate::components::doc_meta::Byline;
use crate::components::highlighted::{Highlight, Marked};
use crate::pages::search_page::back_link;
use crate::url_state::MAX_COMPARED;
use crate::{navigator, Corpus, Url};

const SIDES: [&str; MAX_COMPARED] = ["a", "b", "c", "d"];

/// The marks of document `d` in a comparison: its copies of the shared
/// passages, and inside near-matches the words that changed.
pub fn passage_marks(comparison: &Comparison, d: usize) -> (Vec<Marked>, Vec<Marked>) {
    let mut outer = Vec::new();
    let mut inner = Vec::new();
    for (k, p) in comparison.passages.iter().enumerate() {
        let highlight = Highlight::Passage {
            number: k as u32 + 1,
            near: p.near,
        };
        outer.extend(p.copies[d].iter().map(|&span| Marked { span, highlight }));
        inner.extend(p.changes[d].iter().map(|&span| Marked {
            span,
            highlight: Highlight::Changed,
        }));
    }
    (outer, inner)
}

/// Per block of document `d`, the numbers of the passages in it, in
/// order. Each copy finds its blocks by binary search: linear in the
/// copies, not blocks × passages.
fn passages_by_block(comparison: &Comparison, d: usize, blocks: &[Block]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); blocks.len()];
    for (k, p) in comparison.passages.iter().enumerate() {
        for s in &p.copies[d] {
            // The first block ending after the copy starts, then on while
            // blocks start before it ends.
            let mut b = blocks.partition_point(|b| b.end.max(b.start + 1) <= s.start);
            while b < blocks.len() && blocks[b].start < s.end {
                if out[b].last() != Some(&(k + 1)) {
                    out[b].push(k + 1);
                }
                b += 1;
            }
        }
    }
    out
}

/// What the aligned grid shows, row by row: a row of the comparison, or
/// a fold standing for rows without shared passages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Line {
    Row(usize),
    Fold { rows: usize, paragraphs: usize },
}

/// The lines of the grid; with `matched_only`, runs of rows that hold no
/// shared passage fold into one line.
pub fn lines(comparison: &Comparison, by_block: &[Vec<Vec<usize>>], matched_only: bool) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    for (r, row) in comparison.rows.iter().enumerate() {
        let matched = row
            .cells
            .iter()
            .enumerate()
            .any(|(d, cell)| cell.iter().any(|&b| !by_block[d][b].is_empty()));
        if matched || !matched_only {
            out.push(Line::Row(r));
            continue;
        }
        let paragraphs: usize = row.cells.iter().map(Vec::len).sum();
        match out.last_mut() {
            Some(Line::Fold { rows, paragraphs: p }) => {
                *rows += 1;
                *p += paragraphs;
            }
            _ => out.push(Line::Fold { rows: 1, paragraphs }),
        }
    }
    out
}

fn percent(x: f32) -> String {
    // Tenths of a percent, formatted by hand: float formatting would add
    // 10 KB of wasm.
    let tenths = (x.clamp(0.0, 1.0) * 1000.0).round() as u32;
    format!("{}.{}%", tenths / 10, tenths % 10)
}

fn folded(paragraphs: usize) -> String {
    match paragraphs {
        1 => "⋯ 1 paragraph without shared passages".to_string(),
        n => format!("⋯ {n} paragraphs without shared passages"),
    }
}

/// Why two documents are alike: the TF-IDF cosine and the distinctive
/// words behind it.
fn why_alike(corpus: &'static Index, docs: &[DocId]) -> impl IntoView {
    let mut rows = Vec::new();
    for (i, &a) in docs.iter().enumerate() {
        for &b in &docs[i + 1..] {
            let score = corpus.similarity(a, b);
            let terms = corpus
                .shared_terms(a, b, 10)
                .into_iter()
                .map(|(t, _)| t)
                .collect::<Vec<_>>()
                .join(", ");
            let pair = if docs.len() > 2 {
                Some(format!("{} ↔ {}: ", corpus.title(a), corpus.title(b)))
            } else {
                None
            };
            rows.push(view! {
                <li>
                    {pair}
                    <strong>{format!("{} similar", percent(score))}</strong>
                    {(!terms.is_empty()).then(|| view! { " · shared distinctive words: " <span class="terms">{terms}</span> })}
                </li>
            });
        }
    }
    view! {
        <details class="why-alike">
            <summary>"Why alike?"</summary>
            <p class="notice">
                "Similarity is the cosine of the documents’ TF-IDF word vectors (sublinear term frequency, stop words dropped, stems), "
                "the shared words weighing most listed first. Shared passages are counted separately, above."
            </p>
            <ul>{rows}</ul>
        </details>
    }
}

/// A column's head: its letter, title, byline, share of shared words and
/// (with more than two documents) a way to remove it.
fn column_head(corpus: &'static Index, state: Memo<crate::url_state::UrlState>, docs: &[DocId], d: usize, share: &str) -> AnyView {
    let doc = corpus.doc(docs[d]);
    let open = state.with_untracked(|s| s.open(&doc.id).href());
    let remove = (docs.len() > 2).then(|| {
        let rest: Vec<&str> = docs.iter().filter(|&&x| x != docs[d]).map(|&x| corpus.id(x)).collect();
        let href = state.with_untracked(|s| s.comparing(&rest).href());
        view! {
            <a class="remove" href=href title="Remove from the comparison" aria-label=format!("Remove “{}” from the comparison", doc.title)>"✕"</a>
        }
    });
    view! {
        <h2><span class="side-badge" aria-hidden="true">{SIDES[d].to_uppercase()}</span> " " <a href=open>{doc.title.clone()}</a> {remove}</h2>
        <Byline doc/>
        <p class="share">{share.to_string()}</p>
    }
    .into_any()
}

/// The compare view: the documents the URL names are compared (in slices,
/// with a progress bar, when they are long), then shown. Leaving the view
/// abandons a comparison under way.
#[component]
pub fn ComparePage(ids: Vec<String>) -> impl IntoView {
    let corpus = expect_context::<Corpus>().0;
    let Url(state) = expect_context::<Url>();
    let missing: Vec<&String> = ids.iter().filter(|id| corpus.find(id).is_none()).collect();
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
    let docs: Vec<DocId> = ids.iter().filter_map(|id| corpus.find(id)).take(MAX_COMPARED).collect();
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
    let bytes: usize = docs.iter().map(|&d| corpus.doc(d).body.len()).sum();
    (move || match comparison.get() {
        Some(c) => view! { <CompareView docs=docs.clone() comparison=c/> }.into_any(),
        None => view! {
            <div class="comparing" role="status">
                <p>{format!("Comparing {} documents ({})…", docs.len(), format_bytes(bytes))}</p>
                <progress max="1000" value=move || (progress.get().fraction() * 1000.0).round().to_string() aria-label="Comparison progress"></progress>
                <p>"Long documents take a while. " {move || state.with(|s| view! { <a href=s.to_search().href()>"Stop, back to the results"</a> })}</p>
            </div>
        }
        .into_any(),
    })
    .into_any()
}

/// A size in bytes as people read it: `820 KB`, `5.2 MB`.
fn format_bytes(bytes: usize) -> String {
    match bytes {
        b if b < 1_000_000 => format!("{} KB", b.div_ceil(1000)),
        b => format!("{}.{} MB", b / 1_000_000, b % 1_000_000 / 100_000),
    }
}

/// Documents side by side, with their comparison.
#[component]
fn CompareView(docs: Vec<DocId>, comparison: Comparison) -> impl IntoView {
    let corpus = expect_context::<Corpus>().0;
    let Url(state) = expect_context::<Url>();
    let n = docs.len();
    let passages = comparison.passages.len();
    let near = comparison.passages.iter().filter(|p| p.near).count();
    let blocks: Vec<Vec<Block>> = docs.iter().map(|&d| blocks_of(corpus.doc(d))).collect();
    let marks: Vec<(Vec<Marked>, Vec<Marked>)> = (0..n).map(|d| passage_marks(&comparison, d)).collect();
    let by_block: Vec<Vec<Vec<usize>>> = (0..n).map(|d| passages_by_block(&comparison, d, &blocks[d])).collect();
    let go = navigator();

    // Where the last passage was chosen from: its pane, or none (N/P, the
    // gutter, the minimap, a reload).
    let origin: StoredValue<Option<usize>> = StoredValue::new(None);
    let select = {
        let go = go.clone();
        move |number: usize, from: Option<usize>| {
            origin.set_value(from);
            go(&state.get_untracked().with_passage(number), true);
        }
    };
    // Clicking (or Enter on) a passage brings its twins into view.
    let pick_mark = {
        let select = select.clone();
        move |ev: &web_sys::Event| {
            let Some(mark) = browser::closest(ev, "[data-passage]") else {
                return;
            };
            let Some(number) = mark.get_attribute("data-passage").and_then(|n| n.parse().ok()) else {
                return;
            };
            let side = browser::closest(ev, "article[data-side]")
                .and_then(|a| a.get_attribute("data-side"))
                .and_then(|s| SIDES.iter().position(|x| *x == s));
            select(number, side);
        }
    };
    let on_click = {
        let pick_mark = pick_mark.clone();
        move |ev: leptos::ev::MouseEvent| pick_mark(&ev)
    };
    let on_key = {
        let pick_mark = pick_mark.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            if ev.key() == "Enter" || ev.key() == " " {
                ev.prevent_default();
                pick_mark(&ev);
            }
        }
    };

    let current = Memo::new(move |_| state.with(|s| s.passage).filter(|&p| p <= passages));
    let step = {
        let select = select.clone();
        move |forward: bool| {
            if passages == 0 {
                return;
            }
            let next = match (current.get_untracked(), forward) {
                (None, true) => 1,
                (None, false) => passages,
                (Some(p), true) => p % passages + 1,
                (Some(p), false) => (p + passages - 2) % passages + 1,
            };
            select(next, None);
        }
    };
    let keys = {
        let step = step.clone();
        window_event_listener(leptos::ev::keydown, move |ev| {
            if browser::typing_in_field(&ev) {
                return;
            }
            match ev.key().as_str() {
                "n" | "N" | "j" => step(true),
                "p" | "P" | "k" => step(false),
                _ => {}
            }
        })
    };
    on_cleanup(move || keys.remove());

    let layout = Memo::new(move |_| state.with(|s| (s.free_layout, s.matched_only)));
    Effect::new(move |_| {
        let p = current.get();
        let (free, _) = layout.get();
        let from = origin.get_value();
        request_animation_frame(move || {
            let Some(p) = p else {
                browser::mark_current("current", "mark.no-such-passage", false);
                return;
            };
            let selector = format!("mark[data-passage=\"{p}\"]");
            if !browser::mark_current("current", &selector, false) {
                return;
            }
            let in_side = |d: usize| format!("article[data-side=\"{}\"] {selector}", SIDES[d]);
            if free {
                // Each pane scrolls on its own: bring every copy into view.
                for d in (0..n).filter(|&d| Some(d) != from) {
                    browser::reveal(&in_side(d), true);
                }
            } else {
                // One scroll for all panes: copies in one row are level
                // already; show the first twin, from the clicked pane on.
                let twin = (0..n).filter(|&d| Some(d) != from).find(|&d| browser::exists(&in_side(d)));
                if let Some(d) = twin {
                    browser::reveal(&in_side(d), from.is_none());
                }
            }
        });
    });

    let summary = {
        let near_note = if near > 0 { format!(" ({near} near)") } else { String::new() };
        match passages {
            0 => "No shared passages".to_string(),
            1 => format!("1 shared passage{near_note} · {} of words shared", percent(comparison.similarity)),
            k => format!(
                "{k} shared passages{near_note} · {} of words shared",
                percent(comparison.similarity)
            ),
        }
    };
    let ids_of = move |list: &[DocId]| -> Vec<&'static str> { list.iter().map(|&d| corpus.id(d)).collect() };
    let rearrange_href = {
        let docs = docs.clone();
        move || {
            // Two documents swap; more rotate, the first going last.
            let mut order = docs.clone();
            order.rotate_left(1);
            state.with(|s| s.comparing(&ids_of(&order)).href())
        }
    };
    let go_opt = go.clone();
    let on_align = move |ev: leptos::ev::Event| {
        let aligned = event_target_checked(&ev);
        let s = state.get_untracked();
        go_opt(&s.with_compare_options(!aligned, s.matched_only), true);
    };
    let go_only = go.clone();
    let on_only = move |ev: leptos::ev::Event| {
        let only = event_target_checked(&ev);
        let s = state.get_untracked();
        go_only(&s.with_compare_options(s.free_layout, only), true);
    };
    let go_unfold = go.clone();
    let unfold = move |_| {
        let s = state.get_untracked();
        go_unfold(&s.with_compare_options(s.free_layout, false), true);
    };

    // Adding a document: a menu for small corpora, the results for any.
    let adder = (n < MAX_COMPARED).then(|| {
        let go_add = go.clone();
        let docs_now = docs.clone();
        let menu = doc_menu(
            corpus,
            |d| !docs.contains(&d),
            "Add a document to the comparison",
            "Add a document…",
            move |id| {
                let mut list = ids_of(&docs_now);
                list.push(corpus.id(corpus.find(&id).unwrap_or(docs_now[0])));
                go_add(&state.get_untracked().comparing(&list), false);
            },
        );
        let from_results = move || state.with(|s| s.adding_to_comparison().href());
        view! {
            {menu}
            <a class="add-from-results" href=from_results title="Choose one more document from the results">"Add from results"</a>
        }
    });

    let shares: Vec<String> = (0..n)
        .map(|d| match comparison.total_words[d] {
            0 => String::new(),
            t => format!("{} of {t} words in shared passages", comparison.shared_words[d]),
        })
        .collect();
    let head = {
        let docs = docs.clone();
        move |d: usize| column_head(corpus, state, &docs, d, &shares[d])
    };
    let head = std::sync::Arc::new(head);

    // The aligned grid: a row per line, each document an <article> whose
    // cells sit in the grid (display: contents), a gutter of passage
    // numbers and a band behind rows that share passages.
    let rows_view = {
        let head = head.clone();
        let docs = docs.clone();
        let comparison = comparison.clone();
        let blocks = blocks.clone();
        let marks = marks.clone();
        let by_block = by_block.clone();
        let unfold = unfold.clone();
        move |only: bool| {
            let by_block = &by_block;
            let lines = lines(&comparison, by_block, only);
            let mut gutter = Vec::new();
            let mut folds = Vec::new();
            for (i, line) in lines.iter().enumerate() {
                let grid_row = (i + 2).to_string();
                match *line {
                    Line::Row(r) => {
                        let mut numbers: Vec<usize> = comparison.rows[r]
                            .cells
                            .iter()
                            .enumerate()
                            .flat_map(|(d, cell)| cell.iter().flat_map(move |&b| by_block[d][b].iter().copied()))
                            .collect();
                        numbers.sort_unstable();
                        numbers.dedup();
                        if numbers.is_empty() {
                            continue;
                        }
                        let badges = numbers
                            .iter()
                            .map(|&k| {
                                let near = comparison.passages[k - 1].near;
                                view! {
                                    <button
                                        type="button"
                                        class=format!("badge p{}", (k - 1) % 8)
                                        data-passage=k
                                        title=format!("Passage {k}: show it in every pane")
                                    >
                                        {if near { format!("≈{k}") } else { k.to_string() }}
                                    </button>
                                }
                            })
                            .collect_view();
                        let linked = numbers.len();
                        gutter.push(view! {
                            <div class="band" style:grid-row=grid_row.clone() aria-hidden="true"></div>
                            <div class="gutter" style:grid-row=grid_row aria-label=format!("{linked} shared passages in this row")>{badges}</div>
                        });
                    }
                    Line::Fold { paragraphs, .. } => {
                        let unfold = unfold.clone();
                        folds.push(view! {
                            <div class="fold" style:grid-row=grid_row>
                                <button type="button" class="link" on:click=unfold>{folded(paragraphs)}</button>
                            </div>
                        });
                    }
                }
            }
            let articles = (0..n)
                .map(|d| {
                    let doc = corpus.doc(docs[d]);
                    let (outer, inner) = &marks[d];
                    let cells = lines
                        .iter()
                        .enumerate()
                        .filter_map(|(i, line)| {
                            let Line::Row(r) = *line else { return None };
                            let cell = &comparison.rows[r].cells[d];
                            if cell.is_empty() {
                                return None;
                            }
                            let shown: Vec<Block> = cell.iter().map(|&b| blocks[d][b]).collect();
                            Some(view! {
                                <div class="cell" style:grid-row=(i + 2).to_string() style:grid-column=(d + 2).to_string()>
                                    {blocks_view(doc, &shown, outer, inner)}
                                </div>
                            })
                        })
                        .collect_view();
                    let empty = blocks[d].is_empty().then(|| view! {
                        <p class="cell no-text" style:grid-row="2" style:grid-column=(d + 2).to_string()>"This document has no text, only a title."</p>
                    });
                    view! {
                        <article class="doc-body" data-side=SIDES[d] aria-label=doc.title.clone()>{empty}{cells}</article>
                    }
                })
                .collect_view();
            let head_cells = (0..n)
                .map(|d| {
                    view! {
                        <header class="col-head" style:grid-column=(d + 2).to_string()>
                            {head(d)}
                        </header>
                    }
                })
                .collect_view();
            view! {
                <div class=format!("compare-grid n{n}")>
                    {head_cells}
                    {gutter}
                    {folds}
                    {articles}
                </div>
            }
        }
    };

    // Free layout: each document in its own scrolling pane.
    let columns_view = {
        let head = head.clone();
        let docs = docs.clone();
        let blocks = blocks.clone();
        let marks = marks.clone();
        let by_block = by_block.clone();
        let unfold = unfold.clone();
        move |only: bool| {
            let cols = (0..n)
                .map(|d| {
                    let doc = corpus.doc(docs[d]);
                    let (outer, inner) = &marks[d];
                    let mut parts: Vec<AnyView> = Vec::new();
                    let mut run: Vec<Block> = Vec::new();
                    let mut skipped = 0;
                    for (b, block) in blocks[d].iter().enumerate() {
                        if only && by_block[d][b].is_empty() {
                            if !run.is_empty() {
                                parts.extend(blocks_view(doc, &run, outer, inner));
                                run.clear();
                            }
                            skipped += 1;
                            continue;
                        }
                        if skipped > 0 {
                            let unfold = unfold.clone();
                            parts.push(
                                view! { <p class="fold"><button type="button" class="link" on:click=unfold>{folded(skipped)}</button></p> }
                                    .into_any(),
                            );
                            skipped = 0;
                        }
                        run.push(*block);
                    }
                    parts.extend(blocks_view(doc, &run, outer, inner));
                    if skipped > 0 {
                        let unfold = unfold.clone();
                        parts.push(
                            view! { <p class="fold"><button type="button" class="link" on:click=unfold>{folded(skipped)}</button></p> }
                                .into_any(),
                        );
                    }
                    let empty = blocks[d]
                        .is_empty()
                        .then(|| view! { <p class="no-text">"This document has no text, only a title."</p> });
                    view! {
                        <section class="compare-col" aria-label=format!("Document {}", d + 1)>
                            <header class="col-head">{head(d)}</header>
                            <article class="doc-body" data-side=SIDES[d]>{empty}{parts}</article>
                        </section>
                    }
                })
                .collect_view();
            view! { <div class=format!("compare-cols n{n}")>{cols}</div> }
        }
    };

    // The minimap: where each document's shared passages fall.
    let minimap = {
        let select = select.clone();
        let maps = (0..n)
            .map(|d| {
                let doc = corpus.doc(docs[d]);
                let len = doc.body.len().max(1) as f64;
                let rects = comparison
                    .passages
                    .iter()
                    .enumerate()
                    .flat_map(|(k, p)| p.copies[d].iter().map(move |s| (k, *s)))
                    .map(|(k, s)| {
                        let y = (s.start as f64 / len * 1000.0).round();
                        let h = ((s.len() as f64 / len * 1000.0).round()).max(6.0);
                        view! {
                            <rect
                                class=format!("p{}", k % 8)
                                x="1"
                                y=y.to_string()
                                width="10"
                                height=h.to_string()
                                data-passage=k + 1
                            ></rect>
                        }
                    })
                    .collect_view();
                let label = format!(
                    "{}: {} shared passages",
                    doc.title,
                    comparison.passages.iter().filter(|p| !p.copies[d].is_empty()).count()
                );
                view! {
                    <svg class="map" viewBox="0 0 12 1000" preserveAspectRatio="none" role="img" aria-label=label>
                        <rect class="map-bg" x="0" y="0" width="12" height="1000"></rect>
                        {rects}
                    </svg>
                }
            })
            .collect_view();
        let on_map = move |ev: leptos::ev::MouseEvent| {
            if let Some(k) = browser::closest(&ev, "[data-passage]")
                .and_then(|m| m.get_attribute("data-passage"))
                .and_then(|k| k.parse().ok())
            {
                select(k, None);
            }
        };
        view! {
            <aside class="minimap" aria-label="Where the shared passages fall in each document" on:click=on_map>
                {maps}
                <p class="map-legend" aria-hidden="true">{SIDES[..n].iter().map(|s| s.to_uppercase()).collect::<Vec<_>>().join(" ")}</p>
            </aside>
        }
    };

    let gutter_click = {
        let select = select.clone();
        move |ev: leptos::ev::MouseEvent| {
            if let Some(k) = browser::closest(&ev, ".gutter [data-passage]")
                .and_then(|m| m.get_attribute("data-passage"))
                .and_then(|k| k.parse().ok())
            {
                select(k, None);
            } else {
                on_click(ev);
            }
        }
    };
    let body = move || {
        let (free, only) = layout.get();
        if free {
            columns_view(only).into_any()
        } else {
            rows_view(only).into_any()
        }
    };
    let (prev, next) = (step.clone(), step);
    let why = why_alike(corpus, &docs);
    let swap_label = if n == 2 { "⇄ Swap sides" } else { "⇄ Rotate" };

    view! {
        <div class="compare-page">
            <nav class="doc-nav">
                {move || state.with(back_link)}
                <span class="similarity" title="Share of the documents’ words that lie in a shared passage">{summary}</span>
                <div class="hit-nav" role="group" aria-label="Shared passages">
                    <button type="button" on:click=move |_| prev(false) disabled=passages == 0 title="Previous passage (p)">"↑ Prev"</button>
                    <span class="hit-position" aria-live="polite">
                        {move || current.get().map(|p| format!("Passage {p} of {passages}")).unwrap_or_default()}
                    </span>
                    <button type="button" on:click=move |_| next(true) disabled=passages == 0 title="Next passage (n)">"Next ↓"</button>
                </div>
                <label class="toggle">
                    <input type="checkbox" class="align-toggle" prop:checked=move || !layout.get().0 on:change=on_align/>
                    " Align rows, scroll together"
                </label>
                <label class="toggle">
                    <input type="checkbox" class="only-toggle" prop:checked=move || layout.get().1 on:change=on_only/>
                    " Shared passages only"
                </label>
                <a class="swap" href=rearrange_href>{swap_label}</a>
                {adder}
            </nav>
            {why}
            <div class="compare-main">
                <div class="compare-body" on:click=gutter_click on:keydown=on_key>
                    {body}
                </div>
                {minimap}
            </div>
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use quire_engine::align::compare_many;
    use quire_engine::ingest::text_document;
    use quire_engine::Analyzer;

    const SHARED: &str = "The contract for the federated data platform is worth three hundred and thirty million pounds over seven years.";

    #[test]
    fn marks_cover_every_copy_and_changes_sit_inside_them() {
        let a = text_document("a", "", &format!("Intro words here.\n\n{SHARED}\n\nAn ending."));
        let b = text_document("b", "", &format!("{}\n\nOther text entirely.", SHARED.replace("seven", "eight")));
        let c = compare_many(&Analyzer::new(), &[&a, &b]);
        assert!(!c.passages.is_empty());
        for (d, doc) in [&a, &b].into_iter().enumerate() {
            let (outer, inner) = passage_marks(&c, d);
            assert_eq!(outer.len(), c.passages.iter().map(|p| p.copies[d].len()).sum::<usize>());
            for m in &inner {
                assert!(
                    outer.iter().any(|o| o.span.start <= m.span.start && m.span.end <= o.span.end),
                    "change inside a passage"
                );
                assert!(doc.body.is_char_boundary(m.span.start) && doc.body.is_char_boundary(m.span.end));
            }
        }
    }

    #[test]
    fn matched_only_folds_runs_of_unmatched_rows() {
        let a = text_document("a", "", &format!("One.\n\nTwo.\n\n{SHARED}\n\nThree.\n\nFour."));
        let b = text_document("b", "", &format!("Alpha.\n\n{SHARED}\n\nBeta."));
        let c = compare_many(&Analyzer::new(), &[&a, &b]);
        let blocks = [blocks_of(&a), blocks_of(&b)];
        let by_block: Vec<Vec<Vec<usize>>> = (0..2).map(|d| passages_by_block(&c, d, &blocks[d])).collect();
        let all = lines(&c, &by_block, false);
        assert_eq!(all.len(), c.rows.len());
        let only = lines(&c, &by_block, true);
        let rows: Vec<&Line> = only.iter().filter(|l| matches!(l, Line::Row(_))).collect();
        assert_eq!(rows.len(), 1, "{only:?}");
        // No two folds in a row, and every paragraph is either shown or folded.
        assert!(only
            .windows(2)
            .all(|w| !matches!((&w[0], &w[1]), (Line::Fold { .. }, Line::Fold { .. }))));
        let folded: usize = only
            .iter()
            .map(|l| if let Line::Fold { paragraphs, .. } = l { *paragraphs } else { 0 })
            .sum();
        let shown: usize = only
            .iter()
            .map(|l| {
                if let Line::Row(r) = l {
                    c.rows[*r].cells.iter().map(Vec::len).sum()
                } else {
                    0
                }
            })
            .sum();
        assert_eq!(folded + shown, blocks[0].len() + blocks[1].len());
    }
}
