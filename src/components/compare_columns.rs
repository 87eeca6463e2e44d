//! The free comparison layout: each document in its own scrolling pane.

use leptos::prelude::*;

use crate::components::article_body::{blocks_view, Layers};
use crate::components::column_head::{ColumnHead, SIDES};
use crate::components::fold::Fold;
use crate::components::highlighted::Current;
use crate::model::compare::{ColumnPart, CompareModel};
use crate::Corpus;

#[component]
pub fn CompareColumns(
    model: StoredValue<CompareModel>,
    matched_only: bool,
    current: Signal<Current>,
    on_unfold: Callback<()>,
) -> impl IntoView {
    let corpus = expect_context::<Corpus>().0;
    let (n, docs) = model.with_value(|m| (m.len(), m.docs.clone()));
    let cols = (0..n)
        .map(|d| {
            let doc = corpus.doc(docs[d]);
            let (outer, inner, parts, share) = model.with_value(|m| {
                let (outer, inner) = m.marks(d);
                (outer, inner, m.column(d, matched_only), m.share(d))
            });
            let parts = parts
                .into_iter()
                .map(|part| match part {
                    ColumnPart::Blocks(blocks) => blocks_view(
                        doc,
                        &blocks,
                        Layers {
                            outer: &outer,
                            inner: &inner,
                            entities: &[],
                            cited: None,
                        },
                        current,
                    )
                    .into_any(),
                    ColumnPart::Fold(paragraphs) => view! { <Fold paragraphs on_unfold/> }.into_any(),
                })
                .collect_view();
            let empty = doc
                .blocks
                .is_empty()
                .then(|| view! { <p class="no-text">"This document has no text, only a title."</p> });
            view! {
                <section class="compare-col" aria-label=format!("Document {}", d + 1)>
                    <header class="col-head"><ColumnHead docs=docs.clone() d share/></header>
                    <article class="doc-body" data-side=SIDES[d]>{empty}{parts}</article>
                </section>
            }
        })
        .collect_view();
    view! { <div class=format!("compare-cols n{n}")>{cols}</div> }
}
