//! A YAML document as a tree of nodes that remember where they were written.
//!
//! serde_yaml gives no position for a valid value, so the loader reads the
//! event stream of yaml-rust2 itself: every scalar, sequence and mapping keeps
//! the line and column of its first character. Scalars stay text (plain scalars
//! are marked as such); the converter decides what each one means from where it
//! stands, which is how "๙๘.๘๕", "2566-08-11" and "09:30" all survive intact.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Most nodes a document may expand to (aliases included): a guard against
/// "billion laughs" documents.
const MAX_NODES: usize = 200_000;

/// Where a node starts: 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
}

/// What a node holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A scalar; `plain` is true when it was written without quotes or block style.
    Scalar { text: String, plain: bool },
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in the order written.
    Map(Vec<(Node, Node)>),
}

/// One node of the document and its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Its contents.
    pub kind: Kind,
    /// Where it starts.
    pub pos: Pos,
}

impl Node {
    /// True for a plain `~`, `null`, `Null`, `NULL` or empty plain scalar.
    pub fn is_null(&self) -> bool {
        matches!(&self.kind, Kind::Scalar { text, plain: true }
            if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// The text of a scalar.
    pub fn scalar(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// English name of the node's kind, for messages.
    pub fn kind_en(&self) -> &'static str {
        match self.kind {
            Kind::Scalar { .. } => "a value",
            Kind::Seq(_) => "a list",
            Kind::Map(_) => "a mapping",
        }
    }

    /// Thai name of the node's kind, for messages.
    pub fn kind_th(&self) -> &'static str {
        match self.kind {
            Kind::Scalar { .. } => "ค่าเดี่ยว",
            Kind::Seq(_) => "รายการ",
            Kind::Map(_) => "ชุดข้อมูลแบบมีชื่อกำกับ",
        }
    }
}

/// A YAML syntax error: where, and the parser's own words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Where the parser stopped.
    pub pos: Pos,
    /// The parser's message (English).
    pub info: String,
}

/// Parses the first document of `text` into a tree. An empty document gives a
/// null scalar at line 1.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    parser.load(&mut builder, false).map_err(|e| SyntaxError {
        pos: pos_of(text, e.marker()),
        info: e.info().to_string(),
    })?;
    if let Some(info) = builder.error {
        return Err(SyntaxError {
            pos: builder.error_pos,
            info,
        });
    }
    // Columns from yaml-rust2 are counted in characters already; lines are 1-based.
    Ok(builder.root.unwrap_or(Node {
        kind: Kind::Scalar {
            text: String::new(),
            plain: true,
        },
        pos: Pos { line: 1, column: 1 },
    }))
}

fn pos_of(_text: &str, m: &Marker) -> Pos {
    Pos {
        line: m.line().max(1),
        column: m.col() + 1,
    }
}

/// An open collection while events arrive.
enum Open {
    Seq(Pos, usize, Vec<Node>),
    Map(Pos, usize, Vec<(Node, Node)>, Option<Node>),
}

#[derive(Default)]
struct Builder {
    stack: Vec<Open>,
    root: Option<Node>,
    anchors: std::collections::HashMap<usize, Node>,
    nodes: usize,
    error: Option<String>,
    error_pos: Pos,
}

impl Builder {
    fn push_value(&mut self, node: Node, anchor: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Open::Seq(_, _, items)) => items.push(node),
            Some(Open::Map(_, _, pairs, key)) => match key.take() {
                None => *key = Some(node),
                Some(k) => pairs.push((k, node)),
            },
        }
    }

    fn fail(&mut self, pos: Pos, info: &str) {
        if self.error.is_none() {
            self.error = Some(info.to_string());
            self.error_pos = pos;
        }
    }
}

fn count(node: &Node) -> usize {
    match &node.kind {
        Kind::Scalar { .. } => 1,
        Kind::Seq(items) => 1 + items.iter().map(count).sum::<usize>(),
        Kind::Map(pairs) => {
            1 + pairs
                .iter()
                .map(|(k, v)| count(k) + count(v))
                .sum::<usize>()
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        if self.error.is_some() {
            return;
        }
        let pos = Pos {
            line: mark.line().max(1),
            column: mark.col() + 1,
        };
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            self.fail(pos, "document too large");
            return;
        }
        match ev {
            Event::Scalar(text, style, anchor, _tag) => {
                let plain = matches!(style, TScalarStyle::Plain);
                self.push_value(
                    Node {
                        kind: Kind::Scalar { text, plain },
                        pos,
                    },
                    anchor,
                );
            }
            Event::SequenceStart(anchor, _) => self.stack.push(Open::Seq(pos, anchor, Vec::new())),
            Event::MappingStart(anchor, _) => {
                self.stack.push(Open::Map(pos, anchor, Vec::new(), None))
            }
            Event::SequenceEnd | Event::MappingEnd => match self.stack.pop() {
                Some(Open::Seq(p, anchor, items)) => self.push_value(
                    Node {
                        kind: Kind::Seq(items),
                        pos: p,
                    },
                    anchor,
                ),
                Some(Open::Map(p, anchor, pairs, _)) => self.push_value(
                    Node {
                        kind: Kind::Map(pairs),
                        pos: p,
                    },
                    anchor,
                ),
                None => self.fail(pos, "unbalanced collection"),
            },
            Event::Alias(id) => match self.anchors.get(&id).cloned() {
                Some(mut node) => {
                    let size = count(&node);
                    self.nodes += size;
                    if self.nodes > MAX_NODES {
                        self.fail(pos, "document too large (aliases)");
                        return;
                    }
                    node.pos = pos;
                    self.push_value(node, 0);
                }
                None => self.fail(pos, "unknown alias"),
            },
            Event::Nothing
            | Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart
            | Event::DocumentEnd => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based() {
        let n = parse("a:\n  b: ๙๘.๘๕\n").unwrap();
        let Kind::Map(pairs) = &n.kind else { panic!() };
        let Kind::Map(inner) = &pairs[0].1.kind else {
            panic!()
        };
        assert_eq!(inner[0].1.pos, Pos { line: 2, column: 6 });
        assert_eq!(inner[0].1.scalar(), Some("๙๘.๘๕"));
    }

    #[test]
    fn syntax_error_has_a_place() {
        let e = parse("a: [1, 2\nb: 3").unwrap_err();
        assert!(e.pos.line >= 1);
    }
}
