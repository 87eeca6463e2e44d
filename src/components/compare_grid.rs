//! The aligned comparison: one grid row per line, each document an
//! `<article>` whose cells sit in the grid (display: contents), a gutter of
//! passage numbers and a band behind rows that share passages, and folds.

use leptos::prelude::*;

use crate::components::article_body::{blocks_view, Layers};
use crate::components::column_head::{ColumnHead, SIDES};
use crate::components::fold::Fold;
use crate::components::highlighted::Current;
use crate::model::compare::{CompareModel, Line};
use crate::Corpus;

#[component]
pub fn CompareGrid(
    model: StoredValue<CompareModel>,
    matched_only: bool,
    current: Signal<Current>,
    on_unfold: Callback<()>,
) -> impl IntoView {
    let corpus = expect_context::<Corpus>().0;
    let (n, lines, docs) = model.with_value(|m| (m.len(), m.lines(matched_only), m.docs.clone()));
    let heads = (0..n)
        .map(|d| {
            let share = model.with_value(|m| m.share(d));
            view! { <header class="col-head" style:grid-column=(d + 2).to_string()><ColumnHead docs=docs.clone() d share/></header> }
        })
        .collect_view();
    let gutter = lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let grid_row = i + 2;
            match line {
                Line::Row { passages, .. } if passages.is_empty() => None,
                Line::Row { passages, .. } => {
                    let badges = passages
                        .iter()
                        .map(|&k| {
                            let near = model.with_value(|m| m.is_near(k));
                            view! {
                                <button type="button" class=format!("badge p{}", (k - 1) % 8) data-passage=k title=format!("Passage {k}: show it in every pane")>
                                    {if near { format!("≈{k}") } else { k.to_string() }}
                                </button>
                            }
                        })
                        .collect_view();
                    let linked = passages.len();
                    Some(
                        view! {
                            <div class="band" style:grid-row=grid_row.to_string() aria-hidden="true"></div>
                            <div class="gutter" style:grid-row=grid_row.to_string() aria-label=format!("{linked} shared passages in this row")>{badges}</div>
                        }
                        .into_any(),
                    )
                }
                Line::Fold { paragraphs, .. } => Some(view! { <Fold paragraphs=*paragraphs on_unfold grid_row/> }.into_any()),
            }
        })
        .collect_view();
    let articles = (0..n)
        .map(|d| {
            let doc = corpus.doc(docs[d]);
            let (outer, inner) = model.with_value(|m| m.marks(d));
            let cells = lines
                .iter()
                .enumerate()
                .filter_map(|(i, line)| {
                    let Line::Row { row, .. } = line else { return None };
                    let shown = model.with_value(|m| m.cell(*row, d));
                    (!shown.is_empty()).then(|| {
                        view! {
                            <div class="cell" style:grid-row=(i + 2).to_string() style:grid-column=(d + 2).to_string()>
                                {blocks_view(doc, &shown, Layers { outer: &outer, inner: &inner, entities: &[], cited: None }, current)}
                            </div>
                        }
                    })
                })
                .collect_view();
            let empty = doc.blocks.is_empty().then(|| {
                view! { <p class="cell no-text" style:grid-row="2" style:grid-column=(d + 2).to_string()>"This document has no text, only a title."</p> }
            });
            view! { <article class="doc-body" data-side=SIDES[d] aria-label=doc.title.clone()>{empty}{cells}</article> }
        })
        .collect_view();
    view! {
        <div class=format!("compare-grid n{n}")>
            {heads}
            {gutter}
            {articles}
        </div>
    }
}
