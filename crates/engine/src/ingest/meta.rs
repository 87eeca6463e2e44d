//! Metadata from front matter or a JSON Lines record, whatever format it
//! came in: the named fields (`title`, `source`, `date`, `url`, `author`,
//! `tags`) and every other key, kept as extra metadata.

use std::collections::BTreeMap;

use crate::text::date::PartialDate;
use crate::text::document::{Meta, MetaValue};

/// A metadata value, independent of TOML, YAML or JSON.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    Text(String),
    List(Vec<Value>),
    Map(Vec<(String, Value)>),
    Null,
}

impl Value {
    /// The value as one string: lists joined with `, `, maps flattened.
    fn joined(&self) -> Option<String> {
        match self {
            Value::Text(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
            Value::List(items) => {
                let parts: Vec<String> = items.iter().filter_map(Value::joined).collect();
                (!parts.is_empty()).then(|| parts.join(", "))
            }
            Value::Map(_) | Value::Null => None,
        }
    }

    /// The value as a list of strings: a list's items, or a comma-separated
    /// string split at commas.
    fn items(&self) -> Vec<String> {
        match self {
            Value::Text(s) => s.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect(),
            Value::List(items) => items.iter().filter_map(Value::joined).collect(),
            Value::Map(_) | Value::Null => Vec::new(),
        }
    }
}

/// One metadata entry and the line it was on.
#[derive(Clone, Debug)]
pub(crate) struct Field {
    pub key: String,
    pub value: Value,
    pub line: Option<usize>,
}

/// Warnings: the line (when known) and what was wrong.
pub(crate) type Warnings = Vec<(Option<usize>, String)>;

/// Splits fields into the title, the metadata, and warnings.
pub(crate) fn from_fields(fields: Vec<Field>) -> (Option<String>, Meta, Warnings) {
    let mut title = None;
    let mut meta = Meta::default();
    let mut warnings = Vec::new();
    let mut extra = BTreeMap::new();
    for Field { key, value, line } in fields {
        match key.to_ascii_lowercase().as_str() {
            "title" => title = value.joined(),
            "source" => meta.source = value.joined(),
            "url" => meta.url = value.joined(),
            "author" => meta.author = value.joined(),
            "tags" => {
                for tag in value.items() {
                    if !meta.tags.contains(&tag) {
                        meta.tags.push(tag);
                    }
                }
            }
            "date" => {
                let Some(text) = value.joined() else { continue };
                match PartialDate::parse_any(&text) {
                    Ok(date) => meta.date = Some(date),
                    Err(e) => {
                        warnings.push((line, format!("{e}; the document is kept without a date")));
                        extra.insert("date_raw".to_string(), MetaValue::Text(text));
                    }
                }
            }
            _ => flatten(&key, value, &mut extra),
        }
    }
    meta.extra = extra;
    (title, meta, warnings)
}

/// Keeps any other key: text as text, lists as lists, maps as `key.sub`.
fn flatten(key: &str, value: Value, out: &mut BTreeMap<String, MetaValue>) {
    match value {
        Value::Null => {}
        Value::Text(s) => {
            out.insert(key.to_string(), MetaValue::Text(s));
        }
        Value::List(items) => {
            let items: Vec<String> = items.iter().filter_map(Value::joined).collect();
            if !items.is_empty() {
                out.insert(key.to_string(), MetaValue::List(items));
            }
        }
        Value::Map(entries) => {
            for (sub, v) in entries {
                flatten(&format!("{key}.{sub}"), v, out);
            }
        }
    }
}

impl From<&serde_json::Value> for Value {
    fn from(v: &serde_json::Value) -> Self {
        use serde_json::Value as J;
        match v {
            J::Null => Value::Null,
            J::Bool(b) => Value::Text(b.to_string()),
            J::Number(n) => Value::Text(n.to_string()),
            J::String(s) => Value::Text(s.clone()),
            J::Array(items) => Value::List(items.iter().map(Value::from).collect()),
            J::Object(map) => Value::Map(map.iter().map(|(k, v)| (k.clone(), Value::from(v))).collect()),
        }
    }
}

impl From<&toml::Value> for Value {
    fn from(v: &toml::Value) -> Self {
        use toml::Value as T;
        match v {
            T::String(s) => Value::Text(s.clone()),
            T::Integer(i) => Value::Text(i.to_string()),
            T::Float(f) => Value::Text(f.to_string()),
            T::Boolean(b) => Value::Text(b.to_string()),
            T::Datetime(d) => Value::Text(d.to_string()),
            T::Array(items) => Value::List(items.iter().map(Value::from).collect()),
            T::Table(t) => Value::Map(t.iter().map(|(k, v)| (k.clone(), Value::from(v))).collect()),
        }
    }
}
