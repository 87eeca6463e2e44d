//! "Show more (12 left)": the next page of a list whose length the URL
//! keeps (`n`).

use leptos::prelude::*;

use crate::url_state::PAGE_SIZE;
use crate::SearchUrl;

/// How many items a list shows: the URL's `n`, else a page.
pub fn shown_limit(search: Memo<crate::url_state::UrlState>) -> Memo<usize> {
    Memo::new(move |_| search.with(|s| s.search.limit.unwrap_or(PAGE_SIZE)))
}

#[component]
pub fn ShowMore(
    /// How many items the whole list has.
    #[prop(into)]
    total: Signal<usize>,
    /// What the link says before the count left: "Show more".
    label: &'static str,
) -> impl IntoView {
    let SearchUrl(search) = expect_context::<SearchUrl>();
    let limit = shown_limit(search);
    move || {
        let (total, limit) = (total.get(), limit.get());
        (total > limit).then(|| {
            let href = search.with(|s| s.with_limit(limit + PAGE_SIZE).href());
            view! { <a class="show-more" href=href data-noscroll="">{format!("{label} ({} left)", total - limit)}</a> }
        })
    }
}
