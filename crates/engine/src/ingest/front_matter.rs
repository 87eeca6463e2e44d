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

use super::meta::{yaml_key, Field, Value};
use crate::Error;

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
        return Err(Error::new(format!(
            "front matter opened with {fence} is never closed by a {fence} line"
        ))
        .at_line(1));
    };
    let content = &text[content_start.min(content_end)..content_end];
    let fields = if fence == "+++" { toml_fields(content)? } else { yaml_fields(content)? };
    Ok((fields, body_start))
}

/// The 1-based file line of a front-matter key (the front matter starts on
/// file line 2).
fn line_of_key(content: &str, key: &str, separator: char) -> Option<usize> {
    content.lines().position(|line| {
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
        Error::new(format!("front matter is not valid TOML: {}", e.message().trim())).at_line(line)
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
    let docs = yaml_rust2::YamlLoader::load_from_str(content).map_err(|e| {
        let line = e.marker().line() + 1;
        Error::new(format!("front matter is not valid YAML: {}", e.info())).at_line(line)
    })?;
    let Some(doc) = docs.into_iter().next() else {
        return Ok(Vec::new());
    };
    match doc {
        yaml_rust2::Yaml::Hash(map) => Ok(map
            .iter()
            .filter_map(|(k, v)| {
                let key = yaml_key(k)?;
                Some(Field {
                    line: line_of_key(content, &key, ':'),
                    key,
                    value: Value::from(v),
                })
            })
            .collect()),
        yaml_rust2::Yaml::Null => Ok(Vec::new()),
        _ => Err(Error::new("front matter must be a YAML mapping of keys to values").at_line(2)),
    }
}
