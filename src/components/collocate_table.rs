//! A list of collocates: each word with the times it stands near the node
//! (left and right), its frequency and its score; a word links to the
//! node's lines with it near.

use leptos::prelude::*;

use crate::model::explore::CollocateRow;

#[component]
pub fn CollocateTable(
    /// The measure's name, for the score's column.
    #[prop(into)]
    measure: Signal<&'static str>,
    #[prop(into)] rows: Signal<Vec<CollocateRow>>,
    #[prop(into)] picked: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <table class="stats collocates">
            <caption>{move || format!("Collocates, by {}", measure.get())}</caption>
            <thead>
                <tr>
                    <th scope="col">"Collocate"</th>
                    <th scope="col" class="num">"Together"</th>
                    <th scope="col" class="num">"Left"</th>
                    <th scope="col" class="num">"Right"</th>
                    <th scope="col" class="num" title="Count in the documents counted">"Frequency"</th>
                    <th scope="col" class="num">{move || measure.get()}</th>
                </tr>
            </thead>
            <tbody>
                <For each=move || rows.get() key=|r| (r.href.clone(), r.score.clone(), r.together, r.freq) let:r>
                    {
                        let word = r.word.clone();
                        let current = move || if picked.with(|p| p.as_deref() == Some(word.as_str())) { "true" } else { "false" };
                        view! {
                            <tr>
                                <th scope="row"><a href=r.href data-noscroll="" aria-current=current>{r.word}</a></th>
                                <td class="num">{r.together}</td>
                                <td class="num">{r.left}</td>
                                <td class="num">{r.right}</td>
                                <td class="num">{r.freq}</td>
                                <td class="num">{r.score}</td>
                            </tr>
                        }
                    }
                </For>
            </tbody>
        </table>
    }
}
