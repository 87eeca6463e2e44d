//! The page's indexing worker. The page sends a request (add these
//! files, or remove these) and the files themselves; the worker reads
//! every file of the library with the engine's ingest, as `quire-index`
//! reads a corpus folder, builds the index, and keeps the files and the
//! index in the browser's private storage (see `quire-local`), reporting
//! progress as it goes. The page stops it (terminates it) to cancel: the
//! library is written last, so the previous one stays whole.
//!
//! Everything happens in this thread, away from the page's: a large
//! folder does not freeze the page while it is indexed.

#[cfg(target_arch = "wasm32")]
mod worker;

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}
