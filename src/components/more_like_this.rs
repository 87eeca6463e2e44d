//! "More like this": the documents most similar to one, and why.

use leptos::prelude::*;
use quire_engine::{AnalysisPart, DocId, PartId};

use crate::format::{count, percent};
use crate::{Corpus, SearchUrl};

/// Documents listed.
const SHOWN: usize = 5;

#[component]
pub fn MoreLikeThis(doc: DocId) -> impl IntoView {
    let corpus = expect_context::<Corpus>();
    let index = corpus.0;
    // The vectors of the whole corpus are one file, large for a large
    // corpus: read when asked for, unless they are here already (a small
    // corpus's bundle, or asked for before).
    move || {
        corpus.track_every_round();
        if index.has(PartId::Similar) {
            similar_list(index, doc).into_any()
        } else {
            view! {
                <section class="aside-section more-like-this">
                    <h2>"More like this"</h2>
                    <button type="button" class="find-similar" on:click=move |_| corpus.fetch(PartId::Similar)>
                        "Find documents like this one"
                    </button>
                </section>
            }
            .into_any()
        }
    }
}

/// The documents most like `doc`, each with why.
fn similar_list(index: &'static quire_engine::Index, doc: DocId) -> impl IntoView {
    let SearchUrl(search) = expect_context::<SearchUrl>();
    let similar = index.analysis(&[AnalysisPart::Similar]).similar(doc, SHOWN);
    (!similar.is_empty()).then(|| {
        let this = index.id(doc);
        let items = similar
            .into_iter()
            .map(|sim| {
                let (other, title) = (index.id(sim.doc), index.title(sim.doc).to_string());
                let (open, compare) = search.with_untracked(|s| (s.open(other).href(), s.comparing(&[this, other]).href()));
                let terms = sim.terms.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>().join(", ");
                let passages = match sim.passages.len() {
                    0 => "No passages in common.".to_string(),
                    n => format!("{} in common.", count(n, "passage", "passages")),
                };
                view! {
                    <li class="similar-doc">
                        <a href=open>{title}</a>
                        " " <span class="score" title="Cosine similarity of the two documents’ TF-IDF word vectors">{percent(sim.score)}</span>
                        <details class="why">
                            <summary>"Why?"</summary>
                            <p>"Shared distinctive words: " <span class="terms">{terms}</span> ". " {passages} " " <a href=compare>"Compare"</a></p>
                        </details>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="aside-section more-like-this">
                <h2>"More like this"</h2>
                <ol>{items}</ol>
            </section>
        }
    })
}
