//! Keywords: the words (or two- and three-word phrases) these results use
//! more, or less, than a reference (the rest of the corpus, or the results
//! of another query), by log-likelihood with the log ratio as effect size.
//! A word opens its lines in both selections.

use leptos::html::Input;
use leptos::prelude::*;
use quire_engine::{
    keyness, keyness_csv, prepare, search as run, word_lines, word_query, DocId, Keyword, Query, Request, WordCounts, MAX_PHRASE_WORDS,
    P_LEVELS,
};

use crate::browser;
use crate::components::concordance_table::ConcordanceTable;
use crate::components::keyword_table::KeywordTable;
use crate::format::count;
use crate::model::explore::{counted, items, rest_of, KeywordRow};
use crate::pages::concordance_view::kwic_rows;
use crate::url_state::{p_label, Explore, MAX_MIN};
use crate::{navigator, Corpus, SearchUrl};

/// Keywords listed on each side; the CSV export has them all.
const SHOWN: usize = 100;
/// Lines of the word picked, in each selection.
const LINES: usize = 100;

#[component]
pub fn KeywordsView(docs: Memo<Vec<DocId>>) -> impl IntoView {
    let loader = expect_context::<Corpus>();
    let index = loader.0;
    let SearchUrl(search) = expect_context::<SearchUrl>();
    let go = navigator();
    let explore = Memo::new(move |_| search.with(|s| s.search.explore.clone()));
    let reference_text = Memo::new(move |_| explore.with(|e| e.reference.trim().to_string()));
    let reference_docs = Memo::new(move |_| {
        loader.track();
        reference_text.with(|r| {
            if r.is_empty() {
                docs.with(|d| rest_of(index.len(), d))
            } else {
                let prepared = prepare(index, &Query::parse(index.analyzer(), r));
                run(index, &prepared, &Request::default()).hits.iter().map(|h| h.doc).collect()
            }
        })
    });
    // Both selections' words, once the searches are final and every
    // document in them has come.
    // Counted again only when the documents change, not on every later
    // round of parts (a word's lines fetch some).
    let n = Memo::new(move |_| explore.with(|e| e.key_n()));
    let counts = Memo::new(move |_| {
        let (target, reference, n) = (docs.get(), reference_docs.get(), n.get());
        let ready = !loader.waiting() && index.has_docs(&target) & index.has_docs(&reference);
        if !ready {
            loader.track();
            return None;
        }
        Some((
            WordCounts::of_phrases(index, &target, n),
            WordCounts::of_phrases(index, &reference, n),
        ))
    });
    let settings = Memo::new(move |_| explore.with(|e| (e.key_min(), e.key_p().0)));
    let keys = Memo::new(move |_| {
        let (min, p) = settings.get();
        counts.with(|c| c.as_ref().map(|(t, r)| keyness(t, r, min, p)).unwrap_or_default())
    });
    let rows = move |in_target: bool| {
        Memo::new(move |_| {
            counts.with(|c| {
                let Some((t, r)) = c else { return Vec::new() };
                keys.with(|keys| {
                    search.with(|s| {
                        keys.iter()
                            .filter(|k: &&Keyword| k.in_target() == in_target)
                            .take(SHOWN)
                            .map(|k| {
                                let href = s.with_explore(|e| e.word = Some(k.word.clone())).href();
                                KeywordRow::of(k, t, r, href)
                            })
                            .collect()
                    })
                })
            })
        })
    };
    let (here, there) = (rows(true), rows(false));
    let picked = Signal::derive(move || explore.with(|e| e.word.clone()));
    let lines = move |in_reference: bool| {
        Memo::new(move |_| {
            loader.track();
            let Some(word) = picked.get() else { return Vec::new() };
            let docs = if in_reference { reference_docs.get() } else { docs.get() };
            let lines = word_lines(index, &docs, &word, LINES);
            search.with(|s| {
                kwic_rows(index, &lines, |l| {
                    s.with_query(&word_query(&word)).open_at(index.id(l.doc), l.hit as usize).href()
                })
            })
        })
    };
    let (lines_here, lines_there) = (lines(false), lines(true));

    let input = NodeRef::<Input>::new();
    let go_ref = go.clone();
    let on_reference = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = input.get().map(|i| i.value()).unwrap_or_default();
        go_ref(
            &search.get_untracked().with_explore(|e| e.reference = value.trim().to_string()),
            false,
        );
    };
    let go_min = go.clone();
    let on_min = move |ev: leptos::ev::Event| {
        if let Ok(n) = event_target_value(&ev).parse::<u32>() {
            go_min(
                &search.get_untracked().with_explore(|e| e.key_min = Some(n.clamp(1, MAX_MIN))),
                true,
            );
        }
    };
    let go_n = go.clone();
    let on_n = move |ev: leptos::ev::Event| {
        if let Ok(n) = event_target_value(&ev).parse::<u32>() {
            // A word picked is no phrase, nor a phrase a word.
            let change = |e: &mut Explore| {
                e.key_n = (n > 1).then_some(n);
                e.word = None;
            };
            go_n(&search.get_untracked().with_explore(change), true);
        }
    };
    let on_p = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        if let Some(i) = (0..P_LEVELS.len()).find(|&i| p_label(i) == v) {
            go(&search.get_untracked().with_explore(|e| e.key_p = Some(i)), true);
        }
    };
    let export = move |_| {
        counts.with_untracked(|c| {
            if let Some((t, r)) = c {
                let csv = keys.with_untracked(|k| keyness_csv(k, t, r));
                browser::download("quire-keywords.csv", "text/csv;charset=utf-8", &csv);
            }
        })
    };
    let status = Memo::new(move |_| {
        let reference = reference_text.get();
        let named = if reference.is_empty() {
            "the rest of the corpus".to_string()
        } else {
            format!("the results of “{reference}”")
        };
        let (p, critical) = explore.with(|e| e.key_p());
        let min = explore.with(|e| e.key_min());
        counts.with(|c| match c {
            None => format!("Reading {} documents…", docs.with(Vec::len) + reference_docs.with(Vec::len)),
            Some((t, r)) => format!(
                "These results: {}. Reference, {named}: {}. Key at p < {p} (G² ≥ {critical}), seen at least {}.",
                counted(t),
                counted(r),
                count(min as usize, "time", "times"),
            ),
        })
    });
    let empty = move || {
        counts.with(|c| match c {
            Some((t, _)) if t.docs() == 0 => Some("No results to compare: search or filter to choose them."),
            Some((_, r)) if r.docs() == 0 && reference_text.with(String::is_empty) => {
                Some("The reference is empty: these results are the whole corpus. Search or filter to narrow them, or name a reference.")
            }
            Some((_, r)) if r.docs() == 0 => Some("The reference matches no document."),
            Some((t, r)) if !t.complete() || !r.complete() => Some(
                "These selections hold more distinct words or phrases than the page counts (2,000,000): narrow them with a filter, a period or a search, or compare shorter phrases.",
            ),
            Some(_) if keys.with(Vec::is_empty) && n.get() > 1 => Some("No phrase is key at this threshold."),
            Some(_) if keys.with(Vec::is_empty) => Some("No word is key at this threshold."),
            _ => None,
        })
    };
    let item = Signal::derive(move || if n.get() > 1 { "Phrase" } else { "Word" });
    let word_heading = move |where_: &'static str| move || picked.get().map(|w| format!("“{w}” in {where_}")).unwrap_or_default();
    view! {
        <div class="kwic-bar explore-bar">
            <form class="reference" on:submit=on_reference role="search" aria-label="Reference">
                <label>
                    "Compared with "
                    <input type="text" node_ref=input name="ref" placeholder="the rest of the corpus" prop:value=move || reference_text.get()/>
                </label>
                <button type="submit">"Compare"</button>
            </form>
            <label>
                "Compare "
                <select on:change=on_n prop:value=move || n.get().to_string()>
                    {(1..=MAX_PHRASE_WORDS).map(|i| view! { <option value=i.to_string()>{items(i).1}</option> }).collect_view()}
                </select>
            </label>
            <label>
                "Minimum frequency "
                <input type="number" min="1" max=MAX_MIN.to_string() class="small-number" prop:value=move || explore.with(|e| e.key_min()).to_string() on:change=on_min/>
            </label>
            <label>
                "p < "
                <select on:change=on_p prop:value=move || p_label(explore.with(|e| e.key_p.unwrap_or(0)))>
                    {(0..P_LEVELS.len()).map(|i| view! { <option value=p_label(i)>{p_label(i)}</option> }).collect_view()}
                </select>
            </label>
            <button type="button" class="export" on:click=export>"Export CSV"</button>
        </div>
        <p class="summary keywords-summary" role="status">{move || status.get()}</p>
        <p class="notice">
            "A reference is a query over the whole corpus: source:\"daily mail\", date:2023, or any search. "
            "G² is the log-likelihood; the log ratio is log2 of the ratio of the word's two rates (1: twice as frequent). "
            "A phrase is words in a row with no punctuation between them."
        </p>
        {move || empty().map(|m| view! { <p class="notice">{m}</p> })}
        <div class="keyword-lists">
            <KeywordTable caption="Key in these results".to_string() rows=here picked item/>
            <KeywordTable caption="Key in the reference".to_string() rows=there picked item/>
        </div>
        <Show when=move || picked.with(Option::is_some)>
            <h2 class="section-title">{word_heading("these results")}</h2>
            <ConcordanceTable rows=lines_here/>
            <h2 class="section-title">{word_heading("the reference")}</h2>
            <ConcordanceTable rows=lines_there/>
        </Show>
    }
}
