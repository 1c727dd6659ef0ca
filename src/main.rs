//! The `itadoc` command line: render, check, new, templates export, batch.
//! Help is bilingual (Thai / English); messages follow `--lang`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use clap::{Args, Parser, Subcommand, ValueEnum};

use itadoc::documents::{DocumentKind, RenderOptions};

#[path = "cli/starter.rs"]
mod starter;

/// itadoc: เอกสารผลการประเมิน ITA เป็น PDF พร้อมพิมพ์ / Thai ITA result documents as print-ready PDF
#[derive(Parser, Debug)]
#[command(
    name = "itadoc",
    version,
    about = "itadoc: เอกสารผลการประเมิน ITA เป็น PDF พร้อมพิมพ์ / Thai ITA result documents as print-ready PDF",
    long_about = None
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// สร้างเอกสาร PDF จากไฟล์ YAML / Render the documents of one YAML file as PDF
    Render {
        /// ไฟล์ข้อมูล YAML / The input YAML file
        file: PathBuf,
        #[command(flatten)]
        flags: RenderFlags,
    },
    /// ตรวจความถูกต้องของข้อมูล / Check an input file for errors and inconsistencies
    Check {
        /// ไฟล์ข้อมูล YAML / The input YAML file
        file: PathBuf,
        /// รูปแบบผลลัพธ์ / Output format
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// ภาษาของข้อความ / Language of messages
        #[arg(long, value_enum, default_value_t = LangArg::Th)]
        lang: LangArg,
    },
    /// พิมพ์ไฟล์ YAML ตั้งต้นพร้อมคำอธิบาย / Print a commented starter YAML
    New {
        /// ปีงบประมาณของผลการประเมิน (พ.ศ.) ค่าเริ่มต้น: ปีล่าสุดที่ประกาศผลแล้ว / Fiscal year of the results (Buddhist era); default: the last year whose results are out
        #[arg(long)]
        year: Option<u16>,
    },
    /// จัดการแม่แบบเอกสาร / Manage the document templates
    Templates {
        #[command(subcommand)]
        action: TemplatesAction,
    },
    /// สร้างเอกสารของทุกไฟล์ YAML ในโฟลเดอร์ / Render every YAML file of a folder, on all cores
    Batch {
        /// โฟลเดอร์ไฟล์ YAML / Folder of YAML files
        dir: PathBuf,
        /// จำนวนงานพร้อมกัน (ค่าเริ่มต้น: ทุกคอร์) / Parallel jobs (default: all cores)
        #[arg(long, short = 'j')]
        jobs: Option<usize>,
        #[command(flatten)]
        flags: RenderFlags,
    },
}

#[derive(Subcommand, Debug)]
enum TemplatesAction {
    /// คัดลอกแม่แบบไปแก้ไข / Copy the built-in templates into DIR for customising
    Export {
        /// โฟลเดอร์ปลายทาง / Destination folder
        dir: PathBuf,
        /// เขียนทับไฟล์เดิม / Overwrite existing files
        #[arg(long)]
        force: bool,
    },
}

#[derive(Args, Debug, Clone)]
struct RenderFlags {
    /// โฟลเดอร์ผลลัพธ์ / Output folder
    #[arg(short = 'o', long = "out", default_value = "out")]
    out: PathBuf,
    /// เฉพาะเอกสาร (คั่นด้วยจุลภาค) / Only these documents: memo,announcement,plan,progress,meeting
    #[arg(long, value_delimiter = ',')]
    only: Vec<String>,
    /// ใช้เลขอารบิก / Use Arabic digits instead of Thai digits
    #[arg(long)]
    arabic_digits: bool,
    /// โฟลเดอร์ฟอนต์ของผู้ใช้ (TH SarabunPSK …) / Folder of your own fonts
    #[arg(long)]
    fonts: Option<PathBuf>,
    /// โฟลเดอร์แม่แบบที่แก้ไขแล้ว / Folder of customised templates
    #[arg(long)]
    templates: Option<PathBuf>,
    /// ไฟล์ตราครุฑ (PNG/JPEG/SVG) / Emblem image file
    #[arg(long)]
    emblem: Option<PathBuf>,
    /// เขียน PDF/A-2b / Write PDF/A-2b
    #[arg(long)]
    pdfa: bool,
    /// เขียนแม้ข้อมูลมีข้อผิดพลาด / Write even when the check finds errors
    #[arg(long)]
    force: bool,
    /// ภาษาของข้อความ / Language of messages
    #[arg(long, value_enum, default_value_t = LangArg::Th)]
    lang: LangArg,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Text,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum LangArg {
    Th,
    En,
}

impl LangArg {
    fn code(self) -> &'static str {
        match self {
            LangArg::Th => "th",
            LangArg::En => "en",
        }
    }
    fn model(self) -> itadoc::model::Lang {
        match self {
            LangArg::Th => itadoc::model::Lang::Th,
            LangArg::En => itadoc::model::Lang::En,
        }
    }
    fn pick<'a>(self, th: &'a str, en: &'a str) -> &'a str {
        match self {
            LangArg::Th => th,
            LangArg::En => en,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Render { file, flags } => cmd_render(&file, &flags),
        Command::Check { file, format, lang } => cmd_check(&file, format, lang),
        Command::New { year } => {
            print!(
                "{}",
                starter::yaml(year.unwrap_or_else(starter::default_year))
            );
            ExitCode::SUCCESS
        }
        Command::Templates {
            action: TemplatesAction::Export { dir, force },
        } => match itadoc::documents::templates::export(&dir, force) {
            Ok(paths) => {
                for p in paths {
                    println!("{}", p.display());
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("itadoc: {}: {e}", dir.display());
                ExitCode::from(1)
            }
        },
        Command::Batch { dir, jobs, flags } => cmd_batch(&dir, jobs, &flags),
    }
}

/// The library's render options from the command-line flags.
fn options(flags: &RenderFlags, out_dir: PathBuf) -> Result<RenderOptions, String> {
    let only = if flags.only.is_empty() {
        None
    } else {
        let mut kinds = Vec::new();
        for name in &flags.only {
            match DocumentKind::parse(name) {
                Some(k) => kinds.push(k),
                None => {
                    return Err(format!(
                        "{} '{name}' ({})",
                        flags.lang.pick("ไม่รู้จักเอกสาร", "unknown document"),
                        "memo, announcement, plan, progress, meeting"
                    ))
                }
            }
        }
        Some(kinds)
    };
    Ok(RenderOptions {
        only,
        out_dir,
        thai_digits: flags.arabic_digits.then_some(false),
        fonts_dir: flags.fonts.clone(),
        templates_dir: flags.templates.clone(),
        emblem: flags.emblem.clone(),
        pdfa: flags.pdfa,
        force: flags.force,
        lang: flags.lang.code().to_string(),
        fonts: None,
    })
}

fn cmd_render(file: &Path, flags: &RenderFlags) -> ExitCode {
    let opts = match options(flags, flags.out.clone()) {
        Ok(o) => o,
        Err(m) => {
            eprintln!("itadoc: {m}");
            return ExitCode::from(2);
        }
    };
    match itadoc::render(file, &opts) {
        Ok(report) => {
            for w in &report.warnings {
                eprintln!("{w}");
            }
            // documents left out only deserve a word when they were asked for
            for k in report.skipped.iter().filter(|_| !flags.only.is_empty()) {
                eprintln!(
                    "{}: {k}",
                    flags.lang.pick("ข้ามเอกสารที่ไม่มีข้อมูล", "skipped, no data for")
                );
            }
            for d in &report.docs {
                println!("{}", d.path.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("itadoc: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn cmd_check(file: &Path, format: Format, lang: LangArg) -> ExitCode {
    let loaded = match itadoc::model::load(file) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{}", e.render(lang.model()));
            return ExitCode::from(2);
        }
    };
    let findings = itadoc::analysis::check(&loaded);
    let errors = findings
        .iter()
        .filter(|f| f.severity == itadoc::analysis::Severity::Error)
        .count();
    match format {
        Format::Json => {
            let report = itadoc::analysis::check_report(&loaded, lang.model());
            println!(
                "{}",
                serde_json::to_string_pretty(&report).unwrap_or_else(|_| "{}".into())
            );
        }
        Format::Text => {
            // the findings include the loader's warnings
            for f in &findings {
                println!(
                    "{}",
                    itadoc::documents::output::format_finding(f, &loaded.origin, lang.model())
                );
            }
            println!(
                "{}",
                match lang {
                    LangArg::Th => format!(
                        "ข้อผิดพลาด {errors} รายการ ข้อสังเกตทั้งหมด {} รายการ",
                        findings.len()
                    ),
                    LangArg::En =>
                        format!("{errors} error(s), {} finding(s) in all", findings.len()),
                }
            );
        }
    }
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Renders every YAML file of `dir` into `<out>/<file stem>/`, on all cores, with a
/// progress bar on stderr; carries on past a bad file and ends with a summary.
fn cmd_batch(dir: &Path, jobs: Option<usize>, flags: &RenderFlags) -> ExitCode {
    let lang = flags.lang;
    let mut files: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                    e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml")
                })
            })
            .collect(),
        Err(e) => {
            eprintln!("itadoc: {}: {e}", dir.display());
            return ExitCode::from(2);
        }
    };
    files.sort();
    let mut base = match options(flags, flags.out.clone()) {
        Ok(o) => o,
        Err(m) => {
            eprintln!("itadoc: {m}");
            return ExitCode::from(2);
        }
    };
    // one font family for every file
    base.fonts = Some(match &flags.fonts {
        Some(d) => match itadoc::typeset::fonts::Fonts::from_dir(d) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("itadoc: {e}");
                return ExitCode::from(2);
            }
        },
        None => itadoc::typeset::fonts::Fonts::builtin(),
    });

    let jobs = jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, files.len().max(1));
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let written = AtomicUsize::new(0);
    let failures: Mutex<Vec<(PathBuf, String)>> = Mutex::new(Vec::new());
    let total = files.len();
    let started = std::time::Instant::now();

    std::thread::scope(|s| {
        for _ in 0..jobs {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(file) = files.get(i) else { break };
                let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("input");
                let mut opts = base.clone();
                opts.out_dir = flags.out.join(stem);
                match itadoc::render(file, &opts) {
                    Ok(r) => {
                        written.fetch_add(r.docs.len(), Ordering::Relaxed);
                    }
                    Err(e) => failures
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .push((file.clone(), format!("{e:#}"))),
                }
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                progress(n, total);
            });
        }
    });
    eprintln!();

    let mut failures = failures.into_inner().unwrap_or_else(|p| p.into_inner());
    failures.sort();
    let secs = started.elapsed().as_secs_f64();
    let ok = total - failures.len();
    let docs = written.load(Ordering::Relaxed);
    match lang {
        LangArg::Th => eprintln!(
            "สำเร็จ {ok} ไฟล์ ({docs} เอกสาร) ไม่สำเร็จ {} ไฟล์ จากทั้งหมด {total} ไฟล์ ใช้เวลา {secs:.1} วินาที",
            failures.len()
        ),
        LangArg::En => eprintln!(
            "{ok} file(s) rendered ({docs} documents), {} failed, of {total}, in {secs:.1} s",
            failures.len()
        ),
    }
    for (file, message) in &failures {
        eprintln!("  {}: {message}", file.display());
    }
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Draws "[#####.....] n/total" on stderr.
fn progress(n: usize, total: usize) {
    const WIDTH: usize = 30;
    let filled = WIDTH * n / total.max(1);
    let mut err = std::io::stderr().lock();
    let _ = write!(
        err,
        "\r[{}{}] {n}/{total}",
        "#".repeat(filled),
        ".".repeat(WIDTH - filled)
    );
    let _ = err.flush();
}
