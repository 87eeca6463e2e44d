//! "Your documents", the browser's side: the indexing worker started and
//! spoken to, files picked or dropped (whole folders too), the library
//! and its index read from the browser's private storage, and the export
//! as one HTML file. The library itself is `quire_local`; the panel that
//! shows it is `pages::library_page`.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Promise, Reflect, Uint8Array};
use quire_local::store::{self, Folder};
use quire_local::{Library, Report, Request};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, FileSystemDirectoryEntry, FileSystemEntry, FileSystemFileEntry, MessageEvent, Worker};

/// The worker's loader (Trunk's `data-loader-shim` for the `quire-worker`
/// bin, see index.html); `public/boot.js`'s Trusted Types policy lets it
/// through.
const WORKER: &str = "quire-worker_loader.js";

/// A file to add: where it was in what the user picked, and the file.
pub struct Picked {
    pub path: String,
    pub file: File,
}

/// Whether this page can take documents: served (a page opened from
/// disk has no private storage and may start no worker), not the single
/// file, in a browser with workers.
pub fn available() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let served = window.location().protocol().is_ok_and(|p| p == "http:" || p == "https:");
    served && !super::single_file() && Reflect::has(&window, &"Worker".into()).unwrap_or(false)
}

/// This page's folder in the private storage.
pub fn folder_name() -> String {
    let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
    quire_local::folder_of(&path)
}

thread_local! {
    /// Whether the page shows your documents, and the folder of their
    /// index with its generation (none if it is missing).
    static SOURCE: RefCell<Option<(Option<Folder>, Option<u64>)>> = const { RefCell::new(None) };
}

/// Whether corpus files are read from your documents' index (and never
/// fetched from the page's `data/`).
pub fn reading() -> bool {
    SOURCE.with(|s| s.borrow().is_some())
}

/// The library kept for this page (empty if none), and from now on the
/// corpus files come from its index. An index the library names but the
/// storage lacks is an error.
pub async fn open() -> Result<Library, String> {
    SOURCE.with(|s| *s.borrow_mut() = Some((None, None)));
    // An index removed as it is opened was replaced (another tab's
    // change): the library is read again, a few times at most.
    let mut tries = 3;
    loop {
        let (library, folder) = store::library(&folder_name(), false).await?;
        let index = match (folder, library.index_folder()) {
            (Some(folder), Some(name)) => match folder.folder(&name, false).await? {
                Some(index) => Some(index),
                None if tries > 0 => {
                    tries -= 1;
                    continue;
                }
                None => return Err("your documents' index is missing from this browser's storage (it may have been cleared)".into()),
            },
            (None, Some(_)) => return Err("your documents' folder is missing from this browser's storage".into()),
            _ => None,
        };
        SOURCE.with(|s| *s.borrow_mut() = Some((index, library.generation)));
        return Ok(library);
    }
}

/// Removes everything kept for this page (files, index, library): the
/// way out of a library that cannot be read.
pub async fn forget() -> Result<(), String> {
    Folder::root().await?.remove(&folder_name()).await
}

/// Corpus file `name` from your documents' index. If it is missing
/// because the library changed since (another tab added or removed
/// files), the page is loaded again with the new one.
pub async fn corpus_file(name: &str) -> Result<Vec<u8>, String> {
    let (folder, generation) = SOURCE.with(|s| s.borrow().clone()).unwrap_or_default();
    let folder = folder.ok_or_else(|| format!("{name}: your documents have no index"))?;
    let failed = match folder.read(name).await {
        Ok(Some(bytes)) => return Ok(bytes),
        Ok(None) => {
            format!("{name}: missing from your documents' index in this browser (its storage may have been cleared); add the files again")
        }
        Err(e) => e,
    };
    if let Ok((library, _)) = store::library(&folder_name(), false).await {
        if library.generation != generation {
            super::reload();
        }
    }
    Err(failed)
}

/// A sentence a page keeps for the next (`sessionStorage`): what an
/// indexing did, shown after the page is loaded again with its result.
const OUTCOME: &str = "quire-yours-outcome";

/// Keeps `outcome` for the next page load of this tab.
pub fn remember(outcome: &[u64; 3]) {
    if let Some(storage) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) {
        let text = outcome.map(|n| n.to_string()).join(" ");
        let _ = storage.set_item(OUTCOME, &text);
    }
}

/// What the previous page load of this tab kept, once.
pub fn recall() -> Option<[u64; 3]> {
    let storage = web_sys::window()?.session_storage().ok().flatten()?;
    let text = storage.get_item(OUTCOME).ok().flatten()?;
    let _ = storage.remove_item(OUTCOME);
    let numbers: Vec<u64> = text.split(' ').filter_map(|n| n.parse().ok()).collect();
    numbers.try_into().ok()
}

/// An indexing under way: the worker, until it reports how it ended.
/// Dropping it (or [`Indexing::cancel`]) stops the worker.
pub struct Indexing {
    worker: Worker,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::Event)>,
    no_start: Option<leptos::prelude::TimeoutHandle>,
}

/// How long the worker may take to start (fetch and compile its wasm)
/// before it is given up: a worker whose wasm cannot be loaded says
/// nothing to the page.
const START: std::time::Duration = std::time::Duration::from_secs(30);

impl Indexing {
    /// Starts a worker for `request` (with `files`, for an addition),
    /// handing every report to `on_report`; the worker stops after the
    /// last (done or failed). Exactly one of those ends it, whatever
    /// happens: the worker fails to load, stops on a fault, or never
    /// says it is ready.
    pub fn start(request: Request, files: Vec<File>, on_report: impl Fn(Report) + 'static) -> Result<Indexing, String> {
        let worker = Worker::new(WORKER).map_err(|e| format!("the indexing worker could not be started ({})", store::why(&e)))?;
        let started = Rc::new(std::cell::Cell::new(false));
        let ended = Rc::new(std::cell::Cell::new(false));
        let on_report = Rc::new(on_report);
        let end: Rc<dyn Fn(Report)> = {
            let (worker, ended, on_report) = (worker.clone(), ended.clone(), on_report.clone());
            Rc::new(move |report: Report| {
                if !ended.replace(true) {
                    worker.terminate();
                    on_report(report);
                }
            })
        };
        let message = {
            let (worker, end, started) = (worker.clone(), end.clone(), started.clone());
            let (ended, on_report) = (ended.clone(), on_report.clone());
            let request = RefCell::new(Some((request, files)));
            Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
                let bytes = event.data().dyn_into::<Uint8Array>().map(|a| a.to_vec()).unwrap_or_default();
                match Report::decode(&bytes).unwrap_or_else(Report::Failed) {
                    Report::Ready => {
                        started.set(true);
                        if let Some((request, files)) = request.borrow_mut().take() {
                            let message = Array::of1(&Uint8Array::from(&request.encode()[..]));
                            for file in files {
                                message.push(&file);
                            }
                            if let Err(e) = worker.post_message(&message) {
                                end(Report::Failed(format!(
                                    "the files could not be handed to the worker ({})",
                                    store::why(&e)
                                )));
                            }
                        }
                    }
                    report @ (Report::Done { .. } | Report::Failed(_)) => end(report),
                    progress => {
                        if !ended.get() {
                            on_report(progress)
                        }
                    }
                }
            })
        };
        // A script that cannot be loaded fires a plain event; a fault in
        // the worker, an error event with a message.
        let error = {
            let end = end.clone();
            Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
                event.prevent_default();
                let why = Reflect::get(&event, &"message".into())
                    .ok()
                    .and_then(|m| m.as_string())
                    .filter(|m| !m.is_empty())
                    .unwrap_or_else(|| "its script could not be loaded".into());
                end(Report::Failed(format!("the indexing worker stopped ({why}); nothing was changed")));
            })
        };
        worker.set_onmessage(Some(message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(error.as_ref().unchecked_ref()));
        let no_start = leptos::prelude::set_timeout_with_handle(
            move || {
                if !started.get() {
                    end(Report::Failed(format!(
                        "the indexing worker did not start within {} s; nothing was changed",
                        START.as_secs()
                    )));
                }
            },
            START,
        )
        .ok();
        Ok(Indexing {
            worker,
            _on_message: message,
            _on_error: error,
            no_start,
        })
    }

    /// Stops the worker: what it was doing is dropped, and the library
    /// stays as it was (the worker writes it last; the page offers no
    /// way to cancel once it is saved).
    pub fn cancel(&self) {
        self.worker.terminate();
    }
}

impl Drop for Indexing {
    fn drop(&mut self) {
        if let Some(timer) = self.no_start.take() {
            timer.clear();
        }
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

/// The files of a file input: each with its path in the folder picked
/// (`webkitRelativePath`), or its name.
pub fn from_input(input: &web_sys::HtmlInputElement) -> Vec<Picked> {
    let Some(list) = input.files() else { return Vec::new() };
    (0..list.length())
        .filter_map(|i| list.get(i))
        .map(|file| {
            let relative = Reflect::get(&file, &"webkitRelativePath".into())
                .ok()
                .and_then(|p| p.as_string())
                .filter(|p| !p.is_empty());
            Picked {
                path: relative.unwrap_or_else(|| file.name()),
                file,
            }
        })
        .collect()
}

/// What was dropped: the entries, taken while the drop event runs (its
/// data is gone after).
pub fn dropped(event: &web_sys::DragEvent) -> Dropped {
    let Some(data) = event.data_transfer() else {
        return Dropped::Files(Vec::new());
    };
    let items = data.items();
    let entries: Vec<FileSystemEntry> = (0..items.length())
        .filter_map(|i| items.get(i))
        .filter(|item| item.kind() == "file")
        .filter_map(|item| item.webkit_get_as_entry().ok().flatten())
        .collect();
    if !entries.is_empty() {
        return Dropped::Entries(entries);
    }
    // No entries (a browser without them, or files dropped by a script):
    // the files themselves, without folders.
    let Some(files) = data.files() else {
        return Dropped::Files(Vec::new());
    };
    Dropped::Files(
        (0..files.length())
            .filter_map(|i| files.get(i))
            .map(|file| Picked { path: file.name(), file })
            .collect(),
    )
}

/// What was dropped: entries to walk, or plain files.
pub enum Dropped {
    Entries(Vec<FileSystemEntry>),
    Files(Vec<Picked>),
}

/// Every file dropped, folders walked to the bottom, each with its path
/// from the dropped folder.
pub async fn walk(dropped: Dropped) -> Result<Vec<Picked>, String> {
    let mut todo = match dropped {
        Dropped::Files(files) => return Ok(files),
        Dropped::Entries(entries) => entries,
    };
    let mut out = Vec::new();
    while let Some(entry) = todo.pop() {
        if entry.is_directory() {
            let reader = entry.unchecked_ref::<FileSystemDirectoryEntry>().create_reader();
            // readEntries gives a batch at a time, until an empty one.
            loop {
                let batch = JsFuture::from(Promise::new(&mut |resolve, reject| {
                    if let Err(e) = reader.read_entries_with_callback_and_callback(&resolve, &reject) {
                        let _ = reject.call1(&JsValue::NULL, &e);
                    }
                }))
                .await
                .map_err(|e| format!("the folder {} could not be read ({})", entry.full_path(), store::why(&e)))?;
                let batch: Array = batch.unchecked_into();
                if batch.length() == 0 {
                    break;
                }
                todo.extend(batch.iter().map(|e| e.unchecked_into::<FileSystemEntry>()));
            }
        } else if entry.is_file() {
            let file = JsFuture::from(Promise::new(&mut |resolve, reject| {
                entry
                    .unchecked_ref::<FileSystemFileEntry>()
                    .file_with_callback_and_callback(&resolve, &reject);
            }))
            .await
            .map_err(|e| format!("{} could not be read ({})", entry.full_path(), store::why(&e)))?;
            out.push(Picked {
                path: entry.full_path().trim_start_matches('/').to_string(),
                file: file.unchecked_into(),
            });
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// Your documents as one HTML file: the single-file build beside this
/// page (`quire.html`) with its corpus replaced by your index. Offered as
/// a download; nothing is sent.
pub async fn export(library: &Library) -> Result<(), String> {
    let page = super::fetch_bytes("quire.html".to_string())
        .await
        .map_err(|e| format!("{e}: this copy of Quire has no single file to start from (a corpus too large for one has none)"))?;
    let page = String::from_utf8(page).map_err(|_| "quire.html is not text".to_string())?;
    let mut files = Vec::with_capacity(library.index_files.len() + 1);
    for name in std::iter::once(quire_engine::MANIFEST.to_string()).chain(library.index_files.iter().cloned()) {
        let bytes = corpus_file(&name).await?;
        files.push((name, bytes));
    }
    let html =
        quire_engine::index::embed::with_data(&page, &files).ok_or("quire.html beside this page is not a single-file build of Quire")?;
    super::download("quire-your-documents.html", "text/html", &html);
    Ok(())
}
