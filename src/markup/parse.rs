//! Reading the XML tree into the block tree: one function per element, each checking
//! its attributes against the vocabulary of `docs/markup.md`.

use roxmltree::{Node, NodeType};

use super::*;

/// Parses `xml` (named `origin` in errors) into a document.
pub(super) fn read(xml: &str, origin: &str) -> Result<Document, MarkupError> {
    let tree = roxmltree::Document::parse(xml).map_err(|e| {
        let pos = e.pos();
        MarkupError {
            origin: origin.to_string(),
            line: pos.row,
            col: pos.col,
            message: format!("not well-formed XML: {e}"),
        }
    })?;
    let reader = Reader {
        tree: &tree,
        origin,
    };
    reader.document(tree.root_element())
}

struct Reader<'a, 'input> {
    tree: &'a roxmltree::Document<'input>,
    origin: &'a str,
}

/// Inherited inline state while flattening inline content.
#[derive(Clone, Copy, Default)]
struct InlineState {
    style: InlineStyle,
    dotted: bool,
    nobreak: bool,
}

impl<'a, 'input> Reader<'a, 'input> {
    fn error_at(&self, pos: usize, message: impl Into<String>) -> MarkupError {
        let p = self.tree.text_pos_at(pos);
        MarkupError {
            origin: self.origin.to_string(),
            line: p.row,
            col: p.col,
            message: message.into(),
        }
    }

    fn error(&self, node: Node, message: impl Into<String>) -> MarkupError {
        self.error_at(node.range().start, message)
    }

    fn place(&self, node: Node) -> String {
        let p = self.tree.text_pos_at(node.range().start);
        format!("{}:{}:{}", self.origin, p.row, p.col)
    }

    /// Fails on any attribute of `node` not in `allowed`.
    fn check_attrs(&self, node: Node, allowed: &[&str]) -> Result<(), MarkupError> {
        for a in node.attributes() {
            if !allowed.contains(&a.name()) {
                return Err(self.error_at(
                    a.range().start,
                    format!(
                        "unknown attribute `{}` on <{}> (allowed: {})",
                        a.name(),
                        node.tag_name().name(),
                        allowed.join(", ")
                    ),
                ));
            }
        }
        Ok(())
    }

    fn attr_error(&self, node: Node, name: &str, message: String) -> MarkupError {
        let pos = node
            .attributes()
            .find(|a| a.name() == name)
            .map(|a| a.range().start)
            .unwrap_or(node.range().start);
        self.error_at(pos, message)
    }

    fn length(&self, node: Node, name: &str, default: f32) -> Result<f32, MarkupError> {
        match node.attribute(name) {
            None => Ok(default),
            Some(v) => parse_length(v).ok_or_else(|| {
                self.attr_error(
                    node,
                    name,
                    format!("bad length `{v}` for `{name}` (use a number with cm, mm, pt or in)"),
                )
            }),
        }
    }

    fn opt_length(&self, node: Node, name: &str) -> Result<Option<f32>, MarkupError> {
        match node.attribute(name) {
            None => Ok(None),
            Some(_) => self.length(node, name, 0.0).map(Some),
        }
    }

    fn hpos(&self, node: Node, name: &str) -> Result<Option<HPos>, MarkupError> {
        let Some(v) = node.attribute(name) else {
            return Ok(None);
        };
        if let Some(p) = v.trim().strip_suffix('%') {
            if let Ok(p) = p.trim().parse::<f32>() {
                return Ok(Some(HPos::Percent(p)));
            }
        } else if let Some(l) = parse_length(v) {
            return Ok(Some(HPos::Length(l)));
        }
        Err(self.attr_error(
            node,
            name,
            format!("bad position `{v}` for `{name}` (a length or a percentage)"),
        ))
    }

    fn boolean(&self, node: Node, name: &str, default: bool) -> Result<bool, MarkupError> {
        match node.attribute(name) {
            None => Ok(default),
            Some("true") => Ok(true),
            Some("false") => Ok(false),
            Some(v) => Err(self.attr_error(
                node,
                name,
                format!("`{name}` must be true or false, not `{v}`"),
            )),
        }
    }

    fn choice<T: Copy>(
        &self,
        node: Node,
        name: &str,
        options: &[(&str, T)],
        default: T,
    ) -> Result<T, MarkupError> {
        let Some(v) = node.attribute(name) else {
            return Ok(default);
        };
        options
            .iter()
            .find(|(k, _)| *k == v)
            .map(|(_, t)| *t)
            .ok_or_else(|| {
                let names: Vec<_> = options.iter().map(|(k, _)| *k).collect();
                self.attr_error(
                    node,
                    name,
                    format!("`{name}` must be one of {}, not `{v}`", names.join(", ")),
                )
            })
    }

    fn number<T: std::str::FromStr>(
        &self,
        node: Node,
        name: &str,
        default: T,
    ) -> Result<T, MarkupError> {
        match node.attribute(name) {
            None => Ok(default),
            Some(v) => v
                .trim()
                .parse()
                .map_err(|_| self.attr_error(node, name, format!("bad number `{v}` for `{name}`"))),
        }
    }

    /// Element children; text other than white space between blocks is an error.
    fn element_children<'n>(
        &self,
        node: Node<'n, 'input>,
    ) -> Result<Vec<Node<'n, 'input>>, MarkupError> {
        let mut out = Vec::new();
        for c in node.children() {
            match c.node_type() {
                NodeType::Element => out.push(c),
                NodeType::Text if !c.text().unwrap_or("").trim().is_empty() => {
                    return Err(self.error(
                        c,
                        format!(
                            "text is not allowed directly in <{}>",
                            node.tag_name().name()
                        ),
                    ))
                }
                _ => {}
            }
        }
        Ok(out)
    }

    fn document(&self, root: Node) -> Result<Document, MarkupError> {
        if root.tag_name().name() != "document" {
            return Err(self.error(
                root,
                format!(
                    "the root element must be <document>, not <{}>",
                    root.tag_name().name()
                ),
            ));
        }
        self.check_attrs(
            root,
            &["title", "author", "subject", "keywords", "lang", "digits"],
        )?;
        let meta = Meta {
            title: root.attribute("title").unwrap_or("").to_string(),
            author: root.attribute("author").unwrap_or("").to_string(),
            subject: root.attribute("subject").unwrap_or("").to_string(),
            keywords: root.attribute("keywords").unwrap_or("").to_string(),
            lang: root.attribute("lang").unwrap_or("th").to_string(),
        };
        let digits = self.choice(
            root,
            "digits",
            &[("thai", Digits::Thai), ("arabic", Digits::Arabic)],
            Digits::Thai,
        )?;
        let mut dictionary = Vec::new();
        let mut sections = Vec::new();
        for child in self.element_children(root)? {
            match child.tag_name().name() {
                "dictionary" if sections.is_empty() => {
                    self.check_attrs(child, &[])?;
                    for w in self.element_children(child)? {
                        if w.tag_name().name() != "word" {
                            return Err(self.error(w, format!("unknown element <{}> in <dictionary> (expected <word>)", w.tag_name().name())));
                        }
                        self.check_attrs(w, &[])?;
                        let text = collapse_ws(&all_text(w));
                        let text = text.trim();
                        if !text.is_empty() {
                            dictionary.push(text.to_string());
                        }
                    }
                }
                "section" => sections.push(self.section(child)?),
                other => {
                    return Err(self.error(
                        child,
                        format!("unknown element <{other}> in <document> (expected <dictionary> first, then <section>)"),
                    ))
                }
            }
        }
        if sections.is_empty() {
            return Err(self.error(root, "a <document> needs at least one <section>"));
        }
        Ok(Document {
            meta,
            digits,
            dictionary,
            sections,
            images: Default::default(),
        })
    }

    fn section(&self, node: Node) -> Result<Section, MarkupError> {
        self.check_attrs(
            node,
            &[
                "orientation",
                "margin-left",
                "margin-right",
                "margin-top",
                "margin-bottom",
                "font-size",
                "line-height",
                "page-numbers",
                "continuation",
                "first-page-number",
            ],
        )?;
        let orientation = self.choice(
            node,
            "orientation",
            &[
                ("portrait", Orientation::Portrait),
                ("landscape", Orientation::Landscape),
            ],
            Orientation::Portrait,
        )?;
        let margins = Margins {
            left: self.length(node, "margin-left", 3.0 * PT_PER_CM)?,
            right: self.length(node, "margin-right", 2.0 * PT_PER_CM)?,
            top: self.length(node, "margin-top", 2.5 * PT_PER_CM)?,
            bottom: self.length(node, "margin-bottom", 2.0 * PT_PER_CM)?,
        };
        let line_height: f32 = self.number(node, "line-height", 1.0)?;
        if !(0.5..=4.0).contains(&line_height) {
            return Err(self.attr_error(
                node,
                "line-height",
                format!("line-height {line_height} is out of range (0.5 to 4)"),
            ));
        }
        Ok(Section {
            orientation,
            margins,
            font_size: self.length(node, "font-size", 16.0)?,
            line_height,
            page_numbers: self.boolean(node, "page-numbers", true)?,
            continuation: self.boolean(node, "continuation", true)?,
            first_page_number: self.number(node, "first-page-number", 1)?,
            blocks: self.blocks(node)?,
        })
    }

    fn blocks(&self, node: Node) -> Result<Vec<Block>, MarkupError> {
        self.element_children(node)?
            .into_iter()
            .map(|c| self.block(c))
            .collect()
    }

    fn spacing(&self, node: Node) -> Result<Spacing, MarkupError> {
        Ok(Spacing {
            before: self.length(node, "space-before", 0.0)?,
            after: self.length(node, "space-after", 0.0)?,
            keep_with_next: self.boolean(node, "keep-with-next", false)?,
        })
    }

    fn block(&self, node: Node) -> Result<Block, MarkupError> {
        const SPACING: [&str; 3] = ["space-before", "space-after", "keep-with-next"];
        let with = |extra: &[&'static str]| -> Vec<&'static str> {
            SPACING.iter().chain(extra.iter()).copied().collect()
        };
        match node.tag_name().name() {
            "p" => {
                self.check_attrs(
                    node,
                    &with(&[
                        "align",
                        "indent",
                        "margin-left",
                        "margin-right",
                        "hanging",
                        "size",
                        "bold",
                        "italic",
                        "tabs",
                        "keep-together",
                        "heading",
                    ]),
                )?;
                self.paragraph(node, Align::Justify, false).map(Block::Paragraph)
            }
            "list" => {
                self.check_attrs(node, &with(&["label", "start", "indent", "label-width"]))?;
                let mut items = Vec::new();
                for c in self.element_children(node)? {
                    if c.tag_name().name() != "item" {
                        return Err(self.error(c, format!("unknown element <{}> in <list> (expected <item>)", c.tag_name().name())));
                    }
                    self.check_attrs(c, &["label"])?;
                    items.push(ListItem {
                        label: c.attribute("label").map(str::to_string),
                        blocks: self.flow_or_inline(c, Align::Justify, false)?,
                    });
                }
                Ok(Block::List(List {
                    spacing: self.spacing(node)?,
                    label: node.attribute("label").unwrap_or("#.").to_string(),
                    start: self.number(node, "start", 1)?,
                    indent: self.length(node, "indent", 2.5 * PT_PER_CM)?,
                    label_width: self.length(node, "label-width", 1.0 * PT_PER_CM)?,
                    items,
                }))
            }
            "table" => {
                self.check_attrs(node, &with(&["columns", "border", "padding", "size", "align"]))?;
                self.table(node).map(Block::Table)
            }
            "signature" => {
                self.check_attrs(node, &with(&["x", "width", "space"]))?;
                let mut lines = Vec::new();
                for c in self.element_children(node)? {
                    if c.tag_name().name() != "line" {
                        return Err(self.error(c, format!("unknown element <{}> in <signature> (expected <line>)", c.tag_name().name())));
                    }
                    self.check_attrs(c, &[])?;
                    lines.push(self.inline_content(c)?);
                }
                Ok(Block::Signature(Signature {
                    spacing: self.spacing(node)?,
                    x: self.hpos(node, "x")?.unwrap_or(HPos::Percent(45.0)),
                    width: self.hpos(node, "width")?,
                    space: self.length(node, "space", 1.5 * PT_PER_CM)?,
                    lines,
                }))
            }
            "emblem" => {
                self.check_attrs(node, &with(&["src", "height", "align", "float", "alt"]))?;
                let src = node
                    .attribute("src")
                    .ok_or_else(|| self.error(node, "<emblem> needs a `src` attribute"))?;
                Ok(Block::Emblem(Emblem {
                    spacing: self.spacing(node)?,
                    src: src.to_string(),
                    height: self.length(node, "height", 1.5 * PT_PER_CM)?,
                    align: self.choice(
                        node,
                        "align",
                        &[("left", TableAlign::Left), ("center", TableAlign::Center), ("right", TableAlign::Right)],
                        TableAlign::Left,
                    )?,
                    float: self.boolean(node, "float", false)?,
                    alt: node
                        .attribute("alt")
                        .map(str::trim)
                        .filter(|a| !a.is_empty())
                        .unwrap_or(super::DEFAULT_EMBLEM_ALT)
                        .to_string(),
                    place: self.place(node),
                }))
            }
            "keep" => {
                self.check_attrs(node, &SPACING)?;
                Ok(Block::Keep(Keep {
                    spacing: self.spacing(node)?,
                    blocks: self.blocks(node)?,
                }))
            }
            "pagebreak" => {
                self.check_attrs(node, &[])?;
                if node.has_children() {
                    return Err(self.error(node, "<pagebreak/> takes no content"));
                }
                Ok(Block::PageBreak)
            }
            other => Err(self.error(
                node,
                format!("unknown element <{other}> (expected a block: p, list, table, signature, emblem, keep, pagebreak)"),
            )),
        }
    }

    /// The `heading` attribute: a level from 1 to 6.
    fn heading(&self, node: Node) -> Result<Option<u8>, MarkupError> {
        match node.attribute("heading") {
            None => Ok(None),
            Some(v) => match v.trim().parse::<u8>() {
                Ok(level @ 1..=6) => Ok(Some(level)),
                _ => Err(self.attr_error(
                    node,
                    "heading",
                    format!("bad heading level `{v}` (1 to 6)"),
                )),
            },
        }
    }

    fn paragraph(
        &self,
        node: Node,
        default_align: Align,
        default_bold: bool,
    ) -> Result<Paragraph, MarkupError> {
        let tabs = match node.attribute("tabs") {
            None => Vec::new(),
            Some(v) => {
                let mut stops = Vec::new();
                for t in v.split_whitespace() {
                    let (len, kind) = if let Some(l) = t.strip_suffix('r') {
                        (l, TabKind::Right)
                    } else if let Some(l) = t.strip_suffix('c') {
                        (l, TabKind::Center)
                    } else {
                        (t, TabKind::Left)
                    };
                    let pos = parse_length(len).ok_or_else(|| {
                        self.attr_error(
                            node,
                            "tabs",
                            format!("bad tab stop `{t}` (a length, optionally ending in r or c)"),
                        )
                    })?;
                    stops.push(TabStop { pos, kind });
                }
                stops.sort_by(|a, b| a.pos.total_cmp(&b.pos));
                stops
            }
        };
        Ok(Paragraph {
            spacing: self.spacing(node)?,
            align: self.choice(
                node,
                "align",
                &[
                    ("left", Align::Left),
                    ("center", Align::Center),
                    ("right", Align::Right),
                    ("justify", Align::Justify),
                ],
                default_align,
            )?,
            indent: self.length(node, "indent", 0.0)?,
            margin_left: self.length(node, "margin-left", 0.0)?,
            margin_right: self.length(node, "margin-right", 0.0)?,
            hanging: self.length(node, "hanging", 0.0)?,
            size: self.opt_length(node, "size")?,
            bold: self.boolean(node, "bold", default_bold)?,
            italic: self.boolean(node, "italic", false)?,
            tabs,
            keep_together: self.boolean(node, "keep-together", false)?,
            heading: self.heading(node)?,
            content: self.inline_content(node)?,
        })
    }

    /// Content of `<item>` / `<cell>`: blocks if any child is a block element,
    /// otherwise inline content wrapped in one paragraph.
    fn flow_or_inline(
        &self,
        node: Node,
        align: Align,
        bold: bool,
    ) -> Result<Vec<Block>, MarkupError> {
        let has_blocks = node.children().any(|c| {
            c.is_element()
                && matches!(
                    c.tag_name().name(),
                    "p" | "list" | "table" | "keep" | "signature"
                )
        });
        if has_blocks {
            // Blocks, with any run of inline content between them as a paragraph.
            let mut blocks = Vec::new();
            let mut run: Vec<Node> = Vec::new();
            let children: Vec<Node> = node.children().collect();
            for c in children.iter().copied().chain(std::iter::once(node)) {
                let is_block = c == node
                    || c.is_element()
                        && matches!(
                            c.tag_name().name(),
                            "p" | "list" | "table" | "keep" | "signature" | "emblem" | "pagebreak"
                        );
                if !is_block {
                    run.push(c);
                    continue;
                }
                if !run.is_empty() {
                    let mut pieces = Vec::new();
                    for r in run.drain(..) {
                        self.inline_node(r, InlineState::default(), &mut pieces)?;
                    }
                    let content = collapse_inline(pieces);
                    if !content.is_empty() {
                        blocks.push(Block::Paragraph(Paragraph {
                            align,
                            bold,
                            content,
                            ..Paragraph::default()
                        }));
                    }
                }
                if c != node {
                    blocks.push(self.block(c)?);
                }
            }
            if bold {
                for b in &mut blocks {
                    if let Block::Paragraph(p) = b {
                        p.bold = true;
                    }
                }
            }
            Ok(blocks)
        } else {
            let content = self.inline_content(node)?;
            Ok(vec![Block::Paragraph(Paragraph {
                align,
                bold,
                content,
                ..Paragraph::default()
            })])
        }
    }

    fn table(&self, node: Node) -> Result<Table, MarkupError> {
        let cols = node
            .attribute("columns")
            .ok_or_else(|| self.error(node, "<table> needs a `columns` attribute"))?;
        let mut columns = Vec::new();
        for c in cols.split_whitespace() {
            let w = if let Some(f) = c.strip_suffix("fr") {
                f.trim()
                    .parse::<f32>()
                    .ok()
                    .filter(|f| *f > 0.0)
                    .map(ColumnWidth::Fraction)
            } else {
                parse_length(c).map(ColumnWidth::Fixed)
            };
            columns.push(w.ok_or_else(|| {
                self.attr_error(
                    node,
                    "columns",
                    format!("bad column width `{c}` (a length or a share such as 1fr)"),
                )
            })?);
        }
        if columns.is_empty() {
            return Err(self.attr_error(node, "columns", "`columns` lists no width".into()));
        }
        let mut rows = Vec::new();
        let mut body_started = false;
        // Columns still covered by a header cell of an earlier row (rowspan): how
        // many more rows each column is taken for.
        let mut covered = vec![0usize; columns.len()];
        for r in self.element_children(node)? {
            if r.tag_name().name() != "row" {
                return Err(self.error(
                    r,
                    format!(
                        "unknown element <{}> in <table> (expected <row>)",
                        r.tag_name().name()
                    ),
                ));
            }
            self.check_attrs(r, &["header", "keep-together", "bold"])?;
            let header = self.boolean(r, "header", false)?;
            if header && body_started {
                return Err(self.error(r, "header rows must come before the other rows"));
            }
            body_started |= !header;
            let row_bold = self.boolean(r, "bold", false)?;
            let mut cells = Vec::new();
            if !header && covered.iter().any(|&n| n > 0) {
                return Err(self.error(r, "a header cell's rowspan reaches past the header rows"));
            }
            let taken = covered.iter().filter(|&&n| n > 0).count();
            let mut span_total = taken;
            let mut spans_down = Vec::new();
            for c in self.element_children(r)? {
                if c.tag_name().name() != "cell" {
                    return Err(self.error(
                        c,
                        format!(
                            "unknown element <{}> in <row> (expected <cell>)",
                            c.tag_name().name()
                        ),
                    ));
                }
                self.check_attrs(
                    c,
                    &[
                        "colspan", "rowspan", "align", "valign", "bold", "fill", "heading",
                    ],
                )?;
                let colspan: usize = self.number(c, "colspan", 1)?;
                if colspan == 0 {
                    return Err(self.attr_error(c, "colspan", "colspan must be at least 1".into()));
                }
                let rowspan: usize = self.number(c, "rowspan", 1)?;
                if rowspan == 0 {
                    return Err(self.attr_error(c, "rowspan", "rowspan must be at least 1".into()));
                }
                if rowspan > 1 && !header {
                    return Err(self.attr_error(
                        c,
                        "rowspan",
                        "rowspan is for header rows only".into(),
                    ));
                }
                if rowspan > 1 {
                    spans_down.push((span_total - taken, colspan, rowspan));
                }
                span_total += colspan;
                let align = self.choice(
                    c,
                    "align",
                    &[
                        ("left", Align::Left),
                        ("center", Align::Center),
                        ("right", Align::Right),
                        ("justify", Align::Justify),
                    ],
                    Align::Left,
                )?;
                let bold = self.boolean(c, "bold", row_bold)?;
                let fill = match c.attribute("fill") {
                    None => None,
                    Some(v) => Some(parse_color(v).ok_or_else(|| {
                        self.attr_error(c, "fill", format!("bad colour `{v}` (use #rrggbb)"))
                    })?),
                };
                cells.push(Cell {
                    colspan,
                    rowspan,
                    valign: self.choice(
                        c,
                        "valign",
                        &[
                            ("top", VAlign::Top),
                            ("middle", VAlign::Middle),
                            ("bottom", VAlign::Bottom),
                        ],
                        VAlign::Top,
                    )?,
                    fill,
                    blocks: {
                        let mut blocks = self.flow_or_inline(c, align, bold)?;
                        // a heading cell (the plan's indicator over its measures):
                        // its text is the heading
                        if let Some(level) = self.heading(c)? {
                            for b in &mut blocks {
                                if let Block::Paragraph(p) = b {
                                    p.heading = Some(level);
                                }
                            }
                        }
                        blocks
                    },
                });
            }
            if span_total > columns.len() {
                return Err(self.error(
                    r,
                    format!(
                        "the row spans {span_total} columns but the table has {}",
                        columns.len()
                    ),
                ));
            }
            // Cells of this row sit in the columns no earlier header cell covers, in
            // order; those with a rowspan cover theirs for the rows below.
            let free: Vec<usize> = (0..columns.len()).filter(|&k| covered[k] == 0).collect();
            for n in &mut covered {
                *n = n.saturating_sub(1);
            }
            for (at, colspan, rowspan) in spans_down {
                for k in at..at + colspan {
                    if let Some(&col) = free.get(k) {
                        covered[col] = rowspan - 1;
                    }
                }
            }
            rows.push(Row {
                header,
                keep_together: self.boolean(r, "keep-together", false)?,
                bold: row_bold,
                cells,
            });
        }
        if covered.iter().any(|&n| n > 0) {
            return Err(self.error(node, "a header cell's rowspan reaches past the last row"));
        }
        Ok(Table {
            spacing: self.spacing(node)?,
            columns,
            border: self.choice(
                node,
                "border",
                &[
                    ("all", Border::All),
                    ("outer", Border::Outer),
                    ("horizontal", Border::Horizontal),
                    ("none", Border::None),
                ],
                Border::All,
            )?,
            padding: self.length(node, "padding", 0.1 * PT_PER_CM)?,
            size: self.opt_length(node, "size")?,
            align: self.choice(
                node,
                "align",
                &[
                    ("left", TableAlign::Left),
                    ("center", TableAlign::Center),
                    ("right", TableAlign::Right),
                ],
                TableAlign::Center,
            )?,
            rows,
        })
    }

    /// Flattens inline content into pieces, collapsing white space.
    fn inline_content(&self, node: Node) -> Result<Vec<Inline>, MarkupError> {
        let mut out = Vec::new();
        self.inline_into(node, InlineState::default(), &mut out)?;
        Ok(collapse_inline(out))
    }

    fn inline_into(
        &self,
        node: Node,
        state: InlineState,
        out: &mut Vec<Inline>,
    ) -> Result<(), MarkupError> {
        for c in node.children() {
            self.inline_node(c, state, out)?;
        }
        Ok(())
    }

    /// Flattens one inline node (text or inline element) into pieces.
    fn inline_node(
        &self,
        c: Node,
        state: InlineState,
        out: &mut Vec<Inline>,
    ) -> Result<(), MarkupError> {
        {
            match c.node_type() {
                NodeType::Text => {
                    let t = c.text().unwrap_or("");
                    if !t.is_empty() {
                        out.push(Inline::Text(Text {
                            text: collapse_ws(t),
                            style: state.style,
                            dotted: state.dotted,
                            nobreak: state.nobreak,
                        }));
                    }
                }
                NodeType::Element => {
                    let mut s = state;
                    match c.tag_name().name() {
                        "b" => {
                            self.check_attrs(c, &[])?;
                            s.style.bold = Some(true);
                        }
                        "i" => {
                            self.check_attrs(c, &[])?;
                            s.style.italic = Some(true);
                        }
                        "u" => {
                            self.check_attrs(c, &[])?;
                            s.style.underline = true;
                        }
                        "span" => {
                            self.check_attrs(c, &["size", "bold", "italic", "underline"])?;
                            if let Some(sz) = self.opt_length(c, "size")? {
                                s.style.size = Some(sz);
                            }
                            if c.attribute("bold").is_some() {
                                s.style.bold = Some(self.boolean(c, "bold", false)?);
                            }
                            if c.attribute("italic").is_some() {
                                s.style.italic = Some(self.boolean(c, "italic", false)?);
                            }
                            s.style.underline = self.boolean(c, "underline", s.style.underline)?;
                        }
                        "dotted" => {
                            self.check_attrs(c, &[])?;
                            if all_text(c).trim().is_empty() {
                                // An empty field: a dotted line to fill in by hand.
                                out.push(Inline::Leader);
                                return Ok(());
                            }
                            s.dotted = true;
                        }
                        "nobreak" => {
                            self.check_attrs(c, &[])?;
                            s.nobreak = true;
                        }
                        "tick" => {
                            self.check_attrs(c, &[])?;
                            if c.has_children() {
                                return Err(self.error(c, "<tick/> takes no content".to_string()));
                            }
                            out.push(Inline::Tick { size: s.style.size });
                            return Ok(());
                        }
                        "br" | "tab" | "leader" => {
                            self.check_attrs(c, &[])?;
                            if c.has_children() {
                                return Err(self.error(c, format!("<{}/> takes no content", c.tag_name().name())));
                            }
                            out.push(match c.tag_name().name() {
                                "br" => Inline::LineBreak,
                                "tab" => Inline::Tab,
                                _ => Inline::Leader,
                            });
                            return Ok(());
                        }
                        other => {
                            return Err(self.error(
                                c,
                                format!("unknown element <{other}> in text (expected b, i, u, span, br, tab, dotted, leader, nobreak, tick)"),
                            ))
                        }
                    }
                    self.inline_into(c, s, out)?;
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// All text below a node.
fn all_text(node: Node) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

/// Replaces every run of white space with one space.
fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

/// Collapses white space across pieces: no space at the start or end, none twice in a
/// row, none next to a line break or a tab; empty pieces dropped.
fn collapse_inline(pieces: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(pieces.len());
    // True when the text so far ends in a space or a hard boundary (start, br, tab).
    let mut after_space = true;
    for p in pieces {
        match p {
            Inline::Text(mut t) => {
                if after_space {
                    t.text = t.text.trim_start_matches(' ').to_string();
                }
                if t.text.is_empty() {
                    continue;
                }
                after_space = t.text.ends_with(' ');
                out.push(Inline::Text(t));
            }
            other => {
                if matches!(other, Inline::LineBreak | Inline::Tab) {
                    trim_trailing_space(&mut out);
                    after_space = true;
                } else if matches!(other, Inline::Tick { .. }) {
                    // A mark stands like a word: the space after it stays.
                    after_space = false;
                }
                out.push(other);
            }
        }
    }
    trim_trailing_space(&mut out);
    out
}

fn trim_trailing_space(out: &mut Vec<Inline>) {
    while let Some(Inline::Text(t)) = out.last_mut() {
        let trimmed = t.text.trim_end_matches(' ').len();
        t.text.truncate(trimmed);
        if t.text.is_empty() {
            out.pop();
        } else {
            break;
        }
    }
}

/// Parses "2.5cm", "10mm", "16pt", "1in" into points.
pub(super) fn parse_length(v: &str) -> Option<f32> {
    let v = v.trim();
    let split = v.find(|c: char| c.is_ascii_alphabetic())?;
    let (num, unit) = v.split_at(split);
    let n: f32 = num.trim().parse().ok()?;
    if !n.is_finite() {
        return None;
    }
    let factor = match unit {
        "cm" => PT_PER_CM,
        "mm" => PT_PER_CM / 10.0,
        "pt" => 1.0,
        "in" => 72.0,
        _ => return None,
    };
    Some(n * factor)
}

fn parse_color(v: &str) -> Option<[u8; 3]> {
    let h = v.strip_prefix('#')?;
    if h.len() != 6 || !h.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> Result<Document, MarkupError> {
        read(
            &format!("<document><section>{body}</section></document>"),
            "t.xml",
        )
    }

    #[test]
    fn lengths_convert_to_points() {
        assert!((parse_length("1cm").unwrap() - 28.3465).abs() < 1e-4);
        assert!((parse_length("10mm").unwrap() - 28.3465).abs() < 1e-3);
        assert_eq!(parse_length("16pt"), Some(16.0));
        assert_eq!(parse_length("1in"), Some(72.0));
        assert_eq!(parse_length("2.5"), None);
        assert_eq!(parse_length("2px"), None);
    }

    #[test]
    fn unknown_element_names_line_and_column() {
        let e = read(
            "<document>\n<section>\n  <para/>\n</section></document>",
            "memo.xml",
        )
        .unwrap_err();
        assert_eq!((e.line, e.col), (3, 3));
        assert!(
            e.to_string()
                .starts_with("memo.xml:3:3: unknown element <para>"),
            "{e}"
        );
    }

    #[test]
    fn unknown_attribute_and_bad_length_are_errors() {
        let e = doc(r#"<p colour="red">x</p>"#).unwrap_err();
        assert!(e.message.contains("unknown attribute `colour`"), "{e}");
        let e = doc(r#"<p indent="2.5 furlongs">x</p>"#).unwrap_err();
        assert!(e.message.contains("bad length"), "{e}");
        let e = doc(r#"<table columns="1cm 2zz"><row/></table>"#).unwrap_err();
        assert!(e.message.contains("bad column width"), "{e}");
    }

    #[test]
    fn white_space_collapses_across_pieces() {
        let d = doc("<p>  ก   ข <b> ค</b>  <br/>  ง  </p>").unwrap();
        let Block::Paragraph(p) = &d.sections[0].blocks[0] else {
            panic!()
        };
        let texts: Vec<String> = p
            .content
            .iter()
            .map(|i| match i {
                Inline::Text(t) => t.text.clone(),
                Inline::LineBreak => "<br>".into(),
                _ => "?".into(),
            })
            .collect();
        assert_eq!(texts, ["ก ข ", "ค", "<br>", "ง"]);
        let Inline::Text(t) = &p.content[1] else {
            panic!()
        };
        assert_eq!(t.style.bold, Some(true));
    }

    #[test]
    fn tick_is_an_inline_atom_with_the_size_in_effect() {
        let d = doc(r#"<p>ก <tick/> <span size="12pt"><tick/></span></p>"#).unwrap();
        let Block::Paragraph(p) = &d.sections[0].blocks[0] else {
            panic!()
        };
        let ticks: Vec<_> = p
            .content
            .iter()
            .filter_map(|i| match i {
                Inline::Tick { size } => Some(*size),
                _ => None,
            })
            .collect();
        assert_eq!(ticks, [None, Some(12.0)]);
        // The spaces around a tick are kept, like those around a word.
        assert!(
            matches!(&p.content[2], Inline::Text(t) if t.text == " "),
            "{:?}",
            p.content
        );
        assert!(doc("<p><tick>x</tick></p>").is_err());
    }

    #[test]
    fn defaults_and_attributes() {
        let d = read(
            r#"<document digits="arabic" title="T"><dictionary><word> นายโกสินทร์  วิชาธรรม </word></dictionary>
            <section orientation="landscape" margin-left="2cm"><p tabs="8cm 15cmr" size="20pt" keep-with-next="true">x</p></section></document>"#,
            "t",
        )
        .unwrap();
        assert_eq!(d.digits, Digits::Arabic);
        assert_eq!(d.dictionary, ["นายโกสินทร์ วิชาธรรม"]);
        let s = &d.sections[0];
        assert_eq!(s.orientation, Orientation::Landscape);
        assert!((s.margins.left - 56.693).abs() < 0.01);
        assert!((s.margins.right - 56.693).abs() < 0.01);
        assert_eq!(s.font_size, 16.0);
        let Block::Paragraph(p) = &s.blocks[0] else {
            panic!()
        };
        assert_eq!(p.tabs.len(), 2);
        assert_eq!(p.tabs[1].kind, TabKind::Right);
        assert_eq!(p.size, Some(20.0));
        assert!(p.spacing.keep_with_next);
        assert_eq!(p.align, Align::Justify);
    }

    #[test]
    fn tables_lists_and_cells() {
        let d = doc(
            r##"<table columns="1.5cm 1fr 2fr"><row header="true"><cell colspan="2" fill="#e8e8e8">ก</cell><cell><p>x</p><list><item>y</item></list></cell></row>
            <row><cell>1</cell></row></table><list label="(#)" start="3"><item>a</item><item label="*">b</item></list>"##,
        )
        .unwrap();
        let Block::Table(t) = &d.sections[0].blocks[0] else {
            panic!()
        };
        assert_eq!(t.columns[1], ColumnWidth::Fraction(1.0));
        assert_eq!(t.rows[0].cells[0].colspan, 2);
        assert_eq!(t.rows[0].cells[0].fill, Some([0xe8, 0xe8, 0xe8]));
        assert_eq!(t.rows[0].cells[1].blocks.len(), 2);
        let Block::List(l) = &d.sections[0].blocks[1] else {
            panic!()
        };
        assert_eq!((l.label.as_str(), l.start), ("(#)", 3));
        assert_eq!(l.items[1].label.as_deref(), Some("*"));
        let e = doc(r#"<table columns="1cm"><row><cell colspan="2">x</cell></row></table>"#)
            .unwrap_err();
        assert!(e.message.contains("spans 2 columns"), "{e}");
    }

    #[test]
    fn header_cells_may_span_header_rows_only() {
        let group = r#"<row header="true"><cell rowspan="2">ที่</cell><cell colspan="2">สถานะ</cell></row><row header="true"><cell>ก</cell><cell>ข</cell></row>"#;
        let d = doc(&format!(
            r#"<table columns="1cm 1fr 1fr">{group}<row><cell>๑</cell><cell/><cell/></row></table>"#
        ))
        .unwrap();
        let Block::Table(t) = &d.sections[0].blocks[0] else {
            panic!()
        };
        assert_eq!(t.rows[0].cells[0].rowspan, 2);
        assert_eq!(t.rows[1].cells[1].rowspan, 1);
        // the second header row has room for two cells only: the first column is taken
        let e = doc(r#"<table columns="1cm 1fr 1fr"><row header="true"><cell rowspan="2">ที่</cell><cell colspan="2">สถานะ</cell></row><row header="true"><cell>ก</cell><cell>ข</cell><cell>ค</cell></row></table>"#).unwrap_err();
        assert!(e.message.contains("spans 4 columns"), "{e}");
        let e = doc(r#"<table columns="1fr"><row><cell rowspan="2">x</cell></row><row><cell>y</cell></row></table>"#).unwrap_err();
        assert!(e.message.contains("header rows only"), "{e}");
        let e = doc(r#"<table columns="1fr 1fr"><row header="true"><cell rowspan="2">x</cell><cell>h</cell></row><row><cell>y</cell></row></table>"#).unwrap_err();
        assert!(e.message.contains("past the header rows"), "{e}");
    }

    #[test]
    fn header_rows_must_come_first() {
        let e = doc(r#"<table columns="1fr"><row><cell>a</cell></row><row header="true"><cell>h</cell></row></table>"#)
            .unwrap_err();
        assert!(e.message.contains("header rows"), "{e}");
    }

    #[test]
    fn an_empty_dotted_field_is_a_leader() {
        let d = doc("<p>ที่ <dotted> </dotted><tab/>วันที่</p>").unwrap();
        let Block::Paragraph(p) = &d.sections[0].blocks[0] else {
            panic!()
        };
        assert_eq!(p.content[1], Inline::Leader);
    }

    #[test]
    fn thai_digits() {
        assert_eq!(Digits::Thai.format(2566), "๒๕๖๖");
        assert_eq!(Digits::Arabic.format(12), "12");
    }
}
