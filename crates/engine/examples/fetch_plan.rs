//! What each query fetches from an index folder written by `quire-index`,
//! per kind of file, as the browser would (manifest first, then the parts
//! each run wants), with the bytes gzip would send. For choosing part sizes:
//!
//! ```sh
//! cargo run --release -p quire-engine --example fetch_plan -- DIR 'linux' '"mailing list"' pyhton
//! ```

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use quire_engine::{prepare, top, Analyzer, Index, Query, MANIFEST};

fn gz(bytes: &[u8]) -> usize {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes).expect("in memory");
    e.finish().expect("in memory").len()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: fetch_plan DIR QUERY...");
    let dir = Path::new(&dir);
    let read = |name: &str| std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let manifest = read(MANIFEST);
    let index = Index::open(&manifest, Analyzer::new()).expect("a manifest");
    println!("manifest: {} B, {} B gz", manifest.len(), gz(&manifest));
    if let Some(bundle) = index.bundle_name() {
        println!("one bundle: {} B", read(&bundle).len());
        return;
    }
    let mut total = (0usize, 0usize);
    for q in args {
        let mut kinds: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
        let (count, _) = index
            .complete(
                |index| {
                    let prepared = prepare(index, &Query::parse(index.analyzer(), &q));
                    let (count, hits) = top(index, &prepared, 10);
                    for h in &hits {
                        index.title(h.doc);
                    }
                    (count, hits.len())
                },
                |part, name| {
                    if std::env::var_os("FETCH_PLAN_PARTS").is_some() {
                        eprintln!("  {part:?}");
                    }
                    let bytes = read(name);
                    let k = kinds.entry(part.kind()).or_default();
                    k.0 += 1;
                    k.1 += bytes.len();
                    k.2 += gz(&bytes);
                    Ok(bytes)
                },
            )
            .expect("parts that load");
        let (raw, zipped) = kinds.values().fold((0, 0), |a, k| (a.0 + k.1, a.1 + k.2));
        total = (total.0 + raw, total.1 + zipped);
        let detail: Vec<String> = kinds.iter().map(|(k, v)| format!("{k} {}×{} KB", v.0, v.2 / 1024)).collect();
        println!("{q:>32}: {count:>6} docs, +{:>5} KB gz ({})", zipped / 1024, detail.join(", "));
    }
    println!(
        "all queries: {} KB raw, {} KB gz (plus the manifest)",
        total.0 / 1024,
        total.1 / 1024
    );
}
