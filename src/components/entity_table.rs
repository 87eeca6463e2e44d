//! A selection's entities, one table per kind: the name (a link), the
//! documents of the selection that name it, and of the corpus.

use leptos::prelude::*;

use crate::model::entities::EntityTable;

#[component]
pub fn EntityTables(
    #[prop(into)] tables: Signal<Vec<EntityTable>>,
    /// The heading of the column counting the selection's documents.
    docs_label: &'static str,
) -> impl IntoView {
    view! {
        <div class="entity-tables">
            {move || tables.get().into_iter().map(|t| view! {
                <section class=format!("entity-group ent-{}", t.kind.key()) data-kind=t.kind.key()>
                    <h3><span class="swatch" aria-hidden="true"></span>{t.kind.label()}</h3>
                    <table class="entities">
                        <thead>
                            <tr><th scope="col">{t.kind.singular()}</th><th scope="col" class="num">{docs_label}</th><th scope="col" class="num">"In corpus"</th></tr>
                        </thead>
                        <tbody>
                            {t.rows.into_iter().map(|r| view! {
                                <tr>
                                    <td><a href=r.href>{r.name}</a></td>
                                    <td class="num">{r.docs}</td>
                                    <td class="num">{r.in_corpus}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    {(t.more > 0).then(|| view! { <p class="more-note">{format!("and {} more", t.more)}</p> })}
                </section>
            }).collect_view()}
        </div>
    }
}
