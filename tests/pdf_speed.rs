//! How long `pdf::write` takes next to the stages before it. Timing depends on the
//! machine, so this is not run by default: `cargo test --release --test pdf_speed --
//! --ignored --nocapture` prints the figures (and fails only if writing is absurdly
//! slow, over 100 ms for one document).

use std::time::{Duration, Instant};

use itadoc::pdf::{self, PdfOptions};
use itadoc::typeset::fonts::Fonts;

fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let value = f();
        best = best.min(start.elapsed());
        last = Some(value);
    }
    (best, last.expect("at least one run"))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[test]
#[ignore = "timing: run with --release --ignored --nocapture"]
fn write_time_next_to_typesetting() {
    let xml = std::fs::read_to_string("examples/torture.xml").expect("examples/torture.xml");
    let fonts = Fonts::builtin();
    let doc = itadoc::markup::parse(&xml, "torture.xml").expect("torture parses");
    let (t_typeset, layout) = best(10, || itadoc::typeset::typeset(&doc, &fonts).unwrap());
    let (t_write, bytes) = best(10, || pdf::write(&layout, &PdfOptions::default()).unwrap());
    let stamp = chrono::NaiveDate::from_ymd_opt(2024, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    // The torture page has characters Laksaman lacks, so PDF/A refuses it: time the
    // attempt anyway (the validation runs to the end either way).
    let (t_pdfa, pdfa) = best(10, || pdf::write(&layout, &PdfOptions::pdfa(Some(stamp))));
    let glyphs: usize = layout
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .map(|i| match i {
            itadoc::typeset::layout::Item::Glyphs(r) => r.glyphs.len(),
            _ => 0,
        })
        .sum();
    println!(
        "torture: {} pages, {glyphs} glyphs, {} bytes: typeset {:.2} ms, pdf::write {:.2} ms, \
         PDF/A {:.2} ms ({})",
        layout.pages.len(),
        bytes.len(),
        ms(t_typeset),
        ms(t_write),
        ms(t_pdfa),
        if pdfa.is_ok() { "valid" } else { "refused" }
    );
}
