//! From the positioned YAML tree to [`Input`]: read each field where the
//! contract puts it, normalise it, record its position, and report every
//! problem with its place (unknown fields suggest the nearest known name).

use super::diag::{Diagnostic, Lang, Spans};
use super::normalise;
use super::tree::{Kind, Node, Pos};
use super::types::*;
use std::collections::BTreeMap;

/// The conversion context: messages found so far and positions recorded.
pub struct Cx {
    origin: String,
    /// Errors: the input cannot be used.
    pub errors: Vec<Diagnostic>,
    /// Warnings: the input was repaired or is suspicious.
    pub warnings: Vec<Diagnostic>,
    /// Positions and texts.
    pub spans: Spans,
    /// Question codes read in another spelling, as (typed, normalised), in the
    /// order of their `question-code-spelling` warnings.
    pub code_spellings: Vec<(String, String)>,
}

impl Cx {
    /// A fresh context for a file named `origin`.
    pub fn new(origin: &str) -> Self {
        Cx {
            origin: origin.to_string(),
            errors: Vec::new(),
            warnings: Vec::new(),
            spans: Spans::default(),
            code_spellings: Vec::new(),
        }
    }

    fn diag(&self, pos: Pos, code: &str, th: String, en: String) -> Diagnostic {
        Diagnostic {
            origin: self.origin.clone(),
            line: pos.line,
            column: pos.column,
            code: code.to_string(),
            message_th: th,
            message_en: en,
        }
    }

    /// Records an error.
    pub fn err(&mut self, pos: Pos, code: &str, th: String, en: String) {
        let d = self.diag(pos, code, th, en);
        self.errors.push(d);
    }

    /// Records a warning.
    pub fn warn(&mut self, pos: Pos, code: &str, th: String, en: String) {
        let d = self.diag(pos, code, th, en);
        self.warnings.push(d);
    }

    fn mark(&mut self, path: &str, pos: Pos) {
        self.spans
            .positions
            .entry(path.to_string())
            .or_insert((pos.line, pos.column));
    }

    /// Opens a mapping for field-by-field reading.
    fn fields<'a>(&mut self, node: &'a Node, path: &str) -> Option<Fields<'a>> {
        self.mark(path, node.pos);
        match &node.kind {
            Kind::Map(pairs) => {
                let mut out = Vec::new();
                for (k, v) in pairs {
                    match k.scalar() {
                        Some(name) => out.push((name.trim().to_string(), k.pos, v)),
                        None => self.err(
                            k.pos,
                            "bad-key",
                            "ชื่อฟิลด์ต้องเป็นข้อความ".into(),
                            "a field name must be a plain value".into(),
                        ),
                    }
                }
                let used = vec![false; out.len()];
                Some(Fields {
                    path: path.to_string(),
                    pos: node.pos,
                    pairs: out,
                    used,
                    known: Vec::new(),
                    spellings: Vec::new(),
                })
            }
            _ if node.is_null() => Some(Fields {
                path: path.to_string(),
                pos: node.pos,
                pairs: Vec::new(),
                used: Vec::new(),
                known: Vec::new(),
                spellings: Vec::new(),
            }),
            _ => {
                self.expected(
                    node,
                    path,
                    "ชุดข้อมูลแบบมีชื่อกำกับ (key: value)",
                    "a mapping (key: value)",
                );
                None
            }
        }
    }

    fn expected(&mut self, node: &Node, path: &str, th: &str, en: &str) {
        // the whole file has no field name: say so instead of an empty path
        let (where_th, where_en) = if path.is_empty() {
            ("ทั้งไฟล์".to_string(), "the file".to_string())
        } else {
            (path.to_string(), path.to_string())
        };
        self.err(
            node.pos,
            "wrong-type",
            format!("{where_th}: ต้องเป็น{th} แต่พบ{}", node.kind_th()),
            format!("{where_en}: expected {en}, found {}", node.kind_en()),
        );
    }
}

/// A mapping being read: which keys were asked for, which were used.
struct Fields<'a> {
    path: String,
    pos: Pos,
    pairs: Vec<(String, Pos, &'a Node)>,
    used: Vec<bool>,
    known: Vec<&'static str>,
    /// Every spelling asked for, with the field's first name.
    spellings: Vec<(&'static str, &'static str)>,
}

impl<'a> Fields<'a> {
    /// The value of field `name` (one of its spellings), marked as used.
    fn take(&mut self, names: &[&'static str]) -> Option<(String, &'a Node)> {
        self.known.push(names[0]);
        self.spellings.extend(names.iter().map(|n| (*n, names[0])));
        for (i, (k, _, v)) in self.pairs.iter().enumerate() {
            if names.contains(&k.as_str()) && !self.used[i] {
                self.used[i] = true;
                return Some((child(&self.path, names[0]), *v));
            }
        }
        None
    }

    /// The field a spelling names, if it was asked for.
    fn field_of(&self, key: &str) -> Option<&'static str> {
        self.spellings
            .iter()
            .find(|(spelling, _)| *spelling == key)
            .map(|(_, field)| *field)
    }

    /// Reports fields nobody asked for, each with the nearest known name, and
    /// fields written twice, with the line of the one read.
    fn finish(self, cx: &mut Cx) {
        for (i, (k, pos, _)) in self.pairs.iter().enumerate() {
            if self.used[i] {
                continue;
            }
            let first = self.field_of(k).and_then(|field| {
                self.pairs
                    .iter()
                    .zip(&self.used)
                    .find(|((other, _, _), used)| **used && self.field_of(other) == Some(field))
                    .map(|((other, at, _), _)| (other, at))
            });
            if let Some((other, at)) = first {
                let name = child(&self.path, k);
                let line = at.line;
                let (th, en) = if other == k {
                    (
                        format!("ฟิลด์ `{name}` ซ้ำ (เขียนไว้แล้วที่บรรทัด {line}) ให้เหลือไว้ที่เดียว"),
                        format!(
                            "duplicate key `{name}` (already written at line {line}); keep one"
                        ),
                    )
                } else {
                    (
                        format!("ฟิลด์ `{name}` ซ้ำกับ `{other}` ที่บรรทัด {line} (เป็นฟิลด์เดียวกัน) ให้เหลือไว้ที่เดียว"),
                        format!("`{name}` repeats `{other}` at line {line} (the same field); keep one"),
                    )
                };
                cx.err(*pos, "duplicate-key", th, en);
                continue;
            }
            let where_ = if self.path.is_empty() {
                String::new()
            } else {
                format!(" ใน {}", self.path)
            };
            let where_en = if self.path.is_empty() {
                String::new()
            } else {
                format!(" in {}", self.path)
            };
            match nearest(k, &self.known) {
                Some(s) => cx.err(
                    *pos,
                    "unknown-field",
                    format!("ไม่รู้จักฟิลด์ `{k}`{where_} หมายถึง `{s}` หรือไม่"),
                    format!("unknown field `{k}`{where_en}; did you mean `{s}`?"),
                ),
                None => cx.err(
                    *pos,
                    "unknown-field",
                    format!("ไม่รู้จักฟิลด์ `{k}`{where_} ฟิลด์ที่ใช้ได้: {}", self.known.join(", ")),
                    format!(
                        "unknown field `{k}`{where_en}; known fields: {}",
                        self.known.join(", ")
                    ),
                ),
            }
        }
    }
}

fn child(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

/// Edit distance (Levenshtein) between two strings, by characters (`strsim`).
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::levenshtein(a, b)
}

/// The known name nearest to `word`, when it is near enough to be a typo.
pub fn nearest<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    let lower = word.to_lowercase();
    known
        .iter()
        .map(|k| (edit_distance(&lower, k), *k))
        .filter(|(d, k)| *d <= (k.chars().count() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

// ---------------------------------------------------------------- scalars

fn text(cx: &mut Cx, node: &Node, path: &str) -> Option<String> {
    cx.mark(path, node.pos);
    match &node.kind {
        Kind::Scalar { text, .. } => {
            let t = normalise::text(text);
            if !t.repairs.is_empty() {
                let th: Vec<&str> = t.repairs.iter().map(|k| k.thai()).collect();
                let en: Vec<&str> = t.repairs.iter().map(|k| k.english()).collect();
                cx.warn(
                    node.pos,
                    "text-repaired",
                    format!("{path}: แก้ไขข้อความให้ถูกต้อง ({})", th.join(", ")),
                    format!("{path}: text repaired ({})", en.join(", ")),
                );
            }
            cx.spans.texts.push((path.to_string(), t.text.clone()));
            Some(t.text)
        }
        _ => {
            cx.expected(node, path, "ข้อความ", "text");
            None
        }
    }
}

fn opt_text(cx: &mut Cx, f: &mut Fields, names: &[&'static str]) -> Option<String> {
    let (path, node) = f.take(names)?;
    if node.is_null() {
        return None;
    }
    text(cx, node, &path).filter(|t| !t.is_empty())
}

/// A file named in the input (`agency.emblem`, `settings.font`): the input may
/// come from someone else, so it may only name a file in its own folder. An
/// absolute path or one with `..` is an error here, before anything is opened
/// (the command-line options are the way to name a file elsewhere).
fn local_path(cx: &mut Cx, f: &mut Fields, names: &[&'static str]) -> Option<String> {
    let (path, node) = f.take(names)?;
    if node.is_null() {
        return None;
    }
    let value = text(cx, node, &path).filter(|t| !t.is_empty())?;
    match crate::files::check_relative(&value) {
        Ok(()) => Some(value),
        Err(e) => {
            cx.err(
                node.pos,
                "path-outside",
                format!("{path}: {}", e.message(&value, Lang::Th)),
                format!("{path}: {}", e.message(&value, Lang::En)),
            );
            None
        }
    }
}

fn text_list(cx: &mut Cx, f: &mut Fields, names: &[&'static str]) -> Vec<String> {
    let Some((path, node)) = f.take(names) else {
        return Vec::new();
    };
    cx.mark(&path, node.pos);
    match &node.kind {
        Kind::Seq(items) => items
            .iter()
            .enumerate()
            .filter_map(|(i, n)| text(cx, n, &format!("{path}.{i}")))
            .collect(),
        _ if node.is_null() => Vec::new(),
        _ => text(cx, node, &path).into_iter().collect(),
    }
}

fn number(cx: &mut Cx, node: &Node, path: &str) -> Option<f64> {
    cx.mark(path, node.pos);
    let Some(raw) = node.scalar() else {
        cx.expected(node, path, "ตัวเลข", "a number");
        return None;
    };
    match normalise::number(raw) {
        Some(n) => {
            if n.mixed {
                cx.warn(
                    node.pos,
                    "mixed-digits",
                    format!("{path}: ตัวเลข \"{raw}\" ปนเลขไทยกับเลขอารบิก"),
                    format!("{path}: the number \"{raw}\" mixes Thai and Arabic digits"),
                );
            } else if n.thai {
                cx.warn(
                    node.pos,
                    "thai-digits",
                    format!("{path}: อ่าน \"{raw}\" ที่เขียนด้วยเลขไทยเป็น {}", n.value),
                    format!(
                        "{path}: read \"{raw}\" written in Thai digits as {}",
                        n.value
                    ),
                );
            }
            Some(n.value)
        }
        None => {
            cx.err(
                node.pos,
                "not-a-number",
                format!("{path}: \"{raw}\" ไม่ใช่ตัวเลข"),
                format!("{path}: \"{raw}\" is not a number"),
            );
            None
        }
    }
}

fn opt_number(cx: &mut Cx, f: &mut Fields, names: &[&'static str]) -> Option<f64> {
    let (path, node) = f.take(names)?;
    if node.is_null() {
        return None;
    }
    number(cx, node, &path)
}

fn integer(cx: &mut Cx, node: &Node, path: &str, max: f64) -> Option<u32> {
    let v = number(cx, node, path)?;
    if v.fract() != 0.0 || v < 0.0 || v > max {
        cx.err(
            node.pos,
            "not-an-integer",
            format!("{path}: ต้องเป็นจำนวนเต็มไม่เกิน {max}"),
            format!("{path}: expected a whole number up to {max}"),
        );
        return None;
    }
    Some(v as u32)
}

fn year(cx: &mut Cx, node: &Node, path: &str) -> Option<u16> {
    let y = integer(cx, node, path, 9999.0)?;
    if (1900..2400).contains(&y) {
        let be = y + 543;
        cx.warn(
            node.pos,
            "christian-era-year",
            format!("{path}: ปี {y} เป็นคริสต์ศักราช ใช้ พ.ศ. {be}"),
            format!("{path}: {y} is a Christian-era year; using Buddhist era {be}"),
        );
        return Some(be as u16);
    }
    if !(2400..=2700).contains(&y) {
        cx.err(
            node.pos,
            "bad-year",
            format!("{path}: ปีงบประมาณ {y} ไม่ถูกต้อง (เขียนเป็น พ.ศ. เช่น 2568)"),
            format!("{path}: {y} is not a fiscal year (write it in Buddhist era, e.g. 2568)"),
        );
        return None;
    }
    Some(y as u16)
}

fn date(cx: &mut Cx, f: &mut Fields, names: &[&'static str]) -> Option<Date> {
    let (path, node) = f.take(names)?;
    if node.is_null() {
        return None;
    }
    cx.mark(&path, node.pos);
    let Some(raw) = node.scalar() else {
        cx.expected(node, &path, "วันที่", "a date");
        return None;
    };
    if normalise::mixed_digits(raw) {
        cx.warn(
            node.pos,
            "mixed-digits",
            format!("{path}: วันที่ \"{raw}\" ปนเลขไทยกับเลขอารบิก"),
            format!("{path}: the date \"{raw}\" mixes Thai and Arabic digits"),
        );
    }
    match normalise::date(raw) {
        Some((d, _)) => Some(Date(d)),
        None => {
            cx.err(
                node.pos,
                "bad-date",
                format!("{path}: อ่านวันที่ \"{raw}\" ไม่ได้ (เช่น 2566-08-11 หรือ ๑๑ สิงหาคม ๒๕๖๖)"),
                format!(
                    "{path}: cannot read the date \"{raw}\" (e.g. 2566-08-11 or ๑๑ สิงหาคม ๒๕๖๖)"
                ),
            );
            None
        }
    }
}

fn boolean(cx: &mut Cx, node: &Node, path: &str) -> Option<bool> {
    cx.mark(path, node.pos);
    match node.scalar().map(str::trim) {
        Some("true" | "True" | "TRUE" | "yes" | "on" | "ใช่") => Some(true),
        Some("false" | "False" | "FALSE" | "no" | "off" | "ไม่") => Some(false),
        _ => {
            cx.expected(node, path, "true หรือ false", "true or false");
            None
        }
    }
}

// ---------------------------------------------------------------- keyed maps

/// Reads an indicator number key (1–10, Thai digits accepted).
fn indicator_key(cx: &mut Cx, key: &Node, path: &str) -> Option<u8> {
    let raw = key.scalar().unwrap_or("");
    match normalise::number(raw) {
        Some(n) if n.value.fract() == 0.0 && (1.0..=10.0).contains(&n.value) => Some(n.value as u8),
        _ => {
            cx.err(
                key.pos,
                "bad-indicator",
                format!("{path}: \"{raw}\" ไม่ใช่หมายเลขตัวชี้วัด (1-10)"),
                format!("{path}: \"{raw}\" is not an indicator number (1-10)"),
            );
            None
        }
    }
}

fn indicator_scores(cx: &mut Cx, node: &Node, path: &str) -> BTreeMap<u8, f64> {
    cx.mark(path, node.pos);
    let mut out = BTreeMap::new();
    match &node.kind {
        Kind::Map(pairs) => {
            for (k, v) in pairs {
                let Some(no) = indicator_key(cx, k, path) else {
                    continue;
                };
                let p = format!("{path}.{no}");
                if out.contains_key(&no) {
                    cx.err(
                        k.pos,
                        "duplicate-indicator",
                        format!("{path}: ตัวชี้วัดที่ {no} ซ้ำ"),
                        format!("{path}: indicator {no} given twice"),
                    );
                    continue;
                }
                if let Some(x) = number(cx, v, &p) {
                    out.insert(no, x);
                }
            }
        }
        Kind::Seq(items) => {
            for (i, v) in items.iter().enumerate().take(10) {
                let no = i as u8 + 1;
                if let Some(x) = number(cx, v, &format!("{path}.{no}")) {
                    out.insert(no, x);
                }
            }
        }
        _ => cx.expected(
            node,
            path,
            "คะแนนรายตัวชี้วัด (1: คะแนน …)",
            "indicator scores (1: score …)",
        ),
    }
    out
}

fn question_score(cx: &mut Cx, node: &Node, path: &str) -> QuestionScore {
    let mut q = QuestionScore::default();
    let is_low = |n: &Node| matches!(n.scalar().map(str::trim), Some("low" | "ต่ำ"));
    if is_low(node) {
        cx.mark(path, node.pos);
        q.low = true;
        return q;
    }
    if let Kind::Map(_) = node.kind {
        if let Some(mut f) = cx.fields(node, path) {
            if let Some((p, n)) = f.take(&["public", "eit_public"]) {
                if is_low(n) {
                    cx.mark(&p, n.pos);
                    q.low_public = true;
                } else {
                    q.public = number(cx, n, &p);
                }
            }
            if let Some((p, n)) = f.take(&["survey", "eit_survey"]) {
                if is_low(n) {
                    cx.mark(&p, n.pos);
                    q.low_survey = true;
                } else {
                    q.survey = number(cx, n, &p);
                }
            }
            q.score = opt_number(cx, &mut f, &["score"]);
            f.finish(cx);
        }
        return q;
    }
    q.score = number(cx, node, path);
    q
}

fn questions(cx: &mut Cx, node: &Node, path: &str) -> BTreeMap<String, QuestionScore> {
    cx.mark(path, node.pos);
    let mut out = BTreeMap::new();
    let Kind::Map(pairs) = &node.kind else {
        if !node.is_null() {
            cx.expected(
                node,
                path,
                "คะแนนรายข้อคำถาม (i1: คะแนน …)",
                "question scores (i1: score …)",
            );
        }
        return out;
    };
    for (k, v) in pairs {
        let raw = k.scalar().unwrap_or("").trim().to_string();
        let Some(code) = question_code(cx, &raw, k.pos, path) else {
            continue;
        };
        if out.contains_key(&code) {
            cx.err(
                k.pos,
                "duplicate-question",
                format!("{path}: ข้อคำถาม {code} ซ้ำ"),
                format!("{path}: question {code} given twice"),
            );
            continue;
        }
        let p = format!("{path}.{code}");
        let q = question_score(cx, v, &p);
        out.insert(code, q);
    }
    out
}

/// A list of question codes (`refs`), each normalised as the question keys are
/// ("๐14" → o14, with the same warnings); an item that is no question code is
/// kept as typed, with a warning, and checked as text.
fn code_list(cx: &mut Cx, f: &mut Fields, names: &[&'static str]) -> Vec<String> {
    let Some((path, node)) = f.take(names) else {
        return Vec::new();
    };
    cx.mark(&path, node.pos);
    let items: Vec<&Node> = match &node.kind {
        Kind::Seq(items) => items.iter().collect(),
        _ if node.is_null() => Vec::new(),
        _ => vec![node],
    };
    let mut out = Vec::new();
    for (i, n) in items.into_iter().enumerate() {
        let p = format!("{path}.{i}");
        let raw = n.scalar().unwrap_or("").trim().to_string();
        if normalise::question_code(&raw).is_some() {
            cx.mark(&p, n.pos);
            out.extend(question_code(cx, &raw, n.pos, &p));
        } else if let Some(t) = text(cx, n, &p) {
            cx.warn(
                n.pos,
                "bad-question-ref",
                format!("{p}: \"{t}\" ไม่ใช่รหัสข้อคำถาม (เช่น o14)"),
                format!("{p}: \"{t}\" is not a question code (e.g. o14)"),
            );
            out.push(t);
        }
    }
    out
}

fn question_code(cx: &mut Cx, raw: &str, pos: Pos, path: &str) -> Option<String> {
    match normalise::question_code(raw) {
        Some(c) => {
            if normalise::mixed_digits(raw) {
                cx.warn(
                    pos,
                    "mixed-digits",
                    format!("{path}: รหัสข้อคำถาม \"{raw}\" ปนเลขไทยกับเลขอารบิก"),
                    format!("{path}: the question code \"{raw}\" mixes Thai and Arabic digits"),
                );
            }
            if c.repaired {
                cx.code_spellings.push((raw.to_string(), c.code.clone()));
                cx.warn(
                    pos,
                    "question-code-spelling",
                    format!("{path}: อ่านรหัสข้อคำถาม \"{raw}\" เป็น {}", c.code),
                    format!("{path}: read the question code \"{raw}\" as {}", c.code),
                );
            }
            Some(c.code)
        }
        None => {
            cx.err(
                pos,
                "bad-question-code",
                format!("{path}: \"{raw}\" ไม่ใช่รหัสข้อคำถาม (เช่น i1, e4, o14)"),
                format!("{path}: \"{raw}\" is not a question code (e.g. i1, e4, o14)"),
            );
            None
        }
    }
}

// ---------------------------------------------------------------- sections

/// Reads the whole document.
pub fn input(cx: &mut Cx, root: &Node) -> Option<Input> {
    let mut f = cx.fields(root, "")?;
    let mut input = Input::default();
    let mut ok = true;

    match f.take(&["agency"]) {
        Some((p, n)) => input.agency = agency(cx, n, &p).unwrap_or_default(),
        None => {
            missing(cx, f.pos, "", "agency");
            ok = false;
        }
    }
    match f.take(&["year"]) {
        Some((p, n)) => match year(cx, n, &p) {
            Some(y) => input.year = y,
            None => ok = false,
        },
        None => {
            missing(cx, f.pos, "", "year");
            ok = false;
        }
    }
    match f.take(&["result"]) {
        Some((p, n)) => match result(cx, n, &p) {
            Some(r) => input.result = r,
            None => ok = false,
        },
        None => {
            missing(cx, f.pos, "", "result");
            ok = false;
        }
    }
    if let Some((p, n)) = f.take(&["history"]) {
        input.history = history(cx, n, &p);
    }
    if let Some((p, n)) = f.take(&["memo"]) {
        input.memo = memo(cx, n, &p).unwrap_or_default();
    }
    if let Some((p, n)) = f.take(&["announcement"]) {
        if let Some(mut g) = cx.fields(n, &p) {
            input.announcement.date = date(cx, &mut g, &["date"]);
            input.announcement.signer = person_field(cx, &mut g, &["signer"]);
            input.announcement.notes = text_list(cx, &mut g, &["notes"]);
            g.finish(cx);
        }
    }
    if let Some((p, n)) = f.take(&["plan"]) {
        if let Some(mut g) = cx.fields(n, &p) {
            if let Some((mp, mn)) = g.take(&["measures"]) {
                input.plan.measures = list(cx, mn, &mp, measure);
            }
            input.plan.proposer = person_field(cx, &mut g, &["proposer"]);
            input.plan.endorser = person_field(cx, &mut g, &["endorser"]);
            input.plan.approver = person_field(cx, &mut g, &["approver"]);
            g.finish(cx);
        }
    }
    if let Some((p, n)) = f.take(&["meeting"]) {
        if !n.is_null() {
            input.meeting = meeting(cx, n, &p);
        }
    }
    if let Some((p, n)) = f.take(&["settings"]) {
        input.settings = settings(cx, n, &p);
    }
    if let Some((p, n)) = f.take(&["recommendations"]) {
        input.recommendations = recommendations(cx, n, &p);
    }
    f.finish(cx);
    ok.then_some(input)
}

fn missing(cx: &mut Cx, pos: Pos, path: &str, name: &str) {
    let full = child(path, name);
    cx.err(
        pos,
        "missing-field",
        format!("ขาดฟิลด์ที่ต้องมี `{full}`"),
        format!("missing required field `{full}`"),
    );
}

fn list<T>(
    cx: &mut Cx,
    node: &Node,
    path: &str,
    item: fn(&mut Cx, &Node, &str) -> Option<T>,
) -> Vec<T> {
    cx.mark(path, node.pos);
    match &node.kind {
        Kind::Seq(items) => items
            .iter()
            .enumerate()
            .filter_map(|(i, n)| item(cx, n, &format!("{path}.{i}")))
            .collect(),
        _ if node.is_null() => Vec::new(),
        _ => {
            cx.expected(node, path, "รายการ (- …)", "a list (- …)");
            Vec::new()
        }
    }
}

fn agency(cx: &mut Cx, node: &Node, path: &str) -> Option<Agency> {
    let mut f = cx.fields(node, path)?;
    let name = opt_text(cx, &mut f, &["name"]);
    if name.is_none() {
        missing(cx, f.pos, path, "name");
    }
    let strip = |s: Option<String>, word: &str| {
        s.map(|t| {
            t.strip_prefix(word)
                .map(|r| r.trim().to_string())
                .unwrap_or(t)
        })
    };
    let a = Agency {
        name: name.unwrap_or_default(),
        district: strip(opt_text(cx, &mut f, &["district"]), "อำเภอ"),
        province: strip(opt_text(cx, &mut f, &["province"]), "จังหวัด"),
        office: opt_text(cx, &mut f, &["office"]),
        section: opt_text(cx, &mut f, &["section"]),
        phone: opt_text(cx, &mut f, &["phone"]),
        code: opt_text(cx, &mut f, &["code"]),
        emblem: local_path(cx, &mut f, &["emblem"]),
    };
    f.finish(cx);
    Some(a)
}

fn result(cx: &mut Cx, node: &Node, path: &str) -> Option<ResultData> {
    let mut f = cx.fields(node, path)?;
    let mut r = ResultData::default();
    let mut ok = true;
    match f.take(&["indicators"]) {
        Some((p, n)) => r.indicators = indicator_scores(cx, n, &p),
        None => {
            missing(cx, f.pos, path, "indicators");
            ok = false;
        }
    }
    r.overall = opt_number(cx, &mut f, &["overall"]);
    r.level = opt_text(cx, &mut f, &["level"]);
    if let Some((p, n)) = f.take(&["tools"]) {
        if let Some(mut g) = cx.fields(n, &p) {
            r.tools = Tools {
                iit: opt_number(cx, &mut g, &["iit"]),
                eit: opt_number(cx, &mut g, &["eit"]),
                eit_public: opt_number(cx, &mut g, &["eit_public"]),
                eit_survey: opt_number(cx, &mut g, &["eit_survey"]),
                oit: opt_number(cx, &mut g, &["oit"]),
            };
            g.finish(cx);
        }
    }
    if let Some((p, n)) = f.take(&["subindicators"]) {
        cx.mark(&p, n.pos);
        match &n.kind {
            Kind::Map(pairs) => {
                for (k, v) in pairs {
                    let raw = normalise::arabic_digits(k.scalar().unwrap_or("").trim());
                    let valid = matches!(raw.split_once('.'), Some((a, b))
                        if a.parse::<u8>().is_ok() && b.parse::<u8>().is_ok());
                    if !valid {
                        cx.err(
                            k.pos,
                            "bad-subindicator",
                            format!("{p}: \"{raw}\" ไม่ใช่รหัสตัวชี้วัดย่อย (เช่น \"9.1\")"),
                            format!("{p}: \"{raw}\" is not a sub-indicator code (e.g. \"9.1\")"),
                        );
                        continue;
                    }
                    if let Some(x) = number(cx, v, &format!("{p}.{raw}")) {
                        r.subindicators.insert(raw, x);
                    }
                }
            }
            _ if n.is_null() => {}
            _ => cx.expected(n, &p, "คะแนนรายตัวชี้วัดย่อย", "sub-indicator scores"),
        }
    }
    if let Some((p, n)) = f.take(&["questions"]) {
        r.questions = questions(cx, n, &p);
    }
    if let Some((p, n)) = f.take(&["names"]) {
        cx.mark(&p, n.pos);
        match &n.kind {
            Kind::Map(pairs) => {
                for (k, v) in pairs {
                    let Some(no) = indicator_key(cx, k, &p) else {
                        continue;
                    };
                    if let Some(t) = text(cx, v, &format!("{p}.{no}")) {
                        r.names.insert(no, t);
                    }
                }
            }
            _ if n.is_null() => {}
            _ => cx.expected(n, &p, "ชื่อตัวชี้วัด (1: ชื่อ …)", "indicator names (1: name …)"),
        }
    }
    f.finish(cx);
    ok.then_some(r)
}

fn history(cx: &mut Cx, node: &Node, path: &str) -> Vec<HistoryEntry> {
    let mut out = list(cx, node, path, |cx, n, p| {
        let mut f = cx.fields(n, p)?;
        let y = match f.take(&["year"]) {
            Some((yp, yn)) => year(cx, yn, &yp),
            None => {
                missing(cx, f.pos, p, "year");
                None
            }
        };
        let h = HistoryEntry {
            year: y.unwrap_or(0),
            overall: opt_number(cx, &mut f, &["overall"]),
            level: opt_text(cx, &mut f, &["level"]),
            indicators: match f.take(&["indicators"]) {
                Some((ip, inode)) => indicator_scores(cx, inode, &ip),
                None => BTreeMap::new(),
            },
        };
        f.finish(cx);
        y.map(|_| h)
    });
    out.sort_by_key(|h| h.year);
    out
}

fn person(cx: &mut Cx, node: &Node, path: &str) -> Option<Person> {
    if let Kind::Scalar { .. } = node.kind {
        return text(cx, node, path).map(|name| Person {
            name,
            ..Person::default()
        });
    }
    let mut f = cx.fields(node, path)?;
    let name = opt_text(cx, &mut f, &["name"]);
    if name.is_none() {
        missing(cx, f.pos, path, "name");
    }
    let p = Person {
        name: name.unwrap_or_default(),
        position: opt_text(cx, &mut f, &["position"]),
        acting: opt_text(cx, &mut f, &["acting"]),
        capacity: opt_text(cx, &mut f, &["capacity"]),
    };
    f.finish(cx);
    Some(p)
}

fn person_field(cx: &mut Cx, f: &mut Fields, names: &[&'static str]) -> Option<Person> {
    let (p, n) = f.take(names)?;
    if n.is_null() {
        return None;
    }
    person(cx, n, &p)
}

fn memo(cx: &mut Cx, node: &Node, path: &str) -> Option<Memo> {
    let mut f = cx.fields(node, path)?;
    let m = Memo {
        number: opt_text(cx, &mut f, &["number"]),
        date: date(cx, &mut f, &["date"]),
        to: opt_text(cx, &mut f, &["to"]),
        subject: opt_text(cx, &mut f, &["subject"]),
        background: text_list(cx, &mut f, &["background"]),
        guidelines: text_list(cx, &mut f, &["guidelines"]),
        author: person_field(cx, &mut f, &["author"]),
        chain: match f.take(&["chain"]) {
            Some((p, n)) => list(cx, n, &p, |cx, n, p| {
                let mut g = cx.fields(n, p)?;
                let name = opt_text(cx, &mut g, &["name"]);
                if name.is_none() {
                    missing(cx, g.pos, p, "name");
                }
                let e = ChainEntry {
                    title: opt_text(cx, &mut g, &["title"]),
                    name: name.unwrap_or_default(),
                    position: opt_text(cx, &mut g, &["position"]),
                    acting: opt_text(cx, &mut g, &["acting"]),
                    capacity: opt_text(cx, &mut g, &["capacity"]),
                };
                g.finish(cx);
                Some(e)
            }),
            None => Vec::new(),
        },
    };
    f.finish(cx);
    Some(m)
}

fn status(cx: &mut Cx, node: &Node, path: &str) -> Option<Status> {
    let raw = text(cx, node, path)?;
    let s = match raw.as_str() {
        "not_started" | "ยังไม่ดำเนินงาน" | "ยังไม่ดำเนินการ" => {
            Status::NotStarted
        }
        "in_progress" | "อยู่ระหว่างดำเนินงาน" | "อยู่ระหว่างดำเนินการ" => {
            Status::InProgress
        }
        "done" | "ดำเนินงานเสร็จแล้ว" | "ดำเนินการแล้ว" | "เสร็จแล้ว" => {
            Status::Done
        }
        other => {
            let hint = nearest(other, &["not_started", "in_progress", "done"]);
            cx.err(
                node.pos,
                "bad-status",
                format!(
                    "{path}: สถานะ \"{other}\" ไม่ถูกต้อง ใช้ not_started, in_progress หรือ done{}",
                    hint.map(|h| format!(" (หมายถึง {h} หรือไม่)"))
                        .unwrap_or_default()
                ),
                format!(
                    "{path}: unknown status \"{other}\"; use not_started, in_progress or done{}",
                    hint.map(|h| format!(" (did you mean {h}?)"))
                        .unwrap_or_default()
                ),
            );
            return None;
        }
    };
    Some(s)
}

fn measure(cx: &mut Cx, node: &Node, path: &str) -> Option<Measure> {
    let mut f = cx.fields(node, path)?;
    let mut m = Measure::default();
    if let Some((p, n)) = f.take(&["indicator", "indicators"]) {
        cx.mark(&p, n.pos);
        let nodes: Vec<&Node> = match &n.kind {
            Kind::Seq(items) => items.iter().collect(),
            _ if n.is_null() => Vec::new(),
            _ => vec![n],
        };
        for x in nodes {
            if let Some(no) = indicator_key(cx, x, &p) {
                m.indicators.push(no);
            }
        }
    }
    match opt_text(cx, &mut f, &["title"]) {
        Some(t) => m.title = t,
        None => missing(cx, f.pos, path, "title"),
    }
    m.steps = text_list(cx, &mut f, &["steps"]);
    m.period = opt_text(cx, &mut f, &["period"]);
    m.owner = text_list(cx, &mut f, &["owner"]);
    m.deadline = date(cx, &mut f, &["deadline"]);
    if let Some((p, n)) = f.take(&["status"]) {
        if !n.is_null() {
            m.status = status(cx, n, &p);
        }
    }
    m.note = opt_text(cx, &mut f, &["note"]);
    m.analysis = opt_text(cx, &mut f, &["analysis"]);
    f.finish(cx);
    Some(m)
}

fn meeting(cx: &mut Cx, node: &Node, path: &str) -> Option<Meeting> {
    let mut f = cx.fields(node, path)?;
    let m = Meeting {
        date: date(cx, &mut f, &["date"]),
        time: opt_text(cx, &mut f, &["time", "start"]),
        end: opt_text(cx, &mut f, &["end"]),
        place: opt_text(cx, &mut f, &["place"]),
        topics: text_list(cx, &mut f, &["topics"]),
        attendees: match f.take(&["attendees"]) {
            Some((p, n)) => list(cx, n, &p, person),
            None => Vec::new(),
        },
        recorder: person_field(cx, &mut f, &["recorder"]),
    };
    f.finish(cx);
    Some(m)
}

fn settings(cx: &mut Cx, node: &Node, path: &str) -> Settings {
    let mut s = Settings::default();
    let Some(mut f) = cx.fields(node, path) else {
        return s;
    };
    if let Some((p, n)) = f.take(&["thai_digits"]) {
        if let Some(b) = boolean(cx, n, &p) {
            s.thai_digits = b;
        }
    }
    if let Some(t) = opt_number(cx, &mut f, &["threshold"]) {
        s.threshold = t;
    }
    if let Some(font) = local_path(cx, &mut f, &["font"]) {
        s.font = font;
    }
    s.docx_font = opt_text(cx, &mut f, &["docx_font"]).filter(|f| !f.trim().is_empty());
    f.finish(cx);
    s
}

fn recommendations(cx: &mut Cx, node: &Node, path: &str) -> RecommendationSet {
    let mut set = RecommendationSet::default();
    let Some(mut f) = cx.fields(node, path) else {
        return set;
    };
    if let Some((p, n)) = f.take(&["version"]) {
        set.version = integer(cx, n, &p, 1000.0);
    }
    if let Some((p, n)) = f.take(&["questions"]) {
        if let Kind::Map(pairs) = &n.kind {
            for (k, v) in pairs {
                let raw = k.scalar().unwrap_or("").trim().to_string();
                let Some(code) = question_code(cx, &raw, k.pos, &p) else {
                    continue;
                };
                let qp = format!("{p}.{code}");
                if let Some(mut g) = cx.fields(v, &qp) {
                    let q = QuestionText {
                        text: opt_text(cx, &mut g, &["text"]),
                        finding: opt_text(cx, &mut g, &["finding"]),
                        action: opt_text(cx, &mut g, &["action"]),
                        refs: code_list(cx, &mut g, &["refs"]),
                    };
                    g.finish(cx);
                    set.questions.insert(code, q);
                }
            }
        } else if !n.is_null() {
            cx.expected(n, &p, "ชุดข้อมูลตามรหัสข้อคำถาม", "a mapping by question code");
        }
    }
    if let Some((p, n)) = f.take(&["indicators"]) {
        if let Kind::Map(pairs) = &n.kind {
            for (k, v) in pairs {
                let Some(no) = indicator_key(cx, k, &p) else {
                    continue;
                };
                let ip = format!("{p}.{no}");
                if let Some(mut g) = cx.fields(v, &ip) {
                    let t = IndicatorText {
                        keep: opt_text(cx, &mut g, &["keep"]),
                        finding: opt_text(cx, &mut g, &["finding"]),
                        action: opt_text(cx, &mut g, &["action"]),
                        measures: match g.take(&["measures"]) {
                            Some((mp, mn)) => list(cx, mn, &mp, |cx, n, p| {
                                let mut h = cx.fields(n, p)?;
                                let title = opt_text(cx, &mut h, &["title"]);
                                if title.is_none() {
                                    missing(cx, h.pos, p, "title");
                                }
                                let d = DefaultMeasure {
                                    title: title.unwrap_or_default(),
                                    steps: text_list(cx, &mut h, &["steps"]),
                                    owner: text_list(cx, &mut h, &["owner"]),
                                    period: opt_text(cx, &mut h, &["period"]),
                                };
                                h.finish(cx);
                                Some(d)
                            }),
                            None => Vec::new(),
                        },
                    };
                    g.finish(cx);
                    set.indicators.insert(no, t);
                }
            }
        } else if !n.is_null() {
            cx.expected(
                n,
                &p,
                "ชุดข้อมูลตามหมายเลขตัวชี้วัด",
                "a mapping by indicator number",
            );
        }
    }
    if let Some((p, n)) = f.take(&["year_set"]) {
        set.year_set = year(cx, n, &p);
    }
    set.guidelines = text_list(cx, &mut f, &["guidelines"]);
    if let Some((p, n)) = f.take(&["tools"]) {
        if let Some(mut g) = cx.fields(n, &p) {
            for name in ["iit", "eit", "oit"] {
                let key: &'static str = name;
                if let Some((tp, tn)) = g.take(&[key]) {
                    if let Some(mut h) = cx.fields(tn, &tp) {
                        let t = ToolText {
                            keep: opt_text(cx, &mut h, &["keep"]),
                            improve: opt_text(cx, &mut h, &["improve"]),
                        };
                        h.finish(cx);
                        set.tools.insert(name.to_string(), t);
                    }
                }
            }
            g.finish(cx);
        }
    }
    if let Some((p, n)) = f.take(&["subindicators"]) {
        if let Kind::Map(pairs) = &n.kind {
            for (k, v) in pairs {
                let code = normalise::arabic_digits(k.scalar().unwrap_or("").trim());
                let sp = format!("{p}.{code}");
                if let Some(mut g) = cx.fields(v, &sp) {
                    let t = SubindicatorText {
                        name: opt_text(cx, &mut g, &["name"]),
                        keep: opt_text(cx, &mut g, &["keep"]),
                        finding: opt_text(cx, &mut g, &["finding"]),
                        action: opt_text(cx, &mut g, &["action"]),
                    };
                    g.finish(cx);
                    set.subindicators.insert(code, t);
                }
            }
        } else if !n.is_null() {
            cx.expected(
                n,
                &p,
                "ชุดข้อมูลตามรหัสตัวชี้วัดย่อย",
                "a mapping by sub-indicator code",
            );
        }
    }
    f.finish(cx);
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_names() {
        assert_eq!(nearest("nmae", &["name", "district"]), Some("name"));
        assert_eq!(nearest("provence", &["name", "province"]), Some("province"));
        assert_eq!(nearest("zzzzzz", &["name", "province"]), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
