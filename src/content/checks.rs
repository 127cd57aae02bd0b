//! `content/checks.yaml`: warnings the editors have reviewed and accept.
//! The official text stays verbatim, so an inconsistency in it (a target
//! worded two ways, a row whose lead differs from its clause) can only be
//! acknowledged, with a reason. Acknowledged warnings no longer count for
//! `check --strict`; an acknowledgement that matches nothing is itself
//! reported, so none outlives the problem it was written for.

use super::{read_optional, yaml, ContentError};
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checks {
    #[serde(default)]
    pub acknowledged: Vec<Acknowledgement>,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Acknowledgement {
    /// The warning's code (`target-mismatch`).
    pub code: String,
    /// The file the warning names (`seeds/000_x.txt`).
    pub file: String,
    /// Text the warning's message contains, e.g. the target ID (`task-12-target-3fa9c1`).
    pub contains: String,
    /// Why it is accepted; shown to the next editor.
    pub reason: String,
}

impl Acknowledgement {
    pub fn matches(&self, code: &str, file: &str, message: &str) -> bool {
        self.code == code && self.file == file && message.contains(&self.contains)
    }
}

pub fn load(path: &Path) -> Result<Checks, ContentError> {
    match read_optional(path)? {
        Some(text) => yaml::parse(path, &text),
        None => Ok(Checks::default()),
    }
}
