//! The entities a document names, by kind, each with its mentions; a
//! name opens the Entities view at it. A switch marks them all in the
//! text.

use leptos::prelude::*;
use quire_engine::{EntityKind, Mention};

use crate::model::entities::named_in;
use crate::url_state::Tab;
use crate::{navigator, SearchUrl, Url};

/// Names listed per kind before "more".
const SHOWN: usize = 8;

#[component]
pub fn DocEntities(mentions: Vec<Mention>) -> impl IntoView {
    let SearchUrl(search) = expect_context::<SearchUrl>();
    let Url(state) = expect_context::<Url>();
    let go = navigator();
    let named = named_in(&mentions);
    let marking = Memo::new(move |_| state.with(|s| s.search.explore.mark_entities));
    let toggle = move |_| {
        let s = state.get_untracked();
        let on = !s.search.explore.mark_entities;
        go(&s.with_marked_entities(on), true);
    };
    let href = move |kind: EntityKind, name: &str| {
        search.with_untracked(|s| {
            s.with_tab(Tab::Entities)
                .with_explore(|e| e.entity = Some((kind, name.to_string())))
                .href()
        })
    };
    let total: usize = named.iter().map(|(_, n)| n.len()).sum();
    let groups = named
        .into_iter()
        .map(|(kind, names)| {
            let more = names.len().saturating_sub(SHOWN);
            let items = names
                .into_iter()
                .take(SHOWN)
                .map(|(name, n)| {
                    let link = href(kind, &name);
                    view! { <li><a href=link>{name}</a> <span class="count">{n}</span></li> }
                })
                .collect_view();
            view! {
                <div class=format!("doc-entity-kind ent-{}", kind.key())>
                    <h3><span class="swatch" aria-hidden="true"></span>{kind.label()}</h3>
                    <ul>{items}</ul>
                    {(more > 0).then(|| view! { <p class="more-note">{format!("and {more} more")}</p> })}
                </div>
            }
        })
        .collect_view();
    (total > 0).then(|| {
        view! {
            <section class="aside-section doc-entities">
                <h2>{format!("Named here ({total})")}</h2>
                <label class="mark-entities">
                    <input type="checkbox" prop:checked=move || marking.get() on:change=toggle/>
                    " Mark them in the text"
                </label>
                {groups}
            </section>
        }
    })
}
