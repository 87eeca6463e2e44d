//! Compiles the corpus into the app: the corpus folder (`corpus/`, or the
//! folder named by `CORPUS_DIR`) is read and indexed by `quire-indexer`
//! (which calls the engine), and the encoded index is written to
//! `$OUT_DIR/corpus.bin`, which `src/corpus.rs` embeds.
//!
//! Every problem is printed with its file (and line). Errors fail the build
//! after all of them are listed; warnings (skipped files, dates dropped)
//! do not, unless `QUIRE_STRICT=1`. The build always says how many
//! documents it compiled and skipped.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=CORPUS_DIR");
    println!("cargo:rerun-if-env-changed=QUIRE_STRICT");
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let dir = match std::env::var_os("CORPUS_DIR") {
        Some(d) if !d.is_empty() => manifest.join(d),
        _ => manifest.join("corpus"),
    };
    // A folder: cargo rebuilds when anything inside it changes.
    println!("cargo:rerun-if-changed={}", dir.display());
    let strict = std::env::var("QUIRE_STRICT").is_ok_and(|v| v == "1");
    let compiled = match quire_indexer::compile(&dir, strict) {
        Ok(c) => c,
        Err(failure) => {
            eprintln!("{failure}");
            std::process::exit(1);
        }
    };
    for warning in compiled.report.warnings() {
        println!("cargo:warning={warning}");
    }
    let blob = compiled.index.encode();
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo")).join("corpus.bin");
    if let Err(e) = std::fs::write(&out, &blob) {
        eprintln!("error: cannot write {}: {e}", out.display());
        std::process::exit(1);
    }
    println!("cargo:warning={}", quire_indexer::summary(&compiled, &dir, blob.len()));
}
