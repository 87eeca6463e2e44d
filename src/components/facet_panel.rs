//! Facet filters with counts that follow the query. The list of facets
//! and values is stable across searches (they are the corpus's), so the
//! panel is built once and only counts and ticks change as the query does.

use leptos::prelude::*;
use quire_engine::{FacetCounts, ValueCount};

/// Facets with more values show this many until expanded.
const SHOWN: usize = 8;

#[component]
pub fn FacetPanel(
    /// Every facet's counts under the current query and filters.
    #[prop(into)]
    facets: Signal<Vec<FacetCounts>>,
    /// Called with `(facet key, value)` when a value is ticked or unticked.
    on_toggle: Callback<(String, String)>,
) -> impl IntoView {
    let keys = Memo::new(move |_| facets.with(|fs| fs.iter().map(|f| (f.key.clone(), f.label.clone())).collect::<Vec<_>>()));
    view! {
        <For each=move || keys.get() key=|(k, _)| k.clone() let:((key, label))>
            // A memo, not a derived signal: read by every value shown, it
            // is copied once per search (a facet may have 36,000 values).
            <FacetGroup
                values=Signal::from(Memo::new({
                    let key = key.clone();
                    move |_| facets.with(|fs| fs.iter().find(|f| f.key == key).map(|f| f.values.clone()).unwrap_or_default())
                }))
                key
                label
                on_toggle
            />
        </For>
    }
}

#[component]
fn FacetGroup(values: Signal<Vec<ValueCount>>, key: String, label: String, on_toggle: Callback<(String, String)>) -> impl IntoView {
    let expanded = RwSignal::new(false);
    let total = Memo::new(move |_| values.with(Vec::len));
    // Which values are listed: the first few (more when expanded), and any
    // ticked one; the list changes only when that choice does.
    let shown = Memo::new(move |_| {
        let limit = if expanded.get() { usize::MAX } else { SHOWN };
        values.with(|vs| {
            vs.iter()
                .enumerate()
                .filter(|(i, v)| *i < limit || v.selected)
                .map(|(_, v)| v.value.clone())
                .collect::<Vec<_>>()
        })
    });
    let facet_key = key.clone();
    view! {
        <fieldset class="facet" data-facet=key.clone()>
            <legend>{label}</legend>
            <ul>
                <For each=move || shown.get() key=|v| v.clone() let:value>
                    {
                        let current = Memo::new({
                            let value = value.clone();
                            move |_| values.with(|vs| vs.iter().find(|v| v.value == value).map(|v| (v.count, v.selected)).unwrap_or((0, false)))
                        });
                        let toggle = {
                            let (key, value) = (facet_key.clone(), value.clone());
                            move |_| on_toggle.run((key.clone(), value.clone()))
                        };
                        view! {
                            <li class:empty=move || { let (c, s) = current.get(); c == 0 && !s }>
                                <label>
                                    <input type="checkbox" prop:checked=move || current.get().1 on:change=toggle/>
                                    <span class="facet-value">{value.clone()}</span>
                                    <span class="count">{move || current.get().0}</span>
                                </label>
                            </li>
                        }
                    }
                </For>
            </ul>
            <Show when=move || { total.get() > SHOWN }>
                <button type="button" class="link" on:click=move |_| expanded.update(|e| *e = !*e)>
                    {move || if expanded.get() { "Show fewer".to_string() } else { format!("Show all {}", total.get()) }}
                </button>
            </Show>
        </fieldset>
    }
}
