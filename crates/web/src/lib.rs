//! Quire's engine for JavaScript, reading the files `quire-index` writes
//! (a manifest, then parts fetched on demand): `Engine.open(manifest)`;
//! each `search` answers from the parts loaded and lists in `wanted()` the
//! files it lacked; the caller fetches them, `insert`s them (each checked
//! against the hash in its name) and searches again. `new
//! Comparer().compare(a, b)` compares two texts (the comparison benchmark;
//! with the `compare` feature only).
//!
//! ```js
//! import init, { Engine } from './quire_web.js';
//! await init({ module_or_path: 'quire_web_bg.wasm' });
//! const get = async (name) => new Uint8Array(await (await fetch('data/' + name)).arrayBuffer());
//! const engine = Engine.open(await get('manifest.bin'));
//! let out = engine.search('"mailing list"', 10);
//! for (let want = engine.wanted(); want.length; want = engine.wanted()) {
//!   for (const [name, bytes] of await Promise.all(want.map(async (n) => [n, await get(n)]))) engine.insert(name, bytes);
//!   out = engine.search('"mailing list"', 10);
//! }
//! const [count, ...idsAndTitles] = out.split('\0');
//! ```

use std::collections::HashMap;

#[cfg(feature = "compare")]
use quire_engine::ingest::text_document;
use quire_engine::{prepare, top, Analyzer, Index, PartId, Query};
use wasm_bindgen::prelude::*;

/// Unicode NFKD by the platform's `String.prototype.normalize`, as the app
/// does (see `quire_engine::analyze::Decompose`).
fn nfkd(text: &str) -> String {
    js_sys::JsString::from(text).normalize("NFKD").into()
}

fn js_error(e: quire_engine::Error) -> JsError {
    JsError::new(&e.to_string())
}

/// An index opened from its manifest, its parts loaded as they are needed.
#[wasm_bindgen]
pub struct Engine {
    index: Index,
    /// Each part by its file's name.
    by_name: HashMap<String, PartId>,
}

#[wasm_bindgen]
impl Engine {
    /// Opens the index whose manifest (`manifest.bin`) these bytes are.
    pub fn open(manifest: &[u8]) -> Result<Engine, JsError> {
        let index = Index::open(manifest, Analyzer::with_decomposer(nfkd)).map_err(js_error)?;
        let by_name = index.parts().filter_map(|p| Some((index.file_name(p)?, p))).collect();
        Ok(Engine { index, by_name })
    }

    /// The file holding every part of a small index, to fetch first and
    /// give to `insertBundle`; `undefined` when the index is in parts.
    #[wasm_bindgen(getter)]
    pub fn bundle(&self) -> Option<String> {
        self.index.bundle_name()
    }

    #[wasm_bindgen(js_name = insertBundle)]
    pub fn insert_bundle(&mut self, bytes: &[u8]) -> Result<(), JsError> {
        self.index.insert_bundle(bytes).map_err(js_error)
    }

    /// The files the runs since the last call needed and lacked.
    pub fn wanted(&self) -> Vec<String> {
        self.index.wanted().into_iter().filter_map(|p| self.index.file_name(p)).collect()
    }

    /// Adds a fetched file, after checking it against the hash in its name.
    pub fn insert(&mut self, name: &str, bytes: &[u8]) -> Result<(), JsError> {
        let Some(&part) = self.by_name.get(name) else {
            return Err(JsError::new(&format!("{name} is not a file of this index")));
        };
        self.index.insert(part, bytes).map_err(js_error)
    }

    /// Starts a new round of use, then drops the least recently used parts
    /// past `budget` bytes.
    pub fn evict(&mut self, budget: usize) {
        self.index.next_generation();
        self.index.evict(budget);
    }

    /// Bytes of the parts loaded.
    #[wasm_bindgen(getter, js_name = loadedBytes)]
    pub fn loaded_bytes(&self) -> usize {
        self.index.loaded_bytes()
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
    /// ids and titles become spaces. Complete only when `wanted()` is then
    /// empty.
    pub fn search(&self, query: &str, limit: f64) -> String {
        let limit = if limit.is_finite() && limit >= 0.0 {
            limit as usize
        } else {
            usize::MAX
        };
        let prepared = prepare(&self.index, &Query::parse(self.index.analyzer(), query));
        let (count, hits) = top(&self.index, &prepared, limit);
        let docs: Vec<_> = hits.iter().map(|h| h.doc).collect();
        self.index.prefetch_titles(&docs);
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

#[cfg(feature = "compare")]
/// Compares two texts as the app's compare view does (both bodies
/// analysed, shared passages found and aligned in rows), for the
/// comparison benchmark (`scripts/bench-compare.mjs`).
#[wasm_bindgen]
#[cfg(feature = "compare")]
pub struct Comparer {
    analyzer: Analyzer,
}

#[wasm_bindgen]
#[cfg(feature = "compare")]
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

#[cfg(feature = "compare")]
impl Default for Comparer {
    fn default() -> Self {
        Self::new()
    }
}
