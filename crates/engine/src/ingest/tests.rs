use super::*;
use crate::error::ErrorKind;
use crate::text::document::MetaValue;

fn parse(path: &str, text: &str) -> Result<ParsedFile, Error> {
    parse_file(path, text.as_bytes())
}

fn one(path: &str, text: &str) -> Document {
    let mut parsed = parse(path, text).unwrap();
    assert_eq!(parsed.documents.len(), 1, "{path}: {:?}", parsed.warnings);
    parsed.documents.remove(0)
}

#[test]
fn toml_front_matter_fills_the_named_fields_and_keeps_the_rest() {
    let doc = one(
        "articles/a.txt",
        "+++\ntitle = \"Headline\"\nsource = \"Morning Star\"\ndate = 2024-04-03\nurl = \"https://x.org/a\"\nauthor = \"A. Writer\"\ntags = [\"NHS\", \"Palantir\"]\nsection = \"Health\"\n[extra]\nregion = \"London\"\n+++\nFirst paragraph.\n\nSecond paragraph.\n",
    );
    assert_eq!(doc.id, "articles/a");
    assert_eq!(doc.title, "Headline");
    assert_eq!(doc.meta.source.as_deref(), Some("Morning Star"));
    assert_eq!(doc.meta.date.unwrap().to_string(), "2024-04-03");
    assert_eq!(doc.meta.url.as_deref(), Some("https://x.org/a"));
    assert_eq!(doc.meta.author.as_deref(), Some("A. Writer"));
    assert_eq!(doc.meta.tags, ["NHS", "Palantir"]);
    assert_eq!(doc.meta.extra["section"], MetaValue::Text("Health".into()));
    assert_eq!(doc.meta.extra["extra.region"], MetaValue::Text("London".into()));
    assert_eq!(doc.body, "First paragraph.\n\nSecond paragraph.");
    let blocks: Vec<&str> = doc.blocks.iter().map(|b| doc.block_text(b)).collect();
    assert_eq!(blocks, ["First paragraph.", "Second paragraph."]);
}

#[test]
fn yaml_front_matter_works_the_same() {
    let doc = one(
        "b.md",
        "---\ntitle: Headline\ndate: 2024-04\ntags: NHS, data\nspam: false\n---\n# Heading\n\nText.\n",
    );
    assert_eq!(doc.title, "Headline");
    assert_eq!(doc.meta.date.unwrap().to_string(), "2024-04");
    assert_eq!(doc.meta.tags, ["NHS", "data"]);
    assert_eq!(doc.meta.extra["spam"], MetaValue::Text("false".into()));
    assert_eq!(doc.body, "Heading\n\nText.");
}

#[test]
fn titles_fall_back_to_the_first_heading_then_the_first_line_then_the_id() {
    assert_eq!(one("a.md", "Intro\n\n# The heading\n").title, "The heading");
    assert_eq!(one("a.txt", "\n\nFirst line\nsecond").title, "First line");
    let long = "word ".repeat(60);
    let title = one("a.txt", &long).title;
    assert!(title.ends_with('…') && title.len() < 160, "{title}");
}

#[test]
fn a_title_without_text_is_still_a_document() {
    let doc = one("t.md", "+++\ntitle = \"Only a headline\"\n+++\n");
    assert_eq!(doc.title, "Only a headline");
    assert_eq!(doc.body, "");
    assert!(doc.blocks.is_empty());
}

#[test]
fn plain_text_is_kept_verbatim() {
    let text = "London\n9\nFeels like8\n\n  • A bullet point\n\n“Quoted” text with [brackets] and *stars*\r\n";
    let doc = one("c.txt", text);
    assert_eq!(doc.body, text.trim_end().replace('\r', ""));
    assert_eq!(doc.blocks.len(), 3);
    assert_eq!(doc.block_text(&doc.blocks[1]), "  • A bullet point");
}

#[test]
fn table_of_bad_inputs() {
    // (path, contents, kind, expected line, a word the message names)
    type Case<'a> = (&'a str, &'a [u8], ErrorKind, Option<usize>, &'a str);
    let cases: &[Case] = &[
        ("a.txt", b"+++\ntitle = \"x\"\nno closing fence", ErrorKind::Parse, Some(1), "+++"),
        ("a.md", b"---\ntitle: x\n", ErrorKind::Parse, Some(1), "---"),
        ("a.txt", b"+++\ntitle = \n+++\nbody", ErrorKind::Parse, Some(2), "TOML"),
        ("a.txt", b"+++\nok = 1\nbad line\n+++\nbody", ErrorKind::Parse, Some(3), "TOML"),
        ("a.md", b"---\ntitle: [unclosed\n---\nbody", ErrorKind::Parse, None, "YAML"),
        ("a.md", b"---\n- a list\n---\nbody", ErrorKind::Parse, Some(2), "mapping"),
        ("a.txt", b"ok line\n\xff\xfe broken", ErrorKind::Encoding, Some(2), "UTF-8"),
        ("a.txt", b"text\0with a NUL", ErrorKind::Encoding, None, "NUL"),
        (
            "a.jsonl",
            b"{\"id\": 1, \"body\": \"x\"}\n{broken",
            ErrorKind::Parse,
            Some(2),
            "JSON",
        ),
        ("a.jsonl", b"[1, 2]", ErrorKind::Parse, Some(1), "object"),
        ("a.pdf", b"%PDF-1.4", ErrorKind::Unsupported, None, ".pdf"),
    ];
    for (path, bytes, kind, line, word) in cases {
        let err = parse_file(path, bytes).unwrap_err();
        assert_eq!(err.kind(), *kind, "{path}: {err}");
        assert!(err.to_string().contains(word), "{path}: {err}");
        if line.is_some() {
            assert_eq!(err.line(), *line, "{path}: {err}");
        }
    }
}

#[test]
fn a_bad_date_keeps_the_document_and_warns_with_the_line() {
    let parsed = parse("a.txt", "+++\ntitle = \"x\"\ndate = \"last Tuesday\"\n+++\nbody").unwrap();
    assert_eq!(parsed.documents.len(), 1);
    assert!(parsed.documents[0].meta.date.is_none());
    assert_eq!(parsed.documents[0].meta.extra["date_raw"], MetaValue::Text("last Tuesday".into()));
    assert_eq!(parsed.warnings.len(), 1);
    assert_eq!(parsed.warnings[0].0, Some(3));
    assert!(parsed.warnings[0].1.contains("last Tuesday"));
}

#[test]
fn empty_documents_are_skipped_with_a_warning() {
    for text in ["", "   \n\n", "+++\nsource = \"only an outlet\"\n+++\n\n"] {
        let parsed = parse("e.txt", text).unwrap();
        assert!(parsed.documents.is_empty());
        assert_eq!(parsed.skipped, 1);
        assert!(parsed.warnings[0].1.contains("empty"));
    }
}

#[test]
fn json_lines_records_become_documents() {
    let text = concat!(
        "{\"id\": \"m1\", \"title\": \"Re: spam\", \"body\": \"Hello\\n\\nWorld\", \"meta\": {\"from\": \"kre\", \"date\": \"Thu, 22 Aug 2002 18:26:25 +0700\", \"spam\": false}}\n",
        "\n",
        "{\"title\": \"no id\", \"text\": \"Body text\", \"source\": \"List\", \"tags\": [\"a\", \"b\"]}\n",
        "{\"id\": 7, \"body\": \"  \"}\n",
        "{\"id\": 9, \"title\": \"Subject only\", \"body\": \"\"}\n",
        "{\"id\": 8, \"body\": \"Untitled record\\nsecond line\"}\n",
    );
    let parsed = parse("mail/box.jsonl", text).unwrap();
    let ids: Vec<&str> = parsed.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["m1", "mail/box-3", "9", "8"]);
    let m1 = &parsed.documents[0];
    assert_eq!(m1.meta.date.unwrap().to_string(), "2002-08-22");
    assert_eq!(m1.meta.extra["from"], MetaValue::Text("kre".into()));
    assert_eq!(m1.blocks.len(), 2);
    assert_eq!(parsed.documents[1].meta.tags, ["a", "b"]);
    assert_eq!(parsed.documents[3].title, "Untitled record");
    assert_eq!(parsed.documents[2].body, "");
    assert_eq!(parsed.skipped, 1);
    assert_eq!(parsed.warnings[0].0, Some(4));
}

#[test]
fn an_html_page_becomes_a_document_of_its_readable_text_and_metadata() {
    let html = "<html><head><title>A headline</title><meta name=author content=\"Jo Bloggs\">\
                <meta property=og:site_name content=\"The Ledger\"><meta name=date content=\"12 April 2024\">\
                <script>track()</script></head><body><nav>Menu</nav><h1>A headline</h1><p>First &amp; only.</p></body></html>";
    let parsed = parse("news/story.html", html).unwrap();
    assert_eq!(parsed.documents.len(), 1);
    let doc = &parsed.documents[0];
    assert_eq!((doc.id.as_str(), doc.title.as_str()), ("news/story", "A headline"));
    assert_eq!(doc.body, "A headline\n\nFirst & only.");
    assert_eq!(doc.meta.author.as_deref(), Some("Jo Bloggs"));
    assert_eq!(doc.meta.source.as_deref(), Some("The Ledger"));
    assert_eq!(doc.meta.date.unwrap().to_string(), "2024-04-12");
    assert!(parsed.warnings.is_empty());
    // A date that cannot be read: kept as text, with a warning, as in front matter.
    let parsed = parse("a.html", "<meta name=date content=\"last Tuesday\"><p>x</p>").unwrap();
    assert!(parsed.documents[0].meta.date.is_none());
    assert_eq!(parsed.documents[0].meta.extra["date_raw"], MetaValue::Text("last Tuesday".into()));
    assert_eq!(parsed.warnings.len(), 1);
    // A page with no text and no title is skipped; one in another encoding is refused.
    assert_eq!(parse("e.html", "<script>only()</script>").unwrap().skipped, 1);
    let err = parse_file("latin1.html", b"<p>caf\xe9</p>").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Encoding);
}

#[test]
fn a_word_file_becomes_a_document_and_a_broken_one_an_error_naming_why() {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/hostile/report.docx")).unwrap();
    let parsed = parse_file("reports/report.docx", &bytes).unwrap();
    let doc = &parsed.documents[0];
    assert_eq!(doc.id, "reports/report");
    assert_eq!(doc.title, "Hostile report <b onmouseover=\"window.__pwned='docx-title'\">");
    assert_eq!(doc.meta.author.as_deref(), Some("<script>window.__pwned='docx-author'</script>"));
    assert_eq!(doc.meta.tags, ["docx", "hostile"]);
    assert_eq!(doc.meta.date.unwrap().to_string(), "2024-05-02");
    assert!(
        doc.body
            .starts_with("Hostile Word report\n\nWord text with markup as text: <script>"),
        "{}",
        doc.body
    );
    assert!(doc.body.contains("Visible after the field.") && doc.body.ends_with("Cell one | Cell two"));
    assert!(!doc.body.contains("Deleted") && !doc.body.contains("HYPERLINK"));
    // The corpus reader takes it (a binary file, unlike a .txt with NUL bytes).
    let mut reader = CorpusReader::new();
    reader.add_file("report.docx", &bytes);
    reader.add_file("broken.docx", b"PK\x03\x04 not really");
    let report = reader.finish();
    assert_eq!(report.documents.len(), 1);
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.severity == Severity::Error && p.path == "broken.docx"),
        "{:?}",
        report.problems
    );
    let err = parse_file("a.docx", b"plain text, not an archive").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Parse);
    assert!(err.to_string().contains("not a readable Word document"), "{err}");
}

#[test]
fn roles_follow_the_path() {
    let cases = [
        ("README.md", FileRole::Readme),
        ("readme", FileRole::Readme),
        ("sub/README.md", FileRole::Document(Format::Markdown)),
        ("readme-notes.md", FileRole::Document(Format::Markdown)),
        (".DS_Store", FileRole::Hidden),
        (".git/config", FileRole::Hidden),
        ("a.TXT", FileRole::Document(Format::Text)),
        ("notes", FileRole::Document(Format::Text)),
        ("x.jsonl", FileRole::Document(Format::JsonLines)),
        ("page.html", FileRole::Document(Format::Html)),
        ("old/PAGE.HTM", FileRole::Document(Format::Html)),
        ("letters/Note.DOCX", FileRole::Document(Format::Docx)),
        ("x.png", FileRole::Unsupported("png".into())),
    ];
    for (path, role) in cases {
        assert_eq!(role_of(path), role, "{path}");
    }
    assert_eq!(id_of("a/b.c.txt"), "a/b.c");
    assert_eq!(id_of(".hidden"), ".hidden");
}

#[test]
fn the_corpus_reader_reports_every_problem_with_its_file() {
    let mut reader = CorpusReader::new();
    reader.add_file("a.txt", b"one");
    reader.add_file("sub/a.txt", b"two");
    reader.add_file("a.md", b"duplicate id");
    reader.add_file("bad.txt", b"+++\nbroken");
    reader.add_file("image.png", b"\x89PNG");
    reader.add_file("binary.txt", b"ab\0cd");
    reader.add_file("empty.txt", b"");
    reader.add_file("README.md", b"# About this corpus");
    reader.add_file(".DS_Store", b"\0\0");
    let report = reader.finish();
    let ids: Vec<&str> = report.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["a", "sub/a"]);
    let errors: Vec<String> = report.errors().map(|p| p.to_string()).collect();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors[0].starts_with("error: a.md:") && errors[0].contains("a.txt"),
        "{}",
        errors[0]
    );
    assert!(errors[1].starts_with("error: bad.txt:1:"), "{}", errors[1]);
    assert_eq!(report.warnings().count(), 3);
    assert_eq!(report.skipped, 3);
    assert_eq!(report.ignored, 2);
}

#[test]
fn front_matter_has_limits_on_aliases_depth_and_size_reported_against_the_file() {
    // A "billion laughs": nine levels of ten aliases each, about 1 KB,
    // once expanded to 10⁹ values and over 4 GB.
    let mut laughs = String::from("---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h"]
        .iter()
        .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
    {
        let refs = vec![format!("*{prev}"); 10].join(",");
        laughs.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    laughs.push_str("---\nbody\n");
    assert!(laughs.len() < 1024);
    let deep_flow = format!("---\nk: {}x{}\n---\nbody", "[".repeat(5_000), "]".repeat(5_000));
    let deep_block = format!(
        "---\n{}\n---\nbody",
        (0..40).map(|i| format!("{}k{i}:", "  ".repeat(i))).collect::<Vec<_>>().join("\n")
    );
    let deep_toml = format!("+++\nk = {}1{}\n+++\nbody", "[".repeat(5_000), "]".repeat(5_000));
    let huge = format!("+++\n{}+++\nbody", "k = 1\n".repeat(60_000));
    let cases: &[(&str, &str, &str, usize)] = &[
        ("laughs.md", &laughs, "more than 10000 values", 5),
        ("deep.md", &deep_flow, "more than 32 deep", 2),
        ("deep-block.md", &deep_block, "more than 32 deep", 34),
        ("deep.txt", &deep_toml, "not valid TOML", 2),
        ("huge.txt", &huge, "KB allowed", 1),
    ];
    for (path, text, message, line) in cases {
        let err = parse(path, text).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Limit | ErrorKind::Parse), "{path}: {err}");
        assert!(err.to_string().contains(message), "{path}: {err}");
        assert_eq!(err.line(), Some(*line), "{path}: {err}");
    }
    // Aliases within the limits still work.
    let doc = one(
        "ok.md",
        "---\nsource: &s Morning Star\npublisher: *s\ntags: &t [NHS, data]\nalso: *t\n---\nText.",
    );
    assert_eq!(doc.meta.source.as_deref(), Some("Morning Star"));
    assert_eq!(doc.meta.extra["publisher"], MetaValue::Text("Morning Star".into()));
    assert_eq!(doc.meta.extra["also"], MetaValue::List(vec!["NHS".into(), "data".into()]));
}

#[test]
fn every_listed_extension_is_read_and_others_are_not() {
    for ext in EXTENSIONS {
        for name in [format!("a.{ext}"), format!("dir/b.{}", ext.to_uppercase())] {
            assert!(matches!(role_of(&name), FileRole::Document(_)), "{name}");
        }
    }
    for name in ["a.pdf", "a.doc", "a.odt", "a.markdownx"] {
        assert!(matches!(role_of(name), FileRole::Unsupported(_)), "{name}");
    }
}
