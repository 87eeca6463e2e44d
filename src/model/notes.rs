//! The reader's notes as the pages show them: a new note on a passage,
//! a document's notes found in its text now, and the Notes view's
//! summary.

use quire_engine::present::note::{locate_all, MAX_TITLE_BYTES};
use quire_engine::{Document, Located, Note, Notebook, Span, TextAnchor};

use crate::format::count;

/// A new note on `span` of `doc`'s body (none if the span is no passage
/// of it), made at `now` with id `id`. A long title is cut short.
pub fn new_note(doc: &Document, span: Span, text: &str, tags: Vec<String>, id: String, now: String) -> Option<Note> {
    let mut title = doc.title.clone();
    if title.len() > MAX_TITLE_BYTES {
        let mut cut = MAX_TITLE_BYTES - 3;
        while !title.is_char_boundary(cut) {
            cut -= 1;
        }
        title.truncate(cut);
        title.push('…');
    }
    Some(Note {
        id,
        doc: doc.id.clone(),
        title,
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

/// The passages of `doc`'s notes in `book`, by note id: what finding
/// them depends on (a note's text and tags do not change it).
pub fn anchors_of(book: &Notebook, doc: &str) -> Vec<(String, TextAnchor)> {
    book.of_doc(doc).map(|n| (n.id.clone(), n.anchor.clone())).collect()
}

/// Where each of `anchors` is in `body` now (none: no longer found).
pub fn find_all(anchors: &[(String, TextAnchor)], body: &str) -> Vec<(String, Option<Located>)> {
    let refs: Vec<&TextAnchor> = anchors.iter().map(|(_, a)| a).collect();
    let found = locate_all(&refs, body);
    anchors.iter().map(|(id, _)| id.clone()).zip(found).collect()
}

/// The notes of `doc` in `book`, each with where its passage is now
/// (from `found`), in the order of the text (those not found last).
pub fn located(book: &Notebook, doc: &str, found: &[(String, Option<Located>)]) -> Vec<(Note, Option<Located>)> {
    let mut notes: Vec<(Note, Option<Located>)> = book
        .of_doc(doc)
        .map(|n| {
            let at = found.iter().find(|(id, _)| *id == n.id).and_then(|(_, l)| *l);
            (n.clone(), at)
        })
        .collect();
    notes.sort_by_key(|(n, l)| (l.is_none(), l.map_or(n.anchor.start, |l| l.span.start)));
    notes
}

/// The passages found, numbered in the order of `found`, for the marks.
pub fn note_spans(found: &[(String, Option<Located>)]) -> Vec<(usize, Span)> {
    found.iter().enumerate().filter_map(|(i, (_, l))| l.map(|l| (i, l.span))).collect()
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
        book.put(second).unwrap();
        book.put(new_note(&old, at(&old, "שלום e\u{301}tude"), "", vec![], "c".into(), "t2".into()).unwrap())
            .unwrap();
        book.put(new_note(&old, at(&old, "First"), "", vec![], "a".into(), "t3".into()).unwrap())
            .unwrap();
        assert!(new_note(&old, Span::new(2, 2), "", vec![], "z".into(), "t".into()).is_none());
        // The text rebuilt: a line added, one passage gone.
        let new = text_document("d", "Title", "Added.\n\nFirst passage. Second 👩‍⚕️ passage. Nothing else.");
        let anchors = anchors_of(&book, "d");
        let places = find_all(&anchors, &new.body);
        let found = located(&book, "d", &places);
        let ids: Vec<&str> = found.iter().map(|(n, _)| n.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(found[1].1.map(|l| l.span.of(&new.body)), Some("Second 👩‍⚕️ passage"));
        assert!(found[1].1.unwrap().moved);
        assert_eq!(found[2].1, None);
        // Numbered in the order the notebook holds them: b, c, a.
        assert_eq!(note_spans(&places).iter().map(|(i, _)| *i).collect::<Vec<_>>(), [0, 2]);
        // A note's text changed: its passage is what it was.
        let changed = edited(&found[0].0, "new text", vec!["t".into()], "t9".into());
        assert_eq!(
            (changed.text.as_str(), changed.updated.as_str(), changed.created.as_str()),
            ("new text", "t9", "t3")
        );
        book.put(changed).unwrap();
        assert_eq!(anchors_of(&book, "d"), anchors);
        // A title too long for a notes file is cut short.
        let long = text_document("d", &"é".repeat(2_000), "Body text.");
        let note = new_note(&long, at(&long, "Body"), "", vec![], "l".into(), "t".into()).unwrap();
        assert!(note.title.len() <= MAX_TITLE_BYTES && note.title.ends_with('…'));
        assert!(book.put(note).is_ok());
        assert_eq!(summary(2, 2), "2 notes");
        assert_eq!(summary(1, 3), "1 of 3 notes");
    }
}
