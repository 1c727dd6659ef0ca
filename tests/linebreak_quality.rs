//! Quality of Thai line breaking on the seed documents, and one test per break rule.
//!
//! The quality test segments every paragraph of the five seed documents
//! (../shared/seeds) and counts break opportunities that fall strictly inside an
//! occurrence of a protected term (data/protected_terms.txt: words, names,
//! abbreviations and numbers a Thai reader would never accept split). The same
//! figure is printed for ICU4X's own Thai line breaking (dictionary and LSTM
//! models) for comparison.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Instant;

use itadoc::thai;
use itadoc::typeset::segment::{Break, BreakKind, Segmenter};

/// Agency names as the input YAML gives them (full and short forms), added as
/// extra words the way the typesetter adds the document's proper nouns.
const AGENCIES: &[&str] = &[
    "เทศบาลตำบลโคกสูงสัมพันธ์",
    "เทศบาลตำบลศรีสำราญ",
    "องค์การบริหารส่วนตำบลพลสงคราม",
    "อบต.พลสงคราม",
    "องค์การบริหารส่วนตำบลลำปางรอง",
    "อบต.ลำปางรอง",
    "องค์การบริหารส่วนตำบลโคกสะอาด",
    "อบต.โคกสะอาด",
];

/// The other proper nouns of the seeds' inputs (districts, provinces, people,
/// positions), which the typesetter also adds as extra words.
const PROPER_NOUNS: &[&str] = &[
    "ชุมแพ",
    "ฆ้องชัย",
    "พรเจริญ",
    "เมืองชัย",
    "โนนสูง",
    "ขอนแก่น",
    "กาฬสินธุ์",
    "นครราชสีมา",
    "บึงกาฬ",
    "นายโกสินทร์ วิชาธรรม",
    "นายจรัส สงวนรัตน์",
    "นายบุญส่ง นาสมสร้อย",
    "นายวิสันต์ สิงห์แก้ว",
    "นายสันติ นาวีสัมพันธ์",
    "นางดวงใจ กระเวนกิจ",
    "นางพัชรินทร์ เวสสุกรรรม",
    "นางสาวอรชพร มีโนนทอง",
    "นางแคทรียา อารุงพงษ์วัฒนา",
    "นักทรัพยากรบุคคลชำนาญการ",
    "หัวหน้าฝ่ายอำนวยการ",
    "ปลัดเทศบาลตำบลโคกสูงสัมพันธ์",
    "ปลัดองค์การบริหารส่วนตำบลโคกสะอาด",
];

/// Most bad breaks per 1,000 characters we accept.
const MAX_BAD_PER_1000: f64 = 0.1;

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every non-empty paragraph (line) of the seed documents.
fn seed_paragraphs() -> Vec<String> {
    let dir = crate_dir().join("../shared/seeds");
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| {
        panic!(
            "the seed documents are needed for this test: cannot read {}: {e}",
            dir.display()
        )
    });
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("listing seeds").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no seed .txt files in {}", dir.display());
    let mut paragraphs = Vec::new();
    for f in files {
        let text =
            std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("reading {}: {e}", f.display()));
        paragraphs.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from),
        );
    }
    paragraphs
}

/// The protected terms, one per line; `#` starts a comment line.
fn protected_terms() -> Vec<String> {
    let path = crate_dir().join("data/protected_terms.txt");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

/// Result of scoring one line breaker on the seeds.
struct Score {
    chars: usize,
    bad: usize,
    examples: Vec<String>,
}

impl Score {
    fn per_1000(&self) -> f64 {
        self.bad as f64 * 1000.0 / self.chars as f64
    }
}

/// Counts break offsets falling strictly inside an occurrence of a term. Where two
/// occurrences overlap (ประจำปี and ปีงบประมาณ in ประจำปีงบประมาณ), a break at the
/// edge of one of them inside the other keeps one reading whole and is not counted.
fn score(paragraphs: &[String], terms: &[String], breaks: impl Fn(&str) -> Vec<usize>) -> Score {
    let mut score = Score {
        chars: 0,
        bad: 0,
        examples: Vec::new(),
    };
    for p in paragraphs {
        score.chars += p.chars().count();
        let offsets: BTreeSet<usize> = breaks(p).into_iter().collect();
        let mut bad_here = BTreeSet::new();
        let occurrences: Vec<(usize, usize, &str)> = terms
            .iter()
            .flat_map(|term| {
                p.match_indices(term.as_str())
                    .map(move |(start, _)| (start, start + term.len(), term.as_str()))
            })
            .filter(|&(start, end, _)| whole_clusters(p, start, end)) // not ความโปร่งใส inside the typo ความโปร่งใส่
            .collect();
        // A break inside one occurrence is fine at the edge of another that only
        // partly overlaps it: that reading keeps the other term whole.
        let at_edge_of_overlapping = |o: usize, (s1, e1): (usize, usize)| {
            occurrences.iter().any(|&(s2, e2, _)| {
                let partial = (s1 < s2 && s2 < e1 && e1 < e2) || (s2 < s1 && s1 < e2 && e2 < e1);
                partial && (o == s2 || o == e2)
            })
        };
        for &(start, end, term) in &occurrences {
            for &o in offsets.range(start + 1..end) {
                if !at_edge_of_overlapping(o, (start, end))
                    && bad_here.insert(o)
                    && score.examples.len() < 40
                {
                    let before: Vec<char> = p[..o].chars().rev().take(12).collect();
                    let before: String = before.into_iter().rev().collect();
                    let after: String = p[o..].chars().take(12).collect();
                    score.examples.push(format!("{before}|{after}  [{term}]"));
                }
            }
        }
        score.bad += bad_here.len();
    }
    score
}

/// Whether `text[start..end]` neither ends before a mark or following vowel nor
/// starts after a leading vowel (then it is only part of a longer syllable).
fn whole_clusters(text: &str, start: usize, end: usize) -> bool {
    let next = text[end..].chars().next();
    let prev = text[..start].chars().next_back();
    let continues = next.is_some_and(|c| thai::is_combining_mark(c) || thai::is_following_vowel(c));
    let led = prev.is_some_and(thai::is_leading_vowel);
    !continues && !led
}

fn ours(seg: &Segmenter) -> impl Fn(&str) -> Vec<usize> + '_ {
    move |text| seg.breaks(text).iter().map(|b| b.offset).collect()
}

#[test]
fn seed_paragraphs_break_only_between_words() {
    let paragraphs = seed_paragraphs();
    let terms = protected_terms();
    assert!(terms.len() >= 300, "only {} protected terms", terms.len());

    let seg = Segmenter::with_words(AGENCIES.iter().chain(PROPER_NOUNS));
    let result = score(&paragraphs, &terms, ours(&seg));
    let agencies_only = score(&paragraphs, &terms, ours(&Segmenter::with_words(AGENCIES)));
    let plain = score(&paragraphs, &terms, ours(&Segmenter::new()));
    println!(
        "itadoc segmenter: {} bad breaks in {} characters = {:.3} per 1,000 \
         (agency names only: {} = {:.3}; no extra words: {} = {:.3})",
        result.bad,
        result.chars,
        result.per_1000(),
        agencies_only.bad,
        agencies_only.per_1000(),
        plain.bad,
        plain.per_1000()
    );
    for e in agencies_only.examples.iter().take(15) {
        println!("  bad with agency names only: {e}");
    }
    for e in &result.examples {
        println!("  bad: {e}");
    }
    assert!(
        result.per_1000() < MAX_BAD_PER_1000,
        "{:.3} bad breaks per 1,000 characters (limit {MAX_BAD_PER_1000}); first ones:\n{}",
        result.per_1000(),
        result.examples.join("\n")
    );
}

/// ICU4X's own Thai line breaking on the same metric, for the report. Run with
/// `cargo test --test linebreak_quality -- --ignored --nocapture`.
#[test]
#[ignore = "measurement for comparison, not a requirement"]
fn icu_models_on_the_same_metric() {
    use icu_segmenter::options::LineBreakOptions;
    use icu_segmenter::LineSegmenter;

    let paragraphs = seed_paragraphs();
    let terms = protected_terms();
    let models = [
        (
            "dictionary",
            LineSegmenter::new_dictionary(LineBreakOptions::default()),
        ),
        ("lstm", LineSegmenter::new_lstm(LineBreakOptions::default())),
    ];
    for (name, icu) in models {
        let started = Instant::now();
        let result = score(&paragraphs, &terms, |t| {
            icu.segment_str(t)
                .filter(|&o| o > 0 && o < t.len())
                .collect()
        });
        println!(
            "ICU4X {name}: {} bad breaks in {} characters = {:.3} per 1,000 ({:?} for all seeds)",
            result.bad,
            result.chars,
            result.per_1000(),
            started.elapsed()
        );
        for e in result.examples.iter().take(10) {
            println!("  bad: {e}");
        }
    }
    let seg = Segmenter::new();
    let started = Instant::now();
    for p in &paragraphs {
        std::hint::black_box(seg.breaks(p));
    }
    println!("itadoc: {:?} for all seeds", started.elapsed());
}

#[test]
fn dictionary_is_ready_fast_and_segmentation_is_quick() {
    let started = Instant::now();
    let seg = Segmenter::new();
    let ready = started.elapsed();
    assert!(!seg.breaks("การประเมินคุณธรรม").is_empty());
    println!("dictionary ready in {ready:?}");

    let path = crate_dir().join("../shared/seeds/002_69234dcaf8c956fa.txt");
    if let Ok(text) = std::fs::read_to_string(&path) {
        let started = Instant::now();
        let n = seg.breaks(&text).len();
        let took = started.elapsed();
        println!(
            "seed 002: {} bytes, {n} breaks in {took:?} ({:.1} MB/s)",
            text.len(),
            text.len() as f64 / took.as_secs_f64() / 1e6
        );
    }
}

// ---- one test per rule -------------------------------------------------------

/// The break offsets of `text`.
fn offsets(text: &str) -> Vec<usize> {
    Segmenter::new()
        .breaks(text)
        .iter()
        .map(|b| b.offset)
        .collect()
}

/// The text cut at every break, joined with '|'.
fn cut(seg: &Segmenter, text: &str) -> String {
    seg.marked(text)
}

/// Sample text with every kind of mark and vowel, in running prose.
const PROSE: &str = "ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐประจำปีงบประมาณ\
ผู้มีส่วนได้ส่วนเสียภายในได้ให้ความเห็นเกี่ยวกับการใช้ทรัพย์สินของทางราชการน้ำประปาไม่ไหลที่ที่ทำการ\
เจ้าหน้าที่ปฏิบัติงานโดยยึดหลักความถูกต้องไม่เลือกปฏิบัติแก้ไขปัญหาการทุจริตใช้จ่ายเงินงบประมาณ";

#[test]
fn thai_prose_has_breaks() {
    let n = offsets(PROSE).len();
    assert!(n > 30, "only {n} breaks in the sample prose");
}

#[test]
fn never_before_a_combining_mark_or_following_vowel() {
    for o in offsets(PROSE) {
        let next = PROSE[o..].chars().next().unwrap();
        assert!(
            !"่้๊๋ัิีึืุู็์ําะำๅ".contains(next),
            "break before {next:?} at {o}: {}",
            cut(&Segmenter::new(), PROSE)
        );
    }
}

#[test]
fn never_after_a_leading_vowel() {
    for o in offsets(PROSE) {
        let prev = PROSE[..o].chars().next_back().unwrap();
        assert!(!"เแโใไ".contains(prev), "break after {prev:?} at {o}");
    }
}

#[test]
fn never_before_mai_yamok_or_paiyannoi_even_across_a_space() {
    let seg = Segmenter::new();
    for text in [
        "ในเรื่องต่าง ๆ ที่เกี่ยวข้อง",
        "เรื่องต่างๆที่เกี่ยวข้อง",
        "ในกรณีนั้น ๆ ให้",
        "กรุงเทพฯเป็นเมือง",
    ] {
        let c = cut(&seg, text);
        assert!(!c.contains("|ๆ") && !c.contains("|ฯ"), "{c}");
    }
    assert!(cut(&seg, "ต่าง ๆ ที่").contains("ต่าง ๆ |ที่"));
}

#[test]
fn never_inside_numbers() {
    let seg = Segmenter::new();
    for (text, number) in [
        ("ปีงบประมาณ ๒๕๖๖ ได้", "๒๕๖๖"),
        ("ได้คะแนน 98.85 คะแนน", "98.85"),
        ("คำสั่งที่ ๒๒๕/๒๕๖๕ ลงวันที่", "๒๒๕/๒๕๖๕"),
        ("ข้อ ๑-๔ ของ", "๑-๔"),
        ("จำนวน 1,234.50 บาท", "1,234.50"),
        ("คะแนน๙๘.๘๕คะแนน", "๙๘.๘๕"),
    ] {
        let start = text.find(number).unwrap();
        let end = start + number.len();
        for o in offsets(text) {
            assert!(
                !(start < o && o < end),
                "break inside {number}: {}",
                cut(&seg, text)
            );
        }
    }
}

#[test]
fn never_inside_dotted_abbreviations_or_before_their_number() {
    let seg = Segmenter::new();
    for text in [
        "ประจำปีงบประมาณพ.ศ.๒๕๖๖",
        "ตามที่สำนักงานป.ป.ช.กำหนด",
        "ขององค์การบริหารส่วนตำบลอบต.ลำปางรอง",
        "วัสดุฯลฯและอื่น",
        "ณ วันที่๓๑ม.ค.๖๕",
    ] {
        let c = cut(&seg, text);
        for abbr in ["พ.ศ.๒๕๖๖", "ป.ป.ช.", "อบต.", "ฯลฯ", "ม.ค.๖๕"]
        {
            if text.contains(abbr) {
                assert!(c.contains(abbr), "{abbr} split in {c}");
            }
        }
    }
}

#[test]
fn a_number_stays_with_the_word_that_counts_it() {
    let seg = Segmenter::new();
    let text = "ตัวชี้วัดที่ ๓ การใช้อำนาจ ลงวันที่ ๑๑ สิงหาคม พ.ศ. ๒๕๖๖ ตามข้อ ๒ ได้ ๙๘.๘๕ คะแนน ณ ห้องประชุม ชั้น ๒ ตามมาตรา ๑๕";
    let c = cut(&seg, text);
    for kept in ["ตัวชี้วัดที่ ๓", "ที่ ๑๑", "พ.ศ. ๒๕๖๖", "ข้อ ๒", "ชั้น ๒", "มาตรา ๑๕"]
    {
        assert!(c.contains(kept), "{kept} split in {c}");
    }
    // elsewhere a line may still start with a number
    assert!(c.contains("ได้ |๙๘.๘๕"), "{c}");
}

#[test]
fn never_after_an_opening_or_before_closing_punctuation() {
    let seg = Segmenter::new();
    let text = "หน่วยงานภาครัฐ(Integrity and Transparency Assessment: ITA)ประจำปี, คะแนน.";
    let c = cut(&seg, text);
    for bad in ["(|", "|)", "|,", "|:", "|."] {
        assert!(!c.contains(bad), "{bad} in {c}");
    }
}

#[test]
fn no_line_is_left_without_a_break_for_long() {
    // With the document's proper nouns, as the typesetter builds its segmenter.
    let seg = Segmenter::with_words(AGENCIES.iter().chain(PROPER_NOUNS));
    for text in [
        "ตามประกาศสำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติเรื่องการประเมิน",
        "ส่งเสริมการมีส่วนร่วมของประชาชนในการพัฒนาการดำเนินงาน",
    ] {
        let c = cut(&seg, text);
        for piece in c.split('|') {
            let width = piece
                .chars()
                .filter(|&ch| !thai::is_combining_mark(ch))
                .count();
            assert!(width <= 22, "{piece} has no break in {c}");
        }
    }
    let c = cut(&seg, "ไตรมาส ๑-๔ (ปีงบประมาณ พ.ศ. ๒๕๖๙)");
    assert!(!c.contains("(|") && !c.contains("|)"), "{c}");
}

#[test]
fn extra_words_are_never_split() {
    let words = ["นายโกสินทร์ วิชาธรรม", "เทศบาลตำบลโคกสูงสัมพันธ์", "อารุงพงษ์วัฒนา"];
    let seg = Segmenter::with_words(words);
    let text = "ลงชื่อนายโกสินทร์ วิชาธรรมปลัดเทศบาลตำบลโคกสูงสัมพันธ์และนางแคทรียา อารุงพงษ์วัฒนา";
    let c = cut(&seg, text);
    for w in words {
        // an agency's name may break between the words of its kind (เทศบาล|ตำบล),
        // never inside the place
        let whole = w.strip_prefix("เทศบาลตำบล").unwrap_or(w);
        assert!(c.contains(whole), "{whole} split in {c}");
    }
    // Without them, the names are cut where dictionary words meet.
    let plain = cut(&Segmenter::new(), text);
    assert!(words.iter().any(|w| !plain.contains(w)), "{plain}");
}

#[test]
fn break_kinds_follow_what_precedes() {
    let text = "ปี ๒๕๖๖\nคะแนนของหน่วยงาน";
    let breaks = Segmenter::new().breaks(text);
    let space = text.find('๒').unwrap();
    let newline = text.find('\n').unwrap() + 1;
    assert!(breaks.contains(&Break {
        offset: space,
        kind: BreakKind::Space
    }));
    assert!(breaks.contains(&Break {
        offset: newline,
        kind: BreakKind::Mandatory
    }));
    let rest = text.find("หน่วยงาน").unwrap();
    assert!(breaks.contains(&Break {
        offset: rest,
        kind: BreakKind::Allowed
    }));
    assert!(breaks.windows(2).all(|w| w[0].offset < w[1].offset));
}
