//! `seeds/`: the official texts, verbatim, one file per policy — plain
//! text, a Word document or a saved web page, kept as received — and, for
//! a policy whose task table travels on its own, that table as received
//! (`ID.annex.xlsx`, `.xls`, `.ods` or `.csv`). Finds and reads them;
//! converting is [`crate::source`]'s job, parsing `parse`'s.
//! Invariant: every seed's name (its policy ID, which names its
//! translation file and maybe its URL) passed [`check_name`] and is used by
//! one file only; every annex belongs to a seed, one per seed; all bad
//! names are reported together.

use crate::diag::Diagnostic;
use crate::source::Format;
use std::path::{Path, PathBuf};

/// One seed file, read but not yet decoded.
#[derive(Debug, Clone)]
pub struct Seed {
    /// The file stem: the policy's ID.
    pub id: String,
    /// Path relative to the portal root, for messages (`seeds/000_x.txt`).
    pub display: String,
    /// By the file's extension.
    pub format: Format,
    pub bytes: Vec<u8>,
    /// The task table kept beside the document, read as its annex.
    pub annex: Option<Annex>,
}

/// A policy's task table as a file of its own (`seeds/ID.annex.xlsx`).
#[derive(Debug, Clone)]
pub struct Annex {
    /// Path relative to the portal root, for messages.
    pub display: String,
    /// Always a [`Format::Table`].
    pub format: Format,
    pub bytes: Vec<u8>,
    /// The workbook sheet to read (`content/policies.yaml` `annex_sheet`);
    /// `None`: the first sheet with a header row. Set by the caller.
    pub sheet: Option<String>,
}

/// The suffix of an annex file's stem: `ID.annex.xlsx`.
pub const ANNEX_SUFFIX: &str = ".annex";

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {NO_SEEDS}", .0.display())]
    Empty(PathBuf),
    #[error("{}", .0.iter().map(|b| format!("{}: the seed name {}", b.path.display(), b.reason)).collect::<Vec<_>>().join("\n"))]
    Names(Vec<BadName>),
}

/// An empty `seeds/` folder, in words.
const NO_SEEDS: &str = "no seed files (*.txt, *.docx, *.html) found";

impl SeedError {
    /// One diagnostic per problem: a refused name each.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let one = match self {
            SeedError::Io { path, source } if source.kind() == std::io::ErrorKind::NotFound => {
                Diagnostic::error("no-seeds", path.display().to_string(), 0)
                    .message("there is no seeds/ folder here")
                    .help("run the command in a portal folder (or pass --root), or create one with `gazette init DIR`")
            }
            SeedError::Io { path, source } => {
                Diagnostic::error("io", path.display().to_string(), 0)
                    .message(format!("cannot read: {source}"))
                    .help(crate::diag::CANNOT_READ_HELP)
            }
            SeedError::Empty(dir) => Diagnostic::error("no-seeds", dir.display().to_string(), 0)
                .message(NO_SEEDS)
                .help(EMPTY_HELP),
            SeedError::Names(bad) => {
                return bad
                    .iter()
                    .map(|b| {
                        Diagnostic::error("seed-name", b.path.display().to_string(), 0)
                            .message(format!("the seed name {}", b.reason))
                            .help(NAME_HELP)
                    })
                    .collect()
            }
        };
        vec![one]
    }
}

/// A seed whose name [`check_name`] refused.
#[derive(Debug)]
pub struct BadName {
    pub path: PathBuf,
    pub reason: String,
}

/// The longest seed name accepted, in characters (without `.txt`).
pub const MAX_NAME_LEN: usize = 80;

/// What to do about a seeds/ folder without seeds.
pub const EMPTY_HELP: &str = "put the official text of each policy in seeds/ (a .txt file in UTF-8 or GBK, a .docx or a saved .html page), or run `gazette import FILE`";

/// What to do about a refused seed name.
pub const NAME_HELP: &str = "rename the file: a seed's name becomes its policy ID and the name of its translation file; use letters, digits, `_` and `-`, like 2024_innovation.txt";

/// Checks a seed's name (the file name without `.txt`): not empty, no
/// leading `.`, no path separator, `:` or control character, at most
/// [`MAX_NAME_LEN`] characters. Gives why it is refused.
pub fn check_name(name: &str) -> Result<(), String> {
    let len = name.chars().count();
    if name.is_empty() {
        Err("is empty".to_owned())
    } else if name.starts_with('.') {
        Err(format!("`{name}` starts with `.`"))
    } else if let Some(c) = name
        .chars()
        .find(|&c| matches!(c, '/' | '\\' | ':') || c.is_control())
    {
        Err(format!("`{}` contains {c:?}", name.escape_debug()))
    } else if len > MAX_NAME_LEN {
        Err(format!("has {len} characters (at most {MAX_NAME_LEN})"))
    } else {
        Ok(())
    }
}

/// Every seed file directly in `root/seeds` (`*.txt`, `*.md`, `*.docx`,
/// `*.html`, `*.htm`), sorted by name, each with its task table
/// (`ID.annex.xlsx` …) if it has one. Other files (a `.pdf` kept for
/// reference) are not seeds and are left alone.
pub fn read_all(root: &Path) -> Result<Vec<Seed>, SeedError> {
    let dir = root.join("seeds");
    let mut seeds: Vec<Seed> = Vec::new();
    let mut annexes: Vec<(String, Annex)> = Vec::new();
    let mut bad = Vec::new();
    for entry in walkdir::WalkDir::new(&dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|e| SeedError::Io {
            path: dir.clone(),
            source: e.into(),
        })?;
        let path = entry.path();
        let format = match Format::of(path) {
            Ok(Some(format)) if entry.file_type().is_file() => format,
            _ => continue,
        };
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            bad.push(BadName {
                path: path.to_owned(),
                reason: "is not UTF-8".to_owned(),
            });
            continue;
        };
        let annex_of = stem.strip_suffix(ANNEX_SUFFIX);
        let id = annex_of.unwrap_or(stem);
        if let Err(reason) = check_name(id) {
            bad.push(BadName {
                path: path.to_owned(),
                reason,
            });
            continue;
        }
        let is_table = matches!(format, Format::Table(_));
        if is_table != annex_of.is_some() {
            bad.push(BadName {
                path: path.to_owned(),
                reason: match is_table {
                    true => format!("`{stem}` is a task table with no policy: name it ID{ANNEX_SUFFIX}.EXT after the seed it belongs to, or run `gazette import FILE --policy ID`"),
                    false => format!("`{stem}` ends in `{ANNEX_SUFFIX}`, which names a task table (.xlsx, .xls, .ods, .csv), not a document"),
                },
            });
            continue;
        }
        let bytes = std::fs::read(path).map_err(|source| SeedError::Io {
            path: path.to_owned(),
            source,
        })?;
        let display = path
            .strip_prefix(root)
            .unwrap_or(path)
            .display()
            .to_string();
        if is_table {
            if let Some((_, other)) = annexes.iter().find(|(owner, _)| owner == id) {
                bad.push(BadName {
                    path: path.to_owned(),
                    reason: format!(
                        "`{id}` already has a task table, {} (one per policy)",
                        other.display
                    ),
                });
                continue;
            }
            annexes.push((
                id.to_owned(),
                Annex {
                    display,
                    format,
                    bytes,
                    sheet: None,
                },
            ));
            continue;
        }
        if let Some(other) = seeds.iter().find(|s: &&Seed| s.id == id) {
            bad.push(BadName {
                path: path.to_owned(),
                reason: format!(
                    "`{id}` is also the name of {} (one file per policy)",
                    other.display
                ),
            });
            continue;
        }
        seeds.push(Seed {
            id: id.to_owned(),
            display,
            format,
            bytes,
            annex: None,
        });
    }
    for (owner, annex) in annexes {
        match seeds.iter_mut().find(|s| s.id == owner) {
            Some(seed) => seed.annex = Some(annex),
            None => bad.push(BadName {
                path: root.join(&annex.display),
                reason: format!(
                    "is the task table of `{owner}`, but seeds/ has no document named `{owner}`"
                ),
            }),
        }
    }
    if !bad.is_empty() {
        return Err(SeedError::Names(bad));
    }
    if seeds.is_empty() {
        return Err(SeedError::Empty(dir));
    }
    Ok(seeds)
}
