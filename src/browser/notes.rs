//! Where the reader's notes are kept: this browser's `localStorage`, one
//! entry per page folder and corpus (the page's own, or your documents),
//! as the notes file JSON. Never sent anywhere.

use quire_engine::Notebook;

/// The storage entry of this page's notes; `mine` for your documents.
pub fn key(mine: bool) -> String {
    format!("quire-notes:{}:{}", super::local::folder_name(), if mine { "mine" } else { "site" })
}

fn storage() -> Result<web_sys::Storage, String> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or_else(|| "This browser keeps no data for this page (storage is off or blocked), so notes cannot be kept.".to_string())
}

/// The notes kept under `key` (none yet: an empty notebook), and what
/// went wrong reading them. Kept notes this version cannot read are
/// copied aside as they were (`<key>:unread:<time>`), never lost, and
/// said so; the others are read. The flag says whether the entry may
/// be written (not if what it holds could not be kept aside).
pub fn load(key: &str) -> (Notebook, Option<String>, bool) {
    let storage = match storage() {
        Ok(s) => s,
        Err(why) => return (Notebook::default(), Some(why), false),
    };
    let Some(text) = storage.get_item(key).ok().flatten() else {
        return (Notebook::default(), None, true);
    };
    let (book, why) = match Notebook::from_json(&text) {
        Ok((book, problems)) if problems.is_empty() => return (book, None, true),
        Ok((book, problems)) => (book, problems.join(" ")),
        Err(e) => (Notebook::default(), e),
    };
    let aside = format!("{key}:unread:{}", now());
    let kept = storage.set_item(&aside, &text).is_ok();
    let whereto = if kept {
        format!("They were copied, as they were, to this browser's storage entry “{aside}”.")
    } else {
        "They could not be copied aside, so nothing is written over them: notes made now are not kept.".to_string()
    };
    (
        book,
        Some(format!("Some notes kept in this browser could not be read. {why} {whereto}")),
        kept,
    )
}

/// Keeps `book` under `key`.
pub fn save(key: &str, book: &Notebook) -> Result<(), String> {
    storage()?.set_item(key, &book.to_json()).map_err(|_| {
        "The notes could not be kept: this browser's storage for the page is full or blocked. Export them to keep a copy.".to_string()
    })
}

/// The time now, as ISO 8601 (UTC).
pub fn now() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// A new note's id: the time and a random number, in base 36.
pub fn new_id() -> String {
    let time = js_sys::Date::now() as u64;
    let random = (js_sys::Math::random() * 2f64.powi(40)) as u64;
    format!("n{}{}", base36(time), base36(random))
}

fn base36(mut n: u64) -> String {
    let mut digits = Vec::new();
    loop {
        digits.push(b"0123456789abcdefghijklmnopqrstuvwxyz"[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    digits.reverse();
    String::from_utf8(digits).unwrap_or_default()
}

/// The text of a file the reader picked.
pub async fn read_file(file: web_sys::File) -> Result<String, String> {
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|_| "The file could not be read.".to_string())?;
    text.as_string().ok_or_else(|| "The file is not text.".to_string())
}
