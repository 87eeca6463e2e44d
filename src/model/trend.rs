//! A trend as a chart and a table: the engine's counts per period turned
//! into the value plotted, SVG coordinates, axis labels, and the links
//! from each point to its documents.

use quire_engine::present::export::fixed;
use quire_engine::Trend;

use crate::format::count;
use crate::url_state::TrendMeasure;

/// The chart's size in SVG units, and its margins.
pub const WIDTH: f64 = 720.0;
pub const HEIGHT: f64 = 260.0;
const LEFT: f64 = 52.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 30.0;
/// Each query's colour (the light theme's) and dash pattern.
const COLOURS: [&str; 6] = ["#1f4e79", "#b35c00", "#2f7d4a", "#a3224b", "#6a3fa0", "#00727a"];
const DASHES: [&str; 6] = ["none", "6 3", "2 3", "8 3 2 3", "12 4", "none"];

/// Period labels under the axis at most.
const X_LABELS: usize = 12;

/// What the summary says of a split trend: query `query` split by the
/// facet `label` into `lines` lines, `queries` queries asked.
pub fn split_summary(query: &str, label: &str, lines: usize, queries: usize) -> String {
    let mut s = match lines {
        0 => format!(" Split by {label}: no document matching “{query}” has one."),
        _ => format!(
            " “{query}” split by {label}: {}, those with the most documents matching, each per its own words.",
            count(lines, "value", "values")
        ),
    };
    if queries > 1 {
        s.push_str(" Only the first query is split.");
    }
    s
}

/// The value plotted for query `s` in period `i`.
pub fn value(trend: &Trend, measure: TrendMeasure, s: usize, i: usize) -> f64 {
    match measure {
        TrendMeasure::Rate => trend.rate(s, i),
        TrendMeasure::Hits => trend.series[s].hits[i] as f64,
        TrendMeasure::Docs => trend.series[s].docs[i] as f64,
    }
}

/// A value as shown: two places for a rate, none for a count.
pub fn value_text(measure: TrendMeasure, v: f64) -> String {
    match measure {
        TrendMeasure::Rate => fixed(v, 2),
        _ => fixed(v, 0),
    }
}

/// One point: where it is, what it says, where it leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dot {
    pub cx: String,
    pub cy: String,
    pub label: String,
    pub href: String,
}

/// One query's line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub label: String,
    /// The colour's class, `s0` to `s5`.
    pub class: String,
    /// Its colour and dash pattern as SVG attributes, so that the chart
    /// saved as a file looks as it does in the page (where the style sheet,
    /// light or dark, sets them).
    pub colour: &'static str,
    pub dash: &'static str,
    /// The polyline's points.
    pub points: String,
    pub dots: Vec<Dot>,
}

/// The whole chart.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Chart {
    pub lines: Vec<Line>,
    /// Labels under the axis: x and text.
    pub x_labels: Vec<(String, String)>,
    /// Ticks of the value axis: y and text.
    pub y_ticks: Vec<(String, String)>,
}

/// A tick step of 1, 2 or 5 times a power of ten giving about four steps
/// up to `max`.
fn step(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let raw = max / 4.0;
    let power = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * power)
}

fn coord(x: f64) -> String {
    fixed(x, 1)
}

/// The chart of `trend`: one line per query (`labels`), each point linking
/// to `href(query, period)`.
pub fn chart(trend: &Trend, measure: TrendMeasure, labels: &[String], href: impl Fn(usize, usize) -> String) -> Chart {
    let n = trend.periods.len();
    if n == 0 {
        return Chart::default();
    }
    let max = (0..trend.series.len())
        .flat_map(|s| (0..n).map(move |i| (s, i)))
        .map(|(s, i)| value(trend, measure, s, i))
        .fold(0.0, f64::max);
    // Counts step by whole numbers.
    let step = match measure {
        TrendMeasure::Rate => step(max),
        _ => step(max).max(1.0),
    };
    let top = (max / step).ceil().max(1.0) * step;
    let (w, h) = (WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
    let x = |i: usize| {
        if n == 1 {
            LEFT + w / 2.0
        } else {
            LEFT + w * i as f64 / (n - 1) as f64
        }
    };
    let y = |v: f64| TOP + h * (1.0 - v / top);
    let lines = labels
        .iter()
        .enumerate()
        .take(trend.series.len())
        .map(|(s, label)| {
            let dots: Vec<Dot> = (0..n)
                .map(|i| {
                    let v = value(trend, measure, s, i);
                    let series = &trend.series[s];
                    Dot {
                        cx: coord(x(i)),
                        cy: coord(y(v)),
                        label: format!(
                            "{label}, {}: {}{}, {}",
                            trend.periods[i],
                            match measure {
                                TrendMeasure::Rate => format!("{} per 10,000 words, ", value_text(measure, v)),
                                _ => String::new(),
                            },
                            count(series.hits[i] as usize, "hit", "hits"),
                            count(series.docs[i] as usize, "document", "documents")
                        ),
                        href: href(s, i),
                    }
                })
                .collect();
            Line {
                label: label.clone(),
                class: format!("s{}", s % 6),
                colour: COLOURS[s % 6],
                dash: DASHES[s % 6],
                points: dots.iter().map(|d| format!("{},{}", d.cx, d.cy)).collect::<Vec<_>>().join(" "),
                dots,
            }
        })
        .collect();
    let every = n.div_ceil(X_LABELS);
    let x_labels = (0..n).step_by(every).map(|i| (coord(x(i)), trend.periods[i].to_string())).collect();
    let y_ticks = (0..=((top / step).round() as usize))
        .map(|k| {
            let v = k as f64 * step;
            (
                coord(y(v)),
                value_text(
                    if step.fract() != 0.0 {
                        TrendMeasure::Rate
                    } else {
                        TrendMeasure::Hits
                    },
                    v,
                ),
            )
        })
        .collect();
    Chart { lines, x_labels, y_ticks }
}

/// One period of the table: its name, and each query's value with the
/// link to its documents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableRow {
    pub period: String,
    pub cells: Vec<(String, String)>,
    /// Words and documents of the period.
    pub words: u64,
    pub docs: u32,
}

/// The table the chart stands for.
pub fn table(trend: &Trend, measure: TrendMeasure, href: impl Fn(usize, usize) -> String) -> Vec<TableRow> {
    (0..trend.periods.len())
        .map(|i| TableRow {
            period: trend.periods[i].to_string(),
            cells: (0..trend.series.len())
                .map(|s| (value_text(measure, value(trend, measure, s, i)), href(s, i)))
                .collect(),
            words: trend.words[i],
            docs: trend.docs[i],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_split_trend_says_what_it_split_and_how() {
        assert_eq!(
            split_summary("palantir", "Outlet", 2, 1),
            " “palantir” split by Outlet: 2 values, those with the most documents matching, each per its own words."
        );
        assert_eq!(
            split_summary("palantir", "Author", 0, 2),
            " Split by Author: no document matching “palantir” has one. Only the first query is split."
        );
    }
    use quire_engine::{PartialDate, Series, Unit};

    fn trend() -> Trend {
        let month = |m| PartialDate {
            year: 2024,
            month: Some(m),
            day: None,
        };
        Trend {
            unit: Unit::Month,
            periods: vec![month(1), month(2), month(3)],
            words: vec![10_000, 0, 5_000],
            docs: vec![4, 0, 2],
            series: vec![
                Series {
                    hits: vec![4, 0, 6],
                    docs: vec![2, 0, 1],
                    words: vec![10_000, 0, 5_000],
                    base: vec![4, 0, 2],
                },
                Series {
                    hits: vec![1, 0, 0],
                    docs: vec![1, 0, 0],
                    words: vec![10_000, 0, 5_000],
                    base: vec![4, 0, 2],
                },
            ],
            unplaced: 0,
        }
    }

    #[test]
    fn values_are_rates_hits_or_documents() {
        let t = trend();
        assert_eq!(value(&t, TrendMeasure::Rate, 0, 2), 12.0);
        assert_eq!(value(&t, TrendMeasure::Rate, 0, 1), 0.0, "no words");
        assert_eq!(value(&t, TrendMeasure::Hits, 0, 2), 6.0);
        assert_eq!(value(&t, TrendMeasure::Docs, 0, 0), 2.0);
    }

    #[test]
    fn the_chart_spans_the_plot_and_its_top_tick_holds_the_highest_value() {
        let t = trend();
        let labels = ["palantir".to_string(), "nhs".to_string()];
        let c = chart(&t, TrendMeasure::Rate, &labels, |s, i| format!("?s={s}&i={i}"));
        assert_eq!(c.lines.len(), 2);
        let first = &c.lines[0];
        assert_eq!(first.dots.len(), 3);
        assert_eq!(first.dots[0].cx, "52.0");
        assert_eq!(first.dots[2].cx, "708.0");
        // Highest value 12 per 10,000 words: ticks of 5 up to 15.
        let ticks: Vec<&str> = c.y_ticks.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(ticks, ["0", "5", "10", "15"]);
        assert_eq!(c.y_ticks[0].0, "230.0", "zero at the bottom");
        assert_eq!(first.dots[1].cy, "230.0");
        assert_eq!(first.dots[2].label, "palantir, 2024-03: 12.00 per 10,000 words, 6 hits, 1 document");
        assert_eq!(first.dots[2].href, "?s=0&i=2");
        assert_eq!(first.points.split(' ').count(), 3);
        let periods: Vec<&str> = c.x_labels.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(periods, ["2024-01", "2024-02", "2024-03"]);
    }

    #[test]
    fn counts_tick_by_whole_numbers() {
        let mut t = trend();
        t.series[0].docs = vec![1, 0, 1];
        let c = chart(&t, TrendMeasure::Docs, &["a".to_string(), "b".to_string()], |_, _| String::new());
        let ticks: Vec<&str> = c.y_ticks.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(ticks, ["0", "1"]);
        assert_eq!(c.lines[1].dots[0].label, "b, 2024-01: 1 hit, 1 document");
    }

    #[test]
    fn ticks_are_round_numbers() {
        assert_eq!(step(12.0), 5.0);
        assert_eq!(step(0.3), 0.1);
        assert_eq!(step(1000.0), 500.0);
        assert_eq!(step(0.0), 1.0);
    }

    #[test]
    fn the_table_has_a_row_per_period_with_links() {
        let t = trend();
        let rows = table(&t, TrendMeasure::Hits, |s, i| format!("{s}{i}"));
        assert_eq!(rows.len(), 3);
        assert_eq!(
            rows[2].cells,
            [("6".to_string(), "02".to_string()), ("0".to_string(), "12".to_string())]
        );
        assert_eq!((rows[0].words, rows[0].docs), (10_000, 4));
    }

    #[test]
    fn an_empty_trend_has_an_empty_chart() {
        let c = chart(&Trend::default(), TrendMeasure::Rate, &[], |_, _| String::new());
        assert!(c.lines.is_empty() && c.x_labels.is_empty());
    }
}
