//! Any bytes, as a notes file imported and as a body with a note on it.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| quire_invariants::fuzz::notes(data));
