//! The fuzz targets' bodies: raw bytes in, the checks of this crate run
//! on what the engine makes of them. `fuzz/fuzz_targets/*.rs` call these
//! (cargo-fuzz, nightly); `tests/seeds.rs` replays the seed inputs in
//! `fuzz/seeds/` through them on stable.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use quire_engine::ingest::{parse_file, text_document, CorpusReader};
use quire_engine::{Analyzer, Document, Index, IndexBuilder};

use crate::{assert_fits, check_comparison, check_corpus_analysis, check_query_within, Limits};

/// The repository's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The documents of a corpus folder of the repository.
fn folder(relative: &str) -> Vec<Document> {
    let dir = root().join(relative);
    let mut reader = CorpusReader::new();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a folder entry").path())
        .collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().and_then(|n| n.to_str()).expect("a UTF-8 name").to_string();
        reader.add_file(&name, &std::fs::read(&path).expect("readable"));
    }
    reader.finish().documents
}

/// The index the query target searches: the hostile and reuse fixtures
/// and the default corpus (real articles, with no-break spaces).
pub fn fixture_index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut builder = IndexBuilder::new();
        for (prefix, dir) in [
            ("h", "tests/fixtures/hostile"),
            ("r", "tests/fixtures/reuse"),
            ("c", "tests/fixtures/seeds"),
        ] {
            for mut doc in folder(dir) {
                doc.id = format!("{prefix}/{}", doc.id);
                builder.add(doc).expect("unique ids");
            }
        }
        builder.build()
    })
}

/// A small valid encoded index (the hostile and reuse fixtures: every
/// kind of table, reused passages and quotes), for the decode target to
/// damage: as built (parts deflated), or with every part stored inflated
/// (changed bytes then reach the parts' decoders, not only the inflater).
pub fn fixture_blob(inflated: bool) -> &'static [u8] {
    static BLOBS: OnceLock<[Vec<u8>; 2]> = OnceLock::new();
    let blobs = BLOBS.get_or_init(|| {
        let built = fixture_blob_built();
        let mut raw = built.clone();
        quire_engine::index_inflate_parts(&mut raw);
        [built, raw]
    });
    &blobs[usize::from(inflated)]
}

fn fixture_blob_built() -> Vec<u8> {
    let mut builder = IndexBuilder::new();
    for (prefix, dir) in [("h", "tests/fixtures/hostile"), ("r", "tests/fixtures/reuse")] {
        for mut doc in folder(dir) {
            doc.id = format!("{prefix}/{}", doc.id);
            builder.add(doc).expect("unique ids");
        }
    }
    builder.build().encode()
}

/// Bytes as text, lossily.
fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// A query typed into the page: parsed, searched in every order, marked,
/// in the concordance in every order and its CSV, explained.
pub fn query(data: &[u8]) {
    check_query_within(fixture_index(), &text(data), Limits::FUZZ);
}

/// Index bytes: the input as a whole blob, then a valid blob changed by
/// the input (its first bytes choose where; the rest is written there;
/// the first byte says whether the blob is cut there, and whether its
/// parts are stored inflated), both resealed (checksum
/// written again, to reach the checks behind it) and not. Whatever
/// decodes must round-trip and answer queries within the invariants.
pub fn decode(data: &[u8]) {
    decode_and_use(data);
    if data.len() < 5 {
        return;
    }
    let blob = fixture_blob(data[0] & 2 == 2);
    let at = u32::from_le_bytes([data[0], data[1], data[2], data[3]]) as usize % blob.len();
    let patch = &data[4..];
    let mut damaged = blob.to_vec();
    for (i, &b) in patch.iter().enumerate() {
        if let Some(slot) = damaged.get_mut(at + i) {
            *slot ^= b;
        }
    }
    if data[0] & 1 == 1 {
        damaged.truncate(at.max(1));
    }
    decode_and_use(&damaged);
    quire_engine::index_reseal(&mut damaged);
    decode_and_use(&damaged);
}

fn decode_and_use(bytes: &[u8]) {
    let Ok(index) = Index::decode_with(bytes, Analyzer::new()) else {
        return;
    };
    assert_eq!(index.encode(), bytes, "a blob that decodes encodes back to itself");
    for q in ["nhs palantir", "\"data platform\" OR contr*"] {
        check_query_within(&index, q, Limits::FUZZ);
    }
    for (_, doc) in index.docs() {
        for b in &doc.blocks {
            assert_fits(&doc.body, quire_engine::Span::new(b.start, b.end), "a block");
        }
    }
    check_corpus_analysis(&index);
}

/// One file's bytes, as Markdown, plain text and JSON Lines: parsed, and
/// what parses is indexed and checked.
pub fn ingest(data: &[u8]) {
    let mut docs = Vec::new();
    for path in ["f.md", "f.txt", "f.jsonl", "f.html", "f.docx"] {
        match parse_file(path, data) {
            Ok(parsed) => {
                for doc in &parsed.documents {
                    let mut last = 0;
                    for b in &doc.blocks {
                        assert!(b.start >= last, "{path}: blocks out of order");
                        assert_fits(&doc.body, quire_engine::Span::new(b.start, b.end), "a block");
                        last = b.end;
                    }
                }
                docs.extend(parsed.documents);
            }
            Err(e) => assert!(!e.to_string().is_empty(), "{path}: an error without a message"),
        }
    }
    if !docs.is_empty() {
        docs.truncate(8);
        let words: Vec<String> = docs
            .iter()
            .flat_map(|d| d.body.split_whitespace().take(2).map(str::to_string))
            .take(3)
            .collect();
        let mut queries: Vec<&str> = words.iter().map(String::as_str).collect();
        queries.push("");
        crate::check_corpus_within(docs, &queries, Limits::FUZZ);
    }
}

/// Two to four texts (the input split at NUL bytes), compared.
pub fn compare(data: &[u8]) {
    let whole = text(data);
    let parts: Vec<&str> = whole.split('\0').take(4).collect();
    let mut texts: Vec<&str> = parts.clone();
    if texts.len() < 2 {
        // One text: against itself, and against its second half.
        let half = whole.char_indices().nth(whole.chars().count() / 2).map_or(whole.len(), |(i, _)| i);
        texts = vec![&whole, &whole[half..]];
    }
    let docs: Vec<Document> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| text_document(&i.to_string(), "", t))
        .collect();
    let refs: Vec<&Document> = docs.iter().collect();
    let analyzer = Analyzer::new();
    check_comparison(&analyzer, &refs, &quire_engine::compare_many(&analyzer, &refs));
}

/// The library of documents added in the page (kept in the browser's
/// storage, where it may be damaged) and the messages between the page
/// and its worker: any bytes give a value or an error, never a panic, and
/// a value encodes to bytes that decode to it. A valid library is also
/// damaged by the input (a patch at an offset, and cut) and decoded.
pub fn library(data: &[u8]) {
    use quire_local::{Library, Report, Request};
    fn round_trip(bytes: &[u8]) {
        if let Ok(library) = Library::decode(bytes) {
            assert_eq!(Library::decode(&library.encode()).as_ref(), Ok(&library));
            let _ = (library.documents(), library.index_folder());
        }
        if let Ok(request) = Request::decode(bytes) {
            assert_eq!(Request::decode(&request.encode()).as_ref(), Ok(&request));
        }
        if let Ok(report) = Report::decode(bytes) {
            assert_eq!(Report::decode(&report.encode()).as_ref(), Ok(&report));
        }
    }
    round_trip(data);
    let mut library = Library {
        generation: Some(3),
        index_files: vec!["bundle-0123456789abcdef.bin".into()],
        ..Library::default()
    };
    library.add(&[("notes/a\u{a0}b.md".into(), 12), ("שלום 👍🏽.txt".into(), 7)]);
    library.files[1].problems.push("warning: skipped".into());
    let valid = library.encode();
    if data.len() < 2 {
        return;
    }
    let at = usize::from(data[0]) % valid.len();
    let mut damaged = valid.clone();
    for (i, &b) in data[1..].iter().enumerate() {
        if let Some(slot) = damaged.get_mut(at + i) {
            *slot ^= b;
        }
    }
    round_trip(&damaged);
    round_trip(&damaged[..at]);
}

/// Any text, tagged for entities: mentions fit the text, come in order,
/// never overlap, and each has a name.
pub fn entities(data: &[u8]) {
    let text = text(data);
    let mentions = quire_engine::text::entity::entities(&text);
    for m in &mentions {
        assert_fits(&text, m.span, "an entity mention");
        assert!(!m.span.is_empty() && !m.name.trim().is_empty(), "{m:?}");
    }
    for w in mentions.windows(2) {
        assert!(w[0].span.end <= w[1].span.start, "{w:?}");
    }
}

/// A notes file imported: read or refused with a reason, never a panic;
/// what is read writes back to itself, and its Markdown is made. Its
/// bytes as a body too: a passage of it noted is found again, in it and
/// after a line is added before it.
pub fn notes(data: &[u8]) {
    use quire_engine::{Notebook, Span, TextAnchor};
    let text = text(data);
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Ok((book, _problems)) = Notebook::from_json(&text) {
        let again = Notebook::from_json(&book.to_json()).expect("a written notes file reads back");
        assert_eq!(again, (book.clone(), vec![]), "a notes file round-trips");
        let _ = book.to_markdown(|n| n.doc.clone());
        let _ = book.search(&text, &[]);
        for note in &book.notes {
            if let Some(found) = note.anchor.locate(&text) {
                assert_fits(&text, found.span, "a located note");
                assert_eq!(
                    flat(found.span.of(&text)),
                    flat(&note.anchor.exact),
                    "a note is found at its passage"
                );
            }
        }
    }
    // A passage of the bytes' middle third, on char boundaries.
    let third = text.len() / 3;
    let start = (third..=text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len());
    let end = (2 * third..=text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len());
    if let Some(anchor) = TextAnchor::of(&text, Span::new(start, end.max(start))) {
        assert_eq!(
            anchor.locate(&text).map(|l| l.span),
            Some(Span::new(start, end)),
            "found where it was"
        );
        let later = format!("a line added\n{text}");
        let found = anchor.locate(&later);
        if let Some(found) = found {
            assert_fits(&later, found.span, "a moved note");
            // Its text, whitespace aside (a passage ending inside a
            // grapheme, such as `\r` of `\r\n`, is found without it).
            assert_eq!(
                flat(found.span.of(&later)),
                flat(&anchor.exact),
                "a moved note is found at its passage"
            );
        }
        // Its text and context are still there, once: it is found
        // (unless it now starts or ends inside a grapheme).
        let whole = format!("{}{}{}", anchor.prefix, anchor.exact, anchor.suffix);
        let at = start + "a line added\n".len();
        let between = |i: usize| {
            unicode_segmentation::GraphemeCursor::new(i, later.len(), true)
                .is_boundary(&later, 0)
                .unwrap_or(true)
        };
        // Overlapping copies count: `\n\n` is twice in `\n\n\n`.
        let copies = later.char_indices().filter(|(i, _)| later[*i..].starts_with(&whole)).count();
        if copies == 1 && between(at) && between(at + anchor.exact.len()) {
            assert_eq!(
                found.map(|f| f.span),
                Some(Span::new(at, at + anchor.exact.len())),
                "found at its new place"
            );
        }
    }
}
