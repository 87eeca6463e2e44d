//! Citing a passage of the open document: a link that opens the reader
//! with the passage marked, and the citation as BibTeX, RIS or CSL-JSON
//! with the passage quoted (files made in the page), and a note on it.

use leptos::prelude::*;
use quire_engine::{CharRange, Citation, Document, Span};

use crate::browser;
use crate::format::excerpt;

#[component]
pub fn CiteBar(
    doc: &'static Document,
    /// The passage: selected now, or cited by the URL.
    #[prop(into)]
    passage: Signal<Option<Span>>,
    /// The link to a passage (query-only, as every link of the app).
    href: Callback<CharRange, String>,
    /// Writes a note on the passage.
    on_note: Callback<Span>,
) -> impl IntoView {
    let range = Memo::new(move |_| passage.get().and_then(|p| CharRange::of_span(&doc.body, p)));
    let link = Memo::new(move |_| range.get().map(|r| href.run(r)));
    let absolute = move || link.get().map(|l| format!("{}{l}", browser::page_url())).unwrap_or_default();
    let save = move |format: &'static str| {
        let (Some(span), Some(l)) = (passage.get_untracked(), link.get_untracked()) else {
            return;
        };
        let index = expect_context::<crate::Corpus>().0;
        let citation = Citation::new(doc, span, format!("{}{l}", browser::page_url()), index.analyzer());
        match format {
            "bib" => browser::download("quire-citation.bib", "application/x-bibtex;charset=utf-8", &citation.bibtex()),
            "ris" => browser::download(
                "quire-citation.ris",
                "application/x-research-info-systems;charset=utf-8",
                &citation.ris(),
            ),
            _ => browser::download(
                "quire-citation.json",
                "application/vnd.citationstyles.csl+json;charset=utf-8",
                &citation.csl_json(),
            ),
        }
    };
    let too_long = move || passage.with(Option::is_some) && range.with(Option::is_none);
    view! {
        <Show when=too_long>
            <p class="cite-bar notice" role="status">
                {format!("A passage of at most {} characters can be linked and cited.", quire_engine::present::cite::MAX_PASSAGE_CHARS)}
            </p>
        </Show>
        <Show when=move || link.with(Option::is_some)>
            <div class="cite-bar" role="region" aria-label="Cite this passage">
                <p class="cite-quote">"“" {move || passage.get().map(|p| excerpt(p.of(&doc.body), 24)).unwrap_or_default()} "”"</p>
                <a class="cite-link" href=move || link.get().unwrap_or_default() data-noscroll="">"Link to this passage"</a>
                <input class="cite-url" type="text" readonly prop:value=absolute aria-label="The passage's link, to copy"/>
                <button type="button" class="cite-note" on:click=move |_| {
                    if let Some(p) = passage.get_untracked() {
                        on_note.run(p)
                    }
                }>"Add a note"</button>
                <span class="cite-formats">
                    "Cite as "
                    <button type="button" on:click=move |_| save("bib")>"BibTeX"</button>
                    <button type="button" on:click=move |_| save("ris")>"RIS"</button>
                    <button type="button" on:click=move |_| save("json")>"CSL-JSON"</button>
                </span>
            </div>
        </Show>
    }
}
