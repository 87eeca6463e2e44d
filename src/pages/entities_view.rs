//! Entities: the people, organisations, places, sums of money, dates
//! and percentages these results name, in how many of them and of the
//! corpus. An entity picked shows what it is named with, and its
//! mentions in context, each opening the reader at it.

use leptos::prelude::*;
use quire_engine::{co_occurring, entities_csv, entity_counts, entity_lines, DocId, EntityCount, EntityGroup};

use crate::browser;
use crate::components::concordance_table::ConcordanceTable;
use crate::components::entity_table::EntityTables;
use crate::format::count;
use crate::model::entities::{not_found, summary, tables};
use crate::pages::concordance_view::kwic_rows;
use crate::url_state::{Tab, UrlState};
use crate::{Corpus, SearchUrl};

/// Entities per kind until "Show all".
const SHOWN: usize = 20;
/// Entities named with the one picked, per kind.
const COMPANY: usize = 15;
/// Mentions of the entity picked, in context.
const LINES: usize = 200;
/// Documents read for them (each is fetched and tagged in the page).
const LINE_DOCS: usize = 100;

/// A search state's link to an entity.
fn entity_href(s: &UrlState, e: &EntityCount) -> String {
    s.with_explore(|x| x.entity = Some((e.kind, e.name.clone()))).href()
}

#[component]
pub fn EntitiesView(docs: Memo<Vec<DocId>>) -> impl IntoView {
    let loader = expect_context::<Corpus>();
    let index = loader.0;
    let SearchUrl(search) = expect_context::<SearchUrl>();
    let picked = Memo::new(move |_| search.with(|s| s.search.explore.entity.clone()));
    let all = RwSignal::new(false);
    let groups = Memo::new(move |_| {
        loader.track();
        docs.with(|d| entity_counts(index, d))
    });
    let overview = Memo::new(move |_| {
        let shown = (!all.get()).then_some(SHOWN);
        groups.with(|g| search.with(|s| tables(g, shown, |e| entity_href(s, e))))
    });
    let hidden = Memo::new(move |_| overview.with(|t| t.iter().map(|t| t.more).sum::<usize>()));
    // The entity picked: the results that name it, and what they name.
    let company = Memo::new(move |_| {
        loader.track();
        picked.with(|p| {
            p.as_ref()
                .and_then(|(kind, name)| docs.with(|d| co_occurring(index, d, *kind, name)))
        })
    });
    let company_tables = Memo::new(move |_| {
        company.with(|c| {
            c.as_ref()
                .map(|(_, g)| search.with(|s| tables(g, Some(COMPANY), |e| entity_href(s, e))))
                .unwrap_or_default()
        })
    });
    let lines = Memo::new(move |_| {
        loader.track();
        let Some((kind, name)) = picked.get() else { return Vec::new() };
        company.with(|c| {
            let Some((docs, _)) = c else { return Vec::new() };
            // Tagged once all have come, not again as each arrives.
            let docs = &docs[..docs.len().min(LINE_DOCS)];
            if !index.has_docs(docs) {
                index.prefetch_docs(docs);
                return Vec::new();
            }
            let lines = entity_lines(index, docs, kind, &name, LINES);
            search.with(|s| kwic_rows(index, &lines, |l| s.open_mention(index.id(l.doc), l.hit as usize).href()))
        })
    });

    let export = move |_| {
        let csv = match company.get_untracked() {
            Some((_, g)) => entities_csv(&g),
            None => groups.with_untracked(|g: &Vec<EntityGroup>| entities_csv(g)),
        };
        browser::download("quire-entities.csv", "text/csv;charset=utf-8", &csv);
    };
    let status = move || groups.with(|g| summary(g, docs.with(Vec::len), loader.waiting()));
    let back = move || search.with(|s| s.with_explore(|e| e.entity = None).href());
    let focus = move || {
        let (kind, name) = picked.get()?;
        let view = match company.get() {
            None => view! { <p class="notice" role="status">{not_found(kind, &name, loader.waiting())}</p> }.into_any(),
            Some((named, _)) => {
                let n = named.len();
                let of = docs.with(Vec::len);
                let filter = search.with(|s| s.with_filter_toggled(kind.key(), &name).with_tab(Tab::List).href());
                let more = (n > LINE_DOCS).then(|| format!(" Mentions from the first {LINE_DOCS} documents."));
                view! {
                    <p class="summary" role="status">
                        {format!("Named in {n} of {}.", count(of, "document", "documents"))}
                        {more}
                    </p>
                    <p class="entity-links">
                        <a href=filter>"Show the documents that name it"</a>
                    </p>
                    <h3>"Named with it"</h3>
                    <Show when=move || !company_tables.with(Vec::is_empty) fallback=|| view! { <p class="notice">"Nothing else is named in these documents."</p> }>
                        <EntityTables tables=company_tables docs_label="Together"/>
                    </Show>
                    <h3>"Mentions"</h3>
                    <ConcordanceTable rows=lines/>
                }
                .into_any()
            }
        };
        Some(view! {
            <div class="entity-focus" data-kind=kind.key()>
                <p><a class="back" href=back>"← All entities"</a></p>
                <h2>{name.clone()} " " <span class="entity-kind">{kind.singular()}</span></h2>
                {view}
            </div>
        })
    };
    view! {
        <div class="kwic-bar explore-bar">
            <button type="button" class="export" on:click=export>"Export CSV"</button>
            <Show when=move || picked.with(Option::is_none) && (hidden.get() > 0 || all.get())>
                <button type="button" class="link" on:click=move |_| all.update(|a| *a = !*a)>
                    {move || if all.get() { "Show fewer".to_string() } else { format!("Show all ({} more)", hidden.get()) }}
                </button>
            </Show>
        </div>
        <Show when=move || picked.with(Option::is_none) fallback=focus>
            <p class="summary entities-summary" role="status">{status}</p>
            <EntityTables tables=overview docs_label="Documents"/>
        </Show>
    }
}
