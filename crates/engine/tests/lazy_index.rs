//! An index opened from its manifest and loaded part by part, as the
//! browser does, answers exactly as the whole index: every query, every
//! order, marks, snippets, explanations, the concordance, the corpus
//! analysis. Tiny parts here, so that every query crosses shards.

use std::collections::HashMap;

use quire_engine::ingest::CorpusReader;
use quire_engine::{AnalysisPart, Analyzer, DocId, Document, ErrorKind, Index, IndexBuilder, PackOptions, PartId};

const TINY: PackOptions = PackOptions {
    shard_bytes: 96,
    positions_bytes: 128,
    titles_per_chunk: 2,
    docs_bytes: 512,
    ids_bytes: 24,
    bundle_below: 0,
};

fn fixture_docs() -> Vec<Document> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut reader = CorpusReader::new();
    for dir in ["seeds", "reuse", "hostile"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir)).unwrap().map(|e| e.unwrap().path()).collect();
        paths.sort();
        for path in paths {
            let name = format!("{dir}/{}", path.file_name().unwrap().to_str().unwrap());
            reader.add_file(&name, &std::fs::read(&path).unwrap());
        }
    }
    reader.finish().documents
}

fn build(options: PackOptions) -> Index {
    let mut builder = IndexBuilder::new().with_pack_options(options);
    for doc in fixture_docs() {
        builder.add(doc).unwrap();
    }
    builder.build()
}

/// A host: file name → bytes.
fn host(index: &Index) -> (Vec<u8>, HashMap<String, Vec<u8>>) {
    let pack = index.pack();
    (pack.manifest, pack.files.into_iter().collect())
}

const QUERIES: &[&str] = &[
    "nhs",
    "palantir contract",
    "\"data platform\"",
    "contr*",
    "pl*",
    "palantr",
    "privacy~",
    "nhs NEAR/3 data",
    "title:palantir",
    "source:guardian OR outlet:\"morning star\"",
    "nhs -palantir",
    "(data OR platform) NOT contract",
    "date:2023",
    "zzzz",
    "",
    "a",
    "der",
    "\"the\"",
];

#[test]
fn an_index_loaded_part_by_part_answers_as_the_whole() {
    let full = build(TINY);
    assert!(full.parts().filter(|p| matches!(p, PartId::Terms(_))).count() > 10, "tiny shards");
    let (manifest, files) = host(&full);
    let lazy = Index::open(&manifest, Analyzer::new()).unwrap();
    let mut fetched: Vec<PartId> = Vec::new();
    for q in QUERIES {
        let expected = quire_invariants::transcript(&full, q);
        let got = lazy
            .complete(
                |ix| quire_invariants::transcript(ix, q),
                |part, name| {
                    fetched.push(part);
                    Ok(files[name].clone())
                },
            )
            .unwrap();
        assert_eq!(got, expected, "query {q:?}");
    }
    assert!(fetched.len() < full.parts().count() * 2, "each part fetched about once");
    for (doc, d) in full.docs() {
        let found = lazy.complete(|ix| ix.find(&d.id), |_, name| Ok(files[name].clone())).unwrap();
        assert_eq!(found, Some(doc), "{}", d.id);
    }
    let analysis = |ix: &Index| {
        let a = ix.analysis(&AnalysisPart::ALL);
        let docs: Vec<DocId> = (0..ix.len() as u32).map(DocId).collect();
        format!(
            "{:?} {:?} {:?} {:?}",
            a.reuse(),
            a.speakers(),
            a.top_pairs(&docs, 10),
            docs.iter().map(|&d| (a.similar(d, 3), a.quotes(d).to_vec())).collect::<Vec<_>>()
        )
    };
    let got = lazy.complete(analysis, |_, name| Ok(files[name].clone())).unwrap();
    assert_eq!(got, analysis(&full));
}

#[test]
fn a_word_query_reads_no_positions_and_a_phrase_reads_some() {
    let full = build(TINY);
    let (manifest, files) = host(&full);
    let parts_read = |query: &str| {
        let lazy = Index::open(&manifest, Analyzer::new()).unwrap();
        let mut read = Vec::new();
        lazy.complete(
            |ix| {
                let prepared = quire_engine::prepare(ix, &quire_engine::Query::parse(ix.analyzer(), query));
                quire_engine::top(ix, &prepared, 10).0
            },
            |part, name| {
                read.push(part);
                Ok(files[name].clone())
            },
        )
        .unwrap();
        read
    };
    let word = parts_read("palantir");
    assert!(!word.is_empty());
    assert!(word.iter().all(|p| matches!(p, PartId::Terms(_) | PartId::Fast(_))), "{word:?}");
    // A word the corpus has reads the shards of its own terms, not every
    // shard its correction would search (an unloaded shard reads as df 0).
    let shards = full.parts().filter(|p| matches!(p, PartId::Terms(_))).count();
    let terms = word.iter().filter(|p| matches!(p, PartId::Terms(_))).count();
    assert!(shards > 20 && terms <= 2, "{terms} of {shards} dictionary shards: {word:?}");
    let phrase = parts_read("\"data platform\"");
    assert!(phrase.iter().any(|p| matches!(p, PartId::Positions(_))), "{phrase:?}");
    assert!(phrase.len() < full.parts().count() / 4, "a phrase reads few parts: {phrase:?}");
}

#[test]
fn a_damaged_or_missing_part_is_an_error_naming_its_file() {
    let full = build(TINY);
    let (manifest, files) = host(&full);
    let lazy = Index::open(&manifest, Analyzer::new()).unwrap();
    let run = |ix: &Index| {
        let prepared = quire_engine::prepare(ix, &quire_engine::Query::parse(ix.analyzer(), "palantir"));
        quire_engine::top(ix, &prepared, 10).0
    };
    let err = lazy
        .complete(run, |_, name| {
            let mut bytes = files[name].clone();
            let last = bytes.len() - 1;
            bytes[last] ^= 1;
            Ok(bytes)
        })
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Corrupt);
    assert!(err.to_string().contains(".bin is damaged or incomplete"), "{err}");
    // Nothing damaged was kept: with the right bytes the query works.
    let count = lazy.complete(run, |_, name| Ok(files[name].clone())).unwrap();
    assert!(count > 0);
}

#[test]
fn the_least_recently_used_parts_go_first_and_come_back_when_needed() {
    let full = build(TINY);
    let (manifest, files) = host(&full);
    let mut lazy = Index::open(&manifest, Analyzer::new()).unwrap();
    let expected = quire_invariants::transcript(&full, "palantir");
    for q in QUERIES {
        lazy.complete(|ix| quire_invariants::transcript(ix, q), |_, name| Ok(files[name].clone()))
            .unwrap();
    }
    let before = lazy.loaded_bytes();
    lazy.evict(before / 3);
    assert!(
        lazy.loaded_bytes() <= before / 3 || lazy.loaded_bytes() < before,
        "evicted something"
    );
    let got = lazy
        .complete(|ix| quire_invariants::transcript(ix, "palantir"), |_, name| Ok(files[name].clone()))
        .unwrap();
    assert_eq!(got, expected);
}

#[test]
fn a_small_index_is_one_bundle_and_reads_back_whole() {
    let full = build(PackOptions::default());
    let pack = full.pack();
    assert_eq!(
        pack.files.len(),
        1,
        "one bundle: {:?}",
        pack.files.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    let lazy = Index::open(&pack.manifest, Analyzer::new()).unwrap();
    assert_eq!(lazy.bundle_name().as_deref(), Some(pack.files[0].0.as_str()));
    let mut damaged = pack.files[0].1.clone();
    damaged[20] ^= 4;
    assert!(lazy.insert_bundle(&damaged).is_err());
    lazy.insert_bundle(&pack.files[0].1).unwrap();
    assert!(lazy.is_complete());
    assert_eq!(lazy.encode(), full.encode());
}

/// A page holds the index for its whole life and reads from it while
/// parts arrive: what it read before an insert stays valid after it.
#[test]
fn parts_arrive_through_a_shared_reference_and_what_was_read_stays() {
    fn shared<T: Sync + Send>(_: &T) {}
    let full = build(TINY);
    let (manifest, files) = host(&full);
    let lazy = Index::open(&manifest, Analyzer::new()).unwrap();
    shared(&lazy);
    let fetch = |ix: &Index| {
        for part in ix.wanted() {
            ix.insert(part, &files[&ix.file_name(part).unwrap()]).unwrap();
        }
    };
    let first = DocId(0);
    assert_eq!(lazy.doc(first).body, "", "not loaded yet");
    fetch(&lazy);
    let body: &str = &lazy.doc(first).body;
    assert_eq!(body, full.doc(first).body);
    // Every other part arrives while `body` is held.
    for part in full.parts().collect::<Vec<_>>() {
        lazy.insert(part, &files[&lazy.file_name(part).unwrap()]).unwrap();
    }
    assert!(lazy.is_complete());
    assert_eq!(body, full.doc(first).body);
    assert_eq!(lazy.encode(), full.encode());

    // Documents first, then the quotes checked against them.
    let quotes = lazy.file_name(PartId::Quotes).unwrap();
    let docs_first = Index::open(&manifest, Analyzer::new()).unwrap();
    for part in full.parts().filter(|p| matches!(p, PartId::Docs(_))) {
        docs_first.insert(part, &files[&docs_first.file_name(part).unwrap()]).unwrap();
    }
    docs_first.insert(PartId::Quotes, &files[&quotes]).unwrap();
    assert_eq!(
        format!("{:?}", docs_first.analysis(&AnalysisPart::ALL).speakers()),
        format!("{:?}", full.analysis(&AnalysisPart::ALL).speakers())
    );
}

/// Keywords and collocates read the documents they count: once the page
/// has fetched what `has_docs` asked for, they equal the whole index's.
#[test]
fn keywords_and_collocates_of_a_lazy_index_equal_the_whole_ones() {
    use quire_engine::{collocates, keyness, prepare, Measure, Query, WordCounts};
    let full = build(TINY);
    let (manifest, files) = host(&full);
    let lazy = Index::open(&manifest, Analyzer::new()).unwrap();
    let all: Vec<DocId> = (0..full.len() as u32).map(DocId).collect();
    let (target, reference) = all.split_at(all.len() / 2);
    assert!(!lazy.has_docs(&all), "nothing loaded yet");
    let wanted = lazy.wanted();
    assert!(
        !wanted.is_empty() && wanted.iter().all(|p| matches!(p, PartId::Docs(_))),
        "{wanted:?}"
    );
    for part in wanted {
        lazy.insert(part, &files[&lazy.file_name(part).unwrap()]).unwrap();
    }
    assert!(lazy.has_docs(&all));
    assert!(lazy.wanted().is_empty());
    let keys = |ix: &Index| keyness(&WordCounts::of(ix, target), &WordCounts::of(ix, reference), 2, 0.05);
    assert!(!keys(&full).is_empty());
    assert_eq!(keys(&lazy), keys(&full));
    // Phrases too: counted from the documents' text, no other part read.
    let phrases = |ix: &Index| {
        let count = |docs| WordCounts::of_phrases(ix, docs, 2);
        keyness(&count(target), &count(reference), 1, 1.0)
    };
    assert!(!phrases(&full).is_empty());
    assert_eq!(phrases(&lazy), phrases(&full));
    assert!(lazy.wanted().is_empty());
    let colls = |ix: &Index| {
        let prepared = prepare(ix, &Query::parse(ix.analyzer(), "palantir"));
        collocates(ix, &prepared, &all, &WordCounts::of(ix, &all), 5, Measure::LogDice, 1)
    };
    loop {
        // Marks read the positions: fetch until nothing more is wanted.
        let c = colls(&lazy);
        let wanted = lazy.wanted();
        if wanted.is_empty() {
            assert!(c.node > 0 && !c.list.is_empty());
            assert_eq!(c, colls(&full));
            break;
        }
        for part in wanted {
            lazy.insert(part, &files[&lazy.file_name(part).unwrap()]).unwrap();
        }
    }
}
