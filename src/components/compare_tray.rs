//! The documents picked for a comparison, waiting for the next one.

use leptos::prelude::*;
use quire_engine::DocId;

use crate::url_state::MAX_COMPARED;
use crate::{Corpus, SearchUrl};

#[component]
pub fn CompareTray() -> impl IntoView {
    let index = expect_context::<Corpus>().0;
    let SearchUrl(search) = expect_context::<SearchUrl>();
    move || {
        search.with(|s| {
            let picks: Vec<DocId> = s.search.picks.iter().filter_map(|id| index.find(id)).collect();
            if picks.is_empty() {
                return None;
            }
            let titles = picks
                .iter()
                .map(|&p| {
                    let unpick = s.unpicking(index.id(p)).href();
                    view! { <span class="picked">"“" <strong>{index.title(p).to_string()}</strong> "” " <a href=unpick data-noscroll="" title="Unpick">"✕"</a></span> }
                })
                .collect_view();
            let compare_now = (picks.len() >= 2).then(|| {
                let ids: Vec<&str> = picks.iter().map(|&p| index.id(p)).collect();
                view! { <a class="compare-picked" href=s.comparing(&ids).href()>"Compare these " {picks.len()}</a> }
            });
            let more = if picks.len() + 1 < MAX_COMPARED {
                "choose another document to compare with (up to four)."
            } else {
                "choose the last document to compare with."
            };
            Some(view! {
                <p class="compare-tray" role="status">
                    "Picked " {titles} ": " {more} " " {compare_now} " "
                    <a href=s.picking(None).href() data-noscroll="">"Cancel"</a>
                </p>
            })
        })
    }
}
