//! Rendered files → the output folder (`public/`), never anywhere else and
//! never half-written.
//!
//! [`Output::claim`] checks `--out` ([`guard`]: the folder is new, empty or
//! gazette's own, never the portal or a folder above it), locks it against
//! a second build ([`claim`]) and removes what a killed build left beside
//! it. [`Output::stage`] then begins the new site in a staging folder
//! beside it (the previous site, kept for this, with only what changed
//! rewritten: [`stage`]), which takes the build's files as they are made,
//! proving each path stays inside the folder, and keeps only their facts;
//! [`Output::publish`] completes it and puts it in place in one atomic
//! step ([`swap`]), writing the URL lock in that same step. Until that step the output is the old site, byte for byte; after
//! it, the new one. A failure anywhere before leaves the output as it was;
//! a failure writing the URL lock swaps the old site back.
//!
//! What is written — pages, open data, feeds, sitemap, search index, the
//! URL lock's text — is made by [`crate::render`] and [`crate::publish`].
//! This module only puts it on disk, safely.

mod claim;
mod guard;
mod stage;
mod swap;

pub use guard::{OutRefused, Rule, MARKER};
pub use stage::{check_unique, Staging};

use crate::diag::Diagnostic;
use crate::render::{Built, OutputFile};
use std::fs;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(
        "{path}: {source}\n  help: check that the folder is writable and the disk is not full"
    )]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("--out refused: {0}\n  help: {help}", help = .0.rule.help())]
    Refused(#[from] OutRefused),
    /// Another build holds the output's lock.
    #[error("{out}: {}\n  help: {BUSY_HELP}", busy(*.pid, lock))]
    Busy {
        out: PathBuf,
        lock: PathBuf,
        pid: Option<u32>,
    },
    #[error(
        "the build made the output path `{path}`, which is unsafe: {reason}\n  help: {UNSAFE_HELP}"
    )]
    UnsafePath { path: String, reason: &'static str },
    #[error("the build made two files at `{path}`\n  help: {DUPLICATE_HELP}")]
    DuplicatePath { path: String },
    /// The site was swapped in, writing `path` failed, and putting the old
    /// site back failed too: the output holds the new site.
    #[error("{path}: {source}; putting the previous site back into {out} failed too ({restore}), so it holds the new site\n  help: {NOT_RESTORED_HELP}")]
    NotRestored {
        path: PathBuf,
        source: std::io::Error,
        out: PathBuf,
        restore: std::io::Error,
    },
}

const UNSAFE_HELP: &str =
    "a slug or redirect gazette should have refused made it; please report it";
const DUPLICATE_HELP: &str =
    "two pages have the same address (a Markdown page named like a built-in page?): rename one";
const NOT_RESTORED_HELP: &str = "check that the folders are writable, then build again";
const BUSY_HELP: &str =
    "wait for it to finish, then build again; the lock ends with that process, even if it crashes";

fn busy(pid: Option<u32>, lock: &Path) -> String {
    let holder = pid.map_or_else(|| "process unknown".to_owned(), |p| format!("process {p}"));
    format!(
        "another gazette build is writing it ({holder}, holding {})",
        lock.display()
    )
}

impl WriteError {
    /// Whether the output folder is still exactly what it was before the
    /// build.
    pub fn output_unchanged(&self) -> bool {
        !matches!(self, WriteError::NotRestored { .. })
    }
}

impl From<&WriteError> for Diagnostic {
    fn from(e: &WriteError) -> Diagnostic {
        let (code, file, message, help) = match e {
            WriteError::Io { path, source } => (
                "write",
                path.display().to_string(),
                source.to_string(),
                "check that the folder is writable and the disk is not full".to_owned(),
            ),
            WriteError::Refused(r) => (
                "out-refused",
                r.out.display().to_string(),
                r.rule.to_string(),
                r.rule.help(),
            ),
            WriteError::Busy { out, lock, pid } => (
                "out-busy",
                out.display().to_string(),
                busy(*pid, lock),
                BUSY_HELP.to_owned(),
            ),
            WriteError::UnsafePath { path, reason } => (
                "output-path",
                path.clone(),
                format!("the build made this output path, which is unsafe: {reason}"),
                UNSAFE_HELP.to_owned(),
            ),
            WriteError::DuplicatePath { path } => (
                "output-path",
                path.clone(),
                "the build made two files at this path".to_owned(),
                DUPLICATE_HELP.to_owned(),
            ),
            WriteError::NotRestored {
                path,
                source,
                out,
                restore,
            } => (
                "write",
                path.display().to_string(),
                format!(
                    "{source}; putting the previous site back into {} failed too ({restore}), so it holds the new site",
                    out.display()
                ),
                NOT_RESTORED_HELP.to_owned(),
            ),
        };
        Diagnostic::error(code, file, 0).message(message).help(help)
    }
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_owned(),
        source,
    }
}

/// A file outside the output written in the same step as the site: the
/// URL lock.
#[derive(Debug, Clone, Copy)]
pub struct Companion<'a> {
    pub path: &'a Path,
    pub text: &'a str,
}

/// The output folder, checked and locked for one build.
#[derive(Debug)]
pub struct Output {
    /// Canonical: symbolic links resolved.
    dir: PathBuf,
    /// Held until the build ends.
    _lock: claim::OutputLock,
}

impl Output {
    /// Checks `out` for a build of the portal at `root`, locks it and
    /// removes the leftovers of killed builds. Refused, changes nothing.
    pub fn claim(root: &Path, out: &Path) -> Result<Output, WriteError> {
        let dir = guard::check(root, out)?;
        if let Some(parent) = dir.parent() {
            fs::create_dir_all(parent).map_err(io_err(parent))?;
        }
        let lock = claim::OutputLock::acquire(&dir)?;
        claim::clean_leftovers(&dir, &lock)?;
        swap::clean_temps(&root.join(crate::content::lock::LOCK_FILE));
        Ok(Output { dir, _lock: lock })
    }

    /// The output folder, canonical.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Begins the new site in the staging folder beside the output:
    /// the files handed to it go to disk as they are made.
    pub fn stage(&self) -> Result<Staging, WriteError> {
        Staging::begin(claim::sibling(&self.dir, "previous"), &self.dir)
    }

    /// Replaces the output with exactly the staged site, whose files are
    /// `built` (every file `staging` took, sorted by path), plus gazette's
    /// marker and the placeholders it had, and writes `companion` in the
    /// same step.
    pub fn publish(
        &self,
        staging: Staging,
        built: &[Built],
        companion: Option<Companion>,
    ) -> Result<(), WriteError> {
        stage::check_unique(built)?;
        if staging.finish(built)? {
            if let Some(c) = companion {
                let written = swap::Pending::write(c.path, c.text).and_then(swap::Pending::commit);
                written.map_err(io_err(c.path))?;
            }
            return Ok(());
        }
        let staging = staging.dir;
        let retired = claim::sibling(&self.dir, &format!("old-{}", std::process::id()));
        let pending = companion
            .map(|c| swap::Pending::write(c.path, c.text).map_err(io_err(c.path)))
            .transpose()?;
        let how = swap::swap_in(&staging, &self.dir, &retired).map_err(io_err(&self.dir))?;
        if how == swap::Swapped::Retired {
            // Best effort: without it the next build makes a staging
            // folder from nothing.
            let _ = fs::rename(&retired, &staging);
        }
        if let Some(pending) = pending {
            let path = pending.path().to_owned();
            if let Err(source) = pending.commit() {
                return Err(self.undo(how, &staging, &retired, path, source));
            }
        }
        Ok(())
    }

    /// Puts the old site back after the companion failed.
    fn undo(
        &self,
        how: swap::Swapped,
        staging: &Path,
        retired: &Path,
        path: PathBuf,
        source: std::io::Error,
    ) -> WriteError {
        match swap::swap_back(how, staging, &self.dir, retired) {
            Ok(()) => WriteError::Io { path, source },
            Err(restore) => WriteError::NotRestored {
                path,
                source,
                out: self.dir.clone(),
                restore,
            },
        }
    }
}

/// Claims `out` and replaces it with exactly `files`, the URL lock left
/// alone: [`Output::claim`], [`Output::stage`], then [`Output::publish`].
pub fn write_site(root: &Path, out: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
    use crate::{render::Sink, Store};
    let output = Output::claim(root, out)?;
    let staging = output.stage()?;
    staging.take(files.to_vec());
    let built = staging.built()?;
    output.publish(staging, &built, None)
}

#[cfg(test)]
mod tests;
