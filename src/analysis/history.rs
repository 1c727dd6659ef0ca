//! Year over year: the assessed year against the latest earlier year of the
//! input's `history` that gives indicator scores, per tool and per indicator.
//!
//! Only what the input gives is compared: an indicator without an earlier score
//! has no row, and a tool has a row only when every one of its indicators has an
//! earlier score (its earlier score is their mean, as the NACC computes it).

use super::{round2, IndicatorView, ToolScores};
use crate::ita::{Tool, YearRules};
use crate::model::Input;
use serde::Serialize;

/// One row of the comparison: a tool or an indicator, then and now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeRow {
    /// The indicator's number (indicator rows).
    pub no: Option<u8>,
    /// The tool (tool rows): "iit", "eit", "oit".
    pub tool: Option<Tool>,
    /// "IIT", "EIT", "OIT", or the indicator's official name.
    pub name: String,
    /// The earlier year's score (two decimals).
    pub previous: f64,
    /// The assessed year's score (two decimals).
    pub current: f64,
    /// `current - previous` (two decimals).
    pub change: f64,
}

/// The assessed year against an earlier one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The earlier year compared with (normally the year before).
    pub previous_year: u16,
    /// True when the earlier year is the year just before the assessed one.
    pub last_year: bool,
    /// IIT, EIT, OIT, where every indicator of the tool has an earlier score.
    pub tools: Vec<ChangeRow>,
    /// The indicators with an earlier score, in order.
    pub indicators: Vec<ChangeRow>,
    /// The (at most three) indicators whose score rose most, largest rise first.
    pub rose: Vec<u8>,
    /// Indicators whose score fell, largest fall first.
    pub fell: Vec<u8>,
}

fn row(no: Option<u8>, tool: Option<Tool>, name: String, prev: f64, now: f64) -> ChangeRow {
    let (previous, current) = (round2(prev), round2(now));
    ChangeRow {
        no,
        tool,
        name,
        previous,
        current,
        change: round2(current - previous),
    }
}

/// The comparison with the latest earlier year that gives indicator scores, if any.
pub fn compare(
    input: &Input,
    rules: &YearRules,
    indicators: &[IndicatorView],
    tools: &ToolScores,
) -> Option<Comparison> {
    let earlier = input
        .history
        .iter()
        .filter(|h| h.year < input.year && !h.indicators.is_empty())
        .max_by_key(|h| h.year)?;
    let indicator_rows: Vec<ChangeRow> = indicators
        .iter()
        .filter_map(|i| {
            let prev = earlier.indicators.get(&i.no)?;
            Some(row(Some(i.no), None, i.name.clone(), *prev, i.score))
        })
        .collect();
    let tool_rows: Vec<ChangeRow> = [Tool::Iit, Tool::Eit, Tool::Oit]
        .into_iter()
        .filter_map(|t| {
            let nos: Vec<u8> = rules
                .indicators
                .iter()
                .filter(|i| i.tool == t)
                .map(|i| i.no)
                .collect();
            let prev: Vec<f64> = nos
                .iter()
                .filter_map(|n| earlier.indicators.get(n).copied())
                .collect();
            if nos.is_empty() || prev.len() != nos.len() {
                return None;
            }
            let mean = prev.iter().sum::<f64>() / prev.len() as f64;
            Some(row(
                None,
                Some(t),
                t.label().to_string(),
                mean,
                tools.get(t)?,
            ))
        })
        .collect();
    let mut rose: Vec<&ChangeRow> = indicator_rows.iter().filter(|r| r.change > 0.0).collect();
    rose.sort_by(|a, b| b.change.total_cmp(&a.change));
    let mut fell: Vec<&ChangeRow> = indicator_rows.iter().filter(|r| r.change < 0.0).collect();
    fell.sort_by(|a, b| a.change.total_cmp(&b.change));
    Some(Comparison {
        previous_year: earlier.year,
        last_year: earlier.year + 1 == input.year,
        rose: rose.iter().take(3).filter_map(|r| r.no).collect(),
        fell: fell.iter().filter_map(|r| r.no).collect(),
        tools: tool_rows,
        indicators: indicator_rows,
    })
}
