//! Facets: metadata values with the documents that carry them (sorted
//! lists, and per document the values it has, as Lucene's doc values: a
//! facet of 36,000 values over 63,000 documents would take 285 MB as one
//! bitset per value), counts that answer "how many results if I pick
//! this?", and a date histogram that doubles as a range filter.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::docset::DocSet;
use super::postings::{read_varint, write_varint};
use crate::parallel;
use crate::text::document::{DocId, Document};
use crate::text::entity::{entities, Kind};

/// Extra metadata keys become facets when they have at most this many
/// distinct values; keys like message ids or hashes would be noise.
pub const MAX_EXTRA_FACET_VALUES: usize = 50;

/// An entity facet (people, organisations…) keeps at most this many
/// values, those in the most documents: a name in one document of
/// 60,000 is found by searching for it, and the facet's file stays small.
pub const MAX_ENTITY_VALUES: usize = 1_000;

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

/// The facets of a corpus: its metadata, then the entities its texts
/// name (keyed by [`Kind::key`]; a front-matter key of the same name
/// that has values wins, as the built-in keys win over front matter).
pub(crate) fn facets_of<'d>(docs: impl ExactSizeIterator<Item = &'d Document>) -> Vec<Facet> {
    let docs: Vec<&Document> = docs.collect();
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
    for (i, doc) in docs.iter().enumerate() {
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
    let metadata = builders.len();
    for (kind, values) in entity_values(&docs) {
        if !builders.iter().any(|(k, _, v)| k == kind.key() && !v.is_empty()) {
            builders.push((kind.key().into(), kind.label().into(), values));
        }
    }
    builders
        .into_iter()
        .enumerate()
        .filter(|(_, (_, _, values))| !values.is_empty())
        .map(|(i, (key, label, values))| {
            let mut values: Vec<FacetValue> = values.into_iter().map(|(value, docs)| FacetValue { value, docs }).collect();
            if key == "year" && i < metadata {
                values.reverse();
            } else {
                values.sort_by(|a, b| b.docs.len().cmp(&a.docs.len()).then(a.value.cmp(&b.value)));
            }
            if i >= metadata {
                values.truncate(MAX_ENTITY_VALUES);
            }
            Facet::new(key, label, values, n)
        })
        .collect()
}

/// Per kind of entity, each name the texts mention with the documents
/// that mention it (on every core: tagging is the costly part).
fn entity_values(docs: &[&Document]) -> Vec<(Kind, BTreeMap<String, Vec<DocId>>)> {
    let found = parallel::map(docs, |doc| {
        let mut names: Vec<(Kind, String)> = entities(&doc.body).into_iter().map(|m| (m.kind, m.name)).collect();
        names.sort();
        names.dedup();
        names
    });
    let mut by_kind: Vec<(Kind, BTreeMap<String, Vec<DocId>>)> = Kind::ALL.iter().map(|k| (*k, BTreeMap::new())).collect();
    for (i, names) in found.into_iter().enumerate() {
        for (kind, name) in names {
            let slot = Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
            by_kind[slot].1.entry(name).or_default().push(DocId(i as u32));
        }
    }
    by_kind
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

    fn with_body(body: &str) -> Document {
        Document {
            body: body.to_string(),
            ..test_doc("", "", &[])
        }
    }

    fn facet<'f>(facets: &'f [Facet], key: &str) -> Option<&'f Facet> {
        facets.iter().find(|f| f.key == key)
    }

    #[test]
    fn entities_named_in_the_texts_are_facets() {
        let docs = [
            with_body("Peter Thiel said the £330m deal with NHS England was fair. Thiel smiled."),
            with_body("Critics of Palantir met in London on 3 April 2024, said Cori Crider."),
            with_body("Nothing to see."),
        ];
        let facets = facets_of(docs.iter());
        let values = |key: &str| -> Vec<(String, Vec<u32>)> {
            facet(&facets, key)
                .map(|f| {
                    f.values
                        .iter()
                        .map(|v| (v.value.clone(), v.docs.iter().map(|d| d.0).collect()))
                        .collect()
                })
                .unwrap_or_default()
        };
        // A short form counts under the full name, once per document.
        assert_eq!(
            values("person"),
            [("Cori Crider".to_string(), vec![1]), ("Peter Thiel".to_string(), vec![0])]
        );
        assert_eq!(values("money"), [("£330 million".to_string(), vec![0])]);
        assert_eq!(values("place"), [("London".to_string(), vec![1])]);
        assert_eq!(values("when"), [("2024-04-03".to_string(), vec![1])]);
        assert!(values("org").iter().any(|(v, d)| v == "NHS England" && d == &[0]));
        assert!(values("org").iter().any(|(v, d)| v == "Palantir" && d == &[1]));
        // No percentages: no facet.
        assert!(facet(&facets, "percent").is_none());
        assert_eq!(facet(&facets, "person").map(|f| f.label.as_str()), Some("People"));
    }

    #[test]
    fn an_entity_facet_keeps_the_names_in_most_documents() {
        // Each document names a firm of its own, and all name Paris; a
        // firm that sorts last by name is in three documents.
        let mut docs: Vec<Document> = (0..MAX_ENTITY_VALUES + 5)
            .map(|i| with_body(&format!("The firm Acme{i} Ltd opened in Paris.")))
            .collect();
        for doc in docs.iter_mut().take(3) {
            doc.body.push_str(" The firm Zeta Ltd followed.");
        }
        let facets = facets_of(docs.iter());
        let orgs = facet(&facets, "org").expect("organisations");
        assert_eq!(orgs.values.len(), MAX_ENTITY_VALUES);
        assert_eq!((orgs.values[0].value.as_str(), orgs.values[0].docs.len()), ("Zeta", 3));
        let places = facet(&facets, "place").expect("places");
        assert_eq!(places.values[0].value, "Paris");
        assert_eq!(places.values[0].docs.len(), docs.len());
    }

    #[test]
    fn front_matter_wins_over_an_entity_facet_of_the_same_key() {
        let mut doc = with_body("Peter Thiel said so.");
        doc.meta
            .extra
            .insert("person".into(), crate::text::document::MetaValue::Text("Editor".into()));
        let facets = facets_of([doc].iter());
        let person = facet(&facets, "person").expect("the front-matter facet");
        assert_eq!(person.label, "person");
        assert_eq!(person.values[0].value, "Editor");
        assert_eq!(facets.iter().filter(|f| f.key == "person").count(), 1);
        // A front-matter key with no value leaves the entity facet be.
        let mut doc = with_body("Peter Thiel said so.");
        doc.meta
            .extra
            .insert("person".into(), crate::text::document::MetaValue::Text(" ".into()));
        let facets = facets_of([doc].iter());
        assert_eq!(facet(&facets, "person").map(|f| f.label.as_str()), Some("People"));
    }
}
