//! The compare view: two documents side by side, every shared passage
//! marked in both with the same colour and number; clicking a passage
//! brings its twin into view.

use leptos::prelude::*;
use quire_engine::DocId;

use crate::browser;
use crate::components::article_body::ArticleBody;
use crate::components::doc_meta::Byline;
use crate::components::highlighted::{Highlight, Marked};
use crate::pages::search_page::back_link;
use crate::{navigator, Corpus, Url};

const SIDES: [&str; 2] = ["a", "b"];

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
    let docs: Vec<DocId> = ids.iter().filter_map(|id| corpus.find(id)).take(2).collect();
    let (a, b) = (docs[0], docs[1]);
    let comparison = corpus.compare(a, b);
    let passages = comparison.passages.len();
    let marks = |side: usize| -> Vec<Marked> {
        comparison
            .passages
            .iter()
            .enumerate()
            .flat_map(|(k, p)| {
                let spans = if side == 0 { &p.a } else { &p.b };
                spans.iter().map(move |&span| Marked {
                    span,
                    highlight: Highlight::Passage { number: k as u32 + 1 },
                })
            })
            .collect()
    };
    let go = navigator();

    // Clicking (or Enter on) a passage shows its twin on the other side.
    let show_twin = {
        let go = go.clone();
        move |ev: &web_sys::Event| {
            let Some(mark) = browser::closest(ev, "mark[data-passage]") else { return };
            let Some(number) = mark.get_attribute("data-passage") else { return };
            let side = browser::closest(ev, "article[data-side]")
                .and_then(|a| a.get_attribute("data-side"))
                .unwrap_or_default();
            let other = if side == "a" { "b" } else { "a" };
            browser::scroll_to_selector(&format!("article[data-side=\"{other}\"] mark[data-passage=\"{number}\"]"));
            if let Ok(n) = number.parse() {
                go(&state.get_untracked().with_passage(n), true);
            }
        }
    };
    let on_click = {
        let show_twin = show_twin.clone();
        move |ev: leptos::ev::MouseEvent| show_twin(&ev)
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" || ev.key() == " " {
            show_twin(&ev);
        }
    };

    let current = Memo::new(move |_| state.with(|s| s.passage).filter(|&p| p <= passages));
    let step = {
        let go = go.clone();
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
            go(&state.get_untracked().with_passage(next), true);
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
    Effect::new(move |_| {
        let p = current.get();
        request_animation_frame(move || {
            let selector = match p {
                Some(p) => format!("mark[data-passage=\"{p}\"]"),
                None => "mark.no-such-passage".to_string(),
            };
            if browser::mark_current("current", &selector, false) {
                for side in SIDES {
                    browser::scroll_to_selector(&format!("article[data-side=\"{side}\"] {selector}"));
                }
            }
        });
    });

    // Tenths of a percent, formatted by hand: float formatting would add
    // 10 KB of wasm for this one number.
    let tenths = (comparison.similarity * 1000.0).round() as u32;
    let percent = format!("{}.{}%", tenths / 10, tenths % 10);
    let summary = match passages {
        0 => "No shared passages".to_string(),
        1 => format!("1 shared passage · {percent} of words shared"),
        n => format!("{n} shared passages · {percent} of words shared"),
    };
    let (prev, next) = (step.clone(), step);
    let swap_href = move || {
        state.with(|s| s.comparing(&[&corpus.doc(b).id, &corpus.doc(a).id]).href())
    };
    let column = move |side: usize, doc: DocId| {
        let d = corpus.doc(doc);
        let open = state.with_untracked(|s| s.open(&d.id).href());
        view! {
            <section class="compare-col" aria-label=format!("Document {}", side + 1)>
                <header class="doc-head">
                    <h2><a href=open>{d.title.clone()}</a></h2>
                    <Byline doc=d/>
                </header>
                <ArticleBody doc=d marks=marks(side) side=SIDES[side].to_string()/>
            </section>
        }
    };
    view! {
        <div class="compare-page">
            <nav class="doc-nav">
                {move || state.with(back_link)}
                <span class="similarity" title="Share of both documents' words that lie in a shared passage">{summary}</span>
                <div class="hit-nav" role="group" aria-label="Shared passages">
                    <button type="button" on:click=move |_| prev(false) disabled=passages == 0 title="Previous passage (p)">"↑ Prev"</button>
                    <span class="hit-position" aria-live="polite">
                        {move || current.get().map(|p| format!("Passage {p} of {passages}")).unwrap_or_default()}
                    </span>
                    <button type="button" on:click=move |_| next(true) disabled=passages == 0 title="Next passage (n)">"Next ↓"</button>
                </div>
                <a class="swap" href=swap_href>"⇄ Swap sides"</a>
            </nav>
            <div class="compare-cols" on:click=on_click on:keydown=on_key>
                {column(0, a)}
                {column(1, b)}
            </div>
        </div>
    }
    .into_any()
}
