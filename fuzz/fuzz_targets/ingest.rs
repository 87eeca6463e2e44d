//! One file's bytes as Markdown, plain text, JSON Lines, HTML and Word (.docx), and what parses indexed and searched.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| quire_invariants::fuzz::ingest(data));
