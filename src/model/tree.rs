//! A YAML document as a tree of nodes that remember where they were written.
//!
//! The loader reads the event stream of yaml-rust2 itself, so that every scalar, sequence and mapping keeps
//! the line and column of its first character. Scalars stay text (plain scalars
//! are marked as such); the converter decides what each one means from where it
//! stands, which is how "๙๘.๘๕", "2566-08-11" and "09:30" all survive intact.

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Most nodes a document may expand to (aliases included): a guard against
/// "billion laughs" documents.
const MAX_NODES: usize = 200_000;

/// Most bytes of text a document may expand to, aliases included: no more than
/// the largest input file could hold written out, so aliases never make a
/// document bigger than a file could.
pub const MAX_TEXT_BYTES: usize = 1 << 20;

/// Deepest nesting of lists and mappings. The input format needs six levels; the
/// bound is checked as the parser reads, before any node is built, so a file of
/// thousands of nested lists ends with an error instead of overflowing the stack.
pub const MAX_DEPTH: usize = 64;

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
    /// A scalar.
    Scalar {
        /// Its text, as the YAML parser read it.
        text: String,
        /// True when it was written without quotes or block style.
        plain: bool,
    },
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

/// A YAML syntax error, or a document over one of the bounds: where, and what,
/// in Thai and in English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Where the parser stopped.
    pub pos: Pos,
    /// The message in English (the parser's own words for a syntax error).
    pub info: String,
    /// The message in Thai.
    pub info_th: String,
}

/// Parses the first document of `text` into a tree. An empty document gives a
/// null scalar at line 1.
///
/// The events are pulled one by one (yaml-rust2's own loader recurses once per
/// level of nesting), and reading stops at the first bound crossed: nesting
/// deeper than [`MAX_DEPTH`], more than 200,000 nodes or [`MAX_TEXT_BYTES`] of
/// text once aliases are expanded, an alias to no anchor.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    loop {
        let (event, mark) = parser.next_token().map_err(|e| {
            let (th, en) = parser_message(e.info());
            SyntaxError {
                pos: pos_of(e.marker()),
                info: en,
                info_th: th,
            }
        })?;
        if matches!(event, Event::StreamEnd | Event::DocumentEnd) {
            break;
        }
        builder.on_event(event, mark);
        if let Some(e) = builder.error.take() {
            return Err(e);
        }
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

fn pos_of(m: &Marker) -> Pos {
    Pos {
        line: m.line().max(1),
        column: m.col() + 1,
    }
}

/// The parser's message in Thai and in English. The Thai says what to fix for
/// the mistakes people make by hand (tabs, a colon in a value, unbalanced
/// brackets or quotes); the parser's own words follow in brackets.
fn parser_message(info: &str) -> (String, String) {
    const KNOWN: &[(&str, &str)] = &[
        ("tab", "ใช้แท็บ (Tab) ตรงนี้ไม่ได้ ให้เยื้องบรรทัดด้วยการเว้นวรรค"),
        (
            "mapping values are not allowed",
            "มีเครื่องหมาย \":\" ในที่ที่ไม่ควรมี (ข้อความที่มี \": \" ให้ครอบด้วยเครื่องหมายคำพูด)",
        ),
        (
            "block sequence entries are not allowed",
            "ขึ้นรายการด้วย \"-\" ตรงนี้ไม่ได้ (ตรวจการเยื้องบรรทัด)",
        ),
        ("indent", "การเยื้องบรรทัดไม่ตรงกัน"),
        (
            "did not find expected key",
            "การเยื้องบรรทัดไม่ตรงกัน หรือขาดชื่อฟิลด์",
        ),
        ("did not find expected '-'", "การเยื้องบรรทัดของรายการไม่ตรงกัน"),
        (
            "expected ',' or ']'",
            "ไม่พบ \",\" หรือ \"]\" ที่ปิดรายการในวงเล็บเหลี่ยม",
        ),
        (
            "expected ',' or '}'",
            "ไม่พบ \",\" หรือ \"}\" ที่ปิดชุดข้อมูลในวงเล็บปีกกา",
        ),
        ("unexpected end of stream", "ไม่พบเครื่องหมายคำพูดปิด"),
        ("unexpected eof", "ไฟล์จบก่อนที่ข้อมูลจะครบ"),
        ("unknown anchor", "ไม่พบจุดยึด (anchor) ที่อ้างถึง"),
        ("duplicated anchor", "ตั้งชื่อจุดยึด (anchor) ซ้ำ"),
        ("escape", "รหัสหลีก (\\) ในข้อความในเครื่องหมายคำพูดคู่ไม่ถูกต้อง"),
        (
            "cannot start any token",
            "อักขระนี้ขึ้นต้นค่าไม่ได้ ให้ครอบค่าด้วยเครื่องหมายคำพูด",
        ),
        (
            "unexpected character",
            "อักขระนี้ขึ้นต้นค่าไม่ได้ ให้ครอบค่าด้วยเครื่องหมายคำพูด",
        ),
        ("expected node content", "ไม่พบค่าที่ควรอยู่ตรงนี้"),
        ("expect ':'", "ไม่พบเครื่องหมาย \":\" หลังชื่อฟิลด์"),
        ("simple key", "ไม่พบเครื่องหมาย \":\" หลังชื่อฟิลด์"),
        (
            "comments must be separated",
            "ต้องเว้นวรรคก่อนเครื่องหมาย # ของหมายเหตุ",
        ),
        ("recursion limit", "วงเล็บซ้อนกันลึกเกินไป"),
    ];
    let th = KNOWN
        .iter()
        .find(|(key, _)| info.contains(key))
        .map_or("โครงสร้าง YAML ไม่ถูกต้อง", |(_, th)| th);
    (
        format!("YAML ไม่ถูกต้อง: {th} (ตัวอ่าน YAML แจ้งว่า: {info})"),
        format!("invalid YAML: {info}"),
    )
}

/// An open collection while events arrive.
enum Open {
    Seq(Pos, usize, Vec<Node>),
    Map(Pos, usize, Vec<(Node, Node)>, Option<Node>),
}

/// An anchored node and what it expands to: nodes and bytes of text.
struct Anchored {
    node: Node,
    nodes: usize,
    bytes: usize,
}

#[derive(Default)]
struct Builder {
    stack: Vec<Open>,
    root: Option<Node>,
    anchors: std::collections::HashMap<usize, Anchored>,
    nodes: usize,
    bytes: usize,
    error: Option<SyntaxError>,
}

impl Builder {
    fn push_value(&mut self, node: Node, anchor: usize) {
        if anchor > 0 {
            let (nodes, bytes) = size(&node);
            self.anchors.insert(
                anchor,
                Anchored {
                    node: node.clone(),
                    nodes,
                    bytes,
                },
            );
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

    fn fail(&mut self, pos: Pos, th: String, en: String) {
        if self.error.is_none() {
            self.error = Some(SyntaxError {
                pos,
                info: en,
                info_th: th,
            });
        }
    }

    /// Counts `nodes` and `bytes` more; false (and the error set) past a bound.
    fn grow(&mut self, pos: Pos, nodes: usize, bytes: usize, alias: bool) -> bool {
        self.nodes += nodes;
        self.bytes += bytes;
        let via_th = if alias {
            " เมื่อขยายการอ้างอิง (alias) แล้ว"
        } else {
            ""
        };
        let via_en = if alias {
            " once aliases are expanded"
        } else {
            ""
        };
        if self.nodes > MAX_NODES {
            self.fail(
                pos,
                format!("ข้อมูลมีจำนวนค่ามากเกิน {MAX_NODES} ค่า{via_th}"),
                format!("the document holds more than {MAX_NODES} values{via_en}"),
            );
            return false;
        }
        if self.bytes > MAX_TEXT_BYTES {
            let mb = MAX_TEXT_BYTES >> 20;
            self.fail(
                pos,
                format!("ข้อความในข้อมูลยาวรวมเกิน {mb} เมกะไบต์{via_th}"),
                format!("the document holds more than {mb} MB of text{via_en}"),
            );
            return false;
        }
        true
    }

    fn open(&mut self, pos: Pos, open: Open) {
        if self.stack.len() >= MAX_DEPTH {
            self.fail(
                pos,
                format!("รายการหรือชุดข้อมูลซ้อนกันลึกเกิน {MAX_DEPTH} ชั้น"),
                format!("lists and mappings nested deeper than {MAX_DEPTH} levels"),
            );
            return;
        }
        if self.grow(pos, 1, 0, false) {
            self.stack.push(open);
        }
    }

    fn on_event(&mut self, ev: Event, mark: Marker) {
        let pos = pos_of(&mark);
        match ev {
            Event::Scalar(text, style, anchor, _tag) => {
                if !self.grow(pos, 1, text.len(), false) {
                    return;
                }
                let plain = matches!(style, TScalarStyle::Plain);
                self.push_value(
                    Node {
                        kind: Kind::Scalar { text, plain },
                        pos,
                    },
                    anchor,
                );
            }
            Event::SequenceStart(anchor, _) => self.open(pos, Open::Seq(pos, anchor, Vec::new())),
            Event::MappingStart(anchor, _) => {
                self.open(pos, Open::Map(pos, anchor, Vec::new(), None))
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
                None => self.fail(
                    pos,
                    "โครงสร้าง YAML ไม่สมดุล".into(),
                    "unbalanced collection".into(),
                ),
            },
            Event::Alias(id) => {
                let Some(a) = self.anchors.get(&id) else {
                    self.fail(
                        pos,
                        "ไม่พบจุดยึด (anchor) ที่อ้างถึง".into(),
                        "unknown alias".into(),
                    );
                    return;
                };
                let (nodes, bytes) = (a.nodes, a.bytes);
                if self.grow(pos, nodes, bytes, true) {
                    let mut node = self.anchors[&id].node.clone();
                    node.pos = pos;
                    self.push_value(node, 0);
                }
            }
            Event::Nothing
            | Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart
            | Event::DocumentEnd => {}
        }
    }
}

/// Nodes and bytes of text in a subtree (its depth is bounded by [`MAX_DEPTH`]).
fn size(node: &Node) -> (usize, usize) {
    match &node.kind {
        Kind::Scalar { text, .. } => (1, text.len()),
        Kind::Seq(items) => items
            .iter()
            .map(size)
            .fold((1, 0), |a, b| (a.0 + b.0, a.1 + b.1)),
        Kind::Map(pairs) => pairs
            .iter()
            .flat_map(|(k, v)| [size(k), size(v)])
            .fold((1, 0), |a, b| (a.0 + b.0, a.1 + b.1)),
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
