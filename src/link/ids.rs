//! Indexes into the portal's lists, as newtypes so a policy's index can't
//! be passed where a target's or a department's is expected. Each indexes
//! its list directly (`portal.policies[pi]`) and is valid only for the
//! [`Portal`](super::Portal) that made it; what the site shows and keeps
//! is named by the IDs in [`crate::model::ids`] and slugs, never by these.

use super::{DeptEntry, PolicyEntry, TargetEntry};
use crate::content::glossary::GlossaryEntry;
use std::ops::{Index, IndexMut};

macro_rules! index_id {
    ($(#[$doc:meta])* $name:ident => $entry:ty) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub usize);

        impl $name {
            /// Each entry of `list` with its index.
            pub fn enumerate(list: &[$entry]) -> impl Iterator<Item = (Self, &$entry)> {
                list.iter().enumerate().map(|(i, e)| (Self(i), e))
            }
        }

        impl Index<$name> for Vec<$entry> {
            type Output = $entry;
            fn index(&self, i: $name) -> &$entry {
                &self[i.0]
            }
        }

        impl IndexMut<$name> for Vec<$entry> {
            fn index_mut(&mut self, i: $name) -> &mut $entry {
                &mut self[i.0]
            }
        }
    };
}

index_id!(
    /// A policy: its index in `Portal::policies`.
    PolicyIx => PolicyEntry
);
index_id!(
    /// A target across the portal: its index in `Portal::targets`.
    TargetIx => TargetEntry
);
index_id!(
    /// A department: its index in `Portal::departments`.
    DeptIx => DeptEntry
);
index_id!(
    /// A glossary term: its index in `Portal::glossary`.
    TermIx => GlossaryEntry
);

/// A target's figure in a paragraph or row: its character range there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TargetMark {
    /// Character (not byte) offsets into the item's text.
    pub start: usize,
    pub end: usize,
    pub target: TargetIx,
}

/// The first use of a glossary term in a paragraph: its byte range there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermMark {
    pub start: usize,
    pub end: usize,
    pub term: TermIx,
}
