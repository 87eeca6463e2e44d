//! Why compared documents are alike: the TF-IDF cosine of each pair and
//! the distinctive words behind it.

use leptos::prelude::*;
use quire_engine::{AnalysisPart, DocId, PartId};

use crate::format::percent_tenths;
use crate::Corpus;

#[component]
pub fn WhyAlike(docs: Vec<DocId>) -> impl IntoView {
    let loader = expect_context::<Corpus>();
    // The corpus's vectors are one file, large for a large corpus: read
    // when this is opened (unless here already).
    view! {
        <details class="why-alike" on:toggle=move |_| loader.fetch(PartId::Similar)>
            <summary>"Why alike?"</summary>
            {move || {
                loader.track_every_round();
                if loader.0.has(PartId::Similar) {
                    reasons(loader.0, &docs).into_any()
                } else {
                    view! { <p class="notice">"Reading the similarity vectors…"</p> }.into_any()
                }
            }}
        </details>
    }
}

/// Each pair's similarity and the words behind it.
fn reasons(corpus: &'static quire_engine::Index, docs: &[DocId]) -> impl IntoView {
    let analysis = corpus.analysis(&[AnalysisPart::Similar]);
    let rows = docs
        .iter()
        .enumerate()
        .flat_map(|(i, &a)| docs[i + 1..].iter().map(move |&b| (a, b)))
        .map(|(a, b)| {
            let terms = analysis
                .shared_terms(a, b, 10)
                .into_iter()
                .map(|(t, _)| t)
                .collect::<Vec<_>>()
                .join(", ");
            let pair = (docs.len() > 2).then(|| format!("{} ↔ {}: ", corpus.title(a), corpus.title(b)));
            view! {
                <li>
                    {pair}
                    <strong>{format!("{} similar", percent_tenths(analysis.similarity(a, b)))}</strong>
                    {(!terms.is_empty()).then(|| view! { " · shared distinctive words: " <span class="terms">{terms}</span> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <p class="notice">
                "Similarity is the cosine of the documents’ TF-IDF word vectors (sublinear term frequency, stop words dropped, stems), "
                "the shared words weighing most listed first. Shared passages are counted separately, above."
            </p>
        <ul>{rows}</ul>
    }
}
