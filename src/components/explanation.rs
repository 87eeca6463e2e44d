//! Why a result ranks where it does: each query term's score by field.

use leptos::prelude::*;
use quire_engine::Explanation;

use crate::format::decimals2;

#[component]
pub fn ExplanationPanel(explanation: Explanation) -> impl IntoView {
    let rows = explanation
        .leaves
        .iter()
        .flat_map(|leaf| {
            leaf.fields.iter().map(move |f| {
                view! {
                    <tr>
                        <td>{leaf.text.clone()}</td>
                        <td>{f.field.clone()}</td>
                        <td class="num">{f.matches}</td>
                        <td class="num">{decimals2(f.score)}</td>
                    </tr>
                }
            })
        })
        .collect_view();
    let proximity = (explanation.proximity > 1.0).then(|| {
        view! { <p>"× " {decimals2(explanation.proximity)} " because the terms stand close together"</p> }
    });
    view! {
        <div class="explanation">
            <table>
                <thead><tr><th>"Term"</th><th>"Field"</th><th class="num">"Matches"</th><th class="num">"Score"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            {proximity}
            <p class="total">"Total " {decimals2(explanation.score)} " (BM25F; title ×3, outlet/author/tags ×2, body ×1, other metadata ×0.5)"</p>
        </div>
    }
}
