//! Trends: one or more queries over time, per month or year, as hits per
//! 10,000 words, hits, or documents; a chart (SVG, each point opening the
//! documents of its period) with its table, exported as SVG or CSV.

use leptos::html::Input;
use leptos::prelude::*;
use quire_engine::{prepare, search as run, trend, trend_csv, DocId, Prepared, Query, Trend, Unit};

use crate::browser;
use crate::components::trend_chart::{TrendChart, TrendTable};
use crate::format::count;
use crate::model::trend::{chart, table};
use crate::url_state::{DateRange, Tab, TrendMeasure, MAX_TREND_QUERIES};
use crate::{navigator, Corpus, SearchUrl};

/// Months are the default unit for up to this many.
const MONTHS_MAX: usize = 36;

#[component]
pub fn TrendsView() -> impl IntoView {
    let loader = expect_context::<Corpus>();
    let index = loader.0;
    let SearchUrl(search) = expect_context::<SearchUrl>();
    let go = navigator();
    let explore = Memo::new(move |_| search.with(|s| s.search.explore.clone()));
    let measure = Memo::new(move |_| explore.with(|e| e.trend_measure.unwrap_or_default()));
    // The queries drawn: those added, else the search's own.
    let queries = Memo::new(move |_| {
        let added = explore.with(|e| e.trend_queries.clone());
        if added.is_empty() {
            search.with(|s| {
                Some(s.search.query.trim().to_string())
                    .filter(|q| !q.is_empty())
                    .into_iter()
                    .collect()
            })
        } else {
            added
        }
    });
    let request = Memo::new(move |_| search.with(|s| s.request()));
    let unit = Memo::new(move |_| explore.with(|e| e.trend_unit));
    let computed = Memo::new(move |_| {
        let queries = queries.get();
        if queries.is_empty() {
            return None;
        }
        let everything = prepare(index, &Query::default());
        let selection: Vec<DocId> = request.with(|r| run(index, &everything, r).hits.iter().map(|h| h.doc).collect());
        let prepared: Vec<Prepared> = queries.iter().map(|q| prepare(index, &Query::parse(index.analyzer(), q))).collect();
        let matched: Vec<Vec<DocId>> = prepared
            .iter()
            .map(|p| request.with(|r| run(index, p, r).hits.iter().map(|h| h.doc).collect()))
            .collect();
        let series: Vec<(&Prepared, &[DocId])> = prepared.iter().zip(&matched).map(|(p, m)| (p, m.as_slice())).collect();
        let unit = unit.get();
        let mut t: Trend = trend(index, &selection, &series, unit.unwrap_or(Unit::Month));
        if unit.is_none() && t.periods.len() > MONTHS_MAX {
            t = trend(index, &selection, &series, Unit::Year);
        }
        if loader.waiting() {
            // Dates, lengths or positions are still coming.
            loader.track();
            return None;
        }
        Some(t)
    });
    // A point, or a figure of the table: that query's documents in that
    // period, listed.
    let href = move |s: usize, i: usize| -> String {
        let (q, period) = (queries.with(|q| q[s].clone()), computed.with(|t| t.as_ref().map(|t| t.periods[i])));
        search.with(|st| {
            let mut next = st.with_query(&q).with_tab(Tab::List);
            if let Some(p) = period {
                next = next.with_dates(Some(DateRange::period(p)));
            }
            next.href()
        })
    };
    let the_chart = Memo::new(move |_| {
        computed.with(|t| {
            t.as_ref()
                .map(|t| chart(t, measure.get(), &queries.get(), href))
                .unwrap_or_default()
        })
    });
    let rows = Memo::new(move |_| computed.with(|t| t.as_ref().map(|t| table(t, measure.get(), href)).unwrap_or_default()));
    let title = Signal::derive(move || format!("{} of {}, per period", measure.get().label(), queries.get().join(", ")));

    let input = NodeRef::<Input>::new();
    let go_add = go.clone();
    let on_add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = input.get().map(|i| i.value()).unwrap_or_default();
        let value = value.trim().to_string();
        if value.is_empty() {
            return;
        }
        let mut list = queries.get_untracked();
        if !list.contains(&value) && list.len() < MAX_TREND_QUERIES {
            list.push(value);
        }
        if let Some(i) = input.get() {
            i.set_value("");
        }
        go_add(&search.get_untracked().with_explore(|e| e.trend_queries = list), false);
    };
    // Only an added query can be removed (the search's own is the line
    // drawn when none is added).
    let remove_href = move |q: String| {
        search.with(|s| {
            (!s.search.explore.trend_queries.is_empty()).then(|| {
                let list: Vec<String> = queries.get().into_iter().filter(|x| *x != q).collect();
                s.with_explore(|e| e.trend_queries = list).href()
            })
        })
    };
    let go_unit = go.clone();
    let on_unit = move |ev: leptos::ev::Event| {
        let unit = Unit::parse(&event_target_value(&ev));
        go_unit(&search.get_untracked().with_explore(|e| e.trend_unit = unit), true);
    };
    let on_measure = move |ev: leptos::ev::Event| {
        let m = TrendMeasure::parse(&event_target_value(&ev));
        go(&search.get_untracked().with_explore(|e| e.trend_measure = m), true);
    };
    let export_csv = move |_| {
        computed.with_untracked(|t| {
            if let Some(t) = t {
                let labels = queries.get_untracked();
                let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
                browser::download("quire-trend.csv", "text/csv;charset=utf-8", &trend_csv(t, &labels));
            }
        })
    };
    let export_svg = move |_| {
        if let Some(svg) = browser::outer_html("trend-chart") {
            browser::download("quire-trend.svg", "image/svg+xml", &svg);
        }
    };
    let status = move || match computed.get() {
        None if queries.with(Vec::is_empty) => String::new(),
        None => "Counting…".to_string(),
        Some(t) if t.periods.is_empty() => "No dated documents in these results.".to_string(),
        Some(t) => {
            let unit = if t.unit == Unit::Month { "month" } else { "year" };
            let words: u64 = t.words.iter().sum();
            let mut s = format!(
                "Per {unit}, {}, {} in {}.",
                count(t.periods.len(), "period", "periods"),
                count(words as usize, "word", "words"),
                count(t.docs.iter().sum::<u32>() as usize, "dated document", "dated documents")
            );
            if t.unplaced > 0 {
                s.push_str(&format!(
                    " {} with no date (or only a year, per month) not on the line.",
                    count(t.unplaced as usize, "document", "documents")
                ));
            }
            s
        }
    };
    let unit_value = move || explore.with(|e| e.trend_unit.map_or("auto", |u| u.as_str()));
    let measure_label = Signal::derive(move || measure.get().label());
    view! {
        <div class="kwic-bar explore-bar">
            <form class="reference" on:submit=on_add aria-label="Add a query to the trend">
                <label>"Add a query " <input type="text" node_ref=input name="tq" placeholder="e.g. palantir"/></label>
                <button type="submit">"Add"</button>
            </form>
            <label>
                "Per "
                <select on:change=on_unit prop:value=unit_value>
                    <option value="auto">"month or year"</option>
                    <option value="month">"month"</option>
                    <option value="year">"year"</option>
                </select>
            </label>
            <label>
                "Show "
                <select on:change=on_measure prop:value=move || measure.get().as_str()>
                    {TrendMeasure::ALL.iter().map(|m| view! { <option value=m.as_str()>{m.label()}</option> }).collect_view()}
                </select>
            </label>
            <button type="button" class="export" on:click=export_csv>"Export CSV"</button>
            <button type="button" class="export" on:click=export_svg>"Export SVG"</button>
        </div>
        <Show when=move || !queries.with(Vec::is_empty) fallback=|| view! { <p class="notice">"Type a query, or add one, to see how often it occurs over time."</p> }>
            <p class="summary trend-summary" role="status">{status}</p>
            <ul class="trend-legend">
                {move || queries.get().into_iter().enumerate().map(|(i, q)| {
                    let remove = remove_href(q.clone());
                    view! {
                        <li class=format!("s{}", i % 6)>
                            <span class="swatch" aria-hidden="true"></span>
                            <span class="trend-query">{q.clone()}</span>
                            {remove.map(|href| view! { " " <a href=href aria-label=format!("Remove {q}")>"×"</a> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <TrendChart chart=the_chart title/>
            <TrendTable labels=queries rows measure=measure_label/>
        </Show>
    }
}
