//! Private notes on passages. A note is anchored to a document's body by
//! the passage's own text and a little context on each side (the W3C Web
//! Annotation model's `TextQuoteSelector`), with where it was as a hint
//! (its `TextPositionSelector`), so it is found again after the corpus
//! is rebuilt. A [`Notebook`] holds them, searchable by words and tags,
//! and is exported and imported as JSON and exported as Markdown.

use std::cell::OnceCell;

use serde::{Deserialize, Serialize};

use crate::present::cite::{CharRange, MAX_PASSAGE_CHARS};
use crate::text::document::Span;

/// Characters of context kept on each side of a passage.
pub const CONTEXT_CHARS: usize = 32;
/// The longest note, in characters.
pub const MAX_NOTE_CHARS: usize = 20_000;
/// Tags per note at most, and characters per tag.
pub const MAX_TAGS: usize = 32;
pub const MAX_TAG_CHARS: usize = 64;
/// Notes in a notebook at most (a browser keeps about 5 MB per site).
pub const MAX_NOTES: usize = 10_000;
/// The longest document title a note keeps, in bytes.
pub const MAX_TITLE_BYTES: usize = 2_000;
/// Places where a passage's text occurs that are weighed when it has
/// moved: past this many, the later ones are not looked at (a bound on
/// a passage of one common word in a long repetitive text).
pub const MAX_CANDIDATES: usize = 10_000;
/// What a notes file says it is.
pub const FORMAT: &str = "quire-notes";
pub const VERSION: u32 = 1;

/// A passage of a body, as a note keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextAnchor {
    /// The passage's text.
    pub exact: String,
    /// Up to [`CONTEXT_CHARS`] characters before it and after it.
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
    /// Its first character's place in the body when the note was made.
    #[serde(default)]
    pub start: usize,
}

/// Where an anchor's passage is in a body now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Located {
    pub span: Span,
    /// Not where it was: the body changed before it, or around it.
    pub moved: bool,
}

impl TextAnchor {
    /// The anchor of `span` of `text` (on char boundaries, non-empty, at
    /// most [`MAX_PASSAGE_CHARS`]).
    pub fn of(text: &str, span: Span) -> Option<TextAnchor> {
        let exact = text.get(span.start..span.end).filter(|e| !e.is_empty())?;
        let range = CharRange::of_span(text, span)?;
        let before = &text[..span.start];
        let from = before.char_indices().rev().nth(CONTEXT_CHARS - 1).map_or(0, |(i, _)| i);
        Some(TextAnchor {
            exact: exact.to_string(),
            prefix: before[from..].to_string(),
            suffix: text[span.end..].chars().take(CONTEXT_CHARS).collect(),
            start: range.start,
        })
    }

    /// The passage in `text`:
    /// 1. where it was, if its text and context are still there;
    /// 2. else where its text occurs with the most context alike on both
    ///    sides, the nearest to where it was among equals;
    /// 3. else the same, with every run of whitespace taken as one space
    ///    (a body whose lines were wrapped again).
    ///
    /// None when its text is not found, or is found more than once with
    /// no context alike to choose between them.
    pub fn locate(&self, text: &str) -> Option<Located> {
        locate_all(&[self], text).pop().flatten()
    }

    /// [`TextAnchor::locate`] with the byte where it was (`near`: the
    /// text's end if it is shorter), its span there if the text is long
    /// enough, and the flattened text, made once for all the anchors.
    fn locate_with(&self, text: &str, was: Option<Span>, near: usize, flat: &OnceCell<(String, Vec<usize>)>) -> Option<Located> {
        if self.exact.is_empty() {
            return None;
        }
        let unchanged =
            |s: &Span| s.of(text) == self.exact && text[..s.start].ends_with(&self.prefix) && text[s.end..].starts_with(&self.suffix);
        if let Some(span) = was.filter(unchanged) {
            return Some(Located { span, moved: false });
        }
        let between = |i: usize| {
            unicode_segmentation::GraphemeCursor::new(i, text.len(), true)
                .is_boundary(text, 0)
                .unwrap_or(true)
        };
        match best_place(text, &self.exact, &self.prefix, &self.suffix, near, &|a, b| {
            between(a) && between(b)
        }) {
            Places::Best(span) => {
                return Some(Located {
                    span,
                    moved: Some(span) != was,
                })
            }
            // Not found, and whitespace is not why.
            Places::None if !self.exact.contains(char::is_whitespace) => return None,
            _ => {}
        }
        // Whitespace runs as one space, on both sides; the passage's own
        // whitespace at its ends goes with its context.
        let exact = self.exact.trim();
        let lead = &self.exact[..self.exact.len() - self.exact.trim_start().len()];
        let trail = &self.exact[self.exact.trim_end().len()..];
        let (flat, at) = flat.get_or_init(|| flatten(text));
        let prefix = flatten(&format!("{}{lead}", self.prefix)).0;
        let suffix = flatten(&format!("{trail}{}", self.suffix)).0;
        let near_flat = at.partition_point(|&b| b < near);
        // `flat`'s bytes back to `text`'s: the passage's ends are not
        // whitespace, so each is one char of `text`.
        let back = |a: usize, b: usize| {
            let last = flat[..b].chars().next_back().map_or(0, char::len_utf8);
            Span::new(at[a], at[b - last] + last)
        };
        let exact = flatten(exact).0;
        let in_text = |a: usize, b: usize| {
            let s = back(a, b);
            between(s.start) && between(s.end)
        };
        let Places::Best(span) = best_place(flat, &exact, &prefix, &suffix, near_flat, &in_text) else {
            return None;
        };
        Some(Located {
            span: back(span.start, span.end),
            moved: true,
        })
    }
}

/// Where each of `anchors` is in `text`, as [`TextAnchor::locate`]
/// finds it, with what does not depend on the anchor done once: the
/// bytes of the characters where they were (one pass over the text),
/// and the text with whitespace runs as one space (made only if needed).
pub fn locate_all(anchors: &[&TextAnchor], text: &str) -> Vec<Option<Located>> {
    let ends = |a: &TextAnchor| [a.start, a.start.saturating_add(a.exact.chars().count())];
    let mut wanted: Vec<usize> = anchors.iter().flat_map(|a| ends(a)).collect();
    wanted.sort_unstable();
    wanted.dedup();
    // Character `wanted[i]` is at byte `bytes[i]` (none: past the end).
    let mut bytes: Vec<Option<usize>> = vec![None; wanted.len()];
    let mut next = 0;
    for (n, (i, _)) in text.char_indices().chain(std::iter::once((text.len(), ' '))).enumerate() {
        while next < wanted.len() && wanted[next] == n {
            bytes[next] = Some(i);
            next += 1;
        }
        if next == wanted.len() {
            break;
        }
    }
    let byte = |c: usize| wanted.binary_search(&c).ok().and_then(|i| bytes[i]);
    let flat = OnceCell::new();
    anchors
        .iter()
        .map(|a| {
            let [start, end] = ends(a);
            let was = byte(start).zip(byte(end)).map(|(s, e)| Span::new(s, e));
            a.locate_with(text, was, byte(start).unwrap_or(text.len()), &flat)
        })
        .collect()
}

/// What a search for a passage's text found.
#[derive(Debug, PartialEq, Eq)]
enum Places {
    /// The place chosen.
    Best(Span),
    /// No place.
    None,
    /// Places, but none to choose.
    Unsure,
}

/// Where `exact` occurs in `text` with the longest context alike (in
/// characters: `prefix`'s end before it, `suffix`'s start after it),
/// the nearest to byte `near` among equals. The places weighed are the
/// [`MAX_CANDIDATES`] nearest `near` (half before, half after), and only
/// those `between` accepts: places that start and end between graphemes
/// of the body (`Zoe` is not in `Zoë` written with a combining mark).
///
/// A place needs 8 characters of context alike (or all the context
/// there is, if less) when there are several; a space on each side is no
/// reason to choose. One place alone needs half of that, or a passage of
/// 16 characters or more: a short passage rewritten is not pinned to an
/// unrelated copy of its words.
fn best_place(text: &str, exact: &str, prefix: &str, suffix: &str, near: usize, between: &dyn Fn(usize, usize) -> bool) -> Places {
    if exact.is_empty() {
        return Places::None;
    }
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let mut places: Vec<usize> = Vec::new();
    // After `near` (overlapping places too: `aa` in `aaa` is at 0 and 1).
    let mut from = floor(near);
    while let Some(found) = text[from..].find(exact) {
        let i = from + found;
        places.push(i);
        from = i + text[i..].chars().next().map_or(1, char::len_utf8);
        if places.len() >= MAX_CANDIDATES / 2 {
            break;
        }
    }
    // Before it, backwards.
    let mut end = floor((floor(near) + exact.len()).saturating_sub(1));
    let after = places.len();
    while let Some(i) = text[..end].rfind(exact) {
        if i >= floor(near) {
            end = floor((i + exact.len()).saturating_sub(1));
            continue;
        }
        places.push(i);
        end = floor(i + exact.len() - 1);
        if places.len() - after >= MAX_CANDIDATES / 2 {
            break;
        }
    }
    let mut best: Option<(usize, usize, usize)> = None; // (score, distance, byte)
    let mut count = 0;
    for i in places {
        if !between(i, i + exact.len()) {
            continue;
        }
        count += 1;
        let before = text[..i]
            .chars()
            .rev()
            .zip(prefix.chars().rev())
            .take_while(|(a, b)| a == b)
            .count();
        let after = text[i + exact.len()..]
            .chars()
            .zip(suffix.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let candidate = (before + after, i.abs_diff(near), i);
        best = match best {
            Some(b) if (b.0, std::cmp::Reverse(b.1)) >= (candidate.0, std::cmp::Reverse(candidate.1)) => Some(b),
            _ => Some(candidate),
        };
    }
    let Some((score, _, at)) = best else {
        return Places::None;
    };
    let needed = (prefix.chars().count() + suffix.chars().count()).min(8);
    let alone = count == 1 && (score >= needed / 2 || exact.chars().count() >= CONTEXT_CHARS / 2);
    if alone || score >= needed {
        Places::Best(Span::new(at, at + exact.len()))
    } else {
        Places::Unsure
    }
}

/// `text` with every run of whitespace made one space, and for each of
/// its bytes (and its end) the byte of `text` it comes from.
fn flatten(text: &str) -> (String, Vec<usize>) {
    let mut flat = String::with_capacity(text.len());
    let mut at = Vec::with_capacity(text.len() + 1);
    let mut space = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if !space {
                flat.push(' ');
                at.push(i);
            }
            space = true;
        } else {
            flat.push(c);
            at.extend(std::iter::repeat_n(i, c.len_utf8()));
            space = false;
        }
    }
    at.push(text.len());
    (flat, at)
}

/// A note on a passage of a document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub id: String,
    /// The document's id.
    pub doc: String,
    /// Its title when the note was made (shown if it is gone).
    #[serde(default)]
    pub title: String,
    pub anchor: TextAnchor,
    /// What the reader wrote.
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// When it was made and last changed (ISO 8601, as the page's clock
    /// gives them).
    #[serde(default)]
    pub created: String,
    #[serde(default)]
    pub updated: String,
}

impl Note {
    /// Why this note cannot be kept, if it cannot: a note from a file is
    /// checked as a form is. Tags are cleaned as [`tags_of`] does.
    pub fn checked(mut self) -> Result<Note, String> {
        let chars = |s: &str| s.chars().count();
        let plain = |s: &str| !s.contains(char::is_control);
        if self.id.trim().is_empty() || self.id.len() > 100 || !plain(&self.id) {
            return Err("its id is empty, longer than 100 bytes or has control characters".into());
        }
        if self.doc.is_empty() || self.doc.len() > 2_000 || !plain(&self.doc) {
            return Err("its document id is empty, too long or has control characters".into());
        }
        if self.anchor.exact.trim().is_empty() || chars(&self.anchor.exact) > MAX_PASSAGE_CHARS {
            return Err(format!("its passage is empty or longer than {MAX_PASSAGE_CHARS} characters"));
        }
        if chars(&self.anchor.prefix) > 4 * CONTEXT_CHARS || chars(&self.anchor.suffix) > 4 * CONTEXT_CHARS {
            return Err("its passage's context is too long".into());
        }
        if chars(&self.text) > MAX_NOTE_CHARS {
            return Err(format!("its text is longer than {MAX_NOTE_CHARS} characters"));
        }
        let date = |d: &str| d.len() <= 64 && plain(d);
        if self.title.len() > MAX_TITLE_BYTES || !date(&self.created) || !date(&self.updated) {
            return Err("its title or dates are too long, or its dates have control characters".into());
        }
        self.tags = tags_of(&self.tags.join(","));
        Ok(self)
    }

    /// Whether every word of `words` (lowercase) is in its text, its
    /// passage, its document's title or its tags.
    fn has_words(&self, words: &[String]) -> bool {
        let fields = [&self.text, &self.anchor.exact, &self.title, &self.doc].map(|f| f.to_lowercase());
        words
            .iter()
            .all(|w| fields.iter().any(|f| f.contains(w.as_str())) || self.tags.iter().any(|t| t.to_lowercase().contains(w.as_str())))
    }
}

/// Tags as a reader types them, separated by commas: trimmed, a leading
/// `#` dropped, empty ones and repeats (ignoring case) left out, at most
/// [`MAX_TAGS`] of at most [`MAX_TAG_CHARS`] characters.
pub fn tags_of(input: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in input.split(',') {
        let tag: String = tag.trim().trim_start_matches('#').trim().chars().take(MAX_TAG_CHARS).collect();
        let tag = tag.trim().to_string();
        if !tag.is_empty() && !tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) && tags.len() < MAX_TAGS {
            tags.push(tag);
        }
    }
    tags
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Merged {
    /// New notes.
    pub added: usize,
    /// Notes replaced by a newer copy.
    pub updated: usize,
    /// Notes already here as new or newer.
    pub kept: usize,
    /// New notes left out: the notebook was full ([`MAX_NOTES`]).
    pub refused: usize,
}

/// A reader's notes, in the order they were made.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Notebook {
    pub notes: Vec<Note>,
}

/// A notes file as written.
#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u32,
    notes: &'a [Note],
}

/// A notes file as read: its notes are checked one by one.
#[derive(Deserialize)]
struct FileIn {
    format: String,
    version: u32,
    notes: Vec<serde_json::Value>,
}

impl Notebook {
    /// The notebook in a notes file (JSON), and why any note of it was
    /// left out; or why the file cannot be read at all.
    pub fn from_json(text: &str) -> Result<(Notebook, Vec<String>), String> {
        let file: FileIn = serde_json::from_str(text).map_err(|e| format!("This is not a Quire notes file ({e})."))?;
        if file.format != FORMAT {
            return Err(format!("This is not a Quire notes file (its format is “{}”).", file.format));
        }
        if file.version != VERSION {
            return Err(format!(
                "This notes file is of version {}; this Quire reads version {VERSION}.",
                file.version
            ));
        }
        let mut book = Notebook::default();
        let mut problems = Vec::new();
        let mut ids = std::collections::HashSet::new();
        for (i, value) in file.notes.into_iter().enumerate() {
            let note = serde_json::from_value::<Note>(value)
                .map_err(|e| e.to_string())
                .and_then(Note::checked);
            match note {
                Ok(note) if !ids.insert(note.id.clone()) => problems.push(format!("Note {}: its id is used twice.", i + 1)),
                Ok(note) => book.notes.push(note),
                Err(e) => problems.push(format!("Note {}: {e}.", i + 1)),
            }
        }
        Ok((book, problems))
    }

    /// The notes file (JSON, indented).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.file()).unwrap_or_default()
    }

    /// The notes file without indentation (as the browser keeps it).
    pub fn to_compact_json(&self) -> String {
        serde_json::to_string(&self.file()).unwrap_or_default()
    }

    /// The notes as a notes file writes them.
    fn file(&self) -> FileOut<'_> {
        FileOut {
            format: FORMAT,
            version: VERSION,
            notes: &self.notes,
        }
    }

    pub fn get(&self, id: &str) -> Option<&Note> {
        self.notes.iter().find(|n| n.id == id)
    }

    /// Adds `note`, or replaces the note with its id; or says why not
    /// (a note a notes file could not carry, or a full notebook).
    pub fn put(&mut self, note: Note) -> Result<(), String> {
        let note = note.checked().map_err(|e| format!("This note cannot be kept: {e}."))?;
        let full = self.notes.len() >= MAX_NOTES;
        match self.notes.iter_mut().find(|n| n.id == note.id) {
            Some(old) => *old = note,
            None if full => return Err(format!("This note cannot be kept: there are {MAX_NOTES} notes already.")),
            None => self.notes.push(note),
        }
        Ok(())
    }

    pub fn remove(&mut self, id: &str) {
        self.notes.retain(|n| n.id != id);
    }

    /// Adds the notes of `other`: a note with an id already here replaces
    /// it only if it was changed later. No more than [`MAX_NOTES`] are
    /// kept; the new ones past that are `refused`.
    pub fn merge(&mut self, other: Notebook) -> Merged {
        let mut merged = Merged::default();
        let mut at: std::collections::HashMap<String, usize> = self.notes.iter().enumerate().map(|(i, n)| (n.id.clone(), i)).collect();
        for note in other.notes {
            match at.get(&note.id) {
                Some(&i) if note.updated > self.notes[i].updated => {
                    self.notes[i] = note;
                    merged.updated += 1;
                }
                Some(_) => merged.kept += 1,
                None if self.notes.len() < MAX_NOTES => {
                    at.insert(note.id.clone(), self.notes.len());
                    self.notes.push(note);
                    merged.added += 1;
                }
                None => merged.refused += 1,
            }
        }
        merged
    }

    /// The notes of document `doc`.
    pub fn of_doc<'a>(&'a self, doc: &'a str) -> impl Iterator<Item = &'a Note> + 'a {
        self.notes.iter().filter(move |n| n.doc == doc)
    }

    /// The notes with every word of `query` (in any case) in their text,
    /// passage, document title or tags, and every tag of `tags`; newest
    /// first.
    pub fn search(&self, query: &str, tags: &[String]) -> Vec<&Note> {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        let mut found: Vec<&Note> = self
            .notes
            .iter()
            .filter(|n| tags.iter().all(|t| n.tags.iter().any(|x| x.to_lowercase() == t.to_lowercase())))
            .filter(|n| n.has_words(&words))
            .collect();
        found.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| b.created.cmp(&a.created)));
        found
    }

    /// Every tag with its number of notes, most first, then by name.
    pub fn tag_counts(&self) -> Vec<(String, usize)> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        let mut at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for tag in self.notes.iter().flat_map(|n| &n.tags) {
            match at.get(&tag.to_lowercase()) {
                Some(&i) => counts[i].1 += 1,
                None => {
                    at.insert(tag.to_lowercase(), counts.len());
                    counts.push((tag.clone(), 1));
                }
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        counts
    }

    /// Markdown: one section per document (by title), its notes in the
    /// order of their passages, each the passage quoted, the note, its
    /// tags and date. `link` gives a note's link to its passage.
    pub fn to_markdown(&self, link: impl Fn(&Note) -> String) -> String {
        let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut docs: Vec<(&str, &str)> = Vec::new();
        for n in &self.notes {
            if !docs.iter().any(|(d, _)| *d == n.doc) {
                docs.push((&n.doc, &n.title));
            }
        }
        docs.sort_by(|a, b| a.1.to_lowercase().cmp(&b.1.to_lowercase()).then(a.0.cmp(b.0)));
        let mut out = format!("# Notes\n\n{} notes on {} documents.\n", self.notes.len(), docs.len());
        for (doc, title) in docs {
            let title = if title.trim().is_empty() { doc } else { title };
            out.push_str(&format!(
                "\n## {}\n\nDocument: {}\n",
                markdown_text(&one_line(title)),
                markdown_text(&one_line(doc))
            ));
            let mut notes: Vec<&Note> = self.of_doc(doc).collect();
            notes.sort_by_key(|n| n.anchor.start);
            for n in notes {
                out.push_str(&format!("\n> {}\n", markdown_text(&one_line(&n.anchor.exact))));
                if !n.text.trim().is_empty() {
                    out.push('\n');
                    for line in n.text.trim().lines() {
                        out.push_str(&markdown_text(line));
                        out.push_str("  \n");
                    }
                }
                let mut about = vec![format!("[passage]({})", link_text(&link(n)))];
                if !n.tags.is_empty() {
                    about.push(
                        n.tags
                            .iter()
                            .map(|t| format!("#{}", markdown_text(t)))
                            .collect::<Vec<_>>()
                            .join(" "),
                    );
                }
                let date: String = one_line(&n.updated).chars().take(10).collect();
                if !date.is_empty() {
                    about.push(markdown_text(&date));
                }
                out.push_str(&format!("\n{}\n", about.join(" · ")));
            }
        }
        out
    }
}

/// A link's address as a Markdown link carries it: spaces, brackets,
/// parentheses and control characters percent-encoded.
fn link_text(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '(' | ')' | '[' | ']' | '`' | '\\') {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A line of text that Markdown shows as written: its markup characters
/// escaped with a backslash.
fn markdown_text(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!' | '~') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor_at(text: &str, passage: &str) -> (TextAnchor, Span) {
        let start = text.find(passage).expect("the passage is in the text");
        let span = Span::new(start, start + passage.len());
        (TextAnchor::of(text, span).expect("an anchor"), span)
    }

    #[test]
    fn an_anchor_keeps_the_passage_and_32_characters_of_context_in_any_script() {
        let text = "Ünïcödé\u{a0}text: שלום עולם 👩‍⚕️ and e\u{301}tude, then the passage we cite, then more text after it to be cut.";
        let (a, span) = anchor_at(text, "the passage we cite");
        assert_eq!(a.exact, "the passage we cite");
        assert_eq!(a.prefix.chars().count(), CONTEXT_CHARS);
        assert!(text[..span.start].ends_with(&a.prefix));
        assert_eq!(a.suffix, ", then more text after it to be ");
        assert_eq!(a.start, text[..span.start].chars().count());
        // Context shorter than 32 characters at the ends of the text.
        let (a, _) = anchor_at("שלום עולם", "שלום");
        assert_eq!((a.prefix.as_str(), a.suffix.as_str(), a.start), ("", " עולם", 0));
        // Not on a char boundary, or empty: no anchor.
        assert_eq!(TextAnchor::of("é", Span::new(1, 2)), None);
        assert_eq!(TextAnchor::of("abc", Span::new(1, 1)), None);
    }

    #[test]
    fn table_of_passages_found_again() {
        let old = "The board met in May.\u{a0}Palantir won the contract. The board met in June. Palantir won again.";
        // (the body now, the passage noted in `old`, where it is now or none, moved)
        let cases: &[(&str, &str, Option<&str>, bool)] = &[
            // Unchanged: where it was.
            (old, "Palantir won the contract", Some("Palantir won the contract"), false),
            // Text added before: found by its text, at its new place.
            (
                "UPDATED 👩‍⚕️ שלום. The board met in May.\u{a0}Palantir won the contract. The board met in June. Palantir won again.",
                "Palantir won the contract",
                Some("Palantir won the contract"),
                true,
            ),
            // The passage occurs twice: the context chooses (June, not May).
            (
                "Intro. The board met in May.\u{a0}Palantir won the contract. The board met in June. Palantir won again.",
                "The board met in June",
                Some("The board met in June"),
                true,
            ),
            // Lines wrapped again: whitespace runs are one space.
            (
                "The board met in May. Palantir won\n  the contract. The board met in June. Palantir won again.",
                "Palantir won the contract",
                Some("Palantir won\n  the contract"),
                true,
            ),
            // The passage's own words changed: not found.
            (
                "The board met in May. Palantir lost the contract. The board met in June.",
                "Palantir won the contract",
                None,
                false,
            ),
            // Gone.
            ("Another text entirely.", "The board met in May", None, false),
        ];
        // All of them at once, as a document's notes are found: as one by one.
        let anchors: Vec<TextAnchor> = cases.iter().map(|(_, p, _, _)| anchor_at(old, p).0).collect();
        let refs: Vec<&TextAnchor> = anchors.iter().collect();
        for (now, _, _, _) in cases {
            let one_by_one: Vec<Option<Located>> = anchors.iter().map(|a| a.locate(now)).collect();
            assert_eq!(locate_all(&refs, now), one_by_one, "{now:?}");
        }
        for (now, passage, expected, moved) in cases {
            let (anchor, _) = anchor_at(old, passage);
            let got = anchor.locate(now);
            match expected {
                Some(e) => {
                    let got = got.unwrap_or_else(|| panic!("{passage:?} not found in {now:?}"));
                    assert_eq!(got.span.of(now), *e, "{now:?}");
                    assert_eq!(got.moved, *moved, "{now:?}");
                }
                None => assert_eq!(got, None, "{now:?}"),
            }
        }
    }

    #[test]
    fn a_repeated_passage_whose_context_changed_everywhere_is_not_guessed() {
        let (anchor, _) = anchor_at("a x b. c x d.", "x");
        // Two places, only spaces alike: not found rather than a guess.
        assert_eq!(anchor.locate("11 x 2. 3 x 4."), None);
        // One place: found with a little context alike; a short passage
        // with none is not pinned to an unrelated copy of its words.
        assert_eq!(anchor.locate("only a x b. here").map(|l| l.span), Some(Span::new(7, 8)));
        assert_eq!(anchor.locate("only x here"), None);
        // A place inside a grapheme is no place: not "Zoe" in "Zoë".
        let (zoe, _) = anchor_at("Hi Zoe, hello.", "Zoe");
        let text = "Zoe\u{308} and then Hi Zoe, hello.";
        assert_eq!(zoe.locate(text).map(|l| l.span.start), Some(text.rfind("Zoe").unwrap()));
        assert_eq!(zoe.locate("Hi Zoe\u{308}, hello."), None);
        // Among equals, the nearest to where it was.
        let around = |start| TextAnchor {
            exact: "x".into(),
            prefix: "q ".into(),
            suffix: " q".into(),
            start,
        };
        assert_eq!(around(5).locate("q x q x q").map(|l| l.span), Some(Span::new(6, 7)));
        assert_eq!(around(1).locate("q x q x q").map(|l| l.span), Some(Span::new(2, 3)));
    }

    #[test]
    fn a_passage_of_one_word_in_a_long_repetitive_text_is_found_in_bounded_time() {
        let text = "word ".repeat(200_000);
        let (mut anchor, _) = anchor_at(&text, "word");
        anchor.start = 999_999_999;
        // 200,000 places, the MAX_CANDIDATES nearest where it was (the
        // end) weighed: the nearest with all its context alike is chosen.
        let found = anchor.locate(&text).expect("found");
        assert_eq!(found.span.of(&text), "word");
        assert!(found.span.start > text.len() - MAX_CANDIDATES * 5, "{found:?}");
        assert!(text[found.span.end..].starts_with(&anchor.suffix));
        // A note where it was, after 190,000 copies, with the text
        // shifted: found at its own copy, not at an early one.
        let at = 190_000 * 5;
        let mut late = TextAnchor::of(&text, Span::new(at, at + 4)).expect("an anchor");
        late.prefix = "word word word word word ".into();
        let shifted = format!("x {text}");
        let found = late.locate(&shifted).expect("found");
        assert_eq!(found.span.start, at + 2);
    }

    fn note(id: &str, doc: &str, text: &str, tags: &[&str], updated: &str) -> Note {
        Note {
            id: id.into(),
            doc: doc.into(),
            title: format!("Title of {doc}"),
            anchor: TextAnchor {
                exact: format!("passage of {id}"),
                prefix: String::new(),
                suffix: String::new(),
                start: 0,
            },
            text: text.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            created: updated.into(),
            updated: updated.into(),
        }
    }

    #[test]
    fn table_of_tags_as_typed() {
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("nhs, palantir", &["nhs", "palantir"]),
            (" #NHS ,nhs,, #  ", &["NHS"]),
            ("שלום, e\u{301}tude,👩‍⚕️", &["שלום", "e\u{301}tude", "👩‍⚕️"]),
        ];
        for (input, expected) in cases {
            assert_eq!(tags_of(input), *expected, "{input:?}");
        }
        let long = "x".repeat(100);
        assert_eq!(tags_of(&long)[0].chars().count(), MAX_TAG_CHARS);
        let many: Vec<String> = (0..50).map(|i| i.to_string()).collect();
        assert_eq!(tags_of(&many.join(",")).len(), MAX_TAGS);
    }

    #[test]
    fn search_needs_every_word_and_every_tag() {
        let mut book = Notebook::default();
        book.put(note("a", "d1", "Thiel's role in the bid", &["people", "palantir"], "2026-01-02"))
            .unwrap();
        book.put(note("b", "d2", "The £330m figure again", &["money"], "2026-01-03"))
            .unwrap();
        book.put(note("c", "d1", "Protest at the BMA", &["Palantir"], "2026-01-01"))
            .unwrap();
        let ids = |notes: Vec<&Note>| notes.iter().map(|n| n.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(book.search("", &[])), ["b", "a", "c"]);
        assert_eq!(ids(book.search("THIEL bid", &[])), ["a"]);
        assert_eq!(ids(book.search("£330m", &[])), ["b"]);
        // The passage, the title and tags are searched too.
        assert_eq!(ids(book.search("passage of c", &[])), ["c"]);
        assert_eq!(ids(book.search("title d2", &[])), ["b"]);
        assert_eq!(ids(book.search("money", &[])), ["b"]);
        assert_eq!(ids(book.search("", &["palantir".into()])), ["a", "c"]);
        assert_eq!(ids(book.search("", &["palantir".into(), "people".into()])), ["a"]);
        assert_eq!(ids(book.search("nothing", &[])), Vec::<String>::new());
        assert_eq!(
            book.tag_counts(),
            [("palantir".to_string(), 2), ("money".into(), 1), ("people".into(), 1)]
        );
    }

    #[test]
    fn json_round_trips_and_a_bad_file_or_note_says_why() {
        let mut book = Notebook::default();
        book.put(note(
            "a",
            "d1",
            "שלום 👩‍⚕️ \"quoted\"\n<b>not html</b>",
            &["x"],
            "2026-01-02T10:00:00Z",
        ))
        .unwrap();
        book.put(note("b", "d/2", "", &[], "2026-01-03T10:00:00Z")).unwrap();
        let json = book.to_json();
        assert_eq!(Notebook::from_json(&json), Ok((book.clone(), vec![])));
        for (bad, says) in [
            ("", "not a Quire notes file"),
            ("[]", "not a Quire notes file"),
            (r#"{"format":"other","version":1,"notes":[]}"#, "its format is “other”"),
            (r#"{"format":"quire-notes","version":9,"notes":[]}"#, "version 9"),
        ] {
            let e = Notebook::from_json(bad).expect_err(bad);
            assert!(e.contains(says), "{bad}: {e}");
        }
        // One bad note is left out, with its number; the others are kept.
        let mixed = json.replacen(r#""exact": "passage of b""#, r#""exact": "  ""#, 1);
        let (kept, problems) = Notebook::from_json(&mixed).expect("readable");
        assert_eq!(kept.notes.len(), 1);
        assert_eq!(problems, ["Note 2: its passage is empty or longer than 5000 characters."]);
        // Control characters in ids and dates are refused (a Markdown
        // export could not carry them as text).
        let hostile = json.replacen(r#""doc": "d/2""#, r#""doc": "x\n\n<img src=x onerror=alert(1)>""#, 1);
        assert!(Notebook::from_json(&hostile).expect("readable").1[0].contains("control characters"));
        let twice = json.replacen(r#""id": "b""#, r#""id": "a""#, 1);
        assert_eq!(Notebook::from_json(&twice).expect("readable").1, ["Note 2: its id is used twice."]);
        let wrong_type = json.replacen(r#""tags": []"#, r#""tags": 7"#, 1);
        assert!(Notebook::from_json(&wrong_type).expect("readable").1[0].starts_with("Note 2: invalid type"));
    }

    #[test]
    fn merge_keeps_the_newer_copy_and_adds_the_rest() {
        let mut book = Notebook::default();
        book.put(note("a", "d1", "old", &[], "2026-01-01")).unwrap();
        book.put(note("b", "d1", "newer here", &[], "2026-03-01")).unwrap();
        let mut other = Notebook::default();
        other.put(note("a", "d1", "new", &[], "2026-02-01")).unwrap();
        other.put(note("b", "d1", "older there", &[], "2026-02-01")).unwrap();
        other.put(note("c", "d2", "added", &[], "2026-02-01")).unwrap();
        assert_eq!(
            book.merge(other),
            Merged {
                added: 1,
                updated: 1,
                kept: 1,
                refused: 0
            }
        );
        let texts: Vec<&str> = book.notes.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(texts, ["new", "newer here", "added"]);
        book.remove("a");
        assert_eq!(book.notes.len(), 2);
        // A full notebook refuses new notes, by merge or by hand, and
        // says so; changing one it holds still works.
        let mut many = Notebook::default();
        for i in 0..MAX_NOTES + 1 {
            many.notes.push(note(&format!("m{i}"), "d", "", &[], "2026-01-01"));
        }
        let mut full = Notebook::default();
        let merged = full.merge(many);
        assert_eq!((merged.added, merged.refused), (MAX_NOTES, 1));
        assert!(full
            .put(note("new", "d", "", &[], "2026-01-01"))
            .unwrap_err()
            .contains("10000 notes already"));
        assert!(full.put(note("m0", "d", "changed", &[], "2026-01-02")).is_ok());
        // A note no file could carry is refused too.
        assert!(book.put(note("", "d", "", &[], "x")).is_err());
    }

    #[test]
    fn markdown_has_a_section_per_document_and_escapes_markup() {
        let mut book = Notebook::default();
        book.put(note("b", "d2", "*not bold*\nsecond line", &["x"], "2026-01-03T10:00:00Z"))
            .unwrap();
        book.put(note("a", "d1", "", &[], "2026-01-02T10:00:00Z")).unwrap();
        book.put(note("c", "<img src=x>", "", &[], "<b>2026</b>-01")).unwrap();
        let md = book.to_markdown(|n| format!("?doc={}&sel=0-5 (x)", n.doc));
        assert!(md.starts_with("# Notes\n\n3 notes on 3 documents.\n"), "{md}");
        assert!(md.contains("Document: \\<img src=x\\>\n"), "{md}");
        assert!(md.contains(" · \\<b\\>2026\\</b"), "{md}");
        assert!(md.contains("[passage](?doc=%3Cimg%20src=x%3E&sel=0-5%20%28x%29)"), "{md}");
        let d1 = md.find("## Title of d1").expect("d1");
        let d2 = md.find("## Title of d2").expect("d2");
        assert!(d1 < d2, "by title");
        assert!(md.contains("\\*not bold\\*  \nsecond line  \n"), "{md}");
        assert!(md.contains("[passage](?doc=d2&sel=0-5%20%28x%29) · #x · 2026-01-03"), "{md}");
        assert!(md.contains("> passage of a\n"), "{md}");
    }
}
