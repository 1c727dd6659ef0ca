//! Hostile and careless inputs, generated here (no large files in git): every case
//! ends with a clear Thai error (placed at file:line:column where it has a place)
//! or a correct document, within the memory, CPU and wall-clock limits the runs
//! are given (see hostile_common), and a refused render leaves no file behind.
//!
//! Families: YAML structure and text, resources (what is read and how much),
//! the trust boundary (paths inside the input, SVG references, templates).

mod hostile_common;

use hostile_common::*;
use std::path::Path;

/// One YAML case: the file's bytes, the texts the message must hold, and the
/// line it must be placed at (when the problem has a place).
struct Case {
    name: &'static str,
    bytes: Vec<u8>,
    expect: Vec<&'static str>,
    line: Option<usize>,
}

fn case(
    name: &'static str,
    bytes: impl Into<Vec<u8>>,
    expect: &[&'static str],
    line: Option<usize>,
) -> Case {
    Case {
        name,
        bytes: bytes.into(),
        expect: expect.to_vec(),
        line,
    }
}

/// `check` and `render` both refuse the file, with the same place, and `render`
/// writes nothing.
fn both_refuse(c: &Case) {
    let dir = scratch(c.name);
    std::fs::write(dir.join("in.yaml"), &c.bytes).unwrap();
    let check = itadoc(&dir, &["check", "in.yaml"]);
    check.refused(&c.expect);
    let render = itadoc(&dir, &["render", "in.yaml", "-o", "out"]);
    render.refused(&c.expect);
    assert!(
        files_in(&dir.join("out")).is_empty(),
        "{}: render left files behind",
        c.name
    );
    let _ = std::fs::remove_dir_all(&dir);
    if let Some(line) = c.line {
        let place = check.place("in.yaml");
        assert!(
            place
                .as_deref()
                .is_some_and(|p| p.starts_with(&format!("in.yaml:{line}:"))),
            "{}: expected a place on line {line}, got {place:?}: {}",
            c.name,
            check.stdout
        );
        assert_eq!(
            place,
            render.place("in.yaml"),
            "{}: check and render place the error differently",
            c.name
        );
    }
}

fn yaml_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    // nesting: block lists, flow lists, flow maps, block maps
    for levels in [10_000usize, 50_000] {
        cases.push(case(
            "deep-block",
            "- ".repeat(levels) + "x\n",
            &["ซ้อนกันลึกเกิน"],
            Some(1),
        ));
        cases.push(case(
            "deep-flow",
            format!("{}{}\n", "[".repeat(levels), "]".repeat(levels)),
            &["ซ้อนกันลึกเกิน"],
            Some(1),
        ));
    }
    cases.push(case(
        "deep-flow-map",
        format!("{}{}\n", "{a: ".repeat(20_000), "}".repeat(20_000)),
        &["ซ้อนกันลึกเกิน"],
        Some(1),
    ));
    let mut nested = String::from("agency:\n");
    for i in 0..200 {
        nested.push_str(&format!("{}k{i}:\n", "  ".repeat(i + 1)));
    }
    cases.push(case("deep-map", nested, &["ซ้อนกันลึกเกิน"], None));

    // aliases: many nodes (billion laughs), long text repeated
    let mut laughs = String::from("a0: &a0 [\"ฮา\", \"ฮา\", \"ฮา\", \"ฮา\", \"ฮา\", \"ฮา\", \"ฮา\", \"ฮา\", \"ฮา\", \"ฮา\"]\n");
    for i in 1..10 {
        let p = i - 1;
        laughs.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    cases.push(case("alias-laughs", laughs, &["alias"], None));
    let long = format!(
        "{MINIMAL}memo:\n  background:\n    - &t \"{}\"\n{}",
        "ก".repeat(10_000),
        "    - *t\n".repeat(3_000)
    );
    cases.push(case(
        "alias-long-text",
        long,
        &["เกิน 1 เมกะไบต์", "alias"],
        None,
    ));
    cases.push(case(
        "alias-unknown",
        format!("{MINIMAL}memo:\n  subject: *nothing\n"),
        &["anchor"],
        Some(7),
    ));

    // characters YAML forbids, and encodings
    let nul = format!("{MINIMAL}memo:\n  subject: ก\0ข\n").into_bytes();
    cases.push(case("nul", nul, &["NUL"], Some(7)));
    for (name, c) in [
        ("ctrl-01", '\u{1}'),
        ("esc", '\u{1B}'),
        ("ffff", '\u{FFFF}'),
        ("del", '\u{7F}'),
        ("c1", '\u{9B}'),
    ] {
        let text = format!("{MINIMAL}memo:\n  subject: \"ก{c}ข\"\n");
        cases.push(case(name, text, &["U+"], Some(7)));
    }
    let many = format!(
        "{MINIMAL}memo:\n  subject: \"{}\"\n",
        "\u{7}".repeat(10_000)
    );
    cases.push(case("many-controls", many, &["อีก 9995"], Some(7)));
    let utf16le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(MINIMAL.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    cases.push(case("utf16le-bom", utf16le, &["UTF-16"], Some(1)));
    let utf16be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(MINIMAL.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    cases.push(case("utf16be-bom", utf16be, &["UTF-16"], Some(1)));
    let utf16_bare: Vec<u8> = MINIMAL.encode_utf16().flat_map(u16::to_le_bytes).collect();
    cases.push(case("utf16-no-bom", utf16_bare, &["UTF-16"], Some(1)));
    let mut tis620 = MINIMAL.as_bytes().to_vec();
    tis620.extend(b"memo:\n  subject: \xA1\xD2\xC3\n"); // "การ" in TIS-620
    cases.push(case("tis620", tis620, &["UTF-8", "0xA1"], Some(7)));

    // mistakes made by hand
    cases.push(case(
        "duplicate-top",
        format!("{MINIMAL}year: 2567\n"),
        &["ซ้ำ", "บรรทัด 3"],
        Some(6),
    ));
    cases.push(case(
        "duplicate-nested",
        MINIMAL.replace(
            "  name: เทศบาลตำบลทดสอบ\n",
            "  name: เทศบาลตำบลทดสอบ\n  name: อบต.ทดสอบ\n",
        ),
        &["ซ้ำ", "agency.name", "บรรทัด 2"],
        Some(3),
    ));
    cases.push(case(
        "tab",
        MINIMAL.replace("  name:", "\tname:"),
        &["แท็บ"],
        Some(2),
    ));
    cases.push(case(
        "open-quote",
        format!("{MINIMAL}memo:\n  subject: \"ก\n"),
        &["YAML ไม่ถูกต้อง"],
        None,
    ));
    cases.push(case("open-bracket", "agency: [\n", &["YAML ไม่ถูกต้อง"], None));
    cases.push(case(
        "colon-in-value",
        format!("{MINIMAL}memo:\n  subject: เรื่อง: ทดสอบ: x\n"),
        &["YAML ไม่ถูกต้อง"],
        Some(7),
    ));
    cases.push(case("empty", "", &["agency"], None));
    cases.push(case("comments-only", "# ว่าง\n", &["agency"], None));
    cases.push(case("a-list", "- 1\n- 2\n", &["ทั้งไฟล์"], Some(1)));
    cases.push(case("a-scalar", "ข้อความ\n", &["ทั้งไฟล์"], Some(1)));
    cases.push(case(
        "many-nodes",
        format!("a: [{}1]\n", "1,".repeat(250_000)),
        &["ค่ามากเกิน"],
        None,
    ));
    cases
}

#[test]
fn yaml_structure_and_text_are_refused_at_their_place_by_check_and_render_alike() {
    let cases = yaml_cases();
    for c in &cases {
        both_refuse(c);
    }
    eprintln!("yaml family: {} cases", cases.len());
    report_worst("yaml");
}

#[test]
fn a_second_document_after_a_good_one_is_ignored_and_the_first_renders() {
    let dir = scratch("two-docs");
    std::fs::write(dir.join("in.yaml"), format!("{MINIMAL}---\n- [[[[\n")).unwrap();
    itadoc(&dir, &["render", "in.yaml", "-o", "out", "--only", "memo"]).succeeded();
    let text = pdf_text(&dir.join("out/2568-memo.pdf"));
    assert!(text.contains("เทศบาลตำบลทดสอบ"), "{text}");
}

#[test]
fn what_is_read_is_a_regular_file_under_its_cap() {
    let mut cases = 0;
    // an input over the cap: a real 50 MB string, refused before it is read
    let dir = scratch("big-input");
    let mut big = MINIMAL.to_string();
    big.push_str("memo:\n  subject: \"");
    big.push_str(&"ก".repeat((50 << 20) / 3));
    big.push_str("\"\n");
    std::fs::write(dir.join("in.yaml"), big).unwrap();
    itadoc(&dir, &["check", "in.yaml"]).refused(&["in.yaml", "ใหญ่เกิน 1 เมกะไบต์"]);
    itadoc(&dir, &["render", "in.yaml", "-o", "out"]).refused(&["ใหญ่เกิน"]);
    assert!(files_in(&dir.join("out")).is_empty());
    let _ = std::fs::remove_dir_all(&dir);
    cases += 1;

    // a folder, a device and a FIFO as the input
    let dir = scratch("special-input");
    std::fs::create_dir(dir.join("folder.yaml")).unwrap();
    mkfifo(&dir.join("fifo.yaml"));
    for input in ["folder.yaml", "/dev/zero", "fifo.yaml"] {
        itadoc(&dir, &["check", input]).refused(&["ไม่ใช่ไฟล์ธรรมดา"]);
        itadoc(&dir, &["render", input, "-o", "out"]).refused(&["ไม่ใช่ไฟล์ธรรมดา"]);
        assert!(files_in(&dir.join("out")).is_empty());
        cases += 1;
    }

    // emblems given on the command line (trusted, but still read with care)
    let dir = scratch("emblems");
    std::fs::write(dir.join("in.yaml"), MINIMAL).unwrap();
    mkfifo(&dir.join("fifo.png"));
    std::fs::write(dir.join("huge.png"), png_header(40_000, 40_000)).unwrap();
    std::fs::write(dir.join("wide.png"), png_header(100_000, 10)).unwrap();
    std::fs::write(dir.join("huge.jpg"), jpeg_header(65_000, 65_000)).unwrap();
    std::fs::write(dir.join("zero.png"), png_header(0, 10)).unwrap();
    std::fs::write(dir.join("gif.png"), b"GIF89a\x01\x00\x01\x00").unwrap();
    let deep_svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">{}{}</svg>",
        "<g>".repeat(20_000),
        "</g>".repeat(20_000)
    );
    std::fs::write(dir.join("deep.svg"), deep_svg).unwrap();
    let many_svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">{}</svg>",
        "<rect width=\"1\" height=\"1\"/>".repeat(200_000)
    );
    std::fs::write(dir.join("many.svg"), many_svg).unwrap();
    std::fs::write(
        dir.join("broken.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"><g></svg>",
    )
    .unwrap();
    let sparse = std::fs::File::create(dir.join("sparse.png")).unwrap();
    sparse.set_len(100 << 20).unwrap();
    for (emblem, expect) in [
        ("/dev/zero", "ไม่ใช่ไฟล์ธรรมดา"),
        ("/dev/urandom", "ไม่ใช่ไฟล์ธรรมดา"),
        ("fifo.png", "ไม่ใช่ไฟล์ธรรมดา"),
        (".", "ไม่ใช่ไฟล์ธรรมดา"),
        ("missing.png", "ไม่พบไฟล์"),
        ("sparse.png", "ใหญ่เกิน 16 เมกะไบต์"),
        ("huge.png", "40000 × 40000"),
        ("wide.png", "100000 × 10"),
        ("huge.jpg", "65000 × 65000"),
        ("zero.png", "เป็นศูนย์"),
        ("gif.png", "ไม่ใช่ภาพ PNG, JPEG หรือ SVG"),
        ("deep.svg", "SVG ซับซ้อนเกินไป"),
        ("many.svg", "SVG ซับซ้อนเกินไป"),
        ("broken.svg", "อ่านภาพ SVG ไม่ได้"),
    ] {
        itadoc(
            &dir,
            &["render", "in.yaml", "-o", "out", "--emblem", emblem],
        )
        .refused(&[expect]);
        assert!(
            files_in(&dir.join("out")).is_empty(),
            "{emblem}: files left"
        );
        cases += 1;
    }
    // the same picture named in the input is placed at agency.emblem's line
    std::fs::write(
        dir.join("named.yaml"),
        MINIMAL.replace(
            "  name: เทศบาลตำบลทดสอบ\n",
            "  name: เทศบาลตำบลทดสอบ\n  emblem: huge.png\n",
        ),
    )
    .unwrap();
    itadoc(&dir, &["render", "named.yaml", "-o", "out"])
        .refused(&["named.yaml:3:11:", "40000 × 40000"]);
    cases += 1;

    // templates: a FIFO and an oversized file in the folder
    let dir = scratch("template-files");
    std::fs::write(dir.join("in.yaml"), MINIMAL).unwrap();
    std::fs::create_dir(dir.join("t")).unwrap();
    mkfifo(&dir.join("t/memo.xml.tera"));
    itadoc(
        &dir,
        &["render", "in.yaml", "-o", "out", "--templates", "t"],
    )
    .refused(&["memo.xml.tera", "ไม่ใช่ไฟล์ธรรมดา"]);
    std::fs::remove_file(dir.join("t/memo.xml.tera")).unwrap();
    std::fs::File::create(dir.join("t/memo.xml.tera"))
        .unwrap()
        .set_len(2 << 20)
        .unwrap();
    itadoc(
        &dir,
        &["render", "in.yaml", "-o", "out", "--templates", "t"],
    )
    .refused(&["ใหญ่เกิน 1 เมกะไบต์"]);
    assert!(files_in(&dir.join("out")).is_empty());
    cases += 2;

    // fonts: a folder with a cut-short font, a font without Thai, a device
    let dir = scratch("fonts");
    std::fs::write(dir.join("in.yaml"), MINIMAL).unwrap();
    let laksaman =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts/Laksaman.ttf")).unwrap();
    for (folder, bytes) in [
        ("cut", &laksaman[..laksaman.len() / 3]),
        ("tiny", &laksaman[..200]),
    ] {
        std::fs::create_dir(dir.join(folder)).unwrap();
        std::fs::write(dir.join(folder).join("Font.ttf"), bytes).unwrap();
        itadoc(&dir, &["render", "in.yaml", "-o", "out", "--fonts", folder]).refused(&["Font.ttf"]);
        assert!(files_in(&dir.join("out")).is_empty());
        cases += 1;
    }
    std::fs::create_dir(dir.join("latin")).unwrap();
    std::fs::write(dir.join("latin/Latin.ttf"), latin_only_font(&laksaman)).unwrap();
    itadoc(
        &dir,
        &["render", "in.yaml", "-o", "out", "--fonts", "latin"],
    )
    .refused(&["ไม่มีอักษรไทย"]);
    std::fs::create_dir(dir.join("dev")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.join("dev/zero.ttf")).unwrap();
    itadoc(&dir, &["render", "in.yaml", "-o", "out", "--fonts", "dev"])
        .refused(&["zero.ttf", "ไม่ใช่ไฟล์ธรรมดา"]);
    assert!(files_in(&dir.join("out")).is_empty());
    cases += 2;
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!("resource family: {cases} cases");
    report_worst("resource");
}

#[test]
fn paths_in_the_input_stay_in_its_folder_and_never_tell_what_is_outside() {
    let root = scratch("trust");
    let dir = root.join("input");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(root.join("outside.png"), tiny_png(10, 10)).unwrap();
    std::os::unix::fs::symlink(root.join("outside.png"), dir.join("link-out.png")).unwrap();
    std::os::unix::fs::symlink(root.join("absent.png"), dir.join("link-absent.png")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.png")).unwrap();
    let with = |field: &str, value: &str| {
        let text = if field == "emblem" {
            MINIMAL.replace(
                "  name: เทศบาลตำบลทดสอบ\n",
                &format!("  name: เทศบาลตำบลทดสอบ\n  emblem: {value}\n"),
            )
        } else {
            format!("{MINIMAL}settings:\n  font: {value}\n")
        };
        std::fs::write(dir.join("in.yaml"), text).unwrap();
    };
    let mut cases = 0;
    // refused by their form, before anything is opened: check and render agree
    for (field, value, line) in [
        ("emblem", "/etc/passwd", 3),
        ("emblem", "../outside.png", 3),
        ("emblem", "a/../../outside.png", 3),
        ("font", "/usr/share/fonts", 7),
        ("font", "..", 7),
    ] {
        with(field, value);
        let place = format!("in.yaml:{line}:");
        itadoc(&dir, &["check", "in.yaml"]).refused(&[&place, value]);
        itadoc(&dir, &["render", "in.yaml", "-o", "out"]).refused(&[&place, value]);
        assert!(files_in(&dir.join("out")).is_empty());
        cases += 1;
    }
    // links out of the folder: a file that exists and one that does not read the same
    let mut messages = Vec::new();
    for value in ["link-out.png", "link-absent.png", "missing.png", "zero.png"] {
        with("emblem", value);
        let run = itadoc(&dir, &["render", "in.yaml", "-o", "out"]);
        run.refused(&["in.yaml:3:11:", "ไม่พบ"]);
        messages.push(run.stderr.replace(value, "NAME"));
        cases += 1;
    }
    assert!(messages.windows(2).all(|w| w[0] == w[1]), "{messages:#?}");
    // a font folder inside whose file leads out
    std::fs::create_dir(dir.join("fonts")).unwrap();
    std::os::unix::fs::symlink(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts/Laksaman.ttf"),
        dir.join("fonts/Laksaman.ttf"),
    )
    .unwrap();
    with("font", "fonts");
    itadoc(&dir, &["render", "in.yaml", "-o", "out"])
        .refused(&["ไม่พบไฟล์ฟอนต์", "ในโฟลเดอร์ของไฟล์ข้อมูล"]);
    assert!(files_in(&dir.join("out")).is_empty());
    cases += 1;
    // the command line is trusted: the file outside is used
    with("emblem", "link-out.png");
    let out = root.join("out");
    itadoc(
        &dir,
        &[
            "render".as_ref(),
            "in.yaml".as_ref(),
            "-o".as_ref(),
            out.as_os_str(),
            "--only".as_ref(),
            "memo".as_ref(),
            "--emblem".as_ref(),
            root.join("outside.png").as_os_str(),
        ],
    )
    .succeeded();
    assert!(pdf_text(&out.join("2568-memo.pdf")).contains("เทศบาลตำบลทดสอบ"));
    cases += 1;
    let _ = std::fs::remove_dir_all(&root);
    eprintln!("trust family: {cases} cases");
    report_worst("trust");
}

#[test]
fn an_svg_emblem_pulls_in_no_other_file() {
    let dir = scratch("svg-href");
    // a distinctive picture beside the emblem: 7 × 3 pixels
    std::fs::write(dir.join("secret.png"), tiny_png(7, 3)).unwrap();
    let href = dir.join("secret.png");
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\"/><image width=\"10\" height=\"10\" href=\"{0}\"/><image width=\"10\" height=\"10\" xlink:href=\"secret.png\"/><image width=\"10\" height=\"10\" href=\"file://{0}\"/></svg>",
        href.display()
    );
    std::fs::write(dir.join("emblem.svg"), svg).unwrap();
    std::fs::write(
        dir.join("in.yaml"),
        MINIMAL.replace(
            "  name: เทศบาลตำบลทดสอบ\n",
            "  name: เทศบาลตำบลทดสอบ\n  emblem: emblem.svg\n",
        ),
    )
    .unwrap();
    itadoc(&dir, &["render", "in.yaml", "-o", "out", "--only", "memo"]).succeeded();
    let pdf = dir.join("out/2568-memo.pdf");
    let list = std::process::Command::new("pdfimages")
        .arg("-list")
        .arg(&pdf)
        .output()
        .expect("pdfimages (poppler-utils) must be installed");
    let list = String::from_utf8_lossy(&list.stdout);
    assert!(
        !list
            .lines()
            .any(|l| l.split_whitespace().nth(3) == Some("7")
                && l.split_whitespace().nth(4) == Some("3")),
        "the 7×3 picture was embedded:\n{list}"
    );
    // the same picture as a data URL inside the SVG is fine and drawn
    let data = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><image width=\"10\" height=\"10\" href=\"data:image/png;base64,{}\"/></svg>",
        base64(&tiny_png(7, 3))
    );
    std::fs::write(dir.join("emblem.svg"), data).unwrap();
    itadoc(&dir, &["render", "in.yaml", "-o", "out2", "--only", "memo"]).succeeded();
    let list = std::process::Command::new("pdfimages")
        .arg("-list")
        .arg(dir.join("out2/2568-memo.pdf"))
        .output()
        .unwrap();
    let list = String::from_utf8_lossy(&list.stdout);
    assert!(
        list.lines()
            .any(|l| l.split_whitespace().nth(3) == Some("7")
                && l.split_whitespace().nth(4) == Some("3")),
        "the embedded picture is missing:\n{list}"
    );
}

#[test]
fn user_templates_cannot_read_the_machine_or_run_away() {
    let dir = scratch("templates");
    std::fs::write(dir.join("in.yaml"), MINIMAL).unwrap();
    let memo = |body: &str| format!("<document>{body}</document>");
    let cases: Vec<(&str, String, &str)> = vec![
        ("env", memo("{{ get_env(name=\"HOME\") }}"), "get_env is not available"),
        ("loop", memo("{% for i in range(end=1000000000) %}x{% endfor %}"), "at most 100000"),
        (
            "nested-loops",
            memo("{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% for k in range(end=100000) %}{% endfor %}{% endfor %}{% endfor %}"),
            "longer than 10 s",
        ),
        ("recursion", "{% macro f(n) %}{{ self::f(n=n) }}{% endmacro f %}".to_string() + &memo("{{ self::f(n=1) }}"), "calls itself"),
        ("include-self", memo("{% include \"memo.xml.tera\" %}"), "calls itself"),
        ("deep-if", memo(&("{% if true %}".repeat(20_000) + &"{% endif %}".repeat(20_000))), "nested deeper than 64"),
        ("deep-brackets", memo(&format!("{{{{ {}1{} }}}}", "(".repeat(20_000), ")".repeat(20_000))), "nested deeper than 64"),
        ("file", memo("{% include \"/etc/passwd\" %}"), "memo.xml.tera"),
    ];
    for (name, text, expect) in &cases {
        let t = dir.join(name);
        std::fs::create_dir(&t).unwrap();
        std::fs::write(t.join("memo.xml.tera"), text).unwrap();
        let run = itadoc(
            &dir,
            &[
                "render",
                "in.yaml",
                "-o",
                "out",
                "--only",
                "memo",
                "--templates",
                name,
            ],
        );
        run.ended_normally();
        assert!(
            matches!(run.code, Some(1 | 2)),
            "{name}: {:?} {}",
            run.code,
            run.stderr
        );
        assert!(
            run.stderr.contains(expect),
            "{name}: expected {expect:?} in {}",
            run.stderr
        );
        assert!(
            !run.stderr
                .contains(&std::env::var("HOME").unwrap_or("/root".into())),
            "{name}: leaked HOME"
        );
        assert!(files_in(&dir.join("out")).is_empty(), "{name}: files left");
    }
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!("template family: {} cases", cases.len());
    report_worst("template");
}

// ------------------------------------------------------------------ helpers

fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo (coreutils)");
    assert!(ok.success());
}

/// A PNG signature and IHDR chunk claiming `w` × `h` (no picture data follows).
fn png_header(w: u32, h: u32) -> Vec<u8> {
    let mut v = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    v.extend(w.to_be_bytes());
    v.extend(h.to_be_bytes());
    v.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
    v
}

/// A JPEG start and a start-of-frame segment claiming `w` × `h`.
fn jpeg_header(w: u16, h: u16) -> Vec<u8> {
    let mut v = vec![0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08];
    v.extend(h.to_be_bytes());
    v.extend(w.to_be_bytes());
    v.extend([3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0, 0, 0, 0, 0, 0]);
    v
}

/// A real grey PNG of `w` × `h` pixels.
fn tiny_png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Grayscale);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc.write_header().unwrap();
        writer
            .write_image_data(&vec![128u8; (w * h) as usize])
            .unwrap();
    }
    out
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                s.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                s.push('=');
            }
        }
    }
    s
}

/// Laksaman with its Thai letters unmapped: the cmap's format-4 ranges that
/// cover U+0E00–U+0E7F are rewritten to map nothing, so the font parses and
/// draws Latin but has no Thai.
fn latin_only_font(font: &[u8]) -> Vec<u8> {
    let mut f = font.to_vec();
    let u16_at = |f: &[u8], i: usize| u16::from_be_bytes([f[i], f[i + 1]]) as usize;
    let u32_at =
        |f: &[u8], i: usize| u32::from_be_bytes([f[i], f[i + 1], f[i + 2], f[i + 3]]) as usize;
    let tables = u16_at(&f, 4);
    let cmap = (0..tables)
        .map(|t| 12 + 16 * t)
        .find(|&r| &f[r..r + 4] == b"cmap")
        .map(|r| u32_at(&f, r + 8))
        .expect("a cmap table");
    let subtables = u16_at(&f, cmap + 2);
    for s in 0..subtables {
        let off = cmap + u32_at(&f, cmap + 4 + 8 * s + 4);
        match u16_at(&f, off) {
            4 => {
                let segs = u16_at(&f, off + 6) / 2;
                let ends = off + 14;
                let starts = ends + 2 * segs + 2;
                let deltas = starts + 2 * segs;
                let range_offsets = deltas + 2 * segs;
                for i in 0..segs {
                    let (start, end) = (u16_at(&f, starts + 2 * i), u16_at(&f, ends + 2 * i));
                    if start <= 0x0E7F && end >= 0x0E00 && end != 0xFFFF {
                        // map the whole segment to glyph 0 (missing)
                        f[range_offsets + 2 * i..range_offsets + 2 * i + 2]
                            .copy_from_slice(&[0, 0]);
                        let delta = (0x10000 - start) as u16;
                        f[deltas + 2 * i..deltas + 2 * i + 2].copy_from_slice(&delta.to_be_bytes());
                    }
                }
            }
            12 => {
                let groups = u32_at(&f, off + 12);
                for g in 0..groups {
                    let at = off + 16 + 12 * g;
                    let (start, end) = (u32_at(&f, at), u32_at(&f, at + 4));
                    if start <= 0x0E7F && end >= 0x0E00 {
                        f[at + 8..at + 12].copy_from_slice(&0u32.to_be_bytes());
                    }
                }
            }
            _ => {}
        }
    }
    f
}
