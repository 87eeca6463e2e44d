//! One file's bytes as Markdown, plain text, JSON Lines and HTML, and what parses indexed and searched.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| quire_invariants::fuzz::ingest(data));
