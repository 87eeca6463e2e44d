//! Compiles the corpus into the app: walks the corpus folder (`corpus/`, or
//! the folder named by `CORPUS_DIR`), has the engine read, check and index
//! every file, and writes the encoded index to `$OUT_DIR/corpus.bin`, which
//! `src/corpus.rs` embeds.
//!
//! Every problem is printed with its file (and line). Errors fail the build
//! after all of them are listed; warnings (skipped files, dates dropped)
//! do not, unless `QUIRE_STRICT=1`. The build always says how many
//! documents it compiled and skipped.

use std::path::{Path, PathBuf};
use std::time::Instant;

use quire_engine::ingest::CorpusReader;
use quire_engine::IndexBuilder;

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
    let started = Instant::now();

    if !dir.is_dir() {
        fail(&format!(
            "the corpus folder {} does not exist (set CORPUS_DIR to a folder of documents)",
            dir.display()
        ));
    }
    let mut files = Vec::new();
    if let Err(e) = walk(&dir, &dir, &mut files) {
        fail(&format!("cannot read the corpus folder {}: {e}", dir.display()));
    }
    files.sort();

    let mut reader = CorpusReader::new();
    for (relative, path) in &files {
        match std::fs::read(path) {
            Ok(bytes) => reader.add_file(relative, &bytes),
            Err(e) => fail(&format!("cannot read {}: {e}", path.display())),
        }
    }
    let report = reader.finish();
    for warning in report.warnings() {
        println!("cargo:warning={warning}");
    }
    let errors: Vec<String> = report.errors().map(ToString::to_string).collect();
    let warnings = report.warnings().count();
    if !errors.is_empty() || (strict && warnings > 0) {
        for error in &errors {
            eprintln!("{error}");
        }
        let why = if errors.is_empty() {
            format!("{warnings} warning(s) and QUIRE_STRICT=1")
        } else {
            format!("{} error(s)", errors.len())
        };
        fail(&format!("the corpus in {} has {why}; fix the files listed above", dir.display()));
    }
    if report.documents.is_empty() {
        fail(&format!("the corpus folder {} holds no documents", dir.display()));
    }

    let mut builder = IndexBuilder::new();
    for doc in report.documents {
        if let Err(e) = builder.add(doc) {
            fail(&e.to_string());
        }
    }
    let compiled = builder.len();
    let blob = builder.build().encode();
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo")).join("corpus.bin");
    if let Err(e) = std::fs::write(&out, &blob) {
        fail(&format!("cannot write {}: {e}", out.display()));
    }
    println!(
        "cargo:warning=Quire: compiled {compiled} document(s) from {} in {:.1} s; skipped {} with warnings; ignored {} non-document file(s); index {} KB",
        dir.display(),
        started.elapsed().as_secs_f32(),
        report.skipped,
        report.ignored,
        blob.len() / 1024,
    );
}

/// Every file under `dir`, with its path relative to `root` using `/`.
fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let relative = path
            .strip_prefix(root)
            .expect("under root")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        if entry.file_type()?.is_dir() {
            // Hidden folders (.git…) hold no documents.
            if !relative.rsplit('/').next().unwrap_or("").starts_with('.') {
                walk(root, &path, out)?;
            }
        } else {
            out.push((relative, path));
        }
    }
    Ok(())
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1);
}
