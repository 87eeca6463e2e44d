//! The concordance: one line per hit, keyword centred. Rows are keyed by
//! their link, so a new order moves rows instead of drawing them again.

use leptos::prelude::*;

/// One line, as text to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KwicRow {
    pub left: String,
    pub keyword: String,
    pub right: String,
    /// Which query term matched, for its colour.
    pub term: u16,
    pub title: String,
    pub byline: String,
    /// The hit's place in its document.
    pub href: String,
}

#[component]
pub fn ConcordanceTable(#[prop(into)] rows: Signal<Vec<KwicRow>>) -> impl IntoView {
    view! {
        <table class="kwic">
            <thead>
                <tr><th class="kwic-left">"Left"</th><th class="kwic-key">"Keyword"</th><th class="kwic-right">"Right"</th><th>"Document"</th></tr>
            </thead>
            <tbody>
                <For each=move || rows.get() key=|r| r.href.clone() let:r>
                    <tr>
                        <td class="kwic-left"><span>{r.left}</span></td>
                        <td class="kwic-key"><a href=r.href><mark class=format!("t{}", r.term % 6)>{r.keyword}</mark></a></td>
                        <td class="kwic-right">{r.right}</td>
                        <td class="kwic-source">{r.title}<span class="kwic-byline">{r.byline}</span></td>
                    </tr>
                </For>
            </tbody>
        </table>
    }
}
