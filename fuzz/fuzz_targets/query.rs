//! A query typed into the page: parsed, searched in every order, marked, in the concordance in every order and its CSV, explained.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| quire_invariants::fuzz::query(data));
