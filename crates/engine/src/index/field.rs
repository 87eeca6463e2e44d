//! The indexed fields and how each counts in BM25F.

use serde::{Deserialize, Serialize};

/// The title's field id. Fields are numbered: title, body, then metadata
/// keys in the order documents first used them.
pub const TITLE: u8 = 0;
/// The body's field id.
pub const BODY: u8 = 1;

/// At most this many fields; further metadata keys share the last one.
pub(crate) const MAX_FIELDS: usize = 250;

/// An indexed field and how it counts in BM25F.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldInfo {
    /// `title`, `body`, `source`, `author`, `tags`, or a metadata key.
    pub name: String,
    /// How much a match here counts relative to the body.
    pub weight: f32,
    /// Length normalisation (BM25 `b`); 0 for short metadata fields.
    pub b: f32,
    /// Whether a query without a field searches it: the title, the body,
    /// the outlet, author and tags do; other metadata (e-mail addresses,
    /// message ids, hashes) only when named (`from:kre`).
    pub default: bool,
}

/// The field weights, documented in the README: a title match counts three
/// body matches; outlet, author and tags two; other metadata half of one.
pub(crate) fn field_info(name: &str) -> FieldInfo {
    let (weight, b, default) = match name {
        "title" => (3.0, 0.5, true),
        "body" => (1.0, 0.75, true),
        "source" | "author" | "tags" => (2.0, 0.0, true),
        _ => (0.5, 0.0, false),
    };
    FieldInfo {
        name: name.to_string(),
        weight,
        b,
        default,
    }
}

/// The pseudo-frequency of a term in a document under BM25F: each field's
/// term frequency, weighted and normalised by the field's length.
pub(crate) fn weighted_tf(fields: &[FieldInfo], tf: u32, field: u8, length: u32, average: f32) -> f32 {
    let Some(info) = fields.get(field as usize) else {
        return 0.0;
    };
    let norm = if info.b > 0.0 {
        1.0 - info.b + info.b * length as f32 / average.max(1.0)
    } else {
        1.0
    };
    info.weight * tf as f32 / norm
}
