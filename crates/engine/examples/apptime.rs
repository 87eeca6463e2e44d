use quire_engine::*;
use std::time::Instant;
fn main() {
    let index = Index::decode_split(&std::fs::read("/tmp/qidx/index.bin").unwrap(), Some(&std::fs::read("/tmp/qidx/docs.bin").unwrap()), Analyzer::new()).unwrap();
    let q = std::env::args().nth(1).unwrap_or("linux".into());
    let p = index.prepare(&Query::parse(index.analyzer(), &q));
    let r = index.search(&p, &Request::default());
    let docs: Vec<DocId> = r.hits.iter().take(50).map(|h| h.doc).collect();
    std::hint::black_box(index.result_views(&p, &docs));
    let t = Instant::now();
    for _ in 0..200 { std::hint::black_box(index.result_views(&p, &docs)); }
    println!("{q}: result_views {:?} per call", t.elapsed() / 200);
}
