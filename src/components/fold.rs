//! A line standing for paragraphs without shared passages, folded away;
//! choosing it unfolds them.

use leptos::prelude::*;

use crate::format::count;

#[component]
pub fn Fold(
    paragraphs: usize,
    on_unfold: Callback<()>,
    /// The grid row it takes in the aligned layout.
    #[prop(optional)]
    grid_row: Option<usize>,
) -> impl IntoView {
    let label = format!("⋯ {} without shared passages", count(paragraphs, "paragraph", "paragraphs"));
    let button = move || view! { <button type="button" class="link" on:click=move |_| on_unfold.run(())>{label.clone()}</button> };
    match grid_row {
        Some(row) => view! { <div class="fold" style:grid-row=row.to_string()>{button()}</div> }.into_any(),
        None => view! { <p class="fold">{button()}</p> }.into_any(),
    }
}
