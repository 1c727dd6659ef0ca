//! The file system, in one place. Reading the files a run uses (the input, an
//! emblem, fonts, templates) without trusting them: only regular files are read
//! (not `/dev/zero`, a FIFO or a folder), each kind has a size cap, and a path
//! written inside an input file resolves inside that file's folder. Writing the
//! documents: the set all or nothing ([`write_set`]), through temporaries created
//! exclusively under unpredictable names (a symlink planted in the output folder
//! is never followed).
//!
//! A leaf: it depends on nothing else in the crate but the language of messages
//! ([`Lang`]). Messages come in Thai and English.

use std::fmt;
use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};

pub use crate::lang::Lang;

/// What a file is read for; each kind has its own cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// The input YAML (real ones are a few tens of kilobytes).
    Input,
    /// An emblem image (PNG, JPEG or SVG).
    Image,
    /// A font file (TTF, OTF or a TTC collection).
    Font,
    /// A user's template.
    Template,
}

impl FileKind {
    /// The most bytes a file of this kind may hold.
    pub fn cap(self) -> u64 {
        match self {
            FileKind::Input => 1 << 20,
            FileKind::Image => 16 << 20,
            FileKind::Font => 64 << 20,
            FileKind::Template => 1 << 20,
        }
    }

    fn name_th(self) -> &'static str {
        match self {
            FileKind::Input => "ไฟล์ข้อมูล",
            FileKind::Image => "ไฟล์ภาพตราสัญลักษณ์",
            FileKind::Font => "ไฟล์ฟอนต์",
            FileKind::Template => "ไฟล์แม่แบบ",
        }
    }

    fn name_en(self) -> &'static str {
        match self {
            FileKind::Input => "input file",
            FileKind::Image => "emblem image",
            FileKind::Font => "font file",
            FileKind::Template => "template file",
        }
    }
}

/// Why a file was not read.
#[derive(Debug)]
pub enum Reason {
    /// It is not there (or cannot be opened).
    Io(std::io::Error),
    /// It is a folder, a device, a FIFO or a socket.
    NotRegular,
    /// It holds more than its kind's cap.
    TooLarge,
    /// A folder was expected (`--fonts`, `--templates`) and this is not one.
    NotFolder,
    /// A file of a folder named in an input file leads (through a link) out of
    /// the input's folder; said like a missing file.
    NotInside,
}

/// A file that could not be read, with its path and kind.
#[derive(Debug)]
pub struct FileError {
    /// The path as given.
    pub path: PathBuf,
    /// What it was read for.
    pub kind: FileKind,
    /// Why it was not read.
    pub reason: Reason,
}

/// Megabytes, for messages.
fn mb(bytes: u64) -> u64 {
    bytes >> 20
}

impl FileError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let en = lang == Lang::En;
        let path = self.path.display();
        let cap = mb(self.kind.cap());
        match (&self.reason, en) {
            (Reason::Io(e), false) => {
                format!("{path}: อ่าน{}ไม่ได้: {}", self.kind.name_th(), io_th(e))
            }
            (Reason::Io(e), true) => {
                format!("{path}: cannot read the {}: {e}", self.kind.name_en())
            }
            (Reason::NotRegular, false) => format!(
                "{path}: ไม่ใช่ไฟล์ธรรมดา (เป็นโฟลเดอร์ อุปกรณ์ หรือท่อ) จึงไม่อ่านเป็น{}",
                self.kind.name_th()
            ),
            (Reason::NotRegular, true) => format!(
                "{path}: not a regular file (a folder, device or pipe), so not read as the {}",
                self.kind.name_en()
            ),
            (Reason::TooLarge, false) => {
                format!("{path}: {}ใหญ่เกิน {cap} เมกะไบต์", self.kind.name_th())
            }
            (Reason::NotInside, false) => {
                format!("ไม่พบ{} {path} ในโฟลเดอร์ของไฟล์ข้อมูล", self.kind.name_th())
            }
            (Reason::NotInside, true) => {
                format!(
                    "the {} {path} is not in the input file's folder",
                    self.kind.name_en()
                )
            }
            (Reason::NotFolder, false) => format!("{path}: ไม่ใช่โฟลเดอร์"),
            (Reason::NotFolder, true) => format!("{path}: not a folder"),
            (Reason::TooLarge, true) => {
                format!(
                    "{path}: the {} is larger than {cap} MB",
                    self.kind.name_en()
                )
            }
        }
    }
}

/// The common operating-system errors in Thai; others keep the system's words.
fn io_th(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "ไม่พบไฟล์".into(),
        std::io::ErrorKind::PermissionDenied => "ไม่มีสิทธิ์อ่าน".into(),
        _ => e.to_string(),
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::Th))
    }
}

impl std::error::Error for FileError {}

/// Reads a regular file of at most `kind`'s cap. The type and size are checked
/// before the file is opened, and the read stops one byte past the cap, so a
/// device, a FIFO or a file that grows while being read costs nothing.
pub fn read(path: &Path, kind: FileKind) -> Result<Vec<u8>, FileError> {
    let fail = |reason| FileError {
        path: path.to_path_buf(),
        kind,
        reason,
    };
    let meta = std::fs::metadata(path).map_err(|e| fail(Reason::Io(e)))?;
    if !meta.is_file() {
        return Err(fail(Reason::NotRegular));
    }
    if meta.len() > kind.cap() {
        return Err(fail(Reason::TooLarge));
    }
    let file = std::fs::File::open(path).map_err(|e| fail(Reason::Io(e)))?;
    // the path may have been replaced between the two looks
    match file.metadata() {
        Ok(m) if m.is_file() => {}
        Ok(_) => return Err(fail(Reason::NotRegular)),
        Err(e) => return Err(fail(Reason::Io(e))),
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(kind.cap() + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(Reason::Io(e)))?;
    if bytes.len() as u64 > kind.cap() {
        return Err(fail(Reason::TooLarge));
    }
    Ok(bytes)
}

/// Why a path written in an input file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathError {
    /// An absolute path (`/etc/x`, `C:\x`).
    Absolute,
    /// A path with `..` in it.
    Parent,
    /// Nothing by that name inside the folder (also said when the name leads out
    /// of the folder through a link, so the message never tells whether a file
    /// outside exists).
    NotInside,
}

impl PathError {
    /// The message about `value` (the path as written), in `lang`.
    pub fn message(&self, value: &str, lang: Lang) -> String {
        match (self, lang == Lang::En) {
            (PathError::Absolute, false) => format!(
                "\"{value}\" เป็นเส้นทางเต็ม ให้เขียนชื่อไฟล์ที่อยู่ในโฟลเดอร์เดียวกับไฟล์ข้อมูล (หรือระบุด้วยตัวเลือกในบรรทัดคำสั่ง)"
            ),
            (PathError::Absolute, true) => format!(
                "\"{value}\" is an absolute path; name a file in the input file's folder (or give it as a command-line option)"
            ),
            (PathError::Parent, false) => format!(
                "\"{value}\" ออกนอกโฟลเดอร์ของไฟล์ข้อมูลด้วย \"..\" ให้เขียนชื่อไฟล์ที่อยู่ในโฟลเดอร์นั้น (หรือระบุด้วยตัวเลือกในบรรทัดคำสั่ง)"
            ),
            (PathError::Parent, true) => format!(
                "\"{value}\" leaves the input file's folder with \"..\"; name a file inside it (or give it as a command-line option)"
            ),
            (PathError::NotInside, false) => {
                format!("ไม่พบ \"{value}\" ในโฟลเดอร์ของไฟล์ข้อมูล")
            }
            (PathError::NotInside, true) => {
                format!("\"{value}\" is not in the input file's folder")
            }
        }
    }
}

/// Checks the form of a path written in an input file, without touching the
/// file system: it must be relative and must not climb with `..`.
pub fn check_relative(value: &str) -> Result<(), PathError> {
    let path = Path::new(value);
    // `\` and a drive letter are absolute on Windows; refuse them everywhere so a
    // file means the same on every system.
    let windows_absolute = value.starts_with('\\')
        || value.as_bytes().get(1) == Some(&b':') && value.as_bytes()[0].is_ascii_alphabetic();
    if path.has_root() || windows_absolute {
        return Err(PathError::Absolute);
    }
    for c in path.components() {
        match c {
            Component::Prefix(_) | Component::RootDir => return Err(PathError::Absolute),
            Component::ParentDir => return Err(PathError::Parent),
            _ => {}
        }
    }
    if value.split(['/', '\\']).any(|part| part == "..") {
        return Err(PathError::Parent);
    }
    Ok(())
}

/// Resolves `value`, written in an input file, inside `folder` (the input's own
/// folder): refused by form first ([`check_relative`]), then followed through
/// links and refused unless it stays inside the folder. Returns the canonical path.
pub fn resolve_inside(folder: &Path, value: &str) -> Result<PathBuf, PathError> {
    check_relative(value)?;
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let root = std::fs::canonicalize(folder).map_err(|_| PathError::NotInside)?;
    let full = std::fs::canonicalize(root.join(value)).map_err(|_| PathError::NotInside)?;
    if full.starts_with(&root) {
        Ok(full)
    } else {
        Err(PathError::NotInside)
    }
}

/// Reads the files of the folder `dir` whose names `keep` accepts, as (path,
/// bytes) in path order, each as a file of `kind`: an accepted name that is not a
/// regular file (a FIFO, a folder) is an error, like any file [`read`] refuses.
pub fn read_folder(
    dir: &Path,
    kind: FileKind,
    keep: impl Fn(&Path) -> bool,
) -> Result<Vec<(PathBuf, Vec<u8>)>, FileError> {
    read_folder_within(dir, kind, keep, None)
}

/// [`read_folder`] for a folder named in an input file: with `root` (the input's
/// folder), a file whose real path (links followed) is outside `root` is refused
/// before it is read, with [`Reason::NotInside`].
pub fn read_folder_within(
    dir: &Path,
    kind: FileKind,
    keep: impl Fn(&Path) -> bool,
    root: Option<&Path>,
) -> Result<Vec<(PathBuf, Vec<u8>)>, FileError> {
    let fail = |reason| FileError {
        path: dir.to_path_buf(),
        kind,
        reason,
    };
    let meta = std::fs::metadata(dir).map_err(|e| fail(Reason::Io(e)))?;
    if !meta.is_dir() {
        return Err(fail(Reason::NotFolder));
    }
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| fail(Reason::Io(e)))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| keep(p))
        .collect();
    paths.sort();
    let root = match root {
        Some(r) if r.as_os_str().is_empty() => Some(Path::new(".")),
        r => r,
    }
    .map(std::fs::canonicalize);
    paths
        .into_iter()
        .map(|p| {
            if let Some(root) = &root {
                let inside = root.as_ref().is_ok_and(|root| {
                    std::fs::canonicalize(&p).is_ok_and(|real| real.starts_with(root))
                });
                if !inside {
                    return Err(FileError {
                        path: p,
                        kind,
                        reason: Reason::NotInside,
                    });
                }
            }
            read(&p, kind).map(|bytes| (p, bytes))
        })
        .collect()
}

/// The templates of the folder `dir`: every `*.tera` file as (file name, text).
pub fn read_templates(dir: &Path) -> Result<Vec<(String, String)>, FileError> {
    let files = read_folder(dir, FileKind::Template, |p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.ends_with(".tera"))
    })?;
    files
        .into_iter()
        .map(|(path, bytes)| {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string();
            String::from_utf8(bytes)
                .map(|text| (name, text))
                .map_err(|_| FileError {
                    path: path.clone(),
                    kind: FileKind::Template,
                    reason: Reason::Io(std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        "not UTF-8 text",
                    )),
                })
        })
        .collect()
}

/// Why documents could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// The output path is there and is not a folder (`-o` names a file).
    NotFolder(PathBuf),
    /// The operating system's error on this path.
    Io(PathBuf, std::io::Error),
}

impl WriteError {
    /// The message for the user, in `lang`, naming the path.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (WriteError::NotFolder(p), Lang::Th) => format!(
                "{}: เป็นไฟล์ ไม่ใช่โฟลเดอร์ จึงเขียนเอกสารลงไปไม่ได้ (ระบุโฟลเดอร์ด้วย -o)",
                p.display()
            ),
            (WriteError::NotFolder(p), Lang::En) => format!(
                "{}: is a file, not a folder, so no document can be written into it (name a folder with -o)",
                p.display()
            ),
            (WriteError::Io(p, e), Lang::Th) => {
                format!("{}: เขียนไม่ได้: {}", p.display(), write_th(e))
            }
            (WriteError::Io(p, e), Lang::En) => format!("{}: cannot write: {e}", p.display()),
        }
    }
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::Th))
    }
}

impl std::error::Error for WriteError {}

/// The common errors of writing in Thai; others keep the system's words.
fn write_th(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "ไม่พบโฟลเดอร์".into(),
        K::PermissionDenied => "ไม่มีสิทธิ์เขียน".into(),
        K::StorageFull => "พื้นที่ดิสก์เต็ม".into(),
        K::ReadOnlyFilesystem => "ดิสก์นี้เขียนไม่ได้ (อ่านอย่างเดียว)".into(),
        K::IsADirectory => "มีโฟลเดอร์ชื่อนี้อยู่แล้ว".into(),
        _ => e.to_string(),
    }
}

/// Makes sure `dir` is a folder, creating it (and its parents) when missing.
pub fn ensure_folder(dir: &Path) -> Result<(), WriteError> {
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(WriteError::NotFolder(dir.to_path_buf())),
        Err(_) => std::fs::create_dir_all(dir).map_err(|e| {
            // a parent that is a file
            if matches!(
                e.kind(),
                std::io::ErrorKind::AlreadyExists | std::io::ErrorKind::NotADirectory
            ) {
                WriteError::NotFolder(dir.to_path_buf())
            } else {
                WriteError::Io(dir.to_path_buf(), e)
            }
        }),
    }
}

/// Writes a set of files into `dir` (created if needed), all or nothing: every
/// file is first written in full to its own temporary in `dir` (created
/// exclusively, with an unpredictable name), and only then are the temporaries
/// renamed to their names, replacing what was there. A failure while writing
/// (a full disk, no permission) replaces nothing; on any error the temporaries
/// are removed. (A rename within one folder fails only when the name is taken by
/// a folder; the renames before it stand.) Returns the paths written, in order.
pub fn write_set(dir: &Path, files: &[(String, &[u8])]) -> Result<Vec<PathBuf>, WriteError> {
    ensure_folder(dir)?;
    let mut temporaries = Vec::with_capacity(files.len());
    for (name, bytes) in files {
        let target = dir.join(name);
        let mut builder = tempfile::Builder::new();
        builder.prefix(".itadoc-").suffix(".part");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o644));
        }
        let mut tmp = builder
            .tempfile_in(dir)
            .map_err(|e| WriteError::Io(target.clone(), e))?;
        tmp.write_all(bytes)
            .and_then(|()| tmp.flush())
            .map_err(|e| WriteError::Io(target.clone(), e))?;
        temporaries.push((tmp, target));
    }
    let mut written = Vec::with_capacity(files.len());
    for (tmp, target) in temporaries {
        tmp.persist(&target)
            .map_err(|e| WriteError::Io(target.clone(), e.error))?;
        written.push(target);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_and_folders_are_not_read() {
        let e = read(Path::new("/dev/zero"), FileKind::Image).unwrap_err();
        assert!(matches!(e.reason, Reason::NotRegular), "{e:?}");
        let e = read(Path::new("/"), FileKind::Input).unwrap_err();
        assert!(matches!(e.reason, Reason::NotRegular), "{e:?}");
        assert!(e.message(Lang::Th).contains("ไม่ใช่ไฟล์ธรรมดา"));
    }

    #[test]
    fn a_file_over_the_cap_is_refused_before_reading() {
        let dir = std::env::temp_dir().join(format!("itadoc-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("big.tera");
        let f = std::fs::File::create(&path).unwrap();
        // a sparse file: the size says too large without any bytes written
        f.set_len(FileKind::Template.cap() + 1).unwrap();
        let e = read(&path, FileKind::Template).unwrap_err();
        assert!(matches!(e.reason, Reason::TooLarge), "{e:?}");
        assert!(e.message(Lang::Th).contains("ใหญ่เกิน 1 เมกะไบต์"), "{e}");
        f.set_len(10).unwrap();
        assert_eq!(read(&path, FileKind::Template).unwrap(), vec![0; 10]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn paths_in_the_input_stay_in_its_folder() {
        assert_eq!(check_relative("krut.png"), Ok(()));
        assert_eq!(check_relative("img/krut.png"), Ok(()));
        assert_eq!(check_relative("/etc/passwd"), Err(PathError::Absolute));
        assert_eq!(check_relative("C:\\x.png"), Err(PathError::Absolute));
        assert_eq!(check_relative("../x.png"), Err(PathError::Parent));
        assert_eq!(check_relative("a/../../x.png"), Err(PathError::Parent));
        assert_eq!(check_relative("a\\..\\x.png"), Err(PathError::Parent));

        let dir = std::env::temp_dir().join(format!("itadoc-inside-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("in")).unwrap();
        std::fs::write(dir.join("in/krut.png"), b"x").unwrap();
        std::fs::write(dir.join("secret.png"), b"x").unwrap();
        std::os::unix::fs::symlink(dir.join("secret.png"), dir.join("in/out.png")).unwrap();
        std::os::unix::fs::symlink(dir.join("nothing.png"), dir.join("in/gone.png")).unwrap();
        let inside = resolve_inside(&dir.join("in"), "krut.png").unwrap();
        assert!(inside.ends_with("in/krut.png"));
        // a link out of the folder and a missing file read the same
        assert_eq!(
            resolve_inside(&dir.join("in"), "out.png"),
            Err(PathError::NotInside)
        );
        assert_eq!(
            resolve_inside(&dir.join("in"), "gone.png"),
            Err(PathError::NotInside)
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("itadoc-files-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_set_replaces_its_files_and_leaves_no_temporary() {
        let dir = scratch("set");
        write_set(&dir, &[("a.pdf".into(), b"one"), ("b.pdf".into(), b"two")]).unwrap();
        write_set(&dir, &[("a.pdf".into(), b"three")]).unwrap();
        assert_eq!(std::fs::read(dir.join("a.pdf")).unwrap(), b"three");
        assert_eq!(std::fs::read(dir.join("b.pdf")).unwrap(), b"two");
        let mut left: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(left, ["a.pdf", "b.pdf"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_set_that_cannot_be_completed_replaces_nothing() {
        let dir = scratch("partial");
        std::fs::write(dir.join("a.pdf"), b"old").unwrap();
        // the first name is taken by a folder: its rename fails, after both
        // temporaries were written and before a.pdf would be replaced
        std::fs::create_dir(dir.join("b.pdf")).unwrap();
        std::fs::write(dir.join("b.pdf").join("x"), b"x").unwrap();
        let set: [(String, &[u8]); 2] = [("b.pdf".into(), b"new"), ("a.pdf".into(), b"new")];
        assert!(write_set(&dir, &set).is_err());
        assert_eq!(std::fs::read(dir.join("a.pdf")).unwrap(), b"old");
        let left = std::fs::read_dir(&dir).unwrap().count();
        assert_eq!(left, 2, "a temporary was left behind");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_symlink_is_replaced_not_followed() {
        let dir = scratch("symlink");
        let victim = dir.join("victim.txt");
        std::fs::write(&victim, b"keep me").unwrap();
        std::os::unix::fs::symlink(&victim, dir.join("2566-memo.pdf")).unwrap();
        write_set(&dir, &[("2566-memo.pdf".into(), b"%PDF")]).unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep me");
        let meta = std::fs::symlink_metadata(dir.join("2566-memo.pdf")).unwrap();
        assert!(!meta.file_type().is_symlink());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_output_path_that_is_a_file_is_named_in_thai() {
        let dir = scratch("notdir");
        let file = dir.join("out");
        std::fs::write(&file, b"x").unwrap();
        let e = write_set(&file, &[("a.pdf".into(), b"x")]).unwrap_err();
        assert!(matches!(e, WriteError::NotFolder(_)), "{e:?}");
        assert!(e.message(Lang::Th).contains("ไม่ใช่โฟลเดอร์"), "{e}");
        // and below a file, too
        let e = write_set(&file.join("sub"), &[("a.pdf".into(), b"x")]).unwrap_err();
        assert!(matches!(e, WriteError::NotFolder(_)), "{e:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_folder_of_templates_reads_its_tera_files_and_refuses_odd_ones() {
        let dir = scratch("templates");
        std::fs::write(dir.join("memo.xml.tera"), "<document/>").unwrap();
        std::fs::write(dir.join("notes.txt"), "x").unwrap();
        let got = read_templates(&dir).unwrap();
        assert_eq!(
            got,
            [("memo.xml.tera".to_string(), "<document/>".to_string())]
        );
        // a template name that is no regular file is refused, not skipped
        std::fs::create_dir(dir.join("sub.tera")).unwrap();
        let e = read_templates(&dir).unwrap_err();
        assert!(matches!(e.reason, Reason::NotRegular), "{e:?}");
        std::fs::remove_dir(dir.join("sub.tera")).unwrap();
        let e = read_templates(&dir.join("memo.xml.tera")).unwrap_err();
        assert!(matches!(e.reason, Reason::NotFolder), "{e:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
