//! `itadoc check`: the inconsistencies of an input, each with a severity, a
//! stable code, a message in Thai and English, and the line it concerns.
//!
//! The checks run as a pipeline over the loaded input: the loader's own
//! warnings → the year → score ranges and missing indicators → question codes
//! of the year → stated against computed scores and level → names and places
//! in free text → dates against the fiscal year and the plan → digits, script,
//! numbering and spelling in free text.
//!
//! One file per family of checks: [`scores`] (ranges and stated against
//! computed), [`vocabulary`] (question codes and indicator names of the year),
//! [`agency`] (names and places), [`dates`], [`text`] (digits, script,
//! numbering, spelling); [`report`] is the JSON of `--format json`.

mod agency;
mod dates;
mod report;
mod scores;
mod text;
mod vocabulary;

pub use report::{check_report, CheckReport, ReportFinding, ReportIndicator};

use super::analyse;
use crate::ita;
use crate::model::{Lang, Loaded};
use agency::{names_in_text, places_check};
use dates::dates;
use scores::{history, ranges, stated_vs_computed};
use serde::Serialize;
use text::text_checks;
use vocabulary::{indicator_names, question_codes, subindicator_codes};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The data contradict themselves or the rules (exit status 1).
    Error,
    /// Probably wrong; worth a look.
    Warning,
    /// For information (a repair made, a rule that could not be confirmed).
    Info,
}

/// The stable code of a finding; printed (and serialised) in kebab-case, e.g.
/// `overall-mismatch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// The year has no rules.
    UnsupportedYear,
    /// A year after the last one with known rules: that year's rules are used.
    YearRulesAssumed,
    /// A score outside 0-100.
    ScoreOutOfRange,
    /// An indicator without a score.
    MissingIndicator,
    /// The year's question codes are not recorded, so the input's were not checked.
    QuestionsNotChecked,
    /// A question code the year does not have.
    UnknownQuestion,
    /// A stated sub-indicator the year does not have (or whose sub-indicators are
    /// not known): its score is not used.
    UnknownSubindicator,
    /// An indicator named otherwise than officially (in `result.names` or in free text).
    IndicatorName,
    /// The stated overall score differs from the computed one.
    OverallMismatch,
    /// A stated tool score differs from the mean of its indicators or questions.
    ToolMismatch,
    /// The stated level does not follow the year's rules.
    LevelMismatch,
    /// The level cannot be confirmed (a score it needs is missing).
    LevelUncertain,
    /// A stated sub-indicator score differs from the mean of its questions.
    SubindicatorMismatch,
    /// An indicator score differs from the mean of its questions.
    IndicatorQuestionsMismatch,
    /// An earlier year not before the assessed one, or given twice.
    HistoryYear,
    /// An earlier year's level that does not fit its overall score.
    HistoryLevelMismatch,
    /// Free text names another agency.
    OtherAgencyName,
    /// Free text spells the agency's own name slightly differently.
    AgencyNameTypo,
    /// No province of that name.
    UnknownProvince,
    /// No district of that name in the province.
    UnknownDistrict,
    /// Free text names another district than `agency.district`.
    DistrictConflict,
    /// Free text names another province than `agency.province`.
    ProvinceConflict,
    /// A date outside the years it can fall in.
    DateOutsideYear,
    /// A deadline before the date of the memo that sets the plan.
    DeadlineBeforeMemo,
    /// A measure past its deadline at the report date and not done.
    Overdue,
    /// A measure marked done at a report date before it could start.
    DoneBeforeStart,
    /// A measure's period that does not name the plan's fiscal year.
    PeriodYear,
    /// Items of one list numbered in different styles.
    NumberingStyle,
    /// A number mixing Thai and Arabic digits (from the loader or in free text).
    MixedDigits,
    /// An Arabic letter inside Thai text.
    ForeignScript,
    /// A common misspelling.
    Typo,
    /// An announcement cited with a date in another fiscal year than its results.
    AnnouncementYear,
    /// (Loader) a Christian-era year read as a Buddhist-era one.
    ChristianEraYear,
    /// (Loader) a reference to a question code that cannot be read.
    BadQuestionRef,
    /// (Loader) a question code spelt otherwise, read with certainty.
    QuestionCodeSpelling,
    /// (Loader) scores written in Thai digits, read.
    ThaiDigits,
    /// (Loader) invisible or decomposed characters repaired in a text.
    TextRepaired,
    /// (Loader) a warning of the loader without a code of its own here; its
    /// message says what it is.
    InputWarning,
}

impl Code {
    /// Every code, in the order of the checks.
    pub const ALL: [Code; 38] = [
        Code::UnsupportedYear,
        Code::YearRulesAssumed,
        Code::ScoreOutOfRange,
        Code::MissingIndicator,
        Code::QuestionsNotChecked,
        Code::UnknownQuestion,
        Code::UnknownSubindicator,
        Code::IndicatorName,
        Code::OverallMismatch,
        Code::ToolMismatch,
        Code::LevelMismatch,
        Code::LevelUncertain,
        Code::SubindicatorMismatch,
        Code::IndicatorQuestionsMismatch,
        Code::HistoryYear,
        Code::HistoryLevelMismatch,
        Code::OtherAgencyName,
        Code::AgencyNameTypo,
        Code::UnknownProvince,
        Code::UnknownDistrict,
        Code::DistrictConflict,
        Code::ProvinceConflict,
        Code::DateOutsideYear,
        Code::DeadlineBeforeMemo,
        Code::Overdue,
        Code::DoneBeforeStart,
        Code::PeriodYear,
        Code::NumberingStyle,
        Code::MixedDigits,
        Code::ForeignScript,
        Code::Typo,
        Code::AnnouncementYear,
        Code::ChristianEraYear,
        Code::BadQuestionRef,
        Code::QuestionCodeSpelling,
        Code::ThaiDigits,
        Code::TextRepaired,
        Code::InputWarning,
    ];

    /// The code as printed, e.g. `overall-mismatch`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::UnsupportedYear => "unsupported-year",
            Code::YearRulesAssumed => "year-rules-assumed",
            Code::ScoreOutOfRange => "score-out-of-range",
            Code::MissingIndicator => "missing-indicator",
            Code::QuestionsNotChecked => "questions-not-checked",
            Code::UnknownQuestion => "unknown-question",
            Code::UnknownSubindicator => "unknown-subindicator",
            Code::IndicatorName => "indicator-name",
            Code::OverallMismatch => "overall-mismatch",
            Code::ToolMismatch => "tool-mismatch",
            Code::LevelMismatch => "level-mismatch",
            Code::LevelUncertain => "level-uncertain",
            Code::SubindicatorMismatch => "subindicator-mismatch",
            Code::IndicatorQuestionsMismatch => "indicator-questions-mismatch",
            Code::HistoryYear => "history-year",
            Code::HistoryLevelMismatch => "history-level-mismatch",
            Code::OtherAgencyName => "other-agency-name",
            Code::AgencyNameTypo => "agency-name-typo",
            Code::UnknownProvince => "unknown-province",
            Code::UnknownDistrict => "unknown-district",
            Code::DistrictConflict => "district-conflict",
            Code::ProvinceConflict => "province-conflict",
            Code::DateOutsideYear => "date-outside-year",
            Code::DeadlineBeforeMemo => "deadline-before-memo",
            Code::Overdue => "overdue",
            Code::DoneBeforeStart => "done-before-start",
            Code::PeriodYear => "period-year",
            Code::NumberingStyle => "numbering-style",
            Code::MixedDigits => "mixed-digits",
            Code::ForeignScript => "foreign-script",
            Code::Typo => "typo",
            Code::AnnouncementYear => "announcement-year",
            Code::ChristianEraYear => "christian-era-year",
            Code::BadQuestionRef => "bad-question-ref",
            Code::QuestionCodeSpelling => "question-code-spelling",
            Code::ThaiDigits => "thai-digits",
            Code::TextRepaired => "text-repaired",
            Code::InputWarning => "input-warning",
        }
    }

    /// The code of a loader warning (`model::Diagnostic::code`): its own code
    /// when it has one, else [`Code::InputWarning`].
    fn of_loader(code: &str) -> Code {
        Code::ALL
            .into_iter()
            .find(|c| c.as_str() == code)
            .unwrap_or(Code::InputWarning)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Severity.
    pub severity: Severity,
    /// Stable code.
    pub code: Code,
    /// Message in Thai.
    pub message_th: String,
    /// Message in English.
    pub message_en: String,
    /// 1-based line in the input, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
}

impl Finding {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Th => &self.message_th,
            Lang::En => &self.message_en,
        }
    }
}

struct Out<'a> {
    loaded: &'a Loaded,
    list: Vec<Finding>,
}

impl Out<'_> {
    fn add(&mut self, severity: Severity, code: Code, path: &str, th: String, en: String) {
        let pos = self.loaded.spans.get(path);
        self.push(Finding {
            severity,
            code,
            message_th: th,
            message_en: en,
            line: pos.map(|p| p.0),
            column: pos.map(|p| p.1),
        });
    }

    /// Adds a finding unless the same one (code, place and message) is already
    /// listed: a text naming the same other agency twice gives one finding.
    fn push(&mut self, f: Finding) {
        let same = |g: &Finding| {
            g.code == f.code
                && g.line == f.line
                && g.column == f.column
                && g.message_en == f.message_en
        };
        if !self.list.iter().any(same) {
            self.list.push(f);
        }
    }
}

/// Every finding about a loaded input, sorted by line.
pub fn check(loaded: &Loaded) -> Vec<Finding> {
    let mut out = Out {
        loaded,
        list: Vec::new(),
    };
    let input = &loaded.input;
    loader_warnings(&mut out);
    let rules = match ita::rules(input.year) {
        Ok(r) => {
            if let Some(from) = r.assumed_from {
                out.add(
                    Severity::Warning,
                    Code::YearRulesAssumed,
                    "year",
                    format!(
                        "ยังไม่มีหลักเกณฑ์การประเมินของปีงบประมาณ {} ในโปรแกรม จึงใช้หลักเกณฑ์ ข้อคำถาม และระดับผลการประเมินของปี {from} ซึ่งเป็นปีล่าสุดที่ทราบ ควรตรวจสอบกับคู่มือการประเมินของปี {} เมื่อสำนักงาน ป.ป.ช. เผยแพร่",
                        input.year, input.year
                    ),
                    format!(
                        "the rules of fiscal year {} are not known yet: the questions, weights and levels of {from}, the last known year, are used; check them against the {} manual once the NACC publishes it",
                        input.year, input.year
                    ),
                );
            }
            Some(r)
        }
        Err(e) => {
            out.add(
                Severity::Error,
                Code::UnsupportedYear,
                "year",
                e.message_th(),
                e.message_en(),
            );
            None
        }
    };
    ranges(&mut out, input);
    if let Some(rules) = rules {
        question_codes(&mut out, input, rules);
        subindicator_codes(&mut out, input, rules);
        indicator_names(&mut out, input, rules);
        if let Ok(a) = analyse(input) {
            stated_vs_computed(&mut out, input, &a);
        }
    }
    history(&mut out, input);
    names_in_text(&mut out, input);
    places_check(&mut out, input);
    dates(&mut out, input);
    text_checks(&mut out);
    out.list
        .sort_by_key(|f| (f.line.unwrap_or(0), f.column.unwrap_or(0)));
    out.list
}

/// The loader's warnings, once each. Repairs the loader made with certainty (a
/// question code spelt "E๔" or "๐๑๔" read as e4 / o14, scores in Thai digits,
/// invisible characters removed) are information; a number mixing Thai and
/// Arabic digits, or a Christian-era year taken for a Buddhist-era one, is a
/// warning. The loader's warnings are only reported here: no check below
/// repeats them.
fn loader_warnings(out: &mut Out) {
    for w in &out.loaded.warnings {
        let code = Code::of_loader(&w.code);
        let severity = match code {
            Code::MixedDigits | Code::ChristianEraYear | Code::BadQuestionRef => Severity::Warning,
            _ => Severity::Info,
        };
        out.push(Finding {
            severity,
            code,
            message_th: w.message_th.clone(),
            message_en: w.message_en.clone(),
            line: Some(w.line),
            column: Some(w.column),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loader_codes_map_to_their_own_code_or_to_input_warning() {
        assert_eq!(Code::of_loader("thai-digits"), Code::ThaiDigits);
        assert_eq!(Code::of_loader("mixed-digits"), Code::MixedDigits);
        assert_eq!(
            Code::of_loader("christian-era-year"),
            Code::ChristianEraYear
        );
        assert_eq!(Code::of_loader("a-code-of-tomorrow"), Code::InputWarning);
    }
}
