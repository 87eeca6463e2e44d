//! "Your documents": the panel that takes files (picked, or a folder, or
//! dropped), shows the indexing's progress with a way to stop it, lists
//! the files with their problems and a way to remove each, and exports
//! the result as one HTML file. Shown in place of the results when the
//! library is empty, and above them when opened from the header.

use leptos::prelude::*;
use quire_local::{Library, Report, Request};

use crate::browser::{
    self,
    local::{self, Indexing, Picked},
};
use crate::format::bytes;
use crate::model::library::{summary, Task};

/// Your documents, shared by the app: the library (`Some` when the page
/// shows them), whether the panel is open, and the task under way.
#[derive(Clone, Copy)]
pub struct Yours {
    pub library: RwSignal<Option<Library>>,
    pub open: RwSignal<bool>,
    pub task: RwSignal<Task>,
    indexing: StoredValue<Option<Indexing>, LocalStorage>,
}

impl Yours {
    pub fn new() -> Yours {
        // What the change before this page load did, if one did.
        let outcome = local::recall();
        Yours {
            library: RwSignal::new(None),
            open: RwSignal::new(outcome.is_some()),
            task: RwSignal::new(outcome.map_or(Task::Idle, |[documents, millis, memory]| Task::Finished {
                documents,
                millis,
                memory,
            })),
            indexing: StoredValue::new_local(None),
        }
    }

    /// Whether the page shows your documents (not its own corpus).
    pub fn shown(&self) -> bool {
        self.library.with_untracked(Option::is_some)
    }

    /// Adds `picked` and indexes the library again.
    pub fn add(self, picked: Vec<Picked>) {
        if picked.is_empty() {
            return;
        }
        let (paths, files) = picked.into_iter().map(|p| (p.path, p.file)).unzip();
        self.run(
            Request::Add {
                folder: local::folder_name(),
                paths,
            },
            files,
        );
    }

    /// Removes the files at `paths` and indexes the rest again.
    pub fn remove(self, paths: Vec<String>) {
        self.run(
            Request::Remove {
                folder: local::folder_name(),
                paths,
            },
            Vec::new(),
        );
    }

    fn run(self, request: Request, files: Vec<web_sys::File>) {
        if self.task.get_untracked().busy() {
            return;
        }
        self.task.set(Task::Started);
        self.open.set(true);
        let started = Indexing::start(request, files, move |report| match report {
            Report::Done { library, millis, memory } => {
                self.indexing.set_value(None);
                // The page, loaded again with the new index (a fresh
                // start: the old index is not kept), says how it went.
                local::remember(&[library.documents(), millis, memory]);
                browser::reload();
            }
            Report::Failed(why) => {
                self.indexing.set_value(None);
                self.task.set(Task::Failed(why));
            }
            progress => self.task.set(Task::Working(progress)),
        });
        match started {
            Ok(indexing) => self.indexing.set_value(Some(indexing)),
            Err(why) => self.task.set(Task::Failed(why)),
        }
    }

    /// Stops the indexing under way; nothing changes.
    pub fn cancel(self) {
        if let Some(indexing) = self.indexing.try_update_value(Option::take).flatten() {
            indexing.cancel();
            self.task.set(Task::Cancelled);
        }
    }
}

/// The kinds of file the engine reads, for the picker's filter (others,
/// dropped, are listed as skipped).
fn accept() -> String {
    quire_engine::ingest::EXTENSIONS.map(|ext| format!(".{ext}")).join(",")
}

#[component]
pub fn LibraryPanel() -> impl IntoView {
    let yours = expect_context::<Yours>();
    let task = yours.task;
    let busy = Memo::new(move |_| task.with(Task::busy));
    let exported = RwSignal::new(None::<Result<(), String>>);
    let dragging = RwSignal::new(false);
    let from_input = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let picked = local::from_input(&input);
        input.set_value("");
        yours.add(picked);
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if busy.get_untracked() {
            return;
        }
        let dropped = local::dropped(&ev);
        leptos::task::spawn_local(async move {
            match local::walk(dropped).await {
                Ok(picked) => yours.add(picked),
                Err(why) => task.set(Task::Failed(why)),
            }
        });
    };
    let export = move |_| {
        let Some(library) = yours.library.get_untracked() else { return };
        exported.set(None);
        leptos::task::spawn_local(async move {
            exported.set(Some(local::export(&library).await));
        });
    };
    let files = move || yours.library.get().unwrap_or_default();
    // A folder picker (no attribute of Leptos's own for it).
    let folder_input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(input) = folder_input.get() {
            input.set_webkitdirectory(true);
        }
    });
    view! {
        <section
            class="yours"
            class:dragging=move || dragging.get()
            aria-labelledby="yours-title"
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <h2 id="yours-title">"Your documents"</h2>
            <p class="yours-privacy">
                "Files you add stay on this computer: they are read and indexed in this page, and kept in this browser's private storage. Nothing is uploaded. "
                "Text (.txt), Markdown (.md), JSON Lines (.jsonl), web pages (.html, their text only) and Word (.docx)."
            </p>
            <div class="yours-add">
                <label class="button">
                    "Add files…"
                    <input type="file" multiple accept=accept() class="visually-hidden" disabled=busy on:change=from_input/>
                </label>
                <label class="button">
                    "Add a folder…"
                    <input type="file" multiple class="visually-hidden" disabled=busy on:change=from_input node_ref=folder_input/>
                </label>
                <span class="yours-drop">"or drop files and folders here"</span>
            </div>
            <div role="status" aria-live="polite" class="yours-progress">
                {move || {
                    task.with(Task::step)
                        .map(|step| {
                            view! {
                                <progress max=step.max value=step.value aria-label="Progress"></progress>
                                <span>{step.text}</span>
                                {step.cancellable.then(|| view! { <button type="button" on:click=move |_| yours.cancel()>"Cancel"</button> })}
                            }
                        })
                }}
                {move || task.with(Task::outcome).map(|text| view! { <p class="yours-outcome">{text}</p> })}
            </div>
            {move || {
                let library = files();
                (!library.files.is_empty())
                    .then(|| {
                        let paths: Vec<String> = library.files.iter().map(|e| e.path.clone()).collect();
                        view! {
                            <p class="yours-summary">{summary(&library)}</p>
                            <p class="yours-actions">
                                {library.generation.is_some().then(|| view! { <button type="button" disabled=busy on:click=export>"Export as one HTML file"</button> })}
                                <button type="button" disabled=busy on:click=move |_| yours.remove(paths.clone())>"Remove all"</button>
                            </p>
                            {move || match exported.get() {
                                Some(Err(why)) => Some(view! { <p class="yours-outcome" role="alert">{format!("Not exported: {why}")}</p> }.into_any()),
                                Some(Ok(())) => Some(view! { <p class="yours-outcome">"Exported: quire-your-documents.html opens from disk with your documents in it."</p> }.into_any()),
                                None => None,
                            }}
                            <table class="yours-files">
                                <caption class="visually-hidden">"Files added"</caption>
                                <thead>
                                    <tr><th scope="col">"File"</th><th scope="col">"Size"</th><th scope="col">"Documents"</th><th scope="col"><span class="visually-hidden">"Remove"</span></th></tr>
                                </thead>
                                <tbody>
                                    {library
                                        .files
                                        .into_iter()
                                        .map(|entry| {
                                            let path = entry.path.clone();
                                            let label = format!("Remove {}", entry.path);
                                            view! {
                                                <tr class:problem=!entry.problems.is_empty()>
                                                    <td>
                                                        <span class="yours-path">{entry.path.clone()}</span>
                                                        {(!entry.problems.is_empty())
                                                            .then(|| view! { <ul class="yours-problems">{entry.problems.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}</ul> })}
                                                    </td>
                                                    <td>{bytes(entry.bytes as usize)}</td>
                                                    <td>{entry.documents}</td>
                                                    <td>
                                                        <button type="button" aria-label=label disabled=busy on:click=move |_| yours.remove(vec![path.clone()])>"Remove"</button>
                                                    </td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        }
                    })
            }}
        </section>
    }
}
