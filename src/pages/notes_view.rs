//! Notes: every note the reader wrote on this corpus, kept in this
//! browser; searched by words and tags, each opening the reader at its
//! passage; exported as JSON or Markdown, imported from JSON.

use leptos::prelude::*;

use crate::browser;
use crate::components::note_item::{NoteItem, NotesProblem, UndoDelete};
use crate::model::notes::summary;
use crate::notes::Notes;
use crate::url_state::{UrlState, MAX_NOTE_TAGS};
use crate::{navigator, SearchUrl};

/// The link that searches the notes for a tag (added to those searched).
fn tag_href(s: &UrlState, tag: &str) -> String {
    s.with_explore(|x| {
        if !x.note_tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) && x.note_tags.len() < MAX_NOTE_TAGS {
            x.note_tags.push(tag.to_string());
        }
    })
    .href()
}

#[component]
pub fn NotesView() -> impl IntoView {
    let notes = expect_context::<Notes>();
    let SearchUrl(search) = expect_context::<SearchUrl>();
    let go = navigator();
    let query = Memo::new(move |_| search.with(|s| s.search.explore.notes_query.clone()));
    let tags = Memo::new(move |_| search.with(|s| s.search.explore.note_tags.clone()));
    let found = Memo::new(move |_| {
        notes
            .book
            .with(|b| tags.with(|t| query.with(|q| b.search(q, t).into_iter().cloned().collect::<Vec<_>>())))
    });
    let total = Memo::new(move |_| notes.book.with(|b| b.notes.len()));
    let all_tags = Memo::new(move |_| notes.book.with(|b| b.tag_counts()));
    let imported: RwSignal<Option<String>> = RwSignal::new(None);

    let on_query = {
        let go = go.clone();
        move |ev: leptos::ev::Event| {
            let text = event_target_value(&ev);
            go(&search.get_untracked().with_explore(|x| x.notes_query = text), true);
        }
    };
    let export_json = move |_| {
        notes
            .book
            .with_untracked(|b| browser::download("quire-notes.json", "application/json;charset=utf-8", &b.to_json()))
    };
    let export_markdown = move |_| {
        let page = browser::page_url();
        let s = search.get_untracked();
        let text = notes
            .book
            .with_untracked(|b| b.to_markdown(|n| format!("{page}{}", s.open_note(&n.doc, &n.id).href())));
        browser::download("quire-notes.md", "text/markdown;charset=utf-8", &text);
    };
    let on_import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        imported.set(Some("Reading the file…".into()));
        leptos::task::spawn_local(async move {
            let outcome = match browser::notes::read_file(file).await {
                Err(why) => why,
                Ok(text) => match notes.import(&text) {
                    Err(why) => why,
                    Ok((merged, problems)) => {
                        let mut said = format!(
                            "Imported: {} new, {} updated, {} already here.",
                            merged.added, merged.updated, merged.kept
                        );
                        if merged.refused > 0 {
                            said.push_str(&format!(
                                " {} not added: at most {} notes are kept.",
                                merged.refused,
                                quire_engine::present::note::MAX_NOTES
                            ));
                        }
                        if !problems.is_empty() {
                            said.push_str(&format!(" {} left out: {}", problems.len(), problems.join(" ")));
                        }
                        said
                    }
                },
            };
            imported.set(Some(outcome));
        });
    };
    let tag_buttons = move || {
        let picked = tags.get();
        all_tags.with(|all| {
            search.with(|s| {
                all.iter()
                    .map(|(tag, n)| {
                        let on = picked.iter().any(|t| t.to_lowercase() == tag.to_lowercase());
                        let href = if on {
                            s.with_explore(|x| x.note_tags.retain(|t| t.to_lowercase() != tag.to_lowercase()))
                                .href()
                        } else {
                            tag_href(s, tag)
                        };
                        let title = if on {
                            "Searching for this tag: click to stop"
                        } else {
                            "Search for this tag"
                        };
                        view! {
                            <a class="note-tag" class:on=on href=href aria-current=on.then_some("true") title=title data-noscroll="">
                                {format!("#{tag} ({n})")}
                            </a>
                        }
                    })
                    .collect_view()
            })
        })
    };
    let tag_link = Callback::new(move |tag: String| search.with_untracked(|s| tag_href(s, &tag)));
    let list = view! {
        <For each=move || found.get() key=|n| (n.id.clone(), n.updated.clone()) let(n)>
            {
                let heading = if n.title.trim().is_empty() { n.doc.clone() } else { n.title.clone() };
                let (doc, id) = (n.doc.clone(), n.id.clone());
                let href = Signal::derive(move || Some(search.with(|s| s.open_note(&doc, &id).href())));
                view! { <NoteItem note=n href heading tag_href=tag_link/> }
            }
        </For>
    };
    view! {
        <div class="notes-view">
            <div class="kwic-bar explore-bar notes-bar">
                <label>
                    "Search the notes "
                    <input type="text" role="searchbox" class="notes-search" prop:value=move || query.get() on:input=on_query placeholder="words in the notes, passages, titles, tags"/>
                </label>
                <button type="button" class="export" on:click=export_json disabled=move || total.get() == 0>"Export JSON"</button>
                <button type="button" class="export" on:click=export_markdown disabled=move || total.get() == 0>"Export Markdown"</button>
                <label class="button">
                    "Import JSON…"
                    <input type="file" accept=".json,application/json" class="visually-hidden" on:change=on_import/>
                </label>
            </div>
            <p class="notes-private">"Your notes are kept in this browser only and never sent anywhere. Export them to keep a copy or to move them to another browser."</p>
            <NotesProblem/>
            <p class="imported" role="status">{move || imported.get()}</p>
            <UndoDelete/>
            <Show when=move || !all_tags.with(Vec::is_empty)>
                <p class="note-tags" aria-label="Tags">{tag_buttons}</p>
            </Show>
            <p class="summary notes-summary" role="status">
                {move || {
                    if total.get() == 0 {
                        "No notes yet. Open a document, select a passage, then “Add a note”.".to_string()
                    } else {
                        summary(found.with(Vec::len), total.get())
                    }
                }}
            </p>
            <ul class="note-list notes-all">{list}</ul>
        </div>
    }
}
