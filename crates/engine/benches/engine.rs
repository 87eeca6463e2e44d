//! Native benchmarks of the engine (criterion). Not tests: nothing here
//! asserts a time.
//!
//! ```sh
//! cargo bench -p quire-engine                       # the default corpus
//! QUIRE_BENCH_INDEX=/tmp/idx \
//! QUIRE_BENCH_QUERIES=../../../shared/bench/peers/queries/spam.json \
//!   cargo bench -p quire-engine                     # an index made by quire-index (with
//!                                                   # docs.bin beside it, if written), and a query file
//! ```

use std::path::Path;

#[path = "support/textgen.rs"]
mod textgen;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use quire_engine::ingest::CorpusReader;
use quire_engine::{highlights, prepare, result_views, search, top, Analyzer, DocId, Index, IndexBuilder, Query, Request};

fn seed_corpus() -> Vec<quire_engine::Document> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seeds");
    let mut reader = CorpusReader::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    for p in paths {
        reader.add_file(p.file_name().unwrap().to_str().unwrap(), &std::fs::read(&p).unwrap());
    }
    reader.finish().documents
}

fn index() -> Index {
    match std::env::var("QUIRE_BENCH_INDEX") {
        Ok(dir) => {
            // The folder quire-index wrote: the manifest, then every part.
            let dir = Path::new(&dir);
            let read = |name: &str| std::fs::read(dir.join(name)).unwrap();
            let index = Index::open(&read(quire_engine::MANIFEST), Analyzer::new()).unwrap();
            match index.bundle_name() {
                Some(bundle) => index.insert_bundle(&read(&bundle)).unwrap(),
                None => {
                    let parts: Vec<_> = index.parts().collect();
                    for part in parts {
                        let name = index.file_name(part).unwrap();
                        index.insert(part, &read(&name)).unwrap();
                    }
                }
            }
            index
        }
        Err(_) => {
            let mut b = IndexBuilder::new();
            for d in seed_corpus() {
                b.add(d).unwrap();
            }
            b.build()
        }
    }
}

/// `(id, query)` pairs: the peers harness's query file, or a few for the
/// default corpus. Prefix queries get their `*`.
fn queries() -> Vec<(String, String)> {
    let Ok(path) = std::env::var("QUIRE_BENCH_QUERIES") else {
        return [
            "palantir",
            "nhs england",
            "\"data platform\"",
            "contr*",
            "pyhton",
            "palantir NEAR/5 contract",
        ]
        .iter()
        .map(|q| (q.to_string(), q.to_string()))
        .collect();
    };
    let text = std::fs::read_to_string(path).unwrap();
    // A minimal reader for {"id": "...", "kind": "...", "q": "..."} objects.
    let mut out = Vec::new();
    for obj in text.split('{').skip(2) {
        let field = |name: &str| -> Option<String> {
            let start = obj.find(&format!("\"{name}\""))? + name.len() + 2;
            let rest = obj[start..].trim_start().strip_prefix(':')?.trim_start().strip_prefix('"')?;
            let mut value = String::new();
            let mut chars = rest.chars();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => value.push(chars.next()?),
                    '"' => break,
                    c => value.push(c),
                }
            }
            Some(value)
        };
        if let (Some(id), Some(kind), Some(q)) = (field("id"), field("kind"), field("q")) {
            let q = if kind == "prefix" { format!("{q}*") } else { q };
            out.push((id, q));
        }
    }
    out
}

/// Two documents of about `words` words each that share about half their
/// text, one word in 25 changed in the shared half: the comparison target
/// case (two 10,000-word documents). A is the corpus's first bodies of 50
/// words or more, in order; B alternates A's even-numbered bodies (edited)
/// with bodies A does not use. `scripts/bench-compare.mjs` builds the same
/// pair for the browser.
fn long_pair(index: &Index, words: usize) -> (quire_engine::Document, quire_engine::Document) {
    let bodies: Vec<&str> = index
        .docs()
        .map(|(_, d)| d.body.as_str())
        .filter(|b| b.split_whitespace().count() >= 50)
        .collect();
    let count = |parts: &[String]| parts.iter().map(|p| p.split_whitespace().count()).sum::<usize>();
    let mut a: Vec<String> = Vec::new();
    let mut k = 0;
    while count(&a) < words && !bodies.is_empty() {
        a.push(bodies[k % bodies.len()].to_string());
        k += 1;
    }
    let edited = |body: &str| -> String {
        body.split_whitespace()
            .enumerate()
            .map(|(i, w)| if i % 25 == 24 { "changed" } else { w })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut b: Vec<String> = Vec::new();
    let (mut i, mut fresh) = (0, k);
    while count(&b) < words && !bodies.is_empty() {
        if i < k {
            b.push(edited(bodies[i % bodies.len()]));
            i += 2;
        }
        b.push(bodies[fresh % bodies.len()].to_string());
        fresh += 1;
    }
    let doc = |id: &str, parts: &[String]| quire_engine::ingest::text_document(id, "", &parts.join("\n\n"));
    (doc("a", &a), doc("b", &b))
}

fn bench(c: &mut Criterion) {
    let index = index();
    let queries = queries();
    let mut group = c.benchmark_group("top10");
    for (id, q) in &queries {
        group.bench_function(format!("{id} {q}"), |b| {
            b.iter(|| {
                let prepared = prepare(&index, &Query::parse(index.analyzer(), black_box(q)));
                let (count, hits) = top(&index, &prepared, 10);
                black_box((count, hits.iter().map(|h| index.title(h.doc).len()).sum::<usize>()))
            })
        });
    }
    group.finish();
    let mut group = c.benchmark_group("app");
    let (_, q) = &queries[0];
    group.bench_function("search with facets and sort", |b| {
        b.iter(|| {
            let prepared = prepare(&index, &Query::parse(index.analyzer(), black_box(q)));
            black_box(search(&index, &prepared, &Request::default()).hits.len())
        })
    });
    group.bench_function("result views (marks and snippets) of 20 results", |b| {
        let prepared = prepare(&index, &Query::parse(index.analyzer(), q));
        let docs: Vec<DocId> = top(&index, &prepared, 20).1.iter().map(|h| h.doc).collect();
        b.iter(|| black_box(result_views(&index, &prepared, &docs)))
    });
    group.bench_function("every mark of one document", |b| {
        let prepared = prepare(&index, &Query::parse(index.analyzer(), q));
        let docs: Vec<DocId> = top(&index, &prepared, 1).1.iter().map(|h| h.doc).collect();
        b.iter(|| black_box(highlights(&index, &prepared, &docs)))
    });
    if index.len() >= 2 {
        group.bench_function("compare two documents", |b| {
            b.iter(|| black_box(quire_engine::compare(index.analyzer(), index.doc(DocId(0)), index.doc(DocId(1)))))
        });
        let (x, y) = long_pair(&index, 10_000);
        let n = |d: &quire_engine::Document| d.body.split_whitespace().count();
        group.bench_function(format!("compare two long documents ({} and {} words)", n(&x), n(&y)), |b| {
            b.iter(|| black_box(quire_engine::compare(index.analyzer(), &x, &y)))
        });
    }
    group.finish();
    // Size and shape: a digest repeating one paragraph, compared with
    // itself, and prose compared with a revision of it (see textgen.rs).
    // `examples/compare_scale.rs` runs the same at 1 and 5 MB, with peak
    // memory.
    let mut group = c.benchmark_group("compare at scale");
    group.sample_size(10);
    let analyzer = index.analyzer();
    for bytes in [200_000, 1_000_000] {
        let digest = quire_engine::ingest::text_document("a", "", &textgen::repetitive(bytes, textgen::PARAGRAPH));
        group.bench_function(format!("repetitive {} KB with itself", bytes / 1000), |b| {
            b.iter(|| black_box(quire_engine::compare(analyzer, &digest, &digest).passages.len()))
        });
        let text = textgen::prose(bytes, 1);
        let (x, y) = (
            quire_engine::ingest::text_document("a", "", &text),
            quire_engine::ingest::text_document("b", "", &textgen::revise(&text, 2)),
        );
        group.bench_function(format!("prose {} KB with a revision", bytes / 1000), |b| {
            b.iter(|| black_box(quire_engine::compare(analyzer, &x, &y).passages.len()))
        });
    }
    group.finish();
}

/// One file of about 5 MB in each format the build reads with structure
/// (HTML, Word), as prose and as one paragraph repeated: ingest must stay
/// linear in the file's size.
fn ingest(c: &mut Criterion) {
    use quire_engine::ingest::parse_file;
    let mut group = c.benchmark_group("ingest at scale");
    group.sample_size(10);
    for (shape, text) in [
        ("prose", textgen::prose(5_000_000, 3)),
        ("repetitive", textgen::repetitive(5_000_000, textgen::PARAGRAPH)),
    ] {
        let paragraphs: Vec<&str> = text.split("\n\n").filter(|p| !p.is_empty()).collect();
        let html = format!(
            "<html><head><title>Bench</title></head><body><main>{}</main></body></html>",
            paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect::<String>()
        );
        group.bench_function(format!("html 5 MB {shape}"), |b| {
            b.iter(|| black_box(parse_file("a.html", html.as_bytes()).unwrap().documents[0].body.len()))
        });
        let xml = format!(
            "<?xml version=\"1.0\"?><w:document xmlns:w=\"w\"><w:body>{}</w:body></w:document>",
            paragraphs
                .iter()
                .map(|p| format!("<w:p><w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r></w:p>"))
                .collect::<String>()
        );
        let docx = docx_of(&xml);
        group.bench_function(format!("docx 5 MB {shape} ({} KB deflated)", docx.len() / 1000), |b| {
            b.iter(|| black_box(parse_file("a.docx", &docx).unwrap().documents[0].body.len()))
        });
    }
    group.finish();
}

/// Entity tagging of about 5 MB: prose, one paragraph repeated, a news
/// article full of names repeated (a digest), and the same shouted in
/// capitals. Must stay linear in the text's size.
fn entities(c: &mut Criterion) {
    let mut group = c.benchmark_group("entities at scale");
    group.sample_size(10);
    let article = seed_corpus().into_iter().map(|d| d.body).max_by_key(String::len).unwrap();
    let digest = textgen::repetitive(5_000_000, &article);
    for (shape, text) in [
        ("prose", textgen::prose(5_000_000, 3)),
        ("repetitive", textgen::repetitive(5_000_000, textgen::PARAGRAPH)),
        ("news digest", digest.clone()),
        ("news digest in capitals", digest.to_uppercase()),
    ] {
        group.bench_function(format!("5 MB {shape}"), |b| {
            b.iter(|| black_box(quire_engine::text::entity::entities(&text).len()))
        });
    }
    let typical = &article;
    group.bench_function(format!("one article ({} KB)", typical.len() / 1000), |b| {
        b.iter(|| black_box(quire_engine::text::entity::entities(typical).len()))
    });
    group.finish();
}

/// Finding a note's passage again in about 5 MB (prose; one article
/// repeated, a digest) after a line was added at the top: a passage of
/// a sentence, a passage of one common word (every copy a candidate),
/// one lost (its words changed: every step runs, whitespace flattening
/// included), where it was (the text unchanged), and 100 notes of one
/// document found together.
fn notes(c: &mut Criterion) {
    use quire_engine::{Span, TextAnchor};
    let mut group = c.benchmark_group("notes at scale");
    group.sample_size(10);
    let article = seed_corpus().into_iter().map(|d| d.body).max_by_key(String::len).unwrap();
    for (shape, text) in [
        ("prose", textgen::prose(5_000_000, 3)),
        ("news digest", textgen::repetitive(5_000_000, &article)),
    ] {
        // A passage four fifths in: a sentence, and its first word.
        let mut at = text.len() * 4 / 5;
        while !text.is_char_boundary(at) {
            at += 1;
        }
        let sentence_end = text[at..].find('.').map_or(text.len(), |e| at + e + 1);
        let word_end = text[at..].find(' ').map_or(text.len(), |e| at + e);
        let sentence = TextAnchor::of(&text, Span::new(at, sentence_end)).unwrap();
        let word = TextAnchor::of(&text, Span::new(at, word_end)).unwrap();
        let mut lost = sentence.clone();
        lost.exact = format!("{} and then some words no text has", lost.exact);
        let later = format!("A line added at the top.\n{text}");
        for (what, anchor, body) in [
            ("unchanged", &sentence, &text),
            ("a sentence moved", &sentence, &later),
            ("a common word moved", &word, &later),
            ("a sentence lost", &lost, &later),
        ] {
            group.bench_function(format!("5 MB {shape}, {what}"), |b| b.iter(|| black_box(anchor.locate(body))));
        }
        // A document's 100 notes, found together as the reader does, once
        // a line was added at the top.
        let many: Vec<TextAnchor> = (1..=100)
            .filter_map(|k| {
                let mut at = text.len() * k / 101;
                while !text.is_char_boundary(at) {
                    at += 1;
                }
                let end = text[at..].find('.').map_or(text.len(), |e| at + e + 1);
                TextAnchor::of(&text, Span::new(at, end))
            })
            .collect();
        let refs: Vec<&TextAnchor> = many.iter().collect();
        group.bench_function(format!("5 MB {shape}, 100 notes moved"), |b| {
            b.iter(|| black_box(quire_engine::present::note::locate_all(&refs, &later)))
        });
    }
    group.finish();
}

/// Counting words and phrases of about 5 MB (prose; one article repeated,
/// a digest, where few phrases are new), as the keywords view counts a
/// selection. Linear in the text's size.
fn frequencies(c: &mut Criterion) {
    use quire_engine::WordCounts;
    let mut group = c.benchmark_group("word counts at scale");
    group.sample_size(10);
    let article = seed_corpus().into_iter().map(|d| d.body).max_by_key(String::len).unwrap();
    for (shape, text) in [
        ("prose", textgen::prose(5_000_000, 3)),
        ("news digest", textgen::repetitive(5_000_000, &article)),
    ] {
        let mut builder = IndexBuilder::new();
        builder.add(quire_engine::ingest::text_document("big", "", &text)).unwrap();
        let index = builder.build();
        for n in 1..=quire_engine::MAX_PHRASE_WORDS {
            let what = if n == 1 { "words".to_string() } else { format!("{n}-word phrases") };
            group.bench_function(format!("5 MB {shape}, {what}"), |b| {
                b.iter(|| black_box(WordCounts::of_phrases(&index, &[DocId(0)], n).types()))
            });
        }
    }
    group.finish();
}

/// A .docx archive holding `document` as word/document.xml, deflated.
fn docx_of(document: &str) -> Vec<u8> {
    use std::io::Write;
    let mut out = Vec::new();
    let mut archive = rawzip::ZipArchiveWriter::new(&mut out);
    let (mut entry, config) = archive
        .new_file("word/document.xml")
        .compression_method(rawzip::CompressionMethod::DEFLATE)
        .start()
        .unwrap();
    let mut writer = config.wrap(flate2::write::DeflateEncoder::new(&mut entry, flate2::Compression::new(6)));
    writer.write_all(document.as_bytes()).unwrap();
    let (encoder, descriptor) = writer.finish().unwrap();
    encoder.finish().unwrap();
    entry.finish(descriptor).unwrap();
    archive.finish().unwrap();
    out
}

criterion_group! {
    name = formats;
    config = Criterion::default().sample_size(10).warm_up_time(std::time::Duration::from_millis(300)).measurement_time(std::time::Duration::from_secs(2));
    targets = ingest, entities, notes, frequencies
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).warm_up_time(std::time::Duration::from_millis(300)).measurement_time(std::time::Duration::from_millis(800));
    targets = bench
}

fn pieces(c: &mut Criterion) {
    let index = index();
    let q = "linux";
    let mut group = c.benchmark_group("pieces");
    group.bench_function("parse", |b| b.iter(|| black_box(Query::parse(index.analyzer(), black_box(q)))));
    let query = Query::parse(index.analyzer(), q);
    group.bench_function("prepare", |b| b.iter(|| black_box(prepare(&index, black_box(&query)))));
    let prepared = prepare(&index, &query);
    group.bench_function("top10", |b| b.iter(|| black_box(top(&index, black_box(&prepared), 10))));
    group.finish();
}

criterion_group! {
    name = parts;
    config = Criterion::default().sample_size(20).warm_up_time(std::time::Duration::from_millis(300)).measurement_time(std::time::Duration::from_millis(800));
    targets = pieces
}
criterion_main!(benches, parts, formats);
