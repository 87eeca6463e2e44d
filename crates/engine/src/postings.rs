//! Positional postings: for one term in one field, the documents that hold
//! it and the token positions inside each, as delta-encoded LEB128 varints.
//!
//! Layout of one list: repeated `doc_delta, count, pos_delta × count`.
//! The first doc delta is the doc id itself; each later one is the gap to
//! the previous doc. The first position is absolute, later ones are gaps.

use crate::DocId;

/// Appends postings for documents added in increasing id order.
#[derive(Clone, Debug, Default)]
pub(crate) struct PostingsWriter {
    bytes: Vec<u8>,
    last_doc: Option<u32>,
}

impl PostingsWriter {
    /// Adds a document's sorted positions. Documents must come in increasing
    /// id order and `positions` must be non-empty and ascending.
    pub(crate) fn push(&mut self, doc: DocId, positions: &[u32]) {
        debug_assert!(!positions.is_empty());
        debug_assert!(self.last_doc.is_none_or(|last| last < doc.0));
        let delta = doc.0 - self.last_doc.map_or(0, |last| last);
        write_varint(&mut self.bytes, delta);
        write_varint(&mut self.bytes, positions.len() as u32);
        let mut last = 0;
        for (i, &p) in positions.iter().enumerate() {
            write_varint(&mut self.bytes, if i == 0 { p } else { p - last });
            last = p;
        }
        self.last_doc = Some(doc.0);
    }

    pub(crate) fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

/// Reads a postings list written by [`PostingsWriter`]. A truncated or
/// corrupt list ends the iteration early instead of panicking.
pub(crate) struct PostingsReader<'a> {
    bytes: &'a [u8],
    at: usize,
    doc: Option<u32>,
}

impl<'a> PostingsReader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        PostingsReader {
            bytes,
            at: 0,
            doc: None,
        }
    }

    /// The next document and its positions, appended to `positions` (which
    /// is cleared first).
    pub(crate) fn next_into(&mut self, positions: &mut Vec<u32>) -> Option<DocId> {
        positions.clear();
        let delta = read_varint(self.bytes, &mut self.at)?;
        let doc = match self.doc {
            None => delta,
            Some(prev) => prev.checked_add(delta)?,
        };
        let count = read_varint(self.bytes, &mut self.at)?;
        let mut pos = 0u32;
        for i in 0..count {
            let step = read_varint(self.bytes, &mut self.at)?;
            pos = if i == 0 { step } else { pos.checked_add(step)? };
            positions.push(pos);
        }
        self.doc = Some(doc);
        Some(DocId(doc))
    }
}

fn write_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn read_varint(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let mut value: u32 = 0;
    for shift in (0..35).step_by(7) {
        let byte = *bytes.get(*at)?;
        *at += 1;
        value |= ((byte & 0x7f) as u32).checked_shl(shift)?;
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn read_all(bytes: &[u8]) -> Vec<(u32, Vec<u32>)> {
        let mut reader = PostingsReader::new(bytes);
        let mut positions = Vec::new();
        let mut out = Vec::new();
        while let Some(doc) = reader.next_into(&mut positions) {
            out.push((doc.0, positions.clone()));
        }
        out
    }

    #[test]
    fn a_corrupt_list_ends_early_without_panicking() {
        let mut writer = PostingsWriter::default();
        writer.push(DocId(3), &[1, 5, 900]);
        writer.push(DocId(70_000), &[2]);
        let bytes = writer.into_bytes();
        for cut in 0..bytes.len() {
            let got = read_all(&bytes[..cut]);
            assert!(got.len() <= 2);
        }
        assert_eq!(read_all(&[0xff; 9]), vec![]);
    }

    proptest! {
        #[test]
        fn postings_round_trip(
            docs in proptest::collection::btree_map(0u32..1_000_000, proptest::collection::btree_set(0u32..100_000, 1..20), 0..50)
        ) {
            let mut writer = PostingsWriter::default();
            for (doc, positions) in &docs {
                writer.push(DocId(*doc), &positions.iter().copied().collect::<Vec<_>>());
            }
            let expected: Vec<(u32, Vec<u32>)> = docs
                .into_iter()
                .map(|(d, p)| (d, p.into_iter().collect()))
                .collect();
            prop_assert_eq!(read_all(&writer.into_bytes()), expected);
        }
    }
}
