//! A small builder for integration tests: build a portal (the repository's
//! own seed portal or a fixture) into a temporary folder and read pages.
#![allow(dead_code)]

pub mod cli;
pub mod html;
pub mod serve;

pub use cli::{gazette, Run};

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

#[derive(Debug)]
pub struct Built {
    /// The temporary folder holding the build (none for [`seed_site`]).
    pub dir: Option<tempfile::TempDir>,
    pub out: PathBuf,
    pub report: gazette::BuildReport,
}

impl Built {
    pub fn page(&self, rel: &str) -> String {
        let path = self.out.join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.out.join(rel).is_file()
    }

    /// Every file of the build, relative to the output folder, sorted.
    pub fn files(&self) -> Vec<String> {
        let mut files: Vec<String> = walkdir::WalkDir::new(&self.out)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&self.out)
                    .expect("inside out")
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        files.sort();
        files
    }
}

/// The repository's own portal: seeds/, content/, themes/.
pub fn seed_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    seed_root().join("tests/fixtures").join(name)
}

pub fn build(root: &Path, base_url: Option<&str>) -> Built {
    build_with(root, |o| o.base_url = base_url.map(str::to_owned))
}

/// Builds `root` into a temporary folder with options `set` adjusts
/// (the output folder is the helper's); panics naming the portal on error.
pub fn build_with(root: &Path, set: impl FnOnce(&mut gazette::BuildOptions)) -> Built {
    try_build_with(root, set).unwrap_or_else(|e| panic!("build of {} failed: {e}", root.display()))
}

/// Like [`build_with`], giving the build's error instead of panicking.
pub fn try_build_with(
    root: &Path,
    set: impl FnOnce(&mut gazette::BuildOptions),
) -> Result<Built, gazette::BuildError> {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("public");
    let mut opts = gazette::BuildOptions::new(root);
    set(&mut opts);
    opts.out = out.clone();
    let report = gazette::build(&opts)?;
    Ok(Built {
        dir: Some(dir),
        out,
        report,
    })
}

/// The seed portal built once for the whole test run, without the search
/// index (most of a build's time), for tests that only read its pages. It
/// is written to `target/tmp/seed-site`; builds are byte-identical and
/// replace the folder atomically, so another run's build changes nothing a
/// reader sees.
pub fn seed_site() -> &'static Built {
    static SITE: OnceLock<Built> = OnceLock::new();
    SITE.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("seed-site");
        let mut opts = gazette::BuildOptions::new(seed_root());
        opts.search = false;
        opts.out = out.clone();
        let report = gazette::build(&opts).unwrap_or_else(|e| panic!("seed build failed: {e}"));
        Built {
            dir: None,
            out,
            report,
        }
    })
}

/// Every `href="…"` in a page.
pub fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(str::to_owned)
        .collect()
}

/// Copies a folder tree (for tests that edit a portal).
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = entry.path().strip_prefix(from).expect("inside");
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else if entry.file_type().is_file() {
            std::fs::copy(entry.path(), &dest).expect("copy");
        }
    }
}

/// A copy of the seed portal (seeds/, content/, themes/) in a temp folder.
pub fn seed_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for sub in ["seeds", "content", "themes"] {
        copy_tree(&seed_root().join(sub), &dir.path().join(sub));
    }
    dir
}

/// Build options for the portal at `root` into `out`, without the search
/// index, incremental or not.
pub fn options_without_search(
    root: &Path,
    out: PathBuf,
    incremental: bool,
) -> gazette::BuildOptions {
    let mut opts = gazette::BuildOptions::new(root);
    opts.out = out;
    opts.search = false;
    opts.incremental = incremental;
    opts
}

/// Every file under `dir`, by path relative to it, with its bytes,
/// sorted by path: what "the same output, byte for byte" compares.
pub fn files_with_bytes(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).expect("inside");
            let bytes = std::fs::read(e.path()).expect("readable");
            (rel.to_string_lossy().into_owned(), bytes)
        })
        .collect();
    files.sort();
    files
}

/// A search index file as the browser reads it: unpacked when it is
/// compressed (Pagefind's word chunks, filters, metadata and fragments),
/// as it is otherwise. The joined index compresses at another level than
/// Pagefind, so an index joined from runs equals one Pagefind's unpacked.
pub fn unpacked(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read;
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return bytes.to_vec();
    }
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("gzip");
    out
}
