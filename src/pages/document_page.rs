//! The document view: the full text with every hit marked, stepping
//! through hits, metadata, and ways to compare.

use leptos::prelude::*;
use quire_engine::{Highlights, Span};

use crate::browser;
use crate::components::article_body::ArticleBody;
use crate::components::doc_meta::{Byline, DocMeta};
use crate::components::highlighted::{Highlighted, Marked};
use crate::pages::search_page::back_link;
use crate::{navigator, Corpus, Searched, Url};

/// The compare menu lists at most this many documents; larger corpora use
/// "pick" from the results.
const COMPARE_MENU_MAX: usize = 300;

#[component]
pub fn DocumentPage(id: String) -> impl IntoView {
    let corpus = expect_context::<Corpus>().0;
    let Url(state) = expect_context::<Url>();
    let searched = expect_context::<Searched>();
    let Some(doc_id) = corpus.find(&id) else {
        return view! {
            <div class="not-found" role="alert">
                <h1>"No such document"</h1>
                <p>"This corpus has no document with the id “" {id} "”."</p>
                {move || state.with(back_link)}
            </div>
        }
        .into_any();
    };
    let doc = corpus.doc(doc_id);
    let go = navigator();

    let query_text = Memo::new(move |_| state.with(|s| s.query.clone()));
    let highlights = Memo::new(move |_| {
        searched.prepared.with(|p| corpus.highlights(p, &[doc_id]).pop().unwrap_or_default())
    });
    let body_marks = Memo::new(move |_| highlights.with(|h: &Highlights| h.body.clone()));
    let title_marks = Memo::new(move |_| highlights.with(|h: &Highlights| h.title.clone()));
    let hit_total = Memo::new(move |_| {
        body_marks.with(|m| m.iter().map(|m| m.hit as usize + 1).max().unwrap_or(0))
    });
    let current = Memo::new(move |_| {
        let total = hit_total.get();
        state.with(|s| s.hit).filter(|_| total > 0).map(|h| h.min(total - 1))
    });
    // Where this document stands among the results, for stepping on.
    let position = Memo::new(move |_| {
        searched.results.with(|r| {
            r.hits.iter().position(|h| h.doc == doc_id).map(|i| (i, r.hits.len()))
        })
    });

    // Next hit; after the last one, the next result's first hit (and back).
    let step = {
        let go = go.clone();
        move |forward: bool| {
            let total = hit_total.get_untracked();
            let s = state.get_untracked();
            let within = match (current.get_untracked(), forward) {
                (None, true) if total > 0 => Some(0),
                (None, false) if total > 0 => Some(total - 1),
                (Some(h), true) if h + 1 < total => Some(h + 1),
                (Some(h), false) if h > 0 => Some(h - 1),
                _ => None,
            };
            if let Some(hit) = within {
                go(&s.with_hit(hit), true);
                return;
            }
            let Some(next) = searched.neighbour(doc_id, forward) else {
                // The ends of the results: wrap within the document.
                if total > 0 {
                    go(&s.with_hit(if forward { 0 } else { total - 1 }), true);
                }
                return;
            };
            let hit = if forward {
                0
            } else {
                let h = searched.prepared.with_untracked(|p| corpus.highlights(p, &[next]).pop().unwrap_or_default());
                h.body.iter().map(|m| m.hit as usize).max().unwrap_or(0)
            };
            go(&s.open_at(corpus.id(next), hit), false);
        }
    };
    let keys = {
        let step = step.clone();
        window_event_listener(leptos::ev::keydown, move |ev| {
            if browser::typing_in_field(&ev) {
                return;
            }
            match ev.key().as_str() {
                "n" | "j" => step(true),
                "p" | "k" => step(false),
                _ => {}
            }
        })
    };
    on_cleanup(move || keys.remove());

    // Mark the current hit and bring it into view.
    Effect::new(move |_| {
        let hit = current.get();
        body_marks.track();
        request_animation_frame(move || {
            let selector = match hit {
                Some(h) => format!("article.doc-body mark[data-hit=\"{h}\"]"),
                None => "mark.no-such-hit".to_string(),
            };
            browser::mark_current("current", &selector, hit.is_some());
        });
    });

    let (prev, next) = (step.clone(), step);
    let hit_nav = move || {
        let total = hit_total.get();
        query_text.with(|q| !q.trim().is_empty()).then(|| {
            let hits = match current.get() {
                Some(h) => format!("Hit {} of {total}", h + 1),
                None if total == 0 => "No hits in the text".to_string(),
                None => format!("{total} hit{}", if total == 1 { "" } else { "s" }),
            };
            let result = position.get().map(|(i, n)| format!(" · result {} of {n}", i + 1)).unwrap_or_default();
            let (prev, next) = (prev.clone(), next.clone());
            view! {
                <div class="hit-nav" role="group" aria-label="Hits">
                    <button type="button" on:click=move |_| prev(false) title="Previous hit (p); before the first, the previous result">"↑ Prev"</button>
                    <span class="hit-position" aria-live="polite">{hits}{result}</span>
                    <button type="button" on:click=move |_| next(true) title="Next hit (n); after the last, the next result">"Next ↓"</button>
                </div>
            }
        })
    };

    let go_compare = go.clone();
    let on_compare = move |ev: leptos::ev::Event| {
        let other = event_target_value(&ev);
        if !other.is_empty() {
            go_compare(&state.get_untracked().comparing(&[&doc.id, &other]), false);
        }
    };
    let compare_menu = (corpus.len() > 1 && corpus.len() <= COMPARE_MENU_MAX).then(|| {
        let options = corpus
            .docs()
            .filter(|(d, _)| *d != doc_id)
            .map(|(_, other)| view! { <option value=other.id.clone()>{other.title.clone()}</option> })
            .collect_view();
        view! {
            <label class="compare-menu">
                <span class="visually-hidden">"Compare with"</span>
                <select on:change=on_compare>
                    <option value="" selected>"Compare with…"</option>
                    {options}
                </select>
            </label>
        }
    });
    let pick_href = move || state.with(|s| s.picking(Some(&doc.id)).href());

    view! {
        <div class="doc-page">
            <nav class="doc-nav">
                {move || state.with(back_link)}
                {hit_nav}
                {compare_menu}
                <a class="pick" href=pick_href title="Pick this document, then choose another in the results">"Pick to compare"</a>
            </nav>
            <header class="doc-head">
                <h1>
                    {move || view! {
                        <Highlighted
                            text=doc.title.as_str()
                            range=Span::new(0, doc.title.len())
                            marks=title_marks.get().iter().map(Marked::from).collect()
                        />
                    }}
                </h1>
                <Byline doc/>
            </header>
            <div class="doc-layout">
                {move || view! { <ArticleBody doc marks=body_marks.get().iter().map(Marked::from).collect()/> }}
                <aside class="doc-aside" aria-label="Metadata">
                    <DocMeta doc/>
                </aside>
            </div>
        </div>
    }
    .into_any()
}
