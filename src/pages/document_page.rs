//! The document view: the full text with every hit marked, stepping
//! through hits, metadata, and ways to compare.

use leptos::prelude::*;
use quire_engine::{Highlights, Span};

use crate::browser;
use crate::components::article_body::ArticleBody;
use crate::components::doc_menu::doc_menu;
use crate::components::doc_meta::{Byline, DocMeta};
use crate::components::highlighted::{Highlight, Highlighted, Marked};
use crate::pages::corpus_views::excerpt;
use crate::pages::search_page::back_link;
use crate::url_state::MAX_COMPARED;
use crate::{navigator, Corpus, Searched, Url};

/// Documents listed under "More like this".
const SIMILAR_SHOWN: usize = 5;

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
        searched
            .prepared
            .with(|p| corpus.highlights(p, &[doc_id]).pop().unwrap_or_default())
    });
    let body_marks = Memo::new(move |_| highlights.with(|h: &Highlights| h.body.clone()));
    let title_marks = Memo::new(move |_| highlights.with(|h: &Highlights| h.title.clone()));
    let hit_total = Memo::new(move |_| body_marks.with(|m| m.iter().map(|m| m.hit as usize + 1).max().unwrap_or(0)));
    let current = Memo::new(move |_| {
        let total = hit_total.get();
        state.with(|s| s.hit).filter(|_| total > 0).map(|h| h.min(total - 1))
    });
    // Where this document stands among the results, for stepping on.
    let position = Memo::new(move |_| {
        searched
            .results
            .with(|r| r.hits.iter().position(|h| h.doc == doc_id).map(|i| (i, r.hits.len())))
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
                let h = searched
                    .prepared
                    .with_untracked(|p| corpus.highlights(p, &[next]).pop().unwrap_or_default());
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
    let compare_menu = (corpus.len() > 1)
        .then(|| {
            let id = doc.id.clone();
            doc_menu(
                corpus,
                move |d| d != doc_id,
                "Compare with",
                "Compare with…",
                move |other| go_compare(&state.get_untracked().comparing(&[&id, &other]), false),
            )
        })
        .flatten();
    let pick_href = move || state.with(|s| s.picking(Some(&doc.id)).href());

    // Passages this document shares with others, and its quotes: marked
    // under the query's hits.
    let reused: Vec<usize> = corpus.reuse_in(doc_id);
    let quotes = corpus.quotes(doc_id);
    let current_quote = Memo::new(move |_| state.with(|s| s.quote).filter(|&q| q < quotes.len()));
    let under_marks = Memo::new(move |_| {
        let quote = current_quote.get();
        let mut marks: Vec<Marked> = Vec::new();
        if let Some(q) = quote {
            marks.extend(quotes[q].parts.iter().map(|&span| Marked {
                span,
                highlight: Highlight::Quote { index: q as u32 },
            }));
        }
        for &c in &corpus.reuse_in(doc_id) {
            let cluster = &corpus.reuse()[c];
            let others = cluster.docs().len().saturating_sub(1) as u32;
            for &(d, span) in &cluster.copies {
                if d == doc_id && !marks.iter().any(|m| m.span.overlaps(&span)) {
                    marks.push(Marked {
                        span,
                        highlight: Highlight::Reused { cluster: c as u32, others },
                    });
                }
            }
        }
        marks
    });
    Effect::new(move |_| {
        if current_quote.get().is_some() {
            request_animation_frame(|| {
                browser::mark_current("current-quote", "article.doc-body mark.quote", true);
            });
        }
    });
    let on_body_click = move |ev: leptos::ev::MouseEvent| {
        if let Some(c) = browser::closest(&ev, "mark[data-reuse]").and_then(|m| m.get_attribute("data-reuse")) {
            let selector = format!("#reuse-{c}");
            browser::mark_current("current-reuse", &selector, false);
            browser::reveal(&selector, false);
        }
    };
    let on_body_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" {
            if let Some(c) = browser::closest(&ev, "mark[data-reuse]").and_then(|m| m.get_attribute("data-reuse")) {
                let selector = format!("#reuse-{c}");
                browser::mark_current("current-reuse", &selector, false);
                browser::reveal(&selector, false);
            }
        }
    };

    let similar = corpus.similar(doc_id, SIMILAR_SHOWN);
    let more_like_this = (!similar.is_empty()).then(|| {
        let items = similar
            .into_iter()
            .map(|sim| {
                let other = corpus.doc(sim.doc);
                let (open, compare) = state.with_untracked(|s| (s.open(&other.id).href(), s.comparing(&[&doc.id, &other.id]).href()));
                let terms = sim.terms.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>().join(", ");
                let passages = match sim.passages.len() {
                    0 => "No passages in common.".to_string(),
                    1 => "1 passage in common.".to_string(),
                    n => format!("{n} passages in common."),
                };
                let score = (sim.score.clamp(0.0, 1.0) * 100.0).round() as u32;
                view! {
                    <li class="similar-doc">
                        <a href=open>{other.title.clone()}</a>
                        " " <span class="score" title="Cosine similarity of the two documents’ TF-IDF word vectors">{format!("{score}%")}</span>
                        <details class="why">
                            <summary>"Why?"</summary>
                            <p>"Shared distinctive words: " <span class="terms">{terms}</span> ". " {passages} " "
                                <a href=compare>"Compare"</a>
                            </p>
                        </details>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="aside-section more-like-this">
                <h2>"More like this"</h2>
                <ol>{items}</ol>
            </section>
        }
    });
    let reuse_list = (!reused.is_empty()).then(|| {
        let items = reused
            .iter()
            .map(|&c| {
                let cluster = &corpus.reuse()[c];
                let span = cluster
                    .copies
                    .iter()
                    .find(|(d, _)| *d == doc_id)
                    .map(|(_, s)| *s)
                    .unwrap_or(cluster.copies[0].1);
                let text = excerpt(doc.body.get(span.start..span.end).unwrap_or(""), 16);
                let others: Vec<quire_engine::DocId> = cluster.docs().into_iter().filter(|&d| d != doc_id).collect();
                let label = match others.len() {
                    1 => "Appears in 1 other document:".to_string(),
                    n => format!("Appears in {n} other documents:"),
                };
                let links = others
                    .iter()
                    .map(|&d| {
                        let o = corpus.doc(d);
                        let href = state.with_untracked(|s| s.open(&o.id).href());
                        let outlet = o.meta.source.clone().map(|s| format!(" ({s})")).unwrap_or_default();
                        view! { <li><a href=href>{o.title.clone()}</a>{outlet}</li> }
                    })
                    .collect_view();
                let mut ids: Vec<&str> = vec![doc.id.as_str()];
                ids.extend(others.iter().take(MAX_COMPARED - 1).map(|&d| corpus.id(d)));
                let compare = state.with_untracked(|s| s.comparing(&ids).href());
                view! {
                    <li class="reused-passage" id=format!("reuse-{c}")>
                        <q>{text}</q>
                        <p>{label}</p>
                        <ul>{links}</ul>
                        <a href=compare>"Compare side by side"</a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="aside-section reuse-list">
                <h2>{format!("Reused passages ({})", reused.len())}</h2>
                <ol>{items}</ol>
            </section>
        }
    });
    let quote_list = (!quotes.is_empty()).then(|| {
        let items = quotes
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let href = state.with_untracked(|s| s.open_quote(&doc.id, i).href());
                let who = q.speaker.clone().unwrap_or_else(|| "Unattributed".to_string());
                let text = excerpt(&q.text(&doc.body), 14);
                view! {
                    <li class:current=move || current_quote.get() == Some(i)>
                        <a href=href data-noscroll="">{who}</a> ": “" {text} "”"
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="aside-section quote-list">
                <h2>{format!("Quotes ({})", quotes.len())}</h2>
                <ol>{items}</ol>
            </section>
        }
    });

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
                <div class="doc-main" on:click=on_body_click on:keydown=on_body_key>
                    {move || view! {
                        <ArticleBody doc marks=under_marks.get() inner=body_marks.get().iter().map(Marked::from).collect()/>
                    }}
                </div>
                <aside class="doc-aside" aria-label="About this document">
                    <DocMeta doc/>
                    {more_like_this}
                    {reuse_list}
                    {quote_list}
                </aside>
            </div>
        </div>
    }
    .into_any()
}
