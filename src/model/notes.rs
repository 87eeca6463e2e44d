//! The reader's notes as the pages show them: a new note on a passage,
//! a document's notes found in its text now, and the Notes view's
//! summary.

use quire_engine::{Document, Located, Note, Notebook, Span, TextAnchor};

use crate::format::count;

/// A new note on `span` of `doc`'s body (none if the span is no passage
/// of it), made at `now` with id `id`.
pub fn new_note(doc: &Document, span: Span, text: &str, tags: Vec<String>, id: String, now: String) -> Option<Note> {
    Some(Note {
        id,
        doc: doc.id.clone(),
        title: doc.title.clone(),
        anchor: TextAnchor::of(&doc.body, span)?,
        text: text.trim().to_string(),
        tags,
        created: now.clone(),
        updated: now,
    })
}

/// A note changed: its text and tags, at `now`.
pub fn edited(note: &Note, text: &str, tags: Vec<String>, now: String) -> Note {
    Note {
        text: text.trim().to_string(),
        tags,
        updated: now,
        ..note.clone()
    }
}

/// The notes of `doc` in `book`, each with where its passage is in the
/// body now (none: no longer found), in the order of the text (those
/// not found last).
pub fn located(book: &Notebook, doc: &Document) -> Vec<(Note, Option<Located>)> {
    let mut notes: Vec<(Note, Option<Located>)> = book.of_doc(&doc.id).map(|n| (n.clone(), n.anchor.locate(&doc.body))).collect();
    notes.sort_by_key(|(n, l)| (l.is_none(), l.map_or(n.anchor.start, |l| l.span.start)));
    notes
}

/// The passages of located notes, by their index, for the marks.
pub fn note_spans(notes: &[(Note, Option<Located>)]) -> Vec<(usize, Span)> {
    notes.iter().enumerate().filter_map(|(i, (_, l))| l.map(|l| (i, l.span))).collect()
}

/// "3 notes", or "2 of 7 notes" when a search keeps some.
pub fn summary(shown: usize, all: usize) -> String {
    if shown == all {
        count(all, "note", "notes")
    } else {
        format!("{shown} of {}", count(all, "note", "notes"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quire_engine::ingest::text_document;

    #[test]
    fn a_documents_notes_are_found_in_its_text_in_order() {
        let old = text_document("d", "Title", "First passage.\u{a0}Second 👩‍⚕️ passage. שלום e\u{301}tude.");
        let at = |doc: &Document, s: &str| {
            let i = doc.body.find(s).unwrap();
            Span::new(i, i + s.len())
        };
        let mut book = Notebook::default();
        let second = new_note(
            &old,
            at(&old, "Second 👩‍⚕️ passage"),
            "  why  ",
            vec!["x".into()],
            "b".into(),
            "t1".into(),
        )
        .unwrap();
        assert_eq!(
            (second.text.as_str(), second.title.as_str(), second.doc.as_str()),
            ("why", "Title", "d")
        );
        book.put(second);
        book.put(new_note(&old, at(&old, "שלום e\u{301}tude"), "", vec![], "c".into(), "t2".into()).unwrap());
        book.put(new_note(&old, at(&old, "First"), "", vec![], "a".into(), "t3".into()).unwrap());
        assert!(new_note(&old, Span::new(2, 2), "", vec![], "z".into(), "t".into()).is_none());
        // The text rebuilt: a line added, one passage gone.
        let new = text_document("d", "Title", "Added.\n\nFirst passage. Second 👩‍⚕️ passage. Nothing else.");
        let found = located(&book, &new);
        let ids: Vec<&str> = found.iter().map(|(n, _)| n.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(found[1].1.map(|l| l.span.of(&new.body)), Some("Second 👩‍⚕️ passage"));
        assert!(found[1].1.unwrap().moved);
        assert_eq!(found[2].1, None);
        assert_eq!(note_spans(&found).iter().map(|(i, _)| *i).collect::<Vec<_>>(), [0, 1]);
        let changed = edited(&found[0].0, "new text", vec!["t".into()], "t9".into());
        assert_eq!(
            (changed.text.as_str(), changed.updated.as_str(), changed.created.as_str()),
            ("new text", "t9", "t3")
        );
        assert_eq!(summary(2, 2), "2 notes");
        assert_eq!(summary(1, 3), "1 of 3 notes");
    }
}
