//! `seeds/`: the official texts, verbatim, one file per policy. Finds and
//! reads them; parsing is `parse`'s job.

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
}

/// Every `*.txt` (and `*.md`) file directly in `root/seeds`, sorted by name.
pub fn read_all(root: &Path) -> Result<Vec<Seed>, SeedError> {
    let dir = root.join("seeds");
    let mut seeds = Vec::new();
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
            continue;
        };
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
    if seeds.is_empty() {
        return Err(SeedError::Empty(dir));
    }
    Ok(seeds)
}
