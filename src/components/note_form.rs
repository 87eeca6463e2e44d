//! The form that writes a note on a passage, or changes one: its text
//! and tags. Escape cancels; Ctrl+Enter (or ⌘+Enter) saves.

use leptos::html;
use leptos::prelude::*;
use quire_engine::present::note::{MAX_NOTE_CHARS, MAX_TAG_CHARS};
use quire_engine::tags_of;

#[component]
pub fn NoteForm(
    /// What the form is for (its accessible name).
    label: String,
    /// The note's text and tags so far (when changing one).
    #[prop(optional)]
    text: String,
    #[prop(optional)] tags: Vec<String>,
    on_save: Callback<(String, Vec<String>)>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let text_ref = NodeRef::<html::Textarea>::new();
    let tags_ref = NodeRef::<html::Input>::new();
    // The note's text has the focus once drawn.
    Effect::new(move |_| {
        if let Some(area) = text_ref.get() {
            let _ = area.focus();
        }
    });
    let save = move || {
        let text = text_ref.get_untracked().map(|t| t.value()).unwrap_or_default();
        let tags = tags_of(&tags_ref.get_untracked().map(|t| t.value()).unwrap_or_default());
        on_save.run((text, tags));
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save();
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            on_cancel.run(());
        }
        "Enter" if ev.ctrl_key() || ev.meta_key() => {
            ev.prevent_default();
            save();
        }
        _ => {}
    };
    view! {
        <form class="note-form" aria-label=label on:submit=on_submit on:keydown=on_key>
            <label>
                "Note"
                <textarea node_ref=text_ref rows="4" maxlength=MAX_NOTE_CHARS.to_string() prop:value=text></textarea>
            </label>
            <label>
                "Tags, separated by commas"
                <input
                    type="text"
                    node_ref=tags_ref
                    prop:value=tags.join(", ")
                    title=format!("At most {MAX_TAG_CHARS} characters each")
                />
            </label>
            <p class="note-actions">
                <button type="submit">"Save note"</button>
                <button type="button" on:click=move |_| on_cancel.run(())>"Cancel"</button>
                <span class="note-private">"Kept in this browser only, never sent anywhere."</span>
            </p>
        </form>
    }
}
