//! The single-file build's data blocks: an index's files carried inside
//! an HTML page as `<script type="application/octet-stream"
//! data-quire-file="NAME">BASE64</script>`, one a line. A block is never
//! run (the page's policy does not apply to it); the app reads a file from
//! it instead of fetching `data/NAME`, and checks it as a fetched one.
//!
//! One home for the format: the build writes blocks ([`data_block`]), the
//! app reads them ([`decode`]) and, to export a corpus added in the page,
//! puts its own files in place of a built page's ([`with_data`]).

use base64::Engine as _;

const OPEN: &str = "<script type=\"application/octet-stream\" data-quire-file=\"";
const CLOSE: &str = "</script>";

/// The block carrying file `name` (an index file's name: letters, digits,
/// `-`, `_` and `.`), with its line end.
pub fn data_block(name: &str, bytes: &[u8]) -> String {
    debug_assert!(plain(name), "{name:?}");
    format!(
        "{OPEN}{name}\">{}{CLOSE}\n",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

/// Whether `name` may stand in a block's attribute as it is: an index
/// file's name (letters, digits, `-`, `_`, `.`).
fn plain(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
}

/// The bytes of file `name` from its block's text, or a message naming it.
pub fn decode(name: &str, text: &str) -> Result<Vec<u8>, String> {
    let text = text.trim_matches(|c: char| c.is_ascii_whitespace());
    if text.is_empty() {
        return Err(format!("{name}: not in this page (the single file is incomplete)"));
    }
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .map_err(|e| format!("{name}: damaged in this page ({e})"))
}

/// `page` (a single-file build) with its data blocks replaced by blocks
/// of `files`, where its first block was. `None` if the page has no data
/// block, or a block without its end (not a single-file build), or a
/// file's name is not an index file's.
pub fn with_data(page: &str, files: &[(String, Vec<u8>)]) -> Option<String> {
    if !files.iter().all(|(name, _)| plain(name)) {
        return None;
    }
    let first = page.find(OPEN)?;
    let mut out = String::with_capacity(page.len());
    out.push_str(&page[..first]);
    for (name, bytes) in files {
        out.push_str(&data_block(name, bytes));
    }
    let mut rest = &page[first..];
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        let end = rest[at..].find(CLOSE)? + at + CLOSE.len();
        rest = rest[end..].strip_prefix('\n').unwrap_or(&rest[end..]);
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_decodes_to_its_bytes() {
        let block = data_block("docs-ab.bin", &[0, 255]);
        assert_eq!(
            block,
            "<script type=\"application/octet-stream\" data-quire-file=\"docs-ab.bin\">AP8=</script>\n"
        );
        let text = &block[OPEN.len() + "docs-ab.bin\">".len()..block.len() - CLOSE.len() - 1];
        assert_eq!(decode("docs-ab.bin", text).unwrap(), [0, 255]);
    }

    #[test]
    fn a_file_carried_in_the_page_is_decoded_or_named_in_an_error() {
        assert_eq!(decode("a.bin", "AP8=").unwrap(), [0, 255]);
        assert_eq!(decode("a.bin", "\n  AP8=\r\n").unwrap(), [0, 255], "space around it");
        assert_eq!(decode("m", "TUFOSUZFU1Q=").unwrap(), b"MANIFEST");
        let missing = decode("docs-1.bin", " \n").unwrap_err();
        assert!(missing.starts_with("docs-1.bin: not in this page"), "{missing}");
        // Damage of every kind, multi-byte text among it: an error naming
        // the file, never a panic.
        for damaged in [
            "AP8",
            "A=P8",
            "AP8=AP8=",
            "é",
            "AP\u{a0}8=",
            "👍🏽",
            "שלום",
            "e\u{301}AA=",
            "AP8=\u{0}",
        ] {
            let e = decode("docs-1.bin", damaged).unwrap_err();
            assert!(e.starts_with("docs-1.bin: damaged in this page"), "{damaged:?}: {e}");
        }
    }

    #[test]
    fn a_pages_blocks_are_replaced_where_they_were() {
        let page = format!(
            "<html><head><meta charset=\"utf-8\"></head><body>\n<script type=\"application/octet-stream\" id=\"quire-wasm\">AGFz</script>\n{}{}<script type=\"module\">x()</script></body></html>",
            data_block("manifest.bin", b"old"),
            data_block("docs-1.bin", b"older")
        );
        let files = vec![
            ("manifest.bin".to_string(), b"new".to_vec()),
            ("bundle-2.bin".to_string(), vec![1, 2]),
        ];
        let out = with_data(&page, &files).unwrap();
        assert_eq!(
            out,
            format!(
                "<html><head><meta charset=\"utf-8\"></head><body>\n<script type=\"application/octet-stream\" id=\"quire-wasm\">AGFz</script>\n{}{}<script type=\"module\">x()</script></body></html>",
                data_block("manifest.bin", b"new"),
                data_block("bundle-2.bin", &[1, 2])
            )
        );
        // Not a single file, or a block cut short: no page.
        assert!(with_data("<html>é👍🏽</html>", &files).is_none());
        assert!(with_data(&page[..page.find("docs-1.bin\">").unwrap() + 14], &files).is_none());
        // A name that could end the attribute: no page.
        assert!(with_data(&page, &[("a\"><script>x()</script>".to_string(), vec![1])]).is_none());
        assert!(with_data(&page, &[("é.bin".to_string(), vec![1])]).is_none());
        // Nothing to carry: the blocks are removed.
        assert!(!with_data(&page, &[]).unwrap().contains("data-quire-file"));
    }
}
