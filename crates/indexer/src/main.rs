//! `quire-index CORPUS_DIR OUT_DIR [--index-only]`: compiles a corpus folder
//! and writes `OUT_DIR/index.bin` (searchable: dictionary, postings, titles)
//! and, unless `--index-only`, `OUT_DIR/docs.bin` (the documents), as
//! `Index::encode_split` makes them. Prints `{"build_ms": …, "serialize_ms": …}`.

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let index_only = args.iter().any(|a| a == "--index-only");
    let paths: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let [dir, out] = paths.as_slice() else {
        eprintln!("usage: quire-index CORPUS_DIR OUT_DIR [--index-only]");
        std::process::exit(2);
    };
    let (dir, out) = (PathBuf::from(dir), PathBuf::from(out));
    let compiled = match quire_indexer::compile(&dir, false) {
        Ok(c) => c,
        Err(failure) => {
            eprintln!("{failure}");
            std::process::exit(1);
        }
    };
    for warning in compiled.report.warnings() {
        eprintln!("{warning}");
    }
    for (part, size) in compiled.index.sizes() {
        eprintln!("  {part}: {} KB", size / 1024);
    }
    let started = Instant::now();
    let (index, docs) = compiled.index.encode_split();
    let write = |name: &str, bytes: &[u8]| {
        if let Err(e) = std::fs::create_dir_all(&out).and_then(|_| std::fs::write(out.join(name), bytes)) {
            eprintln!("error: cannot write {}: {e}", out.join(name).display());
            std::process::exit(1);
        }
    };
    write("index.bin", &index);
    if !index_only {
        write("docs.bin", &docs);
    }
    let serialize = started.elapsed();
    eprintln!("{}", quire_indexer::summary(&compiled, &dir, index.len() + docs.len()));
    println!(
        "{{\"build_ms\": {:.1}, \"serialize_ms\": {:.1}}}",
        compiled.elapsed.as_secs_f64() * 1000.0,
        serialize.as_secs_f64() * 1000.0
    );
}
