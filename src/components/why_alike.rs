//! Why compared documents are alike: the TF-IDF cosine of each pair and
//! the distinctive words behind it.

use leptos::prelude::*;
use quire_engine::AnalysisPart;
use quire_engine::DocId;

use crate::format::percent_tenths;
use crate::Corpus;

#[component]
pub fn WhyAlike(docs: Vec<DocId>) -> impl IntoView {
    let corpus = expect_context::<Corpus>().0;
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
        <details class="why-alike">
            <summary>"Why alike?"</summary>
            <p class="notice">
                "Similarity is the cosine of the documents’ TF-IDF word vectors (sublinear term frequency, stop words dropped, stems), "
                "the shared words weighing most listed first. Shared passages are counted separately, above."
            </p>
            <ul>{rows}</ul>
        </details>
    }
}
