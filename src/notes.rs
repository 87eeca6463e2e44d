//! The reader's notes, shared by the reader and the Notes view: the
//! notebook kept in this browser (see `browser::notes`), saved on every
//! change and read again when another tab changes it.

use leptos::prelude::*;
use quire_engine::{Merged, Note, Notebook};

use crate::browser;

#[derive(Clone, Copy)]
pub struct Notes {
    pub book: RwSignal<Notebook>,
    /// What went wrong keeping or reading them, shown until the next
    /// change that works.
    pub problem: RwSignal<Option<String>>,
    /// The note last deleted, until undone or another is.
    pub deleted: RwSignal<Option<Note>>,
    key: StoredValue<String>,
    /// Whether the storage entry may be written.
    writable: StoredValue<bool>,
}

impl Notes {
    /// The notes of this page's corpus (`mine`: your documents), and
    /// those of other tabs as they change them.
    pub fn new(mine: bool) -> Notes {
        let key = browser::notes::key(mine);
        let (book, problem, writable) = browser::notes::load(&key);
        let notes = Notes {
            book: RwSignal::new(book),
            problem: RwSignal::new(problem),
            deleted: RwSignal::new(None),
            key: StoredValue::new(key),
            writable: StoredValue::new(writable),
        };
        let listener = window_event_listener(leptos::ev::storage, move |ev| {
            if ev.key().as_deref() == Some(notes.key.get_value().as_str()) {
                let (book, problem, writable) = browser::notes::load(&notes.key.get_value());
                notes.book.set(book);
                notes.problem.set(problem);
                notes.writable.set_value(writable);
            }
        });
        on_cleanup(move || listener.remove());
        notes
    }

    /// Changes the notebook and keeps it.
    fn change(&self, f: impl FnOnce(&mut Notebook)) {
        self.book.update(f);
        let saved = if self.writable.get_value() {
            self.book.with_untracked(|b| browser::notes::save(&self.key.get_value(), b))
        } else {
            Err("Notes made now are not kept: the notes this browser holds for the page could not be read or copied aside. Export your notes to keep a copy.".into())
        };
        match saved {
            Ok(()) => {
                if self.writable.get_value() {
                    self.problem.set(None);
                }
            }
            Err(why) => self.problem.set(Some(why)),
        }
    }

    /// Adds `note` or replaces the note with its id.
    pub fn put(&self, note: Note) {
        self.change(|b| b.put(note));
    }

    pub fn remove(&self, id: &str) {
        let gone = self.book.with_untracked(|b| b.get(id).cloned());
        self.change(|b| b.remove(id));
        self.deleted.set(gone);
    }

    /// Brings back the note last deleted.
    pub fn undo(&self) {
        if let Some(note) = self.deleted.get_untracked() {
            self.deleted.set(None);
            self.put(note);
        }
    }

    /// Adds the notes of a notes file; what was done, or why not.
    pub fn import(&self, text: &str) -> Result<(Merged, Vec<String>), String> {
        let (book, problems) = Notebook::from_json(text)?;
        let mut merged = Merged::default();
        self.change(|b| merged = b.merge(book));
        Ok((merged, problems))
    }
}
