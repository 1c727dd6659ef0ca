//! The layout's logical structure as krilla's tag tree, and the bookmarks (outline)
//! of its headings.
//!
//! Each structure leaf takes the identifiers of the marked sequences it was drawn
//! in (module `draw`, [`Marker`]), in drawing order, so a paragraph that runs over
//! a page break is one element with content on both pages. Leaves that drew
//! nothing are left out (krilla refuses an element without content), except table
//! cells, which keep their place in the row even when empty.

use std::collections::HashMap;
use std::num::{NonZeroU16, NonZeroU32};

use krilla::destination::XyzDestination;
use krilla::geom::Point;
use krilla::outline::{Outline, OutlineNode};
use krilla::tagging::{
    Identifier, ListNumbering, Node, TableHeaderScope, Tag, TagGroup, TagKind, TagTree,
};

use super::draw::Marker;
use crate::typeset::layout::{ContentId, Role, StructChild, StructNode};

/// The tag tree of `structure`, with the identifiers `marker` collected, in the
/// language `lang`.
pub(super) fn tree(structure: &[StructNode], marker: &mut Marker, lang: &str) -> TagTree {
    let mut tree = TagTree::new().with_lang(Some(lang.to_string()));
    for node in structure {
        if let Some(group) = group(node, &mut marker.ids) {
            tree.push(group);
        }
    }
    tree
}

/// One element, or `None` when nothing of it was drawn.
fn group(node: &StructNode, ids: &mut HashMap<ContentId, Vec<Identifier>>) -> Option<TagGroup> {
    let mut children: Vec<Node> = Vec::new();
    for child in &node.children {
        match child {
            StructChild::Node(n) => {
                if let Some(g) = group(n, ids) {
                    children.push(g.into());
                }
            }
            StructChild::Content(id) => children.extend(
                ids.remove(id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(Node::from),
            ),
        }
    }
    let cell = matches!(node.role, Role::Cell { .. });
    if children.is_empty() && !cell {
        return None;
    }
    Some(TagGroup::with_children(kind(&node.role), children))
}

/// The tag of a role.
fn kind(role: &Role) -> TagKind {
    let span = |n: u32| NonZeroU32::new(n).filter(|n| n.get() > 1);
    match role {
        Role::Paragraph => Tag::P.into(),
        Role::Heading { level, title } => Tag::Hn(
            NonZeroU16::new(u16::from(*level).clamp(1, 6)).unwrap_or(NonZeroU16::MIN),
            Some(title.clone()),
        )
        .into(),
        Role::List { numbered } => Tag::L(if *numbered {
            ListNumbering::Decimal
        } else {
            ListNumbering::None
        })
        .into(),
        Role::ListItem => Tag::LI.into(),
        Role::Label => Tag::Lbl.into(),
        Role::ListBody => Tag::LBody.into(),
        Role::Table => Tag::Table.into(),
        Role::Row => Tag::TR.into(),
        Role::Cell {
            header: true,
            rowspan,
            colspan,
        } => Tag::TH(TableHeaderScope::Column)
            .with_row_span(span(*rowspan))
            .with_col_span(span(*colspan))
            .into(),
        Role::Cell {
            header: false,
            rowspan,
            colspan,
        } => Tag::TD
            .with_row_span(span(*rowspan))
            .with_col_span(span(*colspan))
            .into(),
        Role::Figure { alt } => Tag::Figure(Some(alt.clone())).into(),
        Role::Group => Tag::Div.into(),
    }
}

/// A bookmark per heading that was drawn, nested by level, pointing at the top of
/// its first line; `None` when no heading was drawn.
pub(super) fn outline(structure: &[StructNode], marker: &Marker) -> Option<Outline> {
    let mut headings = Vec::new();
    collect_headings(structure, marker, &mut headings);
    if headings.is_empty() {
        return None;
    }
    // (level, node) of the open bookmarks, outermost first
    let mut open: Vec<(u8, OutlineNode)> = Vec::new();
    let mut outline = Outline::new();
    fn close(open: &mut Vec<(u8, OutlineNode)>, outline: &mut Outline) {
        if let Some((_, node)) = open.pop() {
            match open.last_mut() {
                Some((_, parent)) => parent.push_child(node),
                None => outline.push_child(node),
            }
        }
    }
    for (level, title, (page, x, y)) in headings {
        while open.last().is_some_and(|(l, _)| *l >= level) {
            close(&mut open, &mut outline);
        }
        let node = OutlineNode::new(
            title,
            XyzDestination::new(page, Point::from_xy(x, y.max(0.0))),
        )
        .with_open(open.is_empty());
        open.push((level, node));
    }
    while !open.is_empty() {
        close(&mut open, &mut outline);
    }
    Some(outline)
}

/// Every heading with a drawn first line: (level, title, where).
fn collect_headings(
    nodes: &[StructNode],
    marker: &Marker,
    out: &mut Vec<(u8, String, (usize, f32, f32))>,
) {
    for node in nodes {
        if let Role::Heading { level, title } = &node.role {
            let at = node.children.iter().find_map(|c| match c {
                StructChild::Content(id) => marker.first.get(id).copied(),
                StructChild::Node(_) => None,
            });
            if let (Some(at), false) = (at, title.is_empty()) {
                out.push((*level, title.clone(), at));
            }
        }
        for child in &node.children {
            if let StructChild::Node(n) = child {
                collect_headings(std::slice::from_ref(n), marker, out);
            }
        }
    }
}
