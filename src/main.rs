//! The `itadoc` command line: argument parsing and dispatch. Each command lives in
//! `cli/`. Help is bilingual (Thai / English); messages follow `--lang`.

mod cli;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use itadoc::Lang;

/// itadoc: เอกสารผลการประเมิน ITA เป็น PDF พร้อมพิมพ์ / Thai ITA result documents as print-ready PDF
#[derive(Parser, Debug)]
#[command(name = "itadoc", version, long_about = None)]
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
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// ภาษาของข้อความ (th, en) / Language of messages
        #[arg(long, value_parser = parse_lang, default_value = "th")]
        lang: Lang,
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
        /// ภาษาของข้อความ (th, en) / Language of messages
        #[arg(long, value_parser = parse_lang, default_value = "th")]
        lang: Lang,
    },
}

/// The flags of `render` and `batch`.
#[derive(Args, Debug, Clone)]
struct RenderFlags {
    /// โฟลเดอร์ผลลัพธ์ / Output folder
    #[arg(short = 'o', long = "out", default_value = "out")]
    out: PathBuf,
    /// เฉพาะเอกสาร (คั่นด้วยจุลภาค) / Only these documents: memo,announcement,plan,progress,meeting
    #[arg(long, value_delimiter = ',')]
    only: Vec<String>,
    /// รูปแบบไฟล์ (คั่นด้วยจุลภาค): pdf, docx / File formats to write: pdf, docx or pdf,docx
    #[arg(long, value_enum, value_delimiter = ',', default_value = "pdf")]
    format: Vec<cli::OutputFormatArg>,
    /// ฟอนต์ที่ไฟล์ DOCX ระบุ (ค่าเริ่มต้น TH SarabunIT๙) / Font the DOCX names (default TH SarabunIT๙)
    #[arg(long)]
    docx_font: Option<String>,
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
    /// เขียน PDF/A-2a (PDF สำหรับเก็บถาวร มีโครงสร้างเอกสาร) / Write PDF/A-2a (archival, tagged)
    #[arg(long)]
    pdfa: bool,
    /// เขียน PDF/UA-1 (PDF ที่ทุกคนเข้าถึงได้ รวมผู้ใช้โปรแกรมอ่านหน้าจอ) / Write PDF/UA-1 (accessible, for screen readers too)
    #[arg(long)]
    pdfua: bool,
    /// เขียนแม้ข้อมูลมีข้อผิดพลาด / Write even when the check finds errors
    #[arg(long)]
    force: bool,
    /// ภาษาของข้อความ (th, en) / Language of messages
    #[arg(long, value_parser = parse_lang, default_value = "th")]
    lang: Lang,
}

/// What `check` prints.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum CheckFormat {
    /// One line per finding, then a count.
    Text,
    /// One JSON object.
    Json,
}

/// `--lang th|en`.
fn parse_lang(s: &str) -> Result<Lang, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "th" => Ok(Lang::Th),
        "en" => Ok(Lang::En),
        _ => Err(format!("'{s}': th หรือ en / th or en")),
    }
}

/// mimalloc instead of the C library's allocator: typesetting and PDF writing
/// make many small allocations on several threads, and a fresh-process render
/// took about a fifth less CPU time with it (the output is the same).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Render { file, flags } => cli::render::run(&file, &flags),
        Command::Check { file, format, lang } => {
            cli::check::run(&file, format == CheckFormat::Json, lang)
        }
        Command::New { year } => cli::starter::run(year),
        Command::Templates {
            action: TemplatesAction::Export { dir, force, lang },
        } => cli::templates::export(&dir, force, lang),
        Command::Batch { dir, jobs, flags } => cli::batch::run(&dir, jobs, &flags),
    }
}
