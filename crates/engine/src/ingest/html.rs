//! HTML files (`.html`, `.htm`) reduced to the text a reader sees, with
//! paragraphs, headings, list items, quotes, preformatted text and table
//! rows kept as blocks. Nothing of the markup survives: no element, no
//! attribute, no script is ever rendered or run. Tokenized by html5gum
//! (WHATWG's tokenizer; entities decoded as a browser decodes them).
//!
//! - **What is text:** the page's `<main>` if it has one, else its
//!   `<article>`s, else its whole body; never what is in `<script>`,
//!   `<style>`, `<template>`, `<noscript>`, `<svg>`, `<math>`, `<iframe>`,
//!   `<object>`, `<canvas>`, `<select>`, `<button>`, `<nav>` or `<head>`.
//!   An image is its `alt` text, as in Markdown.
//! - **Space** is collapsed as a browser does (runs of ASCII white space,
//!   not U+00A0), except in `<pre>`.
//! - **Metadata** becomes fields, checked as front matter is: `<title>`;
//!   `author`; `og:site_name` as `source`; as `date`, whichever of
//!   `article:published_time`, `date`, `dc.date`, `dcterms.date` and
//!   `datePublished` comes first in the page; `keywords` as `tags`; the canonical link or
//!   `og:url` as `url`; `description` kept as extra metadata.
//! - **Charset:** UTF-8 only (as every other format): a file in another
//!   encoding is refused with the byte where it stops being UTF-8.

use html5gum::{DefaultEmitter, Token, Tokenizer};

use super::blocks::Reducer;
use super::meta::{Field, Value};
use crate::text::document::{Block, BlockKind};

/// Elements whose content is never a reader's text.
const HIDDEN: &[&str] = &[
    "script", "style", "template", "noscript", "svg", "math", "iframe", "object", "canvas", "select", "button", "nav",
];

/// Block elements that are inline inside a table cell: a cell's
/// paragraphs stay in its row's one block.
const BLOCKISH: &[&str] = &[
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "menu",
    "blockquote",
    "pre",
    "hr",
];

/// Elements that start and end a block of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "address",
    "figure",
    "figcaption",
    "dt",
    "dd",
    "details",
    "summary",
    "caption",
    "form",
    "fieldset",
    "legend",
    "center",
    "body",
    "dl",
    "table",
    "tbody",
    "thead",
    "tfoot",
];

/// The reduced page: its metadata fields, its text, the text's blocks, and
/// its first heading (a title candidate).
pub(crate) struct Reduced {
    pub fields: Vec<Field>,
    pub text: String,
    pub blocks: Vec<Block>,
    pub heading: Option<String>,
}

fn name_of(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).to_ascii_lowercase()
}

pub(crate) fn reduce(html: &str) -> Reduced {
    let mut emitter = DefaultEmitter::default();
    // Script, style, title and textarea content is raw text: without the
    // tree builder, the tokenizer is told to switch states at their tags.
    emitter.naively_switch_states(true);
    let tokens: Vec<Token> = Tokenizer::new_with_emitter(html, emitter).flatten().collect();
    // The region a reader reads: <main>, else the <article>s, else all.
    let has = |tag: &str| tokens.iter().any(|t| matches!(t, Token::StartTag(s) if name_of(&s.name) == tag));
    let region = if has("main") {
        Some("main")
    } else if has("article") {
        Some("article")
    } else {
        None
    };

    let mut r = Reducer::with_capacity(html.len() / 2);
    let mut fields = Vec::new();
    let mut meta_fields = MetaFields::default();
    let mut title: Option<String> = None;
    let mut in_title = false;
    // Open hidden elements (a stack: their end tags close them), and how
    // deep inside the reader's region this token is.
    let mut hidden: Vec<String> = Vec::new();
    let mut inside = usize::from(region.is_none());
    let mut pre = 0usize;
    // A newline right after <pre> is not text (as in a browser).
    let mut pre_start = false;
    // Inside a table cell (td, th): its end tag, the next row or the
    // table's end ends it (a cell's end tag may be left out).
    let mut in_cell = false;
    let mut space = false;

    for token in &tokens {
        match token {
            Token::StartTag(tag) => {
                let name = name_of(&tag.name);
                let attr = |key: &str| {
                    tag.attributes
                        .iter()
                        .find(|(k, _)| name_of(k) == key)
                        .map(|(_, v)| String::from_utf8_lossy(v).trim().to_string())
                };
                match name.as_str() {
                    "meta" => meta_fields.read(
                        attr("name").or_else(|| attr("property")).or_else(|| attr("itemprop")),
                        attr("content"),
                    ),
                    "link" if attr("rel").is_some_and(|rel| rel.eq_ignore_ascii_case("canonical")) => {
                        meta_fields.canonical = meta_fields.canonical.take().or_else(|| attr("href"))
                    }
                    // Not an <svg>'s <title>.
                    "title" if title.is_none() && hidden.is_empty() => in_title = true,
                    _ => {}
                }
                // `<script/>` still opens a script (the tokenizer switches
                // to its raw text whatever the slash says): only svg and
                // math can close themselves.
                let closes_itself = tag.self_closing && matches!(name.as_str(), "svg" | "math");
                if HIDDEN.contains(&name.as_str()) {
                    if !closes_itself {
                        hidden.push(name);
                    }
                    continue;
                }
                if !hidden.is_empty() {
                    continue;
                }
                if Some(name.as_str()) == region {
                    inside += 1;
                }
                if inside == 0 {
                    continue;
                }
                if name == "tr" {
                    in_cell = false;
                }
                if in_cell && (BLOCKISH.contains(&name.as_str()) || BLOCKS.contains(&name.as_str())) {
                    space = true;
                    continue;
                }
                match name.as_str() {
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => r.start(BlockKind::Heading(name.as_bytes()[1] - b'0')),
                    "ul" | "ol" | "menu" => {
                        r.close();
                        r.lists.push(name == "ol");
                    }
                    "li" => {
                        let kind = r.context_kind();
                        r.start(kind);
                    }
                    "blockquote" => {
                        r.close();
                        r.quote_depth += 1;
                    }
                    "pre" => {
                        r.start(BlockKind::Code);
                        pre += 1;
                        pre_start = true;
                    }
                    "tr" => {
                        r.start(BlockKind::Paragraph);
                        r.cells_in_row = 0;
                    }
                    "td" | "th" => {
                        if r.cells_in_row > 0 {
                            r.push(" | ");
                        }
                        r.cells_in_row += 1;
                        in_cell = true;
                        space = false;
                    }
                    "br" => {
                        // A break at a block's start is no text.
                        if r.open.is_some_and(|(_, _, start)| r.text.len() > start) {
                            r.push("\n");
                        }
                        space = false;
                    }
                    "hr" => r.close(),
                    "img" => {
                        if let Some(alt) = attr("alt").filter(|a| !a.is_empty()) {
                            push_text(&mut r, &alt, &mut space, false);
                        }
                    }
                    _ if BLOCKS.contains(&name.as_str()) => {
                        let kind = r.context_kind();
                        r.start(kind);
                    }
                    _ => {}
                }
                if BLOCKS.contains(&name.as_str()) || matches!(name.as_str(), "li" | "tr" | "pre" | "blockquote" | "ul" | "ol") {
                    space = false;
                }
            }
            Token::EndTag(tag) => {
                let name = name_of(&tag.name);
                if name == "title" {
                    in_title = false;
                }
                if let Some(at) = hidden.iter().rposition(|h| *h == name) {
                    hidden.truncate(at);
                    continue;
                }
                if !hidden.is_empty() {
                    continue;
                }
                if inside == 0 {
                    continue;
                }
                if matches!(name.as_str(), "td" | "th" | "tr" | "table") {
                    in_cell = false;
                } else if in_cell && (BLOCKISH.contains(&name.as_str()) || BLOCKS.contains(&name.as_str())) {
                    space = true;
                    continue;
                }
                match name.as_str() {
                    "ul" | "ol" | "menu" => {
                        r.close();
                        r.lists.pop();
                    }
                    "blockquote" => {
                        r.close();
                        r.quote_depth = r.quote_depth.saturating_sub(1);
                    }
                    "pre" => {
                        r.close();
                        pre = pre.saturating_sub(1);
                    }
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "tr" => r.close(),
                    _ if BLOCKS.contains(&name.as_str()) => r.close(),
                    _ => {}
                }
                if Some(name.as_str()) == region {
                    inside = inside.saturating_sub(1);
                }
            }
            Token::String(text) => {
                let text = String::from_utf8_lossy(text);
                if in_title {
                    let t = title.get_or_insert_with(String::new);
                    t.push_str(&text);
                    continue;
                }
                if hidden.is_empty() && inside > 0 {
                    let mut text: &str = &text;
                    if pre > 0 && std::mem::take(&mut pre_start) {
                        text = text.strip_prefix('\n').unwrap_or(text);
                    }
                    push_text(&mut r, text, &mut space, pre > 0 && !in_cell);
                }
            }
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    r.close();
    if let Some(title) = title.map(|t| collapse(&t)).filter(|t| !t.is_empty()) {
        fields.push(field("title", title));
    }
    fields.extend(meta_fields.into_fields());
    Reduced {
        fields,
        text: r.text,
        blocks: r.blocks,
        heading: r.first_heading,
    }
}

/// Pushes text into the open block: runs of ASCII white space as one
/// space (none at a block's start), or as it is inside `<pre>`.
fn push_text(r: &mut Reducer, text: &str, space: &mut bool, pre: bool) {
    if pre {
        r.push(text);
        return;
    }
    for c in text.chars() {
        if c.is_ascii_whitespace() {
            *space = true;
            continue;
        }
        let has_text = r.open.is_some_and(|(_, _, start)| r.text.len() > start);
        if *space && has_text && !r.text.ends_with([' ', '\n']) {
            r.push(" ");
        }
        *space = false;
        let mut buf = [0u8; 4];
        r.push(c.encode_utf8(&mut buf));
    }
}

/// Runs of ASCII white space as one space, trimmed.
fn collapse(text: &str) -> String {
    text.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

fn field(key: &str, value: String) -> Field {
    Field {
        key: key.to_string(),
        value: Value::Text(value),
        line: None,
    }
}

/// The `<meta>` tags that name metadata, the first of each kept.
#[derive(Default)]
struct MetaFields {
    author: Option<String>,
    source: Option<String>,
    date: Option<String>,
    tags: Option<String>,
    description: Option<String>,
    og_url: Option<String>,
    canonical: Option<String>,
}

impl MetaFields {
    fn read(&mut self, name: Option<String>, content: Option<String>) {
        let (Some(name), Some(content)) = (name, content.filter(|c| !c.is_empty())) else {
            return;
        };
        let slot = match name.to_ascii_lowercase().as_str() {
            "author" | "article:author" => &mut self.author,
            "og:site_name" => &mut self.source,
            "article:published_time" | "date" | "dc.date" | "dcterms.date" | "datepublished" => &mut self.date,
            "keywords" => &mut self.tags,
            "description" => &mut self.description,
            "og:url" => &mut self.og_url,
            _ => return,
        };
        if slot.is_none() {
            *slot = Some(content);
        }
    }

    fn into_fields(self) -> Vec<Field> {
        // The first of the two that is a web address (a relative canonical
        // link does not hide an absolute og:url).
        let web = |u: &String| u.starts_with("https://") || u.starts_with("http://");
        let url = self.canonical.filter(web).or(self.og_url.filter(web));
        [
            ("author", self.author),
            ("source", self.source),
            ("date", self.date),
            ("tags", self.tags),
            ("url", url),
            ("description", self.description),
        ]
        .into_iter()
        .filter_map(|(key, value)| value.map(|v| field(key, collapse(&v))))
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks_of(html: &str) -> Vec<(BlockKind, String)> {
        let reduced = reduce(html);
        reduced
            .blocks
            .iter()
            .map(|b| (b.kind, reduced.text[b.start..b.end].to_string()))
            .collect()
    }

    #[test]
    fn table_of_html_cases() {
        use BlockKind::*;
        let ul = ListItem { ordered: false };
        #[allow(clippy::type_complexity)]
        let cases: &[(&str, &[(BlockKind, &str)])] = &[
            ("<p>Plain paragraph.</p>", &[(Paragraph, "Plain paragraph.")]),
            ("just text", &[(Paragraph, "just text")]),
            (
                "<h2>Title</h2><p>Body <b>bold</b> and <i>em</i>.</p>",
                &[(Heading(2), "Title"), (Paragraph, "Body bold and em.")],
            ),
            ("<p>a<b>b</b> <i>c</i>\n\n  d</p>", &[(Paragraph, "ab c d")]),
            ("<p>line<br>break</p>", &[(Paragraph, "line\nbreak")]),
            ("<ul><li>one<li>two</ul>", &[(ul, "one"), (ul, "two")]),
            ("<ol><li>first</li></ol>", &[(ListItem { ordered: true }, "first")]),
            ("<blockquote><p>quoted</p></blockquote>", &[(Quote, "quoted")]),
            ("<pre>  code\n    kept </pre>", &[(Code, "  code\n    kept")]),
            (
                "<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>",
                &[(Paragraph, "a | b"), (Paragraph, "1 | 2")],
            ),
            (
                "<p>Entities: &amp; &lt;b&gt; &eacute; &#x1F600; &nbsp;x</p>",
                &[(Paragraph, "Entities: & <b> é 😀 \u{a0}x")],
            ),
            ("<p><img src=x alt=\"A chart\"> caption</p>", &[(Paragraph, "A chart caption")]),
            (
                "<div>outer<p>inner</p>tail</div>",
                &[(Paragraph, "outer"), (Paragraph, "inner"), (Paragraph, "tail")],
            ),
            ("<hr><p></p><div>  </div>", &[]),
            // <head> may be left unclosed; its title and scripts are not text.
            ("<head><title>T</title><script>x()</script><body><p>text", &[(Paragraph, "text")]),
            // A self-closed script still opens one (as in a browser).
            ("<script src=a.js/>var hidden = 1;</script><p>after</p>", &[(Paragraph, "after")]),
            ("<svg/><p>after svg</p>", &[(Paragraph, "after svg")]),
            // A cell's paragraphs stay in the row; cells may be left unclosed.
            (
                "<table><tr><td><p>a</p></td><td><p>b</p><p>c</p></td></tr></table>",
                &[(Paragraph, "a | b c")],
            ),
            (
                "<table><tr><td>1<td>2<tr><td>3</table><p>next</p>",
                &[(Paragraph, "1 | 2"), (Paragraph, "3"), (Paragraph, "next")],
            ),
            ("<pre>\nfirst line\n  second</pre>", &[(Code, "first line\n  second")]),
            ("<p><br>after a break</p>", &[(Paragraph, "after a break")]),
            ("", &[]),
        ];
        for (html, expected) in cases {
            let want: Vec<(BlockKind, String)> = expected.iter().map(|(k, s)| (*k, s.to_string())).collect();
            assert_eq!(blocks_of(html), want, "reducing {html:?}");
        }
    }

    #[test]
    fn scripts_styles_and_the_page_chrome_are_never_text() {
        let html = "<html><head><title>T</title><style>p { color: red }</style><script>var x = '<p>no</p>';</script></head>\
                    <body><nav><a href=/>Home</a></nav><script>alert('<b>x</b>')</script><noscript>Enable JS</noscript>\
                    <p>Kept <span onclick=\"evil()\">text</span></p><template><p>later</p></template>\
                    <svg><text>chart</text></svg><button>Share</button><iframe src=x>frame</iframe></body></html>";
        let reduced = reduce(html);
        assert_eq!(reduced.text, "Kept text");
        for gone in [
            "alert", "color", "Home", "Enable", "later", "chart", "Share", "frame", "evil", "var x",
        ] {
            assert!(!reduced.text.contains(gone), "{gone}");
        }
    }

    #[test]
    fn main_or_articles_are_the_text_when_the_page_has_them() {
        let html = "<body><header><p>Site header</p></header><main><h1>Story</h1><p>Body</p></main><footer>Footer</footer></body>";
        assert_eq!(reduce(html).text, "Story\n\nBody");
        let html = "<body><p>Sidebar</p><article><p>One</p></article><aside>Ad</aside><article><p>Two</p></article></body>";
        assert_eq!(reduce(html).text, "One\n\nTwo");
    }

    #[test]
    fn metadata_becomes_fields() {
        let html = "<html><head><title>  The   headline | Site </title>\
            <meta name=author content=\"Jane Doe\"><meta property=og:site_name content=\"The Outlet\">\
            <meta property=article:published_time content=\"2024-04-12T09:00:00Z\"><meta name=date content=2020>\
            <meta name=keywords content=\"nhs, data\"><link rel=canonical href=\"https://example.org/a\">\
            <meta property=og:url content=\"https://example.org/b\"><meta name=description content=\"A summary.\">\
            </head><body><h1>Headline</h1></body></html>";
        let reduced = reduce(html);
        let fields: Vec<(String, Value)> = reduced.fields.into_iter().map(|f| (f.key, f.value)).collect();
        let text = |s: &str| Value::Text(s.to_string());
        assert_eq!(
            fields,
            vec![
                ("title".into(), text("The headline | Site")),
                ("author".into(), text("Jane Doe")),
                ("source".into(), text("The Outlet")),
                ("date".into(), text("2024-04-12T09:00:00Z")),
                ("tags".into(), text("nhs, data")),
                ("url".into(), text("https://example.org/a")),
                ("description".into(), text("A summary.")),
            ]
        );
        assert_eq!(reduced.heading.as_deref(), Some("Headline"));
        // A link that is not http(s) is no url, and does not hide one that is.
        let reduced = reduce("<link rel=canonical href=\"javascript:alert(1)\"><p>x</p>");
        assert!(reduced.fields.iter().all(|f| f.key != "url"));
        let reduced = reduce("<link rel=canonical href=\"/story\"><meta property=og:url content=\"https://example.org/s\"><p>x</p>");
        assert!(reduced
            .fields
            .iter()
            .any(|f| f.key == "url" && f.value == Value::Text("https://example.org/s".into())));
        // An <svg>'s <title> is not the page's.
        let reduced = reduce("<body><svg><title>Share</title></svg><h1>Real</h1></body>");
        assert!(reduced.fields.iter().all(|f| f.key != "title"), "{:?}", reduced.fields);
        assert_eq!(reduced.heading.as_deref(), Some("Real"));
    }

    #[test]
    fn unicode_text_is_kept_whole_and_only_ascii_space_collapses() {
        let cases = [
            ("<p>\u{a0}non-breaking\u{a0}\u{a0}kept</p>", "\u{a0}non-breaking\u{a0}\u{a0}kept"),
            ("<p>cafe\u{301}  au   lait</p>", "cafe\u{301} au lait"),
            ("<p>👍🏽 \n 👩‍👩‍👧</p>", "👍🏽 👩‍👩‍👧"),
            ("<p dir=rtl>שלום   עולם</p>", "שלום עולם"),
            ("<p>العربية<br>نص</p>", "العربية\nنص"),
        ];
        for (html, want) in cases {
            let reduced = reduce(html);
            assert_eq!(reduced.text, want.trim_end(), "{html:?}");
            for b in &reduced.blocks {
                assert!(reduced.text.is_char_boundary(b.start) && reduced.text.is_char_boundary(b.end));
            }
        }
    }

    #[test]
    fn broken_markup_never_panics_and_keeps_its_text() {
        for html in [
            "<p>unclosed <b>bold",
            "</p></div></ul>stray ends",
            "<script>never closed",
            "<<<>>>&&&;;;",
            "<p a=\"unclosed attr>text",
            "<!-- unclosed comment",
            "<ul><ul><ul><li>deep",
            "<main><main>twice</main>",
            "<title>only a title",
            "\u{0}<p>\u{0}nul</p>",
        ] {
            let reduced = reduce(html);
            for b in &reduced.blocks {
                assert!(b.start <= b.end && b.end <= reduced.text.len(), "{html:?}");
            }
        }
        assert_eq!(reduce("<p>unclosed <b>bold").text, "unclosed bold");
        assert_eq!(reduce("</p></div></ul>stray ends").text, "stray ends");
        assert_eq!(reduce("<script>never closed").text, "");
    }
}
