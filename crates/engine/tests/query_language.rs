//! The query language, case by case: which documents each query finds and
//! exactly which words it marks.

use quire_engine::ingest::text_document;
use quire_engine::{explain, highlights, prepare, search, top, DocId, Document, Index, IndexBuilder, PartialDate, Query, Request};

fn doc(id: &str, title: &str, body: &str, source: Option<&str>, date: Option<&str>, tags: &[&str]) -> Document {
    let mut d = text_document(id, title, body);
    d.meta.source = source.map(String::from);
    d.meta.date = date.map(|s| PartialDate::parse(s).unwrap());
    d.meta.tags = tags.iter().map(|t| t.to_string()).collect();
    d
}

fn corpus() -> Index {
    let mut b = IndexBuilder::new();
    for d in [
        doc(
            "d1",
            "Palantir wins NHS contract",
            "The federated data platform contract went to Palantir. Data about patients stays in the platform.",
            Some("Morning Star"),
            Some("2024-04-03"),
            &["nhs", "data"],
        ),
        doc(
            "d2",
            "Foxglove campaign",
            "No Palantir in our NHS. The data platform plans worry campaigners.",
            Some("Foxglove"),
            Some("2023-11"),
            &[],
        ),
        doc(
            "d3",
            "Insurance offers",
            "Cheap insurance quotes for your home loan and mortgage today.",
            Some("Spam"),
            Some("2002-08-22"),
            &[],
        ),
        doc(
            "d4",
            "Python scripts",
            "A python module for parsing mailing list archives. Platform independent data tools.",
            None,
            Some("2002-09"),
            &[],
        ),
        doc(
            "d5",
            "Undated note",
            "Contracts, contractors and contracting data.",
            None,
            None,
            &[],
        ),
    ] {
        b.add(d).unwrap();
    }
    b.build()
}

/// The ids a query finds (sorted) and, per document, the words marked in
/// its body, in text order.
fn run(index: &Index, q: &str) -> (Vec<String>, Vec<(String, Vec<String>)>) {
    let prepared = prepare(index, &Query::parse(index.analyzer(), q));
    let docs: Vec<DocId> = search(index, &prepared, &Request::default()).hits.iter().map(|h| h.doc).collect();
    let mut ids: Vec<String> = docs.iter().map(|d| index.id(*d).to_string()).collect();
    ids.sort();
    let marks = docs
        .iter()
        .zip(highlights(index, &prepared, &docs))
        .map(|(d, h)| {
            let body = &index.doc(*d).body;
            (
                index.id(*d).to_string(),
                h.body.iter().map(|m| body[m.span.start..m.span.end].to_string()).collect(),
            )
        })
        .collect();
    (ids, marks)
}

#[test]
fn table_of_queries_with_their_hits_and_marks() {
    let index = corpus();
    #[allow(clippy::type_complexity)]
    let cases: &[(&str, &[&str], &[(&str, &[&str])])] = &[
        ("palantir", &["d1", "d2"], &[("d1", &["Palantir"]), ("d2", &["Palantir"])]),
        ("palantir nhs", &["d1", "d2"], &[("d2", &["Palantir", "NHS"])]),
        ("palantir OR python", &["d1", "d2", "d4"], &[("d4", &["python"])]),
        ("data NOT palantir", &["d4", "d5"], &[("d5", &["data"])]),
        ("data -palantir", &["d4", "d5"], &[]),
        ("NOT data", &["d3"], &[("d3", &[])]),
        ("(python OR insurance) mortgage", &["d3"], &[("d3", &["insurance", "mortgage"])]),
        (
            "\"data platform\"",
            &["d1", "d2"],
            &[("d1", &["data", "platform"]), ("d2", &["data", "platform"])],
        ),
        ("\"platform data\"", &[], &[]),
        ("\"platform data\"~3", &["d1", "d2", "d4"], &[("d4", &["Platform", "data"])]),
        ("data NEAR/0 platform", &["d1", "d2"], &[]),
        ("data NEAR/1 platform", &["d1", "d2", "d4"], &[]),
        ("contr*", &["d1", "d5"], &[("d5", &["Contracts", "contractors", "contracting"])]),
        (
            "contract",
            &["d1", "d5"],
            &[("d1", &["contract"]), ("d5", &["Contracts", "contracting"])],
        ),
        ("pyhton", &["d4"], &[("d4", &["python"])]),
        ("mortage~", &["d3"], &[("d3", &["mortgage"])]),
        ("mortage~0", &[], &[]),
        ("insurence", &["d3"], &[("d3", &["insurance"])]),
        ("title:palantir", &["d1"], &[("d1", &[])]),
        ("body:palantir", &["d1", "d2"], &[("d1", &["Palantir"])]),
        ("source:foxglove", &["d2"], &[]),
        ("source:\"morning star\" contract", &["d1"], &[("d1", &["contract"])]),
        ("outlet:spam", &["d3"], &[]),
        ("tag:nhs", &["d1"], &[]),
        ("tag:(nhs OR missing)", &["d1"], &[]),
        ("date:2024", &["d1"], &[("d1", &[])]),
        ("date:2002-08..2002-09", &["d3", "d4"], &[]),
        ("date:..2023", &["d2", "d3", "d4"], &[]),
        ("date:2023-12..", &["d1"], &[]),
        ("(python OR insurance) date:2002", &["d3", "d4"], &[]),
        ("nosuchfield:data", &[], &[]),
        ("", &["d1", "d2", "d3", "d4", "d5"], &[]),
        ("—", &["d1", "d2", "d3", "d4", "d5"], &[]),
    ];
    for (q, ids, marks) in cases {
        let (got_ids, got_marks) = run(&index, q);
        assert_eq!(&got_ids, ids, "documents for {q:?}");
        for (id, words) in marks.iter() {
            let got = got_marks.iter().find(|(d, _)| d == id).map(|(_, w)| w.clone()).unwrap_or_default();
            let want: Vec<String> = words.iter().map(|w| w.to_string()).collect();
            // Only the first marks are listed for documents with many.
            assert_eq!(&got[..want.len().min(got.len())], &want[..], "marks in {id} for {q:?}: {got:?}");
            assert!(got.len() >= want.len(), "marks in {id} for {q:?}: {got:?}");
        }
    }
}

#[test]
fn a_corrected_word_says_what_was_searched() {
    let index = corpus();
    let prepared = prepare(&index, &Query::parse(index.analyzer(), "pyhton module"));
    assert_eq!(prepared.corrections.len(), 1);
    assert_eq!(prepared.corrections[0].typed, "pyhton");
    assert_eq!(prepared.corrections[0].corrected, "python");
    assert!(!prepared.corrections[0].also);
    // Short words and excluded words are not corrected.
    assert!(prepare(&index, &Query::parse(index.analyzer(), "pyt")).corrections.is_empty());
    assert!(prepare(&index, &Query::parse(index.analyzer(), "-pyhton")).corrections.is_empty());
}

#[test]
fn a_rare_word_next_to_a_common_one_searches_both() {
    let mut b = IndexBuilder::new();
    for i in 0..30 {
        b.add(text_document(&format!("d{i}"), "", "spamassassin filters mail")).unwrap();
    }
    b.add(text_document("typo", "", "spamasassin misspelt once")).unwrap();
    let index = b.build();
    let prepared = prepare(&index, &Query::parse(index.analyzer(), "spamasassin"));
    assert_eq!(prepared.corrections.len(), 1);
    assert!(prepared.corrections[0].also);
    assert_eq!(prepared.corrections[0].corrected, "spamassassin");
    assert_eq!(top(&index, &prepared, 100).0, 31);
    // A rare word with no common neighbour stays as it is.
    let prepared = prepare(&index, &Query::parse(index.analyzer(), "misspelt"));
    assert!(prepared.corrections.is_empty());
}

#[test]
fn other_metadata_is_searched_only_when_named() {
    let mut b = IndexBuilder::new();
    let mut d = text_document("mail", "Re: filters", "Body text");
    d.meta.source = Some("exmh-workers".into());
    d.meta
        .extra
        .insert("from".into(), quire_engine::MetaValue::Text("kre@munnari.oz.au".into()));
    b.add(d).unwrap();
    let index = b.build();
    let count = |q: &str| top(&index, &prepare(&index, &Query::parse(index.analyzer(), q)), 10).0;
    assert_eq!(count("munnari"), 0, "an address is not text to search by default");
    assert_eq!(count("from:munnari"), 1);
    assert_eq!(count("\"kre munnari\""), 0);
    assert_eq!(count("from:\"kre munnari\""), 1);
    assert_eq!(count("exmh"), 1, "the outlet is");
}

#[test]
fn an_unknown_field_is_searched_as_text_and_noted() {
    let index = corpus();
    let prepared = prepare(&index, &Query::parse(index.analyzer(), "nosuchfield:data"));
    assert_eq!(prepared.notes.len(), 1);
}

#[test]
fn scores_explain_themselves() {
    let index = corpus();
    let prepared = prepare(&index, &Query::parse(index.analyzer(), "palantir platform"));
    let (_, hits) = top(&index, &prepared, 10);
    let d1 = index.find("d1").unwrap();
    let hit = hits.iter().find(|h| h.doc == d1).unwrap();
    let explanation = explain(&index, &prepared, d1);
    assert_eq!(explanation.leaves.len(), 2);
    let palantir = &explanation.leaves[0];
    assert_eq!(palantir.text, "palantir");
    let fields: Vec<&str> = palantir.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["title", "body"]);
    assert!(explanation.proximity > 1.0);
    // The explanation adds up to the ranking score (weights are stored
    // rounded to 1/64, hence the tolerance).
    assert!(
        (explanation.score - hit.score).abs() / hit.score < 0.02,
        "{} vs {}",
        explanation.score,
        hit.score
    );
}

#[test]
fn proximity_ranks_close_words_first() {
    let mut b = IndexBuilder::new();
    b.add(text_document(
        "far",
        "",
        "Alpha one two three four five six seven eight nine ten beta.",
    ))
    .unwrap();
    b.add(text_document(
        "near",
        "",
        "Alpha beta one two three four five six seven eight nine ten.",
    ))
    .unwrap();
    let index = b.build();
    let prepared = prepare(&index, &Query::parse(index.analyzer(), "alpha beta"));
    let (total, hits) = top(&index, &prepared, 10);
    assert_eq!(total, 2);
    assert_eq!(index.id(hits[0].doc), "near");
}
