//! Browser glue: reading the URL, reporting a crash to the page, scrolling,
//! timers and downloads. Nothing here builds HTML from strings.

pub mod local;
pub mod notes;

use wasm_bindgen::JsCast;
use web_sys::{Element, ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition};

use crate::url_state::UrlState;

/// The state described by a raw query string, decoded by the browser.
pub fn url_state(search: &str) -> UrlState {
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(search) else {
        return UrlState::default();
    };
    let mut pairs: Vec<(String, String)> = Vec::new();
    if let Ok(Some(entries)) = js_sys::try_iter(&params.entries()) {
        for entry in entries.flatten() {
            let pair: js_sys::Array = entry.unchecked_into();
            if let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
                pairs.push((k, v));
            }
        }
    }
    UrlState::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// The page's query string (`?…`), read outside the router.
pub fn location_search() -> String {
    web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

/// Loads the page again, from its current URL.
pub fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// Shows panics in the page instead of leaving it blank: the panic is
/// reported to `public/boot.js` as a `quire-crash` event, whose crash
/// panel says what happened and offers a way back (the app cannot: after a
/// panic it no longer runs).
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let Some(window) = web_sys::window() else {
            return;
        };
        dispatch(&window, "quire-crash", &wasm_bindgen::JsValue::from_str(&info.to_string()));
    }));
}

/// Tells `public/boot.js` something: an event `name` on the window with
/// `detail`.
fn dispatch(window: &web_sys::Window, name: &str, detail: &wasm_bindgen::JsValue) {
    let init = web_sys::CustomEventInit::new();
    init.set_detail(detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = window.dispatch_event(&event);
    }
}

/// A corpus file by name: in the single-file build, from the page itself
/// (see [`embedded_file`]); otherwise fetched from `data/` beside the page.
/// Either way the engine checks it against the hash in its name.
pub async fn corpus_file(name: String) -> Result<Vec<u8>, String> {
    if local::reading() {
        return local::corpus_file(&name).await;
    }
    match embedded_file(&name) {
        Some(text) => quire_engine::index::embed::decode(&name, &text),
        None => fetch_bytes(format!("{}{name}", crate::corpus::DATA)).await,
    }
}

/// Hands a corpus file the engine took (its hash checked) to
/// `public/boot.js`, as a `quire-keep` event, for the service worker to
/// keep for offline use. Not in the single-file build, which has it.
pub fn keep(name: &str, bytes: &[u8]) {
    if single_file() || local::reading() {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    let detail = js_sys::Object::new();
    let name = wasm_bindgen::JsValue::from_str(&format!("{}{name}", crate::corpus::DATA));
    let set = js_sys::Reflect::set(&detail, &"name".into(), &name)
        .and_then(|_| js_sys::Reflect::set(&detail, &"bytes".into(), &js_sys::Uint8Array::from(bytes)));
    if set.is_ok() {
        dispatch(&window, "quire-keep", &detail);
    }
}

/// Tells `public/boot.js` (a `quire-current` event) every corpus file of
/// this build, so the service worker drops the ones older builds left in
/// its cache. Not in the single-file build.
pub fn keep_only(names: &[String]) {
    if single_file() || local::reading() {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    let list: js_sys::Array = names
        .iter()
        .map(|n| wasm_bindgen::JsValue::from_str(&format!("{}{n}", crate::corpus::DATA)))
        .collect();
    dispatch(&window, "quire-current", &list);
}

thread_local! {
    /// The single-file build's data blocks by file name (empty in the
    /// normal build): looked up once.
    static BLOCKS: std::collections::HashMap<String, Element> = {
        let mut blocks = std::collections::HashMap::new();
        if let Some(list) = document().and_then(|d| d.query_selector_all("script[data-quire-file]").ok()) {
            for i in 0..list.length() {
                if let Some(element) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    if let Some(name) = element.get_attribute("data-quire-file") {
                        blocks.insert(name, element);
                    }
                }
            }
        }
        blocks
    };
}

/// Whether this page is the single-file build, its corpus inside it.
fn single_file() -> bool {
    BLOCKS.with(|blocks| !blocks.is_empty())
}

/// The text of the data block carrying corpus file `name` in the
/// single-file build (`<script type="application/octet-stream"
/// data-quire-file="NAME">`, base64), or `None` in the normal build. In a
/// single file, a name it lacks gives an empty text (an error, not a fetch
/// the page's policy would refuse).
fn embedded_file(name: &str) -> Option<String> {
    BLOCKS.with(|blocks| {
        if blocks.is_empty() {
            return None;
        }
        Some(blocks.get(name).and_then(|e| e.text_content()).unwrap_or_default())
    })
}

/// How long a fetch may go without receiving a byte (its response, or
/// the next piece of its body) before it is given up: a stalled
/// connection then gets a message and "Try again", not "Loading…"
/// forever. A slow file that keeps arriving is never cut.
pub const STALL_MS: i32 = 20_000;

/// The bytes of a file fetched from `url` (relative to the page), or a
/// message saying what went wrong. Given up after [`STALL_MS`] without a
/// byte.
pub async fn fetch_bytes(url: String) -> Result<Vec<u8>, String> {
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or_else(|| format!("{url} could not be fetched (no window)"))?;
    let controller = web_sys::AbortController::new().map_err(|_| format!("{url} could not be fetched (no AbortController)"))?;
    let stalled = Rc::new(Cell::new(false));
    let abort = {
        let (controller, stalled) = (controller.clone(), stalled.clone());
        Closure::<dyn Fn()>::new(move || {
            stalled.set(true);
            controller.abort();
        })
    };
    // The stall timer, started again whenever bytes arrive, and cleared
    // however this ends (before `abort` is dropped); the request is
    // aborted too, so a response not read to its end (an HTTP error, or
    // a caller that stopped waiting) does not go on downloading.
    let timer = Cell::new(None::<i32>);
    let _disarm = Disarm(&window, &timer, &controller);
    let rearm = || {
        if let Some(t) = timer.take() {
            window.clear_timeout_with_handle(t);
        }
        timer.set(
            window
                .set_timeout_with_callback_and_timeout_and_arguments_0(abort.as_ref().unchecked_ref(), STALL_MS)
                .ok(),
        );
    };
    let failed = |e: wasm_bindgen::JsValue| {
        if stalled.get() {
            return format!("{url} could not be fetched (nothing received for {} s)", STALL_MS / 1000);
        }
        let why = e
            .dyn_ref::<js_sys::Error>()
            .map_or_else(|| format!("{e:?}"), |e| String::from(e.message()));
        format!("{url} could not be fetched ({why})")
    };
    let read = async {
        rearm();
        let init = web_sys::RequestInit::new();
        init.set_signal(Some(&controller.signal()));
        let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(&url, &init))
            .await
            .map_err(failed)?
            .unchecked_into();
        if !response.ok() {
            return Err(format!(
                "{url} could not be fetched (HTTP {} {})",
                response.status(),
                response.status_text()
            ));
        }
        let Some(body) = response.body() else {
            return Ok(Vec::new());
        };
        let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
        let mut bytes = Vec::new();
        loop {
            rearm();
            let chunk = JsFuture::from(reader.read()).await.map_err(failed)?;
            let done = js_sys::Reflect::get(&chunk, &"done".into()).map_err(failed)?;
            if done.as_bool() == Some(true) {
                return Ok(bytes);
            }
            let value: js_sys::Uint8Array = js_sys::Reflect::get(&chunk, &"value".into()).map_err(failed)?.unchecked_into();
            // Copied once, from the chunk into the end of `bytes`.
            let (at, n) = (bytes.len(), value.length() as usize);
            bytes.resize(at + n, 0);
            value.copy_to(&mut bytes[at..]);
        }
    };
    read.await
}

/// Clears a pending timer and aborts the request when dropped (an abort
/// after the body was read to its end does nothing).
struct Disarm<'a>(&'a web_sys::Window, &'a std::cell::Cell<Option<i32>>, &'a web_sys::AbortController);

impl Drop for Disarm<'_> {
    fn drop(&mut self) {
        if let Some(t) = self.1.take() {
            self.0.clear_timeout_with_handle(t);
        }
        self.2.abort();
    }
}

/// The page's address without its query: what query-only links resolve
/// against.
pub fn page_url() -> String {
    web_sys::window()
        .and_then(|w| {
            let l = w.location();
            // Not `origin`: a page opened from disk has the opaque "null".
            Some(format!("{}//{}{}", l.protocol().ok()?, l.host().ok()?, l.pathname().ok()?))
        })
        .unwrap_or_default()
}

/// The markup of the element with this id, as the page shows it now (a
/// chart to save as SVG).
pub fn outer_html(id: &str) -> Option<String> {
    Some(document()?.get_element_by_id(id)?.outer_html())
}

/// Offers `text` as a file to save, made in the page (nothing is sent).
pub fn download(name: &str, mime: &str, text: &str) {
    let Some(document) = document() else { return };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = document.create_element("a") {
        let _ = a.set_attribute("href", &url);
        let _ = a.set_attribute("download", name);
        if let Some(body) = document.body() {
            let _ = body.append_child(&a);
            if let Some(a) = a.dyn_ref::<web_sys::HtmlElement>() {
                a.click();
            }
            let _ = body.remove_child(&a);
        }
    }
    // Revoked later: the download reads the blob after the click returns.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Every element matching `selector`.
fn select_all(selector: &str) -> Vec<Element> {
    let Some(list) = document().and_then(|d| d.query_selector_all(selector).ok()) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

/// Whether an element matches `selector`.
pub fn exists(selector: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .is_some()
}

/// Brings the first element matching `selector` into view: always when
/// `always`, else only if it is not already wholly on screen.
pub fn reveal(selector: &str, always: bool) {
    let Some(el) = select_all(selector).into_iter().next() else {
        return;
    };
    if always || !on_screen(&el) {
        scroll_to(&el);
    }
}

/// Moves the focus to the first element matching `selector` once the
/// page is drawn (after the change that makes it).
pub fn focus_soon(selector: &str) {
    let selector = selector.to_string();
    leptos::prelude::request_animation_frame(move || {
        if let Some(el) = select_all(&selector)
            .into_iter()
            .next()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

fn on_screen(el: &Element) -> bool {
    let Some(height) = web_sys::window().and_then(|w| w.inner_height().ok()).and_then(|h| h.as_f64()) else {
        return false;
    };
    let rect = el.get_bounding_client_rect();
    // Below the sticky top bar and within the window.
    rect.top() >= 64.0 && rect.bottom() <= height
}

fn scroll_to(el: &Element) {
    let options = ScrollIntoViewOptions::new();
    options.set_block(ScrollLogicalPosition::Center);
    options.set_behavior(ScrollBehavior::Auto);
    el.scroll_into_view_with_scroll_into_view_options(&options);
}

/// Whether a key press happened in a text field, where letters are typing.
pub fn typing_in_field(ev: &web_sys::KeyboardEvent) -> bool {
    let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return false;
    };
    matches!(target.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || ev.ctrl_key() || ev.meta_key() || ev.alt_key()
}

/// The closest ancestor of an event's target matching `selector`.
pub fn closest(ev: &web_sys::Event, selector: &str) -> Option<Element> {
    ev.target()?.dyn_into::<Element>().ok()?.closest(selector).ok()?
}

/// Milliseconds since the page started, from `performance.now()`.
fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Resolves in a later task, after the browser has had a chance to paint
/// and to handle input.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Lets a long engine computation (a comparison) run in slices of about
/// a frame: at a pause due, it reports the progress, yields to the
/// browser, and goes on only while `alive` (the view that asked is still
/// shown).
pub struct FramePause<F> {
    alive: std::sync::Arc<std::sync::atomic::AtomicBool>,
    report: F,
    since: f64,
}

/// The work done between two yields to the browser, in milliseconds.
const SLICE_MS: f64 = 12.0;

impl<F: FnMut(quire_engine::Progress)> FramePause<F> {
    pub fn new(alive: std::sync::Arc<std::sync::atomic::AtomicBool>, report: F) -> Self {
        FramePause {
            alive,
            report,
            since: now_ms(),
        }
    }
}

impl<F: FnMut(quire_engine::Progress)> quire_engine::Pause for FramePause<F> {
    async fn pause(&mut self, progress: quire_engine::Progress) -> bool {
        if now_ms() - self.since >= SLICE_MS {
            (self.report)(progress);
            next_task().await;
            self.since = now_ms();
        }
        self.alive.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// Runs `job` until it first waits: its output if it finished (a short
/// job is done at once, with nothing shown in between), else `None`, and
/// the rest runs as a browser task that hands its output to `done`.
pub fn run_or_spawn<T: 'static>(job: impl std::future::Future<Output = T> + 'static, done: impl FnOnce(T) + 'static) -> Option<T> {
    use std::task::{Context, Poll, Waker};
    let mut job = Box::pin(job);
    match job.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(out) => Some(out),
        Poll::Pending => {
            leptos::task::spawn_local(async move { done(job.await) });
            None
        }
    }
}

/// What the reader has selected, as the reader view measures it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Selected {
    /// Nothing of the text: the selection is elsewhere (the cite bar's
    /// link, the margin) and the passage chosen stands.
    Outside,
    /// Nothing: a click in the text.
    Nothing,
    /// Bytes of the body.
    Bytes(usize, usize),
}

/// The bytes of the body the reader has selected in `container`, whose
/// blocks carry `data-at` and `data-end` (the bytes where their text
/// starts and ends). The text before an end in its block, as the page
/// shows it, is the body's text there; an end between blocks (a drag
/// from the margin, a triple click) is the next block's start, or the
/// last one's end.
pub fn selected_bytes(container: &str) -> Selected {
    selection_in(container).unwrap_or(Selected::Outside)
}

fn selection_in(container: &str) -> Option<Selected> {
    let window = web_sys::window()?;
    let selection = window.get_selection().ok()??;
    let doc = document()?;
    let container = doc.query_selector(container).ok()??;
    let anchor = selection.anchor_node()?;
    if !container.contains(Some(&anchor)) {
        return Some(Selected::Outside);
    }
    if selection.is_collapsed() || selection.range_count() == 0 {
        return Some(Selected::Nothing);
    }
    let range = selection.get_range_at(0).ok()?;
    let number = |e: &web_sys::Element, name: &str| -> Option<usize> { e.get_attribute(name)?.parse().ok() };
    let at = |node: web_sys::Node, offset: u32| -> Option<usize> {
        let element = match node.dyn_ref::<web_sys::Element>() {
            Some(e) => e.clone(),
            None => node.parent_element()?,
        };
        if let Some(block) = element.closest("[data-at]").ok()? {
            let before = doc.create_range().ok()?;
            before.set_start(&block, 0).ok()?;
            before.set_end(&node, offset).ok()?;
            return Some(number(&block, "data-at")? + String::from(before.to_string()).len());
        }
        // Between blocks: the first block from the child at `offset` on.
        let blocks = element.query_selector_all("[data-at]").ok()?;
        let child = node.child_nodes().item(offset);
        for i in 0..blocks.length() {
            let block = blocks.item(i)?.dyn_into::<web_sys::Element>().ok()?;
            let after = match &child {
                Some(c) => {
                    c.contains(Some(&block)) || c.compare_document_position(&block) & web_sys::Node::DOCUMENT_POSITION_FOLLOWING != 0
                }
                None => false,
            };
            if after {
                return number(&block, "data-at");
            }
        }
        let last = blocks.item(blocks.length().checked_sub(1)?)?.dyn_into::<web_sys::Element>().ok()?;
        number(&last, "data-end")
    };
    let start = at(range.start_container().ok()?, range.start_offset().ok()?)?;
    let end = at(range.end_container().ok()?, range.end_offset().ok()?)?;
    Some(if start < end {
        Selected::Bytes(start, end)
    } else {
        Selected::Nothing
    })
}
