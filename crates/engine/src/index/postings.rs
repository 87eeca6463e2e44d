//! The postings of one term: which documents hold it, how much it weighs
//! in each, and where it stands, field by field.
//!
//! One term's record is two blocks, stored in different files (the fast
//! block with its term shard, the detail block in a positions pack):
//!
//! ```text
//! fast block:   per document, in id order: varint doc_delta, u8 weight
//! detail block: per document, same order:
//!   one field:     varint (tf << 3 | f << 1), where f is the field id
//!                  when below 3 (title, body, the first metadata key),
//!                  else 3 and a varint field follows;
//!                  then tf × varint position delta
//!   several:       varint (count << 1 | 1), then per field:
//!                  varint field, varint tf, tf × varint position delta
//! ```
//!
//! The fast block is all an unscoped word query reads: `weight` is the
//! term's BM25F pseudo-frequency in the document (field weights and length
//! normalisation applied), on a logarithmic one-byte scale (see
//! [`quantize`]). The detail block, fetched only when needed, serves field-scoped queries, phrases,
//! proximity and highlighting. Doc deltas: the first is the id itself,
//! then gaps; positions restart at each field. Corrupt or truncated bytes
//! end a read early; they never panic.

use std::sync::OnceLock;

/// Steps per unit of `ln(1 + weight)` in the one-byte weight scale: ±1.6%.
const WEIGHT_STEPS: f32 = 32.0;

/// A pseudo-frequency as one byte: `round(ln(1 + w) × 32)`, 1 to 255
/// (weights up to about 2,900); 0 only for a weight of 0 (the term is only
/// in fields a query must name).
pub(crate) fn quantize(weight: f32) -> u8 {
    if weight <= 0.0 {
        return 0;
    }
    ((1.0 + weight).ln() * WEIGHT_STEPS).round().clamp(1.0, 255.0) as u8
}

/// What each weight byte stands for.
pub(crate) fn weight_table() -> &'static [f32; 256] {
    static TABLE: OnceLock<[f32; 256]> = OnceLock::new();
    TABLE.get_or_init(|| std::array::from_fn(|q| (q as f32 / WEIGHT_STEPS).exp() - 1.0))
}

/// The pseudo-frequency a weight byte stands for.
#[cfg(test)]
pub(crate) fn dequantize(byte: u8) -> f32 {
    weight_table()[byte as usize]
}

use crate::text::document::DocId;

pub(crate) fn write_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

#[inline]
pub(crate) fn read_varint(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let mut value: u32 = 0;
    let mut shift = 0;
    loop {
        let byte = *bytes.get(*at)?;
        *at += 1;
        value |= ((byte & 0x7f) as u32).checked_shl(shift)?;
        if byte & 0x80 == 0 {
            return Some(value);
        }
        shift += 7;
        if shift > 28 {
            return None;
        }
    }
}

/// One field's occurrences of a term in one document.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct FieldOccurrences {
    pub field: u8,
    pub positions: Vec<u32>,
}

/// Builds one term's record, document by document in id order.
#[derive(Clone, Debug, Default)]
pub(crate) struct RecordWriter {
    fast: Vec<u8>,
    detail: Vec<u8>,
    last_doc: Option<u32>,
    /// Documents written so far.
    pub doc_count: u32,
}

fn write_positions(out: &mut Vec<u8>, positions: &[u32]) {
    let mut last = 0;
    for (i, &p) in positions.iter().enumerate() {
        write_varint(out, if i == 0 { p } else { p - last });
        last = p;
    }
}

impl RecordWriter {
    /// Adds a document: its pseudo-frequency and, per field (ascending),
    /// positions (ascending, non-empty).
    #[cfg(test)]
    pub(crate) fn push(&mut self, doc: DocId, weight: f32, fields: &[FieldOccurrences]) {
        let start = self.detail.len();
        write_entry(&mut self.detail, fields);
        self.push_fast(doc, weight);
        debug_assert!(self.detail.len() > start);
    }

    /// Adds a document whose detail entry is already written (`entry`, as
    /// [`write_entry`] makes it).
    pub(crate) fn push_entry(&mut self, doc: DocId, weight: f32, entry: &[u8]) {
        self.detail.extend_from_slice(entry);
        self.push_fast(doc, weight);
    }

    fn push_fast(&mut self, doc: DocId, weight: f32) {
        debug_assert!(self.last_doc.is_none_or(|last| last < doc.0));
        write_varint(&mut self.fast, doc.0 - self.last_doc.unwrap_or(0));
        self.fast.push(quantize(weight));
        self.last_doc = Some(doc.0);
        self.doc_count += 1;
    }

    /// The record's two blocks: documents with weights, and positions.
    pub(crate) fn finish(self) -> (Vec<u8>, Vec<u8>) {
        (self.fast, self.detail)
    }
}

/// Writes one document's detail entry: per field (ascending), its
/// positions (ascending, non-empty).
pub(crate) fn write_entry(out: &mut Vec<u8>, fields: &[FieldOccurrences]) {
    match fields {
        [one] => {
            let code = (one.field as u32).min(3);
            write_varint(out, (one.positions.len() as u32) << 3 | code << 1);
            if code == 3 {
                write_varint(out, one.field as u32);
            }
            write_positions(out, &one.positions);
        }
        many => {
            write_varint(out, (many.len() as u32) << 1 | 1);
            for f in many {
                write_varint(out, f.field as u32);
                write_varint(out, f.positions.len() as u32);
                write_positions(out, &f.positions);
            }
        }
    }
}

/// Where the detail entry starting at `at` ends, if the bytes hold it.
pub(crate) fn entry_end(bytes: &[u8], mut at: usize) -> Option<usize> {
    let header = read_varint(bytes, &mut at)?;
    if header & 1 == 0 {
        read_field(bytes, &mut at, Some(header))?;
    } else {
        for _ in 0..header >> 1 {
            read_field(bytes, &mut at, None)?;
        }
    }
    Some(at)
}

/// A detail entry on its own, for its fields.
pub(crate) fn entry(bytes: &[u8]) -> DetailEntry<'_> {
    DetailEntry { doc: 0, bytes }
}

/// Reads one term's record.
#[derive(Clone, Copy)]
pub(crate) struct Record<'a> {
    fast: &'a [u8],
    detail: &'a [u8],
    /// Document ids are below this; a larger one ends the read.
    doc_count: u32,
}

impl<'a> Record<'a> {
    /// A record of a corpus of `doc_count` documents: its documents and
    /// weights, and its positions (empty when not needed).
    pub(crate) fn new(fast: &'a [u8], detail: &'a [u8], doc_count: u32) -> Record<'a> {
        Record { fast, detail, doc_count }
    }

    /// Every `(doc, weight byte)`, in id order.
    pub(crate) fn fast(&self) -> FastIter<'a> {
        FastIter {
            bytes: self.fast,
            at: 0,
            doc: None,
            doc_count: self.doc_count,
        }
    }

    /// Every document with its field occurrences, in id order.
    pub(crate) fn detail(&self) -> DetailIter<'a> {
        DetailIter {
            fast: self.fast(),
            bytes: self.detail,
            at: 0,
        }
    }
}

pub(crate) struct FastIter<'a> {
    bytes: &'a [u8],
    at: usize,
    doc: Option<u32>,
    doc_count: u32,
}

impl Iterator for FastIter<'_> {
    type Item = (u32, u8);

    #[inline]
    fn next(&mut self) -> Option<(u32, u8)> {
        let delta = read_varint(self.bytes, &mut self.at)?;
        let doc = match self.doc {
            None => delta,
            // Ids strictly grow: a zero gap after the first is damage.
            Some(prev) => prev.checked_add(delta).filter(|&d| d > prev)?,
        };
        if doc >= self.doc_count {
            return None;
        }
        let weight = *self.bytes.get(self.at)?;
        self.at += 1;
        self.doc = Some(doc);
        Some((doc, weight))
    }
}

/// One document's entry in the detail block: its fields, whose positions
/// are read on demand.
pub(crate) struct DetailEntry<'a> {
    pub doc: u32,
    bytes: &'a [u8],
}

/// Skips `count` varints; the position after them, if the bytes hold them.
fn skip_varints(bytes: &[u8], mut at: usize, count: u32) -> Option<usize> {
    for _ in 0..count {
        loop {
            let b = *bytes.get(at)?;
            at += 1;
            if b & 0x80 == 0 {
                break;
            }
        }
    }
    Some(at)
}

/// Reads one field of an entry: `(field, tf, positions bytes)`, and where
/// the next begins. `single` is the header of a one-field entry.
fn read_field(bytes: &[u8], at: &mut usize, single: Option<u32>) -> Option<(u8, u32, std::ops::Range<usize>)> {
    let (field, tf) = match single {
        Some(header) => {
            let code = (header >> 1) & 3;
            let field = if code == 3 { read_varint(bytes, at)? } else { code };
            (field, header >> 3)
        }
        None => {
            let field = read_varint(bytes, at)?;
            (field, read_varint(bytes, at)?)
        }
    };
    let start = *at;
    *at = skip_varints(bytes, start, tf)?;
    Some((field.min(255) as u8, tf, start..*at))
}

impl<'a> DetailEntry<'a> {
    /// `(field, tf, positions bytes)` for each field.
    pub(crate) fn fields(&self) -> impl Iterator<Item = (u8, u32, &'a [u8])> + 'a {
        let bytes = self.bytes;
        let mut at = 0;
        let header = read_varint(bytes, &mut at).unwrap_or(0);
        let (mut left, single) = if header & 1 == 0 { (1, Some(header)) } else { (header >> 1, None) };
        std::iter::from_fn(move || {
            if left == 0 {
                return None;
            }
            left -= 1;
            let (field, tf, range) = read_field(bytes, &mut at, single)?;
            Some((field, tf, &bytes[range]))
        })
    }
}

/// Decodes a field's positions, appending them to `out`.
pub(crate) fn positions(bytes: &[u8], out: &mut Vec<u32>) {
    let mut at = 0;
    let mut pos = 0u32;
    let mut first = true;
    while let Some(step) = read_varint(bytes, &mut at) {
        pos = if first { step } else { pos.saturating_add(step) };
        first = false;
        out.push(pos);
    }
}

pub(crate) struct DetailIter<'a> {
    fast: FastIter<'a>,
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Iterator for DetailIter<'a> {
    type Item = DetailEntry<'a>;

    fn next(&mut self) -> Option<DetailEntry<'a>> {
        let (doc, _) = self.fast.next()?;
        let start = self.at;
        self.at = entry_end(self.bytes, start)?;
        Some(DetailEntry {
            doc,
            bytes: &self.bytes[start..self.at],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    type Doc = (u32, f32, Vec<(u8, Vec<u32>)>);

    fn write(docs: &[Doc]) -> (Vec<u8>, Vec<u8>) {
        let mut w = RecordWriter::default();
        for (doc, weight, fields) in docs {
            let fields: Vec<FieldOccurrences> = fields
                .iter()
                .map(|(f, p)| FieldOccurrences {
                    field: *f,
                    positions: p.clone(),
                })
                .collect();
            w.push(DocId(*doc), *weight, &fields);
        }
        w.finish()
    }

    /// A record read back: per document, its id, weight byte and fields.
    type Read = Vec<(u32, u8, Vec<(u8, Vec<u32>)>)>;

    fn read((fast, detail): (&[u8], &[u8])) -> Read {
        let record = Record::new(fast, detail, u32::MAX);
        let weights: Vec<(u32, u8)> = record.fast().collect();
        record
            .detail()
            .zip(weights)
            .map(|(entry, (doc, weight))| {
                assert_eq!(entry.doc, doc);
                let fields = entry
                    .fields()
                    .map(|(f, tf, bytes)| {
                        let mut p = Vec::new();
                        positions(bytes, &mut p);
                        assert_eq!(p.len() as u32, tf);
                        (f, p)
                    })
                    .collect();
                (doc, weight, fields)
            })
            .collect()
    }

    #[test]
    fn a_truncated_record_reads_as_a_prefix_of_the_whole() {
        let (fast, detail) = write(&[(3, 1.5, vec![(0, vec![1, 5]), (1, vec![900])]), (70_000, 0.5, vec![(1, vec![2])])]);
        let whole = read((&fast, &detail));
        assert_eq!(whole.len(), 2);
        for cut in 0..detail.len() {
            let part = read((&fast, &detail[..cut]));
            assert!(part.len() < whole.len(), "positions cut at {cut} still read everything");
            assert_eq!(part[..], whole[..part.len()], "cut at {cut}");
        }
        for cut in 0..fast.len() {
            let part = read((&fast[..cut], &detail));
            assert!(part.len() < whole.len(), "postings cut at {cut} still read everything");
            assert_eq!(part[..], whole[..part.len()], "cut at {cut}");
        }
        assert!(read((&[0xff; 12], &[0xff; 12])).is_empty());
        assert!(read((&[], &[])).is_empty());
    }

    #[test]
    fn entries_written_apart_read_like_entries_written_together() {
        let fields = [FieldOccurrences {
            field: 7,
            positions: vec![3, 9],
        }];
        let mut entry_bytes = Vec::new();
        write_entry(&mut entry_bytes, &fields);
        assert_eq!(entry_end(&entry_bytes, 0), Some(entry_bytes.len()));
        let mut a = RecordWriter::default();
        a.push(DocId(4), 2.0, &fields);
        let mut b = RecordWriter::default();
        b.push_entry(DocId(4), 2.0, &entry_bytes);
        assert_eq!(a.finish(), b.finish());
    }

    #[test]
    fn document_ids_past_the_corpus_or_out_of_order_end_the_read() {
        let (bytes, _) = write(&[(3, 1.5, vec![(0, vec![1])]), (70_000, 0.5, vec![(1, vec![2])])]);
        let docs = |limit: u32| Record::new(&bytes, &[], limit).fast().map(|(d, _)| d).collect::<Vec<_>>();
        assert_eq!(docs(u32::MAX), [3, 70_000]);
        assert_eq!(docs(70_000), [3]);
        assert_eq!(docs(3), Vec::<u32>::new());
        // A zero gap after the first document repeats an id: damage.
        let mut w = RecordWriter::default();
        w.push(
            DocId(5),
            1.0,
            &[FieldOccurrences {
                field: 1,
                positions: vec![0],
            }],
        );
        let (mut bytes, _) = w.finish();
        bytes.splice(0..0, [2u8, 9]); // a first entry (id 2): the next gap, 5, gives 7
        assert_eq!(Record::new(&bytes, &[], 100).fast().map(|(d, _)| d).collect::<Vec<_>>(), [2, 7]);
        let mut repeated = bytes.clone();
        repeated[2] = 0; // the second gap becomes 0
        assert_eq!(Record::new(&repeated, &[], 100).fast().map(|(d, _)| d).collect::<Vec<_>>(), [2]);
    }

    proptest! {
        #[test]
        fn records_round_trip(
            docs in proptest::collection::btree_map(
                0u32..1_000_000,
                (0.01f32..100.0, proptest::collection::btree_map(0u8..20, proptest::collection::btree_set(0u32..100_000, 1..10), 1..4)),
                0..30,
            )
        ) {
            let docs: Vec<Doc> = docs
                .into_iter()
                .map(|(d, (w, fields))| (d, w, fields.into_iter().map(|(f, p)| (f, p.into_iter().collect())).collect()))
                .collect();
            let (fast, detail) = write(&docs);
            let got = read((&fast, &detail));
            prop_assert_eq!(got.len(), docs.len());
            for ((doc, weight, fields), (d, w, f)) in got.iter().zip(&docs) {
                prop_assert_eq!(doc, d);
                prop_assert_eq!(*weight, quantize(*w));
                prop_assert!(*weight >= 1, "a positive weight never rounds to 0");
                prop_assert!((dequantize(*weight) - w).abs() <= 0.035 * (1.0 + w));
                prop_assert_eq!(fields, f);
            }
        }
    }
}
