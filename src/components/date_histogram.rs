//! Results per year (or month) as bars; picking bars filters by date. The
//! bars are updated in place as the query changes.

use leptos::prelude::*;
use quire_engine::Bucket;

/// Bars are drawn this tall at most (SVG units).
const HEIGHT: usize = 40;

#[component]
pub fn DateHistogram(
    #[prop(into)] buckets: Signal<Vec<Bucket>>,
    /// The chosen range, as shown to users, if any.
    #[prop(into)]
    range: Signal<Option<String>>,
    /// Called with a bucket's label; `true` when the range should extend
    /// to it (shift-click) rather than become it.
    on_pick: Callback<(String, bool)>,
    /// The link that clears the range.
    #[prop(into)]
    clear_href: Signal<String>,
) -> impl IntoView {
    let labels = Memo::new(move |_| buckets.with(|bs| bs.iter().map(|b| b.label.clone()).collect::<Vec<_>>()));
    let max = Memo::new(move |_| buckets.with(|bs| bs.iter().map(|b| b.count).max().unwrap_or(0).max(1)));
    let ends = move || labels.with(|l| (l.first().cloned().unwrap_or_default(), l.last().cloned().unwrap_or_default()));
    view! {
        <Show when=move || labels.with(|l| !l.is_empty())>
            <fieldset class="facet histogram" data-facet="date">
                <legend>"Date"</legend>
                <div class="bars" role="group" aria-label="Documents per period: click a bar to filter, shift-click to extend">
                    <For each=move || labels.get() key=|l| l.clone() let:label>
                        {
                            let bucket = Memo::new({
                                let label = label.clone();
                                move |_| buckets.with(|bs| bs.iter().find(|b| b.label == label).map(|b| (b.count, b.selected)).unwrap_or((0, false)))
                            });
                            let height = move || {
                                let (count, _) = bucket.get();
                                if count == 0 { 0 } else { (count * HEIGHT / max.get()).max(2) }
                            };
                            let title = {
                                let label = label.clone();
                                move || {
                                    let (count, _) = bucket.get();
                                    format!("{label}: {count} document{}", if count == 1 { "" } else { "s" })
                                }
                            };
                            let pick = {
                                let label = label.clone();
                                move |ev: leptos::ev::MouseEvent| on_pick.run((label.clone(), ev.shift_key()))
                            };
                            view! {
                                <button
                                    type="button"
                                    class="bar"
                                    class:selected=move || bucket.get().1
                                    title=title.clone()
                                    aria-label=title
                                    aria-pressed=move || if bucket.get().1 { "true" } else { "false" }
                                    data-bucket=label.clone()
                                    on:click=pick
                                >
                                    <svg viewBox=format!("0 0 10 {HEIGHT}") preserveAspectRatio="none" aria-hidden="true">
                                        <rect x="1" y=move || HEIGHT - height() width="8" height=height></rect>
                                    </svg>
                                </button>
                            }
                        }
                    </For>
                </div>
                <div class="bar-axis"><span>{move || ends().0}</span><span>{move || ends().1}</span></div>
                {move || range.get().map(|r| view! {
                    <p class="range">{r} " " <a href=clear_href.get() data-noscroll="">"clear dates"</a></p>
                })}
            </fieldset>
        </Show>
    }
}
