//! The library kept in the browser and the page's messages to and from its worker (see quire_invariants::fuzz::library).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| quire_invariants::fuzz::library(data));
