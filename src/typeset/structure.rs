//! The document's logical structure for tagged PDF, read from the markup: paragraphs,
//! headings, lists (label, body), tables (rows, header and data cells), signature
//! blocks and the emblem, in markup order, which is the reading order.
//!
//! Each leaf that draws something gets a [`ContentId`]; the layout code asks
//! [`Tags`] for the id of the markup node it lays out and brackets the drawings
//! with it (`Item::Begin` … `Item::End`). Nodes are known by their address in the
//! markup tree the typesetter borrows, so laying a cell out twice, or a paragraph
//! split over two pages, keeps one id.

use std::collections::HashMap;

use super::layout::{ContentId, Item, Mark, Role, StructChild, StructNode};
use crate::markup::{Block, Document, Emblem, Inline, ListItem, Paragraph};

/// Which kind of markup node a key names (a node and its first field can share
/// an address).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Paragraph,
    Label,
    SignatureLine,
    Emblem,
}

/// The content ids of the markup nodes of one document.
#[derive(Debug, Default)]
pub struct Tags {
    ids: HashMap<(Kind, usize), ContentId>,
}

impl Tags {
    fn get<T>(&self, kind: Kind, node: &T) -> Option<ContentId> {
        self.ids.get(&(kind, node as *const T as usize)).copied()
    }

    /// The id of a paragraph of the markup (`None` for one made while laying out).
    pub fn paragraph(&self, p: &Paragraph) -> Option<ContentId> {
        self.get(Kind::Paragraph, p)
    }

    /// The id of a list item's label.
    pub fn label(&self, item: &ListItem) -> Option<ContentId> {
        self.get(Kind::Label, item)
    }

    /// The id of a line of a signature block.
    pub fn signature_line(&self, line: &Vec<Inline>) -> Option<ContentId> {
        self.get(Kind::SignatureLine, line)
    }

    /// The id of an emblem.
    pub fn emblem(&self, e: &Emblem) -> Option<ContentId> {
        self.get(Kind::Emblem, e)
    }

    fn add<T>(&mut self, kind: Kind, node: &T) -> StructChild {
        let id = self.ids.len() as ContentId;
        self.ids.insert((kind, node as *const T as usize), id);
        StructChild::Content(id)
    }
}

/// The structure of `doc` and the ids of its leaves.
pub fn build(doc: &Document) -> (Vec<StructNode>, Tags) {
    let mut tags = Tags::default();
    let mut out = Vec::new();
    for section in &doc.sections {
        blocks(&mut tags, &section.blocks, &mut out);
    }
    (out, tags)
}

fn node(role: Role, children: Vec<StructChild>) -> StructNode {
    StructNode { role, children }
}

fn blocks(tags: &mut Tags, blocks: &[Block], out: &mut Vec<StructNode>) {
    for b in blocks {
        match b {
            Block::Paragraph(p) => {
                let role = match p.heading {
                    Some(level) => Role::Heading {
                        level,
                        title: plain_text(&p.content),
                    },
                    None => Role::Paragraph,
                };
                out.push(node(role, vec![tags.add(Kind::Paragraph, p)]));
            }
            Block::List(l) => {
                let mut items = Vec::new();
                for item in &l.items {
                    let label = node(Role::Label, vec![tags.add(Kind::Label, item)]);
                    let mut body = Vec::new();
                    self::blocks(tags, &item.blocks, &mut body);
                    let body = node(
                        Role::ListBody,
                        body.into_iter().map(StructChild::Node).collect(),
                    );
                    items.push(StructChild::Node(node(
                        Role::ListItem,
                        vec![StructChild::Node(label), StructChild::Node(body)],
                    )));
                }
                let numbered = l.label.contains('#');
                out.push(node(Role::List { numbered }, items));
            }
            Block::Table(t) => {
                let mut rows = Vec::new();
                for row in &t.rows {
                    let mut cells = Vec::new();
                    for cell in &row.cells {
                        let mut content = Vec::new();
                        self::blocks(tags, &cell.blocks, &mut content);
                        cells.push(StructChild::Node(node(
                            Role::Cell {
                                header: row.header,
                                rowspan: cell.rowspan as u32,
                                colspan: cell.colspan as u32,
                            },
                            content.into_iter().map(StructChild::Node).collect(),
                        )));
                    }
                    rows.push(StructChild::Node(node(Role::Row, cells)));
                }
                out.push(node(Role::Table, rows));
            }
            Block::Signature(s) => {
                let lines = s
                    .lines
                    .iter()
                    .map(|line| {
                        StructChild::Node(node(
                            Role::Paragraph,
                            vec![tags.add(Kind::SignatureLine, line)],
                        ))
                    })
                    .collect();
                out.push(node(Role::Group, lines));
            }
            Block::Emblem(e) => out.push(node(
                Role::Figure { alt: e.alt.clone() },
                vec![tags.add(Kind::Emblem, e)],
            )),
            Block::Keep(k) => self::blocks(tags, &k.blocks, out),
            Block::PageBreak => {}
        }
    }
}

/// The text of inline content as one line: breaks and tabs as spaces.
pub fn plain_text(content: &[Inline]) -> String {
    let mut s = String::new();
    for piece in content {
        match piece {
            Inline::Text(t) => s.push_str(&t.text),
            Inline::LineBreak | Inline::Tab => s.push(' '),
            _ => {}
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Brackets drawings as `mark`.
pub fn bracket(items: &mut Vec<Item>, mark: Mark) {
    if items.is_empty() {
        return;
    }
    items.insert(0, Item::Begin(mark));
    items.push(Item::End);
}

/// Makes every bracket of content in `items` an artifact of `kind` (table header
/// rows repeated on a later page: their text is already in the structure once).
pub fn as_artifact(items: &mut [Item], kind: super::layout::ArtifactKind) {
    for item in items {
        if let Item::Begin(mark) = item {
            *mark = Mark::Artifact(kind);
        }
    }
}
