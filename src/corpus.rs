//! The corpus compiled at build time, decoded once when the app starts.

use quire_engine::{Analyzer, Error, Index};

/// The index blob `build.rs` wrote: the whole corpus, analyzed and encoded.
static BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/corpus.bin"));

/// The corpus, shared with every page as context.
#[derive(Clone, Copy)]
pub struct Corpus(pub &'static Index);

impl Corpus {
    /// Decodes the embedded index. It lives as long as the page.
    pub fn load() -> Result<Corpus, Error> {
        let index = Index::decode_with(BLOB, Analyzer::with_decomposer(crate::browser::nfkd))?;
        Ok(Corpus(Box::leak(Box::new(index))))
    }
}
