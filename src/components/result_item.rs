//! One search result: title, byline, snippet, match count, links.

use leptos::prelude::*;
use quire_engine::{Document, Explanation, Snippet, Span};

use super::doc_meta::Byline;
use super::explanation::ExplanationPanel;
use super::highlighted::Highlighted;
use crate::marks::Marked;

/// How the result's compare link reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CompareLink {
    /// Pick this document, to compare it with the next one chosen.
    Pick,
    /// This is the picked document: unpick it.
    Picked,
    /// Compare it with the picked document, titled so.
    With(String),
}

#[component]
pub fn ResultItem(
    doc: &'static Document,
    open_href: String,
    title_marks: Vec<Marked>,
    snippet: Snippet,
    /// Matches in the title and body.
    match_count: usize,
    /// Whether the query matched the outlet, author or tags.
    matched_metadata: bool,
    compare: CompareLink,
    compare_href: String,
    /// Computes why the result ranks where it does, when asked.
    #[prop(optional_no_strip)]
    explain: Option<Callback<(), Explanation>>,
) -> impl IntoView {
    let opened = RwSignal::new(false);
    let why = explain.map(|explain| {
        view! {
            <details class="why" on:toggle=move |_| opened.set(true)>
                <summary>"Why this rank?"</summary>
                {move || opened.get().then(|| view! { <ExplanationPanel explanation=explain.run(())/> })}
            </details>
        }
    });
    let snippet_marks: Vec<Marked> = snippet.marks.iter().map(Marked::from).collect();
    let count = match (match_count, matched_metadata) {
        (0, true) => "matches its metadata".to_string(),
        (0, false) => String::new(),
        (1, _) => "1 match".to_string(),
        (n, _) => format!("{n} matches"),
    };
    let (compare_label, compare_title) = match &compare {
        CompareLink::Pick => (
            "Compare…".to_string(),
            "Pick this document, then another to compare it with".to_string(),
        ),
        CompareLink::Picked => ("Picked ✓".to_string(), "Picked for comparison: click to unpick".to_string()),
        CompareLink::With(title) => ("Compare with picked".to_string(), format!("Compare side by side with “{title}”")),
    };
    view! {
        <li class="result" data-id=doc.id.clone()>
            <h2 class="result-title">
                <a href=open_href>
                    <Highlighted text=doc.title.as_str() range=Span::new(0, doc.title.len()) marks=title_marks/>
                </a>
            </h2>
            <Byline doc/>
            <p class="snippet">
                {snippet.cut_before.then_some("… ")}
                <Highlighted text=doc.body.as_str() range=snippet.span marks=snippet_marks/>
                {snippet.cut_after.then_some(" …")}
            </p>
            <div class="result-foot">
                <span class="match-count">{count}</span>
                {why}
                <a class="compare-link" class:picked=compare == CompareLink::Picked href=compare_href title=compare_title data-noscroll="">
                    {compare_label}
                </a>
            </div>
        </li>
    }
}
