//! Quotes grouped by speaker: each quote once, with the outlets that
//! carried it and when.

use leptos::prelude::*;
use quire_engine::DocId;

use crate::components::show_more::{shown_limit, ShowMore};
use crate::format::{count, excerpt};
use crate::model::quotes::{speakers_in, QuoteEntry, SpeakerEntry};
use crate::{Corpus, SearchUrl};

/// Words of a quote shown before "…".
const EXCERPT_WORDS: usize = 70;

#[component]
pub fn QuotesView(docs: Memo<Vec<DocId>>) -> impl IntoView {
    let loader = expect_context::<Corpus>();
    let index = loader.0;
    let SearchUrl(search) = expect_context::<SearchUrl>();
    let speakers = Memo::new(move |_| {
        docs.with(|d| {
            let mut member = vec![false; index.len()];
            d.iter().for_each(|d| member[d.index()] = true);
            speakers_in(index, |d| member[d.index()])
        })
    });
    let limit = shown_limit(search);
    let shown = Memo::new(move |_| speakers.with(|s| s.iter().take(limit.get()).cloned().collect::<Vec<_>>()));
    let summary = move || {
        speakers.with(|s| match s.iter().map(|sp| sp.quotes.len()).sum::<usize>() {
            0 if loader.waiting() => "Loading the quotes…".to_string(),
            0 => "No quoted speech in these documents.".to_string(),
            q => format!(
                "{q} quotes from {} (unattributed counted as one)",
                count(s.len(), "speaker", "speakers")
            ),
        })
    };
    view! {
        <p class="summary quotes-summary">{summary}</p>
        <p class="notice">
            "Quoted speech and its speaker, from the attribution around it (“…,” X said; X told Y: “…”; X added: “…”; he or she after a name). "
            "Copies of a quote that were trimmed or slightly reworded are grouped."
        </p>
        <For each=move || shown.get() key=move |sp| (sp.clone(), search.with(|s| s.href())) let:speaker>
            <SpeakerSection speaker/>
        </For>
        <ShowMore total=Signal::derive(move || speakers.with(Vec::len)) label="Show more speakers"/>
    }
}

/// A speaker and their quotes.
#[component]
fn SpeakerSection(speaker: SpeakerEntry) -> impl IntoView {
    let label = speaker.name.clone().unwrap_or_else(|| "Unattributed".to_string());
    let attribute = label.clone();
    let n = speaker.quotes.len();
    let quotes = speaker.quotes.into_iter().map(|quote| view! { <QuoteItem quote/> }).collect_view();
    view! {
        <section class="speaker" data-speaker=attribute>
            <h2>{label} <span class="count">{format!(" · {}", count(n, "quote", "quotes"))}</span></h2>
            <ol class="quotes">{quotes}</ol>
        </section>
    }
}

/// One quote, with the documents that carried it.
#[component]
fn QuoteItem(quote: QuoteEntry) -> impl IntoView {
    let index = expect_context::<Corpus>().0;
    let SearchUrl(search) = expect_context::<SearchUrl>();
    let s = search.get_untracked();
    let carried = quote
        .carriers
        .iter()
        .map(|&(d, i)| {
            let doc = index.doc(d);
            let outlet = doc.meta.source.clone().unwrap_or_else(|| doc.title.clone());
            let date = doc.meta.date.map(|x| x.to_string());
            view! {
                <li>
                    <a href=s.open_quote(&doc.id, i).href() title=doc.title.clone()>{outlet}</a>
                    {date.map(|x| view! { " " <span class="byline-inline">{x}</span> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <li class="quote-group">
            <blockquote class="quote-text">"“" {excerpt(&quote.text(index), EXCERPT_WORDS)} "”"</blockquote>
            <p class="carried">{format!("In {}:", count(quote.carriers.len(), "document", "documents"))}</p>
            <ul class="carriers">{carried}</ul>
        </li>
    }
}
