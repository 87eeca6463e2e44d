//! The tabs that show the results as a list, a concordance, or a corpus
//! view.

use leptos::prelude::*;

use crate::url_state::Tab;
use crate::SearchUrl;

#[component]
pub fn ResultTabs() -> impl IntoView {
    let SearchUrl(search) = expect_context::<SearchUrl>();
    let links = move || {
        search.with(|s| {
            Tab::ALL
                .into_iter()
                .map(|tab| {
                    let current = if s.search.tab == tab { "page" } else { "false" };
                    view! { <a href=s.with_tab(tab).href() aria-current=current data-noscroll="" data-tab=tab.label()>{tab.label()}</a> }
                })
                .collect_view()
        })
    };
    view! { <nav class="tabs" aria-label="Results as">{links}</nav> }
}
