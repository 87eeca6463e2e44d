//! The results as a list: each with its marked title and snippet, its
//! match count, why it ranks there, and a way to compare it. Rows are
//! keyed, so "show more" and a new order keep the rows already drawn.

use leptos::prelude::*;
use quire_engine::{explain, result_views, DocId, ResultView};

use crate::components::result_item::{CompareLink, ResultItem};
use crate::components::show_more::{shown_limit, ShowMore};
use crate::marks::Marked;
use crate::{Corpus, SearchUrl, Searched};

/// One row of the list, with everything it shows.
#[derive(Clone, PartialEq)]
struct Row {
    doc: DocId,
    view: ResultView,
    open_href: String,
    compare: CompareLink,
    compare_href: String,
}

impl Row {
    /// Rows with the same key render the same.
    fn key(&self) -> (DocId, String, String) {
        (self.doc, self.open_href.clone(), self.compare_href.clone())
    }
}

#[component]
pub fn ResultsList() -> impl IntoView {
    let index = expect_context::<Corpus>().0;
    let SearchUrl(search) = expect_context::<SearchUrl>();
    let Searched { prepared, results } = expect_context::<Searched>();
    let limit = shown_limit(search);
    let rows = Memo::new(move |_| {
        let docs: Vec<DocId> = results.with(|r| r.hits.iter().take(limit.get()).map(|h| h.doc).collect());
        let views = prepared.with(|p| result_views(index, p, &docs));
        search.with(|s| {
            let picks: Vec<DocId> = s.search.picks.iter().filter_map(|id| index.find(id)).collect();
            docs.iter()
                .zip(views)
                .map(|(&doc, view)| {
                    let id = index.id(doc);
                    let (compare, compare_href) = if picks.contains(&doc) {
                        (CompareLink::Picked, s.unpicking(id).href())
                    } else if picks.is_empty() {
                        (CompareLink::Pick, s.picking(Some(id)).href())
                    } else {
                        let mut ids: Vec<&str> = picks.iter().map(|&p| index.id(p)).collect();
                        ids.push(id);
                        let titles = picks.iter().map(|&p| index.title(p)).collect::<Vec<_>>().join("”, “");
                        (CompareLink::With(titles), s.comparing(&ids).href())
                    };
                    Row {
                        doc,
                        view,
                        open_href: s.open(id).href(),
                        compare,
                        compare_href,
                    }
                })
                .collect::<Vec<_>>()
        })
    });
    let explained = Memo::new(move |_| prepared.with(|p| !p.query.is_empty()));
    view! {
        <ol class="results">
            <For each=move || rows.get() key=Row::key let:row>
                {
                    let doc = row.doc;
                    let explain = explained
                        .get_untracked()
                        .then(|| Callback::new(move |()| prepared.with_untracked(|p| explain(index, p, doc))));
                    view! {
                        <ResultItem
                            doc=index.doc(doc)
                            open_href=row.open_href
                            title_marks=row.view.title.iter().map(Marked::from).collect()
                            snippet=row.view.snippet
                            match_count=row.view.hits
                            matched_metadata=row.view.in_metadata
                            compare=row.compare
                            compare_href=row.compare_href
                            explain=explain
                        />
                    }
                }
            </For>
        </ol>
        <ShowMore total=Signal::derive(move || results.with(|r| r.hits.len())) label="Show more"/>
    }
}
