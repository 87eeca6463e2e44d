//! A menu of the corpus's documents by title, to pick one for a
//! comparison. Titles are text nodes.

use leptos::prelude::*;
use quire_engine::{DocId, Index};

/// The menu lists at most this many documents; larger corpora pick from
/// the results instead.
pub const DOC_MENU_MAX: usize = 300;

/// A `<select>` of the documents `offer` accepts, first showing
/// `placeholder`; `on_pick` gets the chosen document's id. None when the
/// corpus is too large for a menu.
pub fn doc_menu(
    corpus: &'static Index,
    offer: impl Fn(DocId) -> bool,
    label: &'static str,
    placeholder: &'static str,
    on_pick: impl Fn(String) + 'static,
) -> Option<impl IntoView> {
    (corpus.len() <= DOC_MENU_MAX).then(|| {
        // Titles and ids only: no document's text is read.
        let options = (0..corpus.len() as u32)
            .map(DocId)
            .filter(|&d| offer(d))
            .map(|d| view! { <option value=corpus.id(d).to_string()>{corpus.title(d).to_string()}</option> })
            .collect_view();
        let on_change = move |ev: leptos::ev::Event| {
            let id = event_target_value(&ev);
            if !id.is_empty() {
                on_pick(id);
            }
        };
        view! {
            <label class="compare-menu">
                <span class="visually-hidden">{label}</span>
                <select on:change=on_change>
                    <option value="" selected>{placeholder}</option>
                    {options}
                </select>
            </label>
        }
    })
}
