//! Damaged index bytes: every change is an error with a message, never a
//! panic, then or later. A one-byte change once decoded and panicked on
//! the first query (inside the fst dictionary, or on a document id from
//! the reuse data); a truncated download must fail the same way.

use quire_engine::ingest::CorpusReader;
use quire_engine::{index_inflate_parts, index_reseal, AnalysisPart, Analyzer, Index, IndexBuilder};

/// A small index with every kind of table: the reuse fixture (reused
/// passages, quotes) and the hostile one (metadata, JSON Lines).
fn blob() -> Vec<u8> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut reader = CorpusReader::new();
    for dir in ["reuse", "hostile"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir)).unwrap().map(|e| e.unwrap().path()).collect();
        paths.sort();
        for path in paths {
            let name = format!("{dir}/{}", path.file_name().unwrap().to_str().unwrap());
            reader.add_file(&name, &std::fs::read(&path).unwrap());
        }
    }
    let mut builder = IndexBuilder::new();
    for doc in reader.finish().documents {
        builder.add(doc).unwrap();
    }
    let index = builder.build();
    assert!(
        !index.analysis(&[AnalysisPart::Reuse]).reuse().is_empty(),
        "the fixture has reused passages"
    );
    index.encode()
}

/// The blob as built (parts deflated), and with every part stored
/// inflated, so that changed bytes reach the parts' decoders and not only
/// the inflater.
fn blobs() -> [Vec<u8>; 2] {
    let built = blob();
    let mut inflated = built.clone();
    index_inflate_parts(&mut inflated);
    assert!(inflated.len() > built.len(), "{} -> {} bytes", built.len(), inflated.len());
    assert!(decode(&inflated).is_ok(), "a part stored inflated is read too");
    [built, inflated]
}

fn decode(bytes: &[u8]) -> Result<Index, quire_engine::Error> {
    Index::decode_with(bytes, Analyzer::new())
}

#[test]
fn a_changed_or_missing_byte_anywhere_is_an_error_with_a_message() {
    for blob in blobs() {
        assert!(decode(&blob).is_ok());
        for at in 0..blob.len() {
            let mut damaged = blob.clone();
            damaged[at] ^= 0x5a;
            let err = decode(&damaged).expect_err("a changed byte is caught");
            assert!(!err.to_string().is_empty());
        }
        for cut in 0..blob.len() {
            let err = decode(&blob[..cut]).expect_err("a truncated blob is caught");
            assert!(
                err.to_string().contains("damaged or incomplete")
                    || err.to_string().contains("magic")
                    || err.to_string().contains("version"),
                "cut at {cut}: {err}"
            );
        }
    }
}

#[test]
fn damage_behind_the_checksum_is_caught_by_the_bounds_checks_or_harmless() {
    // Each byte changed and the checksum written again, as a crafted blob
    // would be: whatever still decodes answers every query and view within
    // the invariants.
    for blob in blobs() {
        let stride = (blob.len() / 400).max(1);
        let (mut refused, mut decoded) = (0, 0);
        for at in (0..blob.len()).step_by(stride) {
            for flip in [0x01u8, 0x80, 0xff] {
                let mut damaged = blob.clone();
                damaged[at] ^= flip;
                index_reseal(&mut damaged);
                match decode(&damaged) {
                    Err(e) => {
                        assert!(!e.to_string().is_empty());
                        refused += 1;
                    }
                    Ok(index) => {
                        decoded += 1;
                        for q in ["palantir contract", "\"data platform\""] {
                            quire_invariants::check_query(&index, q);
                        }
                        quire_invariants::check_corpus_analysis(&index);
                    }
                }
            }
        }
        assert!(refused > 0 && decoded > 0, "refused {refused}, decoded {decoded}");
    }
}
