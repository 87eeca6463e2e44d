//! One note as the reader's margin and the Notes view list it: the
//! passage, the note and its tags, a link to the passage, and ways to
//! change or delete it.

use leptos::prelude::*;
use quire_engine::Note;

use super::note_form::NoteForm;
use crate::browser;
use crate::format::excerpt;
use crate::model::notes::edited;
use crate::notes::Notes;

/// Words of the passage shown.
const QUOTED_WORDS: usize = 30;

/// A CSS selector for the element of note `id` (an id from a file may
/// hold any character but control characters).
pub fn note_selector(id: &str, inner: &str) -> String {
    let quoted = id.replace('\\', "\\\\").replace('"', "\\\"");
    format!("li.note-item[data-note=\"{quoted}\"] {inner}")
}

#[component]
pub fn NoteItem(
    note: Note,
    /// The link to its passage in the reader; none when it is not found
    /// in the text now.
    #[prop(into)]
    href: Signal<Option<String>>,
    /// Found again at another place, after the text changed.
    #[prop(optional)]
    moved: bool,
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
    let date = note.updated.chars().take(10).collect::<String>();
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
    let passage = excerpt(&note.anchor.exact, QUOTED_WORDS);
    let about = format!("the note on “{}”", excerpt(&note.anchor.exact, 8));
    let edit_button = note_selector(&id, "button.note-edit");
    let on_save = {
        let (shown, edit_button) = (note.clone(), edit_button.clone());
        Callback::new(move |(text, tags): (String, Vec<String>)| {
            if notes.put(edited(&shown, &text, tags, browser::notes::now())).is_ok() {
                editing.set(false);
                browser::focus_soon(&edit_button);
            }
        })
    };
    let on_cancel = {
        let edit_button = edit_button.clone();
        Callback::new(move |_| {
            editing.set(false);
            browser::focus_soon(&edit_button);
        })
    };
    let delete = {
        let id = id.clone();
        move |_| {
            notes.remove(&id);
            browser::focus_soon(".note-undo button");
        }
    };
    let (text, tag_list) = (note.text.clone(), note.tags.clone());
    let body = note.text.clone();
    let (show_label, edit_label, delete_label) = (
        format!("Show in the text: {about}"),
        format!("Edit {about}"),
        format!("Delete {about}"),
    );
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
                {move || match href.get() {
                    Some(h) => view! { <a class="note-show" href=h aria-label=show_label.clone()>"Show in the text"</a> }.into_any(),
                    None => view! { <span class="note-lost">"Its passage is no longer in the text."</span> }.into_any(),
                }}
                {moved.then(|| view! { <span class="note-moved" title="The text changed around it since the note was written">"found in changed text"</span> })}
                <button
                    type="button"
                    class="note-edit"
                    on:click=move |_| editing.set(true)
                    aria-expanded=move || editing.get().to_string()
                    aria-label=edit_label
                >
                    "Edit"
                </button>
                <button type="button" class="note-delete" on:click=delete aria-label=delete_label>"Delete"</button>
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

/// What went wrong reading or keeping the notes, if anything.
#[component]
pub fn NotesProblem() -> impl IntoView {
    let notes = expect_context::<Notes>();
    view! {
        {move || notes.read_problem.get().map(|why| view! { <p class="notice notes-problem" role="alert">{why}</p> })}
        {move || notes.problem.get().map(|why| view! { <p class="notice notes-problem" role="alert">{why}</p> })}
    }
}
