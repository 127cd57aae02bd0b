//! Identifiers. Each is a newtype so a task ID can't be passed where a
//! department name is expected; all serialise as plain strings.
//!
//! Item IDs come from the document's structure, never from a count through
//! the whole document, so an amendment re-points nothing outside the place
//! it changes (the scheme is documented in `docs/model-schema.md`):
//! chapters, sections, tasks, subtasks and rows carry the document's own
//! numbers;
//! paragraphs are numbered within their parent ([`ItemId::paragraph`]);
//! targets are named by the item that first states them and a
//! [`fingerprint`] of what they measure. Fingerprints are also what
//! `content/urls.lock` and the translation files record of a text.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;
use std::fmt::Write as _;

/// A short, stable fingerprint of a text: the first 12 hex digits of its
/// SHA-256.
pub fn fingerprint(text: &str) -> String {
    fingerprint_bytes(text.as_bytes())
}

/// The [`fingerprint`] of any bytes (a theme's stylesheet, in its served
/// name).
pub fn fingerprint_bytes(bytes: &[u8]) -> String {
    short_hex(&Sha256::digest(bytes))
}

/// The [`fingerprint`] of `lines` joined by `\n`, without joining them.
pub fn fingerprint_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let mut hasher = Sha256::new();
    for (i, line) in lines.into_iter().enumerate() {
        if i > 0 {
            hasher.update(b"\n");
        }
        hasher.update(line.as_bytes());
    }
    short_hex(&hasher.finalize())
}

/// The first 12 hex digits of a SHA-256 digest.
fn short_hex(digest: &[u8]) -> String {
    let mut hex = String::with_capacity(12);
    for b in digest.iter().take(6) {
        // Writing to a String cannot fail.
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[derive(borsh::BorshSerialize, borsh::BorshDeserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                Self(s)
            }
        }
    };
}

string_id!(
    /// The policy's ID: the seed file's stem (`000_8f98049102453562`).
    PolicyId
);
string_id!(
    /// An anchor inside one policy: `chapter-3`, `section-3-8`, `task-12`,
    /// `subtask-5`, `task-12-p2`, `row-4`, `task-12-target-3fa9c1`. Unique within its
    /// policy.
    ItemId
);

impl ItemId {
    /// The `n`th (1-based) paragraph of `parent` (`task-12`, `preamble`):
    /// `task-12-p2`.
    pub fn paragraph(parent: &str, n: usize) -> Self {
        Self(format!("{parent}-p{n}"))
    }

    /// The item a paragraph belongs to (`task-12` for `task-12-p2`); any
    /// other ID is its own parent.
    pub fn parent(&self) -> &str {
        match self.0.rsplit_once("-p") {
            Some((parent, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => parent,
            _ => &self.0,
        }
    }
}
string_id!(
    /// A department as named in the text (`市科技局`); the content stage
    /// resolves it to a registry entry through names and aliases.
    DeptName
);
