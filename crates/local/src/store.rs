//! The origin private file system (OPFS), from the page and from the
//! worker: folders, and whole files read and written. Every failure is a
//! message saying what could not be done.

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    FileSystemDirectoryHandle, FileSystemFileHandle, FileSystemGetDirectoryOptions, FileSystemGetFileOptions, FileSystemRemoveOptions,
    FileSystemWritableFileStream, StorageManager,
};

use crate::{Library, LIBRARY};

/// A folder of the private file system.
#[derive(Clone)]
pub struct Folder(FileSystemDirectoryHandle);

/// A JavaScript failure (an exception, an error event) as words.
pub fn why(e: &JsValue) -> String {
    let text = |key: &str| Reflect::get(e, &key.into()).ok().and_then(|v| v.as_string());
    match (text("name"), text("message")) {
        (_, Some(m)) if !m.is_empty() => m,
        (Some(n), _) => n,
        _ => format!("{e:?}"),
    }
}

fn not_found(e: &JsValue) -> bool {
    Reflect::get(e, &"name".into()).ok().and_then(|v| v.as_string()).as_deref() == Some("NotFoundError")
}

impl Folder {
    /// The top folder: fails where the browser keeps no private files
    /// (a page opened from disk, a private window of some browsers).
    pub async fn root() -> Result<Folder, String> {
        let storage = Reflect::get(&js_sys::global(), &"navigator".into())
            .and_then(|n| Reflect::get(&n, &"storage".into()))
            .ok()
            .filter(|s| !s.is_undefined() && Reflect::has(s, &"getDirectory".into()).unwrap_or(false))
            .ok_or("this browser keeps no private files for this page")?;
        let root = JsFuture::from(storage.unchecked_into::<StorageManager>().get_directory())
            .await
            .map_err(|e| format!("the browser's private storage cannot be opened ({})", why(&e)))?;
        Ok(Folder(root.unchecked_into()))
    }

    /// The folder `name` in this one, made if `create`; `None` if absent.
    pub async fn folder(&self, name: &str, create: bool) -> Result<Option<Folder>, String> {
        let options = FileSystemGetDirectoryOptions::new();
        options.set_create(create);
        match JsFuture::from(self.0.get_directory_handle_with_options(name, &options)).await {
            Ok(handle) => Ok(Some(Folder(handle.unchecked_into()))),
            Err(e) if not_found(&e) => Ok(None),
            Err(e) => Err(format!("the folder {name} cannot be opened ({})", why(&e))),
        }
    }

    /// The bytes of file `name`; `None` if there is none.
    pub async fn read(&self, name: &str) -> Result<Option<Vec<u8>>, String> {
        let handle: FileSystemFileHandle = match JsFuture::from(self.0.get_file_handle(name)).await {
            Ok(h) => h.unchecked_into(),
            Err(e) if not_found(&e) => return Ok(None),
            Err(e) => return Err(format!("{name} cannot be opened ({})", why(&e))),
        };
        // Removed since its handle was taken (another tab's change): absent.
        let bytes = async {
            let file: web_sys::File = JsFuture::from(handle.get_file()).await?.unchecked_into();
            JsFuture::from(file.array_buffer()).await
        };
        match bytes.await {
            Ok(buffer) => Ok(Some(Uint8Array::new(&buffer).to_vec())),
            Err(e) if not_found(&e) => Ok(None),
            Err(e) => Err(format!("{name} cannot be read ({})", why(&e))),
        }
    }

    /// Writes `bytes` as file `name`, replacing what was there.
    pub async fn write(&self, name: &str, bytes: &[u8]) -> Result<(), String> {
        let failed = |e: JsValue| format!("{name} cannot be written ({})", why(&e));
        let options = FileSystemGetFileOptions::new();
        options.set_create(true);
        let handle: FileSystemFileHandle = JsFuture::from(self.0.get_file_handle_with_options(name, &options))
            .await
            .map_err(failed)?
            .unchecked_into();
        let stream: FileSystemWritableFileStream = JsFuture::from(handle.create_writable()).await.map_err(failed)?.unchecked_into();
        // A copy in JavaScript's memory: the write may read it after
        // this call returns, when the wasm memory may have moved.
        let copy = Uint8Array::from(bytes);
        JsFuture::from(stream.write_with_buffer_source(&copy).map_err(failed)?)
            .await
            .map_err(failed)?;
        JsFuture::from(stream.close()).await.map_err(failed)?;
        Ok(())
    }

    /// The names of everything in this folder.
    pub async fn names(&self) -> Result<Vec<String>, String> {
        let failed = |e: JsValue| format!("a folder cannot be listed ({})", why(&e));
        let entries = self.0.keys();
        let mut names = Vec::new();
        loop {
            let next = JsFuture::from(entries.next().map_err(failed)?).await.map_err(failed)?;
            if Reflect::get(&next, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(true) {
                return Ok(names);
            }
            if let Some(name) = Reflect::get(&next, &"value".into()).ok().and_then(|v| v.as_string()) {
                names.push(name);
            }
        }
    }

    /// Removes `name` (a file, or a folder with everything in it); nothing
    /// if it is not there.
    pub async fn remove(&self, name: &str) -> Result<(), String> {
        let options = FileSystemRemoveOptions::new();
        options.set_recursive(true);
        match JsFuture::from(self.0.remove_entry_with_options(name, &options)).await {
            Ok(_) => Ok(()),
            Err(e) if not_found(&e) => Ok(()),
            Err(e) => Err(format!("{name} cannot be removed ({})", why(&e))),
        }
    }
}

/// The library kept in folder `name` (of the top folder), and the folder;
/// an empty library if there is none yet. With `create`, the folder is
/// made if missing.
pub async fn library(name: &str, create: bool) -> Result<(Library, Option<Folder>), String> {
    let Some(folder) = Folder::root().await?.folder(name, create).await? else {
        return Ok((Library::default(), None));
    };
    let library = match folder.read(LIBRARY).await? {
        Some(bytes) => Library::decode(&bytes)?,
        None => Library::default(),
    };
    Ok((library, Some(folder)))
}
