//! The corpus views of the results: passages reused across documents,
//! quotes by speaker, and the similarity matrix. Each shows what concerns
//! the current results (query, filters and dates applied).

use leptos::prelude::*;
use quire_engine::reuse::Cluster;
use quire_engine::similar::{four_decimals, pairs_csv};
use quire_engine::{DocId, Document, Index, Origin};

use crate::browser;
use crate::url_state::{ReuseSort, MAX_COMPARED, PAGE_SIZE};
use crate::{navigator, Corpus, Url};

/// The heat map shows at most this many documents (the first results);
/// the top pairs and the CSV export cover up to [`PAIRS_MAX`].
pub const MATRIX_MAX: usize = 40;
pub const PAIRS_MAX: usize = 600;
/// Top pairs listed under the matrix.
const TOP_PAIRS: usize = 15;
/// Words of a passage or quote shown before "…".
const EXCERPT_WORDS: usize = 70;

/// At most `n` words of `text`, whitespace made single spaces.
pub fn excerpt(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= n {
        words.join(" ")
    } else {
        format!("{} …", words[..n].join(" "))
    }
}

fn byline(doc: &Document) -> String {
    let parts: Vec<String> = [doc.meta.source.clone(), doc.meta.date.map(|d| d.to_string())]
        .into_iter()
        .flatten()
        .collect();
    if parts.is_empty() {
        "Outlet and date unknown".to_string()
    } else {
        parts.join(" · ")
    }
}

fn percent(x: f32) -> String {
    let n = (x.clamp(0.0, 1.0) * 100.0).round() as u32;
    format!("{n}%")
}

/// Which documents are among the results, by index.
fn membership(index: &Index, docs: &[DocId]) -> Vec<bool> {
    let mut member = vec![false; index.len()];
    for d in docs {
        member[d.index()] = true;
    }
    member
}

/// The clusters that touch the results, ordered as asked.
pub fn reuse_order(index: &Index, member: &[bool], sort: ReuseSort) -> Vec<usize> {
    let clusters = index.reuse();
    let mut order: Vec<usize> = (0..clusters.len())
        .filter(|&c| clusters[c].copies.iter().any(|(d, _)| member[d.index()]))
        .collect();
    let earliest = |c: &Cluster| {
        c.docs()
            .iter()
            .filter_map(|&d| index.doc(d).meta.date.map(|x| x.first_day_key()))
            .min()
            .unwrap_or(u32::MAX)
    };
    match sort {
        ReuseSort::Size => order.sort_by_key(|&c| (std::cmp::Reverse(clusters[c].docs().len()), std::cmp::Reverse(clusters[c].words), c)),
        ReuseSort::Length => order.sort_by_key(|&c| (std::cmp::Reverse(clusters[c].words), std::cmp::Reverse(clusters[c].docs().len()), c)),
        ReuseSort::Date => order.sort_by_key(|&c| (earliest(&clusters[c]), c)),
    }
    order
}

fn reuse_label(sort: ReuseSort) -> &'static str {
    match sort {
        ReuseSort::Size => "Most documents",
        ReuseSort::Length => "Longest passage",
        ReuseSort::Date => "Earliest first",
    }
}

/// Passages shared by two or more documents, found when the corpus was
/// built, with the likely source of each.
#[component]
pub fn ReuseView(docs: Memo<Vec<DocId>>) -> impl IntoView {
    let index = expect_context::<Corpus>().0;
    let Url(state) = expect_context::<Url>();
    let go = navigator();
    let on_sort = move |ev: leptos::ev::Event| {
        if let Some(sort) = ReuseSort::parse(&event_target_value(&ev)) {
            go(&state.get_untracked().with_reuse_sort(sort), true);
        }
    };
    move || {
        let s = state.get();
        let sort = s.reuse_sort.unwrap_or_default();
        let limit = s.limit.unwrap_or(PAGE_SIZE);
        let order = docs.with(|docs| reuse_order(index, &membership(index, docs), sort));
        let total = order.len();
        let items = order
            .iter()
            .take(limit)
            .map(|&c| {
                let cluster = &index.reuse()[c];
                let origin = index.origin(cluster);
                let mut copies: Vec<DocId> = cluster.docs();
                copies.sort_by_key(|&d| (index.doc(d).meta.date.map_or(u32::MAX, |x| x.first_day_key()), d));
                copies.dedup();
                // The text shown: the likely source's copy, else the first.
                let shown = match &origin {
                    Origin::Source(d) => *d,
                    _ => copies[0],
                };
                let span = cluster.copies.iter().find(|(d, _)| *d == shown).map(|(_, s)| *s).unwrap_or(cluster.copies[0].1);
                let doc = index.doc(shown);
                let text = excerpt(doc.body.get(span.start..span.end).unwrap_or(""), EXCERPT_WORDS);
                let list = copies
                    .iter()
                    .map(|&d| {
                        let doc = index.doc(d);
                        let tag = match &origin {
                            Origin::Source(x) if *x == d => Some(view! { <span class="tag source">"likely source"</span> }.into_any()),
                            Origin::Tie(xs) if xs.contains(&d) => Some(view! { <span class="tag tie" title="Dated no later than the other earliest copies">"earliest (tie)"</span> }.into_any()),
                            _ => None,
                        };
                        view! {
                            <li>
                                <a href=s.open(&doc.id).href()>{doc.title.clone()}</a>
                                " " <span class="byline-inline">{byline(doc)}</span> " " {tag}
                            </li>
                        }
                    })
                    .collect_view();
                let compared: Vec<&str> = copies.iter().take(MAX_COMPARED).map(|&d| index.id(d)).collect();
                let compare_label = if copies.len() > MAX_COMPARED {
                    format!("Compare the first {MAX_COMPARED}")
                } else if copies.len() == 2 {
                    "Compare the two".to_string()
                } else {
                    format!("Compare all {}", copies.len())
                };
                let near = cluster.near.then(|| view! { <span class="tag near" title="Some copies differ by small edits">"≈ reworded"</span> });
                view! {
                    <li class="cluster" data-cluster=c>
                        <p class="cluster-head">
                            <strong>{format!("{} documents", copies.len())}</strong>
                            {format!(" · {} words ", cluster.words)}
                            {near}
                        </p>
                        <blockquote class="cluster-text">{text}</blockquote>
                        <ul class="copies">{list}</ul>
                        <a class="compare-cluster" href=s.comparing(&compared).href()>{compare_label}</a>
                    </li>
                }
            })
            .collect_view();
        let more = (total > limit).then(|| {
            view! { <a class="show-more" href=s.with_limit(limit + PAGE_SIZE).href() data-noscroll="">{format!("Show more ({} left)", total - limit)}</a> }
        });
        let summary = match total {
            0 => "No passage of these documents appears in another document.".to_string(),
            1 => "1 passage of these documents appears in other documents.".to_string(),
            n => format!("{n} passages of these documents appear in other documents."),
        };
        let on_sort = on_sort.clone();
        view! {
            <div class="kwic-bar">
                <span class="summary">{summary}</span>
                <label class="sort">
                    "Sort by "
                    <select class="reuse-sort" on:change=on_sort prop:value=sort.as_str()>
                        {ReuseSort::ALL.iter().map(|r| view! { <option value=r.as_str()>{reuse_label(*r)}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <p class="notice">
                "Found when the corpus was built: runs of five or more words (not counting common words) shared by two or more documents, small edits allowed. "
                "Text repeated across one outlet’s documents (boilerplate) and navigation or cookie notices are left out. "
                "The likely source is the earliest dated copy."
            </p>
            <ol class="clusters">{items}</ol>
            {more}
        }
    }
}

/// Quotes grouped by speaker: each quote once, with the outlets that
/// carried it and when.
#[component]
pub fn QuotesView(docs: Memo<Vec<DocId>>) -> impl IntoView {
    let index = expect_context::<Corpus>().0;
    let Url(state) = expect_context::<Url>();
    move || {
        let s = state.get();
        let limit = s.limit.unwrap_or(PAGE_SIZE);
        let member = docs.with(|docs| membership(index, docs));
        // Speakers with their quote groups, kept to occurrences in the results.
        type Groups = Vec<Vec<(DocId, usize)>>;
        let speakers: Vec<(Option<&str>, Groups)> = index
            .speakers()
            .iter()
            .filter_map(|sp| {
                let groups: Vec<Vec<(DocId, usize)>> = sp
                    .quotes
                    .iter()
                    .map(|g| g.occurrences.iter().copied().filter(|(d, _)| member[d.index()]).collect::<Vec<_>>())
                    .filter(|g: &Vec<(DocId, usize)>| !g.is_empty())
                    .collect();
                (!groups.is_empty()).then_some((sp.name.as_deref(), groups))
            })
            .collect();
        let total = speakers.len();
        let quote_count: usize = speakers.iter().map(|(_, g)| g.len()).sum();
        let items = speakers
            .iter()
            .take(limit)
            .map(|(name, groups)| {
                let quotes = groups
                    .iter()
                    .map(|occurrences| {
                        let mut occurrences = occurrences.clone();
                        occurrences.sort_by_key(|&(d, i)| (index.doc(d).meta.date.map_or(u32::MAX, |x| x.first_day_key()), d, i));
                        // A quote said twice in one document is listed once for it.
                        let mut per_doc = occurrences.clone();
                        per_doc.dedup_by_key(|o| o.0);
                        // The longest copy stands for the quote.
                        let (d0, i0) = *occurrences
                            .iter()
                            .max_by_key(|&&(d, i)| index.quotes(d).get(i).map_or(0, |q| q.parts.iter().map(|p| p.len()).sum::<usize>()))
                            .unwrap_or(&occurrences[0]);
                        let text = index.quotes(d0).get(i0).map(|q| q.text(&index.doc(d0).body)).unwrap_or_default();
                        let carried = per_doc
                            .iter()
                            .map(|&(d, i)| {
                                let doc = index.doc(d);
                                let outlet = doc.meta.source.clone().unwrap_or_else(|| doc.title.clone());
                                let date = doc.meta.date.map(|x| x.to_string());
                                view! {
                                    <li>
                                        <a href=s.open_quote(&doc.id, i).href() title=doc.title.clone()>{outlet}</a>
                                        {date.map(|x| view! { " " <span class="byline-inline">{x}</span> })}
                                    </li>
                                }
                            })
                            .collect_view();
                        let outlets = per_doc.len();
                        view! {
                            <li class="quote-group">
                                <blockquote class="quote-text">"“" {excerpt(&text, EXCERPT_WORDS)} "”"</blockquote>
                                <p class="carried">
                                    {if outlets == 1 { "In 1 document:".to_string() } else { format!("In {outlets} documents:") }}
                                </p>
                                <ul class="carriers">{carried}</ul>
                            </li>
                        }
                    })
                    .collect_view();
                let n = groups.len();
                let label = name.map_or_else(|| "Unattributed".to_string(), str::to_string);
                let speaker_attr = label.clone();
                view! {
                    <section class="speaker" data-speaker=speaker_attr>
                        <h2>{label} <span class="count">{if n == 1 { " · 1 quote".to_string() } else { format!(" · {n} quotes") }}</span></h2>
                        <ol class="quotes">{quotes}</ol>
                    </section>
                }
            })
            .collect_view();
        let more = (total > limit).then(|| {
            view! { <a class="show-more" href=s.with_limit(limit + PAGE_SIZE).href() data-noscroll="">{format!("Show more speakers ({} left)", total - limit)}</a> }
        });
        let summary = match (quote_count, total) {
            (0, _) => "No quoted speech in these documents.".to_string(),
            (q, n) => format!("{q} quotes from {n} speakers (unattributed counted as one)"),
        };
        view! {
            <p class="summary quotes-summary">{summary}</p>
            <p class="notice">
                "Quoted speech and its speaker, from the attribution around it (“…,” X said; X told Y: “…”; X added: “…”; he or she after a name). "
                "Copies of a quote that were trimmed or slightly reworded are grouped."
            </p>
            {items}
            {more}
        }
    }
}

/// The similarity of the results, pair by pair: a heat map of the first
/// results, the most similar pairs, and a CSV export.
#[component]
pub fn SimilarityView(docs: Memo<Vec<DocId>>) -> impl IntoView {
    let index = expect_context::<Corpus>().0;
    let Url(state) = expect_context::<Url>();
    let go = navigator();
    let hovered: RwSignal<Option<(DocId, DocId)>> = RwSignal::new(None);
    let export = move |_| {
        let shown: Vec<DocId> = docs.with_untracked(|d| d.iter().take(PAIRS_MAX).copied().collect());
        let pairs = (0..shown.len()).flat_map(|i| (i + 1..shown.len()).map(move |j| (i, j)));
        let shown_ref = &shown;
        let csv = pairs_csv(pairs.map(|(i, j)| {
            (
                index.id(shown_ref[i]),
                index.id(shown_ref[j]),
                index.similarity(shown_ref[i], shown_ref[j]),
            )
        }));
        browser::download("quire-similarity.csv", "text/csv;charset=utf-8", &csv);
    };
    let open_pair = {
        let go = go.clone();
        move |ev: &web_sys::Event| {
            let Some(cell) = browser::closest(ev, "[data-a]") else {
                return;
            };
            let (Some(a), Some(b)) = (cell.get_attribute("data-a"), cell.get_attribute("data-b")) else {
                return;
            };
            if a != b {
                go(&state.get_untracked().comparing(&[&a, &b]), false);
            }
        }
    };
    let on_click = {
        let open_pair = open_pair.clone();
        move |ev: leptos::ev::MouseEvent| open_pair(&ev)
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" || ev.key() == " " {
            ev.prevent_default();
            open_pair(&ev);
        }
    };
    let on_hover = move |ev: web_sys::Event| {
        let pair = browser::closest(&ev, "[data-a]").and_then(|cell| {
            let (a, b) = (cell.get_attribute("data-a")?, cell.get_attribute("data-b")?);
            Some((index.find(&a)?, index.find(&b)?))
        });
        hovered.set(pair);
    };
    let on_focus = on_hover;
    let info = move || {
        hovered.get().map(|(a, b)| {
            format!(
                "{} ↔ {}: {} similar",
                index.title(a),
                index.title(b),
                percent(index.similarity(a, b))
            )
        })
    };
    let matrix = move || {
        let shown: Vec<DocId> = docs.with(|d| d.iter().take(MATRIX_MAX).copied().collect());
        let n = shown.len();
        if n < 2 {
            return view! { <p class="notice">"At least two documents are needed to compare."</p> }.into_any();
        }
        let cell = 10;
        let label = 24;
        let size = label + n * cell;
        let scores: Vec<Vec<f32>> = shown
            .iter()
            .map(|&a| shown.iter().map(|&b| if a == b { 1.0 } else { index.similarity(a, b) }).collect())
            .collect();
        // Shades run up to the most similar pair shown, so low scores
        // still show their differences; the legend says what darkest is.
        let top = (0..n)
            .flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| scores[i][j])
            .fold(0.0f32, f32::max);
        let mut cells = Vec::with_capacity(n * n);
        for (i, &a) in shown.iter().enumerate() {
            for (j, &b) in shown.iter().enumerate() {
                let score = scores[i][j];
                let shade = if i == j {
                    1.0
                } else if top > 0.0 {
                    score / top
                } else {
                    0.0
                };
                let name = format!("{} and {}: {} similar", index.title(a), index.title(b), percent(score));
                cells.push(view! {
                    <rect
                        class=if i == j { "cell self" } else { "cell" }
                        x=(label + j * cell).to_string()
                        y=(label + i * cell).to_string()
                        width=(cell - 1).to_string()
                        height=(cell - 1).to_string()
                        fill-opacity=four_decimals(0.06 + 0.94 * shade)
                        data-a=index.id(a).to_string()
                        data-b=index.id(b).to_string()
                        tabindex=if i == j { "-1" } else { "0" }
                        role="button"
                        aria-label=name
                    ></rect>
                });
            }
        }
        let labels = (0..n)
            .map(|i| {
                let at = (label + i * cell + cell / 2 + 3).to_string();
                let num = (i + 1).to_string();
                view! {
                    <text class="axis" x=(label - 3).to_string() y=at.clone() text-anchor="end">{num.clone()}</text>
                    <text class="axis" x=at y=(label - 4).to_string() text-anchor="middle">{num}</text>
                }
            })
            .collect_view();
        let key = shown
            .iter()
            .map(|&d| {
                let doc = index.doc(d);
                view! { <li><a href=state.with_untracked(|s| s.open(&doc.id).href())>{doc.title.clone()}</a> " " <span class="byline-inline">{byline(doc)}</span></li> }
            })
            .collect_view();
        let note = docs.with(|d| d.len() > MATRIX_MAX).then(|| {
            view! { <p class="notice">{format!("The map shows the first {MATRIX_MAX} results; narrow the search or filters to see others.")}</p> }
        });
        view! {
            {note}
            <div class="matrix-wrap">
                <svg
                    class="matrix"
                    width=(size * 6).min(560).to_string()
                    viewBox=format!("0 0 {size} {size}")
                    role="group"
                    aria-label="Similarity of each pair of documents: darker is more alike. Choose a cell to compare the pair."
                >
                    {labels}
                    {cells}
                </svg>
                <div>
                    <p class="notice">{format!("Darkest: {} similar, the most alike pair shown. Choose a cell to compare the pair.", percent(top))}</p>
                    <ol class="matrix-key">{key}</ol>
                </div>
            </div>
        }
        .into_any()
    };
    let top_pairs = move || {
        let shown: Vec<DocId> = docs.with(|d| d.iter().take(PAIRS_MAX).copied().collect());
        let mut pairs: Vec<(f32, DocId, DocId)> = Vec::new();
        for (i, &a) in shown.iter().enumerate() {
            for &b in &shown[i + 1..] {
                let score = index.similarity(a, b);
                if score > 0.0 {
                    pairs.push((score, a, b));
                }
            }
        }
        pairs.sort_by(|x, y| {
            y.0.partial_cmp(&x.0)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then((x.1, x.2).cmp(&(y.1, y.2)))
        });
        pairs.truncate(TOP_PAIRS);
        let rows = pairs
            .into_iter()
            .map(|(score, a, b)| {
                let terms = index
                    .shared_terms(a, b, 6)
                    .into_iter()
                    .map(|(t, _)| t)
                    .collect::<Vec<_>>()
                    .join(", ");
                let href = state.with_untracked(|s| s.comparing(&[index.id(a), index.id(b)]).href());
                view! {
                    <li class="pair">
                        <a href=href>{index.title(a).to_string()} " ↔ " {index.title(b).to_string()}</a>
                        " " <strong>{percent(score)}</strong>
                        {(!terms.is_empty()).then(|| view! { <span class="terms">" · " {terms}</span> })}
                    </li>
                }
            })
            .collect_view();
        view! { <h2 class="section-title">"Most similar pairs"</h2> <ol class="pairs">{rows}</ol> }
    };
    view! {
        <div class="kwic-bar">
            <span class="summary">"Similarity: the cosine of TF-IDF word vectors (sublinear term frequency, stems, stop words dropped; title and names weigh more)."</span>
            <button type="button" class="export" on:click=export title=format!("Every pair of the first {PAIRS_MAX} results as a,b,score")>"Export CSV"</button>
        </div>
        <p class="matrix-info" aria-live="polite">{info}</p>
        <div class="matrix-host" on:click=on_click on:keydown=on_key on:mouseover=move |ev| on_hover(ev.into()) on:focusin=move |ev| on_focus(ev.into())>
            {matrix}
        </div>
        {top_pairs}
    }
}
