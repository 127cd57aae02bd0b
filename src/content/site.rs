//! `content/site.yaml`: the portal's settings, every one with a working
//! default so a portal of only `seeds/` builds.

use super::{read_optional, ContentError};
use crate::model::{Lang, Localized};
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SiteConfig {
    pub title: Localized<String>,
    pub description: Localized<String>,
    /// Where the site is published, e.g. `https://example.gov.cn/innovation/`.
    /// Its path becomes the prefix of every internal link.
    pub base_url: String,
    pub default_lang: Lang,
    /// Folder under `themes/` that overrides the embedded default theme.
    pub theme: String,
    /// Rows per page of the target index and its facets; longer lists go
    /// on to `page/2/`, `page/3/` … so no page grows with the portal.
    pub targets_per_page: usize,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: Localized {
                zh: "政策门户".into(),
                en: "Policy Portal".into(),
            },
            description: Localized {
                zh: "政策文件、量化目标与责任部门".into(),
                en: "Policy documents, their targets and the departments responsible".into(),
            },
            base_url: "http://localhost/".into(),
            default_lang: Lang::Zh,
            theme: "default".into(),
            targets_per_page: 200,
        }
    }
}

impl SiteConfig {
    pub fn load(path: &Path) -> Result<Self, ContentError> {
        let Some(text) = read_optional(path)? else {
            return Ok(Self::default());
        };
        let mut site: SiteConfig = if text.trim().is_empty() {
            Self::default()
        } else {
            serde_yaml::from_str(&text).map_err(|e| ContentError::yaml(path, &e))?
        };
        site.base_url = Self::normalise_base_url(&site.base_url);
        if !(site.base_url.starts_with("http://") || site.base_url.starts_with("https://")) {
            return Err(ContentError::Invalid {
                path: path.to_owned(),
                message: format!(
                    "base_url `{}` must be an absolute http(s) URL, like https://example.gov.cn/innovation/",
                    site.base_url
                ),
            });
        }
        if site.targets_per_page == 0 {
            return Err(ContentError::Invalid {
                path: path.to_owned(),
                message: "targets_per_page must be at least 1 (the default is 200)".to_owned(),
            });
        }
        Ok(site)
    }

    /// `base_url` with exactly one trailing slash.
    pub fn normalise_base_url(url: &str) -> String {
        format!("{}/", url.trim_end_matches('/'))
    }

    /// The path part of `base_url`, always starting and ending with `/`.
    pub fn base_path(&self) -> String {
        let after_scheme = self.base_url.split_once("://").map_or("", |(_, r)| r);
        match after_scheme.find('/') {
            Some(i) => after_scheme[i..].to_owned(),
            None => "/".to_owned(),
        }
    }

    /// `https://host` without a trailing slash or path.
    pub fn origin(&self) -> String {
        let path = self.base_path();
        self.base_url[..self.base_url.len() - path.len()].to_owned()
    }
}
