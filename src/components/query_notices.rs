//! What the query became: corrected words (with a way to search the word
//! as typed), what could not be searched, and other notes.

use leptos::prelude::*;
use quire_engine::Query;

use crate::{SearchUrl, Searched};

#[component]
pub fn QueryNotices() -> impl IntoView {
    let SearchUrl(search) = expect_context::<SearchUrl>();
    let Searched { prepared, .. } = expect_context::<Searched>();
    move || {
        prepared.with(|p| {
            let corrections = p
                .corrections
                .iter()
                .map(|c| {
                    let exact = search.with(|s| s.with_query(&Query::exact_word(&s.search.query, &c.typed)).href());
                    let (lead, why, tail) = if c.also {
                        ("Including results for ", ": “", "” is rare. ")
                    } else {
                        ("Showing results for ", ": nothing matched “", "”. ")
                    };
                    view! {
                        <p class="notice correction" role="status">
                            {lead} <strong>{c.corrected.clone()}</strong> {why} {c.typed.clone()} {tail}
                            <a href=exact>"Search for “" {c.typed.clone()} "” only"</a>
                        </p>
                    }
                })
                .collect_view();
            let ignored =
                (!p.query.ignored.is_empty()).then(|| view! { <p class="notice">"Not searched: " {p.query.ignored.join("  ")}</p> });
            let notes = p.notes.iter().map(|n| view! { <p class="notice">{n.clone()}</p> }).collect_view();
            view! { {corrections} {ignored} {notes} }
        })
    }
}
