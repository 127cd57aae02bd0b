//! Rendered files → `public/`, atomically: everything is written to a
//! temporary sibling directory which replaces `public/` only once complete,
//! so a failed build leaves the previous site untouched and files from
//! earlier builds never linger. Over an existing site, [`update`] keeps
//! both promises while writing only the files whose bytes changed.

pub mod data;
pub mod links;
pub mod lock;
mod publish;
pub mod search;
pub mod sitemap;
mod update;

pub use publish::{publish, PublishError};

use crate::render::OutputFile;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
#[error("{path}: {source}\n  help: check that the folder is writable and the disk is not full")]
pub struct WriteError {
    pub path: PathBuf,
    pub source: std::io::Error,
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError {
        path: path.to_owned(),
        source,
    }
}

/// Replaces `out` with exactly `files`. A `.gitkeep` in the old `out`
/// survives, so the committed placeholder stays.
pub fn write_site(out: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(io_err(parent))?;
    let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("public");
    let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
    let retired = parent.join(format!(".{name}.old-{}", std::process::id()));
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(io_err(&staging))?;
    }
    // Over an existing site, write only what changed (still all-or-nothing).
    if out.is_dir() && update::update(out, files, &staging, &retired)? {
        return Ok(());
    }
    let result = fill(&staging, files, out).and_then(|()| swap(out, &staging, &retired));
    if result.is_err() && staging.exists() {
        // Best effort: the error being returned matters more.
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

/// Files of the existing site kept whatever the build says (the committed
/// placeholder of an otherwise ignored `public/`).
const KEEP: &[&str] = &[".gitkeep"];

fn fill(staging: &Path, files: &[OutputFile], out: &Path) -> Result<(), WriteError> {
    std::fs::create_dir_all(staging).map_err(io_err(staging))?;
    write_files(staging, files)?;
    for name in KEEP {
        let keep = out.join(name);
        if keep.exists() {
            let to = staging.join(name);
            std::fs::copy(&keep, &to).map_err(io_err(&to))?;
        }
    }
    Ok(())
}

/// Writes each file under `dir`, creating folders as needed, in parallel.
fn write_files<'a>(
    dir: &Path,
    files: impl IntoParallelIterator<Item = &'a OutputFile>,
) -> Result<(), WriteError> {
    files.into_par_iter().try_for_each(|f| {
        let path = dir.join(&f.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io_err(parent))?;
        }
        std::fs::write(&path, &f.bytes).map_err(io_err(&path))
    })
}

fn swap(out: &Path, staging: &Path, retired: &Path) -> Result<(), WriteError> {
    if out.exists() {
        std::fs::rename(out, retired).map_err(io_err(out))?;
    }
    if let Err(e) = std::fs::rename(staging, out) {
        // Put the old site back before reporting.
        if retired.exists() {
            let _ = std::fs::rename(retired, out);
        }
        return Err(io_err(out)(e));
    }
    if retired.exists() {
        std::fs::remove_dir_all(retired).map_err(io_err(retired))?;
    }
    Ok(())
}
