//! Trends: one or more queries over time, per month or year, as hits per
//! 10,000 words, hits, or documents, or one query split by a facet (a line
//! per outlet, author, person…); a chart (SVG, each point opening the
//! documents of its period) with its table, exported as SVG or CSV.

use leptos::html::Input;
use leptos::prelude::*;
use quire_engine::{
    prepare, search as run, split_values, trend, trend_by, trend_csv, DocId, Facet, Prepared, Query, Trend, Unit, MAX_SPLIT,
};

use crate::browser;
use crate::components::trend_chart::{TrendChart, TrendTable};
use crate::format::count;
use crate::model::trend::{chart, split_summary, table};
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
    let split_key = Memo::new(move |_| explore.with(|e| e.trend_by.clone()));
    let split_options = Memo::new(move |_| {
        loader.track();
        index
            .facets()
            .into_iter()
            .filter(|f| splits(f))
            .map(|f| (f.key.clone(), f.label.clone()))
            .collect::<Vec<_>>()
    });
    // The trend, with a label per line: each query, or each value of the
    // facet the first query is split by.
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
        // Facets are read (and fetched) only to split.
        let facets = if split_key.with(Option::is_some) {
            index.facets()
        } else {
            Vec::new()
        };
        let facet = split_key.with(|k| k.as_ref().and_then(|k| facets.iter().find(|f| f.key == *k && splits(f))));
        let groups = facet.map(|f| split_values(f, &selection, &matched[0], MAX_SPLIT));
        let draw = |unit: Unit| match &groups {
            Some(groups) => trend_by(index, &selection, &prepared[0], &matched[0], groups, unit),
            None => trend(index, &selection, &series, unit),
        };
        let unit = unit.get();
        let mut t: Trend = draw(unit.unwrap_or(Unit::Month));
        if unit.is_none() && t.periods.len() > MONTHS_MAX {
            t = draw(Unit::Year);
        }
        if loader.waiting() {
            // Dates, lengths, facets or positions are still coming.
            loader.track();
            return None;
        }
        let labels = match &groups {
            Some(groups) => groups.iter().map(|(v, _)| v.clone()).collect(),
            None => queries,
        };
        Some(Drawn {
            trend: t,
            labels,
            split: facet.map(|f| (f.key.clone(), f.label.clone())),
        })
    });
    let labels = Signal::derive(move || computed.with(|d| d.as_ref().map(|d| d.labels.clone()).unwrap_or_default()));
    // A point, or a figure of the table: that line's documents in that
    // period, listed.
    let href = move |s: usize, i: usize| -> String {
        computed.with(|d| {
            let Some(d) = d else { return String::new() };
            search.with(|st| {
                let mut next = match &d.split {
                    Some((key, _)) => {
                        let q = queries.with(|q| q[0].clone());
                        st.with_query(&q).with_only_filter(key, &d.labels[s])
                    }
                    None => st.with_query(&d.labels[s]),
                }
                .with_tab(Tab::List);
                next = next.with_dates(Some(DateRange::period(d.trend.periods[i])));
                next.href()
            })
        })
    };
    let the_chart = Memo::new(move |_| {
        computed.with(|d| {
            d.as_ref()
                .map(|d| chart(&d.trend, measure.get(), &d.labels, href))
                .unwrap_or_default()
        })
    });
    let rows = Memo::new(move |_| computed.with(|d| d.as_ref().map(|d| table(&d.trend, measure.get(), href)).unwrap_or_default()));
    let title = Signal::derive(move || {
        let what = computed.with(|d| match d.as_ref().and_then(|d| d.split.as_ref()) {
            Some((_, label)) => format!("{} by {label}", queries.with(|q| q[0].clone())),
            None => queries.get().join(", "),
        });
        format!("{} of {what}, per period", measure.get().label())
    });

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
    let go_measure = go.clone();
    let on_measure = move |ev: leptos::ev::Event| {
        let m = TrendMeasure::parse(&event_target_value(&ev));
        go_measure(&search.get_untracked().with_explore(|e| e.trend_measure = m), true);
    };
    let export_csv = move |_| {
        computed.with_untracked(|d| {
            if let Some(d) = d {
                // A split line is named by its query and value.
                let labels: Vec<String> = match &d.split {
                    Some((key, _)) => {
                        let q = queries.with_untracked(|q| q[0].clone());
                        d.labels.iter().map(|v| format!("{q} {key}:{}", quoted(v))).collect()
                    }
                    None => d.labels.clone(),
                };
                let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
                browser::download("quire-trend.csv", "text/csv;charset=utf-8", &trend_csv(&d.trend, &labels));
            }
        })
    };
    let on_split = move |ev: leptos::ev::Event| {
        let key = Some(event_target_value(&ev)).filter(|k| !k.is_empty());
        go(&search.get_untracked().with_explore(|e| e.trend_by = key), true);
    };
    let export_svg = move |_| {
        if let Some(svg) = browser::outer_html("trend-chart") {
            browser::download("quire-trend.svg", "image/svg+xml", &svg);
        }
    };
    let status = move || match computed.get() {
        None if queries.with(Vec::is_empty) => String::new(),
        None => "Counting…".to_string(),
        Some(d) if d.trend.periods.is_empty() => "No dated documents in these results.".to_string(),
        Some(d) => {
            let t = &d.trend;
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
            let key = split_key.get();
            match (&d.split, key) {
                (Some((_, label)), _) => {
                    let q = queries.with(|q| q[0].clone());
                    s.push_str(&split_summary(&q, label, d.labels.len(), queries.with(Vec::len)));
                }
                (None, Some(key)) => s.push_str(&format!(" No facet “{key}” to split by.")),
                (None, None) => {}
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
                "Split by "
                <select on:change=on_split prop:value=move || split_key.get().unwrap_or_default()>
                    <option value="">"nothing"</option>
                    // Each option says whether it is picked: the options
                    // may come (with the facets) after the value is set.
                    {move || split_options.get().into_iter().map(|(key, label)| {
                        let picked = split_key.with(|k| k.as_deref() == Some(key.as_str()));
                        view! { <option value=key selected=picked>{label}</option> }
                    }).collect_view()}
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
                {move || labels.get().into_iter().enumerate().map(|(i, q)| {
                    let remove = computed.with(|d| d.as_ref().is_some_and(|d| d.split.is_none())).then(|| remove_href(q.clone())).flatten();
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
            <TrendTable labels rows measure=measure_label/>
        </Show>
    }
}

/// A trend as drawn: its counts, a label per line, and the facet (key,
/// label) its query is split by, if it is.
#[derive(Clone, Debug, PartialEq)]
struct Drawn {
    trend: Trend,
    labels: Vec<String>,
    split: Option<(String, String)>,
}

/// Whether a trend may be split by `facet`: one with values, and not the
/// year (time is the axis).
fn splits(facet: &Facet) -> bool {
    facet.key != "year" && !facet.values.is_empty()
}

/// A facet value as a query writes it: in double quotes (a quote inside
/// doubled as a query cannot write it, so dropped).
fn quoted(value: &str) -> String {
    format!("\"{}\"", value.replace('"', ""))
}
