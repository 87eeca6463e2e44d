//! One note as the reader's margin and the Notes view list it: the
//! passage, the note and its tags, a link to the passage, and ways to
//! change or delete it.

use leptos::prelude::*;
use quire_engine::Note;

use super::note_form::NoteForm;
use crate::format::excerpt;
use crate::model::notes::edited;
use crate::notes::Notes;

/// Words of the passage shown.
const QUOTED_WORDS: usize = 30;

#[component]
pub fn NoteItem(
    note: Note,
    /// The link to its passage in the reader; none when it is not found
    /// in the text now.
    href: Option<String>,
    /// The document's title, shown above it (in the Notes view).
    #[prop(optional)]
    heading: Option<String>,
    /// A tag's link (the Notes view searching for it), if tags link.
    #[prop(optional)]
    tag_href: Option<Callback<String, String>>,
) -> impl IntoView {
    let notes = expect_context::<Notes>();
    let editing = RwSignal::new(false);
    let id = note.id.clone();
    let date = note.updated.get(..10).unwrap_or_default().to_string();
    let tags = note
        .tags
        .iter()
        .map(|t| {
            let label = format!("#{t}");
            match tag_href {
                Some(link) => view! { <a class="note-tag" href=link.run(t.clone()) data-noscroll="">{label}</a> }.into_any(),
                None => view! { <span class="note-tag">{label}</span> }.into_any(),
            }
        })
        .collect_view();
    let shown = note.clone();
    let on_save = Callback::new(move |(text, tags): (String, Vec<String>)| {
        notes.put(edited(&shown, &text, tags, crate::browser::notes::now()));
        editing.set(false);
    });
    let on_cancel = Callback::new(move |_| editing.set(false));
    let delete = {
        let id = id.clone();
        move |_| notes.remove(&id)
    };
    let passage = excerpt(&note.anchor.exact, QUOTED_WORDS);
    let found = match href {
        Some(h) => view! { <a class="note-show" href=h>"Show in the text"</a> }.into_any(),
        None => view! { <span class="note-lost">"Its passage is no longer in the text."</span> }.into_any(),
    };
    let (text, tag_list) = (note.text.clone(), note.tags.clone());
    let body = note.text.clone();
    view! {
        <li class="note-item" data-note=id>
            {heading.map(|h| view! { <p class="note-doc">{h}</p> })}
            <blockquote class="note-quote">{passage}</blockquote>
            <Show
                when=move || editing.get()
                fallback=move || (!body.is_empty()).then(|| view! { <p class="note-text">{body.clone()}</p> })
            >
                <NoteForm label="Change the note".to_string() text=text.clone() tags=tag_list.clone() on_save on_cancel/>
            </Show>
            <p class="note-meta">
                {tags}
                <span class="note-date">{date}</span>
                {found}
                <button type="button" on:click=move |_| editing.set(true) aria-expanded=move || editing.get().to_string()>"Edit"</button>
                <button type="button" on:click=delete>"Delete"</button>
            </p>
        </li>
    }
}

/// "Note deleted" with a way to bring it back, while there is one.
#[component]
pub fn UndoDelete() -> impl IntoView {
    let notes = expect_context::<Notes>();
    view! {
        <p class="note-undo" role="status">
            {move || {
                notes
                    .deleted
                    .with(Option::is_some)
                    .then(|| view! { "Note deleted. " <button type="button" on:click=move |_| notes.undo()>"Undo"</button> })
            }}
        </p>
    }
}

/// What went wrong keeping the notes, if anything.
#[component]
pub fn NotesProblem() -> impl IntoView {
    let notes = expect_context::<Notes>();
    move || {
        notes
            .problem
            .get()
            .map(|why| view! { <p class="notice notes-problem" role="alert">{why}</p> })
    }
}
