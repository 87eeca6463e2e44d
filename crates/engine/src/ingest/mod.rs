//! Ingest: turning the files of a corpus folder into [`Document`]s, and
//! reporting every problem with the file (and line) it comes from.
//!
//! Accepted files, one document each unless noted:
//! - Markdown (`.md`, `.markdown`): reduced to the text a reader sees, with
//!   paragraphs, headings, list items, quotes and code kept as blocks;
//! - plain text (`.txt`, `.text`, or no extension): kept verbatim,
//!   paragraphs split at blank lines;
//! - JSON Lines (`.jsonl`): one document per line, see [`jsonl`];
//! - HTML (`.html`, `.htm`): the text a reader sees, never markup, with its
//!   `<title>` and `<meta>` tags as metadata (see `html.rs`);
//! - Word (`.docx`): its text, paragraphs and tables, with its document
//!   properties as metadata (see `docx.rs`).
//!
//! Markdown and text files may open with front matter: TOML between `+++`
//! lines or YAML between `---` lines, see [`front_matter`].
//!
//! What happens to bad input is decided here, once, for the build and for
//! files dropped into the browser alike:
//!
//! | problem | outcome |
//! |---|---|
//! | invalid UTF-8, malformed front matter, a bad JSON line, two documents with one id | error: the build fails, listing every error |
//! | an empty document (no text and no title), a binary or unsupported file | warning: skipped, counted |
//! | a date that is not ISO 8601 (or an e-mail date) | warning: the document is kept without a date; the text is kept as `date_raw` |

mod blocks;
mod docx;
pub mod front_matter;
mod html;
pub mod jsonl;
mod markdown;
mod meta;

use std::collections::HashMap;
use std::fmt;

use crate::error::{Error, ErrorKind};
use crate::text::document::{Block, BlockKind, Document, Meta};

/// How serious a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The input is wrong and must be fixed: the build fails.
    Error,
    /// Something was skipped or dropped, and the build goes on.
    Warning,
}

/// A problem with one input file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// The file's path, relative to the corpus folder.
    pub path: String,
    /// The 1-based line, when known.
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match self.line {
            Some(line) => write!(f, "{kind}: {}:{line}: {}", self.path, self.message),
            None => write!(f, "{kind}: {}: {}", self.path, self.message),
        }
    }
}

/// The documents of one file, and warnings about what was left out.
#[derive(Clone, Debug, Default)]
pub struct ParsedFile {
    pub documents: Vec<Document>,
    pub warnings: Vec<(Option<usize>, String)>,
    /// Documents (lines of a JSON Lines file, or the file itself) skipped.
    pub skipped: usize,
}

/// The formats read, as messages name them.
const SUPPORTED: &str = "Markdown, plain text, JSON Lines, HTML or Word .docx";

/// Every extension read as a document (any case), for a file picker's
/// filter: what [`role_of`] takes (a file without one is text too).
pub const EXTENSIONS: [&str; 9] = ["md", "markdown", "txt", "text", "jsonl", "ndjson", "html", "htm", "docx"];

/// What a file in a corpus folder is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Text,
    JsonLines,
    Html,
    Docx,
}

/// What to do with a file, judged by its path alone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileRole {
    Document(Format),
    /// `README.md` (or `README`, `README.txt`) at the corpus root describes
    /// the corpus and is not one of its documents.
    Readme,
    /// Hidden files and folders (`.git`, `.DS_Store`) are not documents.
    Hidden,
    /// Any other extension: reported and skipped.
    Unsupported(String),
}

/// Classifies a corpus-relative path (`/`-separated).
pub fn role_of(path: &str) -> FileRole {
    if path.split('/').any(|part| part.starts_with('.')) {
        return FileRole::Hidden;
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    if !path.contains('/') && name.to_ascii_lowercase().starts_with("readme") {
        let rest = &name[6..];
        if rest.is_empty() || matches!(rest.to_ascii_lowercase().as_str(), ".md" | ".txt" | ".markdown") {
            return FileRole::Readme;
        }
    }
    match name.rsplit_once('.') {
        None => FileRole::Document(Format::Text),
        Some((_, ext)) => match ext.to_ascii_lowercase().as_str() {
            "md" | "markdown" => FileRole::Document(Format::Markdown),
            "txt" | "text" => FileRole::Document(Format::Text),
            "jsonl" | "ndjson" => FileRole::Document(Format::JsonLines),
            "html" | "htm" => FileRole::Document(Format::Html),
            "docx" => FileRole::Document(Format::Docx),
            other => FileRole::Unsupported(other.to_string()),
        },
    }
}

/// The id of the document in a file: its path without the extension.
pub fn id_of(path: &str) -> String {
    let name_start = path.rfind('/').map_or(0, |i| i + 1);
    match path[name_start..].rfind('.') {
        Some(dot) if dot > 0 => path[..name_start + dot].to_string(),
        _ => path.to_string(),
    }
}

/// Decodes a file as UTF-8 text, refusing binary files.
fn text_of(bytes: &[u8]) -> Result<&str, Error> {
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Err(Error::new(ErrorKind::Encoding, "not a text file (it contains NUL bytes)"));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        Error::new(ErrorKind::Encoding, format!("invalid UTF-8 at byte {at}; save the file as UTF-8"))
            .at_line(line)
            .with_source(e)
    })
}

/// Line endings as `\n`, no byte-order mark.
fn normalize_newlines(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    }
}

/// Parses one file into documents. `path` is relative to the corpus folder
/// and gives document ids. An `Err` is an error in the sense of
/// [`Severity::Error`]; warnings come with the documents.
pub fn parse_file(path: &str, bytes: &[u8]) -> Result<ParsedFile, Error> {
    let format = match role_of(path) {
        FileRole::Document(format) => format,
        FileRole::Readme | FileRole::Hidden => return Ok(ParsedFile::default()),
        FileRole::Unsupported(ext) => {
            return Err(Error::new(
                ErrorKind::Unsupported,
                format!(".{ext} is not a supported format ({SUPPORTED})"),
            ))
        }
    };
    if format == Format::Docx {
        let doc = docx::reduce(bytes)?;
        return Ok(one_document(path, doc.fields, doc.text, doc.blocks, doc.heading));
    }
    let text = normalize_newlines(text_of(bytes)?);
    if format == Format::JsonLines {
        return jsonl::parse(&id_of(path), &text);
    }
    let (fields, body, blocks, heading) = if format == Format::Html {
        let page = html::reduce(&text);
        (page.fields, page.text, page.blocks, page.heading)
    } else {
        let (fields, body_start) = front_matter::split(&text)?;
        let body_text = &text[body_start..];
        let (body, blocks, heading) = match format {
            Format::Markdown => markdown::reduce(body_text),
            _ => plain_text(body_text),
        };
        (fields, body, blocks, heading)
    };
    Ok(one_document(path, fields, body, blocks, heading))
}

/// A file that is one document: its metadata checked, its title found
/// (metadata, then first heading, then first line, then its id), or
/// skipped with a warning when it has neither text nor title.
fn one_document(path: &str, fields: Vec<meta::Field>, body: String, blocks: Vec<Block>, heading: Option<String>) -> ParsedFile {
    let mut parsed = ParsedFile::default();
    let (title, meta, warnings) = meta::from_fields(fields);
    parsed.warnings.extend(warnings);
    if body.trim().is_empty() && title.is_none() {
        parsed.skipped = 1;
        parsed.warnings.push((None, "empty document (no text, no title): skipped".into()));
        return parsed;
    }
    let id = id_of(path);
    let title = title.or(heading).or_else(|| first_line_title(&body)).unwrap_or_else(|| id.clone());
    parsed.documents.push(Document {
        id,
        title,
        body,
        blocks,
        meta,
    });
    parsed
}

/// Plain text: kept verbatim (blank lines before and whitespace after the
/// text trimmed), one paragraph block per run of non-blank lines.
fn plain_text(text: &str) -> (String, Vec<Block>, Option<String>) {
    let text = text.trim_end();
    let first_line = text
        .find(|c: char| !c.is_whitespace())
        .map_or(text.len(), |first| text[..first].rfind('\n').map_or(0, |i| i + 1));
    let body = &text[first_line..];
    let mut blocks = Vec::new();
    let mut open: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let content = line.trim_end();
        if content.trim_start().is_empty() {
            if let Some(start) = open.take() {
                blocks.push(Block {
                    kind: BlockKind::Paragraph,
                    start,
                    end,
                });
            }
        } else {
            open.get_or_insert(offset);
            end = offset + content.len();
        }
        offset += line.len();
    }
    if let Some(start) = open {
        blocks.push(Block {
            kind: BlockKind::Paragraph,
            start,
            end,
        });
    }
    (body.to_string(), blocks, None)
}

/// A title from the first non-empty line, cut at a word near 150 bytes.
fn first_line_title(body: &str) -> Option<String> {
    let line = body.lines().map(str::trim).find(|l| !l.is_empty())?;
    if line.len() <= 150 {
        return Some(line.to_string());
    }
    let mut cut = 150;
    while !line.is_char_boundary(cut) {
        cut -= 1;
    }
    let cut = line[..cut].rfind(' ').filter(|&i| i > 60).unwrap_or(cut);
    Some(format!("{}…", line[..cut].trim_end()))
}

/// Collects the documents of a whole corpus, file by file, and every
/// problem with them. Detects ids used twice.
#[derive(Debug, Default)]
pub struct CorpusReader {
    documents: Vec<Document>,
    origin: HashMap<String, String>,
    problems: Vec<Problem>,
    skipped: usize,
    ignored: usize,
}

/// What a [`CorpusReader`] found.
#[derive(Debug)]
pub struct CorpusReport {
    pub documents: Vec<Document>,
    pub problems: Vec<Problem>,
    /// Documents or files skipped with a warning.
    pub skipped: usize,
    /// Files that are not documents by their role (hidden files, README).
    pub ignored: usize,
}

impl CorpusReport {
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.severity == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.severity == Severity::Warning)
    }
}

impl CorpusReader {
    pub fn new() -> Self {
        Self::default()
    }

    /// Documents read so far.
    pub fn len(&self) -> usize {
        self.documents.len()
    }

    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
    }

    /// Reads one file. `path` is relative to the corpus folder, with `/`.
    pub fn add_file(&mut self, path: &str, bytes: &[u8]) {
        match role_of(path) {
            FileRole::Readme | FileRole::Hidden => {
                self.ignored += 1;
                return;
            }
            FileRole::Unsupported(ext) => {
                self.skipped += 1;
                self.problem(
                    Severity::Warning,
                    path,
                    None,
                    format!("skipped: .{ext} is not a supported format ({SUPPORTED})"),
                );
                return;
            }
            FileRole::Document(format) => {
                if format == Format::Docx {
                    return self.parsed(path, parse_file(path, bytes));
                }
            }
        }
        if bytes[..bytes.len().min(8192)].contains(&0) {
            self.skipped += 1;
            self.problem(
                Severity::Warning,
                path,
                None,
                "skipped: not a text file (it contains NUL bytes)".into(),
            );
            return;
        }
        self.parsed(path, parse_file(path, bytes));
    }

    /// Takes in what parsing a file gave: its documents, or its problems.
    fn parsed(&mut self, path: &str, parsed: Result<ParsedFile, Error>) {
        match parsed {
            Err(e) => {
                self.problem(Severity::Error, path, e.line(), e.message());
            }
            Ok(parsed) => {
                self.skipped += parsed.skipped;
                for (line, message) in parsed.warnings {
                    self.problem(Severity::Warning, path, line, message);
                }
                for doc in parsed.documents {
                    if let Some(first) = self.origin.get(&doc.id) {
                        let message = format!("two documents have the id {:?}; the other is in {first}", doc.id);
                        self.problem(Severity::Error, path, None, message);
                        continue;
                    }
                    self.origin.insert(doc.id.clone(), path.to_string());
                    self.documents.push(doc);
                }
            }
        }
    }

    fn problem(&mut self, severity: Severity, path: &str, line: Option<usize>, message: String) {
        self.problems.push(Problem {
            severity,
            path: path.to_string(),
            line,
            message,
        });
    }

    pub fn finish(self) -> CorpusReport {
        CorpusReport {
            documents: self.documents,
            problems: self.problems,
            skipped: self.skipped,
            ignored: self.ignored,
        }
    }
}

/// A document with only a body, for tests and examples.
pub fn text_document(id: &str, title: &str, body: &str) -> Document {
    let (body, blocks, _) = plain_text(body);
    Document {
        id: id.to_string(),
        title: title.to_string(),
        body,
        blocks,
        meta: Meta::default(),
    }
}

#[cfg(test)]
mod tests;
