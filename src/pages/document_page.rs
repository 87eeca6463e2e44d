//! The document view: the full text with every hit marked, stepping
//! through hits (on into the next result), metadata, reused passages,
//! quotes, similar documents, and ways to compare.

use leptos::prelude::*;
use quire_engine::{entities, highlights, trim_span, AnalysisPart, DocId, Highlights, Mention, Span};

use crate::browser::{self, Selected};
use crate::components::article_body::ArticleBody;
use crate::components::cite_bar::CiteBar;
use crate::components::doc_entities::DocEntities;
use crate::components::doc_menu::doc_menu;
use crate::components::doc_meta::{Byline, DocMeta};
use crate::components::highlighted::{Current, Highlighted};
use crate::components::hit_nav::HitNav;
use crate::components::more_like_this::MoreLikeThis;
use crate::components::note_form::NoteForm;
use crate::components::note_item::{NoteItem, NotesProblem, UndoDelete};
use crate::components::quote_list::QuoteList;
use crate::components::reused_passages::ReusedPassages;
use crate::format::excerpt;
use crate::marks::Marked;
use crate::model::document::{context_marks, hit_label, step_hit, HitStep};
use crate::model::entities::{entity_marks, nth_mention};
use crate::model::notes::{anchors_of, find_all, located, new_note, note_spans};
use crate::notes::Notes;
use crate::pages::search_page::back_link;
use crate::url_state::Focus;
use crate::{navigator, Corpus, Searched, Url};

#[component]
pub fn DocumentPage(id: String) -> impl IntoView {
    let loader = expect_context::<Corpus>();
    let corpus = loader.0;
    let Url(state) = expect_context::<Url>();
    match corpus.find(&id) {
        Some(doc) => view! { <DocumentView doc/> }.into_any(),
        None if loader.waiting() => view! { <p class="loading-doc" role="status">"Loading the document…"</p> }.into_any(),
        None => view! {
            <div class="not-found" role="alert">
                <h1>"No such document"</h1>
                <p>"This corpus has no document with the id “" {id} "”."</p>
                {move || state.with(back_link)}
            </div>
        }
        .into_any(),
    }
}

/// The hit, quote and entity mention the URL points at in the open
/// document.
fn focus_of(focus: &Focus) -> (Option<usize>, Option<usize>, Option<usize>) {
    match focus {
        Focus::Document { hit, quote, mention, .. } => (*hit, *quote, *mention),
        _ => (None, None, None),
    }
}

/// The passage the URL cites in the open document, and the note it
/// opens at.
fn cited_of(focus: &Focus) -> (Option<quire_engine::CharRange>, Option<String>) {
    match focus {
        Focus::Document { sel, note, .. } => (*sel, note.clone()),
        _ => (None, None),
    }
}

#[component]
fn DocumentView(doc: DocId) -> impl IntoView {
    let corpus = expect_context::<Corpus>().0;
    let Url(state) = expect_context::<Url>();
    let searched = expect_context::<Searched>();
    let document = corpus.doc(doc);
    let go = navigator();

    let marks = Memo::new(move |_| searched.prepared.with(|p| highlights(corpus, p, &[doc]).pop().unwrap_or_default()));
    let hit_total = Memo::new(move |_| marks.with(Highlights::body_hits));
    let focus = Memo::new(move |_| state.with(|s| focus_of(&s.focus)));
    let current_hit = Memo::new(move |_| focus.get().0.filter(|&h| h < hit_total.get()));
    let current_quote = Memo::new(move |_| {
        focus
            .get()
            .1
            .filter(|&q| q < corpus.analysis(&[AnalysisPart::Quotes]).quotes(doc).len())
    });
    // The entities the text names (tagged here, by the function that
    // built the entity facets), marked all or only the one picked. Tagged
    // once the text is drawn: a long document opens as fast as without
    // them (5 MB take about 0.4 s natively).
    let mentions: RwSignal<Option<Vec<Mention>>> = RwSignal::new(None);
    request_animation_frame(move || {
        set_timeout(
            move || {
                mentions.try_set(Some(entities(&document.body)));
            },
            std::time::Duration::ZERO,
        )
    });
    let picked = Memo::new(move |_| state.with(|s| s.search.explore.entity.clone()));
    let mark_all = Memo::new(move |_| state.with(|s| s.search.explore.mark_entities));
    let entity_layer = Memo::new(move |_| {
        picked.with(|p| {
            let p = p.as_ref().map(|(k, n)| (*k, n.as_str()));
            mentions.with(|m| m.as_deref().map(|m| entity_marks(m, p, mark_all.get())).unwrap_or_default())
        })
    });
    let current_mention = Memo::new(move |_| {
        let n = focus.get().2?;
        picked.with(|p| mentions.with(|m| nth_mention(m.as_deref()?, p.as_ref().map(|(k, n)| (*k, n.as_str())), n)))
    });
    // The reader's notes on this document, found in its text now.
    // Found again only when a passage changes, not a note's text or tags.
    let notes = expect_context::<Notes>();
    let anchors = Memo::new(move |_| notes.book.with(|b| anchors_of(b, &document.id)));
    let places = Memo::new(move |_| anchors.with(|a| find_all(a, &document.body)));
    let noted = Memo::new(move |_| notes.book.with(|b| places.with(|p| located(b, &document.id, p))));
    // A passage: cited by the URL or the note it opens at (marked), or
    // selected now (cited by the bar, not marked: the selection shows it).
    let cited = Memo::new(move |_| {
        let (sel, note) = state.with(|s| cited_of(&s.focus));
        match (sel, note) {
            (Some(r), _) => r.span_in(&document.body).and_then(|s| trim_span(&document.body, s)),
            (None, Some(id)) => places.with(|p| p.iter().find(|(x, _)| *x == id).and_then(|(_, l)| l.map(|l| l.span))),
            (None, None) => None,
        }
    });
    // A passage being noted.
    let noting: RwSignal<Option<Span>> = RwSignal::new(None);
    let save_note = Callback::new(move |(text, tags): (String, Vec<String>)| {
        let Some(span) = noting.get_untracked() else { return };
        let Some(note) = new_note(document, span, &text, tags, browser::notes::new_id(), browser::notes::now()) else {
            return;
        };
        // Taken (kept, or not kept and said so in the margin), or why not
        // is said with the form still open.
        let id = note.id.clone();
        let _ = notes.put(note);
        if notes.book.with_untracked(|b| b.get(&id).is_some()) {
            noting.set(None);
            browser::focus_soon(".cite-bar button.cite-note");
        }
    });
    let cancel_note = Callback::new(move |_| {
        noting.set(None);
        browser::focus_soon(".cite-bar button.cite-note");
    });
    let note_href = move |id: &str| state.with(|s| s.open_note(&document.id, id).href());
    let selected: RwSignal<Option<Span>> = RwSignal::new(None);
    let on_select = move || match browser::selected_bytes("article.doc-body") {
        Selected::Outside => {}
        Selected::Nothing => selected.set(None),
        Selected::Bytes(a, b) => selected.set(trim_span(&document.body, Span::new(a, b))),
    };
    let passage = Signal::derive(move || selected.get().or(cited.get()));
    let cite_href = Callback::new(move |range| state.with(|s: &crate::url_state::UrlState| s.with_citation(Some(range)).href()));
    let current_reuse: RwSignal<Option<usize>> = RwSignal::new(None);
    let current = Signal::derive(move || Current {
        hit: current_hit.get().map(|h| h as u32),
        quote: current_quote.get().map(|q| q as u32),
        passage: None,
        mention: current_mention.get().map(|m| m as u32),
    });
    // Where this document stands among the results, for stepping on.
    let position = Memo::new(move |_| {
        // The neighbours' ids (and the previous one's hits), for stepping
        // on: fetched ahead.
        for forward in [true, false] {
            if let Some(d) = searched.neighbour(doc, forward) {
                corpus.prefetch_titles(&[d]);
                if !forward {
                    corpus.prefetch_docs(&[d]);
                }
            }
        }
        searched
            .results
            .with(|r| r.hits.iter().position(|h| h.doc == doc).map(|i| (i, r.hits.len())))
    });

    let step = Callback::new({
        let go = go.clone();
        move |forward: bool| {
            let s = state.get_untracked();
            let neighbour = searched.neighbour(doc, forward);
            match step_hit(current_hit.get_untracked(), hit_total.get_untracked(), forward, neighbour.is_some()) {
                HitStep::Hit(h) => go(&s.with_hit(h), true),
                HitStep::Neighbour => {
                    let Some(next) = neighbour else { return };
                    let hit = if forward {
                        0
                    } else {
                        searched.prepared.with_untracked(|p| {
                            highlights(corpus, p, &[next])
                                .pop()
                                .unwrap_or_default()
                                .body_hits()
                                .saturating_sub(1)
                        })
                    };
                    go(&s.open_at(corpus.id(next), hit), false);
                }
                HitStep::Stay => {}
            }
        }
    });
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if browser::typing_in_field(&ev) {
            return;
        }
        match ev.key().as_str() {
            "n" | "j" => step.run(true),
            "p" | "k" => step.run(false),
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());
    // A selection made with the keyboard (Shift and the arrows), wherever
    // the focus is.
    let selecting = window_event_listener(leptos::ev::keyup, move |_| on_select());
    on_cleanup(move || selecting.remove());
    // Bring the current hit, the open quote, the entity mention or the
    // passage cited into view once drawn. Everything read now: the frame
    // may come after the view is gone.
    Effect::new(move |_| {
        let (hit, quote, mention) = (current_hit.get(), current_quote.get(), current_mention.get());
        let cited = cited.get();
        marks.track();
        entity_layer.track();
        request_animation_frame(move || {
            if hit.is_some() {
                browser::reveal("article.doc-body mark.current", true);
            } else if quote.is_some() {
                browser::reveal("article.doc-body mark.current-quote", true);
            } else if mention.is_some() {
                browser::reveal("article.doc-body .ent.current", true);
            } else if cited.is_some() {
                browser::reveal("#cited", true);
            }
        });
    });
    let choose_reuse = move |ev: &web_sys::Event| {
        if let Some(c) = browser::closest(ev, "mark[data-reuse]")
            .and_then(|m| m.get_attribute("data-reuse"))
            .and_then(|c| c.parse().ok())
        {
            current_reuse.set(Some(c));
            browser::reveal(&format!("#reuse-{c}"), false);
        }
    };
    let on_body_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" {
            choose_reuse(&ev);
        }
    };

    let query_given = Memo::new(move |_| state.with(|s| !s.search.query.trim().is_empty()));
    let label = Signal::derive(move || {
        let result = position
            .get()
            .map(|(i, n)| format!(" · result {} of {n}", i + 1))
            .unwrap_or_default();
        format!("{}{result}", hit_label(current_hit.get(), hit_total.get()))
    });
    let compare_menu = (corpus.len() > 1)
        .then(|| {
            let id = document.id.clone();
            doc_menu(
                corpus,
                move |d| d != doc,
                "Compare with",
                "Compare with…",
                move |other| go(&state.get_untracked().comparing(&[&id, &other]), false),
            )
        })
        .flatten();
    let pick_href = move || state.with(|s| s.picking(Some(&document.id)).href());
    let under = Memo::new(move |_| {
        context_marks(
            corpus.analysis(&[AnalysisPart::Reuse, AnalysisPart::Quotes]),
            doc,
            current_quote.get(),
            &places.with(|p| note_spans(p)),
        )
    });

    view! {
        <div class="doc-page">
            <nav class="doc-nav">
                {move || state.with(back_link)}
                <Show when=move || query_given.get()>
                    <HitNav label on_step=step group="Hits" item="hit" beyond="; past the ends, the next or previous result"/>
                </Show>
                {compare_menu}
                <a class="pick" href=pick_href title="Pick this document, then choose another in the results">"Pick to compare"</a>
            </nav>
            <header class="doc-head">
                <h1>
                    {move || view! {
                        <Highlighted
                            text=document.title.as_str()
                            range=Span::new(0, document.title.len())
                            marks=marks.with(|m| m.title.iter().map(Marked::from).collect())
                        />
                    }}
                </h1>
                <Byline doc=document/>
            </header>
            <div class="doc-layout">
                <div
                    class="doc-main"
                    on:click=move |ev| choose_reuse(&ev)
                    on:keydown=on_body_key
                    on:mouseup=move |_| on_select()
                >
                    <CiteBar doc=document passage href=cite_href on_note=Callback::new(move |span| noting.set(Some(span)))/>
                    {move || {
                        noting
                            .get()
                            .map(|span| {
                                let label = format!("Note on “{}”", excerpt(span.of(&document.body), 12));
                                view! { <NoteForm label on_save=save_note on_cancel=cancel_note/> }
                            })
                    }}
                    {move || view! {
                        <ArticleBody
                            doc=document
                            marks=under.get()
                            inner=marks.with(|m| m.body.iter().map(Marked::from).collect())
                            entities=entity_layer.get()
                            cited=cited.get()
                            current
                        />
                    }}
                </div>
                <aside class="doc-aside" aria-label="About this document">
                    <DocMeta doc=document/>
                    <section class="aside-section doc-notes" aria-labelledby="doc-notes-h">
                        <h2 id="doc-notes-h">"Your notes"</h2>
                        <NotesProblem/>
                        <UndoDelete/>
                        <Show
                            when=move || noted.with(|n| !n.is_empty())
                            fallback=|| view! { <p class="muted">"Select a passage, then “Add a note”."</p> }
                        >
                            <ul class="note-list">
                                <For
                                    each=move || noted.get()
                                    key=|(n, at)| (n.id.clone(), n.updated.clone(), at.map(|l| (l.span, l.moved)))
                                    let((note, at))
                                >
                                    {
                                        let id = note.id.clone();
                                        let href = Signal::derive(move || at.map(|_| note_href(&id)));
                                        view! { <NoteItem note moved=at.is_some_and(|l| l.moved) href/> }
                                    }
                                </For>
                            </ul>
                        </Show>
                    </section>
                    <MoreLikeThis doc/>
                    <ReusedPassages doc current=current_reuse/>
                    <QuoteList doc current=current_quote/>
                    {move || mentions.get().map(|mentions| view! { <DocEntities mentions/> })}
                </aside>
            </div>
        </div>
    }
}
