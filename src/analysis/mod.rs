//! Everything computed from the input, for the templates and for `check`.
//!
//! [`analyse`] is a pipeline over one year's rules ([`crate::ita`]):
//! tools (means of their indicators) → overall (weighted) → level (the
//! year's rules, saying when a needed score is missing) → indicators (their
//! questions, sub-indicators and recommendations) →
//! ranking, extremes, strengths and weaknesses → tool summaries → history →
//! measures (the input's, or the library's defaults).
//!
//! [`check`] reads a [`Loaded`](crate::model::Loaded) input and lists its
//! inconsistencies as [`Finding`]s; [`check_report`] is the JSON of
//! `itadoc check --format json`.

mod check;
pub mod history;
pub mod library;
pub mod places;
mod text;

pub use check::{
    check, check_report, CheckReport, Code, Finding, ReportFinding, ReportIndicator, Severity,
};

use crate::ita::{self, ItaError, Tool, YearRules};
use crate::model::{Agency, Date, Input, Lang, Status};
use crate::thai::round2;
use library::Library;
use serde::Serialize;
use std::fmt;

/// Scores match when they differ by no more than this (published scores are rounded).
pub const TOLERANCE: f64 = 0.01 + 1e-9;

/// Why an input cannot be analysed.
#[derive(Debug, Clone, PartialEq)]
pub enum AnalysisError {
    /// The year has no rules.
    Year(ItaError),
    /// Indicator scores are missing.
    MissingIndicators(Vec<u8>),
}

impl AnalysisError {
    /// The message in Thai.
    pub fn message_th(&self) -> String {
        match self {
            AnalysisError::Year(e) => e.message_th(),
            AnalysisError::MissingIndicators(v) => format!(
                "ไม่มีคะแนนตัวชี้วัดที่ {}",
                v.iter().map(u8::to_string).collect::<Vec<_>>().join(", ")
            ),
        }
    }

    /// The message in English.
    pub fn message_en(&self) -> String {
        match self {
            AnalysisError::Year(e) => e.message_en(),
            AnalysisError::MissingIndicators(v) => format!(
                "no score for indicator(s) {}",
                v.iter().map(u8::to_string).collect::<Vec<_>>().join(", ")
            ),
        }
    }
}

impl fmt::Display for AnalysisError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_en())
    }
}

impl std::error::Error for AnalysisError {}

/// Tool scores computed from the indicators (two decimals).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ToolScores {
    /// Mean of indicators 1–5.
    pub iit: f64,
    /// Mean of indicators 6–8.
    pub eit: f64,
    /// EIT Public: from the questions' Public scores, else as published.
    pub eit_public: Option<f64>,
    /// EIT Survey: from the questions' Survey scores, else as published.
    pub eit_survey: Option<f64>,
    /// Mean of indicators 9–10.
    pub oit: f64,
    /// True when the EIT parts are means of the questions' Public and Survey
    /// scores (so they are labelled as such), false when published or absent.
    pub eit_parts_from_questions: bool,
}

impl ToolScores {
    /// The score of `tool`, when known.
    pub fn get(&self, tool: Tool) -> Option<f64> {
        match tool {
            Tool::Iit => Some(self.iit),
            Tool::Eit => Some(self.eit),
            Tool::EitPublic => self.eit_public,
            Tool::EitSurvey => self.eit_survey,
            Tool::Oit => Some(self.oit),
        }
    }
}

/// The level and how sure it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Level {
    /// Name of the level (AA…F, ผ่านดีเยี่ยมและบรรลุค่าเป้าหมาย…ไม่ผ่าน).
    pub name: String,
    /// Whether it passes.
    pub pass: bool,
    /// False when a score the rules need is missing, or the rule is inferred.
    pub certain: bool,
    /// Why (Thai).
    pub reason: String,
    /// Why (English).
    pub reason_en: String,
    /// The rule's source note.
    pub source: String,
    /// Whether the rule that gave the level is inferred, not verified.
    pub inferred: bool,
}

/// A recommendation: finding and action.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Recommendation {
    /// Text after "ประเด็น".
    pub finding: Option<String>,
    /// Text after "ดังนั้น หน่วยงานควร".
    pub action: Option<String>,
    /// OIT items cited (o8 …).
    pub refs: Vec<String>,
}

/// One question of an indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionView {
    /// Normalised code.
    pub code: String,
    /// The question, short (library or user text), when known.
    pub text: Option<String>,
    /// Its score (mean of Public and Survey for EIT).
    pub score: Option<f64>,
    /// EIT Public score.
    pub public: Option<f64>,
    /// EIT Survey score.
    pub survey: Option<f64>,
    /// Below the threshold (or listed as low by the source).
    pub below_threshold: bool,
    /// Finding and action, when below the threshold.
    pub recommendation: Option<Recommendation>,
}

/// A sub-indicator (9.1 … 10.2).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SubView {
    /// "9.1".
    pub code: String,
    /// Its name.
    pub name: String,
    /// As published when given, else computed from its questions when all are given.
    pub score: Option<f64>,
    /// As published.
    pub stated: Option<f64>,
    /// Computed from its questions.
    pub computed: Option<f64>,
    /// Its question codes.
    pub questions: Vec<String>,
    /// Below the threshold.
    pub below_threshold: bool,
    /// At or above the threshold, the sentence on keeping the standard.
    pub keep: Option<String>,
    /// Below the threshold, what was found (the text after "ประเด็น").
    pub finding: Option<String>,
    /// Below the threshold, what to do (the text after "หน่วยงานควร").
    pub action: Option<String>,
}

/// One indicator with everything the documents say about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorView {
    /// 1–10.
    pub no: u8,
    /// Official name.
    pub name: String,
    /// "iit", "eit", "oit".
    pub tool: Tool,
    /// Score as given.
    pub score: f64,
    /// Rank (1 = highest; ties share a rank).
    pub rank: usize,
    /// Below the threshold.
    pub below_threshold: bool,
    /// Mean of its questions (IIT, EIT) when all are given.
    pub from_questions: Option<f64>,
    /// Its questions given in the input, in the year's order.
    pub questions: Vec<QuestionView>,
    /// Its sub-indicators.
    pub subindicators: Vec<SubView>,
    /// Keep sentence (at or above, in `action`) or finding and action (below).
    pub recommendation: Recommendation,
}

/// An entry of the ranking.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankEntry {
    /// Indicator number.
    pub no: u8,
    /// Its name.
    pub name: String,
    /// Its score.
    pub score: f64,
    /// Rank; ties share a rank.
    pub rank: usize,
}

/// The highest or lowest score and the indicators at it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Extreme {
    /// The score.
    pub score: f64,
    /// Indicators at it.
    pub indicators: Vec<u8>,
    /// Their names.
    pub names: Vec<String>,
}

/// A low question, across indicators.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LowQuestion {
    /// Code.
    pub code: String,
    /// Indicator.
    pub indicator: Option<u8>,
    /// Score, when given.
    pub score: Option<f64>,
    /// Which part was low for EIT ("public", "survey", or empty).
    pub parts: Vec<String>,
    /// The question's text, when known.
    pub text: Option<String>,
    /// EIT Public score.
    pub public: Option<f64>,
    /// EIT Survey score.
    pub survey: Option<f64>,
    /// Finding and action.
    pub recommendation: Option<Recommendation>,
}

/// What to keep and what to improve in one tool.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ToolSummary {
    /// "iit", "eit", "oit".
    pub tool: Tool,
    /// "IIT" …
    pub abbr: String,
    /// Thai name.
    pub name_th: String,
    /// English name.
    pub name_en: String,
    /// Computed score.
    pub score: f64,
    /// Indicators at or above the threshold.
    pub keep: Vec<u8>,
    /// Indicators below the threshold.
    pub improve: Vec<u8>,
    /// Indicators at or above the threshold but below 95 (the "excellent" bar).
    pub watch: Vec<u8>,
    /// Low questions of the tool.
    pub low_questions: Vec<LowQuestion>,
    /// Sentence on what to keep.
    pub keep_text: Option<String>,
    /// Sentence on what to improve.
    pub improve_text: Option<String>,
}

/// A row of the comparison with earlier years.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryRow {
    /// Fiscal year.
    pub year: u16,
    /// Overall score.
    pub overall: Option<f64>,
    /// Level as published (or computed for the current year).
    pub level: Option<String>,
    /// Change from the previous row with a score.
    pub change: Option<f64>,
    /// True for the year analysed.
    pub current: bool,
}

/// A measure of the plan, completed with defaults.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasureView {
    /// Indicators it addresses.
    pub indicators: Vec<u8>,
    /// Title.
    pub title: String,
    /// Steps.
    pub steps: Vec<String>,
    /// Period as given; `None` leaves the wording to the template (the deadline
    /// when there is one, else the four quarters of the next fiscal year).
    pub period: Option<String>,
    /// Responsible units.
    pub owner: Vec<String>,
    /// Deadline.
    pub deadline: Option<Date>,
    /// Status.
    pub status: Option<Status>,
    /// Status in Thai.
    pub status_th: Option<String>,
    /// Remark.
    pub note: Option<String>,
    /// The analysis behind it, as the input gives it; `None` leaves it to the
    /// template (its indicators' scores and low questions).
    pub analysis: Option<String>,
    /// True when it comes from the library, not the input: the plan lists it,
    /// the progress report does not.
    pub default: bool,
}

/// Everything computed, for the templates (serialised) and for `check`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    /// Fiscal year (BE).
    pub year: u16,
    /// The next fiscal year.
    pub next_year: u16,
    /// The previous fiscal year.
    pub prev_year: u16,
    /// Threshold (settings, default 85).
    pub threshold: f64,
    /// The overall score from which the year's levels pass (85 in every year so
    /// far): the NACC's pass mark, which the documents state; `threshold` is the
    /// user's bar for what needs improving.
    pub pass_mark: f64,
    /// The agency (display fields).
    pub agency: Agency,
    /// Tool scores (two decimals).
    pub tools: ToolScores,
    /// Overall score (two decimals).
    pub overall: f64,
    /// Overall score before rounding.
    pub overall_exact: f64,
    /// The level.
    pub level: Level,
    /// Indicators 1–10.
    pub indicators: Vec<IndicatorView>,
    /// Indicators sorted high → low.
    pub ranking: Vec<RankEntry>,
    /// Highest score.
    pub highest: Extreme,
    /// Lowest score.
    pub lowest: Extreme,
    /// Indicators at or above the threshold, high → low.
    pub strengths: Vec<u8>,
    /// Indicators below the threshold, low → high.
    pub weaknesses: Vec<u8>,
    /// Questions below the threshold (or listed as low).
    pub low_questions: Vec<LowQuestion>,
    /// Per tool.
    pub tool_summaries: Vec<ToolSummary>,
    /// Earlier years and this one.
    pub history: Vec<HistoryRow>,
    /// The change per tool and per indicator against the latest earlier year
    /// whose indicator scores the input gives.
    pub comparison: Option<history::Comparison>,
    /// The plan.
    pub measures: Vec<MeasureView>,
    /// Guideline items for next year (the input's, or the library's).
    pub guidelines: Vec<String>,
    /// Rules used that are inferred, not verified (their source notes).
    pub inferred: Vec<String>,
}

/// Fields of the input that no document prints, each with its path and why, for
/// the terminal: nothing given is dropped silently. (Every other field of the
/// contract is printed somewhere; tests/documents_contract.rs walks them.)
pub fn unused_fields(input: &Input, analysis: &Analysis, lang: Lang) -> Vec<String> {
    let en = lang == Lang::En;
    let mut out = Vec::new();
    let mut say = |path: String, th: &str, en_text: &str| {
        out.push(if en {
            format!("{path}: not printed ({en_text})")
        } else {
            format!("{path}: ไม่ได้พิมพ์ในเอกสาร ({th})")
        });
    };
    let r = &input.recommendations;
    for code in r.questions.keys() {
        if !analysis.low_questions.iter().any(|q| &q.code == code) {
            say(
                format!("recommendations.questions.{code}"),
                "ข้อคำถามนี้ไม่ต่ำกว่าเกณฑ์",
                "the question is not below the threshold",
            );
        }
    }
    for (code, t) in &r.subindicators {
        if t.name.is_some() {
            say(
                format!("recommendations.subindicators.{code}.name"),
                "ชื่อตัวชี้วัดย่อยใช้ตามเกณฑ์ของปี",
                "sub-indicator names follow the year's rules",
            );
        }
        let sub = analysis
            .indicators
            .iter()
            .flat_map(|i| &i.subindicators)
            .find(|s| &s.code == code);
        let below = sub.is_some_and(|s| s.below_threshold);
        if t.keep.is_some() {
            say(
                format!("recommendations.subindicators.{code}.keep"),
                "เอกสารไม่มีข้อความรักษามาตรฐานรายตัวชี้วัดย่อย",
                "no document carries keep sentences per sub-indicator",
            );
        }
        if !below && (t.finding.is_some() || t.action.is_some()) {
            say(
                format!("recommendations.subindicators.{code}"),
                "ตัวชี้วัดย่อยนี้ไม่ต่ำกว่าเกณฑ์หรือไม่มีคะแนน",
                "the sub-indicator is not below the threshold or has no score",
            );
        }
    }
    let planned = |no: u8| analysis.measures.iter().any(|m| m.indicators.contains(&no));
    for (no, t) in &r.indicators {
        if !planned(*no) && (t.keep.is_some() || t.finding.is_some() || t.action.is_some()) {
            say(
                format!("recommendations.indicators.{no}"),
                "ไม่มีมาตรการของตัวชี้วัดนี้ในแผน",
                "the plan has no measure for this indicator",
            );
        }
        let below = analysis
            .indicators
            .iter()
            .any(|i| i.no == *no && i.below_threshold);
        let covered = input
            .plan
            .measures
            .iter()
            .any(|m| m.indicators.contains(no));
        if !t.measures.is_empty() && (covered || (!below && !input.plan.measures.is_empty())) {
            say(
                format!("recommendations.indicators.{no}.measures"),
                "แผนใช้มาตรการที่ระบุไว้ในไฟล์แทน",
                "the plan uses the measures given in the file",
            );
        }
    }
    for (tool, t) in &r.tools {
        let Some(s) = analysis
            .tool_summaries
            .iter()
            .find(|s| s.tool.key() == tool)
        else {
            continue;
        };
        if t.keep.is_some() && s.keep.is_empty() {
            say(
                format!("recommendations.tools.{tool}.keep"),
                "ไม่มีตัวชี้วัดที่ผ่านเกณฑ์ในแบบวัดนี้",
                "no indicator of the tool reaches the threshold",
            );
        }
        if t.improve.is_some() && s.improve.is_empty() {
            say(
                format!("recommendations.tools.{tool}.improve"),
                "ไม่มีตัวชี้วัดที่ต่ำกว่าเกณฑ์ในแบบวัดนี้",
                "no indicator of the tool is below the threshold",
            );
        }
    }
    if !r.guidelines.is_empty() && !input.memo.guidelines.is_empty() {
        say(
            "recommendations.guidelines".to_string(),
            "บันทึกใช้ memo.guidelines แทน",
            "the memo prints memo.guidelines instead",
        );
    }
    let compared = analysis.comparison.as_ref().map(|c| c.previous_year);
    for h in &input.history {
        if !h.indicators.is_empty() && Some(h.year) != compared {
            say(
                format!("history.{}.indicators", h.year),
                "บันทึกเปรียบเทียบรายตัวชี้วัดกับปีล่าสุดก่อนหน้าเท่านั้น",
                "the memo compares indicators with the latest earlier year only",
            );
        }
    }
    out
}

impl Analysis {
    /// Notes for the terminal (and `check`), never printed in a document: a level
    /// the scores given cannot confirm, and questions marked low without a score.
    pub fn notes(&self, lang: Lang) -> Vec<String> {
        let en = lang == Lang::En;
        let mut out = Vec::new();
        if !self.level.certain {
            out.push(if en {
                format!("level \"{}\": {}", self.level.name, self.level.reason_en)
            } else {
                format!("ระดับ \"{}\": {}", self.level.name, self.level.reason)
            });
        }
        let unscored: Vec<String> = self
            .low_questions
            .iter()
            .filter(|q| q.score.is_none() && q.public.is_none() && q.survey.is_none())
            .map(|q| q.code.to_uppercase())
            .collect();
        if !unscored.is_empty() {
            let list = unscored.join(", ");
            out.push(if en {
                format!("questions marked low without a score ({list}): the documents name them without a score")
            } else {
                format!("ข้อคำถามที่ระบุว่าต่ำกว่าเกณฑ์แต่ไม่มีคะแนน ({list}): เอกสารระบุรหัสข้อคำถามโดยไม่พิมพ์คะแนน")
            });
        }
        out
    }
}

fn mean(xs: &[f64]) -> Option<f64> {
    (!xs.is_empty()).then(|| xs.iter().sum::<f64>() / xs.len() as f64)
}

/// Analyses an input.
pub fn analyse(input: &Input) -> Result<Analysis, AnalysisError> {
    let rules = ita::rules(input.year).map_err(AnalysisError::Year)?;
    let missing: Vec<u8> = (1..=10)
        .filter(|n| !input.result.indicators.contains_key(n))
        .collect();
    if !missing.is_empty() {
        return Err(AnalysisError::MissingIndicators(missing));
    }
    let threshold = input.settings.threshold;
    let lib = Library::new(&input.recommendations, rules);

    let tools = tool_scores(input, rules);
    // The NACC publishes tool scores to two decimals and the overall from them:
    // this reproduces seeds 000 (98.85), 002 (92.27) and 003 (78.29).
    let overall_exact = rules.weights.iit * tools.iit
        + rules.weights.eit * tools.eit
        + rules.weights.oit * tools.oit;
    let overall = round2(
        rules.weights.iit * round2(tools.iit)
            + rules.weights.eit * round2(tools.eit)
            + rules.weights.oit * round2(tools.oit),
    );
    let level = level(input, rules, &tools, overall);

    let mut indicators: Vec<IndicatorView> = rules
        .indicators
        .iter()
        .map(|ind| indicator(input, rules, &lib, ind, threshold))
        .collect();
    let ranking = rank(&mut indicators);
    let extreme = |best: bool| {
        let score = indicators.iter().map(|i| round2(i.score)).fold(
            if best { f64::MIN } else { f64::MAX },
            |a, b| {
                if best {
                    a.max(b)
                } else {
                    a.min(b)
                }
            },
        );
        let at: Vec<&IndicatorView> = indicators
            .iter()
            .filter(|i| round2(i.score) == score)
            .collect();
        Extreme {
            score,
            indicators: at.iter().map(|i| i.no).collect(),
            names: at.iter().map(|i| i.name.clone()).collect(),
        }
    };
    let (highest, lowest) = (extreme(true), extreme(false));
    let strengths: Vec<u8> = ranking
        .iter()
        .filter(|r| r.score >= threshold)
        .map(|r| r.no)
        .collect();
    let weaknesses: Vec<u8> = ranking
        .iter()
        .rev()
        .filter(|r| r.score < threshold)
        .map(|r| r.no)
        .collect();
    let low_questions: Vec<LowQuestion> = indicators
        .iter()
        .flat_map(|i| {
            i.questions
                .iter()
                .filter(|q| q.below_threshold)
                .map(move |q| (i.no, q))
        })
        .map(|(no, q)| low_question(input, no, q, threshold))
        .collect();
    let tool_summaries = [Tool::Iit, Tool::Eit, Tool::Oit]
        .into_iter()
        .map(|t| {
            tool_summary(
                rules,
                &lib,
                &indicators,
                &low_questions,
                &tools,
                t,
                threshold,
            )
        })
        .collect();
    let history = history(input, overall, &level);
    let comparison = history::compare(input, rules, &indicators, &tools);
    let measures = measures(input, &lib, &indicators);
    let guidelines = if input.memo.guidelines.is_empty() {
        lib.guidelines()
    } else {
        input
            .memo
            .guidelines
            .iter()
            .map(|g| text::fill_years(g, input.year))
            .collect()
    };
    let mut inferred: Vec<String> = Vec::new();
    for (note, is_inferred) in [
        (&rules.weights_source, rules.weights_inferred),
        (&level.source, level.inferred),
    ] {
        if is_inferred && !inferred.contains(note) {
            inferred.push(note.clone());
        }
    }
    if !rules.questions_complete {
        inferred.push(format!(
            "I: question set {} ({}): {}",
            rules.question_set,
            [Tool::Iit, Tool::Eit, Tool::Oit]
                .map(|t| format!("{} {}", t.label(), rules.confidence_of(t).key()))
                .join(", "),
            rules.questions_source
        ));
    }
    if let Some(from) = rules.assumed_from {
        inferred.push(format!(
            "I: the rules of {from} are used for {}",
            rules.year
        ));
    }
    Ok(Analysis {
        year: input.year,
        next_year: input.year + 1,
        prev_year: input.year - 1,
        threshold,
        pass_mark: rules
            .levels
            .iter()
            .filter(|r| r.pass)
            .map(|r| r.overall)
            .fold(f64::MAX, f64::min),
        agency: input.agency.clone(),
        tools: tools.rounded(),
        overall,
        overall_exact,
        level,
        indicators,
        ranking,
        highest,
        lowest,
        strengths,
        weaknesses,
        low_questions,
        tool_summaries,
        history,
        comparison,
        measures,
        guidelines,
        inferred,
    })
}

/// Tool scores from the indicators; EIT parts from the questions when all are given.
fn tool_scores(input: &Input, rules: &YearRules) -> ToolScores {
    let of = |tool: Tool| -> f64 {
        let xs: Vec<f64> = rules
            .indicators
            .iter()
            .filter(|i| i.tool == tool)
            .filter_map(|i| input.result.indicators.get(&i.no).copied())
            .collect();
        mean(&xs).unwrap_or(0.0)
    };
    let eit_questions: Vec<&str> = rules
        .questions
        .iter()
        .filter(|q| q.tool == Tool::Eit)
        .map(|q| q.code.as_str())
        .collect();
    let part = |public: bool| -> Option<f64> {
        if eit_questions.is_empty() || !rules.eit_parts {
            return None;
        }
        let xs: Vec<f64> = eit_questions
            .iter()
            .filter_map(|c| input.result.questions.get(*c))
            .filter_map(|q| if public { q.public } else { q.survey })
            .collect();
        (xs.len() == eit_questions.len())
            .then(|| mean(&xs))
            .flatten()
    };
    let stated = &input.result.tools;
    let (public, survey) = (part(true), part(false));
    ToolScores {
        iit: of(Tool::Iit),
        eit: of(Tool::Eit),
        eit_parts_from_questions: public.is_some() && survey.is_some(),
        eit_public: public.or(stated.eit_public),
        eit_survey: survey.or(stated.eit_survey),
        oit: of(Tool::Oit),
    }
}

impl ToolScores {
    /// The same scores rounded to two decimals, as published.
    pub fn rounded(&self) -> ToolScores {
        ToolScores {
            iit: round2(self.iit),
            eit: round2(self.eit),
            eit_public: self.eit_public.map(round2),
            eit_survey: self.eit_survey.map(round2),
            oit: round2(self.oit),
            eit_parts_from_questions: self.eit_parts_from_questions,
        }
    }
}

/// Applies the year's level rules, three-valued: a rule whose tool score is
/// unknown is "maybe"; the level is certain only when no earlier rule is "maybe".
fn level(input: &Input, rules: &YearRules, tools: &ToolScores, overall: f64) -> Level {
    let holds = |rule: &ita::LevelRule, assume_parts: bool| -> Option<bool> {
        if round2(overall) < rule.overall {
            return Some(false);
        }
        // EIT is the mean of its two parts: a missing part follows from the other,
        // and two parts that must both reach a minimum cannot when their mean does not.
        let both_parts = [Tool::EitPublic, Tool::EitSurvey]
            .iter()
            .all(|p| rule.tools.iter().any(|(t, _)| t == p));
        if both_parts && tools.eit_public.is_none() && tools.eit_survey.is_none() {
            let min = rule
                .tools
                .iter()
                .filter(|(t, _)| matches!(t, Tool::EitPublic | Tool::EitSurvey))
                .map(|(_, m)| *m)
                .fold(f64::MIN, f64::max);
            if round2(tools.eit) < min {
                return Some(false);
            }
        }
        let mut unknown = false;
        for (tool, min) in &rule.tools {
            let derived = match tool {
                Tool::EitPublic => tools.eit_survey.map(|o| 2.0 * tools.eit - o),
                Tool::EitSurvey => tools.eit_public.map(|o| 2.0 * tools.eit - o),
                _ => None,
            };
            let v = tools.get(*tool).or(derived).or_else(|| {
                (assume_parts && matches!(tool, Tool::EitPublic | Tool::EitSurvey))
                    .then_some(tools.eit)
            });
            match v {
                Some(v) if round2(v) < *min => return Some(false),
                Some(_) => {}
                None => unknown = true,
            }
        }
        if unknown {
            None
        } else {
            Some(true)
        }
    };
    let mut possible: Vec<&ita::LevelRule> = Vec::new();
    let mut decided: Option<&ita::LevelRule> = None;
    for r in &rules.levels {
        match holds(r, false) {
            Some(true) => {
                decided = Some(r);
                break;
            }
            None => possible.push(r),
            Some(false) => {}
        }
    }
    let Some(first_true) = decided else {
        // The last rule has no conditions beyond overall ≥ 0; unreachable with valid data.
        let last = rules.levels.last();
        return Level {
            name: last.map(|r| r.name.clone()).unwrap_or_default(),
            pass: false,
            certain: false,
            reason: "ไม่สามารถกำหนดระดับจากกฎของปีนี้ได้".into(),
            reason_en: "no level rule of the year applies".into(),
            source: String::new(),
            inferred: false,
        };
    };
    let inferred = first_true.inferred;
    if possible.is_empty() {
        return Level {
            name: first_true.name.clone(),
            pass: first_true.pass,
            certain: !inferred,
            reason: if inferred {
                format!("ตามเกณฑ์ที่อนุมานไว้ ({})", first_true.source)
            } else {
                format!("ตามเกณฑ์ปีงบประมาณ พ.ศ. {}", rules.year)
            },
            reason_en: if inferred {
                format!("by an inferred rule ({})", first_true.source)
            } else {
                format!("by the rules of fiscal year {}", rules.year)
            },
            source: first_true.source.clone(),
            inferred: first_true.inferred,
        };
    }
    possible.push(first_true);
    // Prefer the published level when the data allow it; else assume the EIT
    // parts equal the EIT score.
    let stated = input
        .result
        .level
        .as_deref()
        .and_then(|s| possible.iter().find(|r| r.name == s.trim()));
    let chosen = stated.copied().unwrap_or_else(|| {
        rules
            .levels
            .iter()
            .find(|r| holds(r, true) == Some(true))
            .unwrap_or(first_true)
    });
    let missing: Vec<&str> = possible
        .iter()
        .flat_map(|r| r.tools.iter())
        .filter(|(t, _)| tools.get(*t).is_none())
        .map(|(t, _)| t.label())
        .fold(Vec::new(), |mut v, l| {
            if !v.contains(&l) {
                v.push(l);
            }
            v
        });
    let how_th = if stated.is_some() {
        "ใช้ระดับที่ประกาศซึ่งสอดคล้องกับข้อมูล"
    } else {
        "ประมาณโดยถือว่าคะแนน EIT แต่ละส่วนเท่ากับคะแนน EIT รวม"
    };
    let how_en = if stated.is_some() {
        "the published level, which the data allow, is used"
    } else {
        "estimated by taking each EIT part to equal the EIT score"
    };
    Level {
        name: chosen.name.clone(),
        pass: chosen.pass,
        certain: false,
        reason: format!(
            "ไม่มีคะแนน {} จึงยืนยันระดับไม่ได้แน่นอน {}",
            missing.join(", "),
            how_th
        ),
        reason_en: format!(
            "no score for {}, so the level cannot be confirmed; {}",
            missing.join(", "),
            how_en
        ),
        source: chosen.source.clone(),
        inferred: chosen.inferred,
    }
}

fn indicator(
    input: &Input,
    rules: &YearRules,
    lib: &Library,
    ind: &ita::Indicator,
    threshold: f64,
) -> IndicatorView {
    let score = input.result.indicators.get(&ind.no).copied().unwrap_or(0.0);
    let below = round2(score) < threshold;
    let questions: Vec<QuestionView> = rules
        .questions_of(ind.no)
        .filter_map(|q| input.result.questions.get(&q.code).map(|s| (q, s)))
        .map(|(q, s)| {
            let value = s.value().map(round2);
            let low = s.low
                || s.low_public
                || s.low_survey
                || value.is_some_and(|v| v < threshold)
                || s.public.is_some_and(|v| round2(v) < threshold)
                || s.survey.is_some_and(|v| round2(v) < threshold);
            let t = lib.question(&q.code);
            QuestionView {
                code: q.code.clone(),
                text: t.text.clone(),
                score: value,
                public: s.public,
                survey: s.survey,
                below_threshold: low,
                recommendation: low.then(|| Recommendation {
                    finding: t.finding.clone(),
                    action: t.action.clone(),
                    refs: t.refs.clone(),
                }),
            }
        })
        .collect();
    let all_codes: Vec<&str> = rules
        .questions_of(ind.no)
        .map(|q| q.code.as_str())
        .collect();
    let from_questions = if ind.tool != Tool::Oit
        && !all_codes.is_empty()
        && questions.len() == all_codes.len()
        && questions.iter().all(|q| q.score.is_some())
    {
        let xs: Vec<f64> = all_codes
            .iter()
            .filter_map(|c| input.result.questions.get(*c).and_then(|s| s.value()))
            .collect();
        mean(&xs)
    } else {
        None
    };
    let subindicators = ind
        .subindicators
        .iter()
        .map(|sub| {
            let codes: Vec<String> = rules
                .questions
                .iter()
                .filter(|q| q.sub.as_deref() == Some(&sub.code))
                .map(|q| q.code.clone())
                .collect();
            let xs: Vec<f64> = codes
                .iter()
                .filter_map(|c| input.result.questions.get(c).and_then(|s| s.value()))
                .collect();
            let computed = (xs.len() == codes.len()).then(|| mean(&xs)).flatten();
            let stated = input.result.subindicators.get(&sub.code).copied();
            // The stated figure wins: the NACC's item tables are the unreliable part
            // (ita-framework.md, seed 002); `check` warns about a mismatch.
            let score = stated.or(computed);
            let below = score.is_some_and(|s| round2(s) < threshold);
            let t = lib.subindicator(&sub.code);
            SubView {
                code: sub.code.clone(),
                name: sub.name.clone(),
                score: score.map(round2),
                stated,
                computed: computed.map(round2),
                questions: codes,
                below_threshold: below,
                keep: if below { None } else { t.keep },
                finding: if below { t.finding } else { None },
                action: if below { t.action } else { None },
            }
        })
        .collect();
    let t = lib.indicator(ind.no);
    let recommendation = if below {
        Recommendation {
            finding: t.finding.clone(),
            action: t.action.clone(),
            refs: Vec::new(),
        }
    } else {
        Recommendation {
            finding: None,
            action: t.keep.clone(),
            refs: Vec::new(),
        }
    };
    IndicatorView {
        no: ind.no,
        name: ind.name.clone(),
        tool: ind.tool,
        score,
        rank: 0,
        below_threshold: below,
        from_questions: from_questions.map(round2),
        questions,
        subindicators,
        recommendation,
    }
}

/// Ranks indicators high → low; equal scores (to two decimals) share a rank.
fn rank(indicators: &mut [IndicatorView]) -> Vec<RankEntry> {
    let mut order: Vec<(u8, f64, String)> = indicators
        .iter()
        .map(|i| (i.no, round2(i.score), i.name.clone()))
        .collect();
    order.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let entries: Vec<RankEntry> = order
        .iter()
        .map(|(no, score, name)| RankEntry {
            no: *no,
            name: name.clone(),
            score: *score,
            rank: 1 + order.iter().filter(|o| o.1 > *score).count(),
        })
        .collect();
    for i in indicators.iter_mut() {
        if let Some(e) = entries.iter().find(|e| e.no == i.no) {
            i.rank = e.rank;
        }
    }
    entries
}

fn low_question(input: &Input, no: u8, q: &QuestionView, threshold: f64) -> LowQuestion {
    let s = input
        .result
        .questions
        .get(&q.code)
        .copied()
        .unwrap_or_default();
    let mut parts = Vec::new();
    if s.low_public || s.public.is_some_and(|v| round2(v) < threshold) {
        parts.push("public".to_string());
    }
    if s.low_survey || s.survey.is_some_and(|v| round2(v) < threshold) {
        parts.push("survey".to_string());
    }
    LowQuestion {
        code: q.code.clone(),
        indicator: Some(no),
        score: q.score,
        parts,
        text: q.text.clone(),
        public: q.public,
        survey: q.survey,
        recommendation: q.recommendation.clone(),
    }
}

fn tool_summary(
    rules: &YearRules,
    lib: &Library,
    indicators: &[IndicatorView],
    low: &[LowQuestion],
    tools: &ToolScores,
    tool: Tool,
    threshold: f64,
) -> ToolSummary {
    let of: Vec<&IndicatorView> = indicators.iter().filter(|i| i.tool == tool).collect();
    let keep: Vec<u8> = of
        .iter()
        .filter(|i| !i.below_threshold)
        .map(|i| i.no)
        .collect();
    let improve: Vec<u8> = of
        .iter()
        .filter(|i| i.below_threshold)
        .map(|i| i.no)
        .collect();
    let watch: Vec<u8> = of
        .iter()
        .filter(|i| !i.below_threshold && round2(i.score) < 95.0_f64.max(threshold))
        .map(|i| i.no)
        .collect();
    let info = rules.tool_info(tool);
    let t = lib.tool(tool.key());
    ToolSummary {
        tool,
        abbr: info.map(|i| i.abbr.clone()).unwrap_or_default(),
        name_th: info.map(|i| i.name_th.clone()).unwrap_or_default(),
        name_en: info.map(|i| i.name_en.clone()).unwrap_or_default(),
        score: round2(tools.get(tool).unwrap_or(0.0)),
        low_questions: low
            .iter()
            .filter(|q| of.iter().any(|i| Some(i.no) == q.indicator))
            .cloned()
            .collect(),
        keep_text: (!keep.is_empty())
            .then(|| t.keep.map(|k| text::fill_years(&k, rules.year)))
            .flatten(),
        improve_text: (!improve.is_empty())
            .then(|| t.improve.map(|k| text::fill_years(&k, rules.year)))
            .flatten(),
        keep,
        improve,
        watch,
    }
}

fn history(input: &Input, overall: f64, level: &Level) -> Vec<HistoryRow> {
    let mut rows: Vec<HistoryRow> = input
        .history
        .iter()
        .filter(|h| h.year != input.year)
        .map(|h| HistoryRow {
            year: h.year,
            overall: h.overall,
            level: h.level.clone(),
            change: None,
            current: false,
        })
        .collect();
    rows.push(HistoryRow {
        year: input.year,
        overall: Some(overall),
        level: Some(level.name.clone()),
        change: None,
        current: true,
    });
    rows.sort_by_key(|r| r.year);
    let mut prev: Option<f64> = None;
    for r in rows.iter_mut() {
        if let (Some(p), Some(o)) = (prev, r.overall) {
            r.change = Some(round2(o - p));
        }
        if r.overall.is_some() {
            prev = r.overall;
        }
    }
    rows
}

fn measures(input: &Input, lib: &Library, indicators: &[IndicatorView]) -> Vec<MeasureView> {
    let years = |t: &str| text::fill_years(t, input.year);
    let given: Vec<MeasureView> = input
        .plan
        .measures
        .iter()
        .map(|m| MeasureView {
            indicators: m.indicators.clone(),
            title: years(&m.title),
            steps: m.steps.iter().map(|s| years(s)).collect(),
            period: m.period.as_deref().map(years),
            owner: m.owner.clone(),
            deadline: m.deadline,
            status: m.status,
            status_th: m.status.map(|s| s.thai().to_string()),
            note: m.note.as_deref().map(years),
            analysis: m.analysis.as_deref().map(years),
            default: false,
        })
        .collect();
    // The library's first measure for every indicator that needs one: all of them
    // when the input has no plan, else those below the threshold that no measure
    // of the input addresses (a weakness is never left without a measure).
    let covered = |no: u8| given.iter().any(|m| m.indicators.contains(&no));
    let defaults: Vec<MeasureView> = indicators
        .iter()
        .filter(|i| given.is_empty() || (i.below_threshold && !covered(i.no)))
        .flat_map(|i| {
            lib.indicator(i.no)
                .measures
                .into_iter()
                .take(1)
                .map(move |d| (i, d))
        })
        .map(|(i, d)| MeasureView {
            indicators: vec![i.no],
            title: d.title,
            steps: d.steps,
            period: d.period,
            owner: d.owner,
            deadline: None,
            status: None,
            status_th: None,
            note: None,
            analysis: None,
            default: true,
        })
        .collect();
    given.into_iter().chain(defaults).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_is_on_the_decimal_value() {
        assert_eq!(round2(98.855), 98.86);
        assert_eq!(round2(92.268), 92.27);
        assert_eq!(round2(86.875), 86.88);
        assert_eq!(round2(-0.005), -0.01);
    }
}
