//! Tests of the segmenter.

use super::*;

fn cut(seg: &Segmenter, text: &str) -> String {
    seg.marked(text)
}

#[test]
fn dictionary_is_embedded() {
    let s = Segmenter::new();
    assert!(s.knows("การประเมิน") || s.knows("ประเมิน"));
    assert!(s.knows("คุณธรรม"));
    assert!(!s.knows("โคกสูงสัมพันธ์xyz"));
}

#[test]
fn a_bound_prefix_makes_no_noun_of_a_function_word() {
    let s = Segmenter::new();
    for (text, expected) in [
        ("มาตรการและโครงการ", "มาตรการ|และ"),
        ("รายการไม่ครบถ้วน", "รายการ|ไม่"),
        ("ดำเนินการตามแผน", "ดำเนินการ|ตาม"),
    ] {
        let c = cut(&s, text);
        assert!(c.contains(expected), "{text}: {c}");
        assert!(!c.contains("|การ"), "{text}: {c}");
    }
    // ไม่ว่า (whatever) is one word, not ไม่ + ว่า
    assert!(!cut(&s, "ต่าง ๆ ไม่ว่าจะเป็น").contains("ไม่|ว่า"));
    // ...while การ still holds to the word it makes a noun of
    assert!(cut(&s, "จัดทำการประเมิน").contains("จัดทำ|การประเมิน"));
}

#[test]
fn a_compound_with_a_marked_break_breaks_only_there() {
    let s = Segmenter::new();
    let c = cut(&s, "แผนประจำปีงบประมาณ");
    assert!(c.contains("ประจำ|ปีงบประมาณ"), "{c}");
    assert!(!c.contains("ประจำปี|"), "{c}");
    assert_eq!(
        compound_breaks("ประจำปีงบประมาณ"),
        Some(&["ประจำ".len()][..])
    );
    assert_eq!(compound_breaks("ปีงบประมาณ"), None);
    let at = "แผนประจำ".len();
    let kinds: Vec<(usize, BreakKind)> = s
        .breaks("แผนประจำปีงบประมาณ")
        .into_iter()
        .map(|b| (b.offset, b.kind))
        .collect();
    assert!(kinds.contains(&(at, BreakKind::Compound)), "{kinds:?}");
    assert!(
        kinds.contains(&("แผน".len(), BreakKind::Allowed)),
        "{kinds:?}"
    );
}

#[test]
fn thai_words_are_separated() {
    let s = Segmenter::new();
    let c = cut(&s, "ผลการประเมินคุณธรรม");
    assert!(c.contains("คุณธรรม"), "{c}");
    assert!(!c.contains("ผลก|"), "{c}");
}

#[test]
fn extra_words_with_spaces_stay_whole() {
    let s = Segmenter::with_words(["นายโกสินทร์ วิชาธรรม"]);
    let c = cut(&s, "ลงชื่อ นายโกสินทร์  วิชาธรรม ตำแหน่ง");
    assert!(c.contains("นายโกสินทร์  วิชาธรรม |"), "{c}");
    let plain = cut(&Segmenter::new(), "ลงชื่อ นายโกสินทร์ วิชาธรรม ตำแหน่ง");
    assert!(plain.contains("โกสินทร์ |วิชาธรรม"), "{plain}");
}

#[test]
fn kinds() {
    let s = Segmenter::new();
    let text = "ITA score\nคะแนน";
    let b = s.breaks(text);
    assert!(b.contains(&Break {
        offset: 4,
        kind: BreakKind::Space
    }));
    assert!(b.contains(&Break {
        offset: 10,
        kind: BreakKind::Mandatory
    }));
    assert!(s.breaks("").is_empty());
}

/// The Thai words `c` is cut into, without spaces.
fn pieces(c: &str) -> Vec<&str> {
    c.split(|ch: char| ch == '|' || ch.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect()
}

#[test]
fn long_dictionary_words_break_between_their_own_words() {
    let s = Segmenter::new();
    let office = "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ";
    assert!(s.knows(office), "the compound is one dictionary word");
    let c = cut(&s, &format!("ตามประกาศ{office}เรื่อง"));
    for piece in pieces(&c) {
        assert!(width(piece) <= LONG_WORD_WIDTH, "{piece} whole in {c}");
    }
    assert!(c.contains("สำนักงาน|คณะกรรมการ"), "{c}");
    assert!(c.contains("|แห่งชาติ"), "{c}");
    // never inside a shorter word of it, nor after a bound prefix
    for bad in ["การ|ทุจริต", "ป้อง|กัน", "ปราบ|ปราม", "สำนัก|งาน"]
    {
        assert!(!c.contains(bad), "{bad} in {c}");
    }
    // a long word that is not much wider than a name stays whole
    let c = cut(&s, "ปลัดองค์การบริหารส่วนตำบลลงนาม");
    assert!(c.contains("องค์การบริหารส่วนตำบล"), "{c}");
}

#[test]
fn extra_words_stay_whole_unless_very_long_without_spaces() {
    let office = "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ";
    let name = "องค์การบริหารส่วนตำบลโคกสะอาด";
    let s = Segmenter::with_words([office, name]);
    let c = cut(&s, &format!("ตามประกาศ{office}และ{name}"));
    // the agency's name breaks only between the words of its kind and before the
    // place, whose name stays whole
    assert!(c.contains("|โคกสะอาด"), "{c}");
    assert!(!c.contains("โคก|"), "{c}");
    assert!(!c.contains(office), "{office} has no break in {c}");
    assert!(c.contains("สำนักงาน|คณะกรรมการ"), "{c}");
    // a position before the agency's name breaks before the name too
    let position = "ปลัดองค์การบริหารส่วนตำบลโคกสะอาด";
    let s = Segmenter::with_words([position, name]);
    let c = cut(&s, position);
    assert!(c.starts_with("ปลัด|องค์การ"), "{c}");
    assert!(c.ends_with("|โคกสะอาด"), "{c}");
    // a short unstructured extra word stays whole, however the dictionary reads it
    let s = Segmenter::with_words(["งานการเจ้าหน้าที่"]);
    assert!(!cut(&s, "ส่วนราชการงานการเจ้าหน้าที่สำนักปลัด").contains("งานการ|"));
}

#[test]
fn long_ambiguous_stretches_get_one_segmentation() {
    let s = Segmenter::new();
    let text = "ส่งเสริมการมีส่วนร่วมของประชาชนในการพัฒนาการดำเนินงาน";
    let c = cut(&s, text);
    let tail = &c[c.rfind("ใน").unwrap()..];
    let last: Vec<&str> = tail.split('|').collect();
    assert!(last.len() >= 2, "no break in {tail}: {c}");
    for piece in pieces(&c) {
        assert!(
            width(piece) <= UNBROKEN_RUN_WIDTH,
            "{piece} unbroken in {c}"
        );
    }
    // chosen the same way every time: the longest first words
    assert_eq!(c, cut(&s, text));
    assert!(c.contains("|การพัฒนาการ|ดำเนินงาน"), "{c}");
    // a short ambiguous stretch is still left whole
    let c = cut(&s, "พัฒนาการดำเนินงาน");
    assert!(!c.contains('|'), "{c}");
}

#[test]
fn last_resort_breaks_inside_a_word() {
    let s = Segmenter::with_words(["งานการเจ้าหน้าที่"]);
    let word = "งานการเจ้าหน้าที่";
    let inside = s.breaks_inside_word(word);
    assert!(!inside.is_empty());
    assert!(!inside.contains(&word.find("หน้าที่").unwrap()), "{inside:?}");
    let office = "(สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ)";
    let inside = s.breaks_inside_word(office);
    assert!(inside.len() >= 4, "{inside:?}");
    assert!(!inside.contains(&1), "{inside:?}");
    assert!(s.breaks_inside_word("ITA").is_empty());
}

#[test]
fn emergency_breaks_respect_the_rules() {
    let text = "ไตรมาส ๑-๔ (ปีงบประมาณ)";
    let open = text.find('(').unwrap() + 1;
    let close = text.find(')').unwrap();
    assert!(!emergency_break_allowed(text, open));
    assert!(!emergency_break_allowed(text, close));
    let inside = text.find("งบ").unwrap();
    assert!(emergency_break_allowed(text, inside));
    assert!(!emergency_break_allowed(text, inside + 1)); // not a char boundary
    assert!(!emergency_break_allowed(text, 0));
}

#[test]
fn no_break_inside_brackets_or_before_closing_punctuation() {
    let s = Segmenter::new();
    for text in [
        "ไตรมาส ๑-๔ (ปีงบประมาณ พ.ศ. ๒๕๖๙)",
        "ผลการประเมิน (ร้อยละ) [หมายเหตุ] “ความโปร่งใส” ของหน่วยงาน, คะแนน: ดี.",
        "ไตรมาส ๑-๔(ปีงบประมาณ)และ\"คุณธรรม\"ต่อไป",
    ] {
        let c = cut(&s, text);
        for bad in ["(|", "[|", "“|", "|)", "|]", "|,", "|.", "|:", "|”"] {
            assert!(!c.contains(bad), "{bad} in {c}");
        }
        if text.contains("(ปี") {
            assert!(c.contains("(ปี"), "{c}");
        }
    }
}

#[test]
fn an_agency_name_breaks_between_its_words_never_inside_the_place() {
    let name = "องค์การบริหารส่วนตำบลพลสงคราม";
    let s = Segmenter::with_words([name, "ปลัดองค์การบริหารส่วนตำบลพลสงคราม"]);
    let text = format!("ตามที่{name} ได้เข้ารับการประเมิน");
    let c = cut(&s, &text);
    assert!(c.contains("|พลสงคราม"), "{c}");
    assert!(!c.contains("พล|สงคราม"), "{c}");
    assert!(c.contains("องค์การ|บริหาร"), "{c}");
    let kinds: Vec<BreakKind> = s
        .breaks(&text)
        .iter()
        .filter(|b| b.offset > "ตามที่".len() && b.offset < "ตามที่".len() + name.len())
        .map(|b| b.kind)
        .collect();
    assert!(kinds.iter().all(|k| *k == BreakKind::Compound), "{kinds:?}");
    assert_eq!(
        cut(&s, "ปลัดองค์การบริหารส่วนตำบลพลสงคราม").split('|').next(),
        Some("ปลัด")
    );
}

#[test]
fn a_word_mixing_in_right_to_left_letters_stays_whole() {
    let s = Segmenter::new();
    assert_eq!(
        cut(&s, "เรียกเก็บเงิน ทرف์ยีสิน ของขวัญ"),
        "เรียกเก็บเงิน |ทرف์ยีสิน |ของขวัญ"
    );
}

#[test]
fn the_gazetteer_knows_every_level_of_place() {
    // a changwat, an amphoe and a tambon of data/places
    for place in ["นครราชสีมา", "บ้านเหลื่อม", "ช่อระกา", "ท่าฉลอม"]
    {
        assert!(names::is_place(place), "{place}");
    }
    assert!(!names::is_place("ช่อ"));
    // after a kind of place its name stays whole, where plain words would break it
    let s = Segmenter::new();
    assert!(!cut(&s, "ที่ทำการตำบลช่อระกา").contains("ช่อ|ระกา"));
    assert!(!cut(&s, "ประชาชนตำบลท่าฉลอมและตำบลช่อระกา").contains("ท่า|ฉลอม"));
    // a person's given name and surname after a title, each whole
    let c = cut(&s, "โดยมี นายสมศักดิ์ จุลเจริญ ปลัดเทศบาล");
    assert!(!c.contains("จุล|เจริญ"), "{c}");
    assert!(c.contains("จุลเจริญ |ปลัด"), "{c}");
    // a mayor is no title: นายกเทศมนตรี still breaks as words
    assert!(cut(&s, "โดย นายกเทศมนตรีตำบลช่อระกา").contains("|ช่อระกา"));
}

#[test]
fn one_automaton_finds_the_names_a_scan_per_word_finds() {
    let s = Segmenter::with_words(["เทศบาลตำบลช่อระกา", "นายโกสินทร์ วิชาธรรม"]);
    let royal = crate::thai::names::royal_names()[0];
    for text in [
        "ประชาชนตำบลท่าฉลอมและตำบลช่อระกา อำเภอบ้านเหลื่อม จังหวัดนครราชสีมา",
        // a word right after itself, and words inside longer ones
        "ตำบลตำบลช่อระกา บ้านบ้านดอน นางนางสาวสมใจ ใจดี นายนายกเทศมนตรี",
        "โดยมี นายสมศักดิ์ จุลเจริญ ปลัดเทศบาล และ นางสาวสมใจ รักดี (ว่าที่ ร.ต.สมชาย ใจงาม)",
        "องค์การบริหารส่วนตำบลพลสงคราม อบต.โคกสะอาด ทต.ช่อระกา ต.บางโรง อ.ท่าฉลอม จ.สมุทรสาคร",
        &format!("ในรัชกาล{royal} {royal}{royal}"),
        "no Thai at all",
        "",
    ] {
        let mut fast = names::name_ranges(&s, text);
        let mut slow = names::name_ranges_per_word(&s, text);
        assert!(!slow.is_empty() || !text.contains('ต'), "{text}");
        for v in [&mut fast, &mut slow] {
            v.sort_unstable();
            v.dedup();
        }
        assert_eq!(fast, slow, "{text}");
    }
}
