//! Trends: how often queries occur over time, per month or per year: each
//! query's hits in the documents' text, raw and per 10,000 words, and the
//! documents it matches; or one query split by a facet, a line per value
//! (each outlet's rate per 10,000 of its own words). Read from the index's
//! columns (dates, lengths), facets and positions: the documents' text is
//! not fetched.

use super::export::{csv_field, fixed, push_row};
use crate::index::docset::DocSet;
use crate::index::facet::Facet;
use crate::index::field::BODY;
use crate::index::Index;
use crate::query::matching::occurrences_by_doc;
use crate::query::plan::Prepared;
use crate::text::date::PartialDate;
use crate::text::document::DocId;

/// Periods filled in between the first and the last at most; beyond, only
/// periods with documents are listed (a mail dated year 102 would spread
/// the line over centuries).
pub const MAX_FILLED: usize = 600;

/// The length of a period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Unit {
    #[default]
    Month,
    Year,
}

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Month => "month",
            Unit::Year => "year",
        }
    }

    pub fn parse(s: &str) -> Option<Unit> {
        [Unit::Month, Unit::Year].into_iter().find(|u| u.as_str() == s)
    }

    /// The period of a document dated from `first` to `last` (`yyyymmdd`),
    /// as `yyyymm` or `yyyy`: none when the date is vaguer than the unit
    /// (a year-only date in a monthly trend).
    fn key(self, (first, last): (u32, u32)) -> Option<u32> {
        let (a, b) = match self {
            Unit::Month => (first / 100, last / 100),
            Unit::Year => (first / 10_000, last / 10_000),
        };
        (a == b).then_some(a)
    }

    fn next(self, key: u32) -> u32 {
        match self {
            Unit::Year => key + 1,
            Unit::Month if key % 100 >= 12 => (key / 100 + 1) * 100 + 1,
            Unit::Month => key + 1,
        }
    }

    fn date(self, key: u32) -> PartialDate {
        match self {
            Unit::Year => PartialDate {
                year: key as i32,
                month: None,
                day: None,
            },
            Unit::Month => PartialDate {
                year: (key / 100) as i32,
                month: Some((key % 100) as u8),
                day: None,
            },
        }
    }
}

/// One line: a query's counts in the selection, or in the selection's
/// documents with one facet value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Series {
    /// Hits in the documents' text, per period.
    pub hits: Vec<u32>,
    /// Documents the query matches, per period.
    pub docs: Vec<u32>,
    /// Words of the documents the line counts in (the selection's, or
    /// those with its facet value), per period: what its rate is per.
    pub words: Vec<u64>,
    /// Those documents, per period.
    pub base: Vec<u32>,
}

/// Queries over time.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Trend {
    pub unit: Unit,
    /// The periods, oldest first.
    pub periods: Vec<PartialDate>,
    /// Words in the selection's documents, per period.
    pub words: Vec<u64>,
    /// The selection's documents, per period.
    pub docs: Vec<u32>,
    /// One per query, in the order given.
    pub series: Vec<Series>,
    /// Documents of the selection with no date, or one vaguer than the
    /// unit: not on the line.
    pub unplaced: u32,
}

impl Trend {
    /// Hits per 10,000 words of `series` in period `i` (words of the
    /// documents the line counts in).
    pub fn rate(&self, series: usize, i: usize) -> f64 {
        let line = &self.series[series];
        match line.words[i] {
            0 => 0.0,
            w => line.hits[i] as f64 * 10_000.0 / w as f64,
        }
    }
}

/// Lines drawn in a split trend at most.
pub const MAX_SPLIT: usize = 6;

/// The values of `facet` a split trend draws: those of the documents
/// `matched` (a query's, within `selection`) most, at most `max`, each
/// with the documents of `selection` that have it (sorted); ties in the
/// facet's order. Values no matched document has are left out.
pub fn split_values(facet: &Facet, selection: &[DocId], matched: &[DocId], max: usize) -> Vec<(String, Vec<DocId>)> {
    let universe = selection.iter().chain(matched).map(|d| d.index() + 1).max().unwrap_or(0);
    let matched = DocSet::from_docs(universe, matched.iter().copied());
    let selection = DocSet::from_docs(universe, selection.iter().copied());
    // One pass over the matched documents' values; then the lists of the
    // few values drawn.
    let mut counts: Vec<(usize, usize)> = facet.counts_in(&matched).into_iter().enumerate().filter(|(_, n)| *n > 0).collect();
    // Stable: ties keep the facet's order.
    counts.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    counts
        .into_iter()
        .take(max)
        .map(|(i, _)| {
            let value = &facet.values[i];
            let base = value
                .docs
                .iter()
                .copied()
                .filter(|d| d.index() < universe && selection.contains(*d))
                .collect();
            (value.value.clone(), base)
        })
        .collect()
}

/// The trend of each query (its prepared form, and the documents it
/// matches within `selection`) over the documents of `selection`, per
/// `unit`.
pub fn trend(index: &Index, selection: &[DocId], series: &[(&Prepared, &[DocId])], unit: Unit) -> Trend {
    let lines: Vec<Line> = series
        .iter()
        .map(|(prepared, matched)| Line {
            prepared,
            matched,
            counted_in: None,
        })
        .collect();
    build(index, selection, &lines, unit)
}

/// The trend of one query (`prepared`, matching `matched` within
/// `selection`) split into lines by `groups`: each a facet value's
/// documents within the selection (as [`split_values`] gives them), its
/// hits counted in them and its rate per their words. The periods are the
/// whole selection's.
pub fn trend_by(
    index: &Index,
    selection: &[DocId],
    prepared: &Prepared,
    matched: &[DocId],
    groups: &[(String, Vec<DocId>)],
    unit: Unit,
) -> Trend {
    let mut sorted = matched.to_vec();
    sorted.sort_unstable();
    let within: Vec<Vec<DocId>> = groups
        .iter()
        .map(|(_, base)| base.iter().copied().filter(|d| sorted.binary_search(d).is_ok()).collect())
        .collect();
    let lines: Vec<Line> = groups
        .iter()
        .zip(&within)
        .map(|((_, base), matched)| Line {
            prepared,
            matched,
            counted_in: Some(base),
        })
        .collect();
    build(index, selection, &lines, unit)
}

/// One line to count: a query, the documents it matches, and the documents
/// it is counted in (none: the selection).
struct Line<'a> {
    prepared: &'a Prepared,
    matched: &'a [DocId],
    counted_in: Option<&'a [DocId]>,
}

/// The trend of each line over the periods of `selection`.
fn build(index: &Index, selection: &[DocId], lines: &[Line], unit: Unit) -> Trend {
    let key_of = |doc: DocId| index.days(doc).and_then(|days| unit.key(days));
    let mut keys: Vec<u32> = selection.iter().filter_map(|d| key_of(*d)).collect();
    keys.sort_unstable();
    keys.dedup();
    let (Some(&first), Some(&last)) = (keys.first(), keys.last()) else {
        return Trend {
            unit,
            series: vec![Series::default(); lines.len()],
            unplaced: selection.len() as u32,
            ..Trend::default()
        };
    };
    // Every period from the first to the last, when that is not too many.
    let mut filled = vec![first];
    while filled.len() <= MAX_FILLED && *filled.last().unwrap() < last {
        let next = unit.next(*filled.last().unwrap());
        filled.push(next);
    }
    if filled.len() <= MAX_FILLED {
        keys = filled;
    }
    let slot = |doc: DocId| key_of(doc).and_then(|k| keys.binary_search(&k).ok());
    let n = keys.len();
    // Words and documents per period of some documents; and those of
    // them not placed.
    let base = |docs: &[DocId]| {
        let (mut words, mut count, mut unplaced) = (vec![0u64; n], vec![0u32; n], 0u32);
        for &doc in docs {
            match slot(doc) {
                Some(i) => {
                    count[i] += 1;
                    words[i] += index.length(doc.0, BODY) as u64;
                }
                None => unplaced += 1,
            }
        }
        (words, count, unplaced)
    };
    let (words, docs, unplaced) = base(selection);
    let mut trend = Trend {
        unit,
        periods: keys.iter().map(|&k| unit.date(k)).collect(),
        words,
        docs,
        series: Vec::new(),
        unplaced,
    };
    for line in lines {
        let (words, base) = match line.counted_in {
            None => (trend.words.clone(), trend.docs.clone()),
            Some(docs) => {
                let (words, base, _) = base(docs);
                (words, base)
            }
        };
        let mut series = Series {
            hits: vec![0; n],
            docs: vec![0; n],
            words,
            base,
        };
        for chunk in line.matched.chunks(512) {
            let (sorted, occurrences) = occurrences_by_doc(index, line.prepared, chunk);
            for (doc, occ) in sorted.iter().zip(&occurrences) {
                if let Some(i) = slot(DocId(*doc)) {
                    series.docs[i] += 1;
                    // A hit once, however many leaves match it (`nhs OR
                    // nhs*`): as the reader's marks count them.
                    let mut starts: Vec<u32> = occ
                        .iter()
                        .filter(|o| o.field == BODY)
                        .filter_map(|o| o.positions.first().copied())
                        .collect();
                    starts.sort_unstable();
                    starts.dedup();
                    series.hits[i] += starts.len() as u32;
                }
            }
        }
        trend.series.push(series);
    }
    trend
}

/// The trend as CSV (RFC 4180), one row per period and line: the
/// period, the line's label (its query, or facet value), its hits, hits
/// per 10,000 words, the documents it matches, and the words and documents
/// it is counted in that period.
pub fn trend_csv(trend: &Trend, labels: &[&str]) -> String {
    let mut out = String::from("period,query,hits,per_10k_words,documents,words,all_documents\r\n");
    for (s, label) in labels.iter().enumerate().take(trend.series.len()) {
        for (i, period) in trend.periods.iter().enumerate() {
            let fields = [
                period.to_string(),
                csv_field(label),
                trend.series[s].hits[i].to_string(),
                fixed(trend.rate(s, i), 2),
                trend.series[s].docs[i].to_string(),
                trend.series[s].words[i].to_string(),
                trend.series[s].base[i].to_string(),
            ];
            push_row(&mut out, &fields);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::IndexBuilder;
    use crate::ingest::parse_file;
    use crate::query::parse::Query;
    use crate::query::plan::prepare;
    use crate::query::rank::{search, Request};

    fn index(docs: &[(&str, &str)]) -> Index {
        let mut builder = IndexBuilder::new();
        for (i, (date, body)) in docs.iter().enumerate() {
            let front = if date.is_empty() {
                String::new()
            } else {
                format!("+++\ndate = \"{date}\"\n+++\n")
            };
            let file = parse_file(&format!("d{i}.md"), format!("{front}{body}").as_bytes()).unwrap();
            for doc in file.documents {
                builder.add(doc).unwrap();
            }
        }
        builder.build()
    }

    fn of(index: &Index, queries: &[&str], unit: Unit) -> Trend {
        let all: Vec<DocId> = index.docs().map(|(d, _)| d).collect();
        let prepared: Vec<Prepared> = queries.iter().map(|q| prepare(index, &Query::parse(index.analyzer(), q))).collect();
        let matched: Vec<Vec<DocId>> = prepared
            .iter()
            .map(|p| search(index, p, &Request::default()).hits.iter().map(|h| h.doc).collect())
            .collect();
        let series: Vec<(&Prepared, &[DocId])> = prepared.iter().zip(&matched).map(|(p, m)| (p, m.as_slice())).collect();
        trend(index, &all, &series, unit)
    }

    #[test]
    fn hits_words_and_documents_are_counted_per_month_with_gaps_filled() {
        let i = index(&[
            ("2024-01-05", "palantir palantir data"),
            ("2024-01-20", "nothing here at all"),
            ("2024-03-02", "palantir"),
            ("2024", "palantir in a year only"),
            ("", "palantir undated"),
        ]);
        let t = of(&i, &["palantir", "data"], Unit::Month);
        let periods: Vec<String> = t.periods.iter().map(|p| p.to_string()).collect();
        assert_eq!(periods, ["2024-01", "2024-02", "2024-03"]);
        assert_eq!(t.words, [7, 0, 1]);
        assert_eq!(t.docs, [2, 0, 1]);
        assert_eq!(t.series[0].hits, [2, 0, 1]);
        assert_eq!(t.series[0].docs, [1, 0, 1]);
        assert_eq!(t.series[1].hits, [1, 0, 0]);
        assert_eq!(t.unplaced, 2, "the year-only and the undated document");
        assert!((t.rate(0, 0) - 2.0 * 10_000.0 / 7.0).abs() < 1e-9);
        assert_eq!(t.rate(0, 1), 0.0, "no words: no rate");
    }

    #[test]
    fn a_word_two_leaves_match_is_one_hit() {
        let i = index(&[("2024-01-05", "palantir data palantir")]);
        let t = of(&i, &["palantir OR palant*"], Unit::Month);
        assert_eq!(t.series[0].hits, [2]);
    }

    #[test]
    fn per_year_every_dated_document_is_placed() {
        let i = index(&[("2022-12-31", "palantir"), ("2024", "palantir palantir"), ("", "palantir")]);
        let t = of(&i, &["palantir"], Unit::Year);
        let periods: Vec<String> = t.periods.iter().map(|p| p.to_string()).collect();
        assert_eq!(periods, ["2022", "2023", "2024"]);
        assert_eq!(t.series[0].hits, [1, 0, 2]);
        assert_eq!(t.unplaced, 1);
    }

    #[test]
    fn months_roll_over_into_the_next_year() {
        assert_eq!(Unit::Month.next(202412), 202501);
        assert_eq!(Unit::Month.next(202401), 202402);
        assert_eq!(Unit::Year.next(2024), 2025);
    }

    #[test]
    fn a_stray_date_does_not_spread_the_line_over_centuries() {
        let i = index(&[("0102-05-01", "palantir"), ("2024-01-01", "palantir")]);
        let t = of(&i, &["palantir"], Unit::Month);
        assert_eq!(t.periods.len(), 2, "only the periods with documents");
    }

    #[test]
    fn no_dates_give_no_periods() {
        let i = index(&[("", "palantir")]);
        let t = of(&i, &["palantir"], Unit::Year);
        assert!(t.periods.is_empty());
        assert_eq!(t.series.len(), 1);
        assert_eq!(t.unplaced, 1);
    }

    #[test]
    fn a_query_split_by_outlet_has_a_line_per_outlet_each_per_its_own_words() {
        let mut builder = IndexBuilder::new();
        let docs = [
            ("2024-01-05", "Star", "palantir palantir data"),
            ("2024-01-09", "Mail", "palantir data data data data data data data"),
            ("2024-02-01", "Star", "nothing"),
            ("2024-02-03", "Mail", "palantir"),
            ("2024-02-04", "Times", "no match here"),
            ("", "Star", "palantir undated"),
        ];
        for (i, (date, source, body)) in docs.iter().enumerate() {
            let front = format!("+++\ndate = \"{date}\"\nsource = \"{source}\"\n+++\n");
            let file = parse_file(&format!("d{i}.md"), format!("{front}{body}").as_bytes()).unwrap();
            builder.add(file.documents.into_iter().next().unwrap()).unwrap();
        }
        let index = builder.build();
        let all: Vec<DocId> = index.docs().map(|(d, _)| d).collect();
        let prepared = prepare(&index, &Query::parse(index.analyzer(), "palantir"));
        let matched: Vec<DocId> = search(&index, &prepared, &Request::default()).hits.iter().map(|h| h.doc).collect();
        let facets = index.facets();
        let outlet = facets.iter().find(|f| f.key == "source").unwrap();
        let groups = split_values(outlet, &all, &matched, MAX_SPLIT);
        // Star and Mail match twice each (Star first in the facet's order:
        // it has more documents); Times never, so it has no line.
        let names: Vec<&str> = groups.iter().map(|(v, _)| v.as_str()).collect();
        assert_eq!(names, ["Star", "Mail"]);
        assert_eq!(groups[0].1, [DocId(0), DocId(2), DocId(5)]);
        assert_eq!(split_values(outlet, &all, &matched, 1).len(), 1, "at most max");
        let t = trend_by(&index, &all, &prepared, &matched, &groups, Unit::Month);
        assert_eq!(t.series.len(), 2);
        let (star, mail) = (&t.series[0], &t.series[1]);
        assert_eq!(
            (star.hits.as_slice(), star.words.as_slice(), star.base.as_slice()),
            (&[2, 0][..], &[3, 1][..], &[1, 1][..])
        );
        assert_eq!((mail.hits.as_slice(), mail.words.as_slice()), (&[1, 1][..], &[8, 1][..]));
        assert_eq!(t.words, [11, 5], "the periods' words are the whole selection's");
        assert!((t.rate(0, 0) - 2.0 * 10_000.0 / 3.0).abs() < 1e-9, "per the outlet's own words");
        assert!((t.rate(1, 1) - 10_000.0).abs() < 1e-9);
        assert_eq!(t.unplaced, 1);
        // A selection of one outlet: the others' documents are not counted.
        let star_only = [DocId(0), DocId(2), DocId(5)];
        let groups = split_values(outlet, &star_only, &[DocId(0), DocId(5)], MAX_SPLIT);
        assert_eq!(groups, [("Star".to_string(), star_only.to_vec())]);
    }

    #[test]
    fn the_csv_has_a_row_per_period_and_query() {
        let i = index(&[("2024-01-05", "palantir data"), ("2024-02-01", "data")]);
        let t = of(&i, &["palantir", "data"], Unit::Month);
        let csv = trend_csv(&t, &["palantir", "=data"]);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], "period,query,hits,per_10k_words,documents,words,all_documents");
        assert_eq!(
            &lines[1..],
            [
                "2024-01,palantir,1,5000.00,1,2,1",
                "2024-02,palantir,0,0.00,0,1,1",
                "2024-01,'=data,1,5000.00,1,2,1",
                "2024-02,'=data,1,10000.00,1,1,1"
            ]
        );
    }
}
