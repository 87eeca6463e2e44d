//! The index's files, each written and read in one place: a header (magic
//! bytes, format version, the kind of part), then one postcard value whose
//! large parts are byte arrays used where they lie. A part's file is named
//! by the hash of its bytes ([`super::part::file_name`]), which a reader
//! checks against the directory before anything else. The manifest (the
//! directory) and the one-blob container carry their own checksum.
//!
//! A part's body is stored deflated when that is smaller (its tag then
//! has [`DEFLATED`] set, and the body's length follows the header), as
//! Pagefind compresses its index files at build time: a host that does
//! not compress, or a page opened from disk, still gets small files. The
//! hash names the stored bytes, so a reader checks them before inflating.

use std::ops::Deref;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::part::PartId;
use crate::error::{Error, ErrorKind};

/// Every index file starts with these bytes, then the format version.
pub(crate) const MAGIC: &[u8; 6] = b"QUIRE\0";

/// Bumped whenever an encoding changes; decoding checks it.
pub const FORMAT_VERSION: u32 = 8;

/// Set in a part's tag when its body is stored deflated.
pub(crate) const DEFLATED: u8 = 0x80;

/// Deflate expands at most about 1032 to 1: a declared length past that
/// is damage, and is refused before anything is allocated for it.
const MAX_RATIO: usize = 1032;

/// The deflate level: zlib's default. On Debian's parts (92 MB plain),
/// zlib's level 6 gave 36.8 MB and level 1 39.1 MB in half the time
/// (measured with Python's zlib, not miniz; deflating is now about 2.5 s
/// of a 33 s build, on every core).
const LEVEL: u8 = 6;

/// The header tag of the manifest.
pub(crate) const MANIFEST_TAG: u8 = 0;
/// The header tag of the bundle (every part in one file).
pub(crate) const BUNDLE_TAG: u8 = 254;
/// The header tag of the container (manifest and parts in one blob).
pub(crate) const CONTAINER_TAG: u8 = 255;

/// Magic bytes, format version, tag.
pub(crate) const HEADER: usize = MAGIC.len() + 4 + 1;

/// The fixed name of the manifest file, beside the parts.
pub const MANIFEST: &str = "manifest.bin";

fn checksum(body: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(body)
}

fn corrupt(what: impl std::fmt::Display) -> Error {
    Error::new(ErrorKind::Corrupt, format!("the index is corrupt ({what})"))
}

/// Bytes shared by the parts decoded from one file: a range of it.
#[derive(Clone)]
pub(crate) struct Bytes {
    file: Arc<[u8]>,
    start: usize,
    end: usize,
}

impl Bytes {
    /// The part of `file` that `slice` (borrowed from it) is.
    pub(crate) fn within(file: &Arc<[u8]>, slice: &[u8]) -> Bytes {
        let base = file.as_ptr() as usize;
        let start = (slice.as_ptr() as usize).wrapping_sub(base);
        if slice.is_empty() || start > file.len() || start + slice.len() > file.len() {
            return Bytes {
                file: file.clone(),
                start: 0,
                end: 0,
            };
        }
        Bytes {
            file: file.clone(),
            start,
            end: start + slice.len(),
        }
    }
}

impl Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.file[self.start..self.end]
    }
}

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        self
    }
}

impl std::fmt::Debug for Bytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Bytes({})", self.len())
    }
}

/// A part's file as [`read_part`] reads it: the header, then `value` as
/// postcard. Stored [`deflated`].
pub(crate) fn write_part<T: Serialize>(part: PartId, value: &T) -> Vec<u8> {
    write_tagged(part.tag(), value)
}

/// A part's file as it is stored: `file` (header and body, as
/// [`read_part`] reads it) with its body deflated when that saves bytes.
/// The same input always gives the same bytes.
pub(crate) fn deflated(file: &[u8]) -> Vec<u8> {
    let Some(body) = file.get(HEADER..) else {
        return file.to_vec();
    };
    let Ok(len) = u32::try_from(body.len()) else {
        return file.to_vec();
    };
    let packed = miniz_oxide::deflate::compress_to_vec(body, LEVEL);
    if packed.len() + 4 >= body.len() {
        return file.to_vec();
    }
    let mut out = Vec::with_capacity(HEADER + 4 + packed.len());
    out.extend_from_slice(&file[..HEADER - 1]);
    out.push(file[HEADER - 1] | DEFLATED);
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&packed);
    out
}

/// A part's file as [`read_part`] reads it, from its stored bytes: the
/// body inflated when it was stored deflated. The stream must fill
/// exactly the declared length and end where the file ends. A file that
/// is not a deflated part is given back as it is, for [`read_part`] to
/// judge. Also says whether it was deflated.
pub(crate) fn inflated(stored: &[u8]) -> Result<(Vec<u8>, bool), Error> {
    let deflated = stored.len() >= HEADER + 4
        && &stored[..MAGIC.len()] == MAGIC
        && stored[MAGIC.len()..MAGIC.len() + 4] == FORMAT_VERSION.to_le_bytes()
        && stored[HEADER - 1] & DEFLATED != 0
        && stored[HEADER - 1] != BUNDLE_TAG
        && stored[HEADER - 1] != CONTAINER_TAG;
    if !deflated {
        return Ok((stored.to_vec(), false));
    }
    let damaged = |what: &str| corrupt(format_args!("a compressed part: {what}"));
    let len = u32_at(&stored[HEADER..HEADER + 4], 0) as usize;
    let packed = &stored[HEADER + 4..];
    let Some(size) = HEADER.checked_add(len).filter(|_| len <= packed.len().saturating_mul(MAX_RATIO)) else {
        return Err(damaged("its length is impossible"));
    };
    // The output grows as the stream yields it (never to more than the
    // declared length): a false length costs what the stream holds, not
    // what it claims (wasm memory, once grown, is never given back).
    use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
    use miniz_oxide::inflate::TINFLStatus;
    let mut file = vec![0u8; size.min(HEADER + packed.len().saturating_mul(4).max(1 << 12))];
    file[..HEADER].copy_from_slice(&stored[..HEADER]);
    file[HEADER - 1] &= !DEFLATED;
    let mut state = DecompressorOxide::new();
    let (mut read, mut written) = (0, 0);
    loop {
        let (status, r, w) = decompress(
            &mut state,
            &packed[read..],
            &mut file[HEADER..],
            written,
            inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
        );
        read += r;
        written += w;
        match status {
            TINFLStatus::Done => break,
            TINFLStatus::HasMoreOutput if file.len() < size => {
                let grown = file.len().saturating_mul(2).min(size);
                file.resize(grown, 0);
            }
            _ => return Err(damaged("its data does not inflate to its length")),
        }
    }
    if read != packed.len() || written != len {
        return Err(damaged("its data does not inflate to its length"));
    }
    Ok((file, true))
}

fn write_tagged<T: Serialize>(tag: u8, value: &T) -> Vec<u8> {
    let mut out = Vec::with_capacity(1 << 12);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.push(tag);
    postcard::to_extend(value, out).expect("writing to a Vec cannot fail")
}

/// A file with its own checksum (the manifest, the container): the
/// header, the checksum of the body, the body.
fn write_sealed<T: Serialize>(tag: u8, value: &T) -> Vec<u8> {
    let body = postcard::to_allocvec(value).expect("writing to a Vec cannot fail");
    let mut out = Vec::with_capacity(HEADER + 8 + body.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.push(tag);
    out.extend_from_slice(&checksum(&body).to_le_bytes());
    out.extend_from_slice(&body);
    out
}

/// The body of a file after its header, once magic bytes, version and
/// tag are right.
fn body_of<'b>(bytes: &'b [u8], tag: u8, what: &str) -> Result<&'b [u8], Error> {
    if bytes.len() < MAGIC.len() + 4 || &bytes[..MAGIC.len()] != MAGIC {
        return Err(Error::new(
            ErrorKind::NotAnIndex,
            format!("not a Quire index file ({what}: wrong magic bytes)"),
        ));
    }
    let version = u32::from_le_bytes(bytes[MAGIC.len()..MAGIC.len() + 4].try_into().expect("4 bytes"));
    if version != FORMAT_VERSION {
        return Err(Error::new(
            ErrorKind::Version,
            format!("index format version {version}, but this build reads version {FORMAT_VERSION}; rebuild the index"),
        ));
    }
    match bytes.get(HEADER - 1) {
        Some(&t) if t == tag => Ok(&bytes[HEADER..]),
        Some(_) => Err(corrupt(format_args!("{what}: a file of another kind"))),
        None => Err(Error::new(
            ErrorKind::Corrupt,
            format!("the index's {what} is damaged or incomplete ({} bytes)", bytes.len()),
        )),
    }
}

/// The body of a sealed file, once its checksum is right: a truncated or
/// damaged file stops here.
fn sealed_body_of<'b>(bytes: &'b [u8], tag: u8, what: &str) -> Result<&'b [u8], Error> {
    let rest = body_of(bytes, tag, what)?;
    let stored = rest.get(..8).map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes")));
    let body = rest.get(8..).unwrap_or(&[]);
    if stored != Some(checksum(body)) {
        return Err(Error::new(
            ErrorKind::Corrupt,
            format!(
                "the index's {what} is damaged or incomplete ({} bytes, checksum mismatch): download or build it again",
                bytes.len()
            ),
        ));
    }
    Ok(body)
}

/// Decodes the postcard body of a part's file (already checked against
/// its hash).
pub(crate) fn read_part<'b, T: Deserialize<'b>>(part: PartId, bytes: &'b [u8]) -> Result<T, Error> {
    let body = body_of(bytes, part.tag(), part.kind())?;
    postcard::from_bytes(body).map_err(|e| corrupt(format_args!("{} part", part.kind())).with_source(e))
}

pub(crate) fn write_manifest<T: Serialize>(value: &T) -> Vec<u8> {
    write_sealed(MANIFEST_TAG, value)
}

pub(crate) fn read_manifest<'b, T: Deserialize<'b>>(bytes: &'b [u8]) -> Result<T, Error> {
    let body = sealed_body_of(bytes, MANIFEST_TAG, "manifest")?;
    postcard::from_bytes(body).map_err(|e| corrupt("its manifest").with_source(e))
}

/// Every part's file, in the directory's order: the bundle of a small
/// index.
pub(crate) fn write_bundle(files: &[&[u8]]) -> Vec<u8> {
    write_tagged(BUNDLE_TAG, &files)
}

pub(crate) fn read_bundle(bytes: &[u8]) -> Result<Vec<&[u8]>, Error> {
    let body = body_of(bytes, BUNDLE_TAG, "bundle")?;
    postcard::from_bytes(body).map_err(|e| corrupt("its bundle").with_source(e))
}

/// The whole index in one blob: the manifest, then every part's file.
#[derive(Serialize, Deserialize)]
struct Container<'a> {
    #[serde(borrow)]
    manifest: &'a [u8],
    #[serde(borrow)]
    files: Vec<&'a [u8]>,
}

pub(crate) fn write_container(manifest: &[u8], files: &[&[u8]]) -> Vec<u8> {
    write_sealed(
        CONTAINER_TAG,
        &Container {
            manifest,
            files: files.to_vec(),
        },
    )
}

pub(crate) fn read_container(bytes: &[u8]) -> Result<(&[u8], Vec<&[u8]>), Error> {
    let body = sealed_body_of(bytes, CONTAINER_TAG, "data")?;
    let c: Container = postcard::from_bytes(body).map_err(|e| corrupt("its container").with_source(e))?;
    // One encoding of the container: trailing bytes or an over-long length
    // do not pass (the decode fuzzer's round trip found both).
    if postcard::to_allocvec(&c).ok().as_deref() != Some(body) {
        return Err(not_quires_form());
    }
    Ok((c.manifest, c.files))
}

/// A blob that decodes but is not byte for byte what Quire writes.
pub(crate) fn not_quires_form() -> Error {
    corrupt("its container: not in the form Quire writes")
}

/// Recomputes the checksum of a sealed file (manifest or container) after
/// its body was changed on purpose: lets the fuzzer reach the checks
/// behind the checksum. Not for anything else.
pub(crate) fn reseal(bytes: &mut [u8]) {
    if bytes.len() >= HEADER + 8 {
        let sum = checksum(&bytes[HEADER + 8..]);
        bytes[HEADER..HEADER + 8].copy_from_slice(&sum.to_le_bytes());
    }
}

// Tables inside parts.

pub(crate) fn u32_at(bytes: &[u8], i: usize) -> u32 {
    i.checked_mul(4)
        .and_then(|at| bytes.get(at..at + 4))
        .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

pub(crate) fn push_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// Offsets that only grow, `count + 1` of them, the last within `limit`.
pub(crate) fn offsets_ok(table: &[u8], count: usize, limit: usize) -> bool {
    count.checked_add(1).and_then(|c| c.checked_mul(4)) == Some(table.len())
        && (0..count).all(|i| u32_at(table, i) <= u32_at(table, i + 1))
        && u32_at(table, count) as usize <= limit
}

/// A string table: `count + 1` offsets, then the text.
pub(crate) fn string_table<'s>(strings: impl Iterator<Item = &'s str>) -> Vec<u8> {
    let strings: Vec<&str> = strings.collect();
    let mut out = Vec::new();
    let mut at = 0u32;
    push_u32(&mut out, 0);
    for s in &strings {
        at += s.len() as u32;
        push_u32(&mut out, at);
    }
    for s in &strings {
        out.extend_from_slice(s.as_bytes());
    }
    out
}

/// Whether `table` is a string table of `count` strings.
pub(crate) fn string_table_ok(table: &[u8], count: usize) -> bool {
    let Some(base) = count.checked_add(1).and_then(|c| c.checked_mul(4)) else {
        return false;
    };
    table.len() >= base && offsets_ok(&table[..base], count, table.len() - base)
}

/// The `i`-th string of a table of `count`; "" when out of range or not
/// UTF-8.
pub(crate) fn string_at(table: &[u8], count: usize, i: usize) -> &str {
    let base = (count + 1) * 4;
    let (start, end) = (u32_at(table, i) as usize, u32_at(table, i + 1) as usize);
    table
        .get(base + start..base + end)
        .and_then(|b| std::str::from_utf8(b).ok())
        .unwrap_or("")
}

/// A table of byte strings: `offsets` (`count + 1` u32s) into `bytes`.
#[derive(Serialize, Deserialize)]
pub(crate) struct TableLayout<'a> {
    #[serde(borrow)]
    pub offsets: &'a [u8],
    #[serde(borrow)]
    pub bytes: &'a [u8],
}

/// A term shard's dictionary.
#[derive(Serialize, Deserialize)]
pub(crate) struct TermsLayout<'a> {
    /// fst map: term → `df << 32 | term id`.
    #[serde(borrow)]
    pub terms: &'a [u8],
    /// fst map: stem → `start << 16 | count` into `stem_terms`.
    #[serde(borrow)]
    pub stems: &'a [u8],
    /// `u32` term ids, grouped by stem.
    #[serde(borrow)]
    pub stem_terms: &'a [u8],
}

/// A chunk of titles and ids: two string tables.
#[derive(Serialize, Deserialize)]
pub(crate) struct TitlesLayout<'a> {
    #[serde(borrow)]
    pub titles: &'a [u8],
    #[serde(borrow)]
    pub ids: &'a [u8],
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_file_refuses_any_cut_or_flip() {
        let bytes = write_manifest(&("a", 1u32, vec![1u8, 2, 3]));
        assert!(read_manifest::<(&str, u32, Vec<u8>)>(&bytes).is_ok());
        for cut in 0..bytes.len() {
            assert!(read_manifest::<(&str, u32, Vec<u8>)>(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        for i in HEADER..bytes.len() {
            let mut flipped = bytes.clone();
            flipped[i] ^= 0x10;
            assert!(read_manifest::<(&str, u32, Vec<u8>)>(&flipped).is_err(), "flip at {i}");
        }
    }

    #[test]
    fn a_file_of_another_version_or_kind_is_refused_by_name() {
        let mut bytes = write_part(PartId::Dates, &[1u8, 2].as_slice());
        assert_eq!(read_part::<&[u8]>(PartId::Dates, &bytes).unwrap(), &[1, 2]);
        let err = read_part::<&[u8]>(PartId::Lengths, &bytes).unwrap_err();
        assert!(err.to_string().contains("another kind"), "{err}");
        bytes[MAGIC.len()] ^= 1;
        assert_eq!(read_part::<&[u8]>(PartId::Dates, &bytes).unwrap_err().kind(), ErrorKind::Version);
        assert_eq!(
            read_part::<&[u8]>(PartId::Dates, b"junk").unwrap_err().kind(),
            ErrorKind::NotAnIndex
        );
    }

    #[test]
    fn a_part_is_stored_deflated_when_that_is_smaller() {
        let text = "Palantir\u{a0}— NHS England’s data platform. ".repeat(200);
        let stored = deflated(&write_part(PartId::Dates, &text.as_str()));
        assert_eq!(stored[HEADER - 1], PartId::Dates.tag() | DEFLATED);
        assert!(stored.len() < text.len() / 10, "{} bytes", stored.len());
        let (file, was) = inflated(&stored).unwrap();
        assert!(was);
        assert_eq!(read_part::<&str>(PartId::Dates, &file).unwrap(), text);
        assert_eq!(deflated(&file), stored, "deflating again gives the stored bytes");
        // Too small to gain: stored as it is.
        let small = deflated(&write_part(PartId::Dates, &"né"));
        assert_eq!(small[HEADER - 1], PartId::Dates.tag());
        assert_eq!(inflated(&small).unwrap(), (small, false));
    }

    #[test]
    fn a_damaged_deflated_part_is_refused_before_use() {
        let stored = deflated(&write_part(PartId::Lengths, &"quoted passage ".repeat(100).as_str()));
        let len_at = HEADER..HEADER + 4;
        let declared = u32_at(&stored[len_at.clone()], 0);
        let with_len = |len: u32| {
            let mut b = stored.clone();
            b[len_at.clone()].copy_from_slice(&len.to_le_bytes());
            b
        };
        let mut trailing = stored.clone();
        trailing.push(0);
        let cases = [
            ("declared one byte longer", with_len(declared + 1)),
            ("declared one byte shorter", with_len(declared - 1)),
            ("an impossible length", with_len(u32::MAX)),
            ("a possible but false length", with_len(((stored.len() - HEADER - 4) * 1000) as u32)),
            ("cut", stored[..stored.len() - 3].to_vec()),
            ("trailing bytes", trailing),
            ("no stream", stored[..HEADER + 4].to_vec()),
        ];
        for (what, bad) in cases {
            let err = inflated(&bad).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Corrupt, "{what}");
            assert!(err.to_string().contains("compressed part"), "{what}: {err}");
        }
        // Every flip either fails to inflate, or inflates to bytes the
        // part's decoder then judges: never a panic.
        for i in HEADER..stored.len() {
            let mut flipped = stored.clone();
            flipped[i] ^= 0x04;
            if let Ok((file, _)) = inflated(&flipped) {
                let _ = read_part::<&str>(PartId::Lengths, &file);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn deflating_round_trips(body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..3000), repeat in 1usize..20) {
            let body = body.repeat(repeat);
            let stored = deflated(&write_part(PartId::Similar, &body.as_slice()));
            let (file, _) = inflated(&stored).unwrap();
            proptest::prop_assert_eq!(read_part::<&[u8]>(PartId::Similar, &file).unwrap(), body.as_slice());
            proptest::prop_assert_eq!(deflated(&file), stored);
        }
    }

    #[test]
    fn a_container_has_one_encoding() {
        let good = write_container(b"m", &[b"ab".as_slice()]);
        assert_eq!(read_container(&good).unwrap(), (b"m".as_slice(), vec![b"ab".as_slice()]));
        // Trailing bytes, and the manifest's length 1 written in two bytes
        // (0x81 0x00): both decode with postcard, neither is Quire's form.
        let mut trailing = good.clone();
        trailing.push(0);
        let body = &good[HEADER + 8..];
        let mut overlong = good[..HEADER + 8].to_vec();
        overlong.extend_from_slice(&[0x81, 0x00]);
        overlong.extend_from_slice(&body[1..]);
        for mut bad in [trailing, overlong] {
            reseal(&mut bad);
            let err = read_container(&bad).unwrap_err();
            assert!(err.to_string().contains("not in the form"), "{err}");
        }
    }

    #[test]
    fn string_tables_are_checked_before_use() {
        let table = string_table(["né", "", "x"].into_iter());
        assert!(string_table_ok(&table, 3));
        assert_eq!(string_at(&table, 3, 0), "né");
        assert_eq!(string_at(&table, 3, 2), "x");
        assert!(!string_table_ok(&table, 4));
        assert!(!string_table_ok(&table[..10], 3));
        assert!(!string_table_ok(&table, usize::MAX));
    }

    #[test]
    fn bytes_within_a_file_are_that_range() {
        let file: Arc<[u8]> = Arc::from(vec![1u8, 2, 3, 4]);
        let b = Bytes::within(&file, &file[1..3]);
        assert_eq!(&*b, &[2, 3]);
        assert!(Bytes::within(&file, &[9u8, 9]).is_empty());
    }
}
