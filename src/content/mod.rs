//! `content/` → curated data merged onto the parsed policies: site settings,
//! the department registry, policy and target slugs, translations, glossary
//! and English style,
//! Markdown pages, the URL lock with its redirects, and corrections of the
//! parser's readings. Loading and
//! validation of shape only; nothing here knows HTML.
//!
//! Every YAML file (here and the theme's strings) is read through [`yaml`]
//! (no repeated keys, no unknown
//! keys at any depth); every slug and redirect URL passes [`slug`]; no
//! file is read through a symbolic link leaving the portal ([`contained`]).
//! A broken portal is reported whole: [`Curated::load`] gathers the
//! problems of every file before failing.

pub mod changelog;
pub mod checks;
mod contained;
pub mod corrections;
mod departments;
mod error;
pub mod glossary;
pub mod lock;
pub mod memo;
pub mod observations;
pub mod pages;
pub mod policies;
mod site;
pub mod slug;
pub mod style;
pub(crate) mod suggest;
pub mod targets;
pub mod translations;
pub(crate) mod yaml;
pub(crate) mod yaml_edit;

pub use departments::{Department, DepartmentRegistry};
pub use error::ContentError;
pub use site::{Contact, SiteConfig, LOCALHOST};

use crate::model::Lang;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

/// Everything curated under `content/`.
#[derive(Debug, Clone, Default)]
pub struct Curated {
    pub site: SiteConfig,
    pub departments: DepartmentRegistry,
    pub policies: policies::PolicyMetas,
    pub targets: targets::TargetMetas,
    pub glossary: Vec<glossary::GlossaryEntry>,
    /// `content/style.yaml`: the English house style `check` enforces.
    pub style: style::Style,
    pub observations: Vec<observations::Observation>,
    pub checks: checks::Checks,
    pub changelog: Vec<changelog::Change>,
    pub pages: Vec<pages::MarkdownPage>,
    /// English translations keyed by policy stem.
    pub translations: BTreeMap<String, translations::Translation>,
    /// `content/urls.lock`: every published address and what it showed.
    pub lock: lock::UrlLock,
    /// `content/redirects.yaml`: old address → new address.
    pub redirects: BTreeMap<String, String>,
    /// `content/corrections/POLICY.yaml` by policy ID: what the parser got
    /// wrong, set right without touching the official text.
    pub corrections: BTreeMap<String, corrections::Corrections>,
}

impl Curated {
    /// Reads `content/` under `root`. The translation files are those of
    /// `policy_ids`; a file for a policy that doesn't exist is left for
    /// `check` to report.
    pub fn load(root: &Path, policy_ids: &[String]) -> Result<Self, ContentError> {
        Self::load_recalling(root, policy_ids, &memo::ContentMemo::off())
    }

    /// [`Curated::load`], the parses of the translation files,
    /// `targets.yaml` and the URL lock taken from `memo` when it holds one
    /// of the same text.
    pub fn load_recalling(
        root: &Path,
        policy_ids: &[String],
        memo: &memo::ContentMemo,
    ) -> Result<Self, ContentError> {
        let dir = root.join("content");
        // A link leaving the portal is not even read.
        ContentError::collect(contained::check(root))?;
        let mut problems = Problems(Vec::new());
        // Read and parsed in parallel (at 1,000 policies a fifth of
        // loading `content/`), their errors kept in policy order.
        let loaded: Vec<_> = policy_ids
            .par_iter()
            .map(|id| {
                let path = translation_path(root, Lang::En, id);
                translations::Translation::load_recalling(&path, &memo.translations)
            })
            .collect();
        let translations = policy_ids
            .iter()
            .zip(loaded)
            .map(|(id, loaded)| (id.clone(), problems.take(loaded)))
            .collect();
        let curated = Curated {
            site: problems.take(SiteConfig::load(&dir.join("site.yaml"))),
            departments: problems.take(DepartmentRegistry::load(&dir.join("departments.yaml"))),
            policies: problems.take(policies::load(&dir.join("policies.yaml"))),
            targets: problems.take(targets::load_recalling(
                &dir.join("targets.yaml"),
                &memo.targets,
            )),
            glossary: problems.take(glossary::load(&dir.join("glossary.yaml"))),
            style: problems.take(style::load(&dir.join("style.yaml"))),
            observations: problems.take(observations::load(
                &dir.join("data").join("observations.csv"),
            )),
            checks: problems.take(checks::load(&dir.join("checks.yaml"))),
            changelog: problems.take(changelog::load(&dir.join("changelog.yaml"))),
            pages: problems.take(pages::load_dir(&dir.join("pages"))),
            translations,
            lock: problems.take(lock::UrlLock::load_recalling(root, &memo.lock)),
            redirects: problems.take(lock::load_redirects(root)),
            corrections: problems.take(corrections::load(root, policy_ids)),
        };
        ContentError::collect(problems.0)?;
        Ok(curated)
    }
}

/// The problems of every file, gathered so that one bad file does not hide
/// the next.
struct Problems(Vec<ContentError>);

impl Problems {
    /// The value, or its default with the error kept.
    fn take<T: Default>(&mut self, result: Result<T, ContentError>) -> T {
        result.unwrap_or_else(|e| {
            self.0.push(e);
            T::default()
        })
    }
}

pub fn translation_path(root: &Path, lang: Lang, policy: &str) -> std::path::PathBuf {
    root.join("content")
        .join("translations")
        .join(lang.code())
        .join(format!("{policy}.yaml"))
}

/// Reads a UTF-8 file that may be absent.
/// A curated file's text to edit: empty when the file does not exist yet.
pub(crate) fn read_to_edit(path: &Path) -> std::io::Result<String> {
    match std::fs::read_to_string(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        other => other,
    }
}

/// Replaces a curated file with `text` in one step: written beside it,
/// then renamed over it, so a reader sees the old file or the new one,
/// never half of one.
pub(crate) fn replace(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temp = dir.join(format!(".{name}.gazette-temp"));
    std::fs::write(&temp, text)?;
    std::fs::rename(&temp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}

fn read_optional(path: &Path) -> Result<Option<String>, ContentError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(ContentError::Io {
            path: path.to_owned(),
            source,
        }),
    }
}
