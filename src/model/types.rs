//! The input contract (docs/input-format.md) as Rust types.
//!
//! Every field except `agency.name`, `year` and `result.indicators` has a
//! default. Scores are plain `f64` (0–100), dates are Christian-era
//! [`Date`]s whatever era the user wrote, and question codes are normalised
//! (o14, e4, i1).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize, Serializer};
use std::collections::BTreeMap;

/// A calendar date. Serialises as ISO `YYYY-MM-DD` in the Christian era.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.format("%Y-%m-%d").to_string())
    }
}

/// One agency's ITA results for one fiscal year: the whole input file.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Input {
    /// The agency assessed.
    pub agency: Agency,
    /// Fiscal year, Buddhist era (e.g. 2566).
    pub year: u16,
    /// The published result.
    pub result: ResultData,
    /// Earlier years, sorted by year.
    pub history: Vec<HistoryEntry>,
    /// The analysis memo (บันทึกข้อความ).
    pub memo: Memo,
    /// The public announcement (ประกาศ).
    pub announcement: Announcement,
    /// The improvement plan and its progress.
    pub plan: Plan,
    /// A preparation-meeting summary, when given.
    pub meeting: Option<Meeting>,
    /// Output settings.
    pub settings: Settings,
    /// The user's overrides of the recommendation library.
    pub recommendations: RecommendationSet,
}

/// The agency.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Agency {
    /// Full official name (required).
    pub name: String,
    /// อำเภอ, without the word อำเภอ.
    pub district: Option<String>,
    /// จังหวัด, without the word จังหวัด.
    pub province: Option<String>,
    /// ส่วนราชการ that issues the memo.
    pub office: Option<String>,
    /// Sub-unit printed before the office.
    pub section: Option<String>,
    /// Telephone, printed after ส่วนราชการ.
    pub phone: Option<String>,
    /// Prefix of document numbers ("ขก ๗๓๕๐๑").
    pub code: Option<String>,
    /// Path of the emblem image, relative to the input file.
    pub emblem: Option<String>,
}

/// A question's score: one average, or EIT Public and EIT Survey averages.
/// `low` marks a question that the source lists as scoring low without giving
/// its score (`low` in the input, also inside `{public, survey}`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct QuestionScore {
    /// The single average (IIT, OIT, or an EIT question given as one number).
    pub score: Option<f64>,
    /// EIT Public (ส่วนที่ ๑) average.
    pub public: Option<f64>,
    /// EIT Survey (ส่วนที่ ๒) average.
    pub survey: Option<f64>,
    /// Listed as low, no score given.
    pub low: bool,
    /// Listed as low in EIT Public, no score given.
    pub low_public: bool,
    /// Listed as low in EIT Survey, no score given.
    pub low_survey: bool,
}

impl QuestionScore {
    /// The question's score: the single average, or the mean of the parts given.
    pub fn value(&self) -> Option<f64> {
        if let Some(s) = self.score {
            return Some(s);
        }
        match (self.public, self.survey) {
            (Some(p), Some(s)) => Some((p + s) / 2.0),
            (Some(p), None) => Some(p),
            (None, Some(s)) => Some(s),
            (None, None) => None,
        }
    }
}

/// Published tool scores.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Tools {
    /// IIT.
    pub iit: Option<f64>,
    /// EIT (both parts).
    pub eit: Option<f64>,
    /// EIT ส่วนที่ ๑ (Public).
    pub eit_public: Option<f64>,
    /// EIT ส่วนที่ ๒ (Survey).
    pub eit_survey: Option<f64>,
    /// OIT.
    pub oit: Option<f64>,
}

/// The published result of the year.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct ResultData {
    /// Indicator scores by number 1–10 (required).
    pub indicators: BTreeMap<u8, f64>,
    /// The published overall score.
    pub overall: Option<f64>,
    /// The published level.
    pub level: Option<String>,
    /// Published tool scores.
    pub tools: Tools,
    /// Published sub-indicator scores ("9.1" … "10.2").
    pub subindicators: BTreeMap<String, f64>,
    /// Per-question averages by normalised code.
    pub questions: BTreeMap<String, QuestionScore>,
    /// Indicator names as the source printed them (`result.names`, optional);
    /// `check` compares them with the official names of the year.
    pub names: BTreeMap<u8, String>,
}

/// An earlier year's result.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct HistoryEntry {
    /// Fiscal year, Buddhist era.
    pub year: u16,
    /// Overall score.
    pub overall: Option<f64>,
    /// Level as published.
    pub level: Option<String>,
    /// Indicator scores.
    pub indicators: BTreeMap<u8, f64>,
}

/// A person who signs.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Person {
    /// Name with title (นาย/นาง/นางสาว…).
    pub name: String,
    /// Position.
    pub position: Option<String>,
    /// The position this person signs for when acting for someone else
    /// (e.g. นายกองค์การบริหารส่วนตำบลX), printed on the line after the position.
    pub acting: Option<String>,
    /// How the person acts (ปฏิบัติหน้าที่, รักษาราชการแทน, ปฏิบัติราชการแทน), printed
    /// after the position when `acting` is given; default ปฏิบัติหน้าที่.
    pub capacity: Option<String>,
}

/// One step of the memo's comment chain (ความเห็น…).
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct ChainEntry {
    /// Heading, e.g. ความเห็นหัวหน้าฝ่ายอำนวยการ.
    pub title: Option<String>,
    /// Name of the commenter.
    pub name: String,
    /// Position.
    pub position: Option<String>,
    /// The position this person signs for when acting (see [`Person::acting`]).
    pub acting: Option<String>,
    /// How the person acts (see [`Person::capacity`]).
    pub capacity: Option<String>,
}

/// The analysis memo.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Memo {
    /// Number after agency.code ("๑๒๓").
    pub number: Option<String>,
    /// Date of the memo.
    pub date: Option<Date>,
    /// เรียน.
    pub to: Option<String>,
    /// เรื่อง; generated when absent.
    pub subject: Option<String>,
    /// Paragraphs of เรื่องเดิม.
    pub background: Vec<String>,
    /// Items of แนวทาง… next year.
    pub guidelines: Vec<String>,
    /// The author who signs.
    pub author: Option<Person>,
    /// The comment chain, top to bottom.
    pub chain: Vec<ChainEntry>,
}

/// The public announcement.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Announcement {
    /// Date of the announcement.
    pub date: Option<Date>,
    /// Who signs it.
    pub signer: Option<Person>,
    /// Paragraphs of ข้อเสนอแนะ/หมายเหตุ (optional; generated when absent).
    pub notes: Vec<String>,
}

/// Progress of a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// ยังไม่ดำเนินงาน.
    NotStarted,
    /// อยู่ระหว่างดำเนินงาน.
    InProgress,
    /// ดำเนินงานเสร็จแล้ว.
    Done,
}

impl Status {
    /// The Thai wording used in progress reports.
    pub fn thai(self) -> &'static str {
        match self {
            Status::NotStarted => "ยังไม่ดำเนินงาน",
            Status::InProgress => "อยู่ระหว่างดำเนินงาน",
            Status::Done => "ดำเนินงานเสร็จแล้ว",
        }
    }
}

/// One improvement measure (มาตรการ / โครงการ / กิจกรรม).
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Measure {
    /// Indicators 1–10 it addresses (`indicator:` in the input, a number or a list).
    pub indicators: Vec<u8>,
    /// Title.
    pub title: String,
    /// Steps (ขั้นตอนหรือวิธีการปฏิบัติ).
    pub steps: Vec<String>,
    /// Period (ระยะเวลา); default "ไตรมาส ๑-๔ (ปีงบประมาณ พ.ศ. year+1)".
    pub period: Option<String>,
    /// Responsible units (ผู้รับผิดชอบ).
    pub owner: Vec<String>,
    /// Deadline.
    pub deadline: Option<Date>,
    /// Progress.
    pub status: Option<Status>,
    /// Remark.
    pub note: Option<String>,
    /// The analysis behind it (ผลการวิเคราะห์…); generated when absent.
    pub analysis: Option<String>,
}

/// The improvement plan.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Plan {
    /// Its measures.
    pub measures: Vec<Measure>,
    /// Who proposes the plan (ผู้เสนอ); default the memo's author.
    pub proposer: Option<Person>,
    /// Who endorses it (ผู้เห็นชอบ); a blank block to fill in when absent.
    pub endorser: Option<Person>,
    /// Who approves it (ผู้อนุมัติ); default the head who signs the announcement.
    pub approver: Option<Person>,
}

/// A preparation meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Meeting {
    /// Date.
    pub date: Option<Date>,
    /// Start time as written ("09:30"); `start` in the input is the same field.
    pub time: Option<String>,
    /// End time as written ("12:00").
    pub end: Option<String>,
    /// Place.
    pub place: Option<String>,
    /// Extra agenda paragraphs.
    pub topics: Vec<String>,
    /// Who attended (name and position), optional.
    pub attendees: Vec<Person>,
    /// Who wrote the summary and signs it (ผู้สรุปผลการประชุม); default the memo's author.
    pub recorder: Option<Person>,
}

/// Output settings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Settings {
    /// Thai digits everywhere (default true).
    pub thai_digits: bool,
    /// Threshold below which questions and indicators need improvement (default 85).
    pub threshold: f64,
    /// "default" or a folder of TH Sarabun TTF files.
    pub font: String,
    /// The font a DOCX names (`settings.docx_font`); `None`: TH SarabunIT๙.
    pub docx_font: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            thai_digits: true,
            threshold: 85.0,
            font: "default".into(),
            docx_font: None,
        }
    }
}

/// Texts for one question in the recommendation library.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct QuestionText {
    /// The question, short.
    pub text: Option<String>,
    /// The finding (follows "ประเด็น").
    pub finding: Option<String>,
    /// The action (follows "ดังนั้น หน่วยงานควร").
    pub action: Option<String>,
    /// OIT items that support the action.
    pub refs: Vec<String>,
}

/// A default measure in the recommendation library.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct DefaultMeasure {
    /// Title.
    pub title: String,
    /// Steps.
    pub steps: Vec<String>,
    /// Responsible units.
    pub owner: Vec<String>,
    /// Period, when not the default.
    pub period: Option<String>,
}

/// Texts for one indicator in the recommendation library.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct IndicatorText {
    /// Sentence when at or above the threshold.
    pub keep: Option<String>,
    /// Finding when below.
    pub finding: Option<String>,
    /// Action when below.
    pub action: Option<String>,
    /// Default measures.
    pub measures: Vec<DefaultMeasure>,
}

/// Texts for one sub-indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct SubindicatorText {
    /// Name of the sub-indicator.
    pub name: Option<String>,
    /// Sentence when at or above the threshold.
    pub keep: Option<String>,
    /// Finding when below.
    pub finding: Option<String>,
    /// Action when below.
    pub action: Option<String>,
}

/// The recommendation library's shape, used both for `data/recommendations.yaml`
/// and for the user's optional `recommendations:` section (which overrides it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct RecommendationSet {
    /// Format version of the library file.
    pub version: Option<u32>,
    /// By normalised question code.
    pub questions: BTreeMap<String, QuestionText>,
    /// By indicator number.
    pub indicators: BTreeMap<u8, IndicatorText>,
    /// By sub-indicator code ("9.1").
    pub subindicators: BTreeMap<String, SubindicatorText>,
    /// Fiscal year whose question set the question texts follow (2568).
    pub year_set: Option<u16>,
    /// Default items of แนวทาง… for next year (placeholders such as `{next_year}`).
    pub guidelines: Vec<String>,
    /// Per tool ("iit", "eit", "oit"): sentences with `{keep_list}` / `{improve_list}`.
    pub tools: BTreeMap<String, ToolText>,
}

/// Sentences for one tool in the recommendation library.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct ToolText {
    /// When indicators of the tool are at or above the threshold (`{keep_list}`).
    pub keep: Option<String>,
    /// When some are below (`{improve_list}`).
    pub improve: Option<String>,
}
