//! The package's fixed parts: content types, relationships, styles, settings,
//! headers and the document properties.

use super::xml::esc;
use super::{run_fonts, NS_R, NS_W};
use crate::markup::Meta;

/// `[Content_Types].xml`: `media` lists the image extensions stored.
pub fn content_types(headers: usize, media: &[&str]) -> String {
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>"#,
    );
    let mut seen: Vec<&str> = Vec::new();
    for ext in media {
        if seen.contains(ext) {
            continue;
        }
        seen.push(ext);
        let ct = match *ext {
            "png" => "image/png",
            "jpeg" => "image/jpeg",
            _ => "image/svg+xml",
        };
        s.push_str(&format!(
            r#"<Default Extension="{ext}" ContentType="{ct}"/>"#
        ));
    }
    s.push_str(r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#);
    for i in 0..headers {
        s.push_str(&format!(
            r#"<Override PartName="/word/header{}.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>"#,
            i + 1
        ));
    }
    s.push_str("</Types>");
    s
}

/// `_rels/.rels`.
pub fn package_rels() -> &'static str {
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#
}

/// `word/_rels/document.xml.rels`: styles, settings, font table, then `extra`
/// (headers and images, already numbered from `rId10`).
pub fn document_rels(extra: &[(String, &'static str, String)]) -> String {
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>"#,
    );
    for (id, kind, target) in extra {
        s.push_str(&format!(
            r#"<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{}"/>"#,
            esc(target)
        ));
    }
    s.push_str("</Relationships>");
    s
}

/// `word/styles.xml`: the document defaults (the font for every script, 16 pt for
/// Latin and complex script, Thai as the complex-script language, single spacing, no
/// space after paragraphs) and the Normal paragraph style.
pub fn styles(font: &str, size_pt: f32, lang: &str) -> String {
    let half = (size_pt * 2.0).round() as u32;
    let lang = if lang.is_empty() { "th" } else { lang };
    let tag = if lang == "th" { "th-TH" } else { lang };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {NS_W}><w:docDefaults><w:rPrDefault><w:rPr>{fonts}<w:sz w:val="{half}"/><w:szCs w:val="{half}"/><w:lang w:val="{tag}" w:eastAsia="{tag}" w:bidi="th-TH"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style><w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/></w:style></w:styles>"#,
        fonts = run_fonts(font),
    )
}

/// `word/settings.xml`: different first page handled per section; Thai as the
/// complex-script theme language; lines ending in a line break are not justified
/// (as in the PDF).
pub fn settings() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings {NS_W}><w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat><w:themeFontLang w:val="th-TH" w:bidi="th-TH"/></w:settings>"#
    )
}

/// `word/fontTable.xml`: names the font, with Thai as its character set, so Word
/// substitutes a Thai font when it is missing.
pub fn font_table(font: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts {NS_W}><w:font w:name="{}"><w:charset w:val="DE"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font></w:fonts>"#,
        esc(font)
    )
}

/// A header part holding `- N -` (the PAGE field) centred, or nothing.
pub fn header(font: &str, size_pt: Option<f32>) -> String {
    let Some(size) = size_pt else {
        return format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr {NS_W} {NS_R}><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr></w:p></w:hdr>"#
        );
    };
    let half = (size * 2.0).round() as u32;
    let rpr = format!(
        r#"<w:rPr>{}<w:sz w:val="{half}"/><w:szCs w:val="{half}"/></w:rPr>"#,
        run_fonts(font)
    );
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr {NS_W} {NS_R}><w:p><w:pPr><w:pStyle w:val="Header"/><w:jc w:val="center"/></w:pPr><w:r>{rpr}<w:t xml:space="preserve">- </w:t></w:r><w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r><w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r><w:r>{rpr}<w:t>2</w:t></w:r><w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r><w:r>{rpr}<w:t xml:space="preserve"> -</w:t></w:r></w:p></w:hdr>"#
    )
}

/// `docProps/core.xml`: title, author, subject, keywords and language; no dates, so
/// the same markup always gives the same bytes.
pub fn core(meta: &Meta) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator><cp:keywords>{}</cp:keywords><dc:language>{}</dc:language></cp:coreProperties>"#,
        esc(&meta.title),
        esc(&meta.subject),
        esc(&meta.author),
        esc(&meta.keywords),
        esc(if meta.lang.is_empty() {
            "th"
        } else {
            &meta.lang
        }),
    )
}

/// `docProps/app.xml`.
pub fn app() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>{}</Application></Properties>"#,
        super::APPLICATION
    )
}
