//! `--out`, checked before anything is built. Takes the portal root and the
//! requested output folder; gives the output's canonical path, or an
//! [`OutRefused`] naming the rule that refused it. Changes nothing on disk.
//!
//! A build replaces everything in its output folder, so the folder may be
//! new, empty, hold only a committed placeholder ([`PLACEHOLDERS`]), or hold
//! gazette's own [`MARKER`]: never the file system's root, the home folder,
//! the portal or a folder above it, the portal's sources, or a file.

use std::io;
use std::path::{Component, Path, PathBuf};

/// The file gazette leaves in every output folder it writes: proof that
/// the folder's contents are gazette's to replace.
pub const MARKER: &str = ".gazette-output";

/// What [`MARKER`] says to whoever opens it.
pub const MARKER_TEXT: &str = "\
This folder was written by gazette and is replaced on every build:
do not keep files of your own here.
";

/// Files an output folder may hold before gazette first writes it (the
/// committed placeholder of an otherwise ignored `public/`); kept by every
/// build.
pub const PLACEHOLDERS: &[&str] = &[".gitkeep"];

/// The portal's folders the build reads.
const SOURCES: &[&str] = &["seeds", "content", "themes"];

/// `--out` refused; nothing was changed.
#[derive(Debug, thiserror::Error)]
#[error("{out}: {rule}")]
pub struct OutRefused {
    /// The folder as given.
    pub out: PathBuf,
    pub rule: Rule,
}

/// Which rule refused the output folder, and why.
#[derive(Debug, thiserror::Error)]
pub enum Rule {
    #[error("the file system's root; a build replaces everything in its output folder")]
    FileSystemRoot,
    #[error(
        "your home folder or a folder holding it; a build replaces everything in its output folder"
    )]
    Home,
    #[error("holds the portal {root}; a build there would replace seeds/, content/ and themes/")]
    HoldsPortal { root: PathBuf },
    #[error("the portal's {folder}/ or inside it; a build there would replace what it reads")]
    Source { folder: &'static str },
    #[error("a file, not a folder")]
    NotAFolder,
    #[error("holds files gazette did not write ({}); a build replaces everything in its output folder", .found.join(", "))]
    NotOurs { found: Vec<String> },
    #[error("cannot be read: {source}")]
    Unreadable { source: io::Error },
}

impl Rule {
    /// What to do instead.
    pub fn help(&self) -> String {
        match self {
            Rule::FileSystemRoot | Rule::Home | Rule::HoldsPortal { .. } | Rule::Source { .. } => {
                "give --out a folder of its own, like the default `public` inside the portal"
                    .to_owned()
            }
            Rule::NotAFolder => {
                "give --out a folder (new or empty); the file was left as it was".to_owned()
            }
            Rule::NotOurs { .. } => format!(
                "give --out a new or empty folder, or move those files away; gazette marks the folders it writes with {MARKER} (an output of a gazette older than that mark must be deleted once by hand)"
            ),
            Rule::Unreadable { .. } => "check the folder's permissions".to_owned(),
        }
    }
}

/// Checks `out` for a build of the portal at `root`; gives its canonical
/// path (symbolic links resolved, so the build replaces what the link
/// points to, not the link).
pub fn check(root: &Path, out: &Path) -> Result<PathBuf, OutRefused> {
    rule_for(root, out).map_err(|rule| OutRefused {
        out: out.to_owned(),
        rule,
    })
}

fn rule_for(root: &Path, out: &Path) -> Result<PathBuf, Rule> {
    let unreadable = |source| Rule::Unreadable { source };
    let canon = canonical(out).map_err(unreadable)?;
    let root = canonical(root).map_err(unreadable)?;
    if canon.parent().is_none() {
        return Err(Rule::FileSystemRoot);
    }
    let home = std::env::var_os("HOME").and_then(|h| canonical(Path::new(&h)).ok());
    if home.is_some_and(|h| h.starts_with(&canon)) {
        return Err(Rule::Home);
    }
    if root.starts_with(&canon) {
        return Err(Rule::HoldsPortal { root });
    }
    for folder in SOURCES {
        let source = canonical(&root.join(folder)).map_err(unreadable)?;
        if canon.starts_with(&source) {
            return Err(Rule::Source { folder });
        }
    }
    match std::fs::symlink_metadata(&canon) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(canon),
        Err(e) => Err(unreadable(e)),
        Ok(meta) if !meta.is_dir() => Err(Rule::NotAFolder),
        Ok(_) => match foreign_entries(&canon).map_err(unreadable)? {
            found if found.is_empty() => Ok(canon),
            found => Err(Rule::NotOurs { found }),
        },
    }
}

/// The first few entries of `dir` that make it not gazette's to replace:
/// none when it holds [`MARKER`] or only [`PLACEHOLDERS`].
fn foreign_entries(dir: &Path) -> io::Result<Vec<String>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name == MARKER {
            return Ok(Vec::new());
        }
        if !PLACEHOLDERS.contains(&name.as_str()) {
            found.push(name);
        }
    }
    found.sort();
    if found.len() > 3 {
        let more = found.len() - 3;
        found.truncate(3);
        found.push(format!("and {more} more"));
    }
    Ok(found)
}

/// `path` made absolute with its existing part canonicalised and the rest
/// (which cannot hold symbolic links, not existing) resolved by its names.
pub(super) fn canonical(path: &Path) -> io::Result<PathBuf> {
    let abs = std::path::absolute(path)?;
    let parts: Vec<Component> = abs.components().collect();
    for i in (1..=parts.len()).rev() {
        let head: PathBuf = parts[..i].iter().collect();
        match head.canonicalize() {
            Ok(mut p) => {
                for part in &parts[i..] {
                    match part {
                        Component::ParentDir => {
                            p.pop();
                        }
                        Component::Normal(name) => p.push(name),
                        Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
                    }
                }
                return Ok(p);
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(abs)
}
