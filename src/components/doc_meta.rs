//! A document's metadata: outlet, date, author, tags, link, extra keys.

use leptos::prelude::*;
use quire_engine::Document;

/// One line of metadata under a title (outlet · date · author).
#[component]
pub fn Byline(doc: &'static Document) -> impl IntoView {
    let meta = &doc.meta;
    let parts: Vec<String> = [meta.source.clone(), meta.date.map(|d| d.to_string()), meta.author.clone()]
        .into_iter()
        .flatten()
        .collect();
    let empty = parts.is_empty();
    view! {
        <p class="byline" class:unknown=empty>
            {if empty { "Outlet and date unknown".to_string() } else { parts.join(" · ") }}
        </p>
    }
}

/// Every metadata field of a document, as a definition list.
#[component]
pub fn DocMeta(doc: &'static Document) -> impl IntoView {
    let meta = &doc.meta;
    let mut rows: Vec<(String, AnyView)> = Vec::new();
    if let Some(source) = &meta.source {
        rows.push(("Outlet".into(), source.clone().into_any()));
    }
    if let Some(date) = meta.date {
        rows.push(("Date".into(), date.to_string().into_any()));
    }
    if let Some(author) = &meta.author {
        rows.push(("Author".into(), author.clone().into_any()));
    }
    if !meta.tags.is_empty() {
        rows.push(("Tags".into(), meta.tags.join(", ").into_any()));
    }
    if let Some(url) = &meta.url {
        // Only http(s) URLs become links; anything else is shown as text.
        let shown = match meta.http_url() {
            Some(href) => view! {
                <a href=href.to_string() rel="noopener noreferrer nofollow" target="_blank">{url.clone()}</a>
            }
            .into_any(),
            None => view! { <span class="inert-url">{url.clone()}</span> }.into_any(),
        };
        rows.push(("Link".into(), shown));
    }
    for (key, value) in &meta.extra {
        rows.push((key.clone(), value.to_string().into_any()));
    }
    rows.push(("Id".into(), doc.id.clone().into_any()));
    view! {
        <dl class="doc-meta">
            {rows.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
        </dl>
    }
}
