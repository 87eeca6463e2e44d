//! Facets: metadata values with the documents that carry them (sorted
//! lists, and per document the values it has, as Lucene's doc values: a
//! facet of 36,000 values over 63,000 documents would take 285 MB as one
//! bitset per value), counts that answer "how many results if I pick
//! this?", and a date histogram that doubles as a range filter.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::docset::DocSet;
use super::postings::{read_varint, write_varint};
use crate::text::document::{DocId, Document};

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
    /// Each document's values (indices into `values`): `starts[d]..starts[d + 1]`
    /// of `of_doc`.
    starts: Vec<u32>,
    of_doc: Vec<u32>,
}

#[derive(Clone, Debug)]
pub struct FacetValue {
    pub value: String,
    /// The documents that have it, in order.
    pub docs: Vec<DocId>,
}

/// A facet as encoded in the index: document ids as varint gaps.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct FacetData {
    key: String,
    label: String,
    values: Vec<(String, Vec<u8>)>,
}

impl Facet {
    /// A facet whose values are not loaded yet.
    pub(crate) fn placeholder(key: &str, label: &str, universe: usize) -> Facet {
        Facet::new(key.to_string(), label.to_string(), Vec::new(), universe)
    }

    /// A facet of these values over a corpus of `universe` documents.
    fn new(key: String, label: String, values: Vec<FacetValue>, universe: usize) -> Facet {
        if values.is_empty() {
            // Not loaded yet (or no document has it): no per-document table.
            return Facet {
                key,
                label,
                values,
                starts: Vec::new(),
                of_doc: Vec::new(),
            };
        }
        let mut starts = vec![0u32; universe + 1];
        for v in &values {
            for d in &v.docs {
                starts[d.index() + 1] += 1;
            }
        }
        for i in 0..universe {
            starts[i + 1] += starts[i];
        }
        let mut of_doc = vec![0u32; starts[universe] as usize];
        let mut next = starts.clone();
        for (k, v) in values.iter().enumerate() {
            for d in &v.docs {
                of_doc[next[d.index()] as usize] = k as u32;
                next[d.index()] += 1;
            }
        }
        Facet {
            key,
            label,
            values,
            starts,
            of_doc,
        }
    }

    /// The values a document has (indices into `values`).
    fn values_of(&self, doc: DocId) -> &[u32] {
        match (self.starts.get(doc.index()), self.starts.get(doc.index() + 1)) {
            (Some(&a), Some(&b)) => &self.of_doc[a as usize..b as usize],
            _ => &[],
        }
    }

    /// How many of `docs` have each value, in the order of `values`: one
    /// pass over the documents, whatever the number of values.
    pub(crate) fn counts_in(&self, docs: &DocSet) -> Vec<usize> {
        let mut counts = vec![0usize; self.values.len()];
        for d in docs.iter() {
            for &k in self.values_of(d) {
                counts[k as usize] += 1;
            }
        }
        counts
    }

    pub(crate) fn to_data(&self) -> FacetData {
        FacetData {
            key: self.key.clone(),
            label: self.label.clone(),
            values: self
                .values
                .iter()
                .map(|v| {
                    let mut bytes = Vec::new();
                    let mut last = 0;
                    for doc in &v.docs {
                        write_varint(&mut bytes, doc.0 - last);
                        last = doc.0;
                    }
                    (v.value.clone(), bytes)
                })
                .collect(),
        }
    }

    /// Reads a facet back; a document past the corpus, or listed twice,
    /// is dropped.
    pub(crate) fn from_data(data: &FacetData, universe: usize) -> Facet {
        let values = data
            .values
            .iter()
            .map(|(value, bytes)| {
                let mut docs: Vec<DocId> = Vec::new();
                let (mut at, mut doc) = (0, 0u32);
                while let Some(gap) = read_varint(bytes, &mut at) {
                    doc = doc.saturating_add(gap);
                    if (doc as usize) < universe && docs.last().is_none_or(|l| l.0 < doc) {
                        docs.push(DocId(doc));
                    }
                }
                FacetValue {
                    value: value.clone(),
                    docs,
                }
            })
            .collect();
        Facet::new(data.key.clone(), data.label.clone(), values, universe)
    }
}

/// The facets of a corpus.
pub(crate) fn facets_of<'d>(docs: impl ExactSizeIterator<Item = &'d Document>) -> Vec<Facet> {
    let n = docs.len();
    let mut builders: Vec<(String, String, BTreeMap<String, Vec<DocId>>)> = vec![
        ("source".into(), "Outlet".into(), BTreeMap::new()),
        ("year".into(), "Year".into(), BTreeMap::new()),
        ("tag".into(), "Tags".into(), BTreeMap::new()),
        ("author".into(), "Author".into(), BTreeMap::new()),
    ];
    let mut extra: BTreeMap<String, BTreeMap<String, Vec<DocId>>> = BTreeMap::new();
    let add = |values: &mut BTreeMap<String, Vec<DocId>>, value: &str, id: DocId| {
        let value = value.trim();
        if !value.is_empty() {
            let docs = values.entry(value.to_string()).or_default();
            if docs.last() != Some(&id) {
                docs.push(id);
            }
        }
    };
    for (i, doc) in docs.enumerate() {
        let id = DocId(i as u32);
        let meta = &doc.meta;
        if let Some(source) = &meta.source {
            add(&mut builders[0].2, source, id);
        }
        if let Some(date) = &meta.date {
            add(&mut builders[1].2, &date.year_only().to_string(), id);
        }
        for tag in &meta.tags {
            add(&mut builders[2].2, tag, id);
        }
        if let Some(author) = &meta.author {
            add(&mut builders[3].2, author, id);
        }
        for (key, value) in &meta.extra {
            if builders.iter().any(|(k, _, _)| k == key) {
                continue;
            }
            let values = extra.entry(key.clone()).or_default();
            for v in value.values() {
                if values.len() <= MAX_EXTRA_FACET_VALUES {
                    add(values, v, id);
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
            let mut values: Vec<FacetValue> = values.into_iter().map(|(value, docs)| FacetValue { value, docs }).collect();
            if key == "year" {
                values.reverse();
            } else {
                values.sort_by(|a, b| b.docs.len().cmp(&a.docs.len()).then(a.value.cmp(&b.value)));
            }
            Facet::new(key, label, values, n)
        })
        .collect()
}

/// A document with an outlet, a year and tags, for facet tests.
#[cfg(test)]
pub(crate) fn test_doc(source: &str, year: &str, tags: &[&str]) -> Document {
    Document {
        id: format!("{source}{year}{}", tags.join("")),
        title: String::new(),
        body: String::new(),
        blocks: vec![],
        meta: crate::text::document::Meta {
            source: (!source.is_empty()).then(|| source.to_string()),
            date: (!year.is_empty()).then(|| crate::text::date::PartialDate::parse(year).unwrap()),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..crate::text::document::Meta::default()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facets_survive_their_encoding() {
        let docs = [test_doc("Star", "2024", &["a"]), test_doc("Mail", "2023", &["a", "b"])];
        for facet in facets_of(docs.iter()) {
            let back = Facet::from_data(&facet.to_data(), 2);
            assert_eq!(back.key, facet.key);
            for (x, y) in back.values.iter().zip(&facet.values) {
                assert_eq!((&x.value, &x.docs), (&y.value, &y.docs));
            }
        }
    }
}
