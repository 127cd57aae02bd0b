//! `content/` → curated data merged onto the parsed policies: site settings,
//! the department registry, policy and target slugs, translations, glossary,
//! Markdown pages, and the URL lock with its redirects. Loading and validation of shape only; nothing here
//! knows HTML.

pub mod changelog;
pub mod checks;
mod departments;
mod error;
pub mod glossary;
pub mod lock;
pub mod observations;
pub mod pages;
pub mod policies;
mod site;
pub mod targets;
pub mod translations;

pub use departments::{Department, DepartmentRegistry};
pub use error::ContentError;
pub use site::SiteConfig;

use crate::model::Lang;
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
}

impl Curated {
    /// Reads `content/` under `root`. The translation files are those of
    /// `policy_ids`; a file for a policy that doesn't exist is left for
    /// `check` to report.
    pub fn load(root: &Path, policy_ids: &[String]) -> Result<Self, ContentError> {
        let dir = root.join("content");
        let mut translations = BTreeMap::new();
        for id in policy_ids {
            let path = translation_path(root, Lang::En, id);
            translations.insert(id.clone(), translations::Translation::load(&path)?);
        }
        Ok(Curated {
            site: SiteConfig::load(&dir.join("site.yaml"))?,
            departments: DepartmentRegistry::load(&dir.join("departments.yaml"))?,
            policies: policies::load(&dir.join("policies.yaml"))?,
            targets: targets::load(&dir.join("targets.yaml"))?,
            glossary: glossary::load(&dir.join("glossary.yaml"))?,
            observations: observations::load(&dir.join("data").join("observations.csv"))?,
            checks: checks::load(&dir.join("checks.yaml"))?,
            changelog: changelog::load(&dir.join("changelog.yaml"))?,
            pages: pages::load_dir(&dir.join("pages"))?,
            translations,
            lock: lock::UrlLock::load(root)?,
            redirects: lock::load_redirects(root)?,
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
