//! A trend as an inline SVG line chart (each point a link to its
//! documents, with its figures as a label) and the table it stands for.

use leptos::prelude::*;

use crate::model::trend::{Chart, TableRow, HEIGHT, WIDTH};
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::browser;

#[component]
pub fn TrendChart(#[prop(into)] chart: Signal<Chart>, #[prop(into)] title: Signal<String>) -> impl IntoView {
    let navigate = use_navigate();
    // A point is chosen by a click, or Enter on it: its documents open.
    let open = move |ev: &web_sys::Event| {
        if let Some(href) = browser::closest(ev, "[data-href]").and_then(|p| p.get_attribute("data-href")) {
            navigate(&href, NavigateOptions::default());
        }
    };
    let open_click = open.clone();
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" || ev.key() == " " {
            ev.prevent_default();
            open(&ev);
        }
    };
    let inner = move || {
        let c = chart.get();
        let right = (WIDTH - 12.0).to_string();
        let grid = c
            .y_ticks
            .iter()
            .map(|(y, text)| {
                view! {
                    <line class="grid" stroke="#e3e0d8" x1="52" x2=right.clone() y1=y.clone() y2=y.clone()/>
                    <text class="axis" fill="#5d6470" font-size="11" x="46" y=y.clone() text-anchor="end" dominant-baseline="middle">{text.clone()}</text>
                }
            })
            .collect_view();
        let periods = c
            .x_labels
            .iter()
            .map(|(x, text)| view! { <text class="axis" fill="#5d6470" font-size="11" x=x.clone() y=(HEIGHT - 10.0).to_string() text-anchor="middle">{text.clone()}</text> })
            .collect_view();
        let lines = c
            .lines
            .into_iter()
            .map(|line| {
                let dots = line
                    .dots
                    .into_iter()
                    .map(|d| {
                        let aria = d.label.clone();
                        view! {
                            <circle cx=d.cx cy=d.cy r="4" data-href=d.href tabindex="0" role="link" aria-label=aria>
                                <title>{d.label}</title>
                            </circle>
                        }
                    })
                    .collect_view();
                view! {
                    <g class=format!("series {}", line.class) data-series=line.label fill=line.colour>
                        <polyline points=line.points fill="none" stroke=line.colour stroke-width="2" stroke-dasharray=line.dash/>
                        {dots}
                    </g>
                }
            })
            .collect_view();
        view! { {grid} {periods} {lines} }
    };
    view! {
        <svg
            class="trend-chart"
            id="trend-chart"
            xmlns="http://www.w3.org/2000/svg"
            viewBox=format!("0 0 {WIDTH} {HEIGHT}")
            role="group"
            aria-label=move || title.get()
            on:click=move |ev| open_click(&ev)
            on:keydown=on_key
        >
            {inner}
        </svg>
    }
}

#[component]
pub fn TrendTable(
    #[prop(into)] labels: Signal<Vec<String>>,
    #[prop(into)] rows: Signal<Vec<TableRow>>,
    #[prop(into)] measure: Signal<&'static str>,
) -> impl IntoView {
    view! {
        <table class="stats trend-table">
            <caption>{move || format!("{} per period (each figure opens its documents)", measure.get())}</caption>
            <thead>
                <tr>
                    <th scope="col">"Period"</th>
                    {move || labels.get().into_iter().map(|l| view! { <th scope="col" class="num">{l}</th> }).collect_view()}
                    <th scope="col" class="num">"Words"</th>
                    <th scope="col" class="num">"Documents"</th>
                </tr>
            </thead>
            <tbody>
                <For each=move || rows.get() key=|r| format!("{r:?}") let:r>
                    <tr>
                        <th scope="row">{r.period}</th>
                        {r.cells.into_iter().map(|(v, href)| view! { <td class="num"><a href=href>{v}</a></td> }).collect_view()}
                        <td class="num">{r.words}</td>
                        <td class="num">{r.docs}</td>
                    </tr>
                </For>
            </tbody>
        </table>
    }
}
