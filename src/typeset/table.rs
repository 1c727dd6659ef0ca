//! Tables: column widths (lengths and `fr` shares) → cells laid out as blocks in their
//! columns → one frag per row, with fills, vertical alignment and borders. Header rows
//! are handed to pagination to repeat; a row that does not fit may be split between the
//! lines of its cells ([`RowBox::split`]).

use std::rc::Rc;

use super::block::{self, Area, Frag};
use super::layout::{Item as Draw, LineItem, RectItem};
use super::{Ctx, TypesetError};
use crate::markup::{Border, ColumnWidth, Table, TableAlign, VAlign};

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

    /// Splits the row so that the first part is at most `avail` tall: each cell keeps
    /// the lines that fit (respecting keeps between its lines when it can). `None`
    /// when no line of any cell fits.
    pub fn split(&self, avail: f32) -> Option<(Frag, Frag)> {
        let room = avail - 2.0 * self.padding;
        if room <= 0.0 {
            return None;
        }
        let mut top = self.clone();
        let mut rest = self.clone();
        top.last = false;
        rest.first = false;
        let mut any_taken = false;
        let mut any_left = false;
        for (k, c) in self.cells.iter().enumerate() {
            let mut used = 0.0;
            let mut fit = 0;
            for (i, f) in c.frags.iter().enumerate() {
                let h = f.height + if i > 0 { f.space_before } else { 0.0 };
                if used + h > room + 0.01 {
                    break;
                }
                used += h;
                fit = i + 1;
            }
            // Respect keeps (widows/orphans) when that still leaves something.
            let mut cut = fit;
            while cut > 0 && cut < c.frags.len() && c.frags[cut].keep_with_prev {
                cut -= 1;
            }
            if cut == 0 && fit < c.frags.len() {
                cut = fit;
            }
            any_taken |= cut > 0;
            any_left |= cut < c.frags.len();
            top.cells[k].frags = c.frags[..cut].to_vec();
            rest.cells[k].frags = c.frags[cut..].to_vec();
            if let Some(f) = rest.cells[k].frags.first_mut() {
                f.space_before = 0.0;
            }
        }
        if !any_taken || !any_left {
            return None;
        }
        let h_top = top.height();
        let h_rest = rest.height();
        let lead = rest
            .cells
            .iter()
            .flat_map(|c| c.frags.first())
            .map(|f| f.lead.clone())
            .find(|l| !l.is_empty())
            .unwrap_or_default();
        let a = Frag {
            height: h_top,
            items: top.render(h_top, true),
            ..Frag::default()
        };
        let b = Frag {
            height: h_rest,
            items: rest.render(h_rest, true),
            lead,
            row: Some(Rc::new(rest)),
            ..Frag::default()
        };
        Some((a, b))
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

/// Lays out a table: one frag per row.
pub fn layout_table(ctx: &mut Ctx, t: &Table, area: &Area) -> Result<Vec<Frag>, TypesetError> {
    let widths = column_widths(&t.columns, area.width);
    let table_width: f32 = widths.iter().sum();
    let table_x = area.x
        + match t.align {
            TableAlign::Left => 0.0,
            TableAlign::Center => (area.width - table_width) / 2.0,
            TableAlign::Right => area.width - table_width,
        };
    let size = t.size.unwrap_or(area.size);
    let mut headers: Vec<Frag> = Vec::new();
    let mut body: Vec<Frag> = Vec::new();
    let n_rows = t.rows.len();
    for (r, row) in t.rows.iter().enumerate() {
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
        let lead = rowbox
            .cells
            .iter()
            .flat_map(|c| c.frags.first())
            .map(|f| f.lead.clone())
            .find(|l| !l.is_empty())
            .unwrap_or_default();
        let mut notes = Vec::new();
        for c in &rowbox.cells {
            for f in &c.frags {
                notes.extend(f.notes.iter().cloned());
            }
        }
        let frag = Frag {
            height,
            items: rowbox.render(height, false),
            lead,
            notes,
            row: (!row.keep_together && !row.header).then(|| Rc::new(rowbox)),
            ..Frag::default()
        };
        if row.header {
            headers.push(frag);
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

#[cfg(test)]
mod tests {
    use super::*;

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
