//! The similarity of the results, pair by pair: a heat map of the first
//! results, the most similar pairs, and a CSV export.

use leptos::prelude::*;
use quire_engine::present::export::pairs_csv;
use quire_engine::{AnalysisPart, DocId, PartId};

use crate::browser;
use crate::components::similarity_matrix::SimilarityMatrix;
use crate::format::percent;
use crate::{navigator, Corpus, SearchUrl};

/// The heat map shows at most this many documents (the first results);
/// the top pairs and the CSV export cover up to [`PAIRS_MAX`].
pub const MATRIX_MAX: usize = 40;
pub const PAIRS_MAX: usize = 600;
/// Top pairs listed under the matrix.
const TOP_PAIRS: usize = 15;

#[component]
pub fn SimilarityView(docs: Memo<Vec<DocId>>) -> impl IntoView {
    let index = expect_context::<Corpus>().0;
    // The vectors are one file for the whole corpus: the view waits for it
    // (the page runs again when it comes; the line above shows progress).
    if !index.has(PartId::Similar) {
        index.prefetch(PartId::Similar);
        return view! { <p class="summary" role="status">"Reading the similarity vectors of the corpus…"</p> }.into_any();
    }
    let SearchUrl(search) = expect_context::<SearchUrl>();
    let go = navigator();
    let export = move |_| {
        let shown: Vec<DocId> = docs.with_untracked(|d| d.iter().take(PAIRS_MAX).copied().collect());
        let analysis = index.analysis(&[AnalysisPart::Similar]);
        let pairs = (0..shown.len()).flat_map(|i| (i + 1..shown.len()).map(move |j| (i, j)));
        let csv = pairs_csv(pairs.map(|(i, j)| (index.id(shown[i]), index.id(shown[j]), analysis.similarity(shown[i], shown[j]))));
        browser::download("quire-similarity.csv", "text/csv;charset=utf-8", &csv);
    };
    let matrix_docs = Memo::new(move |_| docs.with(|d| d.iter().take(MATRIX_MAX).copied().collect::<Vec<_>>()));
    let cut = Memo::new(move |_| docs.with(|d| d.len() > MATRIX_MAX));
    let on_open = Callback::new(move |(a, b): (DocId, DocId)| go(&search.get_untracked().comparing(&[index.id(a), index.id(b)]), false));
    // Memoised: every pair of up to PAIRS_MAX documents is scored.
    let pairs = Memo::new(move |_| {
        docs.with(|d| {
            index
                .analysis(&[AnalysisPart::Similar])
                .top_pairs(&d[..d.len().min(PAIRS_MAX)], TOP_PAIRS)
        })
    });
    view! {
        <div class="kwic-bar">
            <span class="summary">"Similarity: the cosine of TF-IDF word vectors (sublinear term frequency, stems, stop words dropped; title and names weigh more)."</span>
            <button type="button" class="export" on:click=export title=format!("Every pair of the first {PAIRS_MAX} results as a,b,score")>"Export CSV"</button>
        </div>
        <Show when=move || cut.get()>
            <p class="notice">{format!("The map shows the first {MATRIX_MAX} results; narrow the search or filters to see others.")}</p>
        </Show>
        <SimilarityMatrix docs=matrix_docs on_open/>
        <Show when=move || pairs.with(|p| !p.is_empty())>
            <h2 class="section-title">"Most similar pairs"</h2>
        </Show>
        <ol class="pairs">
            <For each=move || pairs.get() key=move |&(_, a, b)| (a, b, search.with(|s| s.href())) let:pair>
                {
                    let (score, a, b) = pair;
                    let terms = index.analysis(&[AnalysisPart::Similar]).shared_terms(a, b, 6).into_iter().map(|(t, _)| t).collect::<Vec<_>>().join(", ");
                    let href = search.with_untracked(|s| s.comparing(&[index.id(a), index.id(b)]).href());
                    view! {
                        <li class="pair">
                            <a href=href>{index.title(a).to_string()} " ↔ " {index.title(b).to_string()}</a>
                            " " <strong>{percent(score)}</strong>
                            {(!terms.is_empty()).then(|| view! { <span class="terms">" · " {terms}</span> })}
                        </li>
                    }
                }
            </For>
        </ol>
    }
    .into_any()
}
