//! `seeds/`: the official texts, verbatim, one file per policy. Finds and
//! reads them; parsing is `parse`'s job. Invariant: every seed's name (its
//! policy ID, which names its translation file and maybe its URL) passed
//! [`check_name`]; all bad names are reported together.

use std::path::{Path, PathBuf};

/// One seed file, read but not yet decoded.
#[derive(Debug, Clone)]
pub struct Seed {
    /// The file stem: the policy's ID.
    pub id: String,
    /// Path relative to the portal root, for messages (`seeds/000_x.txt`).
    pub display: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}: no seed files (*.txt) found\n  help: put the official text of each policy in seeds/ as a .txt file (UTF-8 or GBK), or run `gazette import FILE`")]
    Empty(PathBuf),
    #[error("{}", .0.iter().map(|b| format!("{}: the seed name {}\n  help: {NAME_HELP}", b.path.display(), b.reason)).collect::<Vec<_>>().join("\n"))]
    Names(Vec<BadName>),
}

/// A seed whose name [`check_name`] refused.
#[derive(Debug)]
pub struct BadName {
    pub path: PathBuf,
    pub reason: String,
}

/// The longest seed name accepted, in characters (without `.txt`).
pub const MAX_NAME_LEN: usize = 80;

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

/// Every `*.txt` (and `*.md`) file directly in `root/seeds`, sorted by name.
pub fn read_all(root: &Path) -> Result<Vec<Seed>, SeedError> {
    let dir = root.join("seeds");
    let mut seeds = Vec::new();
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
        let is_seed = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("txt") | Some("md")
        );
        if !entry.file_type().is_file() || !is_seed {
            continue;
        }
        let Some(id) = path.file_stem().and_then(|s| s.to_str()) else {
            bad.push(BadName {
                path: path.to_owned(),
                reason: "is not UTF-8".to_owned(),
            });
            continue;
        };
        if let Err(reason) = check_name(id) {
            bad.push(BadName {
                path: path.to_owned(),
                reason,
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
        seeds.push(Seed {
            id: id.to_owned(),
            display,
            bytes,
        });
    }
    if !bad.is_empty() {
        return Err(SeedError::Names(bad));
    }
    if seeds.is_empty() {
        return Err(SeedError::Empty(dir));
    }
    Ok(seeds)
}
