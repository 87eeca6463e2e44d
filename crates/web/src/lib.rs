//! Quire's engine for JavaScript: `new Engine(indexBytes)`, then
//! `search(&engine, query, limit)`; `new Comparer().compare(a, b)` compares two
//! texts (the comparison benchmark).
//!
//! ```js
//! import init, { Engine } from './quire_web.js';
//! await init({ module_or_path: 'quire_web_bg.wasm' });
//! const engine = new Engine(new Uint8Array(await (await fetch('index.bin')).arrayBuffer()));
//! const [count, ...idsAndTitles] = search(&engine, '"mailing list"', 10).split('\0');
//! ```

use quire_engine::ingest::text_document;
use quire_engine::{prepare, top, Analyzer, Index, Query};
use wasm_bindgen::prelude::*;

/// Unicode NFKD by the platform's `String.prototype.normalize`, as the app
/// does (see `quire_engine::analyze::Decompose`).
fn nfkd(text: &str) -> String {
    js_sys::JsString::from(text).normalize("NFKD").into()
}

/// A loaded index.
#[wasm_bindgen]
pub struct Engine {
    index: Index,
}

#[wasm_bindgen]
impl Engine {
    /// Loads an index made by `quire-index` (its `index.bin`; documents are
    /// not needed to search).
    #[wasm_bindgen(constructor)]
    pub fn new(index: &[u8]) -> Result<Engine, JsError> {
        let index = Index::decode_split(index, None, Analyzer::with_decomposer(nfkd)).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(Engine { index })
    }

    /// The number of documents.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.index.len()
    }

    /// Runs `query` (Quire's query language) and returns, in one string
    /// separated by NUL characters (one crossing into JavaScript instead of
    /// one per value): the number of matches, then the id and title of
    /// each of the best `limit` (any number; `Infinity` for all). NULs in
    /// ids and titles become spaces.
    pub fn search(&self, query: &str, limit: f64) -> String {
        let limit = if limit.is_finite() && limit >= 0.0 {
            limit as usize
        } else {
            usize::MAX
        };
        let prepared = prepare(&self.index, &Query::parse(self.index.analyzer(), query));
        let (count, hits) = top(&self.index, &prepared, limit);
        let mut out = count.to_string();
        for hit in &hits {
            for text in [self.index.id(hit.doc), self.index.title(hit.doc)] {
                out.push('\0');
                out.extend(text.chars().map(|c| if c == '\0' { ' ' } else { c }));
            }
        }
        out
    }

    /// Words the query corrected, as `typed → corrected` lines.
    pub fn corrections(&self, query: &str) -> String {
        let prepared = prepare(&self.index, &Query::parse(self.index.analyzer(), query));
        prepared
            .corrections
            .iter()
            .map(|c| format!("{} → {}", c.typed, c.corrected))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Compares two texts as the app's compare view does (both bodies
/// analysed, shared passages found and aligned in rows), for the
/// comparison benchmark (`scripts/bench-compare.mjs`).
#[wasm_bindgen]
pub struct Comparer {
    analyzer: Analyzer,
}

#[wasm_bindgen]
impl Comparer {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Comparer {
        Comparer {
            analyzer: Analyzer::with_decomposer(nfkd),
        }
    }

    /// Compares plain-text bodies `a` and `b` (paragraphs separated by blank
    /// lines) and returns `passages near rows similarity`, space-separated.
    pub fn compare(&self, a: &str, b: &str) -> String {
        let (a, b) = (text_document("a", "", a), text_document("b", "", b));
        let c = quire_engine::compare(&self.analyzer, &a, &b);
        let near = c.passages.iter().filter(|p| p.near).count();
        format!("{} {} {} {:.4}", c.passages.len(), near, c.rows.len(), c.similarity)
    }
}

impl Default for Comparer {
    fn default() -> Self {
        Self::new()
    }
}
