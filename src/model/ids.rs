//! Identifiers. Each is a newtype so a task ID can't be passed where a
//! department name is expected; all serialise as plain strings.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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
    /// `p-37`, `row-4`, `target-5`. Unique within its policy.
    ItemId
);
string_id!(
    /// A department as named in the text (`市科技局`); the content stage
    /// resolves it to a registry entry through names and aliases.
    DeptName
);
