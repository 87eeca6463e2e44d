//! Loading the seed articles (tests/fixtures/seeds) for tests.

use quire_engine::ingest::CorpusReader;
use quire_engine::{Index, IndexBuilder};
use std::path::Path;

/// The seed articles (`tests/fixtures/seeds/`), indexed.
pub fn seed_index() -> Index {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seeds");
    let mut reader = CorpusReader::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus folder")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        reader.add_file(&name, &std::fs::read(&path).unwrap());
    }
    let report = reader.finish();
    assert_eq!(report.errors().count(), 0, "{:?}", report.problems);
    let mut builder = IndexBuilder::new();
    for doc in report.documents {
        builder.add(doc).unwrap();
    }
    builder.build()
}
