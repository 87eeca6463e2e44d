//! Results per year (or month) as bars; picking bars filters by date.

use leptos::prelude::*;
use quire_engine::Bucket;

/// Bars are drawn this tall at most (SVG units).
const HEIGHT: u32 = 40;

#[component]
pub fn DateHistogram(
    buckets: Vec<Bucket>,
    /// The chosen range, as shown to users, if any.
    range: Option<String>,
    /// Called with a bucket's label; `true` when the range should extend
    /// to it (shift-click) rather than become it.
    on_pick: Callback<(String, bool)>,
    /// The link that clears the range.
    clear_href: String,
) -> impl IntoView {
    let max = buckets.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let first = buckets.first().map(|b| b.label.clone()).unwrap_or_default();
    let last = buckets.last().map(|b| b.label.clone()).unwrap_or_default();
    let bars = buckets
        .into_iter()
        .map(|b| {
            let height = if b.count == 0 { 0 } else { ((b.count * HEIGHT as usize) / max).max(2) as u32 };
            let label = b.label.clone();
            let title = format!("{}: {} document{}", b.label, b.count, if b.count == 1 { "" } else { "s" });
            view! {
                <button
                    type="button"
                    class="bar"
                    class:selected=b.selected
                    title=title.clone()
                    aria-label=title
                    aria-pressed=if b.selected { "true" } else { "false" }
                    data-bucket=b.label.clone()
                    on:click=move |ev| on_pick.run((label.clone(), ev.shift_key()))
                >
                    <svg viewBox=format!("0 0 10 {HEIGHT}") preserveAspectRatio="none" aria-hidden="true">
                        <rect x="1" y=HEIGHT - height width="8" height=height></rect>
                    </svg>
                </button>
            }
        })
        .collect_view();
    view! {
        <fieldset class="facet histogram" data-facet="date">
            <legend>"Date"</legend>
            <div class="bars" role="group" aria-label="Documents per period: click a bar to filter, shift-click to extend">{bars}</div>
            <div class="bar-axis"><span>{first}</span><span>{last}</span></div>
            {range.map(|r| view! {
                <p class="range">{r} " " <a href=clear_href data-noscroll="">"clear dates"</a></p>
            })}
        </fieldset>
    }
}
