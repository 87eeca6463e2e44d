//! Facets: metadata values with the documents that carry them, and counts
//! that answer "how many results if I pick this?".

use std::collections::{BTreeMap, BTreeSet};

use crate::{DocId, DocSet, Document};

/// Extra metadata keys become facets when they have at most this many
/// distinct values; keys like message ids or hashes would be noise.
pub const MAX_EXTRA_FACET_VALUES: usize = 50;

/// One facet: a metadata key, and each of its values with its documents.
#[derive(Clone, Debug)]
pub struct Facet {
    /// The key users see in URLs: `source`, `year`, `tag`, `author`, or an
    /// extra front-matter key.
    pub key: String,
    /// A label for people: "Outlet", "Year", "Tags"…
    pub label: String,
    /// Values in display order: years newest first, others most common first.
    pub values: Vec<FacetValue>,
}

#[derive(Clone, Debug)]
pub struct FacetValue {
    pub value: String,
    pub docs: DocSet,
}

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

/// The facets of a corpus.
pub(crate) fn facets_of(docs: &[Document]) -> Vec<Facet> {
    let n = docs.len();
    let mut builders: Vec<(String, String, BTreeMap<String, Vec<DocId>>)> = vec![
        ("source".into(), "Outlet".into(), BTreeMap::new()),
        ("year".into(), "Year".into(), BTreeMap::new()),
        ("tag".into(), "Tags".into(), BTreeMap::new()),
        ("author".into(), "Author".into(), BTreeMap::new()),
    ];
    let mut extra: BTreeMap<String, BTreeMap<String, Vec<DocId>>> = BTreeMap::new();
    for (i, doc) in docs.iter().enumerate() {
        let id = DocId(i as u32);
        let meta = &doc.meta;
        let mut add = |slot: usize, value: &str| {
            let value = value.trim();
            if !value.is_empty() {
                let docs = builders[slot].2.entry(value.to_string()).or_default();
                if docs.last() != Some(&id) {
                    docs.push(id);
                }
            }
        };
        if let Some(source) = &meta.source {
            add(0, source);
        }
        if let Some(date) = &meta.date {
            add(1, &date.year_only().to_string());
        }
        for tag in &meta.tags {
            add(2, tag);
        }
        if let Some(author) = &meta.author {
            add(3, author);
        }
        for (key, value) in &meta.extra {
            if builders.iter().any(|(k, _, _)| k == key) {
                continue;
            }
            let values = extra.entry(key.clone()).or_default();
            for v in value.values() {
                let v = v.trim();
                if !v.is_empty() && values.len() <= MAX_EXTRA_FACET_VALUES {
                    let docs = values.entry(v.to_string()).or_default();
                    if docs.last() != Some(&id) {
                        docs.push(id);
                    }
                }
            }
        }
    }
    for (key, values) in extra {
        if values.len() <= MAX_EXTRA_FACET_VALUES {
            builders.push((key.clone(), key, values));
        }
    }
    builders
        .into_iter()
        .filter(|(_, _, values)| !values.is_empty())
        .map(|(key, label, values)| {
            let mut values: Vec<FacetValue> = values
                .into_iter()
                .map(|(value, docs)| FacetValue {
                    value,
                    docs: DocSet::from_docs(n, docs),
                })
                .collect();
            if key == "year" {
                values.reverse();
            } else {
                values.sort_by(|a, b| b.docs.len().cmp(&a.docs.len()).then(a.value.cmp(&b.value)));
            }
            Facet { key, label, values }
        })
        .collect()
}

/// Applies `selection` to the documents a query `matched`: returns the
/// results, and every facet's counts. Each count is the number of results
/// there would be if that value were picked: the query, the choices in the
/// other facets, and this value.
pub(crate) fn apply(
    facets: &[Facet],
    matched: &DocSet,
    selection: &Selection,
) -> (DocSet, Vec<FacetCounts>) {
    // The documents each facet's choice allows (None: no choice there).
    let allowed: Vec<Option<DocSet>> = facets
        .iter()
        .map(|facet| {
            let chosen = selection.chosen.get(&facet.key).filter(|c| !c.is_empty())?;
            let mut set = DocSet::empty(matched.universe());
            for value in &facet.values {
                if chosen.contains(&value.value) {
                    set.union_with(&value.docs);
                }
            }
            Some(set)
        })
        .collect();
    let mut results = matched.clone();
    for set in allowed.iter().flatten() {
        results.intersect_with(set);
    }
    let counts = facets
        .iter()
        .enumerate()
        .map(|(i, facet)| {
            let mut base = matched.clone();
            for (j, set) in allowed.iter().enumerate() {
                if let (true, Some(set)) = (i != j, set) {
                    base.intersect_with(set);
                }
            }
            FacetCounts {
                key: facet.key.clone(),
                label: facet.label.clone(),
                values: facet
                    .values
                    .iter()
                    .map(|v| ValueCount {
                        value: v.value.clone(),
                        count: base.intersection_len(&v.docs),
                        selected: selection.is_selected(&facet.key, &v.value),
                    })
                    .collect(),
            }
        })
        .collect();
    (results, counts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Meta, PartialDate};

    fn doc(source: &str, year: &str, tags: &[&str]) -> Document {
        Document {
            id: format!("{source}{year}{}", tags.join("")),
            title: String::new(),
            body: String::new(),
            blocks: vec![],
            meta: Meta {
                source: (!source.is_empty()).then(|| source.to_string()),
                date: (!year.is_empty()).then(|| PartialDate::parse(year).unwrap()),
                tags: tags.iter().map(|t| t.to_string()).collect(),
                ..Meta::default()
            },
        }
    }

    fn counts_of(counts: &[FacetCounts], key: &str) -> Vec<(String, usize)> {
        counts
            .iter()
            .find(|c| c.key == key)
            .map(|c| c.values.iter().map(|v| (v.value.clone(), v.count)).collect())
            .unwrap_or_default()
    }

    #[test]
    fn counts_answer_how_many_results_if_picked() {
        let docs = vec![
            doc("Star", "2024", &["nhs"]),
            doc("Star", "2025", &["nhs", "data"]),
            doc("Mail", "2024", &["data"]),
            doc("", "", &[]),
        ];
        let facets = facets_of(&docs);
        let all = DocSet::full(4);
        let mut selection = Selection::new();
        selection.select("source", "Star");
        let (results, counts) = apply(&facets, &all, &selection);
        assert_eq!(results.len(), 2);
        // Within the chosen facet, counts ignore its own choice (OR).
        assert_eq!(counts_of(&counts, "source"), [("Star".into(), 2), ("Mail".into(), 1)]);
        // Other facets count within the choice.
        assert_eq!(counts_of(&counts, "year"), [("2025".into(), 1), ("2024".into(), 1)]);
        selection.select("source", "Mail");
        selection.select("year", "2024");
        let (results, counts) = apply(&facets, &all, &selection);
        assert_eq!(results.iter().map(|d| d.0).collect::<Vec<_>>(), [0, 2]);
        assert_eq!(counts_of(&counts, "source"), [("Star".into(), 1), ("Mail".into(), 1)]);
        assert_eq!(counts_of(&counts, "tag"), [("data".into(), 1), ("nhs".into(), 1)]);
    }

    #[test]
    fn an_unknown_value_selects_nothing() {
        let docs = vec![doc("Star", "2024", &[])];
        let facets = facets_of(&docs);
        let mut selection = Selection::new();
        selection.select("source", "Nowhere");
        let (results, _) = apply(&facets, &DocSet::full(1), &selection);
        assert!(results.is_empty());
    }
}
