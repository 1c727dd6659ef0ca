//! Tests of paragraph layout.

use super::*;
use crate::markup::{self, Block};
use crate::typeset::layout::{GlyphRun, LineItem};
use crate::typeset::{Ctx, Fonts};

fn lines_of(body: &str, width: f32) -> Vec<LineBox> {
    let doc = markup::parse(
        &format!("<document><section>{body}</section></document>"),
        "t",
    )
    .unwrap();
    let Block::Paragraph(p) = &doc.sections[0].blocks[0] else {
        panic!("not a paragraph")
    };
    let fonts = Fonts::builtin();
    let mut ctx = Ctx::new(&fonts, &doc);
    layout_paragraph(&mut ctx, p, 16.0, width)
}

fn text(line: &LineBox) -> String {
    line.items
        .iter()
        .filter_map(|i| match i {
            Draw::Glyphs(g) => Some(g.text.as_str()),
            _ => None,
        })
        .collect()
}

/// Lines of a justified paragraph (the last excepted), with the given proper
/// nouns, that end short of the measure: by more than half a point for a line
/// with a space to stretch, by more than half an em (8 pt) for a spaceless line,
/// which may only spread its clusters up to their cap.
fn short_lines(words: &[&str], body: &str, width: f32) -> Vec<String> {
    let dict: String = words.iter().map(|w| format!("<word>{w}</word>")).collect();
    let doc = markup::parse(
        &format!(
            r#"<document><dictionary>{dict}</dictionary><section><p indent="2.5cm">{body}</p></section></document>"#
        ),
        "t",
    )
    .unwrap();
    let Block::Paragraph(p) = &doc.sections[0].blocks[0] else {
        panic!("not a paragraph")
    };
    let fonts = Fonts::builtin();
    let mut ctx = Ctx::new(&fonts, &doc);
    let lines = layout_paragraph(&mut ctx, p, 16.0, width);
    let n = lines.len();
    lines
        .into_iter()
        .take(n - 1)
        .filter(|l| {
            let tolerance = if text(l).contains(' ') { 0.5 } else { 8.0 };
            l.right < width - tolerance
        })
        .map(|l| format!("{:.1} pt short: {}", width - l.right, text(&l)))
        .collect()
}

#[test]
fn justified_openings_of_memo_and_announcement_leave_no_line_visibly_short() {
    // The body of an A4 memo or announcement: 16 cm. These openings once left a line of one
    // long name and a spaceless line ragged in the middle of the paragraph.
    let width = 16.0 * 72.0 / 2.54;
    let cases = [
        (
            vec!["องค์การบริหารส่วนตำบลพลสงคราม"],
            "ตามที่องค์การบริหารส่วนตำบลพลสงคราม ได้เข้ารับการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (Integrity and Transparency Assessment: ITA) ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ ซึ่งสำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (สำนักงาน ป.ป.ช.) ดำเนินการผ่านระบบ ITAS",
        ),
        (
            vec!["เทศบาลตำบลศรีสำราญ"],
            "ตามที่สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (สำนักงาน ป.ป.ช.) ได้ประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. ๒๕๖๙ และได้แจ้งผลการประเมินแล้ว เทศบาลตำบลศรีสำราญ จึงขอประกาศผลการประเมินของหน่วยงานให้ประชาชนและผู้มีส่วนได้ส่วนเสียทราบ ดังนี้",
        ),
    ];
    for (words, text) in cases {
        let short = short_lines(&words, text, width);
        assert!(short.is_empty(), "{short:#?}");
    }
}

#[test]
fn a_shrunk_line_stays_inside_the_measure_whatever_the_alignment() {
    let text = "กำหนดเสร็จ ๓๑ มี.ค. ๖๕ ผู้รับผิดชอบ สำนักปลัด";
    for align in ["left", "center", "right", "justify"] {
        let body = format!(r#"<p align="{align}">{text}</p>"#);
        let natural = lines_of(&body, 2000.0)[0].right;
        // a little narrower than the text: the spaces close up to fit
        let width = natural - 3.0;
        let lines = lines_of(&body, width);
        assert_eq!(lines.len(), 1, "{align}");
        assert!(
            lines[0].right <= width + 0.01,
            "{align}: {} > {width}",
            lines[0].right
        );
    }
}

#[test]
fn a_short_line_leads_whole_and_a_long_one_by_its_first_words() {
    let heading = lines_of("<p>๓. ข้อเสนอแนะ</p>", 400.0);
    assert_eq!(heading[0].lead, "๓. ข้อเสนอแนะ");
    let long = lines_of(
        "<p>ผลการประเมินตามแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน ในตัวชี้วัดที่ ๑</p>",
        2000.0,
    );
    let lead = &long[0].lead;
    assert!(
        !lead.is_empty() && lead.chars().count() <= LEAD_CHARS,
        "{lead:?}"
    );
    assert!(lead.starts_with("ผลการประเมิน"), "{lead:?}");
}

#[test]
fn a_tick_is_two_strokes_sized_to_the_text_between_its_neighbours() {
    let lines = lines_of(
        r#"<p>ก<tick/>ข <span size="32pt"><tick/></span></p>"#,
        400.0,
    );
    assert_eq!(lines.len(), 1);
    let strokes: Vec<&LineItem> = lines[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Draw::Line(l) => Some(l),
            _ => None,
        })
        .collect();
    assert_eq!(strokes.len(), 4);
    let runs: Vec<&GlyphRun> = lines[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Draw::Glyphs(g) => Some(g),
            _ => None,
        })
        .collect();
    // The first tick stands between ก and ข: past ก's end, before ข starts.
    let ka_end = runs[0].x + runs[0].glyphs.iter().map(|g| g.x_advance).sum::<f32>();
    let left = strokes[0].from.0.min(strokes[1].to.0);
    let right = strokes[1].to.0;
    assert!(
        left >= ka_end && right <= runs[1].x,
        "{ka_end} {left} {right} {}",
        runs[1].x
    );
    // Sized to the font size: the 32 pt tick is twice as tall as the 16 pt one.
    let h16 = (strokes[1].from.1 - strokes[1].to.1).abs();
    let h32 = (strokes[3].from.1 - strokes[3].to.1).abs();
    assert!((h32 - 2.0 * h16).abs() < 1e-3, "{h16} {h32}");
    // Nothing is copied out for it.
    assert_eq!(text(&lines[0]), "กข ");
}

#[test]
fn a_line_break_separates_words_for_the_segmenter() {
    // Each side of <br/> is segmented on its own: in a narrow cell both names
    // fit whole on their lines, with no word cut and no overfull note.
    let lines = lines_of("<p>สำนักปลัด<br/>กองคลัง</p>", 80.0);
    let texts: Vec<String> = lines.iter().map(text).collect();
    assert_eq!(texts, ["สำนักปลัด", "กองคลัง"]);
    assert!(lines.iter().all(|l| l.notes.is_empty()));
}

#[test]
fn lines_break_only_at_opportunities_and_keep_all_text() {
    let src = "หน่วยงานภาครัฐได้รับทราบผลการประเมิน และแนวทางในการปรับปรุงพัฒนาการดำเนินงาน";
    let lines = lines_of(&format!("<p>{src}</p>"), 150.0);
    assert!(lines.len() >= 3);
    let joined: String = lines.iter().map(text).collect::<Vec<_>>().join("");
    assert_eq!(joined.replace(' ', ""), src.replace(' ', ""));
    // No line starts with a mark or a following vowel, none ends in a leading vowel.
    for l in &lines {
        let t = text(l);
        let first = t.chars().next().unwrap();
        assert!(
            !matches!(first, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}' | 'ะ' | 'า' | 'ำ'),
            "{t}"
        );
        assert!(!t.trim_end().ends_with(['เ', 'แ', 'โ', 'ใ', 'ไ']), "{t}");
        assert!(l.right <= 150.0 + 0.5);
        assert!(l.notes.is_empty());
    }
}

#[test]
fn nobreak_and_line_breaks() {
    let lines = lines_of("<p>ก ข <nobreak>ค ง จ ฉ ช ซ ฌ ญ</nobreak><br/>ฎ</p>", 60.0);
    let texts: Vec<String> = lines.iter().map(text).collect();
    assert!(
        texts.iter().any(|t| t.contains("ค ง จ ฉ ช ซ ฌ ญ")),
        "{texts:?}"
    );
    assert_eq!(texts.last().unwrap(), "ฎ");
}

#[test]
fn dotted_field_runs_to_the_right_edge_and_tab_stop() {
    let lines = lines_of(
        r#"<p align="left" tabs="8cm">ที่ <dotted>ขก ๑</dotted><tab/>วันที่ <dotted>๑๑ ส.ค.</dotted></p>"#,
        450.0,
    );
    assert_eq!(lines.len(), 1);
    let dotted: Vec<&LineItem> = lines[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Draw::Line(l) if l.dotted => Some(l),
            _ => None,
        })
        .collect();
    assert_eq!(dotted.len(), 2);
    let stop = 8.0 * crate::markup::PT_PER_CM;
    assert!(
        dotted[0].to.0 <= stop && dotted[0].to.0 > stop - 5.0,
        "{:?}",
        dotted[0]
    );
    assert!((dotted[1].to.0 - 450.0).abs() < 0.5);
}

#[test]
fn an_empty_field_before_a_tab_fills_to_the_stop() {
    let lines = lines_of(
        r#"<p align="left" tabs="8cm">ที่ <dotted/><tab/>วันที่</p>"#,
        450.0,
    );
    let stop = 8.0 * crate::markup::PT_PER_CM;
    let date = lines[0]
        .items
        .iter()
        .find_map(|i| match i {
            Draw::Glyphs(g) if g.text == "วันที่" => Some(g.x),
            _ => None,
        })
        .unwrap();
    assert!((date - stop).abs() < 0.5, "{date} vs {stop}");
    assert!(lines[0]
        .items
        .iter()
        .any(|i| matches!(i, Draw::Line(l) if l.dotted && l.to.0 > stop - 5.0)));
}

#[test]
fn an_overlong_word_is_cut_with_a_warning() {
    let long = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".repeat(3);
    let lines = lines_of(&format!("<p>{long}</p>"), 200.0);
    assert!(lines.len() >= 2);
    assert!(matches!(lines[0].notes[0], Note::Overfull { .. }));
    assert!(lines.iter().all(|l| l.right <= 200.5));
}

/// The items of a paragraph (`align` given) as the line breaker sees them.
fn items_of(body: &str, align: &str, width: f32) -> (String, Vec<Item>) {
    let doc = markup::parse(
        &format!(r#"<document><section><p align="{align}">{body}</p></section></document>"#),
        "t",
    )
    .unwrap();
    let Block::Paragraph(p) = &doc.sections[0].blocks[0] else {
        panic!("not a paragraph")
    };
    let fonts = Fonts::builtin();
    let mut ctx = Ctx::new(&fonts, &doc);
    let mut para = collect::collect(p, 16.0, width);
    prepare::shape(&mut ctx, &mut para);
    prepare::itemize(&mut ctx, &mut para);
    (para.text.clone(), para.items.clone())
}

#[test]
fn a_justified_line_may_break_after_a_noun_making_prefix_as_a_last_resort() {
    let body = "หน่วยงานจะรักษามาตรฐานการดำเนินงานและความโปร่งใส";
    let prefix_breaks = |align: &str| -> Vec<String> {
        let (text, items) = items_of(body, align, 400.0);
        items
            .iter()
            .filter(|i| {
                matches!(i.kind, Kind::Penalty { cost, emergency: false } if cost == prepare::PREFIX_BREAK_COST)
            })
            .map(|i| text[..i.text.start].to_string())
            .collect()
    };
    let justified = prefix_breaks("justify");
    assert!(
        justified.iter().any(|t| t.ends_with("มาตรฐานการ"))
            && justified.iter().any(|t| t.ends_with("และความ")),
        "{justified:?}"
    );
    // ragged text keeps the pair whole, as the segmenter says
    assert!(prefix_breaks("left").is_empty());
}

#[test]
fn the_breaker_counts_the_cluster_gaps_the_justifier_spreads() {
    // Two words joined by a break, then a space: the gaps inside both words and
    // the one between them stretch; none next to the space or at the end.
    let (text, items) = items_of("หน่วยงานจะรักษา มาตรฐาน", "justify", 400.0);
    let unit = crate::typeset::justify::MAX_CLUSTER_GAP * 16.0
        / crate::typeset::linebreak::BOX_STRETCH_LIMIT;
    let clusters = |t: &str| {
        t.chars()
            .filter(|c| !matches!(*c as u32, 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E))
            .count() as f32
    };
    let before_space = &text[..text.find(' ').unwrap()];
    let stretch: f32 = items
        .iter()
        .take_while(|i| !matches!(i.kind, Kind::Glue { .. }))
        .map(|i| i.stretch)
        .sum();
    assert!(
        (stretch - (clusters(before_space) - 1.0) * unit).abs() < 1e-3,
        "{stretch} for {before_space}"
    );
    let last: f32 = items
        .iter()
        .skip_while(|i| !matches!(i.kind, Kind::Glue { .. }))
        .skip(1)
        .map(|i| i.stretch)
        .sum();
    assert!(
        (last - (clusters("มาตรฐาน") - 1.0) * unit).abs() < 1e-3,
        "{last}"
    );
}
