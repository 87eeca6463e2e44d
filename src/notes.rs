//! The reader's notes, shared by the reader and the Notes view: the
//! notebook kept in this browser (see `browser::notes`), saved on every
//! change. A change starts from what is kept (another tab may have
//! changed it), and another tab's change is read as it happens.

use leptos::prelude::*;
use quire_engine::{Merged, Note, Notebook};

use crate::browser;

#[derive(Clone, Copy)]
pub struct Notes {
    pub book: RwSignal<Notebook>,
    /// What went wrong reading the notes (kept while the page is open).
    pub read_problem: RwSignal<Option<String>>,
    /// What went wrong with the last change, until one works.
    pub problem: RwSignal<Option<String>>,
    /// The note last deleted, until undone or another is.
    pub deleted: RwSignal<Option<Note>>,
    key: StoredValue<String>,
    /// Whether the storage entry may be written.
    writable: StoredValue<bool>,
    /// Changes this page holds that the storage lacks (a save failed).
    unsaved: StoredValue<bool>,
}

impl Notes {
    /// The notes of this page's corpus (`mine`: your documents), and
    /// those of other tabs as they change them.
    pub fn new(mine: bool) -> Notes {
        let key = browser::notes::key(mine);
        let loaded = browser::notes::load(&key);
        let notes = Notes {
            book: RwSignal::new(loaded.book),
            read_problem: RwSignal::new(loaded.problem),
            problem: RwSignal::new(None),
            deleted: RwSignal::new(None),
            key: StoredValue::new(key),
            writable: StoredValue::new(loaded.writable),
            unsaved: StoredValue::new(false),
        };
        let listener = window_event_listener(leptos::ev::storage, move |ev| {
            if ev.key().as_deref() == Some(notes.key.get_value().as_str()) {
                notes.read_again();
            }
        });
        on_cleanup(move || listener.remove());
        notes
    }

    /// What is kept now: taken as it is, or merged into this page's
    /// notes when some of those are not kept yet.
    fn read_again(&self) {
        let loaded = browser::notes::load(&self.key.get_value());
        if loaded.problem.is_some() {
            self.read_problem.set(loaded.problem);
            self.writable.set_value(loaded.writable);
        }
        if self.unsaved.get_value() {
            self.book.update(|b| {
                b.merge(loaded.book);
            });
        } else if self.book.with_untracked(|b| *b != loaded.book) {
            self.book.set(loaded.book);
        }
    }

    /// Changes the notebook, as kept now, and keeps it.
    fn change(&self, f: impl FnOnce(&mut Notebook) -> Result<(), String>) -> Result<(), String> {
        if self.writable.get_value() {
            self.read_again();
        }
        let mut book = self.book.get_untracked();
        f(&mut book).inspect_err(|why| self.problem.set(Some(why.clone())))?;
        self.book.set(book);
        let saved = if self.writable.get_value() {
            self.book.with_untracked(|b| browser::notes::save(&self.key.get_value(), b))
        } else {
            Err("Notes made now are not kept: the notes this browser holds for the page could not be read, and are not written over. Export your notes to keep a copy.".into())
        };
        self.unsaved.set_value(saved.is_err());
        self.problem.set(saved.clone().err());
        saved
    }

    /// Adds `note` or replaces the note with its id; why not, if not.
    pub fn put(&self, note: Note) -> Result<(), String> {
        self.change(|b| b.put(note))
    }

    pub fn remove(&self, id: &str) {
        let gone = self.book.with_untracked(|b| b.get(id).cloned());
        if self
            .change(|b| {
                b.remove(id);
                Ok(())
            })
            .is_ok()
        {
            self.deleted.set(gone);
        }
    }

    /// Brings back the note last deleted.
    pub fn undo(&self) {
        if let Some(note) = self.deleted.get_untracked() {
            if self.put(note).is_ok() {
                self.deleted.set(None);
            }
        }
    }

    /// Adds the notes of a notes file; what was done, or why not.
    pub fn import(&self, text: &str) -> Result<(Merged, Vec<String>), String> {
        let (book, problems) = Notebook::from_json(text)?;
        let mut merged = Merged::default();
        self.change(|b| {
            merged = b.merge(book);
            Ok(())
        })?;
        Ok((merged, problems))
    }
}
