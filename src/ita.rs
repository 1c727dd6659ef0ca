//! The rules of each ITA fiscal year, read from `data/ita.yaml` (built into the
//! binary, as JSON made by build.rs): indicators and their tools, weights, question codes and the
//! indicator and sub-indicator each belongs to, level rules and the threshold.
//!
//! [`rules`] gives one year's rules; the file is parsed once, on first use.
//! Every rule keeps the file's `source:` note ("V …" verified, "I …" inferred)
//! so that documents and `check` can say how sure a result is.
//!
//! Question sets live in `data/questions/<name>.yaml` (also built in): each
//! question has its indicator, sub-indicator, a topic (the key of its advice in
//! the recommendation library, shared by the same question across years) and,
//! where the set words it its own way, a short text. A year after the last one
//! in the file is served the last year's rules, marked with `assumed_from`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

/// data/ita.yaml as JSON, converted by build.rs (serde_json reads it many times
/// faster than YAML; the YAML file is the one to edit).
const DATA: &str = include_str!(concat!(env!("OUT_DIR"), "/ita.json"));

/// The question sets, by name (`data/questions/<name>.yaml`, as JSON from build.rs).
const QUESTION_SETS: [(&str, &str); 4] = [
    (
        "q2563",
        include_str!(concat!(env!("OUT_DIR"), "/q2563.json")),
    ),
    (
        "q2566",
        include_str!(concat!(env!("OUT_DIR"), "/q2566.json")),
    ),
    (
        "q2568",
        include_str!(concat!(env!("OUT_DIR"), "/q2568.json")),
    ),
    (
        "q2569",
        include_str!(concat!(env!("OUT_DIR"), "/q2569.json")),
    ),
];

/// An assessment tool, or a part of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tool {
    /// Internal stakeholders (indicators 1–5).
    Iit,
    /// External stakeholders (indicators 6–8).
    Eit,
    /// EIT ส่วนที่ ๑ (Public).
    EitPublic,
    /// EIT ส่วนที่ ๒ (Survey).
    EitSurvey,
    /// Open data (indicators 9–10).
    Oit,
}

impl Tool {
    /// Lowercase key: "iit", "eit", "eit_public", "eit_survey", "oit".
    pub fn key(self) -> &'static str {
        match self {
            Tool::Iit => "iit",
            Tool::Eit => "eit",
            Tool::EitPublic => "eit_public",
            Tool::EitSurvey => "eit_survey",
            Tool::Oit => "oit",
        }
    }

    /// Display name: "IIT", "EIT", "EIT ส่วนที่ ๑", "EIT ส่วนที่ ๒", "OIT".
    pub fn label(self) -> &'static str {
        match self {
            Tool::Iit => "IIT",
            Tool::Eit => "EIT",
            Tool::EitPublic => "EIT ส่วนที่ ๑",
            Tool::EitSurvey => "EIT ส่วนที่ ๒",
            Tool::Oit => "OIT",
        }
    }
}

/// Names of a tool.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToolInfo {
    /// "IIT", "EIT", "OIT".
    pub abbr: String,
    /// Thai name (แบบวัด…).
    pub name_th: String,
    /// English name.
    pub name_en: String,
}

/// A sub-indicator (9.1 … 10.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubIndicator {
    /// "9.1".
    pub code: String,
    /// Its name in that year.
    pub name: String,
}

/// One indicator in a year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    /// 1–10.
    pub no: u8,
    /// Official name.
    pub name: String,
    /// Its tool (Iit, Eit or Oit).
    pub tool: Tool,
    /// Its sub-indicators in that year (9 and 10 only).
    pub subindicators: Vec<SubIndicator>,
}

/// One question code of a year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    /// Normalised code: i1, e4, o14.
    pub code: String,
    /// Its tool.
    pub tool: Tool,
    /// The indicator it belongs to, when known.
    pub indicator: Option<u8>,
    /// The sub-indicator it belongs to (OIT), when known.
    pub sub: Option<String>,
    /// The key of its advice in the recommendation library (a 2568 code such as
    /// "o8", or a key of the library's `topics:`); none when the subject of the
    /// code is not known.
    pub topic: Option<String>,
    /// The subject in the set's own words, when the set gives one (may hold
    /// `{year}` / `{prev_year}`); otherwise the topic's text is used.
    pub text: Option<String>,
    /// Topics the year has no question on whose references this question
    /// answers instead (2564's risk assessment o36 stands for 2568's bribery-risk
    /// assessment o23 in a reference).
    pub also: Vec<String>,
}

/// How sure a question set is of one tool's questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Checked against a public source or the seeds: an unknown code is an error.
    Verified,
    /// The codes are known, their exact order or wording only in part: an unknown
    /// code is a warning.
    Partly,
    /// Reconstructed or assumed: an unknown code is information only.
    Unverified,
}

impl Confidence {
    /// "verified", "partly", "unverified".
    pub fn key(self) -> &'static str {
        match self {
            Confidence::Verified => "verified",
            Confidence::Partly => "partly",
            Confidence::Unverified => "unverified",
        }
    }

    /// In Thai: "ตรวจสอบแล้ว", "ตรวจสอบได้บางส่วน", "ยังไม่ได้ตรวจสอบ".
    pub fn thai(self) -> &'static str {
        match self {
            Confidence::Verified => "ตรวจสอบแล้ว",
            Confidence::Partly => "ตรวจสอบได้บางส่วน",
            Confidence::Unverified => "ยังไม่ได้ตรวจสอบ",
        }
    }
}

/// One level rule: the level holds when the overall and every listed tool
/// reach their minimum.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LevelRule {
    /// The level's name (AA … F, ผ่านดีเยี่ยม… ไม่ผ่าน).
    pub name: String,
    /// Whether it counts as passing.
    pub pass: bool,
    /// Minimum overall score.
    pub overall: f64,
    /// Minimum score per tool.
    pub tools: Vec<(Tool, f64)>,
    /// Source note ("V…" or "I…").
    pub source: String,
    /// Whether the rule is inferred (its note starts "I"), not verified.
    pub inferred: bool,
}

/// Weights of the tools in the overall score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Weights {
    /// IIT weight (0.30).
    pub iit: f64,
    /// EIT weight (0.30).
    pub eit: f64,
    /// OIT weight (0.40).
    pub oit: f64,
}

/// The rules of one fiscal year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearRules {
    /// Fiscal year, Buddhist era.
    pub year: u16,
    /// The ten indicators.
    pub indicators: Vec<Indicator>,
    /// Names of the tools.
    pub tools: BTreeMap<String, ToolInfo>,
    /// Tool weights.
    pub weights: Weights,
    /// Source note of the weights.
    pub weights_source: String,
    /// Whether the weights are inferred (their note starts "I").
    pub weights_inferred: bool,
    /// Level rules, tried in order.
    pub levels: Vec<LevelRule>,
    /// Name of the level scheme ("bands" or "tiered").
    pub level_scheme: String,
    /// Source note of the level scheme.
    pub levels_source: String,
    /// Pass and improvement threshold (85).
    pub threshold: f64,
    /// Source note of the threshold.
    pub threshold_source: String,
    /// EIT reported as Public and Survey parts.
    pub eit_parts: bool,
    /// The year's question codes in order (empty when not known).
    pub questions: Vec<Question>,
    /// True when the question list is known to be complete and exact (every tool verified).
    pub questions_complete: bool,
    /// Name of the question set ("q2563" …).
    pub question_set: String,
    /// How sure the set is of each tool's questions (Iit, Eit, Oit).
    pub question_confidence: BTreeMap<Tool, Confidence>,
    /// Source note of the question set.
    pub questions_source: String,
    /// How sure the year's rules are as a whole.
    pub confidence: Confidence,
    /// Source note of the year.
    pub source: String,
    /// For a year after the last one with published rules: the year whose rules
    /// are used.
    pub assumed_from: Option<u16>,
}

impl YearRules {
    /// The indicator numbered `no`.
    pub fn indicator(&self, no: u8) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.no == no)
    }

    /// The question with normalised `code`.
    pub fn question(&self, code: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.code == code)
    }

    /// The code of the year's question on `topic` (a library key), or of the
    /// question that stands for it (`also`), if the year has one.
    pub fn code_for_topic(&self, topic: &str) -> Option<&str> {
        self.questions
            .iter()
            .find(|q| q.topic.as_deref() == Some(topic))
            .or_else(|| {
                self.questions
                    .iter()
                    .find(|q| q.also.iter().any(|a| a == topic))
            })
            .map(|q| q.code.as_str())
    }

    /// How sure the year's list of `tool` questions is (EIT parts count as EIT).
    pub fn confidence_of(&self, tool: Tool) -> Confidence {
        let tool = match tool {
            Tool::EitPublic | Tool::EitSurvey => Tool::Eit,
            t => t,
        };
        self.question_confidence
            .get(&tool)
            .copied()
            .unwrap_or(Confidence::Unverified)
    }

    /// True when the year's question codes are recorded at all.
    pub fn knows_questions(&self) -> bool {
        !self.questions.is_empty()
    }

    /// The questions of indicator `no`, in order.
    pub fn questions_of(&self, no: u8) -> impl Iterator<Item = &Question> {
        self.questions
            .iter()
            .filter(move |q| q.indicator == Some(no))
    }

    /// The name of sub-indicator `code` in this year.
    pub fn subindicator_name(&self, code: &str) -> Option<&str> {
        self.indicators
            .iter()
            .flat_map(|i| &i.subindicators)
            .find(|s| s.code == code)
            .map(|s| s.name.as_str())
    }

    /// Names of a tool.
    pub fn tool_info(&self, tool: Tool) -> Option<&ToolInfo> {
        self.tools.get(tool.key())
    }
}

/// Why rules could not be given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItaError {
    /// The year is not in data/ita.yaml.
    UnsupportedYear {
        /// The year asked for.
        year: u16,
        /// The years supported.
        supported: Vec<u16>,
    },
    /// data/ita.yaml is malformed (a build defect, caught by the tests).
    BadData(String),
}

impl ItaError {
    /// The message in Thai.
    pub fn message_th(&self) -> String {
        match self {
            ItaError::UnsupportedYear { year, supported } => format!(
                "ไม่รองรับปีงบประมาณ {year} (ปีที่รองรับ: {})",
                join_years(supported)
            ),
            ItaError::BadData(m) => format!("ข้อมูลกฎเกณฑ์ ITA (data/ita.yaml) ไม่ถูกต้อง: {m}"),
        }
    }

    /// The message in English.
    pub fn message_en(&self) -> String {
        match self {
            ItaError::UnsupportedYear { year, supported } => format!(
                "fiscal year {year} is not supported (supported years: {})",
                join_years(supported)
            ),
            ItaError::BadData(m) => format!("the ITA rules data (data/ita.yaml) is malformed: {m}"),
        }
    }
}

fn join_years(y: &[u16]) -> String {
    y.iter().map(u16::to_string).collect::<Vec<_>>().join(", ")
}

impl fmt::Display for ItaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_en())
    }
}

impl std::error::Error for ItaError {}

/// Whether a `source:` note of data/ita.yaml marks its rule as inferred: the file
/// writes "I: …" for an inference and "V: …" for a verified rule ("partly V: …"
/// is verified in part, not inferred). The one reading of that convention.
fn inferred(note: &str) -> bool {
    note.trim_start().starts_with('I')
}

/// The rules of fiscal year `year` (Buddhist era).
pub fn rules(year: u16) -> Result<&'static YearRules, ItaError> {
    let all = all()?;
    all.iter()
        .find(|r| r.year == year)
        .ok_or_else(|| ItaError::UnsupportedYear {
            year,
            supported: all.iter().map(|r| r.year).collect(),
        })
}

/// The last fiscal year whose rules itadoc knows; later years (up to the file's
/// `later_years`) are served its rules with [`YearRules::assumed_from`] set.
pub fn last_known_year() -> Option<u16> {
    all()
        .ok()?
        .iter()
        .filter(|r| r.assumed_from.is_none())
        .map(|r| r.year)
        .max()
}

/// The supported fiscal years, ascending (the later years served with the last
/// known rules included).
pub fn supported_years() -> Vec<u16> {
    all()
        .map(|a| a.iter().map(|r| r.year).collect())
        .unwrap_or_default()
}

fn all() -> Result<&'static [YearRules], ItaError> {
    static ALL: OnceLock<Result<Vec<YearRules>, String>> = OnceLock::new();
    ALL.get_or_init(|| build(DATA))
        .as_deref()
        .map_err(|e| ItaError::BadData(e.clone()))
}

// ------------------------------------------------------------ the data file

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[allow(dead_code)]
    version: u32,
    threshold: RawThreshold,
    tools: BTreeMap<String, ToolInfo>,
    indicators: RawIndicators,
    weights: BTreeMap<String, Weights>,
    level_schemes: BTreeMap<String, RawScheme>,
    years: BTreeMap<u16, RawYear>,
    later_years: u16,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawThreshold {
    value: f64,
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicators {
    #[allow(dead_code)]
    source: String,
    list: Vec<RawIndicator>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    no: u8,
    name: String,
    tool: Tool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScheme {
    source: String,
    rules: Vec<RawRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    name: String,
    pass: bool,
    overall: f64,
    #[serde(default)]
    tools: BTreeMap<Tool, f64>,
    source: String,
}

/// A question set file (data/questions/<name>.yaml).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSet {
    /// Another set whose questions of the tools not in `tools` this one takes.
    #[serde(default)]
    from: Option<String>,
    /// The tools this file lists (all when absent).
    #[serde(default)]
    tools: Option<Vec<Tool>>,
    source: String,
    status: BTreeMap<Tool, Confidence>,
    subindicators: Vec<SubIndicator>,
    questions: Vec<RawQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    code: String,
    indicator: Option<u8>,
    #[serde(default)]
    sub: Option<String>,
    #[serde(default)]
    topic: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    also: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawYear {
    levels: String,
    weights: String,
    weights_source: String,
    eit_parts: bool,
    questions: String,
    confidence: Confidence,
    source: String,
}

/// Expands "i1-i15" (or "o7") into codes.
fn expand(range: &str) -> Result<Vec<String>, String> {
    let parse = |s: &str| -> Result<(char, u32), String> {
        let mut c = s.trim().chars();
        let letter = c.next().ok_or("empty code")?;
        let n: u32 = c.as_str().parse().map_err(|_| format!("bad code {s}"))?;
        Ok((letter, n))
    };
    let (a, b) = range.split_once('-').unwrap_or((range, range));
    let (la, na) = parse(a)?;
    let (lb, nb) = parse(b)?;
    if la != lb || na > nb || !matches!(la, 'i' | 'e' | 'o') {
        return Err(format!("bad range {range}"));
    }
    Ok((na..=nb).map(|n| format!("{la}{n}")).collect())
}

/// A question set's questions (with those of the set it builds on), its
/// sub-indicators and its confidence per tool.
struct Set {
    questions: Vec<Question>,
    subindicators: Vec<SubIndicator>,
    status: BTreeMap<Tool, Confidence>,
    source: String,
}

fn tool_of(code: &str) -> Result<Tool, String> {
    match code.as_bytes().first() {
        Some(b'i') => Ok(Tool::Iit),
        Some(b'e') => Ok(Tool::Eit),
        Some(b'o') => Ok(Tool::Oit),
        _ => Err(format!("bad code {code}")),
    }
}

fn load_set(name: &str, depth: usize) -> Result<Set, String> {
    let text = QUESTION_SETS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .ok_or_else(|| format!("unknown question set {name}"))?;
    let raw: RawSet = serde_json::from_str(text).map_err(|e| format!("{name}: {e}"))?;
    let mut questions = Vec::new();
    let mut status = BTreeMap::new();
    let mut subindicators = raw.subindicators.clone();
    let own = |t: Tool| raw.tools.as_ref().is_none_or(|ts| ts.contains(&t));
    if let Some(base) = &raw.from {
        if depth > 3 {
            return Err(format!("{name}: `from` nests too deep"));
        }
        let base = load_set(base, depth + 1)?;
        questions.extend(base.questions.into_iter().filter(|q| !own(q.tool)));
        status.extend(base.status.into_iter().filter(|(t, _)| !own(*t)));
        if subindicators.is_empty() && !own(Tool::Oit) {
            subindicators = base.subindicators;
        }
    }
    for q in &raw.questions {
        expand(&q.code)?;
        let tool = tool_of(&q.code)?;
        if !own(tool) {
            return Err(format!("{name}: {} is not one of the file's tools", q.code));
        }
        if questions.iter().any(|x: &Question| x.code == q.code) {
            return Err(format!("{name}: {} twice", q.code));
        }
        questions.push(Question {
            code: q.code.clone(),
            tool,
            indicator: q.indicator,
            sub: q.sub.clone(),
            topic: q.topic.clone(),
            text: q.text.clone(),
            also: q.also.clone(),
        });
    }
    for (t, c) in raw.status {
        status.insert(t, c);
    }
    let order = |q: &Question| {
        let n: u32 = q.code[1..].parse().unwrap_or(0);
        (q.tool, n)
    };
    questions.sort_by_key(order);
    Ok(Set {
        questions,
        subindicators,
        status,
        source: raw.source.trim().to_string(),
    })
}

fn build(text: &str) -> Result<Vec<YearRules>, String> {
    let raw: RawFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for (year, y) in &raw.years {
        let scheme = raw
            .level_schemes
            .get(&y.levels)
            .ok_or_else(|| format!("{year}: unknown level scheme {}", y.levels))?;
        let weights = *raw
            .weights
            .get(&y.weights)
            .ok_or_else(|| format!("{year}: unknown weights {}", y.weights))?;
        let set = load_set(&y.questions, 0)?;
        let indicators = raw
            .indicators
            .list
            .iter()
            .map(|i| Indicator {
                no: i.no,
                name: i.name.clone(),
                tool: i.tool,
                subindicators: set
                    .subindicators
                    .iter()
                    .filter(|x| x.code.split('.').next() == Some(&i.no.to_string()))
                    .cloned()
                    .collect(),
            })
            .collect();
        let complete = [Tool::Iit, Tool::Eit, Tool::Oit]
            .iter()
            .all(|t| set.status.get(t) == Some(&Confidence::Verified));
        out.push(YearRules {
            year: *year,
            indicators,
            tools: raw.tools.clone(),
            weights,
            weights_source: y.weights_source.clone(),
            weights_inferred: inferred(&y.weights_source),
            levels: scheme
                .rules
                .iter()
                .map(|r| LevelRule {
                    name: r.name.clone(),
                    pass: r.pass,
                    overall: r.overall,
                    tools: r.tools.iter().map(|(t, v)| (*t, *v)).collect(),
                    source: r.source.clone(),
                    inferred: inferred(&r.source),
                })
                .collect(),
            level_scheme: y.levels.clone(),
            levels_source: scheme.source.clone(),
            threshold: raw.threshold.value,
            threshold_source: raw.threshold.source.clone(),
            eit_parts: y.eit_parts,
            questions: set.questions,
            questions_complete: complete,
            question_set: y.questions.clone(),
            question_confidence: set.status,
            questions_source: set.source,
            confidence: y.confidence,
            source: y.source.clone(),
            assumed_from: None,
        });
    }
    if let Some(last) = out.last().cloned() {
        for n in 1..=raw.later_years {
            let mut r = last.clone();
            r.year = last.year + n;
            r.assumed_from = Some(last.year);
            r.confidence = Confidence::Unverified;
            out.push(r);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_parses_and_covers_2562_to_2569_and_later_years() {
        assert_eq!(
            supported_years(),
            vec![2562, 2563, 2564, 2565, 2566, 2567, 2568, 2569, 2570, 2571, 2572]
        );
        assert_eq!(last_known_year(), Some(2569));
        for y in supported_years() {
            let r = rules(y).unwrap();
            assert_eq!(r.indicators.len(), 10);
            assert!((r.weights.iit + r.weights.eit + r.weights.oit - 1.0).abs() < 1e-9);
            assert!(!r.source.is_empty() && !r.weights_source.is_empty());
            assert!(r.levels.iter().all(|l| !l.source.is_empty()));
            assert!(!r.questions.is_empty(), "{y} has no questions");
            assert!(
                r.questions.iter().all(|q| q.indicator.is_some()),
                "{y}: a question without indicator"
            );
            assert_eq!(r.assumed_from, (y > 2569).then_some(2569));
        }
        assert_eq!(
            rules(2570).unwrap().questions,
            rules(2569).unwrap().questions
        );
    }

    #[test]
    fn questions_2568() {
        let r = rules(2568).unwrap();
        assert!(r.questions_complete);
        assert_eq!(r.questions.len(), 15 + 9 + 28);
        assert_eq!(r.question("i12").unwrap().indicator, Some(4));
        assert_eq!(r.question("e5").unwrap().indicator, Some(7));
        assert_eq!(r.question("o11").unwrap().sub.as_deref(), Some("9.2"));
        assert_eq!(r.question("o25").unwrap().indicator, Some(10));
        assert!(r.question("o29").is_none());
        assert_eq!(r.subindicator_name("9.1"), Some("ข้อมูลพื้นฐาน"));
        assert!(r
            .questions
            .iter()
            .all(|q| q.topic.as_deref() == Some(&q.code[..])));
    }

    #[test]
    fn question_sets_of_the_other_years() {
        // 2563-2565: IIT 30, EIT 15, OIT 43 with the 2564 sub-indicator ranges.
        let r = rules(2564).unwrap();
        assert_eq!(r.questions.len(), 30 + 15 + 43);
        assert_eq!(r.question("i24").unwrap().indicator, Some(4));
        assert_eq!(r.question("e15").unwrap().indicator, Some(8));
        assert_eq!(r.question("o17").unwrap().topic.as_deref(), Some("o10"));
        assert_eq!(r.question("o33").unwrap().sub.as_deref(), Some("9.5"));
        assert_eq!(r.question("o42").unwrap().sub.as_deref(), Some("10.2"));
        assert_eq!(r.confidence_of(Tool::Oit), Confidence::Verified);
        assert_eq!(r.confidence_of(Tool::Iit), Confidence::Partly);
        // 2566: the same IIT and EIT, another OIT list (seed 000: o18 E-Service,
        // o27/o28 complaints).
        let r = rules(2566).unwrap();
        assert_eq!(
            r.questions.iter().filter(|q| q.tool == Tool::Iit).count(),
            30
        );
        assert_eq!(r.question("o18").unwrap().topic.as_deref(), Some("o10"));
        assert_eq!(r.question("o27").unwrap().topic.as_deref(), Some("o17"));
        assert_eq!(r.question("o28").unwrap().topic.as_deref(), Some("o18"));
        assert_eq!(r.confidence_of(Tool::Oit), Confidence::Unverified);
        assert_eq!(r.code_for_topic("o10"), Some("o18"));
        // 2569: IIT/EIT as 2568, OIT o1-o26.
        let r = rules(2569).unwrap();
        assert_eq!(r.questions.len(), 15 + 9 + 26);
        assert_eq!(
            r.question("o25").unwrap().topic.as_deref(),
            Some("o_ita_results")
        );
        assert_eq!(r.question("i7").unwrap().topic.as_deref(), Some("i7"));
        assert!(r.subindicator_name("9.1").is_none());
        // Within a year, no two codes share a topic (each gets its own advice).
        for y in supported_years() {
            let r = rules(y).unwrap();
            let mut seen = std::collections::BTreeSet::new();
            for q in &r.questions {
                if let Some(t) = &q.topic {
                    assert!(seen.insert(t.clone()), "{y}: topic {t} twice");
                }
            }
        }
    }

    #[test]
    fn unsupported_year_lists_supported() {
        let e = rules(2555).unwrap_err();
        assert!(e.message_en().contains("2562, 2563"), "{}", e.message_en());
        assert!(e.message_th().contains("2569"));
        assert!(rules(2573).is_err());
    }

    #[test]
    fn the_built_in_json_holds_what_the_yaml_files_say() {
        let yaml_files = [
            ("ita", include_str!("../data/ita.yaml"), DATA),
            (
                "q2563",
                include_str!("../data/questions/q2563.yaml"),
                QUESTION_SETS[0].1,
            ),
            (
                "q2566",
                include_str!("../data/questions/q2566.yaml"),
                QUESTION_SETS[1].1,
            ),
            (
                "q2568",
                include_str!("../data/questions/q2568.yaml"),
                QUESTION_SETS[2].1,
            ),
            (
                "q2569",
                include_str!("../data/questions/q2569.yaml"),
                QUESTION_SETS[3].1,
            ),
        ];
        for (name, yaml, json) in yaml_files {
            let from_yaml = crate::yaml::to_json_text(yaml).unwrap();
            let from_json: serde_json::Value = serde_json::from_str(json).unwrap();
            assert_eq!(from_yaml, from_json, "{name}");
        }
        let names: Vec<&str> = QUESTION_SETS.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["q2563", "q2566", "q2568", "q2569"]);
    }

    #[test]
    fn ranges() {
        assert_eq!(expand("o5-o7").unwrap(), vec!["o5", "o6", "o7"]);
        assert!(expand("o7-o5").is_err());
        assert!(expand("i1-e3").is_err());
    }
}
