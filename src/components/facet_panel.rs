//! Facet filters with counts that follow the query. The list of facets
//! and values is stable across searches (they are the corpus's), so the
//! panel is built once and only counts and ticks change as the query does.

use leptos::prelude::*;
use std::collections::HashMap;

use quire_engine::{Results, ValueCount};

/// Facets with more values show this many until expanded.
const SHOWN: usize = 8;

#[component]
pub fn FacetPanel(
    /// The search's results: the panel reads their facet counts in place
    /// (a facet may have 36,000 values) and copies only those it lists.
    #[prop(into)]
    results: Signal<Results>,
    /// Called with `(facet key, value)` when a value is ticked or unticked.
    on_toggle: Callback<(String, String)>,
) -> impl IntoView {
    let keys = Memo::new(move |_| results.with(|r| r.facets.iter().map(|f| (f.key.clone(), f.label.clone())).collect::<Vec<_>>()));
    view! {
        <For each=move || keys.get() key=|(k, _)| k.clone() let:((key, label))>
            <FacetGroup results key label on_toggle/>
        </For>
    }
}

/// The facet `key`'s values in `results`, if it has any.
fn values_of<'r>(results: &'r Results, key: &str) -> &'r [ValueCount] {
    results.facets.iter().find(|f| f.key == key).map_or(&[], |f| f.values.as_slice())
}

#[component]
fn FacetGroup(results: Signal<Results>, key: String, label: String, on_toggle: Callback<(String, String)>) -> impl IntoView {
    let expanded = RwSignal::new(false);
    let total = Memo::new({
        let key = key.clone();
        move |_| results.with(|r| values_of(r, &key).len())
    });
    // The values listed: the first few (all when expanded), and any ticked
    // one, with their counts; only these are copied from the results.
    let listed = Memo::new({
        let key = key.clone();
        move |_| {
            let limit = if expanded.get() { usize::MAX } else { SHOWN };
            results.with(|r| {
                values_of(r, &key)
                    .iter()
                    .enumerate()
                    .filter(|(i, v)| *i < limit || v.selected)
                    .map(|(_, v)| v.clone())
                    .collect::<Vec<ValueCount>>()
            })
        }
    });
    // The list changes only when which values are listed does.
    let shown = Memo::new(move |_| listed.with(|vs| vs.iter().map(|v| v.value.clone()).collect::<Vec<_>>()));
    let counts = Memo::new(move |_| {
        listed.with(|vs| {
            vs.iter()
                .map(|v| (v.value.clone(), (v.count, v.selected)))
                .collect::<HashMap<_, _>>()
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
                            move |_| counts.with(|c| c.get(&value).copied().unwrap_or((0, false)))
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
