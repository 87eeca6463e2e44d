//! A document's body as an `<article>`, block by block, with its marks.

use leptos::prelude::*;
use quire_engine::{Block, BlockKind, Document, Span};

use super::highlighted::{Current, Highlighted};
use crate::marks::Marked;

/// The marks that fall in `block`.
fn marks_in(block: &Block, marks: &[Marked]) -> Vec<Marked> {
    marks
        .iter()
        .filter(|m| m.span.start < block.end && m.span.end > block.start)
        .copied()
        .collect()
}

/// A document's marks in three layers: outer (passages, quotes), inner
/// (query hits) and entity mentions, drawn one inside the other.
#[derive(Clone, Copy)]
pub struct Layers<'m> {
    pub outer: &'m [Marked],
    pub inner: &'m [Marked],
    pub entities: &'m [Marked],
}

fn block_text(doc: &'static Document, block: &Block, marks: Layers, current: Signal<Current>) -> impl IntoView {
    view! {
        <Highlighted
            text=doc.body.as_str()
            range=Span::new(block.start, block.end)
            marks=marks_in(block, marks.outer)
            inner=marks_in(block, marks.inner)
            entities=marks_in(block, marks.entities)
            current
        />
    }
}

fn render_block(doc: &'static Document, block: &Block, marks: Layers, current: Signal<Current>) -> AnyView {
    let text = block_text(doc, block, marks, current);
    // The document title is the page's h1: body headings start at h2.
    match block.kind {
        BlockKind::Heading(1) => view! { <h2>{text}</h2> }.into_any(),
        BlockKind::Heading(2) => view! { <h3>{text}</h3> }.into_any(),
        BlockKind::Heading(3) => view! { <h4>{text}</h4> }.into_any(),
        BlockKind::Heading(4) => view! { <h5>{text}</h5> }.into_any(),
        BlockKind::Heading(_) => view! { <h6>{text}</h6> }.into_any(),
        BlockKind::Quote => view! { <blockquote><p>{text}</p></blockquote> }.into_any(),
        BlockKind::Code => view! { <pre><code>{text}</code></pre> }.into_any(),
        BlockKind::Paragraph | BlockKind::ListItem { .. } => view! { <p>{text}</p> }.into_any(),
    }
}

/// `blocks` of `doc` (in order) with their marks; list items grouped
/// into lists.
pub fn blocks_view(doc: &'static Document, blocks: &[Block], marks: Layers, current: Signal<Current>) -> Vec<AnyView> {
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
                .map(|b| view! { <li>{block_text(doc, b, marks, current)}</li> })
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
    /// What is current in the text.
    #[prop(optional, into)]
    current: Option<Signal<Current>>,
) -> impl IntoView {
    let current = current.unwrap_or_else(|| Signal::stored(Current::default()));
    let layers = Layers {
        outer: &marks,
        inner: &inner,
        entities: &entities,
    };
    let views = blocks_view(doc, &doc.blocks, layers, current);
    let empty = doc
        .blocks
        .is_empty()
        .then(|| view! { <p class="no-text">"This document has no text, only a title."</p> });
    view! { <article class="doc-body">{empty}{views}</article> }
}
