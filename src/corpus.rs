//! The corpus: the index's files that `quire-index` wrote into `data/`
//! beside the page (see the README's "Output layout"). The app's code is
//! the same for every corpus; no corpus byte is inside the wasm.
//!
//! Loading fetches `data/manifest.bin`, then the bundle of a small index or
//! every part of a larger one, a few at a time, checking each file against
//! the hash in its name before use. A failed or damaged fetch is an error
//! that names the file, shown with a way to try again.

use std::collections::BTreeMap;
use std::future::Future;

use quire_engine::{Analyzer, Index, PartId, MANIFEST};

/// The folder of the corpus's files, relative to the page.
pub const DATA: &str = "data/";

/// How many files are fetched at once.
const AT_ONCE: usize = 8;

/// The corpus, shared with every page as context.
#[derive(Clone, Copy)]
pub struct Corpus(pub &'static Index);

/// How far loading has come: files fetched of those to fetch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub files: usize,
    pub of: usize,
    pub bytes: usize,
}

/// Loads the corpus with `fetch` (a file's name → its bytes, or a message),
/// reporting progress after each round of fetches. It lives as long as the
/// page.
pub async fn load<F, Fut>(fetch: F, analyzer: Analyzer, mut progress: impl FnMut(Progress)) -> Result<Corpus, String>
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = Result<Vec<u8>, String>>,
{
    let manifest = fetch(MANIFEST.to_string()).await?;
    let mut index = Index::open(&manifest, analyzer).map_err(|e| naming(MANIFEST, e))?;
    let mut done = Progress {
        files: 1,
        of: 1,
        bytes: manifest.len(),
    };
    if let Some(bundle) = index.bundle_name() {
        done.of += 1;
        progress(done);
        let bytes = fetch(bundle.clone()).await?;
        index.insert_bundle(&bytes).map_err(|e| naming(&bundle, e))?;
        done.files += 1;
        done.bytes += bytes.len();
    } else {
        // Parts with the same content share a file: fetched once.
        let mut files: BTreeMap<String, Vec<PartId>> = BTreeMap::new();
        for part in index.parts().collect::<Vec<_>>() {
            if let Some(name) = index.file_name(part) {
                files.entry(name).or_default().push(part);
            }
        }
        let files: Vec<_> = files.into_iter().collect();
        done.of += files.len();
        progress(done);
        for round in files.chunks(AT_ONCE) {
            let fetched = join_all(round.iter().map(|(name, _)| fetch(name.clone()))).await;
            for ((name, parts), bytes) in round.iter().zip(fetched) {
                let bytes = bytes?;
                for part in parts {
                    index.insert(*part, &bytes).map_err(|e| naming(name, e))?;
                }
                done.files += 1;
                done.bytes += bytes.len();
            }
            progress(done);
        }
    }
    progress(done);
    Ok(Corpus(Box::leak(Box::new(index))))
}

/// An engine's error about a file, its message naming the file once.
fn naming(name: &str, e: quire_engine::Error) -> String {
    let message = e.to_string();
    if message.contains(name) {
        message
    } else {
        format!("{name}: {message}")
    }
}

/// Runs futures together and returns their outputs in order.
async fn join_all<T, Fut: Future<Output = T>>(futures: impl Iterator<Item = Fut>) -> Vec<T> {
    use std::pin::Pin;
    use std::task::{Context, Poll};
    let mut pending: Vec<Pin<Box<Fut>>> = futures.map(Box::pin).collect();
    let mut out: Vec<Option<T>> = pending.iter().map(|_| None).collect();
    std::future::poll_fn(|cx: &mut Context<'_>| {
        let mut all = true;
        for (slot, fut) in out.iter_mut().zip(pending.iter_mut()) {
            if slot.is_none() {
                match fut.as_mut().poll(cx) {
                    Poll::Ready(v) => *slot = Some(v),
                    Poll::Pending => all = false,
                }
            }
        }
        if all {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await;
    out.into_iter().map(|v| v.expect("every future finished")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use quire_engine::ingest::text_document;
    use quire_engine::{IndexBuilder, PackOptions};
    use std::collections::HashMap;

    fn block_on<T>(fut: impl Future<Output = T>) -> T {
        use std::task::{Context, Poll, Waker};
        let mut fut = std::pin::pin!(fut);
        let mut cx = Context::from_waker(Waker::noop());
        loop {
            if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
                return v;
            }
        }
    }

    fn files(bundle_below: usize) -> HashMap<String, Vec<u8>> {
        let mut b = IndexBuilder::new().with_pack_options(PackOptions {
            shard_bytes: 64,
            docs_bytes: 64,
            bundle_below,
            ..PackOptions::default()
        });
        for i in 0..40 {
            b.add(text_document(
                &format!("d{i}"),
                &format!("Title {i}"),
                &format!("word{i} shared text {i}"),
            ))
            .unwrap();
        }
        let pack = b.build().pack();
        let mut out: HashMap<String, Vec<u8>> = pack.files.into_iter().collect();
        out.insert(MANIFEST.to_string(), pack.manifest);
        out
    }

    fn load_from(files: &HashMap<String, Vec<u8>>) -> (Result<Corpus, String>, Vec<Progress>) {
        let mut seen = Vec::new();
        let fetch = |name: String| {
            let got = files.get(&name).cloned().ok_or(format!("{name}: HTTP 404"));
            async move { got }
        };
        let out = block_on(load(fetch, Analyzer::new(), |p| seen.push(p)));
        (out, seen)
    }

    #[test]
    fn loads_a_bundle_or_every_part_and_counts_them() {
        for bundle_below in [0, 1 << 20] {
            let files = files(bundle_below);
            let (corpus, seen) = load_from(&files);
            let index = corpus.unwrap().0;
            assert!(index.is_complete());
            assert_eq!(index.len(), 40);
            assert_eq!(index.title(quire_engine::DocId(7)), "Title 7");
            let last = *seen.last().unwrap();
            assert_eq!((last.files, last.of), (files.len(), files.len()), "bundle below {bundle_below}");
            assert_eq!(last.bytes, files.values().map(Vec::len).sum::<usize>());
        }
    }

    #[test]
    fn a_missing_or_damaged_file_is_an_error_naming_it() {
        let mut files = files(0);
        let name = files.keys().find(|n| n.starts_with("docs-")).unwrap().clone();
        files.get_mut(&name).unwrap()[20] ^= 1;
        let err = load_from(&files).0.err().unwrap();
        assert!(
            err.starts_with(&name) && err.contains("hash") && err.matches(&name).count() == 1,
            "{err}"
        );
        files.remove(&name);
        assert_eq!(load_from(&files).0.err().unwrap(), format!("{name}: HTTP 404"));
        files.remove(MANIFEST);
        assert!(load_from(&files).0.err().unwrap().starts_with(MANIFEST));
    }
}
