//! Prints `a,b,score` for every pair of documents in a corpus folder: the
//! cosine of their TF-IDF vectors (see `quire_engine::similar`), ids being
//! the file stems. Run in `crates/engine`:
//!
//! ```sh
//! cargo run --release --example similarity -- DIR > pairs.csv
//! ```
//!
//! Vectors keep every term here (the app keeps the heaviest 64 per
//! document). Problems with the files are reported on stderr.

use std::path::{Path, PathBuf};

use quire_engine::compare::similar::vectors;
use quire_engine::ingest::CorpusReader;
use quire_engine::present::export::pairs_csv;
use quire_engine::{Analyzer, Document};

fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let relative = path.strip_prefix(root).expect("under root").to_string_lossy().replace('\\', "/");
        if path.is_dir() {
            if !relative.rsplit('/').next().unwrap_or("").starts_with('.') {
                walk(root, &path, out)?;
            }
        } else {
            out.push((relative, path));
        }
    }
    Ok(())
}

fn main() {
    let Some(dir) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: cargo run --release --example similarity -- DIR");
        std::process::exit(2);
    };
    let mut files = Vec::new();
    if let Err(e) = walk(&dir, &dir, &mut files) {
        eprintln!("error: cannot read {}: {e}", dir.display());
        std::process::exit(1);
    }
    files.sort();
    let mut reader = CorpusReader::new();
    for (relative, path) in &files {
        match std::fs::read(path) {
            Ok(bytes) => reader.add_file(relative, &bytes),
            Err(e) => eprintln!("error: cannot read {}: {e}", path.display()),
        }
    }
    let report = reader.finish();
    for problem in &report.problems {
        eprintln!("{problem}");
    }
    let docs: Vec<&Document> = report.documents.iter().collect();
    let analyzer = Analyzer::new();
    let v = vectors(&analyzer, &docs, None);
    let pairs = (0..docs.len()).flat_map(|i| (i + 1..docs.len()).map(move |j| (i, j)));
    let csv = pairs_csv(pairs.map(|(i, j)| (docs[i].id.as_str(), docs[j].id.as_str(), v.vectors[i].cosine(&v.vectors[j]))));
    print!("{csv}");
}
