//! Index bytes: raw, and a valid index damaged and cut (see quire_invariants::fuzz::decode).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| quire_invariants::fuzz::decode(data));
