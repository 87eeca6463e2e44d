//! A list of keywords: each word (or phrase) with its counts in both selections, its
//! log-likelihood, p-value and log ratio; a word links to its lines.

use leptos::prelude::*;

use crate::model::explore::KeywordRow;

#[component]
pub fn KeywordTable(
    /// What the table lists, for its caption.
    caption: String,
    #[prop(into)] rows: Signal<Vec<KeywordRow>>,
    /// The word picked, if any: its row is marked current.
    #[prop(into)]
    picked: Signal<Option<String>>,
    /// What a row is, for the first column's header: Word, or Phrase.
    #[prop(into)]
    item: Signal<&'static str>,
) -> impl IntoView {
    view! {
        <table class="stats keywords">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">{item}</th>
                    <th scope="col" class="num" title="Count (per 10,000 words, or phrases)">"Results"</th>
                    <th scope="col" class="num" title="Count (per 10,000 words, or phrases)">"Reference"</th>
                    <th scope="col" class="num" title="Log-likelihood">"G²"</th>
                    <th scope="col" class="num">"p"</th>
                    <th scope="col" class="num" title="log2 of the ratio of the two rates">"Log ratio"</th>
                </tr>
            </thead>
            <tbody>
                <For each=move || rows.get() key=|r| (r.href.clone(), r.here.clone(), r.there.clone(), r.g2.clone()) let:r>
                    {
                        let word = r.word.clone();
                        let current = move || if picked.with(|p| p.as_deref() == Some(word.as_str())) { "true" } else { "false" };
                        view! {
                            <tr>
                                <th scope="row"><a href=r.href data-noscroll="" aria-current=current>{r.word}</a></th>
                                <td class="num">{r.here}</td>
                                <td class="num">{r.there}</td>
                                <td class="num">{r.g2}</td>
                                <td class="num">{r.p}</td>
                                <td class="num">{r.log_ratio}</td>
                            </tr>
                        }
                    }
                </For>
            </tbody>
        </table>
    }
}
