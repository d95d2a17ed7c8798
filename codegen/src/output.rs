//! The generated files in memory, and writing them to disk.
//!
//! [`GeneratedFiles::write`] is the only place the generator touches the output
//! directory. It is built so that regenerating is cheap and safe:
//!
//! * **write-if-changed**: a file whose bytes already match is not rewritten, so
//!   its modification time does not move and cargo does not rebuild the
//!   generated crate (or a crate that `include!`s it) for nothing;
//! * **atomic per file**: a changed file is written to a temporary file in the
//!   same directory and renamed over the old one, so an interrupted run leaves
//!   either the old or the new contents, never half a file;
//! * **no orphans**: a `.rs` file under `src/` that the set no longer contains
//!   (a shape removed from the model) is deleted. Nothing outside `src/`, and
//!   nothing that is not a `.rs` file, is ever deleted.
//!
//! Atomicity across files comes from the pipeline: generation finishes in
//! memory before anything is written, so a model with problems writes nothing.
//!
//! [`GeneratedFiles::check`] compares without writing, for CI (`codegen --check`).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// A generated crate: relative path (with `/` separators) to file contents, in path order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GeneratedFiles {
    files: BTreeMap<PathBuf, String>,
    notes: Vec<String>,
}

impl GeneratedFiles {
    /// An empty set of files.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) a file.
    pub fn insert(&mut self, path: impl Into<PathBuf>, contents: String) {
        self.files.insert(path.into(), contents);
    }

    /// Records something the user should know about this generation run
    /// (an operation left out, say); the CLI prints these as notes.
    pub fn note(&mut self, text: impl Into<String>) {
        self.notes.push(text.into());
    }

    /// The notes of this run, in the order recorded.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// The files, in path order.
    pub fn iter(&self) -> impl Iterator<Item = (&PathBuf, &String)> {
        self.files.iter()
    }

    /// The contents of one file.
    pub fn get(&self, path: &str) -> Option<&str> {
        self.files.get(&PathBuf::from(path)).map(String::as_str)
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True when there are no files.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Writes the files under `dir`, touching only what changed.
    ///
    /// * Directories are created as needed (including `dir` itself).
    /// * A file whose bytes on disk already equal the generated contents is left
    ///   untouched: not opened for writing, its modification time unchanged.
    /// * Any other file is written to a temporary file in its own directory and
    ///   renamed over the target, so readers (and an interrupted run) only ever
    ///   see a whole file. A replaced file keeps its permissions.
    /// * Finally every `*.rs` file under `dir/src/` that is not in this set is
    ///   removed (a shape removed from the model must not leave an orphan module),
    ///   and so is any directory under `dir/src/` that this emptied. Files outside
    ///   `dir/src/`, and files under it that do not end in `.rs`, are never deleted.
    ///
    /// Paths in the report are relative to `dir`, with `/` separators.
    ///
    /// Only files the generator wrote (they start with its header) are ever
    /// replaced or removed: an existing file without the header that would be
    /// overwritten stops the run before anything is written, and hand-written
    /// `.rs` files under `src/` are left alone. Leftover temporary files of a
    /// killed run are removed.
    ///
    /// # Errors
    ///
    /// A [`WriteError`] naming the path that failed. Files processed before the
    /// failure stay written; each file on its own is still whole. A path in the
    /// set that is absolute or contains `..` is refused before anything is written.
    pub fn write(&self, dir: &Path) -> Result<WriteReport, WriteError> {
        self.validate_paths()?;
        // Read everything first: a file the generator did not write (a
        // hand-written crate given as `--out`) stops the run before any write.
        let mut existing_files = Vec::with_capacity(self.files.len());
        for (rel, contents) in &self.files {
            let target = dir.join(rel);
            let existing = read_if_exists(&target)?;
            if let Some(bytes) = &existing {
                if bytes != contents.as_bytes() && !is_generated(bytes) {
                    return Err(WriteError::new(
                        WriteAction::Validate,
                        &target,
                        io::Error::new(
                            io::ErrorKind::AlreadyExists,
                            "the file exists and was not written by codegen (it lacks the \
                             generated-file header); give an output directory of its own, or \
                             delete the file",
                        ),
                    ));
                }
            }
            existing_files.push(existing);
        }
        let mut report = WriteReport::default();
        create_dir_all(dir)?;
        for ((rel, contents), existing) in self.files.iter().zip(existing_files) {
            let target = dir.join(rel);
            let rel = slash_path(rel);
            match existing {
                Some(existing) if existing == contents.as_bytes() => report.unchanged.push(rel),
                existing => {
                    if let Some(parent) = target.parent() {
                        create_dir_all(parent)?;
                    }
                    write_atomically(&target, contents.as_bytes(), existing.is_some())?;
                    report.written.push(rel);
                }
            }
        }
        let mut emptied = BTreeSet::new();
        for orphan in self.orphans(dir)? {
            let path = dir.join(&orphan);
            fs::remove_file(&path).map_err(|e| WriteError::new(WriteAction::Remove, &path, e))?;
            if let Some(parent) = path.parent() {
                emptied.insert(parent.to_path_buf());
            }
            report.removed.push(orphan);
        }
        remove_emptied_dirs(&dir.join("src"), emptied)?;
        remove_stale_temp_files(dir, &self.files)?;
        Ok(report)
    }

    /// Compares the files with what is under `dir`, writing nothing.
    ///
    /// Returns every difference, sorted by path: a generated file that is
    /// [`StaleKind::Missing`] or whose bytes differ ([`StaleKind::Changed`]), and
    /// every `*.rs` file under `dir/src/` that is not in this set
    /// ([`StaleKind::Extra`], the orphans [`write`](Self::write) would remove).
    /// An empty list means `dir` is up to date. A missing `dir` makes every file
    /// missing.
    ///
    /// # Errors
    ///
    /// A [`WriteError`] when a file or directory cannot be read (other than not existing).
    pub fn check(&self, dir: &Path) -> Result<Vec<StaleFile>, WriteError> {
        self.validate_paths()?;
        let mut stale = Vec::new();
        for (rel, contents) in &self.files {
            let kind = match read_if_exists(&dir.join(rel))? {
                None => StaleKind::Missing,
                Some(existing) if existing != contents.as_bytes() => StaleKind::Changed,
                Some(_) => continue,
            };
            stale.push(StaleFile {
                path: slash_path(rel),
                kind,
            });
        }
        for path in self.orphans(dir)? {
            stale.push(StaleFile {
                path,
                kind: StaleKind::Extra,
            });
        }
        stale.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(stale)
    }

    /// Refuses paths that could escape the output directory.
    fn validate_paths(&self) -> Result<(), WriteError> {
        for rel in self.files.keys() {
            let ok = !rel.as_os_str().is_empty()
                && rel
                    .components()
                    .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
            if !ok {
                return Err(WriteError::new(
                    WriteAction::Validate,
                    rel,
                    io::Error::new(
                        io::ErrorKind::InvalidInput,
                        "a generated path must be relative and must not contain `..`",
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Generated `*.rs` files under `dir/src/` not in the set, relative to
    /// `dir`, sorted. Only files that start with a generated-file header count:
    /// a hand-written module is never an orphan.
    fn orphans(&self, dir: &Path) -> Result<Vec<PathBuf>, WriteError> {
        let known: BTreeSet<PathBuf> = self.files.keys().map(|p| slash_path(p)).collect();
        let mut found = Vec::new();
        collect_rs_files(dir, Path::new("src"), &mut found)?;
        let mut orphans = Vec::new();
        for rel in found {
            if known.contains(&rel) {
                continue;
            }
            if read_if_exists(&dir.join(&rel))?.is_some_and(|bytes| is_generated(&bytes)) {
                orphans.push(rel);
            }
        }
        orphans.sort();
        Ok(orphans)
    }
}

/// What [`GeneratedFiles::write`] did, each list holding paths relative to the
/// output directory (with `/` separators), in path order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files created or replaced because their contents changed.
    pub written: Vec<PathBuf>,
    /// Files whose bytes already matched and were left untouched.
    pub unchanged: Vec<PathBuf>,
    /// Orphan `.rs` files under `src/` that were deleted.
    pub removed: Vec<PathBuf>,
}

/// The file-system operation that failed, for [`WriteError`] messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteAction {
    /// Checking a generated path before anything is written.
    Validate,
    /// Creating a directory.
    CreateDir,
    /// Reading an existing file to compare it.
    Read,
    /// Listing a directory under `src/`.
    ListDir,
    /// Writing the temporary file.
    Write,
    /// Renaming the temporary file over the target.
    Rename,
    /// Removing an orphan file or an emptied directory.
    Remove,
}

impl fmt::Display for WriteAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            WriteAction::Validate => "refusing to write",
            WriteAction::CreateDir => "cannot create directory",
            WriteAction::Read => "cannot read",
            WriteAction::ListDir => "cannot list directory",
            WriteAction::Write => "cannot write",
            WriteAction::Rename => "cannot replace",
            WriteAction::Remove => "cannot remove",
        })
    }
}

/// Writing (or checking) the output failed: which operation, on which path, and why.
#[derive(Debug, thiserror::Error)]
#[error("{action} {}: {source}", path.display())]
pub struct WriteError {
    /// The operation that failed.
    pub action: WriteAction,
    /// The path it failed on (the final target for a failed temporary-file write).
    pub path: PathBuf,
    /// The underlying error.
    #[source]
    pub source: io::Error,
}

impl WriteError {
    fn new(action: WriteAction, path: &Path, source: io::Error) -> Self {
        WriteError {
            action,
            path: path.to_path_buf(),
            source,
        }
    }
}

/// How a file on disk differs from the generated set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum StaleKind {
    /// The file is generated but absent on disk.
    Missing,
    /// The file exists but its bytes differ from the generated contents.
    Changed,
    /// A `.rs` file under `src/` that is not generated (an orphan).
    Extra,
}

impl fmt::Display for StaleKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            StaleKind::Missing => "missing",
            StaleKind::Changed => "changed",
            StaleKind::Extra => "extra",
        })
    }
}

/// One difference found by [`GeneratedFiles::check`]. Displays as `changed: src/lib.rs`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleFile {
    /// The path relative to the output directory, with `/` separators.
    pub path: PathBuf,
    /// How it differs.
    pub kind: StaleKind,
}

impl fmt::Display for StaleFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.path.display())
    }
}

/// `path` rebuilt from its components joined with `/`, so generated keys and
/// paths found on disk compare (and print) the same on every platform.
fn slash_path(path: &Path) -> PathBuf {
    let parts: Vec<String> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    PathBuf::from(parts.join("/"))
}

fn create_dir_all(dir: &Path) -> Result<(), WriteError> {
    fs::create_dir_all(dir).map_err(|e| WriteError::new(WriteAction::CreateDir, dir, e))
}

/// The file's bytes, or `None` when it does not exist.
fn read_if_exists(path: &Path) -> Result<Option<Vec<u8>>, WriteError> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(WriteError::new(WriteAction::Read, path, e)),
    }
}

/// Whether `bytes` are a file the generator wrote (and may overwrite or
/// remove): they start with the generator's header. Only the header's words up
/// to "codegen" are compared, so files from versions whose header went on
/// differently still count.
fn is_generated(bytes: &[u8]) -> bool {
    [crate::emit::FILE_HEADER, crate::emit::CARGO_HEADER]
        .iter()
        .filter_map(|header| {
            header
                .find("codegen")
                .map(|end| &header[..end + "codegen".len()])
        })
        .any(|marker| bytes.starts_with(marker.as_bytes()))
}

/// Removes `*.codegen-tmp` files that a killed run left in the directories
/// this set writes to (a live concurrent run's own temp files are only ever
/// renamed or removed by that run, so at worst its rename fails and it reports it).
fn remove_stale_temp_files(
    dir: &Path,
    files: &BTreeMap<PathBuf, String>,
) -> Result<(), WriteError> {
    let pid = format!(".{}-", std::process::id());
    let dirs: BTreeSet<PathBuf> = files
        .keys()
        .filter_map(|rel| dir.join(rel).parent().map(Path::to_path_buf))
        .collect();
    for d in dirs {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') && name.ends_with(".codegen-tmp") && !name.contains(&pid) {
                let path = entry.path();
                fs::remove_file(&path)
                    .map_err(|e| WriteError::new(WriteAction::Remove, &path, e))?;
            }
        }
    }
    Ok(())
}

/// Distinguishes temporary files of concurrent writes within one process.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Writes `bytes` to a fresh temporary file next to `target`, flushes it to disk
/// and renames it over `target`. The temporary name does not end in `.rs`, so a
/// leftover from a killed run is never mistaken for a module. When `replacing`,
/// the new file gets the old file's permissions.
fn write_atomically(target: &Path, bytes: &[u8], replacing: bool) -> Result<(), WriteError> {
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let permissions = if replacing {
        fs::metadata(target).ok().map(|m| m.permissions())
    } else {
        None
    };

    let (temp, mut file) =
        create_temp(dir, &name).map_err(|e| WriteError::new(WriteAction::Write, target, e))?;
    let written = file
        .write_all(bytes)
        .and_then(|()| match &permissions {
            Some(p) => file.set_permissions(p.clone()),
            None => Ok(()),
        })
        .and_then(|()| file.sync_all());
    drop(file);
    if let Err(e) = written {
        let _ = fs::remove_file(&temp);
        return Err(WriteError::new(WriteAction::Write, target, e));
    }
    if let Err(e) = fs::rename(&temp, target) {
        let _ = fs::remove_file(&temp);
        return Err(WriteError::new(WriteAction::Rename, target, e));
    }
    Ok(())
}

/// Creates `.<name>.<pid>-<n>.codegen-tmp` in `dir`, never reusing an existing file.
fn create_temp(dir: &Path, name: &str) -> io::Result<(PathBuf, fs::File)> {
    let pid = std::process::id();
    let mut last = None;
    for _ in 0..100 {
        let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = dir.join(format!(".{name}.{pid}-{n}.codegen-tmp"));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(file) => return Ok((path, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("cannot create a temporary file")))
}

/// Collects `*.rs` files under `root/rel` (recursively) as `/`-separated paths
/// relative to `root`. Symbolic links are neither followed nor collected.
fn collect_rs_files(root: &Path, rel: &Path, out: &mut Vec<PathBuf>) -> Result<(), WriteError> {
    let dir = root.join(rel);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(WriteError::new(WriteAction::ListDir, &dir, e)),
    };
    for entry in entries {
        let entry = entry.map_err(|e| WriteError::new(WriteAction::ListDir, &dir, e))?;
        let file_type = entry
            .file_type()
            .map_err(|e| WriteError::new(WriteAction::ListDir, &entry.path(), e))?;
        let child = rel.join(entry.file_name());
        if file_type.is_dir() {
            collect_rs_files(root, &child, out)?;
        } else if file_type.is_file() && child.extension().is_some_and(|ext| ext == "rs") {
            out.push(slash_path(&child));
        }
    }
    Ok(())
}

/// Removes directories under `src` (not `src` itself) that removing orphans left
/// empty, walking up while the parent became empty too.
fn remove_emptied_dirs(src: &Path, emptied: BTreeSet<PathBuf>) -> Result<(), WriteError> {
    // Deepest first, so a parent is looked at after its children.
    let mut dirs: Vec<PathBuf> = emptied.into_iter().collect();
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for start in dirs {
        let mut dir = start;
        while dir != src && dir.starts_with(src) {
            let is_empty = match fs::read_dir(&dir) {
                Ok(mut entries) => entries.next().is_none(),
                Err(_) => false,
            };
            if !is_empty {
                break;
            }
            fs::remove_dir(&dir).map_err(|e| WriteError::new(WriteAction::Remove, &dir, e))?;
            match dir.parent() {
                Some(parent) => dir = parent.to_path_buf(),
                None => break,
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    /// The header generated files start with.
    const H: &str = "// Code generated by codegen (test)\n";

    /// A set of generated files: each gets the generated-file header.
    fn files(entries: &[(&str, &str)]) -> GeneratedFiles {
        let mut f = GeneratedFiles::new();
        for (path, contents) in entries {
            f.insert(*path, format!("{H}{contents}"));
        }
        f
    }

    fn paths(list: &[PathBuf]) -> Vec<String> {
        list.iter().map(|p| p.display().to_string()).collect()
    }

    /// Sets a file's mtime far in the past, so an unwanted rewrite is visible
    /// whatever the file system's timestamp resolution.
    fn age(path: &Path) -> SystemTime {
        let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
        let file = fs::File::options().write(true).open(path).unwrap();
        file.set_modified(old).unwrap();
        old
    }

    fn mtime(path: &Path) -> SystemTime {
        fs::metadata(path).unwrap().modified().unwrap()
    }

    #[test]
    fn writes_then_leaves_identical_files_untouched() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let set = files(&[
            ("Cargo.toml", "[package]\n"),
            ("src/lib.rs", "pub mod types;\n"),
            ("src/types/foo.rs", "pub struct Foo;\n"),
        ]);

        let first = set.write(&out).unwrap();
        assert_eq!(
            paths(&first.written),
            ["Cargo.toml", "src/lib.rs", "src/types/foo.rs"]
        );
        assert!(first.unchanged.is_empty() && first.removed.is_empty());
        assert_eq!(
            fs::read_to_string(out.join("src/types/foo.rs")).unwrap(),
            format!("{H}pub struct Foo;\n")
        );

        let lib = out.join("src/lib.rs");
        let old = age(&lib);
        let second = set.write(&out).unwrap();
        assert!(second.written.is_empty(), "{second:?}");
        assert_eq!(second.unchanged.len(), 3);
        assert_eq!(mtime(&lib), old);
    }

    #[test]
    fn rewrites_only_the_changed_file_and_leaves_no_temp_files() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path();
        files(&[("src/lib.rs", "a\n"), ("src/x.rs", "x\n")])
            .write(out)
            .unwrap();
        let x_old = age(&out.join("src/x.rs"));

        let report = files(&[("src/lib.rs", "b\n"), ("src/x.rs", "x\n")])
            .write(out)
            .unwrap();
        assert_eq!(paths(&report.written), ["src/lib.rs"]);
        assert_eq!(paths(&report.unchanged), ["src/x.rs"]);
        assert_eq!(
            fs::read_to_string(out.join("src/lib.rs")).unwrap(),
            format!("{H}b\n")
        );
        assert_eq!(mtime(&out.join("src/x.rs")), x_old);
        let mut names: Vec<String> = fs::read_dir(out.join("src"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["lib.rs", "x.rs"]);
    }

    #[cfg(unix)]
    #[test]
    fn replaced_file_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("src/lib.rs");
        files(&[("src/lib.rs", "a\n")]).write(tmp.path()).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        files(&[("src/lib.rs", "b\n")]).write(tmp.path()).unwrap();
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }

    #[test]
    fn removes_orphan_modules_only_under_src() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path();
        files(&[
            ("src/lib.rs", "lib\n"),
            ("src/types/foo.rs", "foo\n"),
            ("src/types/bar.rs", "bar\n"),
            ("src/gone/deep.rs", "d\n"),
        ])
        .write(out)
        .unwrap();
        // Not ours to delete: outside src/, or not a .rs file.
        fs::write(out.join("build.rs"), "fn main() {}\n").unwrap();
        fs::create_dir_all(out.join("tests")).unwrap();
        fs::write(out.join("tests/it.rs"), "#[test] fn t() {}\n").unwrap();
        fs::write(out.join("src/types/notes.txt"), "keep\n").unwrap();
        fs::write(out.join("src/types/mine.rs"), "// hand-written\n").unwrap();

        let report = files(&[("src/lib.rs", "lib\n"), ("src/types/foo.rs", "foo\n")])
            .write(out)
            .unwrap();
        assert_eq!(
            paths(&report.removed),
            ["src/gone/deep.rs", "src/types/bar.rs"]
        );
        assert!(!out.join("src/types/bar.rs").exists());
        assert!(
            !out.join("src/gone").exists(),
            "an emptied directory is removed"
        );
        assert!(out.join("src/types/foo.rs").exists());
        assert!(out.join("src/types/notes.txt").exists());
        assert!(
            out.join("src/types/mine.rs").exists(),
            "hand-written modules stay"
        );
        assert!(out.join("build.rs").exists());
        assert!(out.join("tests/it.rs").exists());
    }

    #[test]
    fn check_reports_missing_changed_and_extra_and_writes_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let set = files(&[
            ("Cargo.toml", "c\n"),
            ("src/lib.rs", "lib\n"),
            ("src/types/foo.rs", "foo\n"),
        ]);

        let missing = set.check(&out).unwrap();
        assert_eq!(missing.len(), 3);
        assert!(missing.iter().all(|s| s.kind == StaleKind::Missing));
        assert!(!out.exists(), "check must not create the directory");

        set.write(&out).unwrap();
        assert_eq!(set.check(&out).unwrap(), []);

        fs::write(out.join("src/lib.rs"), "edited\n").unwrap();
        fs::remove_file(out.join("Cargo.toml")).unwrap();
        fs::write(out.join("src/types/orphan.rs"), format!("{H}x\n")).unwrap();
        fs::write(
            out.join("src/types/mine.rs"),
            "hand-written, not reported\n",
        )
        .unwrap();
        fs::write(out.join("README.md"), "not generated, not reported\n").unwrap();
        let stale: Vec<String> = set
            .check(&out)
            .unwrap()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            stale,
            [
                "missing: Cargo.toml",
                "changed: src/lib.rs",
                "extra: src/types/orphan.rs"
            ]
        );
        assert!(out.join("src/types/orphan.rs").exists());
        assert!(!out.join("Cargo.toml").exists());
    }

    #[test]
    fn refuses_to_overwrite_files_it_did_not_write() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path();
        fs::create_dir_all(out.join("src")).unwrap();
        fs::write(out.join("Cargo.toml"), "[package]\nname = \"mine\"\n").unwrap();
        fs::write(out.join("src/main.rs"), "fn main() {}\n").unwrap();
        let err = files(&[("Cargo.toml", "c\n"), ("src/lib.rs", "lib\n")])
            .write(out)
            .unwrap_err();
        assert_eq!(err.action, WriteAction::Validate);
        assert!(err.to_string().contains("Cargo.toml"), "{err}");
        assert!(
            err.to_string().contains("was not written by codegen"),
            "{err}"
        );
        // Nothing was written or removed.
        assert_eq!(
            fs::read_to_string(out.join("Cargo.toml")).unwrap(),
            "[package]\nname = \"mine\"\n"
        );
        assert!(!out.join("src/lib.rs").exists());
        assert!(out.join("src/main.rs").exists());
    }

    #[test]
    fn leftover_temp_files_of_a_killed_run_are_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path();
        files(&[("src/lib.rs", "a\n")]).write(out).unwrap();
        let leftover = out.join("src/.lib.rs.999999-3.codegen-tmp");
        fs::write(&leftover, "half a fi").unwrap();
        files(&[("src/lib.rs", "a\n")]).write(out).unwrap();
        assert!(!leftover.exists());
    }

    #[test]
    fn refuses_paths_that_escape_the_directory() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        for bad in ["../evil.rs", "/abs.rs", "src/../../x.rs"] {
            let err = files(&[("src/lib.rs", "x"), (bad, "x")])
                .write(&out)
                .unwrap_err();
            assert_eq!(err.action, WriteAction::Validate, "{bad}");
            assert!(err.to_string().contains(".."), "{err}");
        }
        assert!(!out.exists(), "nothing is written when a path is refused");
    }

    #[test]
    fn write_error_names_the_path() {
        let tmp = tempfile::tempdir().unwrap();
        // A file where a directory must go.
        fs::write(tmp.path().join("src"), "not a dir").unwrap();
        let err = files(&[("src/lib.rs", "x")]).write(tmp.path()).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("src"), "{text}");
        assert!(text.starts_with("cannot "), "{text}");
    }
}
