//! Front matter: metadata at the top of a Markdown or text file, as TOML
//! between `+++` lines or YAML between `---` lines.
//!
//! ```text
//! +++
//! title = "Pro-Palestine health workers blockade NHSE"
//! source = "Pulse"
//! date = "2024-04"        # partial ISO dates are quoted; full ones need not be
//! tags = ["Palantir", "protest"]
//! +++
//! The body starts here.
//! ```
//!
//! A file that starts with `+++` or `---` must close it; an unclosed or
//! malformed block is an error with the line it is on, not body text.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::TScalarStyle;

use super::meta::{Field, Value};
use crate::error::{Error, ErrorKind};

/// Front matter longer than this is refused: metadata, not a document.
pub const MAX_BYTES: usize = 256 * 1024;

/// Lists and maps nest at most this deep in front matter.
pub const MAX_DEPTH: usize = 32;

/// Front matter holds at most this many values, counting each use of a
/// YAML alias as a copy of what it names (so a kilobyte of nested aliases,
/// a "billion laughs", is refused instead of expanded).
pub const MAX_VALUES: usize = 10_000;

/// Splits `text` (with `\n` line endings) into front-matter fields and the
/// byte offset where the body starts.
pub(crate) fn split(text: &str) -> Result<(Vec<Field>, usize), Error> {
    let Some(first_line) = text.lines().next() else {
        return Ok((Vec::new(), 0));
    };
    let fence = match first_line.trim_end() {
        "+++" => "+++",
        "---" => "---",
        _ => return Ok((Vec::new(), 0)),
    };
    let content_start = first_line.len() + 1;
    let mut offset = content_start.min(text.len());
    let mut close = None;
    for line in text[offset..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == fence || (fence == "---" && trimmed == "...") {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((content_end, body_start)) = close else {
        return Err(Error::new(
            ErrorKind::Parse,
            format!("front matter opened with {fence} is never closed by a {fence} line"),
        )
        .at_line(1));
    };
    let content = &text[content_start.min(content_end)..content_end];
    if content.len() > MAX_BYTES {
        return Err(Error::new(
            ErrorKind::Limit,
            format!(
                "front matter is {} KB, more than the {} KB allowed: is the closing {fence} line missing?",
                content.len() / 1024,
                MAX_BYTES / 1024
            ),
        )
        .at_line(1));
    }
    let fields = if fence == "+++" {
        toml_fields(content)?
    } else {
        yaml_fields(content)?
    };
    Ok((fields, body_start))
}

/// The 1-based file line of a front-matter key (the front matter starts on
/// file line 2).
fn line_of_key(content: &str, key: &str, separator: char) -> Option<usize> {
    content
        .lines()
        .position(|line| {
            let line = line.trim_start();
            let line = line.strip_prefix('"').unwrap_or(line);
            line.strip_prefix(key)
                .map(|rest| rest.trim_start_matches('"').trim_start().starts_with(separator))
                .unwrap_or(false)
        })
        .map(|i| i + 2)
}

fn toml_fields(content: &str) -> Result<Vec<Field>, Error> {
    let table: toml::Table = toml::from_str(content).map_err(|e| {
        let line = e
            .span()
            .map(|span| content[..span.start.min(content.len())].matches('\n').count() + 2)
            .unwrap_or(1);
        Error::new(ErrorKind::Parse, format!("front matter is not valid TOML: {}", e.message().trim())).at_line(line)
    })?;
    Ok(table
        .iter()
        .map(|(key, value)| Field {
            key: key.clone(),
            value: Value::from(value),
            line: line_of_key(content, key, '='),
        })
        .collect())
}

fn yaml_fields(content: &str) -> Result<Vec<Field>, Error> {
    match yaml_value(content)? {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Map(entries)) => Ok(entries
            .into_iter()
            .map(|(key, value)| Field {
                line: line_of_key(content, &key, ':'),
                key,
                value,
            })
            .collect()),
        Some(_) => Err(Error::new(ErrorKind::Parse, "front matter must be a YAML mapping of keys to values").at_line(2)),
    }
}

/// A list or map being read, with its anchor and the value count when it
/// began.
enum Open {
    List(Vec<Value>, usize, usize),
    /// Entries, and the key read that waits for its value (`Some(None)`
    /// for a key that is not text: the entry is dropped).
    Map(Vec<(String, Value)>, Option<Option<String>>, usize, usize),
}

/// The first YAML document of `content` as a [`Value`], read event by
/// event (no recursion, whatever the nesting) within [`MAX_DEPTH`] and
/// [`MAX_VALUES`]. Plain `~`, `null` and empty scalars are null; other
/// scalars are kept as written.
fn yaml_value(content: &str) -> Result<Option<Value>, Error> {
    let mut parser = Parser::new_from_str(content);
    let mut open: Vec<Open> = Vec::new();
    let mut anchors: HashMap<usize, (Value, usize)> = HashMap::new();
    let mut values = 0usize;
    let mut root = None;
    loop {
        let (event, mark) = parser.next_token().map_err(|e| {
            let line = e.marker().line() + 1;
            if e.info().contains("recursion limit") {
                // The scanner's own limit on [[[…]]], met while it reads ahead.
                return Error::new(
                    ErrorKind::Limit,
                    format!("front matter nests lists or maps more than {MAX_DEPTH} deep"),
                )
                .at_line(line);
            }
            Error::new(ErrorKind::Parse, format!("front matter is not valid YAML: {}", e.info())).at_line(line)
        })?;
        let line = mark.line() + 1;
        let too_many = || {
            Error::new(
                ErrorKind::Limit,
                format!("front matter expands to more than {MAX_VALUES} values (nested YAML aliases?)"),
            )
            .at_line(line)
        };
        // A value just completed: (value, its count of values, its anchor).
        let done: Option<(Value, usize, usize)> = match event {
            Event::StreamEnd | Event::DocumentEnd => break,
            Event::Nothing | Event::StreamStart | Event::DocumentStart => None,
            Event::Alias(id) => {
                let (value, count) = anchors.get(&id).cloned().unwrap_or((Value::Null, 1));
                values += count;
                if values > MAX_VALUES {
                    return Err(too_many());
                }
                Some((value, count, 0))
            }
            Event::Scalar(text, style, anchor, _) => {
                values += 1;
                if values > MAX_VALUES {
                    return Err(too_many());
                }
                let null = style == TScalarStyle::Plain && matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL");
                Some((if null { Value::Null } else { Value::Text(text) }, 1, anchor))
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                values += 1;
                if open.len() >= MAX_DEPTH {
                    return Err(Error::new(
                        ErrorKind::Limit,
                        format!("front matter nests lists or maps more than {MAX_DEPTH} deep"),
                    )
                    .at_line(line));
                }
                if values > MAX_VALUES {
                    return Err(too_many());
                }
                open.push(match event {
                    Event::SequenceStart(..) => Open::List(Vec::new(), anchor, values),
                    _ => Open::Map(Vec::new(), None, anchor, values),
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => match open.pop() {
                Some(Open::List(items, anchor, start)) => Some((Value::List(items), values - start + 1, anchor)),
                Some(Open::Map(entries, _, anchor, start)) => Some((Value::Map(entries), values - start + 1, anchor)),
                None => None,
            },
        };
        let Some((value, count, anchor)) = done else {
            continue;
        };
        if anchor > 0 {
            anchors.insert(anchor, (value.clone(), count));
        }
        match open.last_mut() {
            None => root = Some(value),
            Some(Open::List(items, ..)) => items.push(value),
            Some(Open::Map(entries, pending, ..)) => match pending.take() {
                None => {
                    *pending = Some(match value {
                        Value::Text(key) => Some(key),
                        _ => None,
                    })
                }
                Some(Some(key)) => entries.push((key, value)),
                Some(None) => {}
            },
        }
    }
    Ok(root)
}
