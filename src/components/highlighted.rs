//! The one place where spans become marked-up nodes.

use leptos::prelude::*;
use quire_engine::Span;

use crate::marks::{segments, Highlight, Marked};

/// What is current in a text: a hit (query marks) or a passage (compare
/// marks) or a quote, by number; its marks get the class `current`. A
/// reactive value: the class follows it, no DOM toggling.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Current {
    pub hit: Option<u32>,
    pub passage: Option<u32>,
    pub quote: Option<u32>,
    /// An entity mention (its index in the document's mentions).
    pub mention: Option<u32>,
}

/// Renders `text[range]` with its marks as `<mark>` elements. Text is only
/// ever inserted as text nodes.
#[component]
pub fn Highlighted(
    text: &'static str,
    range: Span,
    marks: Vec<Marked>,
    /// Marks drawn inside `marks` (words changed in a near-match, query
    /// hits in a reused passage).
    #[prop(optional)]
    inner: Vec<Marked>,
    /// Entity mentions, drawn inside both.
    #[prop(optional)]
    entities: Vec<Marked>,
    /// The passage a link cites, drawn around all the others.
    #[prop(default = None)]
    cited: Option<Span>,
    /// What is current, if anything can be.
    #[prop(optional, into)]
    current: Option<Signal<Current>>,
) -> impl IntoView {
    let current = current.unwrap_or_else(|| Signal::stored(Current::default()));
    let Some(cited) = cited else {
        return layered(text, range, &marks, &inner, &entities, current);
    };
    let around = [Marked {
        span: cited,
        highlight: Highlight::Cited,
    }];
    segments(range, &around)
        .into_iter()
        .map(|(piece, highlight)| {
            let content = layered(text, piece, &marks, &inner, &entities, current);
            match highlight {
                None => content,
                Some(h) => outer_view(h, piece.start == cited.start, content, current),
            }
        })
        .collect_view()
        .into_any()
}

/// `text[range]` with its three layers of marks.
fn layered(text: &'static str, range: Span, marks: &[Marked], inner: &[Marked], entities: &[Marked], current: Signal<Current>) -> AnyView {
    segments(range, marks)
        .into_iter()
        .map(|(span, highlight)| {
            let content = inner_view(text, span, inner, entities, current);
            match highlight {
                None => content,
                Some(h) => {
                    // The number cue goes on the first piece of a mark only.
                    let first = marks.iter().any(|m| m.highlight == h && m.span.start == span.start);
                    outer_view(h, first, content, current)
                }
            }
        })
        .collect_view()
        .into_any()
}

/// `text[span]` with the inner marks in it, and the entities in those.
fn inner_view(text: &'static str, span: Span, inner: &[Marked], entities: &[Marked], current: Signal<Current>) -> AnyView {
    segments(span, inner)
        .into_iter()
        .map(|(piece, highlight)| {
            let content = if entities.is_empty() {
                // Spans from the engine lie on char boundaries; `of` keeps
                // a bad one from panicking, at worst showing nothing.
                piece.of(text).into_any()
            } else {
                inner_view(text, piece, entities, &[], current)
            };
            match highlight {
                None => content,
                Some(h) => outer_view(h, true, content, current),
            }
        })
        .collect_view()
        .into_any()
}

fn outer_view(highlight: Highlight, first: bool, content: AnyView, current: Signal<Current>) -> AnyView {
    match highlight {
        Highlight::Term { term, hit } => view! {
            <mark class=format!("t{}", term % 6) class:current=move || current.get().hit == Some(hit) data-hit=hit>{content}</mark>
        }
        .into_any(),
        Highlight::Passage { number, near } => {
            let cue = first.then(|| if near { format!("≈{number}") } else { number.to_string() });
            let title = if near {
                format!("Shared passage {number}, with small differences (changed words are underlined with waves)")
            } else {
                format!("Shared passage {number}")
            };
            view! {
                <mark
                    class=format!("passage p{}", (number.saturating_sub(1)) % 8)
                    class:near=near
                    class:current=move || current.get().passage == Some(number)
                    data-passage=number
                    data-n=cue
                    title=title
                    tabindex="0"
                >
                    {content}
                </mark>
            }
            .into_any()
        }
        Highlight::Changed => view! { <span class="changed" title="Differs from the other copy">{content}</span> }.into_any(),
        Highlight::Reused { cluster, others } => {
            let title = match others {
                1 => "Also appears in 1 other document".to_string(),
                n => format!("Also appears in {n} other documents"),
            };
            view! {
                <mark class="reused" data-reuse=cluster data-n=first.then(|| format!("↻{others}")) title=title tabindex="0">
                    {content}
                </mark>
            }
            .into_any()
        }
        Highlight::Entity { kind, mention, picked } => view! {
            <span
                class=format!("ent ent-{}", kind.key())
                class:picked=picked
                class:current=move || current.get().mention == Some(mention)
                data-mention=mention
                title=kind.singular()
            >
                {content}
            </span>
        }
        .into_any(),
        Highlight::Note { index } => view! {
            <mark class="note-mark" data-note-index=index data-n=first.then_some("✎") title="Your note">{content}</mark>
        }
        .into_any(),
        Highlight::Cited => view! { <mark class="cited" data-cited="" id=first.then_some("cited")>{content}</mark> }.into_any(),
        Highlight::Quote { index } => view! {
            <mark class="quote" class:current-quote=move || current.get().quote == Some(index) data-quote=index>{content}</mark>
        }
        .into_any(),
    }
}
