//! Rendering benchmark (harness = false).
//!
//! `cargo bench --bench render` renders every example in-process and prints, per
//! document, the time of the whole pipeline (markup → PDF and the stages before it),
//! the memo's markup-to-PDF time alone (wall clock, and the process's CPU time,
//! which other work on the machine hardly changes), the markup-to-DOCX time and
//! the dictionary start-up time; then the torture page (examples/torture.xml): typesetting,
//! `pdf::write`, and a PDF/A write.
//! Timings are printed here only: no test asserts a time.
//!
//! `cargo bench --bench render -- --generate N DIR` writes N agency files (variations
//! of the examples) into DIR for timing `itadoc batch` (scripts/bench-batch.sh).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use itadoc::documents::{self, DocumentKind};

/// The allocator the program uses (src/main.rs), so the timings are the program's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Best of `runs` timings of `f`.
fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let v = f();
        best = best.min(t.elapsed());
        last = Some(v);
    }
    (best, last.expect("at least one run"))
}

/// CPU time of this process so far (every thread), which other programs running
/// on the machine hardly change, unlike the wall clock.
fn cpu_time() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes the timespec it is given.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) } == 0;
    if !ok {
        return Duration::ZERO;
    }
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Least CPU time ([`cpu_time`]) of `runs` runs of `f`.
fn best_cpu<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut best = Duration::MAX;
    for _ in 0..runs {
        let t = cpu_time();
        std::hint::black_box(f());
        best = best.min(cpu_time().saturating_sub(t));
    }
    best
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn examples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir("examples")
        .expect("run from the crate root")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(i) = args.iter().position(|a| a == "--generate") {
        let n: usize = args.get(i + 1).and_then(|s| s.parse().ok()).unwrap_or(1000);
        let dir = PathBuf::from(
            args.get(i + 2)
                .cloned()
                .unwrap_or("/tmp/itadoc-batch-in".into()),
        );
        generate(n, &dir);
        return;
    }

    // Start-up costs are paid once per process: time the first call, not the best
    // of several (the fonts are cached after it).
    let t = Instant::now();
    let seg = itadoc::typeset::segment::Segmenter::new();
    let first_break = seg.breaks("ผลการประเมินคุณธรรม").len();
    println!(
        "dictionary start-up (Segmenter::new and a first segmentation, {first_break} breaks): {:.3} ms",
        ms(t.elapsed())
    );
    let t = Instant::now();
    let fonts = itadoc::typeset::fonts::Fonts::builtin();
    println!(
        "bundled fonts loaded (first call): {:.3} ms",
        ms(t.elapsed())
    );

    let opts = documents::Options::default();
    let pdf_opts = itadoc::pdf::PdfOptions::default();
    let docx_opts = itadoc::docx::DocxOptions::default();
    let mut total_docs = 0;
    let mut total_time = Duration::ZERO;
    for file in examples() {
        let name = file.file_stem().unwrap().to_string_lossy().to_string();
        let loaded = match itadoc::load_input(&file) {
            Ok(l) => l,
            Err(e) => {
                println!("{name}: cannot load: {e}");
                continue;
            }
        };
        let (t_analyse, analysis) = best(5, || itadoc::analysis::analyse(&loaded.input));
        let Ok(analysis) = analysis else {
            println!("{name}: analysis failed");
            continue;
        };
        println!("{name}: load+analyse {:.2} ms", ms(t_analyse));
        let mut example_time = t_analyse;
        for kind in DocumentKind::ALL {
            if !kind.available(&loaded.input, &analysis) {
                continue;
            }
            let (t_markup, xml) = best(5, || {
                documents::render_markup(kind, &loaded.input, &analysis, &opts).unwrap()
            });
            let (t_pdf, (pages, bytes)) = best(5, || {
                let mut doc = itadoc::markup::parse(&xml, kind.name()).unwrap();
                doc.images = itadoc::builtin_images();
                let layout = itadoc::typeset::typeset(&doc, &fonts).unwrap();
                let pdf = itadoc::pdf::write(&layout, &pdf_opts).unwrap();
                (layout.pages.len(), pdf.len())
            });
            // The same in CPU time, for a machine busy with other work.
            let cpu_pdf = best_cpu(10, || {
                let mut doc = itadoc::markup::parse(&xml, kind.name()).unwrap();
                doc.images = itadoc::builtin_images();
                let layout = itadoc::typeset::typeset(&doc, &fonts).unwrap();
                itadoc::pdf::write(&layout, &pdf_opts).unwrap().len()
            });
            // The same pipeline stage by stage: parse, typeset, write.
            let (t_parse, mut doc) = best(5, || itadoc::markup::parse(&xml, kind.name()).unwrap());
            doc.images = itadoc::builtin_images();
            let (t_typeset, layout) = best(5, || itadoc::typeset::typeset(&doc, &fonts).unwrap());
            let (t_write, _) = best(5, || itadoc::pdf::write(&layout, &pdf_opts).unwrap());
            // The Word output from the same markup (parse, then docx::write).
            let (t_docx, docx_bytes) = best(5, || {
                let mut doc = itadoc::markup::parse(&xml, kind.name()).unwrap();
                doc.images = itadoc::builtin_images();
                itadoc::docx::write(&doc, &docx_opts).unwrap().len()
            });
            println!(
                "  {:<13} {:>2} pages {:>7} bytes  template {:>6.2} ms  markup→PDF {:>7.2} ms \
                 (CPU {:.2}; parse {:.2}, typeset {:.2}, write {:.2})  markup→DOCX {:.2} ms ({} bytes)",
                kind.name(),
                pages,
                bytes,
                ms(t_markup),
                ms(t_pdf),
                ms(cpu_pdf),
                ms(t_parse),
                ms(t_typeset),
                ms(t_write),
                ms(t_docx),
                docx_bytes
            );
            example_time += t_markup + t_pdf;
            total_docs += 1;
        }
        println!("  all documents of {name}: {:.1} ms", ms(example_time));
        total_time += example_time;
    }
    if total_docs > 0 {
        println!(
            "{total_docs} documents, {:.2} ms per document on average",
            ms(total_time) / total_docs as f64
        );
    }
    torture(&fonts);
}

/// The torture page: how long `pdf::write` takes next to typesetting, and the
/// PDF/A write (refused: the page has characters the fonts lack, but the
/// validation runs to the end either way).
fn torture(fonts: &itadoc::typeset::fonts::Fonts) {
    let xml = match std::fs::read_to_string("examples/torture.xml") {
        Ok(x) => x,
        Err(e) => {
            println!("torture: cannot read examples/torture.xml: {e}");
            return;
        }
    };
    let mut doc = itadoc::markup::parse(&xml, "torture.xml").expect("torture parses");
    // The page names the bundled emblem by its path: hand its bytes over.
    match std::fs::read("data/emblem/garuda.svg") {
        Ok(svg) => {
            doc.images.insert(
                "data/emblem/garuda.svg".to_string(),
                std::sync::Arc::new(svg),
            );
        }
        Err(e) => println!("torture: cannot read data/emblem/garuda.svg: {e}"),
    }
    let (t_typeset, layout) = best(10, || itadoc::typeset::typeset(&doc, fonts).unwrap());
    let opts = itadoc::pdf::PdfOptions::default();
    let (t_write, bytes) = best(10, || itadoc::pdf::write(&layout, &opts).unwrap());
    let stamp = chrono::NaiveDate::from_ymd_opt(2024, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .expect("a valid date");
    let pdfa_opts = itadoc::pdf::PdfOptions::pdfa(Some(stamp));
    let (t_pdfa, pdfa) = best(10, || itadoc::pdf::write(&layout, &pdfa_opts));
    println!(
        "torture: {} pages, {} bytes: typeset {:.2} ms, pdf::write {:.2} ms, PDF/A {:.2} ms ({})",
        layout.pages.len(),
        bytes.len(),
        ms(t_typeset),
        ms(t_write),
        ms(t_pdfa),
        if pdfa.is_ok() { "valid" } else { "refused" }
    );
}

/// Writes `n` agency files into `dir`: the examples, each copy under another agency
/// name and with its indicator scores shifted a little, so no two files are alike.
fn generate(n: usize, dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let sources: Vec<(String, String)> = examples()
        .into_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            let loaded = itadoc::model::load_str(&text, "x").ok()?;
            Some((text, loaded.input.agency.name.clone()))
        })
        .collect();
    assert!(!sources.is_empty(), "no loadable example to vary");
    for i in 0..n {
        let (text, agency) = &sources[i % sources.len()];
        let renamed = text.replace(agency.as_str(), &format!("{agency}{}", i + 1));
        std::fs::write(dir.join(format!("agency-{:04}.yaml", i + 1)), renamed).unwrap();
    }
    println!("wrote {n} files into {}", dir.display());
}
