//! Facet choices and date ranges: which results they keep, how many each
//! value would give, and the date histogram.

use std::collections::{BTreeMap, BTreeSet};

use crate::index::docset::DocSet;
use crate::index::facet::Facet;
use crate::index::Index;

/// The facet values a user picked: within one facet any of them may match
/// (OR); across facets all must (AND).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    chosen: BTreeMap<String, BTreeSet<String>>,
}

impl Selection {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn select(&mut self, key: impl Into<String>, value: impl Into<String>) {
        self.chosen.entry(key.into()).or_default().insert(value.into());
    }

    pub fn is_selected(&self, key: &str, value: &str) -> bool {
        self.chosen.get(key).is_some_and(|values| values.contains(value))
    }

    pub fn is_empty(&self) -> bool {
        self.chosen.values().all(BTreeSet::is_empty)
    }

    /// Every chosen `(key, value)`, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.chosen
            .iter()
            .flat_map(|(k, vs)| vs.iter().map(move |v| (k.as_str(), v.as_str())))
    }
}

/// A facet's values with their counts under the current query and filters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FacetCounts {
    pub key: String,
    pub label: String,
    pub values: Vec<ValueCount>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueCount {
    pub value: String,
    /// How many results there would be with this value picked, given the
    /// query and the other facets' choices.
    pub count: usize,
    pub selected: bool,
}

/// The documents each facet's choice allows (None: nothing chosen there).
fn allowed_by_facet(facets: &[&Facet], selection: &Selection, universe: usize) -> Vec<Option<DocSet>> {
    facets
        .iter()
        .map(|facet| {
            let chosen = selection.chosen.get(&facet.key).filter(|c| !c.is_empty())?;
            let mut set = DocSet::empty(universe);
            for value in &facet.values {
                if chosen.contains(&value.value) {
                    value.docs.iter().for_each(|&d| set.insert(d));
                }
            }
            Some(set)
        })
        .collect()
}

/// Applies `selection` and an optional date filter to the documents a query
/// `matched`: returns the results, every facet's counts, and the documents
/// the date histogram counts (everything but the date filter). Each count
/// is the number of results there would be if that value were picked.
pub(crate) fn apply(
    facets: &[&Facet],
    matched: &DocSet,
    selection: &Selection,
    date_filter: Option<&DocSet>,
) -> (DocSet, Vec<FacetCounts>, DocSet) {
    let allowed = allowed_by_facet(facets, selection, matched.universe());
    // A filter on a key no document has selects nothing, like an unknown value.
    let unknown_key = selection
        .chosen
        .iter()
        .any(|(key, values)| !values.is_empty() && !facets.iter().any(|f| &f.key == key));
    let matched = &if unknown_key {
        DocSet::empty(matched.universe())
    } else {
        matched.clone()
    };
    let mut histogram_base = matched.clone();
    for set in allowed.iter().flatten() {
        histogram_base.intersect_with(set);
    }
    let mut results = histogram_base.clone();
    if let Some(dates) = date_filter {
        results.intersect_with(dates);
    }
    let counts = facets
        .iter()
        .enumerate()
        .map(|(i, facet)| {
            let mut base = matched.clone();
            if let Some(dates) = date_filter {
                base.intersect_with(dates);
            }
            for (j, set) in allowed.iter().enumerate() {
                if let (true, Some(set)) = (i != j, set) {
                    base.intersect_with(set);
                }
            }
            let in_base = facet.counts_in(&base);
            FacetCounts {
                key: facet.key.clone(),
                label: facet.label.clone(),
                values: facet
                    .values
                    .iter()
                    .zip(in_base)
                    .map(|(v, count)| ValueCount {
                        value: v.value.clone(),
                        count,
                        selected: selection.is_selected(&facet.key, &v.value),
                    })
                    .collect(),
            }
        })
        .collect();
    (results, counts, histogram_base)
}

/// One bar of the date histogram.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bucket {
    /// `2024`, or `2024-04` when the results span at most two years.
    pub label: String,
    /// Documents in the bucket under the query and facets (not the date
    /// range itself, so the histogram shows where else to look).
    pub count: usize,
    /// Whether the current date range covers the bucket.
    pub selected: bool,
}

/// At most this many buckets with gaps; beyond, empty buckets are left out
/// (a few stray dates, like a mail dated year 102, would spread the bars
/// thin).
const MAX_BUCKETS: usize = 60;

/// The date histogram of the documents `in_view`: one bucket per year, or
/// per month when they span two years or less. Empty buckets between the
/// first and last are kept, so gaps show, unless there would be more than
/// [`MAX_BUCKETS`].
pub(crate) fn histogram(index: &Index, in_view: &DocSet, range: Option<(u32, u32)>) -> Vec<Bucket> {
    let keys: Vec<u32> = in_view
        .iter()
        .filter_map(|d| index.date_keys(d.0).map(|(first, _)| first))
        .collect();
    let (Some(&min), Some(&max)) = (keys.iter().min(), keys.iter().max()) else {
        return Vec::new();
    };
    let by_month = max / 10000 - min / 10000 <= 1;
    let bucket_of = |key: u32| if by_month { key / 100 } else { key / 10000 };
    let (first, last) = (bucket_of(min), bucket_of(max));
    let mut counts: BTreeMap<u32, usize> = BTreeMap::new();
    for key in keys {
        *counts.entry(bucket_of(key)).or_default() += 1;
    }
    let span = if by_month {
        (last / 100 - first / 100) * 12 + last % 100 - first % 100 + 1
    } else {
        last - first + 1
    };
    let keep_gaps = span as usize <= MAX_BUCKETS;
    let mut out = Vec::new();
    let mut b = first;
    while b <= last {
        let (label, start, end) = if by_month {
            (format!("{:04}-{:02}", b / 100, b % 100), b * 100 + 1, b * 100 + 31)
        } else {
            (format!("{b:04}"), b * 10000 + 101, b * 10000 + 1231)
        };
        let count = counts.get(&b).copied().unwrap_or(0);
        if keep_gaps || count > 0 {
            out.push(Bucket {
                label,
                count,
                selected: range.is_some_and(|(s, e)| s <= start && end <= e),
            });
        }
        b = match counts.range(b + 1..).next() {
            // Jump over long gaps that are not shown.
            Some((&next, _)) if !keep_gaps => next,
            _ if by_month && b % 100 == 12 => (b / 100 + 1) * 100 + 1,
            _ => b + 1,
        };
        if !keep_gaps && counts.range(b..).next().is_none() {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::facet::{facets_of, test_doc as doc};
    use crate::text::date::PartialDate;
    use crate::text::document::DocId;

    fn counts_of(counts: &[FacetCounts], key: &str) -> Vec<(String, usize)> {
        counts
            .iter()
            .find(|c| c.key == key)
            .map(|c| c.values.iter().map(|v| (v.value.clone(), v.count)).collect())
            .unwrap_or_default()
    }

    #[test]
    fn counts_answer_how_many_results_if_picked() {
        let docs = [
            doc("Star", "2024", &["nhs"]),
            doc("Star", "2025", &["nhs", "data"]),
            doc("Mail", "2024", &["data"]),
            doc("", "", &[]),
        ];
        let facets = facets_of(docs.iter());
        let facets: Vec<&Facet> = facets.iter().collect();
        let all = DocSet::full(4);
        let mut selection = Selection::new();
        selection.select("source", "Star");
        let (results, counts, _) = apply(&facets, &all, &selection, None);
        assert_eq!(results.len(), 2);
        assert_eq!(counts_of(&counts, "source"), [("Star".into(), 2), ("Mail".into(), 1)]);
        assert_eq!(counts_of(&counts, "year"), [("2025".into(), 1), ("2024".into(), 1)]);
        selection.select("source", "Mail");
        selection.select("year", "2024");
        let (results, counts, _) = apply(&facets, &all, &selection, None);
        assert_eq!(results.iter().map(|d| d.0).collect::<Vec<_>>(), [0, 2]);
        assert_eq!(counts_of(&counts, "source"), [("Star".into(), 1), ("Mail".into(), 1)]);
        assert_eq!(counts_of(&counts, "tag"), [("data".into(), 1), ("nhs".into(), 1)]);
    }

    #[test]
    fn an_unknown_value_or_key_selects_nothing() {
        let docs = [doc("Star", "2024", &[])];
        let facets = facets_of(docs.iter());
        let facets: Vec<&Facet> = facets.iter().collect();
        for (key, value) in [("source", "Nowhere"), ("colour", "red")] {
            let mut selection = Selection::new();
            selection.select(key, value);
            let (results, _, _) = apply(&facets, &DocSet::full(1), &selection, None);
            assert!(results.is_empty(), "{key}");
        }
    }

    #[test]
    fn stray_dates_do_not_spread_the_histogram() {
        let mut builder = crate::index::IndexBuilder::new();
        for (i, date) in ["0102-09-26", "1998-01", "2002-08", "2002-09", "2028-01"].iter().enumerate() {
            let mut d = crate::ingest::text_document(&format!("d{i}"), "t", "body");
            d.meta.date = Some(PartialDate::parse(date).unwrap());
            builder.add(d).unwrap();
        }
        let index = builder.build();
        let buckets = histogram(&index, &DocSet::full(5), None);
        let labels: Vec<&str> = buckets.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels, ["0102", "1998", "2002", "2028"]);
        assert_eq!(buckets[2].count, 2);
        // A narrow span keeps its gaps, per month.
        let buckets = histogram(&index, &DocSet::from_docs(5, [DocId(2), DocId(3)]), None);
        assert_eq!(buckets.iter().map(|b| b.label.as_str()).collect::<Vec<_>>(), ["2002-08", "2002-09"]);
        let buckets = histogram(&index, &DocSet::from_docs(5, [DocId(1), DocId(2)]), None);
        assert_eq!(buckets.len(), 5, "1998 to 2002, gaps kept");
    }

    #[test]
    fn facets_survive_their_encoding() {
        let docs = [doc("Star", "2024", &["a"]), doc("Mail", "2023", &["a", "b"])];
        for facet in facets_of(docs.iter()) {
            let back = Facet::from_data(&facet.to_data(), 2);
            assert_eq!(back.key, facet.key);
            for (x, y) in back.values.iter().zip(&facet.values) {
                assert_eq!((&x.value, &x.docs), (&y.value, &y.docs));
            }
        }
    }
}
