//! Word documents (`.docx`): the text of `word/document.xml`, with its
//! paragraphs, headings, list items, quotes and table rows as blocks, and
//! `docProps/core.xml` (title, author, keywords, creation date) as
//! metadata. Read with rawzip (the archive; no dependencies) and
//! quick-xml (the XML; custom entities are never expanded), the parts
//! inflated with miniz_oxide, as the index's own parts are.
//!
//! - **What is text:** runs (`w:t`), tabs and breaks; not deleted text
//!   (`w:delText`), field codes (`w:instrText`), comments, headers,
//!   footers or footnotes (other parts of the archive).
//! - **Blocks:** a paragraph; its style `Heading1`…`Heading6` or `Title` is a
//!   heading, `Quote` or `IntenseQuote` a quote; a numbered or bulleted
//!   paragraph is a list item (unordered: the numbering's format is in
//!   another part). A table row is one block, its cells joined by ` | `.
//! - **Limits:** a part that inflates past [`MAX_PART`] bytes (a zip bomb),
//!   an archive without `word/document.xml`, a part whose size or CRC does
//!   not match the archive's directory, or a compression other than stored
//!   or deflated is an error naming the problem.

use quick_xml::events::Event;
use quick_xml::Reader;
use rawzip::{CompressionMethod, ZipArchive};

use super::blocks::Reducer;
use super::meta::{Field, Value};
use crate::error::{Error, ErrorKind};
use crate::text::document::{Block, BlockKind};

/// The most bytes one part of a document may inflate to.
pub const MAX_PART: u64 = 64 << 20;

/// The most entries of an archive's directory looked through.
const MAX_ENTRIES: usize = 100_000;

/// The reduced document: metadata fields, text, blocks and first heading.
#[derive(Debug)]
pub(crate) struct Reduced {
    pub fields: Vec<Field>,
    pub text: String,
    pub blocks: Vec<Block>,
    pub heading: Option<String>,
}

fn parse_error(what: impl std::fmt::Display) -> Error {
    Error::new(ErrorKind::Parse, format!("not a readable Word document: {what}"))
}

/// Reads a `.docx` file's bytes.
pub(crate) fn reduce(bytes: &[u8]) -> Result<Reduced, Error> {
    reduce_within(bytes, MAX_PART)
}

fn reduce_within(bytes: &[u8], limit: u64) -> Result<Reduced, Error> {
    let archive = ZipArchive::from_slice(bytes).map_err(|e| parse_error(format!("not a zip archive ({e})")))?;
    let document = part(&archive, "word/document.xml", limit)?.ok_or_else(|| parse_error("it has no word/document.xml"))?;
    let (text, blocks, heading) = body(&document)?;
    let fields = match part(&archive, "docProps/core.xml", limit)? {
        Some(core) => properties(&core),
        None => Vec::new(),
    };
    Ok(Reduced {
        fields,
        text,
        blocks,
        heading,
    })
}

/// The inflated bytes of the archive's entry `name`, checked against the
/// size and CRC its directory gives; `None` when there is no such entry.
fn part(archive: &rawzip::ZipSliceArchive<&[u8]>, name: &str, limit: u64) -> Result<Option<String>, Error> {
    let mut entries = archive.entries();
    for _ in 0..MAX_ENTRIES {
        let Some(entry) = entries.next_entry().map_err(|e| parse_error(format!("damaged archive ({e})")))? else {
            return Ok(None);
        };
        if entry.file_path().as_ref() != name.as_bytes() {
            continue;
        }
        let size = entry.uncompressed_size_hint();
        if size > limit {
            return Err(Error::new(
                ErrorKind::Limit,
                format!("{name} would inflate to {size} bytes, past the limit of {limit}"),
            ));
        }
        let method = entry.compression_method();
        let local = archive
            .get_entry(entry.wayfinder())
            .map_err(|e| parse_error(format!("{name}: {e}")))?;
        let inflated = if method == CompressionMethod::STORE {
            local.data().to_vec()
        } else if method == CompressionMethod::DEFLATE {
            // The limit is the size the directory claims: a stream that
            // would inflate past it stops there, an error.
            miniz_oxide::inflate::decompress_to_vec_with_limit(local.data(), size as usize)
                .map_err(|e| parse_error(format!("{name} does not inflate ({:?})", e.status)))?
        } else {
            return Err(parse_error(format!(
                "{name} is compressed with method {method:?}, not stored or deflated"
            )));
        };
        let claimed = local.claim_verifier();
        if inflated.len() as u64 != claimed.uncompressed_size || rawzip::crc32(&inflated) != claimed.crc {
            return Err(parse_error(format!("{name} does not match its size or checksum")));
        }
        return String::from_utf8(inflated).map(Some).map_err(|e| {
            Error::new(
                ErrorKind::Encoding,
                format!("{name} is not UTF-8 (byte {})", e.utf8_error().valid_up_to()),
            )
        });
    }
    Err(Error::new(
        ErrorKind::Limit,
        format!("more than {MAX_ENTRIES} entries in the archive"),
    ))
}

/// The paragraph being read: its kind (from its properties) and whether
/// its block is open.
struct Paragraph {
    kind: BlockKind,
    open: bool,
}

fn body(xml: &str) -> Result<(String, Vec<Block>, Option<String>), Error> {
    let mut reader = Reader::from_str(xml);
    let mut r = Reducer::with_capacity(xml.len() / 4);
    let mut para: Option<Paragraph> = None;
    // Inside a w:t run text (0 or 1: they do not nest), and how deep in
    // tables, with cells read in the current row and paragraphs in the
    // current cell.
    let mut in_text = false;
    let mut tables = 0usize;
    let mut cell_paragraphs = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| parse_error(format!("word/document.xml at byte {}: {e}", reader.buffer_position())))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let local = e.local_name();
                match AsRef::<str>::as_ref(&local) {
                    "p" if !empty => {
                        if tables > 0 {
                            if cell_paragraphs > 0 {
                                r.push(" ");
                            }
                            cell_paragraphs += 1;
                        }
                        para = Some(Paragraph {
                            kind: BlockKind::Paragraph,
                            open: false,
                        });
                    }
                    "pStyle" => {
                        if let (Some(p), Some(style)) = (para.as_mut(), attribute(e, "val")) {
                            p.kind = style_kind(&style).unwrap_or(p.kind);
                        }
                    }
                    "numPr" => {
                        if let Some(p) = para.as_mut() {
                            if !matches!(p.kind, BlockKind::Heading(_)) {
                                p.kind = BlockKind::ListItem { ordered: false };
                            }
                        }
                    }
                    "t" if !empty => in_text = true,
                    "tab" => text(&mut r, &mut para, tables, " "),
                    "br" | "cr" => text(&mut r, &mut para, tables, "\n"),
                    "noBreakHyphen" => text(&mut r, &mut para, tables, "-"),
                    "tbl" if !empty => {
                        close(&mut r, &mut para, tables);
                        tables += 1;
                    }
                    "tr" if !empty && tables == 1 => {
                        r.start(BlockKind::Paragraph);
                        r.cells_in_row = 0;
                    }
                    "tc" if !empty && tables == 1 => {
                        if r.cells_in_row > 0 {
                            r.push(" | ");
                        }
                        r.cells_in_row += 1;
                        cell_paragraphs = 0;
                    }
                    _ => {}
                }
            }
            Event::End(ref e) => match AsRef::<str>::as_ref(&e.local_name()) {
                "t" => in_text = false,
                "p" => {
                    close(&mut r, &mut para, tables);
                    para = None;
                }
                "tr" if tables == 1 => r.close(),
                "tbl" => tables = tables.saturating_sub(1),
                _ => {}
            },
            Event::Text(ref t) if in_text => text(&mut r, &mut para, tables, &t.xml10_content()),
            Event::CData(ref t) if in_text => text(&mut r, &mut para, tables, &t.xml10_content()),
            Event::GeneralRef(ref reference) if in_text => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => quick_xml::escape::resolve_predefined_entity(&reference.xml10_content()).map(str::to_string),
                };
                if let Some(s) = resolved {
                    text(&mut r, &mut para, tables, &s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    r.close();
    Ok((r.text, r.blocks, r.first_heading))
}

/// Text of the current paragraph: opens its block first (outside tables,
/// where the row's block is open).
fn text(r: &mut Reducer, para: &mut Option<Paragraph>, tables: usize, s: &str) {
    if tables == 0 {
        match para {
            Some(p) if !p.open => {
                r.start(p.kind);
                p.open = true;
            }
            Some(_) => {}
            None => r.ensure_open(),
        }
    }
    r.push(s);
}

fn close(r: &mut Reducer, para: &mut Option<Paragraph>, tables: usize) {
    if tables == 0 {
        if let Some(p) = para.as_mut().filter(|p| p.open) {
            r.close();
            p.open = false;
        }
    }
}

/// What a paragraph style makes of a paragraph.
fn style_kind(style: &str) -> Option<BlockKind> {
    let lower = style.to_ascii_lowercase();
    if lower == "title" {
        return Some(BlockKind::Heading(1));
    }
    if let Some(level) = lower.strip_prefix("heading").and_then(|n| n.parse::<u8>().ok()) {
        return Some(BlockKind::Heading(level.clamp(1, 6)));
    }
    matches!(lower.as_str(), "quote" | "intensequote").then_some(BlockKind::Quote)
}

/// An attribute's value by local name (`w:val` → `val`).
fn attribute(e: &quick_xml::events::BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| AsRef::<str>::as_ref(&a.key.local_name()) == local)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

/// `docProps/core.xml`: title, creator, keywords, creation date, and the
/// subject and description as extra metadata. A damaged one gives none.
fn properties(xml: &str) -> Vec<Field> {
    let mut reader = Reader::from_str(xml);
    let mut fields: Vec<Field> = Vec::new();
    let mut current: Option<&'static str> = None;
    let mut value = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                current = match AsRef::<str>::as_ref(&e.local_name()) {
                    "title" => Some("title"),
                    "creator" => Some("author"),
                    "keywords" => Some("tags"),
                    "created" => Some("date"),
                    "subject" => Some("subject"),
                    "description" => Some("description"),
                    _ => None,
                };
                value.clear();
            }
            Ok(Event::Text(t)) if current.is_some() => value.push_str(&t.xml10_content()),
            Ok(Event::GeneralRef(reference)) if current.is_some() => {
                if let Ok(Some(c)) = reference.resolve_char_ref() {
                    value.push(c);
                } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(&reference.xml10_content()) {
                    value.push_str(s);
                }
            }
            Ok(Event::End(_)) => {
                if let Some(key) = current.take() {
                    let v = value.trim();
                    if !v.is_empty() && fields.iter().all(|f| f.key != key) {
                        fields.push(Field {
                            key: key.to_string(),
                            value: Value::Text(v.to_string()),
                            line: None,
                        });
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    fields
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    /// A .docx archive holding `parts` (name, content), deflated or stored.
    pub(crate) fn docx(parts: &[(&str, &str)], deflate: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let mut archive = rawzip::ZipArchiveWriter::new(&mut out);
        for (name, content) in parts {
            let method = if deflate {
                CompressionMethod::DEFLATE
            } else {
                CompressionMethod::STORE
            };
            let (mut entry, config) = archive.new_file(name).compression_method(method).start().unwrap();
            let descriptor = if deflate {
                let encoder = flate2::write::DeflateEncoder::new(&mut entry, flate2::Compression::new(6));
                let mut writer = config.wrap(encoder);
                writer.write_all(content.as_bytes()).unwrap();
                let (encoder, descriptor) = writer.finish().unwrap();
                encoder.finish().unwrap();
                descriptor
            } else {
                let mut writer = config.wrap(&mut entry);
                writer.write_all(content.as_bytes()).unwrap();
                writer.finish().unwrap().1
            };
            entry.finish(descriptor).unwrap();
        }
        archive.finish().unwrap();
        out
    }

    pub(crate) fn document(body: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
             <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
        )
    }

    fn blocks_of(body_xml: &str) -> Vec<(BlockKind, String)> {
        let (text, blocks, _) = body(&document(body_xml)).unwrap();
        blocks.iter().map(|b| (b.kind, text[b.start..b.end].to_string())).collect()
    }

    fn p(style: &str, runs: &str) -> String {
        let props = if style.is_empty() {
            String::new()
        } else {
            format!("<w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>")
        };
        format!("<w:p>{props}{runs}</w:p>")
    }

    fn run(text: &str) -> String {
        format!("<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
    }

    #[test]
    fn table_of_docx_cases() {
        use BlockKind::*;
        let list = "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>item</w:t></w:r></w:p>";
        let table = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc></w:tr>\
                     <w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc/></w:tr></w:tbl>";
        #[allow(clippy::type_complexity)]
        let cases: Vec<(String, Vec<(BlockKind, &str)>)> = vec![
            (p("", &run("Plain paragraph.")), vec![(Paragraph, "Plain paragraph.")]),
            (p("", &format!("{}{}", run("split "), run("runs"))), vec![(Paragraph, "split runs")]),
            (p("Heading2", &run("A heading")) + &p("", &run("Body")), vec![(Heading(2), "A heading"), (Paragraph, "Body")]),
            (p("Title", &run("The title")), vec![(Heading(1), "The title")]),
            (p("IntenseQuote", &run("Quoted")), vec![(Quote, "Quoted")]),
            (list.to_string(), vec![(ListItem { ordered: false }, "item")]),
            (table.to_string(), vec![(Paragraph, "a | b c"), (Paragraph, "1")]),
            (p("", "<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r>"), vec![(Paragraph, "a b\nc")]),
            (p("", &run("&amp; &lt;b&gt; &#233; &#x1F600; &quot;")), vec![(Paragraph, "& <b> é 😀 \"")]),
            (p("", "<w:del><w:r><w:delText>deleted</w:delText></w:r></w:del><w:r><w:instrText>HYPERLINK x</w:instrText></w:r><w:r><w:t>kept</w:t></w:r>"), vec![(Paragraph, "kept")]),
            (p("", "") + &p("", &run("   ")), vec![]),
            (String::new(), vec![]),
        ];
        for (xml, expected) in cases {
            let want: Vec<(BlockKind, String)> = expected.iter().map(|(k, s)| (*k, s.to_string())).collect();
            assert_eq!(blocks_of(&xml), want, "reducing {xml}");
        }
    }

    #[test]
    fn unicode_text_is_kept_whole() {
        for s in ["\u{a0}non-breaking\u{a0}", "cafe\u{301}", "👍🏽 👩‍👩‍👧", "שלום עולם", "العربية"] {
            let (text, blocks, _) = body(&document(&p("", &run(s)))).unwrap();
            assert_eq!(text, s.trim_end());
            assert!(blocks
                .iter()
                .all(|b| text.is_char_boundary(b.start) && text.is_char_boundary(b.end)));
        }
    }

    #[test]
    fn an_archive_deflated_or_stored_reads_the_same_with_its_properties() {
        let core = "<?xml version=\"1.0\"?><cp:coreProperties xmlns:cp=\"x\" xmlns:dc=\"y\" xmlns:dcterms=\"z\">\
                    <dc:title>A report &amp; more</dc:title><dc:creator>Jo Bloggs</dc:creator><cp:keywords>nhs, data</cp:keywords>\
                    <dcterms:created>2024-04-12T09:00:00Z</dcterms:created><dc:subject>FDP</dc:subject></cp:coreProperties>";
        let doc = document(&(p("Heading1", &run("Report")) + &p("", &run("Text."))));
        for deflate in [true, false] {
            let bytes = docx(
                &[
                    ("[Content_Types].xml", "<Types/>"),
                    ("word/document.xml", &doc),
                    ("docProps/core.xml", core),
                ],
                deflate,
            );
            let reduced = reduce(&bytes).unwrap();
            assert_eq!(reduced.text, "Report\n\nText.");
            assert_eq!(reduced.heading.as_deref(), Some("Report"));
            let fields: Vec<(String, Value)> = reduced.fields.into_iter().map(|f| (f.key, f.value)).collect();
            let t = |s: &str| Value::Text(s.to_string());
            assert_eq!(
                fields,
                vec![
                    ("title".into(), t("A report & more")),
                    ("author".into(), t("Jo Bloggs")),
                    ("tags".into(), t("nhs, data")),
                    ("date".into(), t("2024-04-12T09:00:00Z")),
                    ("subject".into(), t("FDP")),
                ]
            );
        }
    }

    #[test]
    fn damaged_or_hostile_archives_are_errors_never_panics() {
        let doc = document(&p("", &run("Some text in the document")));
        let good = docx(&[("word/document.xml", &doc)], false);
        assert_eq!(reduce(&good).unwrap().text, "Some text in the document");
        let kind = |bytes: &[u8]| reduce(bytes).err().map(|e| e.kind());
        assert_eq!(kind(b"not a zip at all"), Some(ErrorKind::Parse));
        assert_eq!(
            kind(&docx(&[("word/other.xml", &doc)], true)),
            Some(ErrorKind::Parse),
            "no document part"
        );
        // A changed byte of the stored text: the checksum catches it.
        let mut flipped = good.clone();
        let at = flipped.windows(4).position(|w| w == b"Some").unwrap();
        flipped[at] = b'X';
        let e = reduce(&flipped).unwrap_err();
        assert!(e.to_string().contains("checksum"), "{e}");
        // Cut anywhere, or any byte changed: an error or a document, never a panic.
        let deflated = docx(&[("word/document.xml", &doc)], true);
        for bytes in [&good, &deflated] {
            for cut in 0..bytes.len() {
                let _ = reduce(&bytes[..cut]);
            }
            for i in 0..bytes.len() {
                let mut b = bytes.to_vec();
                b[i] ^= 0x5a;
                let _ = reduce(&b);
            }
        }
        // Not XML, or XML in another encoding.
        assert!(reduce(&docx(&[("word/document.xml", "<w:document><w:p><w:t>unclosed")], false)).is_ok());
        assert_eq!(kind(&docx(&[("word/document.xml", "<a></b>")], false)), Some(ErrorKind::Parse));
    }

    #[test]
    fn a_part_past_the_limit_is_refused_before_it_is_inflated() {
        // A megabyte of one letter deflates to about a kilobyte.
        let big = document(&p("", &run(&"a".repeat(1 << 20))));
        let bytes = docx(&[("word/document.xml", &big)], true);
        assert!(bytes.len() < 8 << 10);
        assert_eq!(reduce_within(&bytes, 1 << 20).unwrap_err().kind(), ErrorKind::Limit);
        assert_eq!(reduce_within(&bytes, 2 << 20).unwrap().text.len(), 1 << 20);
    }

    #[test]
    fn custom_entities_are_never_expanded() {
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>\
                   <w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>x&b;y</w:t></w:r></w:p></w:body></w:document>";
        assert_eq!(body(xml).unwrap().0, "xy");
    }
}
