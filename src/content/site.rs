//! `content/site.yaml`: the portal's settings, every one with a working
//! default so a portal of only `seeds/` builds. The one setting without a
//! real default is `base_url`: a site built without it links to
//! [`LOCALHOST`], which the link stage reports (a warning, so an error
//! under `check --strict`).

use super::{read_optional, slug, yaml, ContentError};
use crate::model::{Lang, Localized};
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::fmt;
use std::path::Path;

/// Where a site without `base_url` is built for.
pub const LOCALHOST: &str = "http://localhost/";

/// `targets_per_page` when site.yaml does not say.
const DEFAULT_TARGETS_PER_PAGE: usize = 200;

/// `duties_per_page` when site.yaml does not say.
const DEFAULT_DUTIES_PER_PAGE: usize = 100;

/// `policies_per_page` when site.yaml does not say.
const DEFAULT_POLICIES_PER_PAGE: usize = 50;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SiteConfig {
    pub title: Localized<String>,
    pub description: Localized<String>,
    /// Where the site is published, e.g. `https://example.gov.cn/innovation/`,
    /// with one trailing slash. Its path becomes the prefix of every
    /// internal link. `None` when site.yaml gives none (or an empty one):
    /// then [`SiteConfig::base_url`] is [`LOCALHOST`].
    #[serde(rename = "base_url")]
    pub given_base_url: Option<String>,
    #[serde(deserialize_with = "lang_code")]
    pub default_lang: Lang,
    /// Folder under `themes/` that overrides the embedded default theme;
    /// a slug, so it names a folder there and nowhere else.
    #[serde(deserialize_with = "slug::string")]
    pub theme: String,
    /// Rows per page of the target index and its facets; longer lists go
    /// on to `page/2/`, `page/3/` … so no page grows with the portal.
    pub targets_per_page: usize,
    /// Duties per page of a department's page, about: a page takes whole
    /// policies (the department's duties in each) until it holds this
    /// many, and the rest go on to `page/2/` … so a department named in
    /// every policy of a large portal does not get one giant page.
    pub duties_per_page: usize,
    /// Policies per page of the list of policies (`/{lang}/policies/`);
    /// the home page shows the first 20 and links to it.
    pub policies_per_page: usize,
    /// The share of a policy's Chinese characters that must be translated
    /// for its English pages (the policy page and its breakdown table) to
    /// be published, 0–1; written `0.6` or `"60%"`. Below it they are not
    /// built, not in the sitemap or the search index, other pages link to
    /// the Chinese edition instead, and their locked URLs redirect there.
    /// `None` (the default): every English page is published.
    #[serde(deserialize_with = "share")]
    pub min_english_coverage: Option<f64>,
    /// How readers reach the site's editors with a question or a mistake
    /// found, shown in every page's footer: `contact: {email: …, url: …}`,
    /// either or both. `None`: the footer offers no contact.
    pub contact: Option<Contact>,
}

/// `contact` in site.yaml.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// `webmaster@example.gov.cn`.
    #[serde(default)]
    pub email: Option<String>,
    /// A feedback form or contact page, absolute `http(s)`.
    #[serde(default)]
    pub url: Option<String>,
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
            given_base_url: None,
            default_lang: Lang::Zh,
            theme: "default".into(),
            targets_per_page: DEFAULT_TARGETS_PER_PAGE,
            duties_per_page: DEFAULT_DUTIES_PER_PAGE,
            policies_per_page: DEFAULT_POLICIES_PER_PAGE,
            min_english_coverage: None,
            contact: None,
        }
    }
}

impl SiteConfig {
    pub fn load(path: &Path) -> Result<Self, ContentError> {
        let Some(text) = read_optional(path)? else {
            return Ok(Self::default());
        };
        let mut site: SiteConfig = yaml::parse(path, &text)?;
        site.given_base_url = site
            .given_base_url
            .filter(|u| !u.trim().is_empty())
            .map(|u| Self::normalise_base_url(&u));
        let mut problems = Vec::new();
        let lines = yaml::KeyLines::of(&text, path);
        let line = |key: &[&str]| lines.line(key).unwrap_or(1);
        if let Some(url) = &site.given_base_url {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                problems.push(ContentError::invalid(
                    path,
                    line(&["base_url"]),
                    format!("base_url `{url}` must be an absolute http(s) URL"),
                    "write where the site is published, like https://example.gov.cn/innovation/",
                ));
            }
        }
        let per_page = [
            (
                "targets_per_page",
                site.targets_per_page,
                DEFAULT_TARGETS_PER_PAGE,
            ),
            (
                "duties_per_page",
                site.duties_per_page,
                DEFAULT_DUTIES_PER_PAGE,
            ),
            (
                "policies_per_page",
                site.policies_per_page,
                DEFAULT_POLICIES_PER_PAGE,
            ),
        ];
        for (key, _, default) in per_page.into_iter().filter(|(_, n, _)| *n == 0) {
            problems.push(ContentError::invalid(
                path,
                line(&[key]),
                format!("{key} must be at least 1"),
                format!("give a number per page (the default is {default}), or remove the line"),
            ));
        }
        if let Some(contact) = &site.contact {
            let at = |key: &str| lines.line(&["contact", key]).unwrap_or(line(&["contact"]));
            problems.extend(contact.problems(path, at));
        }
        ContentError::collect(problems)?;
        Ok(site)
    }

    /// Whether a policy whose English covers `char_share` (0–1) of its
    /// Chinese characters has its English pages published.
    pub fn publishes_english(&self, char_share: f64) -> bool {
        self.min_english_coverage
            .is_none_or(|min| char_share + 1e-9 >= min)
    }

    /// Publishes under `url` (`--base-url`), whatever site.yaml says.
    pub fn set_base_url(&mut self, url: &str) {
        self.given_base_url = Some(Self::normalise_base_url(url));
    }

    /// The published address: `base_url`, or [`LOCALHOST`] without one.
    pub fn base_url(&self) -> &str {
        self.given_base_url.as_deref().unwrap_or(LOCALHOST)
    }

    /// `base_url` with exactly one trailing slash.
    pub fn normalise_base_url(url: &str) -> String {
        format!("{}/", url.trim().trim_end_matches('/'))
    }

    /// The path part of `base_url`, always starting and ending with `/`.
    pub fn base_path(&self) -> String {
        let after_scheme = self.base_url().split_once("://").map_or("", |(_, r)| r);
        match after_scheme.find('/') {
            Some(i) => after_scheme[i..].to_owned(),
            None => "/".to_owned(),
        }
    }

    /// `https://host` without a trailing slash or path.
    pub fn origin(&self) -> String {
        let url = self.base_url();
        url[..url.len() - self.base_path().len()].to_owned()
    }
}

impl Contact {
    /// What is wrong with it: no way of contact, an address that is not
    /// one, a URL that is not absolute.
    fn problems(&self, path: &Path, at: impl Fn(&str) -> usize) -> Vec<ContentError> {
        let mut problems = Vec::new();
        if self.email.is_none() && self.url.is_none() {
            problems.push(ContentError::invalid(
                path,
                at("contact"),
                "contact gives neither `email` nor `url`",
                "add `email: …` or `url: https://…` under contact, or remove it",
            ));
        }
        if let Some(email) = &self.email {
            let parts = email.split_once('@');
            if !parts.is_some_and(|(a, b)| !a.is_empty() && b.contains('.'))
                || email.contains(char::is_whitespace)
            {
                problems.push(ContentError::invalid(
                    path,
                    at("email"),
                    format!("contact email `{email}` is not an e-mail address"),
                    "write one address, like webmaster@example.gov.cn",
                ));
            }
        }
        if let Some(url) = &self.url {
            if !(url.starts_with("http://") || url.starts_with("https://"))
                || url.contains(char::is_whitespace)
            {
                problems.push(ContentError::invalid(
                    path,
                    at("url"),
                    format!("contact url `{url}` must be an absolute http(s) URL"),
                    "write the feedback page's full address, like https://example.gov.cn/feedback/",
                ));
            }
        }
        problems
    }
}

/// `default_lang`: a language code, refused at its own place when it is
/// anything else (a list, a mapping, `fr`).
fn lang_code<'de, D: Deserializer<'de>>(d: D) -> Result<Lang, D::Error> {
    struct Code;
    impl Visitor<'_> for Code {
        type Value = Lang;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("one language code, `zh` or `en`")
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Lang, E> {
            Lang::from_code(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
        }
    }
    d.deserialize_any(Code)
}

/// `min_english_coverage`: a fraction from 0 to 1 (`0.6`) or a percentage
/// (`"60%"`), refused at its own place when it is anything else.
fn share<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    struct Share;
    impl Visitor<'_> for Share {
        type Value = Option<f64>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a fraction from 0 to 1 like `0.6`, or a percentage like `\"60%\"`")
        }

        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            match (0.0..=1.0).contains(&v) {
                true => Ok(Some(v)),
                false => Err(E::invalid_value(de::Unexpected::Float(v), &self)),
            }
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            match v {
                0 | 1 => Ok(Some(v as f64)),
                _ => Err(E::invalid_value(de::Unexpected::Unsigned(v), &self)),
            }
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Err(E::invalid_value(de::Unexpected::Signed(v), &self))
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            let pct = v
                .trim()
                .strip_suffix('%')
                .and_then(|n| n.trim().parse::<f64>().ok())
                .filter(|n| (0.0..=100.0).contains(n));
            match pct {
                Some(n) => Ok(Some(n / 100.0)),
                None => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
            }
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }
    d.deserialize_any(Share)
}
