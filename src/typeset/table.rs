//! Tables: column widths (lengths and `fr` shares) → cells laid out as blocks in their
//! columns → one frag per row, with fills, vertical alignment and borders. Header rows
//! are handed to pagination to repeat; a row that does not fit may be split between the
//! lines of its cells ([`RowBox::split`]) when every cell that continues keeps at least
//! [`MIN_LINES`] lines on each side; `border="outer"` rows carry their [`Frame`] so that
//! pagination can close the outline on every page.

use std::rc::Rc;

use super::block::{self, Area, Frag};
use super::inline;
use super::layout::{Item as Draw, LineItem, RectItem};
use super::{Ctx, Note, TypesetError};
use crate::markup::{Block, Border, ColumnWidth, Table, TableAlign, VAlign};

/// Stroke width of table borders.
pub const BORDER_WIDTH: f32 = 0.5;

/// One cell of a laid-out row.
#[derive(Debug, Clone)]
pub struct CellBox {
    /// Left edge of the cell.
    pub x: f32,
    /// Width of the cell.
    pub width: f32,
    /// Background.
    pub fill: Option<[u8; 3]>,
    /// Vertical alignment.
    pub valign: VAlign,
    /// Content frags (x final, y relative to each frag's top).
    pub frags: Vec<Frag>,
}

impl CellBox {
    fn content_height(&self) -> f32 {
        self.frags
            .iter()
            .enumerate()
            .map(|(k, f)| f.height + if k > 0 { f.space_before } else { 0.0 })
            .sum()
    }
}

/// A laid-out table row, which can draw itself at any height and split.
#[derive(Debug, Clone)]
pub struct RowBox {
    /// The cells.
    pub cells: Vec<CellBox>,
    /// Cell padding.
    pub padding: f32,
    /// Border style.
    pub border: Border,
    /// Left edge and width of the table.
    pub table_x: f32,
    /// Width of the table.
    pub table_width: f32,
    /// First row of the table (draws the top rule for outer borders).
    pub first: bool,
    /// Last row of the table (draws the bottom rule for outer borders).
    pub last: bool,
}

impl RowBox {
    /// Natural height: tallest cell plus padding.
    pub fn height(&self) -> f32 {
        self.cells
            .iter()
            .map(CellBox::content_height)
            .fold(0.0, f32::max)
            + 2.0 * self.padding
    }

    /// Draws the row `height` points tall; `top_aligned` ignores vertical alignment
    /// (for parts of split rows).
    pub fn render(&self, height: f32, top_aligned: bool) -> Vec<Draw> {
        let mut out = Vec::new();
        for c in &self.cells {
            if let Some(fill) = c.fill {
                out.push(Draw::Rect(RectItem {
                    x: c.x,
                    y: 0.0,
                    width: c.width,
                    height,
                    fill: Some(fill),
                    stroke: None,
                }));
            }
        }
        for c in &self.cells {
            let room = height - 2.0 * self.padding - c.content_height();
            let mut y = self.padding
                + match (top_aligned, c.valign) {
                    (true, _) | (_, VAlign::Top) => 0.0,
                    (_, VAlign::Middle) => room.max(0.0) / 2.0,
                    (_, VAlign::Bottom) => room.max(0.0),
                };
            for (k, f) in c.frags.iter().enumerate() {
                if k > 0 {
                    y += f.space_before;
                }
                let mut items = f.items.clone();
                block::translate(&mut items, 0.0, y);
                out.extend(items);
                y += f.height;
            }
        }
        let (x0, x1) = (self.table_x, self.table_x + self.table_width);
        let hline = |y: f32| {
            Draw::Line(LineItem {
                from: (x0, y),
                to: (x1, y),
                width: BORDER_WIDTH,
                dotted: false,
            })
        };
        let vline = |x: f32| {
            Draw::Line(LineItem {
                from: (x, 0.0),
                to: (x, height),
                width: BORDER_WIDTH,
                dotted: false,
            })
        };
        match self.border {
            Border::All => {
                out.push(hline(0.0));
                out.push(hline(height));
                out.push(vline(x0));
                for c in &self.cells {
                    out.push(vline(c.x + c.width));
                }
                if self
                    .cells
                    .last()
                    .is_none_or(|c| (c.x + c.width - x1).abs() > 0.01)
                {
                    out.push(vline(x1));
                }
            }
            Border::Outer => {
                out.push(vline(x0));
                out.push(vline(x1));
                if self.first {
                    out.push(hline(0.0));
                }
                if self.last {
                    out.push(hline(height));
                }
            }
            Border::Horizontal => {
                out.push(hline(0.0));
                out.push(hline(height));
            }
            Border::None => {}
        }
        out
    }

    /// The outer frame this row belongs to, for tables with `border="outer"`.
    pub fn frame(&self) -> Option<Frame> {
        (self.border == Border::Outer).then_some(Frame {
            x0: self.table_x,
            x1: self.table_x + self.table_width,
            open_top: !self.first,
            open_bottom: !self.last,
        })
    }

    /// Cuts the row between the lines of its cells so that the first part is at most
    /// `avail` tall. Pipeline: measure what fits of each cell → choose each cell's cut
    /// under `rule` → check the cuts make a real split → the two parts (the first
    /// part keeps the row's top edge, the second its bottom edge). `None` when no
    /// split is acceptable under `rule`.
    pub fn cut(&self, avail: f32, rule: SplitRule) -> Option<(RowBox, RowBox)> {
        let room = avail - 2.0 * self.padding;
        if room <= 0.0 {
            return None;
        }
        let fits: Vec<usize> = self.cells.iter().map(|c| c.lines_within(room)).collect();
        let strict: Vec<Option<usize>> = self
            .cells
            .iter()
            .zip(&fits)
            .map(|(c, &fit)| c.strict_cut(fit))
            .collect();
        let cuts: Vec<usize> = match rule {
            SplitRule::Strict => {
                let cuts = strict.into_iter().collect::<Option<Vec<usize>>>()?;
                // Only cells that end or move whole: that scatters the row, it does
                // not split it.
                let continues = self
                    .cells
                    .iter()
                    .zip(&cuts)
                    .any(|(c, &k)| k > 0 && k < c.frags.len());
                if !continues {
                    return None;
                }
                cuts
            }
            SplitRule::Forced => {
                let relaxed: Vec<usize> = self
                    .cells
                    .iter()
                    .zip(&fits)
                    .zip(&strict)
                    .map(|((c, &fit), s)| s.unwrap_or_else(|| c.loose_cut(fit)))
                    .collect();
                if relaxed.iter().any(|&k| k > 0) {
                    relaxed
                } else {
                    self.cells
                        .iter()
                        .zip(&fits)
                        .map(|(c, &fit)| c.loose_cut(fit))
                        .collect()
                }
            }
        };
        let taken = cuts.iter().any(|&k| k > 0);
        let left = self
            .cells
            .iter()
            .zip(&cuts)
            .any(|(c, &k)| k < c.frags.len());
        if !taken || !left {
            return None;
        }
        let mut top = self.clone();
        let mut rest = self.clone();
        top.last = false;
        rest.first = false;
        for (k, (c, &cut)) in self.cells.iter().zip(&cuts).enumerate() {
            top.cells[k].frags = c.frags[..cut].to_vec();
            rest.cells[k].frags = c.frags[cut..].to_vec();
            if let Some(f) = rest.cells[k].frags.first_mut() {
                f.space_before = 0.0;
            }
            // A framed table inside the cell, cut here: closed on both sides too.
            if 0 < cut && cut < c.frags.len() {
                if let Some(f) = top.cells[k].frags.last_mut() {
                    if let Some(frame) = f.frame.filter(|fr| fr.open_bottom) {
                        f.items.push(frame.rule(f.height));
                    }
                }
                if let Some(f) = rest.cells[k].frags.first_mut() {
                    if let Some(frame) = f.frame.filter(|fr| fr.open_top) {
                        f.items.push(frame.rule(0.0));
                    }
                }
            }
        }
        Some((top, rest))
    }

    /// Splits the row for a page with `avail` points left, keeping at least
    /// [`MIN_LINES`] lines of every cell that continues on each side of the break
    /// ([`SplitRule::Strict`]). The first part is top-aligned; the second part
    /// carries the rest of the row, so it may split again. `None` when no such split
    /// exists: the whole row then moves to the next page.
    pub fn split(&self, avail: f32) -> Option<(Frag, Frag)> {
        self.split_with(avail, SplitRule::Strict)
    }

    /// Splits the row under `rule` (see [`RowBox::cut`]) and draws the two parts.
    pub fn split_with(&self, avail: f32, rule: SplitRule) -> Option<(Frag, Frag)> {
        let (top, rest) = self.cut(avail, rule)?;
        let h_top = top.height();
        let h_rest = rest.height();
        let a = Frag {
            height: h_top,
            items: top.render(h_top, true),
            lead: top.lead(),
            notes: top.notes(),
            frame: top.frame(),
            ..Frag::default()
        };
        let b = Frag {
            height: h_rest,
            items: rest.render(h_rest, true),
            lead: rest.lead(),
            notes: rest.notes(),
            frame: rest.frame(),
            row: Some(Rc::new(rest)),
            ..Frag::default()
        };
        Some((a, b))
    }

    /// The warnings raised in the row's cells (each part of a split row reports
    /// those of the lines it holds, on the page it lands on).
    fn notes(&self) -> Vec<Note> {
        self.cells
            .iter()
            .flat_map(|c| &c.frags)
            .flat_map(|f| f.notes.iter().cloned())
            .collect()
    }

    /// The first words the row shows (for continuation markers): those of its first
    /// cell that holds words, not only a short label (a rank "๘", a mark), so the
    /// marker reads "/ตัวชี้วัดที่ ๗..." rather than "/๘..." or "/๘ ตัวชี้วัดที่ ๗...".
    fn lead(&self) -> String {
        let leads: Vec<&str> = self
            .cells
            .iter()
            .flat_map(|c| c.frags.first())
            .map(|f| f.lead.trim())
            .filter(|l| !l.is_empty())
            .collect();
        leads
            .iter()
            .find(|l| l.chars().count() > SHORT_LABEL_CHARS)
            .or(leads.first())
            .map_or(String::new(), |l| l.to_string())
    }
}

/// A cell this short (in characters) holds a label, not words to lead with.
const SHORT_LABEL_CHARS: usize = 3;

/// Lines of a cell that must stay together on each side of a page break inside a
/// table row (widows and orphans, as in paragraphs).
pub const MIN_LINES: usize = 2;

/// How strictly a row may be split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitRule {
    /// Every cell that continues keeps at least [`MIN_LINES`] lines on each side,
    /// and the keeps between its lines hold; a cell of fewer than `2 × MIN_LINES`
    /// lines does not split (it stays whole in the first part if it fits, else it
    /// moves whole to the second); at least one cell really continues.
    Strict,
    /// For a row that cannot move to a better page (taller than a page): cells are
    /// cut as under `Strict` where they can be, the others where their keeps allow
    /// it, or else after the last line that fits.
    Forced,
}

/// The outline of a `border="outer"` table around one row (or part of a row).
/// Pagination closes it with a rule where the table breaks across pages, so that
/// each page shows a closed box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    /// Left edge of the table.
    pub x0: f32,
    /// Right edge of the table.
    pub x1: f32,
    /// The row does not draw the table's top rule (it is not the first row).
    pub open_top: bool,
    /// The row does not draw the table's bottom rule (it is not the last row).
    pub open_bottom: bool,
}

impl Frame {
    /// The horizontal rule across the table at `y` (relative to the row's top).
    pub fn rule(&self, y: f32) -> Draw {
        Draw::Line(LineItem {
            from: (self.x0, y),
            to: (self.x1, y),
            width: BORDER_WIDTH,
            dotted: false,
        })
    }
}

impl CellBox {
    /// How many of the cell's lines fit in `room` points.
    fn lines_within(&self, room: f32) -> usize {
        let mut used = 0.0;
        let mut fit = 0;
        for (i, f) in self.frags.iter().enumerate() {
            used += f.height + if i > 0 { f.space_before } else { 0.0 };
            if used > room + 0.01 {
                break;
            }
            fit = i + 1;
        }
        fit
    }

    /// The cut under [`SplitRule::Strict`] when `fit` lines fit: all lines if they
    /// fit; else the last break with [`MIN_LINES`] lines on each side that the keeps
    /// allow; a short cell moves whole (0). `None`: this cell forbids the split.
    fn strict_cut(&self, fit: usize) -> Option<usize> {
        let n = self.frags.len();
        if fit >= n {
            return Some(n);
        }
        if n < 2 * MIN_LINES {
            return Some(0);
        }
        (MIN_LINES..=fit.min(n - MIN_LINES))
            .rev()
            .find(|&k| !self.frags[k].keep_with_prev)
    }

    /// The cut under [`SplitRule::Forced`] when the strict one is refused: the last
    /// break the keeps allow among the lines that fit, or else after all that fit.
    fn loose_cut(&self, fit: usize) -> usize {
        if fit >= self.frags.len() {
            return fit;
        }
        (1..=fit)
            .rev()
            .find(|&k| !self.frags[k].keep_with_prev)
            .unwrap_or(fit)
    }
}

/// Column widths for a table in `width` points: fixed columns first, `fr` shares of
/// the rest; if fixed columns alone are too wide, all are scaled down.
pub fn column_widths(columns: &[ColumnWidth], width: f32) -> Vec<f32> {
    let fixed: f32 = columns
        .iter()
        .map(|c| match c {
            ColumnWidth::Fixed(w) => *w,
            ColumnWidth::Fraction(_) => 0.0,
        })
        .sum();
    let frs: f32 = columns
        .iter()
        .map(|c| match c {
            ColumnWidth::Fraction(f) => *f,
            ColumnWidth::Fixed(_) => 0.0,
        })
        .sum();
    let rest = (width - fixed).max(0.0);
    let mut out: Vec<f32> = columns
        .iter()
        .map(|c| match c {
            ColumnWidth::Fixed(w) => *w,
            ColumnWidth::Fraction(f) => rest * f / frs,
        })
        .collect();
    let total: f32 = out.iter().sum();
    if total > width + 0.01 {
        for w in &mut out {
            *w *= width / total;
        }
    }
    out
}

/// What the columns' content asks for: each column's min-content and max-content
/// width (see [`block::content_widths`]), padding included, from its cells of one
/// column.
struct Demand {
    columns: Vec<(f32, f32)>,
}

fn demand(ctx: &mut Ctx, t: &Table, size: f32) -> Demand {
    let n = t.columns.len();
    let mut columns = vec![(0.0f32, 0.0f32); n];
    let pad = 2.0 * t.padding;
    // columns still covered by a header cell spanning rows, as in the layout
    let mut covered = vec![0usize; n];
    for row in &t.rows {
        let free: Vec<usize> = (0..n).filter(|&k| covered[k] == 0).collect();
        for c in &mut covered {
            *c = c.saturating_sub(1);
        }
        let mut k = 0;
        for cell in &row.cells {
            let Some(&col) = free.get(k) else { break };
            k += cell.colspan;
            let span = cell.colspan.min(n - col).max(1);
            for c in &mut covered[col..col + span] {
                *c = cell.rowspan.saturating_sub(1);
            }
            if span == 1 {
                let (mn, mx) = block::content_widths(ctx, &cell.blocks, size);
                columns[col] = (columns[col].0.max(mn + pad), columns[col].1.max(mx + pad));
            }
        }
    }
    Demand { columns }
}

/// Column widths fitted to their content, as a browser's automatic table layout
/// does, within the template's limits. A fixed column keeps the template's width,
/// or less when its content needs less (max-content), but never less than its
/// widest unbreakable word (min-content). The shared (`fr`) columns take the rest:
/// their max-content widths when those fit (what is left over by the template's
/// shares), else their min-content plus the remaining room in proportion to how
/// much more their content wants; so a column of long paragraphs gets more than
/// one of short phrases, and rows are as short as the content allows. The table
/// keeps its width.
fn fit_to_content(columns: &[ColumnWidth], widths: Vec<f32>, content: &[(f32, f32)]) -> Vec<f32> {
    let n = widths.len();
    if content.len() != n || content.iter().all(|&(_, mx)| mx <= 0.0) {
        return widths;
    }
    let total: f32 = widths.iter().sum();
    let shared: Vec<bool> = (0..n)
        .map(|c| matches!(columns.get(c), Some(ColumnWidth::Fraction(_))))
        .collect();
    let mut w = widths.clone();
    for c in (0..n).filter(|&c| !shared[c]) {
        let (mn, mx) = content[c];
        w[c] = w[c].min(mx.max(mn)).max(mn);
    }
    let fixed: f32 = (0..n).filter(|&c| !shared[c]).map(|c| w[c]).sum();
    let shares: Vec<usize> = (0..n).filter(|&c| shared[c]).collect();
    let mut available = total - fixed;
    if shares.is_empty() {
        // no shared column: the fixed ones take (or give) the difference by width
        let sum: f32 = w.iter().sum();
        return w.iter().map(|x| x * total / sum.max(1e-3)).collect();
    }
    let min_sum: f32 = shares.iter().map(|&c| content[c].0).sum();
    if available < min_sum {
        // the shared columns' words do not fit: take from the fixed columns above
        // their min-content
        let owed = min_sum - available;
        let spare: f32 = (0..n)
            .filter(|&c| !shared[c])
            .map(|c| (w[c] - content[c].0).max(0.0))
            .sum();
        if spare > 0.0 {
            let take = owed.min(spare);
            for c in (0..n).filter(|&c| !shared[c]) {
                w[c] -= take * (w[c] - content[c].0).max(0.0) / spare;
            }
            available += take;
        }
    }
    let max_sum: f32 = shares.iter().map(|&c| content[c].1.max(content[c].0)).sum();
    let base: f32 = shares.iter().map(|&c| widths[c]).sum::<f32>().max(1e-3);
    for &c in &shares {
        let (mn, mx) = (content[c].0, content[c].1.max(content[c].0));
        w[c] = if max_sum <= available {
            mx + (available - max_sum) * widths[c] / base
        } else if max_sum > min_sum && available > min_sum {
            mn + (available - min_sum) * (mx - mn) / (max_sum - min_sum)
        } else {
            available * widths[c] / base
        };
    }
    let sum: f32 = w.iter().sum();
    if sum > total + 0.01 {
        // words wider than the table: everything scales down
        for x in &mut w {
            *x *= total / sum;
        }
    }
    w
}

/// The paragraphs of one cell, shaped once, each with how far a list sets it in
/// from the cell's content edge (its own margins and indents it knows itself).
type CellText<'t> = Vec<(inline::Measured<'t>, f32)>;

fn cell_text<'t>(
    ctx: &mut Ctx,
    blocks: &'t [Block],
    size: f32,
    inset: f32,
    out: &mut CellText<'t>,
) {
    for b in blocks {
        match b {
            Block::Paragraph(p) => out.push((inline::Measured::new(ctx, p, size), inset)),
            Block::List(l) => {
                for item in &l.items {
                    cell_text(
                        ctx,
                        &item.blocks,
                        size,
                        inset + l.indent + l.label_width,
                        out,
                    );
                }
            }
            Block::Keep(k) => cell_text(ctx, &k.blocks, size, inset, out),
            _ => {}
        }
    }
}

/// Every cell of the table that sits in one column and one row: (row, column, cell).
fn single_cells(t: &Table) -> Vec<(usize, usize, &crate::markup::Cell)> {
    let n = t.columns.len();
    let mut out = Vec::new();
    let mut covered = vec![0usize; n];
    for (r, row) in t.rows.iter().enumerate() {
        let free: Vec<usize> = (0..n).filter(|&k| covered[k] == 0).collect();
        for c in &mut covered {
            *c = c.saturating_sub(1);
        }
        let mut k = 0;
        for cell in &row.cells {
            let Some(&col) = free.get(k) else { break };
            k += cell.colspan;
            let span = cell.colspan.min(n - col).max(1);
            for c in &mut covered[col..col + span] {
                *c = cell.rowspan.saturating_sub(1);
            }
            if span == 1 && cell.rowspan <= 1 {
                out.push((r, col, cell));
            }
        }
    }
    out
}

/// The least share of the template's width a column keeps when widths are balanced
/// (see [`fitted_widths`]).
const SQUEEZE: f32 = 0.75;

/// Steps (points) in which [`balance`] moves width between columns, coarse to fine.
const BALANCE_STEPS: [f32; 4] = [36.0, 12.0, 4.0, 1.5];

/// A move of [`balance`]: the table's height after it, from and to which column,
/// and the two columns' row heights after it.
type Move = (f32, usize, usize, Vec<f32>, Vec<f32>);

/// Moves width between columns while that makes the table shorter. A row is as
/// tall as its tallest cell; a cell's height is its paragraphs' lines (found by the
/// line breaker itself at each width tried, not estimated) times their pitch. Width
/// goes from the column whose rows lose least to the one where they gain most, in
/// ever finer steps, never below a column's `lo` nor above its `hi`. The table keeps
/// its width.
fn balance(ctx: &mut Ctx, t: &Table, size: f32, w: &mut [f32], lo: &[f32], hi: &[f32]) {
    let n = w.len();
    let n_rows = t.rows.len();
    let pad = 2.0 * t.padding;
    let pitch = ctx.pitch;
    let mut cells: Vec<Vec<(usize, CellText)>> = (0..n).map(|_| Vec::new()).collect();
    for (r, col, cell) in single_cells(t) {
        let mut text = Vec::new();
        cell_text(ctx, &cell.blocks, size, 0.0, &mut text);
        if !text.is_empty() {
            cells[col].push((r, text));
        }
    }
    if cells.iter().all(Vec::is_empty) {
        return;
    }
    // heights of every row's cell in column c at width x (cached: a column takes
    // few widths)
    let mut cache: std::collections::HashMap<(usize, i32), Vec<f32>> = Default::default();
    let mut heights = |c: usize, x: f32, cells: &mut Vec<Vec<(usize, CellText)>>| -> Vec<f32> {
        let key = (c, (x * 4.0).round() as i32);
        if let Some(h) = cache.get(&key) {
            return h.clone();
        }
        let mut h = vec![0.0f32; n_rows];
        for (r, text) in cells[c].iter_mut() {
            h[*r] = text
                .iter_mut()
                .map(|(m, inset)| m.lines((x - pad - *inset).max(1.0)) as f32 * m.size() * pitch)
                .sum();
        }
        cache.insert(key, h.clone());
        h
    };
    let mut cols: Vec<Vec<f32>> = (0..n).map(|c| heights(c, w[c], &mut cells)).collect();
    let total = |cols: &[Vec<f32>]| -> f32 {
        (0..n_rows)
            .map(|r| cols.iter().map(|h| h[r]).fold(0.0, f32::max))
            .sum()
    };
    let mut cur = total(&cols);
    for step in BALANCE_STEPS {
        for _ in 0..200 {
            let mut best: Option<Move> = None;
            for a in 0..n {
                if w[a] - step < lo[a] {
                    continue;
                }
                let ha = heights(a, w[a] - step, &mut cells);
                for b in 0..n {
                    if b == a || w[b] + step > hi[b] {
                        continue;
                    }
                    let hb = heights(b, w[b] + step, &mut cells);
                    let (old_a, old_b) = (
                        std::mem::replace(&mut cols[a], ha.clone()),
                        std::mem::replace(&mut cols[b], hb.clone()),
                    );
                    let c = total(&cols);
                    cols[a] = old_a;
                    cols[b] = old_b;
                    if c < cur - 0.01 && best.as_ref().is_none_or(|x| c < x.0) {
                        best = Some((c, a, b, ha.clone(), hb));
                    }
                }
            }
            let Some((c, a, b, ha, hb)) = best else { break };
            w[a] -= step;
            w[b] += step;
            cols[a] = ha;
            cols[b] = hb;
            cur = c;
        }
    }
}

/// The widths of a table's columns in an area `width` points wide, text at `size`
/// points: fitted to their content within the template's limits
/// ([`fit_to_content`]), then balanced so that the rows are as short as the
/// content allows ([`balance`]). The one place widths are decided: the PDF's
/// layout and the DOCX writer both use it.
pub fn fitted_widths(ctx: &mut Ctx, t: &Table, width: f32, size: f32) -> Vec<f32> {
    let template = column_widths(&t.columns, width);
    let need = demand(ctx, t, size);
    let mut widths = fit_to_content(&t.columns, template.clone(), &need.columns);
    // A column gives width only down to its widest word, and not below what its
    // template and its content show it was meant to be: a fixed column whose text
    // fits the template's width keeps every line of it whole ("(ปีงบประมาณ ๒๕๗๐)"),
    // and no column goes below SQUEEZE of the template's width for it (or its whole
    // text, when shorter), so that no column ends up breaking after every word.
    let lo: Vec<f32> = (0..widths.len())
        .map(|c| {
            let (mn, mx) = need.columns[c];
            let floor = match t.columns[c] {
                ColumnWidth::Fixed(_) if mx <= template[c] + 0.01 => mx,
                _ => SQUEEZE * template[c],
            };
            mn.max(floor.min(mx))
        })
        .collect();
    let hi: Vec<f32> = t
        .columns
        .iter()
        .zip(&template)
        .map(|(c, &w)| match c {
            ColumnWidth::Fixed(_) => w,
            ColumnWidth::Fraction(_) => f32::MAX,
        })
        .collect();
    // columns below their floor get it, from the room the others have above theirs
    let owed: f32 = (0..widths.len())
        .map(|c| (lo[c] - widths[c]).max(0.0))
        .sum();
    let spare: f32 = (0..widths.len())
        .map(|c| (widths[c] - lo[c]).max(0.0))
        .sum();
    if owed > 0.0 && spare >= owed {
        for c in 0..widths.len() {
            widths[c] = if widths[c] < lo[c] {
                lo[c]
            } else {
                widths[c] - owed * (widths[c] - lo[c]) / spare
            };
        }
    }
    if lo.iter().zip(&widths).all(|(l, w)| *w >= l - 0.01) {
        balance(ctx, t, size, &mut widths, &lo, &hi);
    }
    widths
}

/// Lays out a table: one frag per row.
pub fn layout_table(ctx: &mut Ctx, t: &Table, area: &Area) -> Result<Vec<Frag>, TypesetError> {
    let size = t.size.unwrap_or(area.size);
    let widths = fitted_widths(ctx, t, area.width, size);

    let table_width: f32 = widths.iter().sum();
    let table_x = area.x
        + match t.align {
            TableAlign::Left => 0.0,
            TableAlign::Center => (area.width - table_width) / 2.0,
            TableAlign::Right => area.width - table_width,
        };
    let mut headers: Vec<Frag> = Vec::new();
    let mut body: Vec<Frag> = Vec::new();
    let n_rows = t.rows.len();
    let grouped = t
        .rows
        .iter()
        .any(|r| r.header && r.cells.iter().any(|c| c.rowspan > 1));
    if grouped {
        let geometry = Geometry {
            widths: &widths,
            table_x,
            table_width,
            size,
        };
        headers.push(header_group(ctx, t, area, &geometry)?);
    }
    for (r, row) in t.rows.iter().enumerate() {
        if grouped && row.header {
            continue;
        }
        let mut col = 0;
        let mut cells = Vec::new();
        for cell in &row.cells {
            let span = cell
                .colspan
                .min(widths.len() - col.min(widths.len()))
                .max(1);
            let x = table_x + widths[..col.min(widths.len())].iter().sum::<f32>();
            let width: f32 = widths[col.min(widths.len())..(col + span).min(widths.len())]
                .iter()
                .sum();
            col += span;
            let inner = Area {
                x: x + t.padding,
                width: (width - 2.0 * t.padding).max(10.0),
                size,
                line_height: area.line_height,
            };
            let mut frags = block::layout_blocks(ctx, &cell.blocks, &inner)?;
            if let Some(f) = frags.first_mut() {
                f.space_before = 0.0;
            }
            cells.push(CellBox {
                x,
                width,
                fill: cell.fill,
                valign: cell.valign,
                frags,
            });
        }
        let rowbox = RowBox {
            cells,
            padding: t.padding,
            border: t.border,
            table_x,
            table_width,
            first: r == 0,
            last: r + 1 == n_rows,
        };
        let height = rowbox.height();
        let lead = rowbox.lead();
        let notes = rowbox.notes();
        let frag = Frag {
            height,
            items: rowbox.render(height, false),
            lead,
            notes,
            frame: rowbox.frame(),
            row: (!row.keep_together && !row.header).then(|| Rc::new(rowbox)),
            ..Frag::default()
        };
        if row.header {
            // a continuation marker quotes body words, never a header
            headers.push(Frag {
                lead: String::new(),
                ..frag
            });
        } else {
            body.push(frag);
        }
    }
    block::keep_together(&mut headers);
    let shared = Rc::new(headers.clone());
    for (k, f) in body.iter_mut().enumerate() {
        if !headers.is_empty() {
            f.header = Some(shared.clone());
        }
        if k == 0 && !headers.is_empty() {
            f.keep_with_prev = true;
        }
    }
    headers.extend(body);
    Ok(headers)
}

/// Where a table's columns lie.
struct Geometry<'a> {
    widths: &'a [f32],
    table_x: f32,
    table_width: f32,
    size: f32,
}

/// The header rows of a table with a cell spanning rows (a group header over some
/// columns, the other header cells spanning its rows): one frag. Each row is as
/// tall as its tallest single-row cell; a spanning cell that needs more room
/// makes the last of its rows taller. Every cell draws its own frame.
fn header_group(ctx: &mut Ctx, t: &Table, area: &Area, g: &Geometry) -> Result<Frag, TypesetError> {
    let n_cols = g.widths.len();
    let rows: Vec<&crate::markup::Row> = t.rows.iter().take_while(|r| r.header).collect();
    // (first row, row after the last, laid-out cell)
    let mut placed: Vec<(usize, usize, CellBox)> = Vec::new();
    let mut covered = vec![0usize; n_cols];
    for (r, row) in rows.iter().enumerate() {
        let free: Vec<usize> = (0..n_cols).filter(|&k| covered[k] == 0).collect();
        for n in &mut covered {
            *n = n.saturating_sub(1);
        }
        let mut k = 0;
        for cell in &row.cells {
            let Some(&col) = free.get(k) else { break };
            let span = cell.colspan.min(n_cols - col).max(1);
            k += cell.colspan;
            for c in &mut covered[col..col + span] {
                *c = cell.rowspan - 1;
            }
            let x = g.table_x + g.widths[..col].iter().sum::<f32>();
            let width: f32 = g.widths[col..col + span].iter().sum();
            let inner = Area {
                x: x + t.padding,
                width: (width - 2.0 * t.padding).max(10.0),
                size: g.size,
                line_height: area.line_height,
            };
            let mut frags = block::layout_blocks(ctx, &cell.blocks, &inner)?;
            if let Some(f) = frags.first_mut() {
                f.space_before = 0.0;
            }
            let rowspan = cell.rowspan.min(rows.len() - r).max(1);
            placed.push((
                r,
                r + rowspan,
                CellBox {
                    x,
                    width,
                    fill: cell.fill,
                    valign: cell.valign,
                    frags,
                },
            ));
        }
    }
    let need = |c: &CellBox| c.content_height() + 2.0 * t.padding;
    let mut heights = vec![0.0f32; rows.len()];
    for (r0, r1, c) in &placed {
        if r1 - r0 == 1 {
            heights[*r0] = heights[*r0].max(need(c));
        }
    }
    for (r0, r1, c) in &placed {
        let have: f32 = heights[*r0..*r1].iter().sum();
        if need(c) > have {
            heights[r1 - 1] += need(c) - have;
        }
    }
    let tops: Vec<f32> = heights
        .iter()
        .scan(0.0, |y, h| {
            let top = *y;
            *y += h;
            Some(top)
        })
        .collect();
    let total: f32 = heights.iter().sum();
    let mut items = Vec::new();
    let mut notes = Vec::new();
    let line = |from: (f32, f32), to: (f32, f32)| {
        Draw::Line(LineItem {
            from,
            to,
            width: BORDER_WIDTH,
            dotted: false,
        })
    };
    for (r0, r1, c) in &placed {
        let top = tops[*r0];
        let height: f32 = heights[*r0..*r1].iter().sum();
        let one = RowBox {
            cells: vec![c.clone()],
            padding: t.padding,
            border: Border::None,
            table_x: g.table_x,
            table_width: g.table_width,
            first: false,
            last: false,
        };
        let mut drawn = one.render(height, false);
        let (x0, x1, y1) = (c.x, c.x + c.width, height);
        match t.border {
            Border::All => drawn.extend([
                line((x0, 0.0), (x1, 0.0)),
                line((x0, y1), (x1, y1)),
                line((x0, 0.0), (x0, y1)),
                line((x1, 0.0), (x1, y1)),
            ]),
            Border::Horizontal => {
                drawn.extend([line((x0, 0.0), (x1, 0.0)), line((x0, y1), (x1, y1))])
            }
            Border::Outer | Border::None => {}
        }
        block::translate(&mut drawn, 0.0, top);
        items.extend(drawn);
        notes.extend(one.notes());
    }
    if t.border == Border::Outer {
        let (x0, x1) = (g.table_x, g.table_x + g.table_width);
        items.extend([
            line((x0, 0.0), (x1, 0.0)),
            line((x0, 0.0), (x0, total)),
            line((x1, 0.0), (x1, total)),
        ]);
    }
    Ok(Frag {
        height: total,
        items,
        notes,
        ..Frag::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-row table whose cells hold the given numbers of one-line paragraphs
    /// (no keeps between them, so only the row's own rule decides the cuts).
    fn row(lines: &[usize]) -> RowBox {
        let cells: String = lines
            .iter()
            .map(|&n| {
                let ps: String = (0..n).map(|k| format!("<p>บรรทัดที่ {k}</p>")).collect();
                format!("<cell>{ps}</cell>")
            })
            .collect();
        let columns = vec!["1fr"; lines.len()].join(" ");
        let frags = block::frags_of(&format!(
            r#"<table columns="{columns}"><row>{cells}</row></table>"#
        ));
        assert_eq!(frags.len(), 1);
        let row = frags[0].row.as_deref().expect("a splittable row").clone();
        for (c, &n) in row.cells.iter().zip(lines) {
            assert_eq!(c.frags.len(), n, "one frag per line");
        }
        row
    }

    /// Room for the first `k` lines of the row's tallest cell (and a hair more).
    fn room_for(row: &RowBox, k: usize) -> f32 {
        let tallest = row.cells.iter().max_by_key(|c| c.frags.len()).unwrap();
        let mut h = 2.0 * row.padding + 0.5;
        for (i, f) in tallest.frags.iter().take(k).enumerate() {
            h += f.height + if i > 0 { f.space_before } else { 0.0 };
        }
        h
    }

    fn counts(row: &RowBox) -> Vec<usize> {
        row.cells.iter().map(|c| c.frags.len()).collect()
    }

    #[test]
    fn a_group_header_spans_columns_and_its_neighbours_span_its_rows() {
        let frags = block::frags_of(
            r#"<table columns="1cm 6cm 3cm 3cm 3cm"><row header="true"><cell rowspan="2">ที่</cell><cell rowspan="2">มาตรการ</cell><cell colspan="3">สถานะ</cell></row><row header="true"><cell>แล้ว</cell><cell>กำลังทำ</cell><cell>ยังไม่ทำ</cell></row><row><cell>๑</cell><cell>ก</cell><cell>x</cell><cell/><cell/></row></table>"#,
        );
        assert_eq!(
            frags.len(),
            2,
            "one frag for the header rows, one for the body row"
        );
        let header = &frags[0];
        let runs: Vec<(&str, f32, f32)> = header
            .items
            .iter()
            .filter_map(|i| match i {
                Draw::Glyphs(g) => Some((g.text.as_str(), g.x, g.y)),
                _ => None,
            })
            .collect();
        let at = |t: &str| {
            *runs
                .iter()
                .find(|r| r.0 == t)
                .unwrap_or_else(|| panic!("{t}: {runs:?}"))
        };
        // the group header sits above its three columns, on the first row
        let (_, gx, gy) = at("สถานะ");
        let cm = crate::markup::PT_PER_CM;
        for sub in ["แล้ว", "กำลังทำ", "ยังไม่ทำ"] {
            let (_, x, y) = at(sub);
            assert!(y > gy + 10.0, "{sub} under the group header");
            assert!(x >= gx - 0.5, "{sub} within the group's columns");
        }
        assert!(at("ที่").2 == gy, "the spanning cells start on the first row");
        // the spanning cells' frames run the full header height, with no rule
        // between their two rows
        let lines: Vec<&LineItem> = header
            .items
            .iter()
            .filter_map(|i| match i {
                Draw::Line(l) => Some(l),
                _ => None,
            })
            .collect();
        let x0 = lines
            .iter()
            .map(|l| l.from.0.min(l.to.0))
            .fold(f32::MAX, f32::min);
        let full = |x: f32| {
            lines.iter().any(|l| {
                (l.from.0 - x).abs() < 0.01
                    && (l.to.0 - x).abs() < 0.01
                    && (l.to.1 - l.from.1).abs() > header.height - 0.01
            })
        };
        // the left edge, and the right edges of ที่ and มาตรการ (the latter where
        // the group header starts) run the full height
        assert!(full(x0), "the left edge runs the full height");
        let edges: Vec<f32> = lines
            .iter()
            .filter(|l| (l.from.0 - l.to.0).abs() < 0.01 && full(l.from.0))
            .map(|l| l.from.0)
            .filter(|&x| x > x0 + 1.0 && x <= gx)
            .collect();
        assert!(edges.len() >= 2, "ที่ and มาตรการ framed: {edges:?}");
        let mid = header.height / 2.0;
        let rule_under_number = lines.iter().any(|l| {
            (l.from.1 - l.to.1).abs() < 0.01
                && l.from.1 > 1.0
                && l.from.1 < header.height - 1.0
                && l.from.0.min(l.to.0) < x0 + 0.5 * cm
        });
        assert!(
            !rule_under_number,
            "no rule inside the spanning cell (mid {mid})"
        );
        // the body row still gets the header to repeat
        assert!(frags[1].header.is_some());
    }

    #[test]
    fn a_continuing_cell_keeps_two_lines_on_each_side() {
        let r = row(&[1, 6]);
        // One line of six would stay behind: refused, the row moves whole.
        assert!(r.cut(room_for(&r, 1), SplitRule::Strict).is_none());
        assert!(r.split(room_for(&r, 1)).is_none());
        let (top, rest) = r.cut(room_for(&r, 2), SplitRule::Strict).unwrap();
        assert_eq!((counts(&top), counts(&rest)), (vec![1, 2], vec![0, 4]));
        // Room for five: only four stay, so that two go on.
        let (top, rest) = r.cut(room_for(&r, 5), SplitRule::Strict).unwrap();
        assert_eq!((counts(&top), counts(&rest)), (vec![1, 4], vec![0, 2]));
        // The drawn parts are as tall as their lines.
        let (a, b) = r.split(room_for(&r, 5)).unwrap();
        assert!((a.height - top.height()).abs() < 1e-3 && a.height <= room_for(&r, 5));
        assert!((b.height - rest.height()).abs() < 1e-3);
        assert!(b.row.is_some(), "the rest may split again");
    }

    #[test]
    fn each_part_of_a_split_row_reports_the_warnings_of_its_lines() {
        let cell: String = (0..6)
            .map(|k| {
                if k == 4 {
                    "<p>ขาด ✓ ไป</p>".to_string()
                } else {
                    format!("<p>บรรทัด {k}</p>")
                }
            })
            .collect();
        let frags = block::frags_of(&format!(
            r#"<table columns="1fr"><row><cell>{cell}</cell></row></table>"#
        ));
        assert_eq!(frags[0].notes.len(), 1);
        let r = frags[0].row.as_deref().unwrap();
        let (a, b) = r.split(room_for(r, 2)).unwrap();
        assert!(a.notes.is_empty());
        assert!(matches!(&b.notes[..], [Note::Missing { chars, .. }] if chars == &['✓']));
    }

    #[test]
    fn a_cell_of_fewer_than_four_lines_moves_whole() {
        let r = row(&[3, 8]);
        let (top, rest) = r.cut(room_for(&r, 2), SplitRule::Strict).unwrap();
        assert_eq!((counts(&top), counts(&rest)), (vec![0, 2], vec![3, 6]));
        let (top, rest) = r.cut(room_for(&r, 3), SplitRule::Strict).unwrap();
        assert_eq!((counts(&top), counts(&rest)), (vec![3, 3], vec![0, 5]));
    }

    #[test]
    fn a_row_that_would_only_scatter_its_cells_does_not_split() {
        // The one-line cell fits, the three-line cell must move whole: nothing
        // continues, so there is no split at all.
        let r = row(&[1, 3]);
        assert!(r.cut(room_for(&r, 2), SplitRule::Strict).is_none());
        // Four lines: with room for three, two stay so that two go on; with room
        // for one, none.
        let r = row(&[4]);
        let (top, rest) = r.cut(room_for(&r, 3), SplitRule::Strict).unwrap();
        assert_eq!((counts(&top), counts(&rest)), (vec![2], vec![2]));
        assert!(r.cut(room_for(&r, 1), SplitRule::Strict).is_none());
    }

    #[test]
    fn keeps_between_lines_hold_inside_cells() {
        // One five-line paragraph: its own widow/orphan keeps allow breaks after the
        // second and third lines only.
        let text = "ข้อความทดสอบ ".repeat(40);
        let frags = block::frags_of(&format!(
            r#"<table columns="4cm 1fr"><row><cell>{text}</cell><cell>ก</cell></row></table>"#
        ));
        let r = frags[0].row.as_deref().unwrap().clone();
        let n = r.cells[0].frags.len();
        assert!(n >= 5, "{n} lines");
        let (top, rest) = r.cut(room_for(&r, n - 1), SplitRule::Strict).unwrap();
        assert_eq!(counts(&top)[0], n - 2);
        assert_eq!(counts(&rest)[0], 2);
    }

    #[test]
    fn a_forced_split_takes_what_fits() {
        // Room for one line of five: refused, unless the row cannot move on.
        let r = row(&[5, 2]);
        assert!(r.cut(room_for(&r, 1), SplitRule::Strict).is_none());
        let (top, rest) = r.cut(room_for(&r, 1), SplitRule::Forced).unwrap();
        assert_eq!((counts(&top), counts(&rest)), (vec![1, 0], vec![4, 2]));
        // Where the strict cut exists, forcing changes nothing.
        let strict = r.cut(room_for(&r, 3), SplitRule::Strict).unwrap();
        let forced = r.cut(room_for(&r, 3), SplitRule::Forced).unwrap();
        assert_eq!(counts(&strict.0), counts(&forced.0));
        // No room for any line: no split even when forced.
        assert!(r.cut(2.0 * r.padding + 1.0, SplitRule::Forced).is_none());
    }

    #[test]
    fn outer_frame_is_open_where_the_row_is_cut() {
        let frags = block::frags_of(
            r#"<table columns="1fr" border="outer"><row><cell>ก</cell></row><row><cell><p>ก</p><p>ข</p><p>ค</p><p>ง</p></cell></row><row><cell>จ</cell></row></table>"#,
        );
        let frames: Vec<Frame> = frags.iter().map(|f| f.frame.unwrap()).collect();
        assert!(!frames[0].open_top && frames[0].open_bottom);
        assert!(frames[1].open_top && frames[1].open_bottom);
        assert!(frames[2].open_top && !frames[2].open_bottom);
        let r = frags[1].row.as_deref().unwrap();
        let (a, b) = r.split(room_for(r, 2)).unwrap();
        assert!(a.frame.unwrap().open_bottom && b.frame.unwrap().open_top);
        // The same table inside a cell of a split row is closed on both sides.
        let inner = block::frags_of(&format!(
            r#"<table columns="1fr" border="none"><row><cell>{}</cell></row></table>"#,
            r#"<table columns="1fr" border="outer"><row><cell>ก</cell></row><row><cell>ข</cell></row><row><cell>ค</cell></row><row><cell>ง</cell></row></table>"#
        ));
        let r = inner[0].row.as_deref().unwrap();
        assert_eq!(r.cells[0].frags.len(), 4);
        let rules = |f: &Frag| {
            f.items
                .iter()
                .filter(|d| matches!(d, Draw::Line(l) if (l.from.1 - l.to.1).abs() < 1e-3))
                .count()
        };
        let (a, b) = r.split(room_for(r, 2)).unwrap();
        assert_eq!((rules(&a), rules(&b)), (2, 2));
        // Borders "all" have no frame to close: every row is boxed already.
        let all = block::frags_of(r#"<table columns="1fr"><row><cell>ก</cell></row></table>"#);
        assert!(all[0].frame.is_none());
    }

    #[test]
    fn a_row_leads_with_its_words_not_its_number_and_a_header_never_leads() {
        let frags = block::frags_of(
            r#"<table columns="5cm 1fr 2cm"><row><cell>๘</cell><cell>ตัวชี้วัดที่ ๗ ประสิทธิภาพการสื่อสาร</cell><cell>EIT</cell></row><row><cell>ความเสี่ยงด้านการบริการ</cell><cell>สูง</cell><cell>-</cell></row></table>"#,
        );
        assert_eq!(frags.len(), 2);
        assert!(frags[0].lead.starts_with("ตัวชี้วัดที่ ๗"), "{:?}", frags[0].lead);
        // a first cell with words of its own leads alone
        assert!(frags[1].lead.starts_with("ความเสี่ยง"), "{:?}", frags[1].lead);
        assert!(!frags[1].lead.contains("สูง"), "{:?}", frags[1].lead);
        let frags = block::frags_of(
            r#"<table columns="2cm 1fr"><row header="true"><cell>ที่</cell><cell>ตัวชี้วัด</cell></row><row><cell>๑</cell><cell>การปฏิบัติหน้าที่</cell></row></table>"#,
        );
        assert_eq!(frags[0].lead, "", "a header row never leads");
        assert_eq!(frags[1].lead, "การปฏิบัติหน้าที่");
    }

    #[test]
    fn columns_fit_their_content_within_the_template() {
        let long = "ผลการวิเคราะห์ตามหลักเกณฑ์การประเมินพบว่าหน่วยงานยังเปิดเผยข้อมูลไม่ครบถ้วน ".repeat(4);
        let xml = format!(
            r#"<table columns="4cm 1fr 1fr 4cm"><row><cell>ก</cell><cell>{long}</cell><cell>สั้น ๆ</cell><cell>สำนักปลัด</cell></row></table>"#
        );
        let frags = block::frags_of(&xml);
        let row = frags[0].row.as_deref().expect("a row");
        let w: Vec<f32> = row.cells.iter().map(|c| c.width).collect();
        let cm = crate::markup::PT_PER_CM;
        // the fixed columns give what their words do not need, never more than
        // the template says; the long paragraph gets the room
        assert!(w[0] < 2.0 * cm && w[3] < 4.0 * cm, "{w:?}");
        assert!(w[1] > w[2] && w[1] > 10.0 * cm, "{w:?}");
        let total: f32 = w.iter().sum();
        assert!(
            (total - 16.0 * cm).abs() < 1.0,
            "the table keeps its width: {w:?}"
        );
        // no word is cut: every column holds its widest word
        assert!(
            frags.iter().all(|f| f.notes.is_empty()),
            "{:?}",
            frags[0].notes
        );
    }

    #[test]
    fn fixed_then_fractions() {
        let w = column_widths(
            &[
                ColumnWidth::Fixed(50.0),
                ColumnWidth::Fraction(1.0),
                ColumnWidth::Fraction(3.0),
            ],
            450.0,
        );
        assert_eq!(w, [50.0, 100.0, 300.0]);
    }

    #[test]
    fn too_wide_fixed_columns_are_scaled() {
        let w = column_widths(
            &[ColumnWidth::Fixed(300.0), ColumnWidth::Fixed(300.0)],
            400.0,
        );
        assert!((w[0] - 200.0).abs() < 1e-3 && (w[1] - 200.0).abs() < 1e-3);
    }
}
