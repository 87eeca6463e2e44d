//! A document's passages that other documents carry too, each with the
//! others and a comparison. The one chosen in the text is current.

use leptos::prelude::*;
use quire_engine::AnalysisPart;
use quire_engine::DocId;

use crate::format::{count, excerpt};
use crate::url_state::MAX_COMPARED;
use crate::{Corpus, SearchUrl};

#[component]
pub fn ReusedPassages(
    doc: DocId,
    /// The cluster chosen in the text, if any.
    current: RwSignal<Option<usize>>,
) -> impl IntoView {
    let index = expect_context::<Corpus>().0;
    let SearchUrl(search) = expect_context::<SearchUrl>();
    let analysis = index.analysis(&[AnalysisPart::Reuse]);
    let reused = analysis.reuse_in(doc);
    (!reused.is_empty()).then(|| {
        let body = &index.doc(doc).body;
        let n = reused.len();
        let items = reused
            .into_iter()
            .map(|c| {
                let cluster = &analysis.reuse()[c];
                let span = cluster
                    .copies
                    .iter()
                    .find(|(d, _)| *d == doc)
                    .map_or(cluster.copies[0].1, |(_, s)| *s);
                let others: Vec<DocId> = cluster.docs().into_iter().filter(|&d| d != doc).collect();
                let links = others
                    .iter()
                    .map(|&d| {
                        let o = index.doc(d);
                        let href = search.with_untracked(|s| s.open(&o.id).href());
                        let outlet = o.meta.source.clone().map(|s| format!(" ({s})")).unwrap_or_default();
                        view! { <li><a href=href>{o.title.clone()}</a>{outlet}</li> }
                    })
                    .collect_view();
                let mut ids: Vec<&str> = vec![index.id(doc)];
                ids.extend(others.iter().take(MAX_COMPARED - 1).map(|&d| index.id(d)));
                let compare = search.with_untracked(|s| s.comparing(&ids).href());
                view! {
                    <li class="reused-passage" class:current-reuse=move || current.get() == Some(c) id=format!("reuse-{c}")>
                        <q>{excerpt(span.of(body), 16)}</q>
                        <p>{format!("Appears in {}:", count(others.len(), "other document", "other documents"))}</p>
                        <ul>{links}</ul>
                        <a href=compare>"Compare side by side"</a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="aside-section reuse-list">
                <h2>{format!("Reused passages ({n})")}</h2>
                <ol>{items}</ol>
            </section>
        }
    })
}
