//! Round trip through the PDF: the text `pdftotext` copies out of a typeset document
//! equals the source text up to white space and line breaks (stacked and reordered
//! marks, สระอำ, Latin and digits included). Needs pdftotext (poppler-utils): without
//! it the tests fail, they do not skip.

use std::process::Command;

use itadoc::markup;
use itadoc::typeset::{typeset, Fonts};

fn pdftotext(pdf: &[u8], name: &str) -> String {
    let path = std::env::temp_dir().join(format!("itadoc-{name}-{}.pdf", std::process::id()));
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (poppler-utils) is needed for this test: {e}"));
    let _ = std::fs::remove_file(&path);
    assert!(
        out.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("pdftotext writes UTF-8")
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn render(xml: &str) -> Vec<u8> {
    let doc = markup::parse(xml, "roundtrip.xml").unwrap();
    let layout = typeset(&doc, &Fonts::builtin()).unwrap();
    itadoc::pdf::write(&layout, &Default::default()).unwrap()
}

const MARKS: &str =
    "ที่ ปี่ ป้อม น้ำ ผู้ ญู ฐุ ฤๅ ฦๅ กำ ก๋ำ ปั้น ฝั่ง ฟ้อง ปิ่น ฟื้น ญี่ปุ่น ฐูป ฎุ ฏู ตุ๊ก ป๋อ จ๊ะ ก็ ศักดิ์ ทั้ง ขึ้น ซื้อ ฤทธิ์ ฯลฯ ต่าง ๆ";
const MIXED: &str = "ผลการประเมิน ITA ของเทศบาลตำบลโคกสูงสัมพันธ์ ได้ 98.85 คะแนน (๙๘.๘๕) อยู่ในระดับ AA ตามเกณฑ์ของสำนักงาน ป.ป.ช. ซึ่งเผยแพร่ที่ https://itas.nacc.go.th/ เมื่อ ๒๒๕/๒๕๖๕ และจัดทำรายงานผลการดำเนินงานให้มีคุณธรรมและความโปร่งใสมากยิ่งขึ้น";

#[test]
fn copied_text_equals_the_source() {
    let paras = [MARKS, MIXED, MARKS];
    let body: String = paras
        .iter()
        .map(|p| format!(r#"<p indent="2.5cm">{p}</p>"#))
        .collect();
    let xml = format!("<document><section>{body}</section></document>");
    let text = pdftotext(&render(&xml), "marks");
    assert_eq!(squeeze(&text), squeeze(&paras.concat()));
}

#[test]
fn copied_text_of_styled_and_tabbed_lines() {
    let xml = r#"<document><section>
        <p align="left" tabs="8cm"><span size="20pt" bold="true">ที่</span> <dotted>ขก ๗๓๕๐๑/๑๒๓</dotted><tab/><span size="20pt" bold="true">วันที่</span> <dotted>๑๑ สิงหาคม ๒๕๖๖</dotted></p>
        <p><b>ตัวหนา</b> <i>ตัวเอียง</i> <u>ขีดเส้นใต้</u> <span size="20pt">ใหญ่</span> น้ำผึ้ง</p>
        <signature><line>(นายโกสินทร์ วิชาธรรม)</line><line>นักทรัพยากรบุคคลชำนาญการ</line></signature>
    </section></document>"#;
    let text = pdftotext(&render(xml), "styled");
    assert_eq!(
        squeeze(&text),
        squeeze("ที่ ขก ๗๓๕๐๑/๑๒๓ วันที่ ๑๑ สิงหาคม ๒๕๖๖ ตัวหนา ตัวเอียง ขีดเส้นใต้ ใหญ่ น้ำผึ้ง (นายโกสินทร์ วิชาธรรม) นักทรัพยากรบุคคลชำนาญการ")
    );
}
