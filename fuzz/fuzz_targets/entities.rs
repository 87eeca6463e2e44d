//! Any text, tagged for named entities.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| quire_invariants::fuzz::entities(data));
