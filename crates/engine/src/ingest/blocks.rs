//! The reader's text of a document, written block by block: shared by the
//! formats that have block structure (Markdown, HTML). Blocks are
//! separated by a blank line; a block left empty leaves nothing; the first
//! heading is kept as a title candidate.

use crate::text::document::{Block, BlockKind};

pub(crate) struct Reducer {
    pub(crate) text: String,
    pub(crate) blocks: Vec<Block>,
    /// The block being written: its kind, where its separator starts, and
    /// where its text starts.
    pub(crate) open: Option<(BlockKind, usize, usize)>,
    pub(crate) quote_depth: usize,
    pub(crate) lists: Vec<bool>,
    pub(crate) first_heading: Option<String>,
    pub(crate) cells_in_row: usize,
}

impl Reducer {
    pub(crate) fn with_capacity(bytes: usize) -> Reducer {
        Reducer {
            text: String::with_capacity(bytes),
            blocks: Vec::new(),
            open: None,
            quote_depth: 0,
            lists: Vec::new(),
            first_heading: None,
            cells_in_row: 0,
        }
    }

    pub(crate) fn context_kind(&self) -> BlockKind {
        match self.lists.last() {
            Some(&ordered) => BlockKind::ListItem { ordered },
            None if self.quote_depth > 0 => BlockKind::Quote,
            None => BlockKind::Paragraph,
        }
    }

    pub(crate) fn start(&mut self, kind: BlockKind) {
        self.close();
        let separator = self.text.len();
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        self.open = Some((kind, separator, self.text.len()));
    }

    pub(crate) fn ensure_open(&mut self) {
        if self.open.is_none() {
            self.start(self.context_kind());
        }
    }

    pub(crate) fn push(&mut self, s: &str) {
        self.ensure_open();
        self.text.push_str(s);
    }

    pub(crate) fn close(&mut self) {
        let Some((kind, separator, start)) = self.open.take() else {
            return;
        };
        let end = start + self.text[start..].trim_end().len();
        if end == start {
            self.text.truncate(separator);
            return;
        }
        self.text.truncate(end);
        if let (BlockKind::Heading(_), None) = (kind, &self.first_heading) {
            self.first_heading = Some(self.text[start..end].trim().to_string());
        }
        self.blocks.push(Block { kind, start, end });
    }
}
