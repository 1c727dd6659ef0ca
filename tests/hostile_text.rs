//! Hostile text in fields that render: every case ends with a correct document
//! (its text read back from the PDF) within the limits of hostile_common, with a
//! bounded number of warnings.

mod hostile_common;

use hostile_common::*;

fn with_agency_line(line: &str) -> String {
    MINIMAL.replace(
        "  name: เทศบาลตำบลทดสอบ\n",
        &format!("  name: เทศบาลตำบลทดสอบ\n{line}\n"),
    )
}

#[test]
fn right_to_left_text_in_any_field_renders() {
    let dir = scratch("rtl");
    let text = format!(
        "{}memo:\n  subject: ทดสอบ עברית ภาษา العربية ไทย\n  background:\n    - \"مرحبا بالعالم ש 12 ק ข้อความไทย\"\n",
        MINIMAL.replace("เทศบาลตำบลทดสอบ", "เทศบาลตำบลทดสอบ שלום עולם")
    );
    std::fs::write(dir.join("in.yaml"), text).unwrap();
    let run = itadoc(&dir, &["render", "in.yaml", "-o", "out", "--force"]);
    run.succeeded();
    let memo = pdf_text(&dir.join("out/2568-memo.pdf"));
    for thai in ["เทศบาลตำบลทดสอบ", "ทดสอบ", "ข้อความไทย"]
    {
        assert!(memo.contains(thai), "{thai} missing from:\n{memo}");
    }
    // every Hebrew and Arabic letter is still in the text layer
    for c in "שלוםעולםעבריתمرحبا".chars() {
        assert!(memo.contains(c), "{c} missing from:\n{memo}");
    }
    let announcement = pdf_text(&dir.join("out/2568-announcement.pdf"));
    assert!(announcement.contains("เทศบาลตำบลทดสอบ"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_long_unbreakable_run_in_a_header_field_renders_in_bounded_time() {
    // 100 KB in agency.office, the memo's left-aligned ส่วนราชการ line: with
    // look-ups quadratic in its length this took minutes and hit the CPU limit
    let mut cases = 0;
    for (name, run) in [("latin", "x".repeat(100_000)), ("thai", "ก".repeat(33_000))] {
        let dir = scratch(name);
        std::fs::write(
            dir.join("in.yaml"),
            with_agency_line(&format!("  office: {run}")),
        )
        .unwrap();
        let r = itadoc(
            &dir,
            &[
                "render", "in.yaml", "-o", "out", "--only", "memo", "--force",
            ],
        );
        r.succeeded();
        // its warnings are summarised: a few lines, not one per broken line
        let lines = r.stderr.lines().count();
        assert!(lines <= 8, "{lines} lines of warnings:\n{}", r.stderr);
        let memo = pdf_text(&dir.join("out/2568-memo.pdf"));
        let letter = run.chars().next().unwrap();
        let kept = memo.chars().filter(|c| *c == letter).count();
        assert!(
            kept >= run.chars().count(),
            "{name}: {kept} letters of the run in the PDF"
        );
        let _ = std::fs::remove_dir_all(&dir);
        cases += 1;
    }
    eprintln!("long-run family: {cases} cases");
    report_worst("long-run");
}

#[test]
fn thousands_of_overfull_lines_print_a_summary() {
    let dir = scratch("overfull");
    let body: String = (0..300)
        .map(|_| format!("    - {}\n", "x".repeat(300)))
        .collect();
    std::fs::write(
        dir.join("in.yaml"),
        format!("{MINIMAL}memo:\n  background:\n{body}"),
    )
    .unwrap();
    let r = itadoc(
        &dir,
        &[
            "render", "in.yaml", "-o", "out", "--only", "memo", "--force",
        ],
    );
    r.succeeded();
    let overfull: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| l.contains("คำยาวเกินบรรทัด"))
        .collect();
    assert_eq!(overfull.len(), 4, "{}", r.stderr);
    let summary = overfull[3];
    assert!(
        summary.contains("อีก") && summary.contains("หน้า 1–"),
        "{summary}"
    );
    // the count in the summary plus the three shown is every broken line
    let more: usize = summary
        .split("อีก ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(more + 3 >= 1000, "only {more} more");
    let _ = std::fs::remove_dir_all(&dir);
}
