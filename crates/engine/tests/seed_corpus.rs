//! Behaviour on the seed articles (tests/fixtures/seeds), through the public API.

mod common;

use quire_engine::{snippet, DocId, Highlights, Index, Prepared, Query, Request, Selection, Sort};

fn prepare(index: &Index, q: &str) -> Prepared {
    quire_engine::prepare(index, &Query::parse(index.analyzer(), q))
}

fn search(index: &Index, q: &str) -> quire_engine::Results {
    quire_engine::search(index, &prepare(index, q), &Request::default())
}

fn highlights(index: &Index, q: &str) -> Vec<(DocId, Highlights)> {
    let prepared = prepare(index, q);
    let docs: Vec<DocId> = quire_engine::search(index, &prepared, &Request::default())
        .hits
        .iter()
        .map(|h| h.doc)
        .collect();
    docs.iter()
        .copied()
        .zip(quire_engine::highlights(index, &prepared, &docs))
        .collect()
}

/// The exact text of every body mark of every hit.
fn marked_words(index: &Index, q: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (doc, h) in highlights(index, q) {
        let body = &index.doc(doc).body;
        for mark in h.body {
            out.push(body[mark.span.start..mark.span.end].to_string());
        }
    }
    out
}

#[test]
fn the_corpus_has_its_five_articles_with_their_metadata() {
    let index = common::seed_index();
    assert_eq!(index.len(), 5);
    let star = index.find("004_3b07e6a0073e5d47").unwrap();
    assert_eq!(index.doc(star).meta.source.as_deref(), Some("Morning Star"));
    let foxglove = index.doc(index.find("002_ec4ee98b16b0e306").unwrap());
    assert_eq!(foxglove.meta.tags, ["Health data", "Palantir"]);
    assert_eq!(foxglove.title, "No Palantir in Our NHS");
}

#[test]
fn a_stemmed_word_finds_and_marks_every_inflection_and_nothing_else() {
    let index = common::seed_index();
    let mut words: Vec<String> = marked_words(&index, "contracts").iter().map(|w| w.to_lowercase()).collect();
    words.sort();
    words.dedup();
    assert_eq!(words, ["contract", "contracted", "contracts"]);
    assert_eq!(search(&index, "contract").hits.len(), 5);
    assert_eq!(
        search(&index, "contractors").hits.len(),
        1,
        "a different stem: only the Morning Star"
    );
}

#[test]
fn marks_never_include_punctuation() {
    let index = common::seed_index();
    for q in ["england", "fdp", "palantir", "\"federated data platform\"", "330m", "genoc*"] {
        for word in marked_words(&index, q) {
            assert!(word.chars().all(char::is_alphanumeric), "{q}: {word:?}");
        }
    }
}

#[test]
fn a_phrase_marks_only_adjacent_words() {
    let index = common::seed_index();
    let phrase = highlights(&index, "\"data platform\"");
    assert!(phrase.len() >= 3);
    // Both words are in these articles, but never in the other order.
    assert!(search(&index, "platform data").hits.len() >= 3);
    assert!(search(&index, "\"platform data\"").hits.is_empty());
    for (doc, h) in &phrase {
        let body = &index.doc(*doc).body;
        let marks = &h.body;
        assert_eq!(marks.len() % 2, 0);
        for pair in marks.chunks(2) {
            assert_eq!(pair[0].hit, pair[1].hit, "one phrase, one hit");
            assert_eq!(body[pair[0].span.start..pair[0].span.end].to_lowercase(), "data");
            assert_eq!(body[pair[1].span.start..pair[1].span.end].to_lowercase(), "platform");
            assert!(body[pair[0].span.end..pair[1].span.start].trim().is_empty());
        }
    }
}

#[test]
fn a_word_split_in_terms_matches_as_a_phrase() {
    let index = common::seed_index();
    // "£330m" (Pulse) and "£330million" (the Mail) split into 330 + m / million.
    let m = search(&index, "£330m");
    assert_eq!(m.hits.len(), 2, "330m in 000 and 003");
    let million = search(&index, "330million");
    assert_eq!(million.hits.len(), 3, "330 million in 001, 003 and 004");
}

#[test]
fn excluded_words_remove_documents() {
    let index = common::seed_index();
    let all = search(&index, "palantir").hits.len();
    let without = search(&index, "palantir -israel");
    assert_eq!(all, 5);
    for hit in &without.hits {
        assert!(!index.doc(hit.doc).body.to_lowercase().contains("israel"));
    }
    assert!(without.hits.len() < all);
}

#[test]
fn title_matches_rank_first() {
    let index = common::seed_index();
    let results = highlights(&index, "hackney");
    assert_eq!(index.doc(results[0].0).id, "003_049ef6860242a85c");
    assert_eq!(results[0].1.title.len(), 1);
}

#[test]
fn snippets_hold_their_marks_and_stay_short() {
    let index = common::seed_index();
    let results = highlights(&index, "karp proud");
    assert!(!results.is_empty());
    for (doc, h) in &results {
        let snippet = snippet(&index, *doc, &h.body);
        let body = &index.doc(*doc).body;
        let text = &body[snippet.span.start..snippet.span.end];
        assert!(text.len() <= quire_engine::present::snippet::SNIPPET_BYTES, "{text}");
        assert!(!snippet.marks.is_empty(), "{text}");
        for mark in &snippet.marks {
            assert!(mark.span.start >= snippet.span.start && mark.span.end <= snippet.span.end);
        }
    }
}

#[test]
fn an_empty_query_lists_the_whole_corpus_in_the_chosen_order() {
    let index = common::seed_index();
    let prepared = prepare(&index, "");
    let request = |sort| Request {
        sort,
        ..Request::default()
    };
    let newest = quire_engine::search(&index, &prepared, &request(Sort::Newest));
    assert_eq!(newest.hits.len(), 5);
    let ids: Vec<&str> = newest.hits.iter().map(|h| index.doc(h.doc).id.as_str()).collect();
    assert_eq!(
        &ids[..2],
        ["001_44a0b21695fca2fa", "000_3f5d789f03dc4cae"],
        "dated first, newest first"
    );
    let by_title = quire_engine::search(&index, &prepared, &request(Sort::Title));
    let titles: Vec<String> = by_title.hits.iter().map(|h| index.doc(h.doc).title.to_lowercase()).collect();
    let mut sorted = titles.clone();
    sorted.sort();
    assert_eq!(titles, sorted);
}

#[test]
fn facet_counts_follow_the_query() {
    let index = common::seed_index();
    let outlet_counts = |q: &str| {
        let results = search(&index, q);
        results
            .facets
            .iter()
            .find(|f| f.key == "source")
            .unwrap()
            .values
            .iter()
            .map(|v| (v.value.clone(), v.count))
            .collect::<Vec<_>>()
    };
    assert_eq!(outlet_counts(""), [("Foxglove".into(), 1), ("Morning Star".into(), 1)]);
    assert_eq!(outlet_counts("unison"), [("Foxglove".into(), 0), ("Morning Star".into(), 1)]);
    let mut selection = Selection::new();
    selection.select("source", "Morning Star");
    let filtered = quire_engine::search(
        &index,
        &prepare(&index, "palantir"),
        &Request {
            selection,
            ..Request::default()
        },
    );
    assert_eq!(filtered.hits.len(), 1);
    assert_eq!(filtered.matched, 5);
}

#[test]
fn comparing_articles_that_share_wording_finds_the_passages_in_both() {
    let index = common::seed_index();
    let mail = index.find("001_44a0b21695fca2fa").unwrap();
    let star = index.find("004_3b07e6a0073e5d47").unwrap();
    let comparison = quire_engine::compare(index.analyzer(), index.doc(mail), index.doc(star));
    let (a, b) = (&index.doc(mail).body, &index.doc(star).body);
    let shared: Vec<(&str, &str)> = comparison
        .passages
        .iter()
        .map(|p| {
            (
                &a[p.copies[0][0].start..p.copies[0][0].end],
                &b[p.copies[1][0].start..p.copies[1][0].end],
            )
        })
        .collect();
    assert!(
        shared.contains(&("system called the Federated Data", "system called the Federated Data")),
        "{shared:?}"
    );
    assert!(
        shared.contains(&("blockaded the entrance to NHS England", "blockade the entrance to NHS England")),
        "{shared:?}"
    );
    // The Mail repeats its caption: the passage lists every copy.
    assert!(comparison.passages.iter().any(|p| p.copies[0].len() == 3));
    assert!(comparison.similarity > 0.0 && comparison.similarity < 0.1);
    assert_eq!(
        quire_engine::compare(index.analyzer(), index.doc(DocId(0)), index.doc(DocId(0))).similarity,
        1.0
    );
}

#[test]
fn the_concordance_and_views_of_the_most_frequent_words_hold_whole_characters() {
    // `?q=nhs&v=kwic` crashed the app: every seed article has no-break
    // spaces. The 20 most frequent words, in every view and order.
    let index = common::seed_index();
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (_, doc) in index.docs() {
        for term in index.analyzer().terms(&doc.body) {
            *counts.entry(term).or_default() += 1;
        }
    }
    let mut words: Vec<(String, usize)> = counts.into_iter().collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    assert!(
        index.docs().any(|(_, d)| d.body.contains('\u{a0}')),
        "the fixture has no-break spaces"
    );
    for (word, _) in words.iter().take(20) {
        let hits = quire_invariants::check_query(&index, word);
        assert!(hits > 0, "{word}");
    }
    quire_invariants::check_query(&index, "nhs");
}
