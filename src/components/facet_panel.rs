//! Facet filters with counts that follow the query.

use leptos::prelude::*;
use quire_engine::FacetCounts;

/// Facets with more values show this many until expanded.
const SHOWN: usize = 8;

#[component]
pub fn FacetPanel(
    facets: Vec<FacetCounts>,
    /// Called with `(facet key, value)` when a value is ticked or unticked.
    on_toggle: Callback<(String, String)>,
) -> impl IntoView {
    facets
        .into_iter()
        .map(|facet| view! { <FacetGroup facet on_toggle/> })
        .collect_view()
}

#[component]
fn FacetGroup(facet: FacetCounts, on_toggle: Callback<(String, String)>) -> impl IntoView {
    let expanded = RwSignal::new(false);
    let total = facet.values.len();
    let key = facet.key.clone();
    let values = facet.values;
    let rows = move || {
        let limit = if expanded.get() { usize::MAX } else { SHOWN };
        values
            .iter()
            .enumerate()
            // Always show what is ticked, even past the limit.
            .filter(|(i, v)| *i < limit || v.selected)
            .map(|(_, v)| {
                let (key, value) = (key.clone(), v.value.clone());
                let toggle = move |_| on_toggle.run((key.clone(), value.clone()));
                view! {
                    <li class:empty=v.count == 0 && !v.selected>
                        <label>
                            <input type="checkbox" prop:checked=v.selected on:change=toggle/>
                            <span class="facet-value">{v.value.clone()}</span>
                            <span class="count">{v.count}</span>
                        </label>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="facet" data-facet=facet.key.clone()>
            <legend>{facet.label}</legend>
            <ul>{rows}</ul>
            {(total > SHOWN).then(|| view! {
                <button type="button" class="link" on:click=move |_| expanded.update(|e| *e = !*e)>
                    {move || if expanded.get() { "Show fewer".to_string() } else { format!("Show all {total}") }}
                </button>
            })}
        </fieldset>
    }
}
