//! Why compared documents are alike: the TF-IDF cosine of each pair and
//! the distinctive words behind it.

use leptos::prelude::*;
use quire_engine::{AnalysisPart, DocId, PartId};

use crate::format::percent_tenths;
use crate::Corpus;

#[component]
pub fn WhyAlike(docs: Vec<DocId>) -> impl IntoView {
    let loader = expect_context::<Corpus>();
    let corpus = loader.0;
    // The corpus's vectors are one file, large for a large corpus: read
    // when this is opened, then shown open.
    if !corpus.has(PartId::Similar) {
        return view! {
            <details class="why-alike" on:toggle=move |_| loader.fetch(PartId::Similar)>
                <summary>"Why alike?"</summary>
                <p class="notice">"Reading the similarity vectors…"</p>
            </details>
        }
        .into_any();
    }
    let open = loader.asked(PartId::Similar);
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
        <details class="why-alike" open=open>
            <summary>"Why alike?"</summary>
            <p class="notice">
                "Similarity is the cosine of the documents’ TF-IDF word vectors (sublinear term frequency, stop words dropped, stems), "
                "the shared words weighing most listed first. Shared passages are counted separately, above."
            </p>
            <ul>{rows}</ul>
        </details>
    }
    .into_any()
}
