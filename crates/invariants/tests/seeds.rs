//! Replays every seed input of the fuzz targets (`fuzz/seeds/<target>/`)
//! through the targets' bodies: the smoke run of the fuzzers in the test
//! suite, on stable Rust.

use quire_invariants::fuzz;

fn replay(target: &str, run: fn(&[u8])) {
    let dir = fuzz::root().join("fuzz/seeds").join(target);
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("an entry").path();
        let bytes = std::fs::read(&path).expect("readable");
        let outcome = std::panic::catch_unwind(|| run(&bytes));
        assert!(outcome.is_ok(), "fuzz target {target} fails on its seed {}", path.display());
        count += 1;
    }
    assert!(count > 0, "no seeds in {}", dir.display());
}

#[test]
fn query_seeds_pass() {
    replay("query", fuzz::query);
}

#[test]
fn decode_seeds_pass() {
    replay("decode", fuzz::decode);
}

#[test]
fn ingest_seeds_pass() {
    replay("ingest", fuzz::ingest);
}

#[test]
fn compare_seeds_pass() {
    replay("compare", fuzz::compare);
}

#[test]
fn library_seeds_pass() {
    replay("library", fuzz::library);
}

#[test]
fn entities_seeds_pass() {
    replay("entities", fuzz::entities);
}

#[test]
fn notes_seeds_pass() {
    replay("notes", fuzz::notes);
}
