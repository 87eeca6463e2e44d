//! The single-file build: `quire.html`, the app and its corpus in one
//! HTML file that opens from disk (`file://`), where a browser refuses the
//! normal build's module scripts and integrity-checked files.
//!
//! It is made from a built folder (Trunk's output with the corpus in
//! `data/`): the page's `index.html` with Trunk's tags replaced by what
//! they point at.
//! - The stylesheet becomes a `<style>`, the icon a `data:` URL.
//! - The app's JavaScript (wasm-bindgen's module) and the starter
//!   (`public/boot.js`) become inline modules. The first also hands its
//!   `init` to the second (`globalThis.quireInit`).
//! - The wasm and every corpus file become data blocks:
//!   `<script type="application/octet-stream" id="quire-wasm">` and
//!   `data-quire-file="NAME"`, their bytes in base64. A data block is
//!   never run, so the policy does not apply to it; the app reads a
//!   corpus file from it instead of fetching `data/NAME`, and checks it
//!   against the hash in its name as it checks a fetched one.
//! - The page's Content-Security-Policy stays as strict: `'self'` (which
//!   a file on disk cannot use) is replaced by the hashes of the inline
//!   scripts and style; nothing is allowed by `'unsafe-inline'`, and the
//!   page may connect nowhere.

use std::fmt::Write as _;
use std::path::Path;

use base64::Engine as _;
use sha2::{Digest, Sha256};

/// Past this much corpus data the single file is not written by default:
/// the browser parses the whole file before anything shows (see README).
pub const DEFAULT_MAX_DATA: u64 = 64 << 20;

/// What went into a single file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The file's size.
    pub bytes: usize,
    /// The app's own files (wasm, JavaScript, CSS, icon), as stored.
    pub app_bytes: usize,
    /// The corpus's files, as stored (before base64), and how many.
    pub data_bytes: u64,
    pub data_files: usize,
}

/// Why no single file was made.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The corpus's data is past the limit: serve the folder instead.
    TooLarge { data_bytes: u64, limit: u64 },
    /// The folder is not a Quire build, or a file could not be read.
    Broken(String),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::TooLarge { data_bytes, limit } => write!(
                f,
                "quire.html not written: the corpus's data is {:.1} MB, past the single file's limit of {:.1} MB \
                 (a browser parses the whole file before anything shows); serve the folder instead, or raise --max-data-mb",
                mb(*data_bytes),
                mb(*limit)
            ),
            Refusal::Broken(why) => write!(f, "quire.html not written: {why}"),
        }
    }
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / (1u64 << 20) as f64
}

/// Reads the built folder `dist` (its `index.html`, the files it names,
/// and `data/`), and returns the single file's HTML.
pub fn build(dist: &Path, max_data: u64) -> Result<(String, Summary), Refusal> {
    let broken = |why: String| Refusal::Broken(why);
    let read = |name: &str| -> Result<Vec<u8>, Refusal> {
        let path = dist.join(local_name(name).ok_or_else(|| broken(format!("index.html names {name:?}, not a file beside it")))?);
        std::fs::read(&path).map_err(|e| broken(format!("{}: {e}", path.display())))
    };
    let text =
        |name: &str| -> Result<String, Refusal> { String::from_utf8(read(name)?).map_err(|_| broken(format!("{name} is not UTF-8"))) };
    // An inline script or style as the browser will hash it: its parser
    // turns CR LF and lone CR into LF (a checkout with Windows line endings
    // would otherwise be blocked by its own hashes).
    let inline = |name: &str| -> Result<String, Refusal> { Ok(text(name)?.replace("\r\n", "\n").replace('\r', "\n")) };
    let data = corpus_files(&dist.join("data")).map_err(broken)?;
    let data_bytes: u64 = data.iter().map(|(_, bytes)| bytes.len() as u64).sum();
    if data_bytes > max_data {
        return Err(Refusal::TooLarge {
            data_bytes,
            limit: max_data,
        });
    }
    let page = text("index.html")?;
    let tags = tags(&page);
    // The inline code is hashed as UTF-8: a page read in another encoding
    // (no charset declared, opened from disk) would not match.
    if !tags
        .iter()
        .any(|t| t.name == "meta" && t.attr("charset").is_some_and(|c| c.eq_ignore_ascii_case("utf-8")))
    {
        return Err(broken("index.html does not declare <meta charset=\"utf-8\">".to_string()));
    }
    let attr = |want_tag: &str, key: &str, value: &str, get: &str| -> Option<String> {
        tags.iter()
            .find(|t| t.name == want_tag && t.attr(key).is_some_and(|v| v.eq_ignore_ascii_case(value)))
            .and_then(|t| t.attr(get).map(str::to_string))
    };
    let missing = |what: &str| broken(format!("index.html has no {what}: is this Trunk's output?"));
    let js_name = attr("meta", "name", "quire-js", "content").ok_or_else(|| missing("quire-js meta tag"))?;
    let wasm_name = attr("meta", "name", "quire-wasm", "content").ok_or_else(|| missing("quire-wasm meta tag"))?;
    let boot_name = attr("script", "type", "module", "src").ok_or_else(|| missing("module script"))?;
    let policy = attr("meta", "http-equiv", "content-security-policy", "content").ok_or_else(|| missing("Content-Security-Policy"))?;

    let glue = inline(&js_name)?;
    if !glue.contains("async function __wbg_init(") {
        return Err(broken(format!(
            "{js_name} is not a wasm-bindgen module of the kind expected (no `__wbg_init`)"
        )));
    }
    if glue.contains("from './snippets") || glue.contains("from \"./snippets") {
        return Err(broken(format!(
            "{js_name} imports wasm-bindgen snippets, which a single file cannot carry"
        )));
    }
    let app_js = format!("{glue}\nglobalThis.quireInit = __wbg_init;\n");
    let boot = inline(&boot_name)?;
    // Every stylesheet, in the page's order, by its link's href.
    let mut styles: Vec<(String, String)> = Vec::new();
    for tag in tags
        .iter()
        .filter(|t| t.name == "link" && t.attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("stylesheet")))
    {
        let href = tag.attr("href").ok_or_else(|| missing("stylesheet's href"))?;
        styles.push((href.to_string(), inline(href)?));
    }
    if styles.is_empty() {
        return Err(missing("stylesheet"));
    }
    let wasm = read(&wasm_name)?;
    // What would end an inline element early: its end tag, or "<!--",
    // after which a "<script" puts the parser where "</script>" no longer
    // ends it.
    let scripts = [(&js_name, &app_js), (&boot_name, &boot)];
    for (name, body) in scripts.iter().map(|(n, b)| (*n, *b)).chain(styles.iter().map(|(n, b)| (n, b))) {
        let lower = body.to_ascii_lowercase();
        for end in ["</style", "</script", "<!--"] {
            if lower.contains(end) {
                return Err(broken(format!(
                    "{name} contains {end}, which would end or break its inline element"
                )));
            }
        }
    }
    let icon = match attr("link", "rel", "icon", "href") {
        Some(name) => Some((read(&name)?, name)),
        None => None,
    };
    let css_bytes: usize = styles.iter().map(|(_, css)| css.len()).sum();
    let mut app_bytes = glue.len() + boot.len() + css_bytes + wasm.len();

    let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
    let hash = |body: &str| format!("'sha256-{}'", b64(&Sha256::digest(body.as_bytes())));
    let style_hashes: Vec<String> = styles.iter().map(|(_, css)| hash(css)).collect();
    let policy = single_file_policy(&policy, &[hash(&app_js), hash(&boot)], &style_hashes);

    let mut blocks = String::new();
    let _ = writeln!(
        blocks,
        "<script type=\"application/octet-stream\" id=\"quire-wasm\">{}</script>",
        b64(&wasm)
    );
    for (name, bytes) in &data {
        blocks.push_str(&quire_engine::index::embed::data_block(name, bytes));
    }
    let _ = write!(
        blocks,
        "<script type=\"module\">{app_js}</script>\n<script type=\"module\">{boot}</script>"
    );

    let mut out = String::with_capacity(page.len() + blocks.len() + css_bytes);
    let mut at = 0;
    for tag in &tags {
        let replacement = match (tag.name.as_str(), tag.attr("rel"), tag.attr("name"), tag.attr("http-equiv")) {
            ("meta", _, _, Some(h)) if h.eq_ignore_ascii_case("content-security-policy") => Some(format!(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
                policy.replace('&', "&amp;").replace('"', "&quot;")
            )),
            ("meta", _, Some("quire-js" | "quire-wasm"), _) => Some(String::new()),
            // Preloads, and the web app manifest (no use on disk, where
            // the policy would refuse to fetch it).
            ("link", Some("modulepreload" | "preload" | "manifest"), _, _) => Some(String::new()),
            ("link", Some(rel), _, _) if rel.eq_ignore_ascii_case("stylesheet") => {
                let css = styles
                    .iter()
                    .find(|(href, _)| Some(href.as_str()) == tag.attr("href"))
                    .map(|(_, css)| css);
                Some(css.map_or_else(String::new, |css| format!("<style>{css}</style>")))
            }
            // The icon as a data: URL, or left out when its kind is not one
            // a browser shows.
            ("link", Some("icon"), _, _) => Some(icon.as_ref().map_or_else(String::new, |(bytes, name)| {
                let kind = match name.rsplit('.').next().map(str::to_ascii_lowercase).as_deref() {
                    Some("svg") => "image/svg+xml",
                    Some("png") => "image/png",
                    Some("ico") => "image/x-icon",
                    _ => return String::new(),
                };
                app_bytes += bytes.len();
                format!("<link rel=\"icon\" href=\"data:{kind};base64,{}\">", b64(bytes))
            })),
            ("script", _, _, _) if tag.attr("src") == Some(boot_name.as_str()) => Some(std::mem::take(&mut blocks)),
            _ => None,
        };
        if let Some(replacement) = replacement {
            out.push_str(&page[at..tag.start]);
            out.push_str(&replacement);
            at = tag.end;
        }
    }
    out.push_str(&page[at..]);
    let summary = Summary {
        bytes: out.len(),
        app_bytes,
        data_bytes,
        data_files: data.len(),
    };
    Ok((out, summary))
}

/// `name` as a file in the built folder: Trunk's relative names
/// (`./quire-1a2b.js`), never a path out of it.
fn local_name(name: &str) -> Option<&str> {
    let name = name.strip_prefix("./").unwrap_or(name);
    let plain = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
    (plain && !name.starts_with('.')).then_some(name)
}

/// The corpus's files in `data/`, by name.
fn corpus_files(data: &Path) -> Result<Vec<(String, Vec<u8>)>, String> {
    let entries = std::fs::read_dir(data).map_err(|e| format!("{}: {e}", data.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", data.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if local_name(&name) != Some(name.as_str()) {
            return Err(format!("{}: unexpected file name {name:?}", data.display()));
        }
        let bytes = std::fs::read(entry.path()).map_err(|e| format!("{}: {e}", entry.path().display()))?;
        files.push((name, bytes));
    }
    if !files.iter().any(|(name, _)| name == quire_engine::MANIFEST) {
        return Err(format!("{} has no {}", data.display(), quire_engine::MANIFEST));
    }
    files.sort();
    Ok(files)
}

/// The page's policy for a file on disk: `'self'` means nothing there, so
/// scripts and styles are allowed by their hashes, images only as `data:`
/// URLs, and every other `'self'` is dropped (`'none'` where nothing is
/// left). Every other directive is kept as it is.
fn single_file_policy(policy: &str, scripts: &[String], styles: &[String]) -> String {
    let mut out = Vec::new();
    let mut seen = (false, false);
    for directive in policy.split(';').map(str::trim).filter(|d| !d.is_empty()) {
        let mut words = directive.split_whitespace();
        let Some(name) = words.next() else { continue };
        let mut values: Vec<String> = words.filter(|w| *w != "'self'").map(str::to_string).collect();
        match name {
            "script-src" => {
                values.splice(0..0, scripts.iter().cloned()).for_each(drop);
                seen.0 = true;
            }
            "style-src" => {
                values.splice(0..0, styles.iter().cloned()).for_each(drop);
                seen.1 = true;
            }
            _ => {}
        }
        if values.is_empty() {
            values.push("'none'".to_string());
        }
        out.push(format!("{name} {}", values.join(" ")));
    }
    // Without them, default-src (now 'none' where it was 'self') would
    // block the page's own code.
    if !seen.0 {
        out.push(format!("script-src {} 'wasm-unsafe-eval'", scripts.join(" ")));
    }
    if !seen.1 {
        out.push(format!("style-src {}", styles.join(" ")));
    }
    out.join("; ")
}

/// A start tag in the page (with its element's end for a `<script>`).
#[derive(Debug)]
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
    start: usize,
    end: usize,
}

impl Tag {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }
}

/// The start tags of Trunk's output, with their attributes: enough of
/// HTML for a page this project writes (comments are skipped; a
/// `<script>`'s element runs to its `</script>`).
fn tags(html: &str) -> Vec<Tag> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(offset) = html[at..].find('<') {
        let start = at + offset;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            at = rest.find("-->").map_or(html.len(), |e| start + e + 3);
            continue;
        }
        let Some(close) = attribute_end(rest) else { break };
        let inner = &rest[1..close];
        let name_len = inner.find(|c: char| c.is_whitespace() || c == '/').unwrap_or(inner.len());
        let name = inner[..name_len].to_ascii_lowercase();
        let mut end = start + close + 1;
        if name == "script" {
            end = html[end..].find("</script>").map_or(html.len(), |e| end + e + "</script>".len());
        }
        if name.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
            out.push(Tag {
                attrs: attributes(&inner[name_len..]),
                name,
                start,
                end,
            });
        }
        at = end;
    }
    out
}

/// Where a tag that starts `rest` ends (its `>`), skipping quoted values.
fn attribute_end(rest: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in rest.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

fn attributes(mut s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    loop {
        s = s.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if s.is_empty() {
            return out;
        }
        let key_len = s.find(|c: char| c.is_whitespace() || c == '=' || c == '/').unwrap_or(s.len());
        let key = s[..key_len].to_ascii_lowercase();
        s = s[key_len..].trim_start();
        let value = if let Some(after) = s.strip_prefix('=') {
            let after = after.trim_start();
            match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &after[1..];
                    let len = body.find(q).unwrap_or(body.len());
                    s = body.get(len + 1..).unwrap_or("");
                    body[..len].to_string()
                }
                _ => {
                    let len = after.find(char::is_whitespace).unwrap_or(after.len());
                    s = &after[len..];
                    after[..len].to_string()
                }
            }
        } else {
            String::new()
        };
        out.push((key, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_keeps_every_directive_and_trades_self_for_hashes() {
        let policy = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
                      connect-src 'self'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types default";
        let out = single_file_policy(policy, &["'sha256-A'".into(), "'sha256-B'".into()], &["'sha256-C'".into()]);
        assert_eq!(
            out,
            "default-src 'none'; script-src 'sha256-A' 'sha256-B' 'wasm-unsafe-eval'; style-src 'sha256-C'; \
             img-src data:; connect-src 'none'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types default"
        );
        assert!(!out.contains("unsafe-inline") && !out.contains("'self'"));
        // A policy without script-src or style-src gets them: default-src
        // no longer allows the page's own code.
        let out = single_file_policy("default-src 'self'", &["'sha256-A'".into()], &["'sha256-C'".into()]);
        assert_eq!(
            out,
            "default-src 'none'; script-src 'sha256-A' 'wasm-unsafe-eval'; style-src 'sha256-C'"
        );
    }

    #[test]
    fn tags_are_read_with_their_attributes_and_a_script_to_its_end() {
        let html = "<!-- <meta name=\"x\"> --><head><meta http-equiv=\"Content-Security-Policy\" content=\"a 'b' > c\">\
                    <script type=\"module\" src=\"./boot.js\" integrity=\"sha384-x\"></script><link rel=icon href='./i.svg'/></head>";
        let tags = tags(html);
        let names: Vec<&str> = tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["head", "meta", "script", "link"]);
        assert_eq!(tags[1].attr("content"), Some("a 'b' > c"));
        assert_eq!(
            &html[tags[2].start..tags[2].end],
            "<script type=\"module\" src=\"./boot.js\" integrity=\"sha384-x\"></script>"
        );
        assert_eq!((tags[3].attr("rel"), tags[3].attr("href")), (Some("icon"), Some("./i.svg")));
    }

    #[test]
    fn only_plain_names_beside_the_page_are_read() {
        assert_eq!(local_name("./quire-1a.js"), Some("quire-1a.js"));
        assert_eq!(local_name("manifest.bin"), Some("manifest.bin"));
        for bad in [
            "../secret",
            "/etc/passwd",
            "./",
            "a/b.js",
            ".hidden",
            "é.js",
            "a b.js",
            "https://x/y.js",
        ] {
            assert_eq!(local_name(bad), None, "{bad}");
        }
    }

    /// A folder shaped like Trunk's output, with `data/`.
    fn fake_dist(data: &[(&str, &[u8])]) -> tempdir::Dir {
        let dir = tempdir::Dir::new();
        let page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\
            <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'\">\
            <meta name=\"quire-js\" content=\"./app-1.js\"><meta name=\"quire-wasm\" content=\"./app-1_bg.wasm\">\
            <link rel=\"modulepreload\" href=\"./app-1.js\" integrity=\"x\">\
            <link rel=\"stylesheet\" href=\"./q-2.css\" integrity=\"y\"><link rel=\"icon\" href=\"./f-3.svg\">\
            <link rel=\"stylesheet\" href=\"./q-5.css\">\
            <link rel=\"manifest\" href=\"manifest.webmanifest\">\
            <script type=\"module\" src=\"./boot-4.js\" integrity=\"z\"></script></head>\
            <body><p class=\"disk-note\">Open quire.html</p></body></html>";
        for (name, bytes) in [
            ("index.html", page.as_bytes()),
            (
                "app-1.js",
                b"async function __wbg_init(m) {}\nexport { __wbg_init as default };\n".as_slice(),
            ),
            ("app-1_bg.wasm", b"\0asm\x01\0\0\0".as_slice()),
            ("q-2.css", b"body { color: red }".as_slice()),
            ("f-3.svg", b"<svg/>".as_slice()),
            // Windows line endings: inlined and hashed as the browser reads them.
            ("boot-4.js", b"await globalThis.quireInit({});\r\n// boot\r".as_slice()),
            ("q-5.css", b"p { color: blue }".as_slice()),
        ] {
            std::fs::write(dir.path().join(name), bytes).unwrap();
        }
        std::fs::create_dir(dir.path().join("data")).unwrap();
        for (name, bytes) in data {
            std::fs::write(dir.path().join("data").join(name), bytes).unwrap();
        }
        dir
    }

    mod tempdir {
        /// A folder under the system's temporary folder, removed on drop.
        pub struct Dir(std::path::PathBuf);
        impl Dir {
            pub fn new() -> Dir {
                use std::sync::atomic::{AtomicUsize, Ordering};
                static N: AtomicUsize = AtomicUsize::new(0);
                let path = std::env::temp_dir().join(format!("quire-single-{}-{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed)));
                std::fs::create_dir_all(&path).unwrap();
                Dir(path)
            }
            pub fn path(&self) -> &std::path::Path {
                &self.0
            }
        }
        impl Drop for Dir {
            fn drop(&mut self) {
                let _ = std::fs::remove_dir_all(&self.0);
            }
        }
    }

    #[test]
    fn a_built_folder_becomes_one_file_with_nothing_fetched() {
        let dist = fake_dist(&[("manifest.bin", b"MANIFEST"), ("docs-ab.bin", b"\x00\xff")]);
        let (html, summary) = build(dist.path(), DEFAULT_MAX_DATA).unwrap();
        assert_eq!((summary.data_files, summary.data_bytes), (2, 10));
        assert_eq!(summary.bytes, html.len());
        for gone in [
            "name=\"quire-js",
            "name=\"quire-wasm",
            "modulepreload",
            "integrity",
            "src=",
            "href=\"./",
            "manifest.webmanifest",
        ] {
            assert!(!html.contains(gone), "{gone} left in {html}");
        }
        assert!(html.contains("<style>body { color: red }</style>"));
        assert!(html.contains("<style>p { color: blue }</style>"), "each stylesheet its own");
        assert!(
            html.contains("await globalThis.quireInit({});\n// boot\n</script>"),
            "CR LF and CR as LF"
        );
        assert!(!html.contains('\r'));
        assert!(html.contains("<script type=\"application/octet-stream\" id=\"quire-wasm\">AGFzbQEAAAA=</script>"));
        assert!(html.contains("data-quire-file=\"manifest.bin\">TUFOSUZFU1Q=</script>"));
        assert!(html.contains("data-quire-file=\"docs-ab.bin\">AP8=</script>"));
        assert!(html.contains("href=\"data:image/svg+xml;base64,PHN2Zy8+\""));
        assert!(html.contains("globalThis.quireInit = __wbg_init;"));
        assert!(
            html.contains("<p class=\"disk-note\">Open quire.html</p>"),
            "the rest of the page is kept"
        );
        // The app's module comes before the starter that uses it; the
        // policy allows exactly these two scripts and this style.
        let app = html.find("globalThis.quireInit = __wbg_init").unwrap();
        let boot = html.find("await globalThis.quireInit").unwrap();
        assert!(app < boot);
        let policy = tags(&html)
            .into_iter()
            .find_map(|t| t.attr("http-equiv").map(|_| t.attr("content").unwrap().to_string()))
            .unwrap();
        let inline: Vec<&str> = tags(&html)
            .iter()
            .filter(|t| t.name == "script" && t.attr("type") == Some("module"))
            .map(|t| {
                let element = &html[t.start..t.end];
                &element[element.find('>').unwrap() + 1..element.len() - "</script>".len()]
            })
            .collect();
        assert_eq!(inline.len(), 2);
        let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
        for body in inline {
            assert!(
                policy.contains(&format!("'sha256-{}'", b64(&Sha256::digest(body.as_bytes())))),
                "{policy}"
            );
        }
        assert!(policy.contains(&format!(
            "style-src 'sha256-{}' 'sha256-{}'",
            b64(&Sha256::digest(b"body { color: red }")),
            b64(&Sha256::digest(b"p { color: blue }"))
        )));
    }

    #[test]
    fn too_much_data_or_a_folder_that_is_not_a_build_is_refused_with_a_reason() {
        let dist = fake_dist(&[("manifest.bin", &[7u8; 100])]);
        assert_eq!(
            build(dist.path(), 99).unwrap_err(),
            Refusal::TooLarge {
                data_bytes: 100,
                limit: 99
            }
        );
        assert!(build(dist.path(), 99).unwrap_err().to_string().contains("serve the folder instead"));
        std::fs::remove_file(dist.path().join("data/manifest.bin")).unwrap();
        assert!(matches!(build(dist.path(), 99), Err(Refusal::Broken(why)) if why.contains("manifest.bin")));
        let dist = fake_dist(&[("manifest.bin", b"M")]);
        std::fs::write(dist.path().join("q-2.css"), "a{} </STYLE><script>x()</script>").unwrap();
        assert!(matches!(build(dist.path(), 99), Err(Refusal::Broken(why)) if why.contains("</style")));
        std::fs::write(dist.path().join("q-2.css"), "a{}").unwrap();
        std::fs::write(dist.path().join("boot-4.js"), "x = '<!--'; y = '<script>';").unwrap();
        assert!(matches!(build(dist.path(), 99), Err(Refusal::Broken(why)) if why.contains("<!--")));
        std::fs::write(dist.path().join("boot-4.js"), "ok()").unwrap();
        let page = std::fs::read_to_string(dist.path().join("index.html")).unwrap();
        std::fs::write(dist.path().join("index.html"), page.replace("<meta charset=\"utf-8\">", "")).unwrap();
        assert!(matches!(build(dist.path(), 99), Err(Refusal::Broken(why)) if why.contains("charset")));
        std::fs::write(dist.path().join("index.html"), page).unwrap();
        assert!(build(dist.path(), 99).is_ok());
        std::fs::write(dist.path().join("app-1.js"), "async function init() {}\nexport default init;").unwrap();
        assert!(matches!(build(dist.path(), 99), Err(Refusal::Broken(why)) if why.contains("__wbg_init")));
        let empty = tempdir::Dir::new();
        std::fs::create_dir(empty.path().join("data")).unwrap();
        std::fs::write(empty.path().join("data/manifest.bin"), b"M").unwrap();
        assert!(matches!(build(empty.path(), 99), Err(Refusal::Broken(why)) if why.contains("index.html")));
    }
}
