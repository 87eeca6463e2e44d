//! A document's quotes with their speakers; the open one is current.

use leptos::prelude::*;
use quire_engine::AnalysisPart;
use quire_engine::DocId;

use crate::format::excerpt;
use crate::{Corpus, SearchUrl};

#[component]
pub fn QuoteList(
    doc: DocId,
    /// The open quote, if any.
    #[prop(into)]
    current: Signal<Option<usize>>,
) -> impl IntoView {
    let index = expect_context::<Corpus>().0;
    let SearchUrl(search) = expect_context::<SearchUrl>();
    let quotes = index.analysis(&[AnalysisPart::Quotes]).quotes(doc);
    (!quotes.is_empty()).then(|| {
        let document = index.doc(doc);
        let items = quotes
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let href = search.with_untracked(|s| s.open_quote(&document.id, i).href());
                let who = q.speaker.clone().unwrap_or_else(|| "Unattributed".to_string());
                view! {
                    <li class:current=move || current.get() == Some(i)>
                        <a href=href data-noscroll="">{who}</a> ": “" {excerpt(&q.text(&document.body), 14)} "”"
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="aside-section quote-list">
                <h2>{format!("Quotes ({})", quotes.len())}</h2>
                <ol>{items}</ol>
            </section>
        }
    })
}
