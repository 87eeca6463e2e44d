//! JSON Lines collections: one document per line.
//!
//! ```text
//! {"id": "mail-1", "title": "Re: spam filters", "body": "…", "source": "exmh-workers", "date": "2002-08-22"}
//! {"id": "mail-2", "title": "…", "body": "…", "meta": {"from": "kre@…", "date": "Thu, 22 Aug 2002 18:26:25 +0700"}}
//! ```
//!
//! - `id` (string or number) names the document; without one it is
//!   `<file stem>-<line>`;
//! - `title`; `body` (or `text`, or `content`) is plain text;
//! - every other key is metadata, and so is every key of a `meta` object;
//! - `date` may be ISO 8601 or an e-mail date (RFC 2822).
//!
//! A line that is not a JSON object is an error; a record with neither body
//! text nor a title is skipped with a warning (a title alone, like an
//! e-mail subject, is a document); blank lines are ignored.

use super::meta::{from_fields, Field, Value};
use super::{first_line_title, plain_text, ParsedFile};
use crate::error::{Error, ErrorKind};
use crate::text::document::Document;

const BODY_KEYS: [&str; 3] = ["body", "text", "content"];

pub(crate) fn parse(stem: &str, text: &str) -> Result<ParsedFile, Error> {
    let mut parsed = ParsedFile::default();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let record: serde_json::Value =
            serde_json::from_str(line).map_err(|e| Error::new(ErrorKind::Parse, "not valid JSON").at_line(line_no).with_source(e))?;
        let serde_json::Value::Object(map) = record else {
            return Err(Error::new(ErrorKind::Parse, "each line must be a JSON object").at_line(line_no));
        };
        let id = match map.get("id") {
            Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => format!("{stem}-{line_no}"),
        };
        let body = BODY_KEYS
            .iter()
            .find_map(|k| map.get(*k).and_then(serde_json::Value::as_str))
            .unwrap_or("");
        let has_title = map
            .get("title")
            .and_then(serde_json::Value::as_str)
            .is_some_and(|t| !t.trim().is_empty());
        if body.trim().is_empty() && !has_title {
            parsed.skipped += 1;
            parsed
                .warnings
                .push((Some(line_no), format!("record {id:?} has neither body text nor a title: skipped")));
            continue;
        }
        let mut fields = Vec::new();
        for (key, value) in &map {
            if key == "id" || BODY_KEYS.contains(&key.as_str()) {
                continue;
            }
            if let (true, serde_json::Value::Object(meta)) = (key == "meta", value) {
                fields.extend(meta.iter().map(|(k, v)| Field {
                    key: k.clone(),
                    value: Value::from(v),
                    line: Some(line_no),
                }));
            } else {
                fields.push(Field {
                    key: key.clone(),
                    value: Value::from(value),
                    line: Some(line_no),
                });
            }
        }
        let (title, meta, warnings) = from_fields(fields);
        parsed.warnings.extend(warnings);
        let (body, blocks, _) = plain_text(&super::normalize_newlines(body));
        parsed.documents.push(Document {
            title: title.or_else(|| first_line_title(&body)).unwrap_or_else(|| id.clone()),
            id,
            body,
            blocks,
            meta,
        });
    }
    Ok(parsed)
}
