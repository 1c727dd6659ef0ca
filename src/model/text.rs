//! The input's text before YAML reads it: UTF-8 only, and none of the characters
//! YAML forbids (a NUL would end the parser's reading silently, an escape or other
//! control character would reach the documents' markup). Each problem is placed
//! at its line and column.

use super::diag::Diagnostic;

/// Most characters reported one by one; the rest are counted in one message.
const MAX_REPORTED: usize = 5;

/// The bytes as UTF-8 text, or a message placed where they stop being UTF-8.
pub fn decode<'a>(bytes: &'a [u8], origin: &str) -> Result<&'a str, Box<Diagnostic>> {
    let here = |line, column, code: &str, th: String, en: String| {
        Box::new(Diagnostic {
            origin: origin.to_string(),
            line,
            column,
            code: code.to_string(),
            message_th: th,
            message_en: en,
        })
    };
    let utf16 = bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
        || (bytes.len() >= 2 && (bytes[0] == 0) != (bytes[1] == 0));
    if utf16 {
        return Err(here(
            1,
            1,
            "not-utf8",
            "ไฟล์นี้บันทึกเป็น UTF-16 (หรือ UTF-32) ให้บันทึกใหม่เป็น UTF-8 (ในโปรแกรมแก้ไขข้อความ เลือก \"บันทึกเป็น\" แล้วเลือกการเข้ารหัส UTF-8)".into(),
            "the file is saved as UTF-16 (or UTF-32); save it again as UTF-8 (\"Save as\", encoding UTF-8)".into(),
        ));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        // the prefix is valid UTF-8 by definition
        let good = std::str::from_utf8(good).unwrap_or_default();
        let line = good.matches('\n').count() + 1;
        let column = good.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        let byte = bytes[e.valid_up_to()];
        here(
            line,
            column,
            "not-utf8",
            format!(
                "ข้อความตรงนี้ไม่ใช่ UTF-8 (ไบต์ 0x{byte:02X}) ไฟล์อาจบันทึกด้วยการเข้ารหัสอื่น เช่น TIS-620 หรือ Windows-874 ให้บันทึกใหม่เป็น UTF-8"
            ),
            format!(
                "the text here is not UTF-8 (byte 0x{byte:02X}); the file may use another encoding such as TIS-620 or Windows-874: save it again as UTF-8"
            ),
        )
    })
}

/// Whether YAML allows the character in a file (its printable set: tab, line
/// breaks, and everything from the space up except DEL, the C1 controls other
/// than NEL, and U+FFFE/U+FFFF).
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{85}')
        || (' '..='~').contains(&c)
        || ('\u{A0}'..='\u{FFFD}').contains(&c)
        || c >= '\u{10000}'
}

/// One error per forbidden character (the first few; then one that counts the
/// rest), each at its line and column.
pub fn forbidden_characters(text: &str, origin: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut count = 0usize;
    for (i, line) in text.split('\n').enumerate() {
        if line.chars().all(allowed) {
            continue;
        }
        for (col, c) in line.chars().enumerate() {
            if allowed(c) {
                continue;
            }
            count += 1;
            if count > MAX_REPORTED {
                continue;
            }
            let code = format!("U+{:04X}", u32::from(c));
            let (th, en) = match c {
                '\0' => (
                    format!("พบอักขระศูนย์ (NUL, {code}) ไฟล์อาจเสียหรือไม่ใช่ไฟล์ข้อความ ให้ลบอักขระนี้ออก"),
                    format!("a NUL character ({code}): the file may be damaged or not text; remove it"),
                ),
                '\u{1B}' => (
                    format!("พบอักขระควบคุม ESC ({code}) ซึ่งใช้ในไฟล์ข้อมูลไม่ได้ (มักติดมาจากการคัดลอก) ให้ลบออก"),
                    format!("an ESC control character ({code}), which an input file cannot hold (often pasted along); remove it"),
                ),
                _ => (
                    format!("พบอักขระ {code} ซึ่งใช้ในไฟล์ข้อมูลไม่ได้ (อักขระควบคุมที่มองไม่เห็น มักติดมาจากการคัดลอก) ให้ลบออก"),
                    format!("the character {code}, which an input file cannot hold (an invisible control character, often pasted along); remove it"),
                ),
            };
            out.push(Diagnostic {
                origin: origin.to_string(),
                line: i + 1,
                column: col + 1,
                code: "control-character".into(),
                message_th: th,
                message_en: en,
            });
        }
    }
    if count > MAX_REPORTED {
        let more = count - MAX_REPORTED;
        if let Some(last) = out.last().cloned() {
            out.push(Diagnostic {
                message_th: format!("และอักขระที่ใช้ไม่ได้อีก {more} ตัวหลังจากนี้"),
                message_en: format!("and {more} more such characters after this one"),
                ..last
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_placed() {
        let e = forbidden_characters("a: 1\nb: x\u{1}y\u{1B}\nc: \u{FFFF}\n", "t.yaml");
        let places: Vec<(usize, usize)> = e.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(places, vec![(2, 5), (2, 7), (3, 4)]);
        assert!(e[1].message_th.contains("ESC"));
        assert!(forbidden_characters("ก: \"ข\"\t# ค\r\n", "t").is_empty());
    }

    #[test]
    fn many_are_counted_not_listed() {
        let e = forbidden_characters(&"\u{7}".repeat(1000), "t");
        assert_eq!(e.len(), MAX_REPORTED + 1);
        assert!(e[MAX_REPORTED].message_en.contains("995 more"));
    }

    #[test]
    fn encodings_other_than_utf8_are_named() {
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("a: 1".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let e = decode(&utf16, "t").unwrap_err();
        assert!(e.message_th.contains("UTF-16"), "{}", e.message_th);
        // TIS-620 "ก" is 0xA1
        let e = decode(b"a: 1\nb: x\xA1\n", "t").unwrap_err();
        assert_eq!((e.line, e.column), (2, 5));
        assert!(e.message_th.contains("0xA1"));
        assert_eq!(decode("ก: ข".as_bytes(), "t").unwrap(), "ก: ข");
    }
}
