//! The template context: the input and the analysis as they serialise, plus the
//! display strings the templates need and would otherwise have to assemble
//! themselves (the memo's fields, the addressee, the emblem's name, the dictionary of
//! names that the line breaker must never split, measures grouped by indicator).

use serde::Serialize;

use super::{DocumentError, DocumentKind, Options};
use crate::analysis::{Analysis, IndicatorView, MeasureView};
use crate::model::{ChainEntry, Input, Person, Status};

/// The bundled emblem drawing (data/emblem/garuda.svg), used when none is given.
pub const DEFAULT_EMBLEM_SVG: &str = include_str!("../../data/emblem/garuda.svg");

/// Everything a template sees: `kind`, `input`, `analysis`, `doc`, `thai_digits`
/// and `digits`. Typed, so a template field that does not exist is a missing key
/// in Tera, and a field renamed in Rust is a compile error here.
#[derive(Debug, Serialize)]
pub struct Context<'a> {
    /// The document's short name (`memo`, `announcement`, …).
    pub kind: &'static str,
    /// The input as loaded.
    pub input: &'a Input,
    /// The analysis.
    pub analysis: &'a Analysis,
    /// The derived display fields.
    pub doc: Doc<'a>,
    /// Whether digits are Thai.
    pub thai_digits: bool,
    /// `thai` or `arabic`, for the markup's `digits` attribute.
    pub digits: &'static str,
}

/// A person who signs, as the signature blocks print them (the author, a step of
/// the comment chain, the announcement's or the plan's signer).
#[derive(Debug, Clone, Serialize)]
pub struct Signer<'a> {
    /// Name with title.
    pub name: &'a str,
    /// Own position.
    pub position: Option<&'a str>,
    /// The position signed for when acting.
    pub acting: Option<&'a str>,
    /// How the person acts (ปฏิบัติหน้าที่ …), when acting.
    pub capacity: Option<&'a str>,
}

impl<'a> Signer<'a> {
    fn from_person(p: &'a Person) -> Option<Signer<'a>> {
        Signer::new(&p.name, &p.position, &p.acting, &p.capacity)
    }

    fn from_chain(c: &'a ChainEntry) -> Option<Signer<'a>> {
        Signer::new(&c.name, &c.position, &c.acting, &c.capacity)
    }

    fn new(
        name: &'a str,
        position: &'a Option<String>,
        acting: &'a Option<String>,
        capacity: &'a Option<String>,
    ) -> Option<Signer<'a>> {
        let name = name.trim();
        (!name.is_empty()).then_some(Signer {
            name,
            position: position.as_deref(),
            acting: acting.as_deref(),
            capacity: capacity.as_deref(),
        })
    }
}

/// The measures of one indicator in the plan (`no` 0: measures of no indicator).
#[derive(Debug, Serialize)]
pub struct MeasureGroup<'a> {
    /// Indicator number, 0 for none.
    pub no: u8,
    /// The indicator, when the number is one.
    pub indicator: Option<&'a IndicatorView>,
    /// Its measures, in the input's order.
    pub measures: Vec<&'a MeasureView>,
}

/// How many measures have each status.
#[derive(Debug, Default, Serialize)]
pub struct StatusCounts {
    /// ยังไม่ดำเนินงาน.
    pub not_started: usize,
    /// อยู่ระหว่างดำเนินงาน.
    pub in_progress: usize,
    /// ดำเนินงานเสร็จแล้ว.
    pub done: usize,
    /// No status given.
    pub none: usize,
    /// All measures.
    pub total: usize,
}

/// The derived display fields (`doc.*` in the templates).
#[derive(Debug, Serialize)]
pub struct Doc<'a> {
    /// The agency's name.
    pub agency: &'a str,
    /// "อำเภอX จังหวัดY".
    pub place: String,
    /// Fiscal year (BE).
    pub year: u16,
    /// The next fiscal year.
    pub next_year: u16,
    /// The previous fiscal year.
    pub prev_year: u16,
    /// ส่วนราชการ: section, office and agency.
    pub office: String,
    /// Telephone.
    pub phone: &'a str,
    /// ที่: "code/number".
    pub memo_number: String,
    /// เรื่อง.
    pub subject: String,
    /// เรียน.
    pub to: String,
    /// The title of the head of the agency.
    pub head: String,
    /// The emblem image's name ([`super::EMBLEM_IMAGE`]): the caller attaches its bytes.
    pub emblem: &'static str,
    /// Names the line breaker never splits, longest first.
    pub dictionary: Vec<String>,
    /// Indicator names by number (index 0 unused).
    pub indicator_names: Vec<Option<&'a str>>,
    /// The memo's date (ISO), or empty.
    pub memo_date: String,
    /// The announcement's date (ISO), or empty.
    pub announcement_date: String,
    /// Paragraphs of เรื่องเดิม given in the input.
    pub background: &'a [String],
    /// Guideline items: the input's, else the analysis'.
    pub guidelines: &'a [String],
    /// The memo's comment chain.
    pub chain: &'a [ChainEntry],
    /// The meeting's topics.
    pub topics: &'a [String],
    /// The memo's author.
    pub author: Option<Signer<'a>>,
    /// Who signs the announcement: the signer given, else the last of the chain.
    pub signer: Option<Signer<'a>>,
    /// Who proposes the plan (ผู้เสนอ): the plan's proposer, else the memo's author.
    pub proposer: Option<Signer<'a>>,
    /// Who endorses the plan (ผู้เห็นชอบ), when given.
    pub endorser: Option<Signer<'a>>,
    /// Who approves the plan (ผู้อนุมัติ): the plan's approver, else `signer`.
    pub approver: Option<Signer<'a>>,
    /// Who signs the meeting summary (ผู้สรุปผลการประชุม): the meeting's recorder,
    /// else the memo's author.
    pub recorder: Option<Signer<'a>>,
    /// The plan's measures grouped by indicator.
    pub measure_groups: Vec<MeasureGroup<'a>>,
    /// How many measures have each status.
    pub status_counts: StatusCounts,
}

/// Builds the Tera context for one document.
pub fn build(
    kind: DocumentKind,
    input: &Input,
    analysis: &Analysis,
    opts: &Options,
) -> Result<tera::Context, DocumentError> {
    let ctx = Context {
        kind: kind.name(),
        input,
        analysis,
        doc: derive(input, analysis)?,
        thai_digits: opts.thai_digits,
        digits: if opts.thai_digits { "thai" } else { "arabic" },
    };
    tera::Context::from_serialize(&ctx).map_err(|e| DocumentError::Context(e.to_string()))
}

fn opt(s: &Option<String>) -> &str {
    s.as_deref().map(str::trim).unwrap_or("")
}

/// The derived display fields.
fn derive<'a>(input: &'a Input, analysis: &'a Analysis) -> Result<Doc<'a>, DocumentError> {
    let agency = input.agency.name.trim();
    let year = input.year;
    let district = opt(&input.agency.district);
    let province = opt(&input.agency.province);

    let mut place = Vec::new();
    if !district.is_empty() {
        place.push(format!("อำเภอ{district}"));
    }
    if !province.is_empty() {
        place.push(format!("จังหวัด{province}"));
    }

    let office = [
        opt(&input.agency.section),
        opt(&input.agency.office),
        agency,
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" ");

    let code = opt(&input.agency.code);
    let number = opt(&input.memo.number);
    let memo_number = match (code.is_empty(), number.is_empty()) {
        (false, false) => format!("{code}/{number}"),
        (false, true) => format!("{code}/"),
        (true, false) => number.to_string(),
        (true, true) => String::new(),
    };

    let subject = match opt(&input.memo.subject) {
        "" => format!(
            "รายงานผลและการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. {year}"
        ),
        s => s.to_string(),
    };
    let head = head_of(agency);
    let to = match opt(&input.memo.to) {
        "" => head.clone(),
        s => s.to_string(),
    };

    let mut indicator_names = vec![None; 11];
    for i in &analysis.indicators {
        if let Some(slot) = indicator_names.get_mut(usize::from(i.no)) {
            *slot = Some(i.name.as_str());
        }
    }
    let date = |d: &Option<crate::model::Date>| {
        d.map(|d| d.0.format("%Y-%m-%d").to_string())
            .unwrap_or_default()
    };
    let guidelines: &[String] = if input.memo.guidelines.is_empty() {
        &analysis.guidelines
    } else {
        &input.memo.guidelines
    };
    let topics: &[String] = input
        .meeting
        .as_ref()
        .map(|m| m.topics.as_slice())
        .unwrap_or(&[]);

    // The announcement is signed by the head of the agency, who normally gives
    // the last comment on the memo: the fallback when no signer is given.
    let signer = input
        .announcement
        .signer
        .as_ref()
        .and_then(Signer::from_person)
        .or_else(|| input.memo.chain.last().and_then(Signer::from_chain));

    let person = |p: &'a Option<Person>| p.as_ref().and_then(Signer::from_person);
    let author = person(&input.memo.author);
    let recorder = input
        .meeting
        .as_ref()
        .and_then(|m| person(&m.recorder))
        .or_else(|| author.clone());
    Ok(Doc {
        agency,
        place: place.join(" "),
        year,
        next_year: year + 1,
        prev_year: year - 1,
        office,
        phone: opt(&input.agency.phone),
        memo_number,
        subject,
        to,
        head,
        emblem: super::EMBLEM_IMAGE,
        dictionary: dictionary(input),
        indicator_names,
        memo_date: date(&input.memo.date),
        announcement_date: date(&input.announcement.date),
        background: &input.memo.background,
        guidelines,
        chain: &input.memo.chain,
        topics,
        proposer: person(&input.plan.proposer).or_else(|| author.clone()),
        endorser: person(&input.plan.endorser),
        approver: person(&input.plan.approver).or_else(|| signer.clone()),
        recorder,
        author,
        signer,
        measure_groups: measure_groups(analysis),
        status_counts: status_counts(&analysis.measures),
    })
}

/// The usual title of the head of a local administration, from its name:
/// เทศบาลตำบลX → นายกเทศมนตรีตำบลX; องค์การบริหารส่วนตำบลX → นายกองค์การบริหารส่วนตำบลX.
pub fn head_of(agency: &str) -> String {
    if let Some(rest) = agency.strip_prefix("เทศบาล") {
        format!("นายกเทศมนตรี{rest}")
    } else if agency.starts_with("องค์การบริหารส่วน") {
        format!("นายก{agency}")
    } else if agency.is_empty() {
        "หัวหน้าหน่วยงาน".to_string()
    } else {
        format!("หัวหน้า{agency}")
    }
}

/// Every name in the input, for the markup's `<dictionary>`: the line breaker never
/// splits them. Longest first, without duplicates.
pub fn dictionary(input: &Input) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut add = |s: &str| {
        let s = s.trim();
        if !s.is_empty() && !words.iter().any(|w| w == s) {
            words.push(s.to_string());
        }
    };
    let agency = input.agency.name.trim();
    add(agency);
    add(&head_of(agency));
    for (v, prefix) in [
        (&input.agency.district, "อำเภอ"),
        (&input.agency.province, "จังหวัด"),
    ] {
        let v = opt(v);
        if !v.is_empty() {
            add(&format!("{prefix}{v}"));
            add(v);
        }
    }
    for v in [
        &input.agency.office,
        &input.agency.section,
        &input.agency.code,
        &input.memo.to,
    ] {
        add(opt(v));
    }
    for p in [&input.memo.author, &input.announcement.signer]
        .into_iter()
        .flatten()
    {
        add(&p.name);
        add(opt(&p.position));
    }
    for c in &input.memo.chain {
        add(&c.name);
        add(opt(&c.position));
    }
    for m in &input.plan.measures {
        for o in &m.owner {
            add(o);
        }
    }
    if let Some(m) = &input.meeting {
        add(opt(&m.place));
    }
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words
}

/// The measures of the analysis grouped by their first indicator (for the plan),
/// indicators in order and measures of no indicator last.
fn measure_groups(analysis: &Analysis) -> Vec<MeasureGroup<'_>> {
    let mut groups: Vec<MeasureGroup> = Vec::new();
    for m in &analysis.measures {
        let no = m.indicators.first().copied().unwrap_or(0);
        match groups.iter_mut().find(|g| g.no == no) {
            Some(g) => g.measures.push(m),
            None => groups.push(MeasureGroup {
                no,
                indicator: analysis.indicators.iter().find(|i| i.no == no),
                measures: vec![m],
            }),
        }
    }
    groups.sort_by_key(|g| if g.no == 0 { u16::MAX } else { u16::from(g.no) });
    groups
}

/// How many of the input's measures have each status (for the progress report;
/// the library's default measures are the plan's only).
fn status_counts(measures: &[MeasureView]) -> StatusCounts {
    let mut c = StatusCounts::default();
    for m in measures.iter().filter(|m| !m.default) {
        c.total += 1;
        match m.status {
            Some(Status::NotStarted) => c.not_started += 1,
            Some(Status::InProgress) => c.in_progress += 1,
            Some(Status::Done) => c.done += 1,
            None => c.none += 1,
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_titles_follow_the_kind_of_administration() {
        assert_eq!(head_of("เทศบาลตำบลโคกสูงสัมพันธ์"), "นายกเทศมนตรีตำบลโคกสูงสัมพันธ์");
        assert_eq!(
            head_of("องค์การบริหารส่วนตำบลลำปางรอง"),
            "นายกองค์การบริหารส่วนตำบลลำปางรอง"
        );
    }

    #[test]
    fn dictionary_holds_every_name_longest_first() {
        let mut input = Input::default();
        input.agency.name = "เทศบาลตำบลศรีสำราญ".into();
        input.agency.district = Some("พรเจริญ".into());
        input.agency.province = Some("บึงกาฬ".into());
        input.memo.author = Some(Person {
            name: "นายสมชาย ใจดี".into(),
            position: Some("นักทรัพยากรบุคคล".into()),
            ..Person::default()
        });
        input.memo.chain = vec![ChainEntry {
            name: "นางสาวกานดา มีสุข".into(),
            position: Some("ปลัดเทศบาล".into()),
            ..ChainEntry::default()
        }];
        let words = dictionary(&input);
        for w in [
            "เทศบาลตำบลศรีสำราญ",
            "อำเภอพรเจริญ",
            "จังหวัดบึงกาฬ",
            "นายสมชาย ใจดี",
            "นางสาวกานดา มีสุข",
            "ปลัดเทศบาล",
        ] {
            assert!(words.iter().any(|x| x == w), "{w} missing from {words:?}");
        }
        let lens: Vec<usize> = words.iter().map(|w| w.chars().count()).collect();
        assert!(lens.windows(2).all(|p| p[0] >= p[1]));
    }
}
