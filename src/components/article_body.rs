//! A document's body as an `<article>`, block by block, with its marks.

use leptos::prelude::*;
use quire_engine::{Block, BlockKind, Document, Span};

use super::highlighted::{Current, Highlighted};
use crate::marks::Marked;

/// One layer of marks, in order of their start, for finding a block's
/// by binary search: a document may have thousands of blocks and of
/// entity mentions.
struct Sorted {
    marks: Vec<Marked>,
    /// The longest mark's length: no mark starting further back than
    /// this before a block reaches into it.
    longest: usize,
}

impl Sorted {
    fn new(marks: &[Marked]) -> Sorted {
        let mut marks = marks.to_vec();
        marks.sort_by_key(|m| m.span.start);
        let longest = marks.iter().map(|m| m.span.end.saturating_sub(m.span.start)).max().unwrap_or(0);
        Sorted { marks, longest }
    }

    /// The marks that fall in `block`.
    fn within(&self, block: &Block) -> Vec<Marked> {
        let from = self
            .marks
            .partition_point(|m| m.span.start < block.start.saturating_sub(self.longest));
        let to = self.marks.partition_point(|m| m.span.start < block.end);
        self.marks[from..to.max(from)]
            .iter()
            .filter(|m| m.span.start < block.end && m.span.end > block.start)
            .copied()
            .collect()
    }
}

/// A document's marks in three layers: outer (passages, quotes), inner
/// (query hits) and entity mentions, drawn one inside the other.
#[derive(Clone, Copy)]
pub struct Layers<'m> {
    pub outer: &'m [Marked],
    pub inner: &'m [Marked],
    pub entities: &'m [Marked],
    /// The passage a link cites, around them all.
    pub cited: Option<Span>,
}

/// The three layers, each sorted, and the passage cited.
struct SortedLayers([Sorted; 3], Option<Span>);

fn block_text(doc: &'static Document, block: &Block, marks: &SortedLayers, current: Signal<Current>) -> impl IntoView {
    let SortedLayers(layers, cited) = marks;
    let cited = cited.filter(|c| c.start < block.end && c.end > block.start);
    view! {
        <Highlighted
            text=doc.body.as_str()
            range=Span::new(block.start, block.end)
            marks=layers[0].within(block)
            inner=layers[1].within(block)
            entities=layers[2].within(block)
            cited
            current
        />
    }
}

fn render_block(doc: &'static Document, block: &Block, marks: &SortedLayers, current: Signal<Current>) -> AnyView {
    let text = block_text(doc, block, marks, current);
    // Where the block's text starts and ends in the body: a selection in
    // it is measured from there (see `browser::selected_bytes`).
    let (at, end) = (block.start, block.end);
    // The document title is the page's h1: body headings start at h2.
    match block.kind {
        BlockKind::Heading(1) => view! { <h2 data-at=at data-end=end>{text}</h2> }.into_any(),
        BlockKind::Heading(2) => view! { <h3 data-at=at data-end=end>{text}</h3> }.into_any(),
        BlockKind::Heading(3) => view! { <h4 data-at=at data-end=end>{text}</h4> }.into_any(),
        BlockKind::Heading(4) => view! { <h5 data-at=at data-end=end>{text}</h5> }.into_any(),
        BlockKind::Heading(_) => view! { <h6 data-at=at data-end=end>{text}</h6> }.into_any(),
        BlockKind::Quote => view! { <blockquote><p data-at=at data-end=end>{text}</p></blockquote> }.into_any(),
        BlockKind::Code => view! { <pre><code data-at=at data-end=end>{text}</code></pre> }.into_any(),
        BlockKind::Paragraph | BlockKind::ListItem { .. } => view! { <p data-at=at data-end=end>{text}</p> }.into_any(),
    }
}

/// `blocks` of `doc` (in order) with their marks; list items grouped
/// into lists.
pub fn blocks_view(doc: &'static Document, blocks: &[Block], layers: Layers, current: Signal<Current>) -> Vec<AnyView> {
    let marks = &SortedLayers(
        [Sorted::new(layers.outer), Sorted::new(layers.inner), Sorted::new(layers.entities)],
        layers.cited,
    );
    let mut views: Vec<AnyView> = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        if let BlockKind::ListItem { ordered } = blocks[i].kind {
            let start = i;
            while i < blocks.len() && blocks[i].kind == (BlockKind::ListItem { ordered }) {
                i += 1;
            }
            let items = blocks[start..i]
                .iter()
                .map(|b| view! { <li data-at=b.start data-end=b.end>{block_text(doc, b, marks, current)}</li> })
                .collect_view();
            views.push(if ordered {
                view! { <ol>{items}</ol> }.into_any()
            } else {
                view! { <ul>{items}</ul> }.into_any()
            });
            continue;
        }
        views.push(render_block(doc, &blocks[i], marks, current));
        i += 1;
    }
    views
}

/// The body of `doc` with `marks` (spans into the body), `inner` marks
/// drawn inside them, and entity mentions inside those.
#[component]
pub fn ArticleBody(
    doc: &'static Document,
    marks: Vec<Marked>,
    #[prop(optional)] inner: Vec<Marked>,
    /// Entity mentions, drawn inside both.
    #[prop(optional)]
    entities: Vec<Marked>,
    /// The passage a link cites.
    #[prop(default = None)]
    cited: Option<Span>,
    /// What is current in the text.
    #[prop(optional, into)]
    current: Option<Signal<Current>>,
) -> impl IntoView {
    let current = current.unwrap_or_else(|| Signal::stored(Current::default()));
    let layers = Layers {
        outer: &marks,
        inner: &inner,
        entities: &entities,
        cited,
    };
    let views = blocks_view(doc, &doc.blocks, layers, current);
    let empty = doc
        .blocks
        .is_empty()
        .then(|| view! { <p class="no-text">"This document has no text, only a title."</p> });
    view! { <article class="doc-body">{empty}{views}</article> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::marks::Highlight;

    fn mark(start: usize, end: usize) -> Marked {
        Marked {
            span: Span::new(start, end),
            highlight: Highlight::Changed,
        }
    }

    fn block(start: usize, end: usize) -> Block {
        Block {
            kind: BlockKind::Paragraph,
            start,
            end,
        }
    }

    #[test]
    fn a_blocks_marks_are_those_that_reach_into_it_however_long() {
        // Out of order, overlapping, one long mark over three blocks.
        let marks = [mark(30, 34), mark(2, 4), mark(5, 28), mark(12, 14), mark(25, 26), mark(40, 41)];
        let sorted = Sorted::new(&marks);
        let spans = |b: Block| sorted.within(&b).iter().map(|m| (m.span.start, m.span.end)).collect::<Vec<_>>();
        assert_eq!(spans(block(0, 10)), [(2, 4), (5, 28)]);
        assert_eq!(spans(block(10, 20)), [(5, 28), (12, 14)]);
        assert_eq!(spans(block(20, 30)), [(5, 28), (25, 26)]);
        assert_eq!(spans(block(30, 40)), [(30, 34)]);
        assert_eq!(spans(block(41, 50)), []);
        assert_eq!(spans(block(34, 34)), []);
        // Against the plain scan, on every block of a text.
        for start in 0..45 {
            for end in start..46 {
                let b = block(start, end);
                let scan: Vec<(usize, usize)> = {
                    let mut v: Vec<Marked> = marks
                        .iter()
                        .filter(|m| m.span.start < b.end && m.span.end > b.start)
                        .copied()
                        .collect();
                    v.sort_by_key(|m| m.span.start);
                    v.iter().map(|m| (m.span.start, m.span.end)).collect()
                };
                assert_eq!(spans(b), scan, "{start}..{end}");
            }
        }
    }
}
