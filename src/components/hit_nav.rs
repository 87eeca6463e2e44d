//! Previous and next buttons around a position ("Hit 2 of 5", "Passage 1
//! of 3"), also bound to n/p (and j/k) by the page.

use leptos::prelude::*;

#[component]
pub fn HitNav(
    /// What is current, read out as it changes.
    #[prop(into)]
    label: Signal<String>,
    /// Called with `true` for next, `false` for previous.
    on_step: Callback<bool>,
    /// What the group steps through: "Hits", "Shared passages".
    group: &'static str,
    /// What one step goes to: "hit", "passage".
    item: &'static str,
    /// What happens past the ends, for the buttons' titles.
    #[prop(optional)]
    beyond: &'static str,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    view! {
        <div class="hit-nav" role="group" aria-label=group>
            <button type="button" on:click=move |_| on_step.run(false) disabled=disabled title=format!("Previous {item} (p){beyond}")>"↑ Prev"</button>
            <span class="hit-position" aria-live="polite">{label}</span>
            <button type="button" on:click=move |_| on_step.run(true) disabled=disabled title=format!("Next {item} (n){beyond}")>"Next ↓"</button>
        </div>
    }
}
