//! Reuse, similarity and speakers on the seed articles (tests/fixtures/seeds).

mod common;

use quire_engine::{AnalysisPart, DocId};

#[test]
fn reused_passages_are_found_across_outlets() {
    let index = common::seed_index();
    let text = |d: DocId, s: quire_engine::Span| index.doc(d).body[s.start..s.end].to_string();
    let clusters: Vec<Vec<(String, String)>> = index
        .analysis(&AnalysisPart::ALL)
        .reuse()
        .iter()
        .map(|c| c.copies.iter().map(|(d, s)| (index.id(*d).to_string(), text(*d, *s))).collect())
        .collect();
    let has = |ids: &[&str], words: &str| {
        clusters
            .iter()
            .any(|c| ids.iter().all(|id| c.iter().any(|(d, t)| d == id && t.contains(words))))
    };
    assert!(
        has(
            &["001_44a0b21695fca2fa", "004_3b07e6a0073e5d47"],
            "system called the Federated Data"
        ),
        "{clusters:#?}"
    );
    assert!(
        has(&["000_3f5d789f03dc4cae", "001_44a0b21695fca2fa"], "the entrance to NHS England"),
        "{clusters:#?}"
    );
    assert!(
        has(
            &["002_ec4ee98b16b0e306", "003_049ef6860242a85c"],
            "Immigration and Customs Enforcement"
        ),
        "{clusters:#?}"
    );
    // The doc view asks which passages a document shares.
    let mail = index.find("001_44a0b21695fca2fa").unwrap();
    assert!(!index.analysis(&AnalysisPart::ALL).reuse_in(mail).is_empty());
}

#[test]
fn more_like_this_ranks_the_same_story_first() {
    let index = common::seed_index();
    let pulse = index.find("000_3f5d789f03dc4cae").unwrap();
    let similar = index.analysis(&AnalysisPart::ALL).similar(pulse, 4);
    assert_eq!(similar.len(), 4);
    let first = index.id(similar[0].doc);
    assert!(first == "001_44a0b21695fca2fa" || first == "004_3b07e6a0073e5d47", "{first}");
    assert!(similar.windows(2).all(|w| w[0].score >= w[1].score));
    let terms: Vec<&str> = similar[0].terms.iter().map(|(t, _)| t.as_str()).collect();
    assert!(terms.contains(&"palantir"), "{terms:?}");
    assert!((index.analysis(&AnalysisPart::ALL).similarity(pulse, pulse) - 1.0).abs() < 1e-3);
}

#[test]
fn speakers_gather_their_quotes_across_documents() {
    let index = common::seed_index();
    let speakers = index.analysis(&AnalysisPart::ALL).speakers();
    let karp = speakers.iter().find(|s| s.name.as_deref() == Some("Alex Karp")).expect("Karp");
    let docs: std::collections::BTreeSet<&str> = karp
        .quotes
        .iter()
        .flat_map(|q| q.occurrences.iter().map(|(d, _)| index.id(*d)))
        .collect();
    assert_eq!(
        docs.into_iter().collect::<Vec<_>>(),
        ["001_44a0b21695fca2fa", "003_049ef6860242a85c"]
    );
    // "exceedingly proud" appears twice in one article: one quote, two occurrences.
    let proud = karp.quotes.iter().find(|q| {
        let (d, i) = q.occurrences[0];
        index.analysis(&AnalysisPart::ALL).quotes(d)[i]
            .text(&index.doc(d).body)
            .contains("exceedingly proud")
    });
    assert!(proud.is_some_and(|q| q.occurrences.len() == 2));
    for name in ["John Puntis", "Kristyan Benedict", "Marion Macalpine", "NHS England spokesperson"] {
        assert!(speakers.iter().any(|s| s.name.as_deref() == Some(name)), "{name}");
    }
}
