//! The filters in use, each removable, and a way to clear them all.

use leptos::prelude::*;

use crate::SearchUrl;

#[component]
pub fn FilterChips() -> impl IntoView {
    let SearchUrl(search) = expect_context::<SearchUrl>();
    move || {
        search.with(|s| {
            let chips = s
                .search
                .filters
                .iter()
                .map(|(k, v)| {
                    let href = s.with_filter_toggled(k, v).href();
                    view! { <a class="chip" href=href data-noscroll="" title="Remove this filter">{format!("{k}: {v}")} " ✕"</a> }
                })
                .collect_view();
            let clear = s
                .is_filtered()
                .then(|| view! { <a class="clear-all" href=s.cleared().href()>"Clear all"</a> });
            view! { <p class="chips">{chips}</p> {clear} }
        })
    }
}
