//! The similarity heat map: one cell per pair of documents, darker when
//! more alike; a cell opens the pair's comparison.

use leptos::prelude::*;
use quire_engine::present::export::four_decimals;
use quire_engine::AnalysisPart;
use quire_engine::DocId;

use crate::browser;
use crate::format::{percent, short_byline};
use crate::{Corpus, SearchUrl};

/// Cell and label sizes, in SVG units.
const CELL: usize = 10;
const LABEL: usize = 24;

#[component]
pub fn SimilarityMatrix(
    /// The documents, in the order of the rows and columns.
    docs: Memo<Vec<DocId>>,
    /// Called with a pair when its cell is chosen.
    on_open: Callback<(DocId, DocId)>,
) -> impl IntoView {
    let index = expect_context::<Corpus>().0;
    let SearchUrl(search) = expect_context::<SearchUrl>();
    let hovered: RwSignal<Option<(DocId, DocId)>> = RwSignal::new(None);
    let pair_at = move |ev: &web_sys::Event| {
        let cell = browser::closest(ev, "[data-a]")?;
        let (a, b) = (cell.get_attribute("data-a")?, cell.get_attribute("data-b")?);
        // Positions in the corpus, not ids: no id lookup to fetch.
        Some((DocId(a.parse().ok()?), DocId(b.parse().ok()?)))
    };
    let open = move |ev: &web_sys::Event| {
        if let Some((a, b)) = pair_at(ev).filter(|(a, b)| a != b) {
            on_open.run((a, b));
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" || ev.key() == " " {
            ev.prevent_default();
            open(&ev);
        }
    };
    let info = move || {
        hovered.get().map(|(a, b)| {
            format!(
                "{} ↔ {}: {} similar",
                index.title(a),
                index.title(b),
                percent(index.analysis(&[AnalysisPart::Similar]).similarity(a, b))
            )
        })
    };
    let matrix = move || {
        let shown = docs.get();
        let n = shown.len();
        if n < 2 {
            return view! { <p class="notice">"At least two documents are needed to compare."</p> }.into_any();
        }
        let size = LABEL + n * CELL;
        let analysis = index.analysis(&[AnalysisPart::Similar]);
        let score = |i: usize, j: usize| if i == j { 1.0 } else { analysis.similarity(shown[i], shown[j]) };
        // Shades run up to the most similar pair shown, so low scores
        // still show their differences; the legend says what darkest is.
        let top = (0..n)
            .flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| score(i, j))
            .fold(0.0f32, f32::max);
        let cells = (0..n)
            .flat_map(|i| (0..n).map(move |j| (i, j)))
            .map(|(i, j)| {
                let (a, b, s) = (shown[i], shown[j], score(i, j));
                let shade = if i == j {
                    1.0
                } else if top > 0.0 {
                    s / top
                } else {
                    0.0
                };
                view! {
                    <rect
                        class=if i == j { "cell self" } else { "cell" }
                        x=(LABEL + j * CELL).to_string()
                        y=(LABEL + i * CELL).to_string()
                        width=(CELL - 1).to_string()
                        height=(CELL - 1).to_string()
                        fill-opacity=four_decimals(0.06 + 0.94 * shade)
                        data-a=a.0.to_string()
                        data-b=b.0.to_string()
                        tabindex=if i == j { "-1" } else { "0" }
                        role="button"
                        aria-label=format!("{} and {}: {} similar", index.title(a), index.title(b), percent(s))
                    ></rect>
                }
            })
            .collect_view();
        let labels = (0..n)
            .map(|i| {
                let at = (LABEL + i * CELL + CELL / 2 + 3).to_string();
                let num = (i + 1).to_string();
                view! {
                    <text class="axis" x=(LABEL - 3).to_string() y=at.clone() text-anchor="end">{num.clone()}</text>
                    <text class="axis" x=at y=(LABEL - 4).to_string() text-anchor="middle">{num}</text>
                }
            })
            .collect_view();
        let key = shown
            .iter()
            .map(|&d| {
                let doc = index.doc(d);
                view! { <li><a href=search.with_untracked(|s| s.open(&doc.id).href())>{doc.title.clone()}</a> " " <span class="byline-inline">{short_byline(doc)}</span></li> }
            })
            .collect_view();
        view! {
            <div class="matrix-wrap">
                <svg
                    class="matrix"
                    width=(size * 6).min(560).to_string()
                    viewBox=format!("0 0 {size} {size}")
                    role="group"
                    aria-label="Similarity of each pair of documents: darker is more alike. Choose a cell to compare the pair."
                >
                    {labels}
                    {cells}
                </svg>
                <div>
                    <p class="notice">{format!("Darkest: {} similar, the most alike pair shown. Choose a cell to compare the pair.", percent(top))}</p>
                    <ol class="matrix-key">{key}</ol>
                </div>
            </div>
        }
        .into_any()
    };
    view! {
        <p class="matrix-info" aria-live="polite">{info}</p>
        <div
            class="matrix-host"
            on:click=move |ev| open(&ev)
            on:keydown=on_key
            on:mouseover=move |ev| hovered.set(pair_at(&ev))
            on:focusin=move |ev| hovered.set(pair_at(&ev))
        >
            {matrix}
        </div>
    }
}
