//! `content/policies.yaml`: per seed, the permanent URL slug, the facts a
//! reader needs that the text does not state plainly (issuer in English)
//! and, once it is no longer in force, its withdrawal (`gazette withdraw`):
//!
//! ```yaml
//! old-plan:
//!   slug: innovation-2017-2020
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

/// Keyed by the seed's file stem.
pub type PolicyMetas = BTreeMap<String, PolicyMeta>;

pub fn load(path: &Path) -> Result<PolicyMetas, ContentError> {
    match read_optional(path)? {
        Some(text) => {
            let mut metas: PolicyMetas = yaml::parse(path, &text)?;
            ContentError::collect(yaml::repeated_slugs(path, &text))?;
            for (id, meta) in &mut metas {
                if let Some(w) = &mut meta.withdrawn {
                    let key = yaml::line_of(&text, 1, &format!("{id}:"));
                    w.line = yaml::line_of(&text, key, "withdrawn:");
                }
            }
            Ok(metas)
        }
        None => Ok(PolicyMetas::new()),
    }
}
