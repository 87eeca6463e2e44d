//! Facet counts in every combination agree with a brute-force count.

use proptest::prelude::*;
use quire_engine::ingest::text_document;
use quire_engine::{prepare, search, IndexBuilder, PartialDate, Query, Request, Selection};

const SOURCES: [&str; 3] = ["Star", "Mail", "Foxglove"];
const YEARS: [&str; 3] = ["2022", "2023", "2024"];
const TAGS: [&str; 3] = ["nhs", "data", "protest"];
const WORDS: [&str; 4] = ["alpha", "beta", "gamma", "delta"];

#[derive(Clone, Debug)]
struct Doc {
    source: Option<usize>,
    year: Option<usize>,
    tags: Vec<usize>,
    words: Vec<usize>,
}

fn doc_strategy() -> impl Strategy<Value = Doc> {
    (
        proptest::option::of(0..3usize),
        proptest::option::of(0..3usize),
        proptest::collection::btree_set(0..3usize, 0..3),
        proptest::collection::vec(0..4usize, 1..4),
    )
        .prop_map(|(source, year, tags, words)| Doc {
            source,
            year,
            tags: tags.into_iter().collect(),
            words,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn every_count_is_how_many_results_picking_it_would_give(
        docs in proptest::collection::vec(doc_strategy(), 1..25),
        word in proptest::option::of(0..4usize),
        chosen in proptest::collection::vec((0..3usize, 0..3usize), 0..4),
    ) {
        let mut builder = IndexBuilder::new();
        for (i, d) in docs.iter().enumerate() {
            let body = d.words.iter().map(|&w| WORDS[w]).collect::<Vec<_>>().join(" ");
            let mut doc = text_document(&format!("d{i}"), "", &body);
            doc.meta.source = d.source.map(|s| SOURCES[s].to_string());
            doc.meta.date = d.year.map(|y| PartialDate::parse(YEARS[y]).unwrap());
            doc.meta.tags = d.tags.iter().map(|&t| TAGS[t].to_string()).collect();
            builder.add(doc).unwrap();
        }
        let index = builder.build();
        // Facet 0 = source, 1 = year, 2 = tag.
        let keys = ["source", "year", "tag"];
        let value = |facet: usize, v: usize| match facet { 0 => SOURCES[v], 1 => YEARS[v], _ => TAGS[v] };
        let mut selection = Selection::new();
        for &(f, v) in &chosen {
            selection.select(keys[f], value(f, v));
        }
        let has = |d: &Doc, facet: usize, v: usize| match facet {
            0 => d.source == Some(v),
            1 => d.year == Some(v),
            _ => d.tags.contains(&v),
        };
        let matches_query = |d: &Doc| word.is_none_or(|w| d.words.contains(&w));
        // A document passes a facet when nothing is chosen there or it has
        // one of the chosen values.
        let passes = |d: &Doc, facet: usize| {
            let picked: Vec<usize> = chosen.iter().filter(|(f, _)| *f == facet).map(|(_, v)| *v).collect();
            picked.is_empty() || picked.iter().any(|&v| has(d, facet, v))
        };
        let q = word.map(|w| WORDS[w]).unwrap_or("");
        let results = search(&index, &prepare(&index, &Query::parse(index.analyzer(), q)), &Request { selection, ..Request::default() });
        let expected_hits = docs.iter().filter(|d| matches_query(d) && (0..3).all(|f| passes(d, f))).count();
        prop_assert_eq!(results.hits.len(), expected_hits);
        for (facet, key) in keys.iter().enumerate() {
            let Some(counts) = results.facets.iter().find(|c| c.key == *key) else {
                prop_assert!(docs.iter().all(|d| (0..3).all(|v| !has(d, facet, v))));
                continue;
            };
            for vc in &counts.values {
                let v = (0..3).find(|&v| value(facet, v) == vc.value).unwrap();
                let brute = docs
                    .iter()
                    .filter(|d| matches_query(d) && has(d, facet, v) && (0..3).filter(|&g| g != facet).all(|g| passes(d, g)))
                    .count();
                prop_assert_eq!(vc.count, brute, "{} = {}", keys[facet], vc.value);
            }
        }
    }
}
