//! Where the reader's notes are kept: this browser's `localStorage`, one
//! entry per page folder and corpus (the page's own, or your documents),
//! as the notes file's JSON. Never sent anywhere.

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

/// What reading the notes entry gave.
pub struct Loaded {
    pub book: Notebook,
    /// What went wrong, to be shown until the page is left.
    pub problem: Option<String>,
    /// Whether the entry may be written over: not if it holds notes this
    /// page could not read and that are kept nowhere else.
    pub writable: bool,
}

/// The notes kept under `key` (none yet: an empty notebook).
/// - An entry this version cannot read at all is left as it is, and
///   never written over (notes made now are not kept, and said so).
/// - Notes of it that cannot be read are said, and the entry as it was
///   is copied once to `<key>:unread` before anything is written over it.
pub fn load(key: &str) -> Loaded {
    let storage = match storage() {
        Ok(s) => s,
        Err(why) => {
            return Loaded {
                book: Notebook::default(),
                problem: Some(why),
                writable: false,
            }
        }
    };
    let Some(text) = storage.get_item(key).ok().flatten() else {
        return Loaded {
            book: Notebook::default(),
            problem: None,
            writable: true,
        };
    };
    match Notebook::from_json(&text) {
        Ok((book, problems)) if problems.is_empty() => Loaded {
            book,
            problem: None,
            writable: true,
        },
        Ok((book, problems)) => {
            let aside = format!("{key}:unread");
            let kept = match storage.get_item(&aside).ok().flatten() {
                Some(old) if old == text => true,
                Some(_) => storage.set_item(&format!("{aside}:{}", now()), &text).is_ok(),
                None => storage.set_item(&aside, &text).is_ok(),
            };
            let whereto = if kept {
                format!("The notes as they were are copied to this browser's storage entry “{aside}”.")
            } else {
                "They could not be copied aside, so nothing is written over them: notes made now are not kept.".into()
            };
            Loaded {
                book,
                problem: Some(format!(
                    "Some notes kept in this browser could not be read, and are not shown. {} {whereto}",
                    problems.join(" ")
                )),
                writable: kept,
            }
        }
        Err(why) => Loaded {
            book: Notebook::default(),
            problem: Some(format!(
                "The notes kept in this browser for this page could not be read: {why} They are left as they are, and notes made now are not kept."
            )),
            writable: false,
        },
    }
}

/// Keeps `book` under `key`.
pub fn save(key: &str, book: &Notebook) -> Result<(), String> {
    storage()?.set_item(key, &book.to_compact_json()).map_err(|_| {
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
