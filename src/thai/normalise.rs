//! Repairs Thai text the way users' word processors break it.
//!
//! Text pasted from PDFs, web pages and old documents often carries invisible
//! differences that change how it is shaped, searched and broken into lines:
//! สระอำ typed as นิคหิต + สระอา, zero-width spaces, a space before a mark,
//! a tone mark typed twice or before its vowel, "แ" typed as two "เ". Each
//! repair is one pass over the text; every pass keeps the offset each character
//! had in the input so that the reported [`Repair`]s point at the original text.

use super::{is_combining_mark, is_tone_mark};

/// The repaired text and what was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalised {
    /// The text after all repairs.
    pub text: String,
    /// The repairs, in input order.
    pub repairs: Vec<Repair>,
}

/// One repair made by [`normalise`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Repair {
    /// What was repaired.
    pub kind: RepairKind,
    /// Offset in the input, counted in characters (not bytes), of the first
    /// character involved.
    pub offset: usize,
}

/// The kinds of [`Repair`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RepairKind {
    /// A zero-width character (U+200B, U+200C, U+200D, U+FEFF, U+2060) was removed.
    ZeroWidthRemoved,
    /// นิคหิต (U+0E4D) + สระอา (U+0E32), possibly with a tone mark between them,
    /// became สระอำ (U+0E33) after the tone mark.
    SaraAmComposed,
    /// A space before a combining mark was removed.
    SpaceBeforeMarkRemoved,
    /// A tone mark typed before its upper or lower vowel (or after สระอำ) was moved after it.
    MarkReordered,
    /// The same mark or vowel typed twice in a row was kept once.
    DoubledMarkCollapsed,
    /// Two สระเอ (เเ) typed for สระแอ became แ.
    DoubleSaraECombined,
}

impl RepairKind {
    /// A short description in English.
    pub fn english(self) -> &'static str {
        match self {
            RepairKind::ZeroWidthRemoved => "zero-width character removed",
            RepairKind::SaraAmComposed => "decomposed sara am (U+0E4D U+0E32) composed to U+0E33",
            RepairKind::SpaceBeforeMarkRemoved => "space before a combining mark removed",
            RepairKind::MarkReordered => "tone mark moved after its vowel",
            RepairKind::DoubledMarkCollapsed => "doubled mark or vowel collapsed",
            RepairKind::DoubleSaraECombined => "two sara e (เเ) combined into sara ae (แ)",
        }
    }

    /// A short description in Thai.
    pub fn thai(self) -> &'static str {
        match self {
            RepairKind::ZeroWidthRemoved => "ลบอักขระที่มองไม่เห็น (zero-width)",
            RepairKind::SaraAmComposed => "รวมนิคหิตกับสระอาเป็นสระอำ",
            RepairKind::SpaceBeforeMarkRemoved => "ลบช่องว่างหน้าวรรณยุกต์หรือสระ",
            RepairKind::MarkReordered => "สลับวรรณยุกต์ไปไว้หลังสระ",
            RepairKind::DoubledMarkCollapsed => "ลบวรรณยุกต์หรือสระที่พิมพ์ซ้ำ",
            RepairKind::DoubleSaraECombined => "รวมสระเอสองตัว (เเ) เป็นสระแอ (แ)",
        }
    }
}

/// A character with its offset in the input (in characters).
type Tagged = Vec<(usize, char)>;

/// Applies every repair, in this order: zero-width characters, สระอำ, spaces
/// before marks, mark order, doubled marks, เเ → แ; then again while a round
/// still repairs something (one repair can reveal another: ่ ่ ั needs a collapse
/// and a reorder), so that normalising the result changes nothing.
pub fn normalise(s: &str) -> Normalised {
    const PASSES: [fn(Tagged, &mut Vec<Repair>) -> Tagged; 6] = [
        remove_zero_width,
        compose_sara_am,
        remove_space_before_marks,
        reorder_tone_marks,
        collapse_doubled_marks,
        combine_double_sara_e,
    ];
    let mut chars: Tagged = s.chars().enumerate().collect();
    let mut repairs = Vec::new();
    // Every round that changes something removes a character or moves a tone
    // mark forward, so this ends; the bound only guards against mistakes.
    for _ in 0..=s.chars().count() {
        let before = repairs.len();
        for pass in PASSES {
            chars = pass(chars, &mut repairs);
        }
        if repairs.len() == before {
            break;
        }
    }
    repairs.sort_by_key(|r| r.offset);
    Normalised {
        text: chars.into_iter().map(|(_, c)| c).collect(),
        repairs,
    }
}

fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{2060}'
    )
}

fn remove_zero_width(chars: Tagged, repairs: &mut Vec<Repair>) -> Tagged {
    chars
        .into_iter()
        .filter(|&(offset, c)| {
            let zw = is_zero_width(c);
            if zw {
                repairs.push(Repair {
                    kind: RepairKind::ZeroWidthRemoved,
                    offset,
                });
            }
            !zw
        })
        .collect()
}

fn compose_sara_am(chars: Tagged, repairs: &mut Vec<Repair>) -> Tagged {
    const NIKHAHIT: char = '\u{0E4D}';
    const SARA_AA: char = '\u{0E32}';
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let (offset, c) = chars[i];
        let next = chars.get(i + 1).map(|&(_, c)| c);
        let after = chars.get(i + 2).map(|&(_, c)| c);
        if c == NIKHAHIT && next == Some(SARA_AA) {
            out.push((offset, 'ำ'));
            repairs.push(Repair {
                kind: RepairKind::SaraAmComposed,
                offset,
            });
            i += 2;
        } else if c == NIKHAHIT && next.is_some_and(is_tone_mark) && after == Some(SARA_AA) {
            out.push(chars[i + 1]);
            out.push((offset, 'ำ'));
            repairs.push(Repair {
                kind: RepairKind::SaraAmComposed,
                offset,
            });
            i += 3;
        } else {
            out.push((offset, c));
            i += 1;
        }
    }
    out
}

fn remove_space_before_marks(chars: Tagged, repairs: &mut Vec<Repair>) -> Tagged {
    let mut out: Tagged = Vec::with_capacity(chars.len());
    for (offset, c) in chars {
        if is_combining_mark(c) || c == 'ำ' {
            while let Some(&(space_at, ' ' | '\u{00A0}')) = out.last() {
                out.pop();
                repairs.push(Repair {
                    kind: RepairKind::SpaceBeforeMarkRemoved,
                    offset: space_at,
                });
            }
        }
        out.push((offset, c));
    }
    out
}

/// Upper and lower vowels (and ไม้ไต่คู้) that must come before a tone mark.
fn is_vowel_mark(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}')
}

/// Puts each run of marks in order: vowel marks, then tone marks, then สระอำ
/// (a stable sort of the run, one repair per mark found before one it must
/// follow). Sorting a run at once keeps this linear: moving one mark a place per
/// round would take rounds and repairs quadratic in a run of many marks.
fn reorder_tone_marks(mut chars: Tagged, repairs: &mut Vec<Repair>) -> Tagged {
    let rank = |c: char| {
        if is_vowel_mark(c) {
            Some(0)
        } else if is_tone_mark(c) {
            Some(1)
        } else if c == 'ำ' {
            Some(2)
        } else {
            None
        }
    };
    let mut i = 0;
    while i < chars.len() {
        if rank(chars[i].1).is_none() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && rank(chars[i].1).is_some() {
            i += 1;
        }
        let run = &mut chars[start..i];
        let mut sorted = true;
        for w in run.windows(2) {
            if rank(w[0].1) > rank(w[1].1) {
                sorted = false;
                repairs.push(Repair {
                    kind: RepairKind::MarkReordered,
                    offset: w[0].0,
                });
            }
        }
        if !sorted {
            run.sort_by_key(|&(_, c)| rank(c));
        }
    }
    chars
}

fn collapse_doubled_marks(chars: Tagged, repairs: &mut Vec<Repair>) -> Tagged {
    let mut out: Tagged = Vec::with_capacity(chars.len());
    for (offset, c) in chars {
        let doubled =
            (is_combining_mark(c) || c == 'ำ') && out.last().is_some_and(|&(_, p)| p == c);
        if doubled {
            repairs.push(Repair {
                kind: RepairKind::DoubledMarkCollapsed,
                offset,
            });
        } else {
            out.push((offset, c));
        }
    }
    out
}

fn combine_double_sara_e(chars: Tagged, repairs: &mut Vec<Repair>) -> Tagged {
    let mut out: Tagged = Vec::with_capacity(chars.len());
    for (offset, c) in chars {
        match out.last_mut() {
            Some(last) if c == 'เ' && last.1 == 'เ' => {
                last.1 = 'แ';
                repairs.push(Repair {
                    kind: RepairKind::DoubleSaraECombined,
                    offset: last.0,
                });
            }
            _ => out.push((offset, c)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_run_of_misordered_marks_is_repaired_in_one_round() {
        // tone mark, vowel mark, 20,000 times: one round per mark used to take
        // 20,000 rounds and hundreds of millions of repairs
        let text = format!("ก{}", "\u{0E48}\u{0E34}".repeat(20_000));
        let n = normalise(&text);
        assert!(
            n.repairs.len() <= 2 * text.chars().count(),
            "{}",
            n.repairs.len()
        );
        assert!(n.text.starts_with("ก\u{0E34}"));
        assert_eq!(normalise(&n.text).repairs, vec![]);
        // the usual case is as before: ่ before ิ is put after it, once
        let n = normalise("ที่");
        assert!(n.repairs.is_empty());
        let n = normalise("ท\u{0E48}\u{0E35}");
        assert_eq!(n.text, "ที่");
        assert_eq!(n.repairs.len(), 1);
    }

    fn kinds(n: &Normalised) -> Vec<(RepairKind, usize)> {
        n.repairs.iter().map(|r| (r.kind, r.offset)).collect()
    }

    #[test]
    fn clean_text_is_untouched() {
        let s = "การประเมินคุณธรรมและความโปร่งใส น้ำ ที่ ปี่ ผู้ ป้อม ๒๕๖๖ ITA";
        let n = normalise(s);
        assert_eq!(n.text, s);
        assert!(n.repairs.is_empty());
    }

    #[test]
    fn sara_am_is_composed() {
        let n = normalise("ทํางาน");
        assert_eq!(n.text, "ทำงาน");
        assert_eq!(kinds(&n), vec![(RepairKind::SaraAmComposed, 1)]);
        // tone mark between นิคหิต and สระอา
        let n = normalise("น\u{0E4D}\u{0E49}\u{0E32}");
        assert_eq!(n.text, "น้ำ");
        assert_eq!(kinds(&n), vec![(RepairKind::SaraAmComposed, 1)]);
        // tone mark before นิคหิต
        assert_eq!(normalise("น\u{0E49}\u{0E4D}\u{0E32}").text, "น้ำ");
    }

    #[test]
    fn zero_width_characters_are_removed() {
        let n = normalise("การ\u{200B}ประเมิน\u{FEFF}\u{2060}\u{200C}\u{200D}");
        assert_eq!(n.text, "การประเมิน");
        let offsets: Vec<usize> = n.repairs.iter().map(|r| r.offset).collect();
        assert_eq!(offsets, vec![3, 11, 12, 13, 14]);
        assert!(n
            .repairs
            .iter()
            .all(|r| r.kind == RepairKind::ZeroWidthRemoved));
    }

    #[test]
    fn spaces_before_marks_are_removed() {
        let n = normalise("ที  ่ดิน");
        assert_eq!(n.text, "ที่ดิน");
        assert_eq!(
            kinds(&n),
            vec![
                (RepairKind::SpaceBeforeMarkRemoved, 2),
                (RepairKind::SpaceBeforeMarkRemoved, 3)
            ]
        );
        // a space before a consonant stays
        assert_eq!(normalise("ต่าง ๆ ก").text, "ต่าง ๆ ก");
    }

    #[test]
    fn marks_are_reordered_and_collapsed() {
        assert_eq!(normalise("ป\u{0E48}\u{0E35}").text, "ปี่");
        assert_eq!(normalise("นำ\u{0E49}").text, "น้ำ");
        let n = normalise("ที่่");
        assert_eq!(n.text, "ที่");
        assert_eq!(kinds(&n), vec![(RepairKind::DoubledMarkCollapsed, 3)]);
        assert_eq!(normalise("กิิน").text, "กิน");
    }

    #[test]
    fn double_sara_e_becomes_sara_ae() {
        let n = normalise("เเละ");
        assert_eq!(n.text, "และ");
        assert_eq!(kinds(&n), vec![(RepairKind::DoubleSaraECombined, 0)]);
    }

    #[test]
    fn offsets_point_into_the_input() {
        let n = normalise("\u{200B}ก\u{200B}ทํา");
        assert_eq!(n.text, "กทำ");
        assert_eq!(
            kinds(&n),
            vec![
                (RepairKind::ZeroWidthRemoved, 0),
                (RepairKind::ZeroWidthRemoved, 2),
                (RepairKind::SaraAmComposed, 4)
            ]
        );
        assert!(!RepairKind::SaraAmComposed.thai().is_empty());
    }
}
