use std::collections::HashMap;

use js_sys::{Array, Uint8Array};
use quire_engine::ingest::CorpusReader;
use quire_engine::{build_parallel, Analyzer, PackOptions, Stage, MANIFEST};
use quire_local::store::{self, Folder};
use quire_local::{index_folder, Library, Report, Request, LIBRARY, SOURCES};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, File, MessageEvent};

/// Listens for requests, one at a time (the page sends the next after a
/// report that ends one), and says it is ready: a message sent before
/// the listener was set would be lost.
pub fn start() {
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(|event: MessageEvent| {
        wasm_bindgen_futures::spawn_local(async move {
            let started = js_sys::Date::now();
            post(&match handle(event.data()).await {
                Ok(library) => Report::Done {
                    library,
                    millis: (js_sys::Date::now() - started) as u64,
                    memory: memory(),
                },
                Err(message) => Report::Failed(message),
            });
        });
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(&Report::Ready);
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(report: &Report) {
    let _ = scope().post_message(&Uint8Array::from(&report.encode()[..]));
}

/// Parts eight times the size of a published index's: they are read
/// from this machine's storage, not fetched, so a part's size costs
/// little, while each file written costs the storage about 4 ms
/// (SpamAssassin's 6,046 documents: 1,426 files took 6.4 s to save;
/// with these parts, about 180).
fn local_parts() -> PackOptions {
    let published = PackOptions::default();
    PackOptions {
        shard_bytes: published.shard_bytes * 8,
        positions_bytes: published.positions_bytes * 8,
        titles_per_chunk: published.titles_per_chunk * 8,
        docs_bytes: published.docs_bytes * 8,
        ids_bytes: published.ids_bytes * 8,
        bundle_below: published.bundle_below * 8,
    }
}

/// The size of this worker's wasm memory.
fn memory() -> u64 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    memory.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as u64
}

/// A message's request and its files.
fn request(data: JsValue) -> Result<(Request, Vec<File>), String> {
    let bad = || "the page sent a request this worker cannot read (reload the page)".to_string();
    let parts: Array = data.dyn_into().map_err(|_| bad())?;
    let head: Uint8Array = parts.get(0).dyn_into().map_err(|_| bad())?;
    let request = Request::decode(&head.to_vec())?;
    let files = (1..parts.length())
        .map(|i| parts.get(i).dyn_into::<File>().map_err(|_| bad()))
        .collect::<Result<Vec<File>, String>>()?;
    Ok((request, files))
}

async fn read(file: &File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| "it could not be read (was it moved or deleted?)".to_string())?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

async fn handle(data: JsValue) -> Result<Library, String> {
    let (request, files) = request(data)?;
    let (folder, added, removed) = match request {
        Request::Add { folder, paths } => (folder, paths, Vec::new()),
        Request::Remove { folder, paths } => (folder, Vec::new(), paths),
    };
    let name = folder.clone();
    locked(&name, change(folder, added, removed, files)).await
}

/// Runs `work` holding the browser's lock named `name` (Web Locks): two
/// tabs changing one library take turns instead of mixing their writes.
/// Where the browser has no such locks, it just runs.
async fn locked(name: &str, work: impl std::future::Future<Output = Result<Library, String>> + 'static) -> Result<Library, String> {
    use std::cell::RefCell;
    use std::rc::Rc;
    let locks = js_sys::Reflect::get(&js_sys::global(), &"navigator".into())
        .and_then(|n| js_sys::Reflect::get(&n, &"locks".into()))
        .ok()
        .filter(|l| !l.is_undefined());
    let request = locks
        .as_ref()
        .and_then(|l| js_sys::Reflect::get(l, &"request".into()).ok())
        .and_then(|r| r.dyn_into::<js_sys::Function>().ok());
    let (Some(locks), Some(request)) = (locks, request) else {
        return work.await;
    };
    let outcome: Rc<RefCell<Option<Result<Library, String>>>> = Rc::default();
    let slot = outcome.clone();
    // Called once the lock is held; the lock is let go when its promise ends.
    let holder = Closure::once(move |_lock: JsValue| {
        wasm_bindgen_futures::future_to_promise(async move {
            *slot.borrow_mut() = Some(work.await);
            Ok(JsValue::UNDEFINED)
        })
    });
    let held = request
        .call2(&locks, &name.into(), holder.as_ref())
        .map_err(|_| "the library's lock could not be taken".to_string())?;
    JsFuture::from(js_sys::Promise::resolve(&held))
        .await
        .map_err(|_| "the library's lock could not be taken".to_string())?;
    drop(holder);
    outcome
        .take()
        .unwrap_or_else(|| Err("the library's lock was let go before the work ended".into()))
}

/// Adds `added` (the paths of `files`) to the library in `folder`,
/// removes `removed`, and indexes it again.
async fn change(folder: String, added: Vec<String>, removed: Vec<String>, files: Vec<File>) -> Result<Library, String> {
    if added.len() != files.len() {
        return Err("the page sent a request this worker cannot read (reload the page)".into());
    }
    let (mut library, folder) = store::library(&folder, true).await?;
    let folder = folder.ok_or("the browser's private storage cannot be opened")?;
    let sources = folder
        .folder(SOURCES, true)
        .await?
        .ok_or("the browser's private storage cannot be opened")?;
    let sizes: Vec<(String, u64)> = added.iter().zip(&files).map(|(p, f)| (p.clone(), f.size() as u64)).collect();
    // What a change stopped half-way (or another tab's) left behind.
    sweep(&folder, &sources, &library).await;
    let (numbers, _) = library.add(&sizes);
    library.remove(&removed);
    let fresh: HashMap<u64, &File> = numbers.into_iter().zip(files.iter()).collect();

    // Every file of the library, read and parsed in path order, as the
    // build reads a folder; a file that cannot be read is listed with
    // its problem, the others go on.
    let mut reader = CorpusReader::new();
    let of = library.files.len() as u32;
    let mut found = Vec::with_capacity(library.files.len());
    for (i, entry) in library.files.iter().enumerate() {
        let name = entry.source.to_string();
        let bytes = match fresh.get(&entry.source) {
            Some(file) => match read(file).await {
                Ok(bytes) => {
                    sources.write(&name, &bytes).await?;
                    Ok(bytes)
                }
                Err(e) => Err(e),
            },
            None => sources.read(&name).await?.ok_or_else(|| {
                "no copy of it is kept in this browser (it could not be read when added, or the browser cleared it); remove it, and add it again".to_string()
            }),
        };
        let before = reader.len();
        let problem = match bytes {
            Ok(bytes) => {
                reader.add_file(&entry.path, &bytes);
                None
            }
            Err(e) => Some(e),
        };
        found.push((reader.len() - before, problem));
        post(&Report::Reading {
            files: i as u32 + 1,
            of,
            documents: reader.len() as u32,
        });
    }
    let mut report = reader.finish();
    for (entry, (documents, problem)) in library.files.iter_mut().zip(found) {
        entry.documents = documents as u32;
        entry.problems = report
            .problems
            .iter()
            .filter(|p| p.path == entry.path)
            .map(|p| p.to_string())
            .chain(problem.map(|p| format!("error: {}: {p}", entry.path)))
            .collect();
    }

    let previous = library.generation;
    let documents = std::mem::take(&mut report.documents);
    library.generation = if documents.is_empty() {
        library.index_files.clear();
        None
    } else {
        let of = documents.len() as u32;
        post(&Report::Indexing { documents: 0, of });
        let analyzer = Analyzer::with_decomposer(quire_local::nfkd);
        let pack = build_parallel(&analyzer, documents, 1, true, local_parts(), &|stage, done, _| {
            if stage == Stage::Analyzing {
                post(&Report::Indexing {
                    documents: done as u32,
                    of,
                })
            }
        })
        .map_err(|e| format!("the documents could not be indexed ({e})"))?;
        let next = previous.map_or(0, |g| g + 1);
        let name = index_folder(next);
        // Left by an indexing stopped half-way (if the sweep could not).
        folder.remove(&name).await?;
        let out: Folder = folder.folder(&name, true).await?.ok_or("the index's folder cannot be made")?;
        let of = pack.files.len() as u32 + 1;
        for (i, (file, bytes)) in pack.files.iter().enumerate() {
            out.write(file, bytes).await?;
            post(&Report::Writing { files: i as u32 + 1, of });
        }
        out.write(MANIFEST, &pack.manifest).await?;
        library.index_files = pack.files.iter().map(|(name, _)| name.clone()).collect();
        Some(next)
    };
    // The library last: until it is written, the previous one stands.
    folder.write(LIBRARY, &library.encode()).await?;
    post(&Report::Saved);
    sweep(&folder, &sources, &library).await;
    Ok(library)
}

/// Removes what `library` does not name: index folders but its own, and
/// the copies of files it no longer holds. A failure here loses nothing
/// (it is tried again by the next change).
async fn sweep(folder: &Folder, sources: &Folder, library: &Library) {
    let current = library.index_folder();
    for name in folder.names().await.unwrap_or_default() {
        if name.starts_with("index-") && Some(&name) != current.as_ref() {
            let _ = folder.remove(&name).await;
        }
    }
    let kept: std::collections::HashSet<String> = library.files.iter().map(|e| e.source.to_string()).collect();
    for name in sources.names().await.unwrap_or_default() {
        if !kept.contains(&name) {
            let _ = sources.remove(&name).await;
        }
    }
}
