//! The corpus: the index's files that `quire-index` wrote into `data/`
//! beside the page (see the README's "Output layout"). The app's code is
//! the same for every corpus; no corpus byte is inside the wasm.
//!
//! Loading fetches `data/manifest.bin`, then the bundle of a small index.
//! A larger index is fetched on demand: a view reads the index, the parts
//! it lacked are fetched a few at a time ([`fetch_parts`]), checked
//! against the hash in their names, and the view runs again. A failed or
//! damaged fetch is an error that names the file, shown with a way to try
//! again.

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;

use leptos::prelude::*;
use quire_engine::{Analyzer, Index, PartId, MANIFEST};

/// The folder of the corpus's files, relative to the page.
pub const DATA: &str = "data/";

/// How many files are fetched at once.
const AT_ONCE: usize = 8;

/// How far fetching has come: files fetched of those to fetch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub files: usize,
    pub of: usize,
    pub bytes: usize,
}

impl Progress {
    /// Whether files are still on their way.
    pub fn busy(&self) -> bool {
        self.files < self.of
    }
}

/// Loads the manifest, and the bundle of a small index, with `fetch` (a
/// file's name → its bytes, or a message), reporting progress, and
/// handing each file the index took to `keep` (for offline use). The index
/// lives as long as the page.
pub async fn load<F, Fut>(
    fetch: F,
    keep: impl Fn(&str, &[u8]),
    analyzer: Analyzer,
    mut progress: impl FnMut(Progress),
) -> Result<&'static Index, String>
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = Result<Vec<u8>, String>>,
{
    let manifest = fetch(MANIFEST.to_string()).await?;
    let index = Index::open(&manifest, analyzer).map_err(|e| naming(MANIFEST, e))?;
    keep(MANIFEST, &manifest);
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
        keep(&bundle, &bytes);
        done.files += 1;
        done.bytes += bytes.len();
    }
    progress(done);
    Ok(Box::leak(Box::new(index)))
}

/// Every file of the index: the manifest, the bundle if it has one, and
/// each part's file (once): what an offline copy of this build may hold.
/// (A bundled index also names its parts' own files, which its build did
/// not write: names that match nothing.)
pub fn files_of(index: &Index) -> Vec<String> {
    let mut files: BTreeSet<String> = index.parts().filter_map(|p| index.file_name(p)).collect();
    files.insert(MANIFEST.to_string());
    files.extend(index.bundle_name());
    files.into_iter().collect()
}

/// Fetches the files holding `parts` (parts with the same content share
/// a file: fetched once), a few at a time, and inserts them, reporting
/// each round as (files, bytes) done, and handing each file the index
/// took to `keep`. A file that fails does not stop the others: the error
/// names the first that failed (and how many more).
pub async fn fetch_parts<F, Fut>(
    index: &Index,
    parts: &[PartId],
    fetch: F,
    keep: impl Fn(&str, &[u8]),
    mut progress: impl FnMut(usize, usize),
) -> Result<(), String>
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = Result<Vec<u8>, String>>,
{
    let mut files: BTreeMap<String, Vec<PartId>> = BTreeMap::new();
    for &part in parts {
        if let Some(name) = index.file_name(part) {
            files.entry(name).or_default().push(part);
        }
    }
    let files: Vec<_> = files.into_iter().collect();
    let (mut done, mut bytes_done) = (0, 0);
    let mut errors: Vec<String> = Vec::new();
    for round in files.chunks(AT_ONCE) {
        let fetched = futures::future::join_all(round.iter().map(|(name, _)| fetch(name.clone()))).await;
        for ((name, parts), bytes) in round.iter().zip(fetched) {
            let inserted = bytes.and_then(|bytes| {
                for part in parts {
                    index.insert(*part, &bytes).map_err(|e| naming(name, e))?;
                }
                keep(name, &bytes);
                Ok(bytes.len())
            });
            match inserted {
                Ok(len) => bytes_done += len,
                Err(e) => errors.push(e),
            }
            done += 1;
        }
        progress(done, bytes_done);
    }
    match errors.len() {
        0 => Ok(()),
        1 => Err(errors.remove(0)),
        n => Err(format!("{} (and {} more files)", errors[0], n - 1)),
    }
}

/// The corpus, shared with every page as context: the index, and what
/// is being fetched for it.
#[derive(Clone, Copy)]
pub struct Corpus(pub &'static Index, pub Arrivals);

/// Parts fetched on demand, as signals: views that read the index run
/// again when a round of parts they lacked arrives.
#[derive(Clone, Copy)]
pub struct Arrivals {
    /// Bumped after each round of parts.
    round: RwSignal<u64>,
    /// Whether a read wanted a part since the last `settled` round.
    stale: StoredValue<bool>,
    /// Changes with a round only when a read had wanted a part: what
    /// views track, so that a part a reader asked for (the similarity
    /// vectors behind a button) does not rebuild the page around it.
    settled: Memo<u64>,
    /// Set while a reader's own request is made (not a stale read).
    asking: StoredValue<bool>,
    /// Files on their way (reset when none are).
    pub fetching: RwSignal<Progress>,
    /// The last failure, until "Try again".
    pub failed: RwSignal<Option<String>>,
    /// Parts being fetched, and parts that failed (not asked for again
    /// until "Try again").
    in_flight: StoredValue<BTreeSet<PartId>>,
    refused: StoredValue<BTreeSet<PartId>>,
    scheduled: StoredValue<bool>,
}

impl Arrivals {
    pub fn new() -> Arrivals {
        let round = RwSignal::new(0);
        let stale = StoredValue::new(false);
        let settled = Memo::new(move |last: Option<&u64>| {
            let now = round.get();
            match last {
                None => now,
                Some(&last) if !stale.get_value() => last,
                Some(_) => {
                    stale.set_value(false);
                    now
                }
            }
        });
        Arrivals {
            round,
            stale,
            settled,
            asking: StoredValue::new(false),
            fetching: RwSignal::new(Progress::default()),
            failed: RwSignal::new(None),
            in_flight: StoredValue::new(BTreeSet::new()),
            refused: StoredValue::new(BTreeSet::new()),
            scheduled: StoredValue::new(false),
        }
    }
}

impl Corpus {
    /// Called by a view as it reads the index: it runs again when parts
    /// some read lacked arrive (what it lacked is fetched once it has run).
    pub fn track(&self) {
        self.1.settled.get();
    }

    /// Like [`Corpus::track`], for a view behind a reader's request: it
    /// runs again after every round.
    pub fn track_every_round(&self) {
        self.1.round.get();
    }

    /// Asks for a part ahead of any view reading it (a view behind a
    /// button, say): fetched, then the views tracking every round run
    /// again; the page is not rebuilt for it.
    pub fn fetch(&self, part: PartId) {
        self.1.asking.set_value(true);
        self.0.prefetch(part);
        self.1.asking.set_value(false);
        self.schedule();
    }

    /// The index calls it when a run wants a part it lacks (see `App`):
    /// the views that read it will run again when it has come.
    pub fn wanted(&self) {
        if !self.1.asking.get_value() {
            self.1.stale.set_value(true);
        }
        self.schedule();
    }

    /// Fetches what the index wanted, once the current run has finished.
    fn schedule(&self) {
        let corpus = *self;
        if !self.1.scheduled.get_value() {
            self.1.scheduled.set_value(true);
            leptos::task::spawn_local(async move {
                corpus.1.scheduled.set_value(false);
                corpus.fetch_wanted().await;
            });
        }
    }

    /// Whether what a view just read is provisional: a part it needs is
    /// missing or on its way. A view shows "loading", not "none".
    pub fn waiting(&self) -> bool {
        let refused = |p: &PartId| self.1.refused.with_value(|r| r.contains(p));
        self.0.wanting().iter().any(|p| !refused(p)) || self.1.fetching.with(Progress::busy)
    }

    /// Clears the failure and asks again for what failed.
    pub fn retry(&self) {
        self.1.failed.set(None);
        self.1.refused.update_value(BTreeSet::clear);
        self.1.stale.set_value(true);
        self.1.round.update(|r| *r += 1);
    }

    async fn fetch_wanted(self) {
        let Corpus(index, arrivals) = self;
        let wanted: Vec<PartId> = index
            .wanted()
            .into_iter()
            .filter(|p| !arrivals.in_flight.with_value(|f| f.contains(p)) && !arrivals.refused.with_value(|r| r.contains(p)))
            .collect();
        if wanted.is_empty() {
            return;
        }
        let files: BTreeSet<String> = wanted.iter().filter_map(|&p| index.file_name(p)).collect();
        arrivals.in_flight.update_value(|f| f.extend(&wanted));
        arrivals.fetching.update(|p| p.of += files.len());
        let fetch = crate::browser::corpus_file;
        let mut reported = (0, 0);
        let got = fetch_parts(index, &wanted, fetch, crate::browser::keep, |files, bytes| {
            arrivals.fetching.update(|p| {
                p.files += files - reported.0;
                p.bytes += bytes - reported.1;
            });
            reported = (files, bytes);
        })
        .await;
        arrivals.in_flight.update_value(|f| f.retain(|p| !wanted.contains(p)));
        if let Err(error) = got {
            let failed: Vec<PartId> = wanted.iter().copied().filter(|&p| !index.has(p)).collect();
            arrivals.refused.update_value(|r| r.extend(failed));
            arrivals.failed.set(Some(error));
        }
        if arrivals.in_flight.with_value(BTreeSet::is_empty) {
            arrivals.fetching.set(Progress::default());
        } else {
            arrivals.fetching.update(|p| p.files += files.len() - reported.0);
        }
        arrivals.round.update(|r| *r += 1);
    }
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

    fn load_from(files: &HashMap<String, Vec<u8>>) -> (Result<&'static Index, String>, Vec<Progress>) {
        let mut seen = Vec::new();
        let out = block_on(load(fetcher(files), |_, _| (), Analyzer::new(), |p| seen.push(p)));
        (out, seen)
    }

    fn fetcher(files: &HashMap<String, Vec<u8>>) -> impl Fn(String) -> std::future::Ready<Result<Vec<u8>, String>> + '_ {
        |name: String| std::future::ready(files.get(&name).cloned().ok_or(format!("{name}: HTTP 404")))
    }

    #[test]
    fn a_small_index_loads_whole_from_its_bundle() {
        let files = files(1 << 20);
        let (index, seen) = load_from(&files);
        let index = index.unwrap();
        assert!(index.is_complete());
        assert_eq!(index.len(), 40);
        assert_eq!(index.title(quire_engine::DocId(7)), "Title 7");
        let last = *seen.last().unwrap();
        assert_eq!((last.files, last.of), (2, 2));
        assert_eq!(last.bytes, files.values().map(Vec::len).sum::<usize>());
    }

    #[test]
    fn a_larger_index_loads_its_manifest_then_the_parts_a_reader_wants() {
        let files = files(0);
        let (index, seen) = load_from(&files);
        let index = index.unwrap();
        assert_eq!(
            *seen.last().unwrap(),
            Progress {
                files: 1,
                of: 1,
                bytes: files[MANIFEST].len()
            }
        );
        assert!(!index.is_complete());
        let doc = quire_engine::DocId(7);
        assert_eq!(index.title(doc), "", "not loaded yet");
        assert!(index.waiting());
        let wanted = index.wanted();
        let mut rounds = Vec::new();
        block_on(fetch_parts(index, &wanted, fetcher(&files), |_, _| (), |f, b| rounds.push((f, b)))).unwrap();
        assert_eq!(index.title(doc), "Title 7");
        assert!(!index.waiting() && index.wanted().is_empty());
        assert_eq!(rounds.last().unwrap().0, wanted.len(), "one file for the one titles chunk");
        // Every part, a few files at a time: the whole index.
        let all: Vec<PartId> = index.parts().collect();
        rounds.clear();
        block_on(fetch_parts(index, &all, fetcher(&files), |_, _| (), |f, b| rounds.push((f, b)))).unwrap();
        assert!(index.is_complete());
        assert!(
            rounds.len() > 1 && rounds.windows(2).all(|w| w[1].0 - w[0].0 <= AT_ONCE),
            "{rounds:?}"
        );
    }

    #[test]
    fn the_files_of_an_index_are_the_files_it_was_built_into() {
        for bundle_below in [0, 1 << 20] {
            let files = files(bundle_below);
            let index = load_from(&files).0.unwrap();
            let mut built: Vec<String> = files.keys().cloned().collect();
            built.sort();
            let listed = files_of(index);
            if bundle_below == 0 {
                assert_eq!(listed, built);
            } else {
                // A bundled index lists its bundle and its parts' files,
                // which a bundle-only build did not write.
                assert!(built.iter().all(|f| listed.contains(f)), "{built:?} in {listed:?}");
            }
        }
    }

    #[test]
    fn a_missing_or_damaged_file_is_an_error_naming_it() {
        let mut files = files(0);
        let name = files.keys().find(|n| n.starts_with("docs-")).unwrap().clone();
        files.get_mut(&name).unwrap()[20] ^= 1;
        let index = load_from(&files).0.unwrap();
        let docs: Vec<PartId> = index.parts().filter(|p| matches!(p, PartId::Docs(_))).collect();
        let kept = std::cell::RefCell::new(Vec::new());
        let keep = |name: &str, bytes: &[u8]| kept.borrow_mut().push((name.to_string(), bytes.len()));
        let err = block_on(fetch_parts(index, &docs, fetcher(&files), keep, |_, _| ())).unwrap_err();
        assert!(
            !kept.borrow().is_empty() && kept.borrow().iter().all(|(n, len)| *n != name && files[n].len() == *len),
            "every file but the damaged one is kept, whole: {kept:?}"
        );
        assert!(
            err.starts_with(&name) && err.contains("hash") && err.matches(&name).count() == 1,
            "{err}"
        );
        files.remove(&name);
        let err = block_on(fetch_parts(index, &docs, fetcher(&files), |_, _| (), |_, _| ())).unwrap_err();
        assert_eq!(err, format!("{name}: HTTP 404"));
        files.remove(MANIFEST);
        assert!(load_from(&files).0.err().unwrap().starts_with(MANIFEST));
    }
}
