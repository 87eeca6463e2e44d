//! Markdown reduced to the text a reader sees, with its block structure
//! kept as data. Markup (`**`, `#`, link targets) goes; text stays. Raw
//! HTML in the source is kept as literal text: it is shown, searchable, and
//! never rendered.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::blocks::Reducer;
use crate::text::document::{Block, BlockKind};

/// The reader's text, its blocks, and the first heading (a title candidate).
pub(crate) fn reduce(source: &str) -> (String, Vec<Block>, Option<String>) {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES | Options::ENABLE_TASKLISTS;
    let mut r = Reducer::with_capacity(source.len());
    for event in Parser::new_ext(source, options) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph | Tag::HtmlBlock => {
                    let kind = r.context_kind();
                    r.start(kind);
                }
                Tag::Heading { level, .. } => r.start(BlockKind::Heading(level as u8)),
                Tag::CodeBlock(_) => r.start(BlockKind::Code),
                Tag::BlockQuote(_) => {
                    r.close();
                    r.quote_depth += 1;
                }
                Tag::List(first) => {
                    r.close();
                    r.lists.push(first.is_some());
                }
                Tag::Item | Tag::FootnoteDefinition(_) => r.close(),
                Tag::TableHead | Tag::TableRow => {
                    r.start(BlockKind::Paragraph);
                    r.cells_in_row = 0;
                }
                Tag::TableCell => {
                    if r.cells_in_row > 0 {
                        r.push(" | ");
                    }
                    r.cells_in_row += 1;
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::CodeBlock
                | TagEnd::HtmlBlock
                | TagEnd::Item
                | TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::FootnoteDefinition => r.close(),
                TagEnd::BlockQuote(_) => {
                    r.close();
                    r.quote_depth = r.quote_depth.saturating_sub(1);
                }
                TagEnd::List(_) => {
                    r.close();
                    r.lists.pop();
                }
                _ => {}
            },
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) | Event::Html(t) | Event::InlineHtml(t) => {
                r.push(&t)
            }
            Event::SoftBreak => r.push(" "),
            Event::HardBreak => r.push("\n"),
            Event::FootnoteReference(label) => r.push(&format!("[{label}]")),
            Event::TaskListMarker(done) => r.push(if done { "[x] " } else { "[ ] " }),
            Event::Rule => r.close(),
        }
    }
    r.close();
    (r.text, r.blocks, r.first_heading)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks_of(source: &str) -> Vec<(BlockKind, String)> {
        let (text, blocks, _) = reduce(source);
        blocks.iter().map(|b| (b.kind, text[b.start..b.end].to_string())).collect()
    }

    #[test]
    fn table_of_markdown_cases() {
        use BlockKind::*;
        #[allow(clippy::type_complexity)]
        let cases: &[(&str, &[(BlockKind, &str)])] = &[
            ("Plain paragraph.", &[(Paragraph, "Plain paragraph.")]),
            (
                "# Title\n\nBody **bold** and _em_.",
                &[(Heading(1), "Title"), (Paragraph, "Body bold and em.")],
            ),
            ("A [link](https://x.org) here", &[(Paragraph, "A link here")]),
            ("line one\nline two", &[(Paragraph, "line one line two")]),
            ("hard  \nbreak", &[(Paragraph, "hard\nbreak")]),
            (
                "- one\n- two",
                &[(ListItem { ordered: false }, "one"), (ListItem { ordered: false }, "two")],
            ),
            (
                "1. first\n2. second",
                &[(ListItem { ordered: true }, "first"), (ListItem { ordered: true }, "second")],
            ),
            ("> quoted\n> text", &[(Quote, "quoted text")]),
            ("```\ncode <b>\n```", &[(Code, "code <b>")]),
            ("<script>alert(1)</script>", &[(Paragraph, "<script>alert(1)</script>")]),
            ("Text with <b>inline</b> html", &[(Paragraph, "Text with <b>inline</b> html")]),
            ("![alt text](img.png)", &[(Paragraph, "alt text")]),
            ("| a | b |\n|---|---|\n| 1 | 2 |", &[(Paragraph, "a | b"), (Paragraph, "1 | 2")]),
            ("---\n\n***", &[]),
            ("", &[]),
            ("- [x] done", &[(ListItem { ordered: false }, "[x] done")]),
            (
                "- item\n  - nested",
                &[(ListItem { ordered: false }, "item"), (ListItem { ordered: false }, "nested")],
            ),
        ];
        for (source, expected) in cases {
            let want: Vec<(BlockKind, String)> = expected.iter().map(|(k, s)| (*k, s.to_string())).collect();
            assert_eq!(blocks_of(source), want, "reducing {source:?}");
        }
    }

    #[test]
    fn blocks_are_separated_by_blank_lines_and_the_first_heading_is_kept() {
        let (text, blocks, heading) = reduce("Intro\n\n## Part *one*\n\nMore");
        assert_eq!(text, "Intro\n\nPart one\n\nMore");
        assert_eq!(blocks.len(), 3);
        assert_eq!(heading.as_deref(), Some("Part one"));
    }
}
