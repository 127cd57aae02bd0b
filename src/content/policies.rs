//! `content/policies.yaml`: per seed, the permanent URL slug, the facts a
//! reader needs that the text does not state plainly (issuer in English,
//! the document's metadata as its official page gives it) and, once it is
//! no longer in force, its withdrawal (`gazette withdraw`):
//!
//! ```yaml
//! old-plan:
//!   slug: innovation-2017-2020
//!   document_number: 通办发〔2017〕107号   # 发文字号
//!   issued: "2017-12-15"                   # 成文日期
//!   published: "2018-08-28"                # 发布日期
//!   valid_until: "2020-12-31"              # 有效期至
//!   source_url: https://www.example.gov.cn/art/2017/12/15/art_1.html
//!   withdrawn:
//!     status: replaced        # repealed (废止), expired (失效), replaced (被替代)
//!     date: "2021-03-01"
//!     by: new-plan            # the policy ID that replaces it
//!     reason: 被《…》替代
//! ```
//!
//! A withdrawn policy keeps every page (its URLs are locked), each with a
//! banner, and leaves the current lists and feeds; that `by` names a seed
//! is the link stage's check.

use super::slug::Slug;
use super::{read_optional, yaml, ContentError};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyMeta {
    /// URL slug (`innovation-capital-2017-2020`).
    pub slug: Option<Slug>,
    /// Issuer in Chinese and English.
    #[serde(default)]
    pub issuer_zh: Option<String>,
    #[serde(default)]
    pub issuer_en: Option<String>,
    /// The document metadata a person supplies, shown on the policy page
    /// (`crate::render` 's metadata block); each one given here is shown
    /// instead of what the parser read from the notice, and one given
    /// nowhere is shown as "not stated".
    ///
    /// 发文字号, as the issuer writes it.
    #[serde(default)]
    pub document_number: Option<String>,
    /// 成文日期: the date the document was signed.
    #[serde(default)]
    pub issued: Option<IsoDate>,
    /// 发布日期: the date it was made public.
    #[serde(default)]
    pub published: Option<IsoDate>,
    /// The last day it is in force (有效期至), when its issuer states one.
    #[serde(default)]
    pub valid_until: Option<IsoDate>,
    /// The official page or file the seed was taken from (来源).
    #[serde(default)]
    pub source_url: Option<SourceUrl>,
    /// The workbook sheet holding the task table kept apart as
    /// `seeds/ID.annex.xlsx`; unset: the first sheet with a header row.
    #[serde(default)]
    pub annex_sheet: Option<String>,
    /// Set once the policy is no longer in force.
    #[serde(default)]
    pub withdrawn: Option<Withdrawal>,
}

/// Why and since when a policy is no longer in force.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Withdrawal {
    pub status: WithdrawalStatus,
    pub date: IsoDate,
    /// The policy ID (seed name) of the policy that replaces it.
    #[serde(default)]
    pub by: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
    /// 1-based line of `withdrawn:` in the file, for diagnostics.
    #[serde(skip)]
    pub line: usize,
}

/// How a policy stopped being in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WithdrawalStatus {
    /// 废止: repealed by its issuer.
    Repealed,
    /// 失效: its period ran out.
    Expired,
    /// 被替代: another policy took its place.
    Replaced,
}

impl WithdrawalStatus {
    pub const ALL: [WithdrawalStatus; 3] = [Self::Repealed, Self::Expired, Self::Replaced];

    /// As written in policies.yaml and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Repealed => "repealed",
            Self::Expired => "expired",
            Self::Replaced => "replaced",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// A date written `YYYY-MM-DD`, checked when read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(try_from = "String")]
pub struct IsoDate(String);

impl IsoDate {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for IsoDate {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        match super::changelog::is_iso_date(&s) {
            true => Ok(IsoDate(s)),
            false => Err(format!(
                "`{s}` is not a date like 2026-11-30: write it YYYY-MM-DD"
            )),
        }
    }
}

/// An absolute `http(s)` address, checked when read.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(try_from = "String")]
pub struct SourceUrl(String);

impl SourceUrl {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for SourceUrl {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let s = s.trim().to_owned();
        let host = s
            .strip_prefix("https://")
            .or_else(|| s.strip_prefix("http://"))
            .unwrap_or("");
        match host.is_empty() || s.contains(char::is_whitespace) {
            true => Err(format!(
                "`{s}` is not an absolute address: write the official page's URL, starting https:// or http://"
            )),
            false => Ok(SourceUrl(s)),
        }
    }
}

/// Keyed by the seed's file stem.
pub type PolicyMetas = BTreeMap<String, PolicyMeta>;

pub fn load(path: &Path) -> Result<PolicyMetas, ContentError> {
    match read_optional(path)? {
        Some(text) => {
            let mut metas: PolicyMetas = yaml::parse(path, &text)?;
            ContentError::collect(yaml::repeated_slugs(path, &text))?;
            let lines = yaml::KeyLines::of(&text, path);
            for (id, meta) in &mut metas {
                if let Some(w) = &mut meta.withdrawn {
                    w.line = lines.line(&[id, "withdrawn"]).unwrap_or(1);
                }
            }
            Ok(metas)
        }
        None => Ok(PolicyMetas::new()),
    }
}
