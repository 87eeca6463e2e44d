//! Two to four texts (split at NUL bytes) compared.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| quire_invariants::fuzz::compare(data));
