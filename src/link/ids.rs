//! Indexes into the portal's lists, as newtypes so a policy's index can't
//! be passed where a target's or a department's is expected. Each indexes
//! its list directly (`portal.policies[pi]`) and is valid only for the
//! [`Portal`](super::Portal) that made it; what the site shows and keeps
//! is named by the IDs in [`crate::model::ids`] and slugs, never by these.

use super::{DeptEntry, PolicyEntry, TargetEntry};
use crate::content::glossary::GlossaryEntry;
use crate::model::{BreakdownRow, Chapter, Plan, Policy, Section, Subtask, Target, Task};
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
index_id!(
    /// A target within its policy: its index in that policy's
    /// [`Policy::targets`] (a [`TargetIx`] is one across the portal).
    PolicyTargetIx => Target
);

/// A row of a policy's breakdown table: its index in [`Policy::rows`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RowIx(pub usize);

impl RowIx {
    /// Each row of `policy` with its index.
    pub fn enumerate(policy: &Policy) -> impl Iterator<Item = (Self, &BreakdownRow)> {
        policy.rows().iter().enumerate().map(|(i, r)| (Self(i), r))
    }

    /// The row of `policy` this is, if it has it.
    pub fn of(self, policy: &Policy) -> Option<&BreakdownRow> {
        policy.rows().get(self.0)
    }
}

/// Where an item sits in its policy's plan: its chapter, and the section,
/// task and subtask it is in as far as it goes down, each an index into
/// the list above it. [`PlanAt::resolve`] finds them in the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanAt {
    /// Index into `plan.chapters`.
    pub(super) chapter: usize,
    /// Index into the chapter's `sections`; `None` for the chapter's own
    /// heading and paragraphs.
    pub(super) section: Option<usize>,
    /// Index into the section's `tasks`.
    pub(super) task: Option<usize>,
    /// Index into the task's `subtasks`.
    pub(super) subtask: Option<usize>,
}

/// The chapter, section, task and subtask a [`PlanAt`] names, as far down
/// as it goes.
#[derive(Debug, Clone, Copy)]
pub struct PlanItems<'a> {
    pub chapter: &'a Chapter,
    pub section: Option<&'a Section>,
    pub task: Option<&'a Task>,
    pub subtask: Option<&'a Subtask>,
}

impl PlanAt {
    /// The items at this place in `plan`; `None` if it has no such
    /// chapter, and a level it has not is `None` with those below it.
    pub fn resolve(self, plan: &Plan) -> Option<PlanItems<'_>> {
        let chapter = plan.chapters.get(self.chapter)?;
        let section = self.section.and_then(|s| chapter.sections.get(s));
        let task = self.task.and_then(|t| section?.tasks.get(t));
        let subtask = self.subtask.and_then(|k| task?.subtasks.get(k));
        Some(PlanItems {
            chapter,
            section,
            task,
            subtask,
        })
    }
}

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
