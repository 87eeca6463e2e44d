//! Where each compared document's shared passages fall; a mark selects
//! its passage.

use leptos::prelude::*;

use crate::browser;
use crate::components::column_head::SIDES;
use crate::model::compare::CompareModel;
use crate::Corpus;

#[component]
pub fn Minimap(model: StoredValue<CompareModel>, on_select: Callback<usize>) -> impl IntoView {
    let corpus = expect_context::<Corpus>().0;
    let n = model.with_value(CompareModel::len);
    let maps = (0..n)
        .map(|d| {
            let (title, marks, count) = model.with_value(|m| (corpus.title(m.docs[d]).to_string(), m.map(d), m.passages_in(d)));
            let rects = marks
                .into_iter()
                .map(|mark| {
                    view! {
                        <rect
                            class=format!("p{}", (mark.number - 1) % 8)
                            x="1"
                            y=mark.top.to_string()
                            width="10"
                            height=mark.height.to_string()
                            data-passage=mark.number
                        ></rect>
                    }
                })
                .collect_view();
            view! {
                <svg class="map" viewBox="0 0 12 1000" preserveAspectRatio="none" role="img" aria-label=format!("{title}: {count} shared passages")>
                    <rect class="map-bg" x="0" y="0" width="12" height="1000"></rect>
                    {rects}
                </svg>
            }
        })
        .collect_view();
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if let Some(k) = browser::closest(&ev, "[data-passage]")
            .and_then(|m| m.get_attribute("data-passage"))
            .and_then(|k| k.parse().ok())
        {
            on_select.run(k);
        }
    };
    view! {
        <aside class="minimap" aria-label="Where the shared passages fall in each document" on:click=on_click>
            {maps}
            <p class="map-legend" aria-hidden="true">{SIDES[..n].iter().map(|s| s.to_uppercase()).collect::<Vec<_>>().join(" ")}</p>
        </aside>
    }
}
