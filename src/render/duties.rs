//! A department's duties as its page lists them: for each action, task,
//! subtask or table row that names the department, the duty in the document's own
//! words (its text as published, figures linked to their targets), the
//! units named with it, the tasks an action's clause covers (tasks with no
//! clause of their own answer to their action's) and the targets each
//! states, with their figures, linked to their pages. Nothing here is
//! reworded: titles and text are the units the policy page shows.
//!
//! A duty shows nothing of the department listing it, so each is rendered
//! once per language (`duty.html`, [`DutyMemo`]) and the same HTML goes on
//! every department page that lists it. A duty naming five departments was
//! rendered five times: department pages were 8–13% of a cold build's CPU
//! at 1,000 policies.

use super::policy::ClauseView;
use super::text::{Block, Label};
use super::withdrawn::Subject;
use super::{RenderError, Renderer};
use crate::link::{Duty, DutyKind, PolicyIx};
use crate::model::{ItemId, Lang};
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::sync::{Arc, Mutex};

/// One duty: where it is stated and what it says.
#[derive(Serialize)]
struct DutyView {
    /// `（一）现代产业创新体系培育行动`, `第1行`.
    label: Label,
    url: String,
    /// The policy's title, when the portal has more than one.
    policy: Option<Label>,
    /// The status of its policy when no longer in force (`已废止
    /// 2027-03-01`): the duty is past, not current.
    withdrawn: Option<String>,
    /// The duty's own text: an action's or task's text after its title, a
    /// row's task content.
    text: Vec<Block>,
    /// Every unit the clause or row names, by role.
    units: Option<ClauseView>,
    /// The tasks of an action (the subtasks of a task) that have no clause
    /// of their own, and so answer to the action's (the task's).
    tasks: Vec<TaskLine>,
    /// What introduces `tasks`: an action's tasks or a task's subtasks.
    covered: String,
    /// The targets the duty's own text states.
    targets: Vec<TargetLine>,
}

/// A task an action's clause covers (a subtask a task's): its number and
/// title, and the targets its text states.
#[derive(Serialize)]
struct TaskLine {
    label: Label,
    url: String,
    targets: Vec<TargetLine>,
}

/// A target a duty states: `name — commitment`, linked to its page.
#[derive(Serialize)]
struct TargetLine {
    label: Label,
    url: String,
}

/// A duty as `duty.html` renders it, and what its page's notice about
/// untranslated text counts of it.
#[derive(Serialize)]
pub(super) struct RenderedDuty {
    html: String,
    /// The translation state of each block of its text ([`Block::state`]).
    #[serde(skip)]
    pub states: Vec<&'static str>,
}

/// Which duty: the same section, task or row, whoever it names.
type DutyKey<'p> = (PolicyIx, DutyKind, &'p ItemId);

/// The duties of one language rendered so far, each once, shared by the
/// department pages that list it (rendered in parallel). `None` for a
/// duty that has nothing to show ([`Renderer::duty`]).
pub(super) struct DutyMemo<'p> {
    lang: Lang,
    rendered: Mutex<FxHashMap<DutyKey<'p>, Option<Arc<RenderedDuty>>>>,
}

impl<'p> DutyMemo<'p> {
    pub fn new(lang: Lang) -> Self {
        DutyMemo {
            lang,
            rendered: Mutex::new(FxHashMap::default()),
        }
    }

    /// `duty` rendered for a department page at `page` (a URL, for error
    /// messages): the first page to list it renders it, outside the lock,
    /// and the rest take that HTML.
    pub fn get(
        &self,
        r: &Renderer,
        duty: &'p Duty,
        page: &str,
    ) -> Result<Option<Arc<RenderedDuty>>, RenderError> {
        let key = (duty.policy, duty.kind, &duty.item);
        if let Some(done) = crate::locked(&self.rendered).get(&key) {
            return Ok(done.clone());
        }
        let rendered = match r.duty(self.lang, duty) {
            Some(view) => Some(Arc::new(RenderedDuty {
                states: view.text.iter().map(|b| b.state).collect(),
                html: r.theme.render_view("duty.html", self.lang, &view, page)?,
            })),
            None => None,
        };
        crate::locked(&self.rendered).insert(key, rendered.clone());
        Ok(rendered)
    }
}

impl Renderer<'_> {
    /// The duty a section, task or row duty states; none for a target
    /// (targets are listed under the duty that states them) or an item the
    /// policy no longer has.
    fn duty(&self, lang: Lang, duty: &Duty) -> Option<DutyView> {
        let pi = duty.policy;
        let p = &self.portal.policies[pi].policy;
        let covered = match duty.kind {
            DutyKind::Task => self.t(lang, "subtasks_covered"),
            _ => self.t(lang, "tasks_covered"),
        };
        let (text, units, tasks) = match duty.kind {
            DutyKind::Section => {
                let s = p.sections().find(|s| s.id == duty.item)?;
                let tasks = s
                    .tasks
                    .iter()
                    .filter(|t| t.clause.is_none())
                    .map(|t| self.task_line(lang, pi, &t.id))
                    .collect();
                let text = s.body.iter().chain(&s.paragraphs);
                (
                    text.map(|x| self.para(lang, pi, x)).collect(),
                    s.clause.as_ref().map(|c| self.clause_short(lang, c)),
                    tasks,
                )
            }
            DutyKind::Task => {
                // A task, or a subtask (whose clause counts as a task's).
                let (body, paragraphs, clause, subtasks) =
                    match p.tasks().find(|t| t.id == duty.item) {
                        Some(t) => (&t.body, &t.paragraphs, &t.clause, t.subtasks.as_slice()),
                        None => {
                            let st = p.subtasks().find(|t| t.id == duty.item)?;
                            (&st.body, &st.paragraphs, &st.clause, &[][..])
                        }
                    };
                let tasks = subtasks
                    .iter()
                    .filter(|st| st.clause.is_none())
                    .map(|st| self.task_line(lang, pi, &st.id))
                    .collect();
                let text = body.iter().chain(paragraphs);
                (
                    text.map(|x| self.para(lang, pi, x)).collect(),
                    clause.as_ref().map(|c| self.clause_short(lang, c)),
                    tasks,
                )
            }
            DutyKind::Row => {
                let row = p.rows().iter().find(|r| r.id == duty.item)?;
                let content = (row.content.as_str(), row.line);
                let block = self.block(lang, pi, row.id.as_str(), content, Some(&row.id));
                (vec![block], Some(self.row_units(lang, row)), Vec::new())
            }
            DutyKind::Target(_) => return None,
        };
        // The targets are listed with their names below the text: the
        // English text needs no chips of figures beside it.
        let text = text
            .into_iter()
            .map(|b| Block {
                chips: Vec::new(),
                ..b
            })
            .collect();
        let multi = self.portal.policies.len() > 1;
        Some(DutyView {
            label: self.item_label(lang, pi, duty.item.as_str()),
            url: self.portal.item_url(lang, pi, &duty.item),
            policy: multi.then(|| self.policy_title(lang, pi).label()),
            withdrawn: self
                .withdrawn_notice(lang, pi, Subject::Policy)
                .map(|n| format!("{} {}", n.label, n.date)),
            text,
            units,
            tasks,
            covered,
            targets: self.stated_in(lang, pi, &duty.item),
        })
    }

    /// A task (or subtask) that answers to the clause of the duty above
    /// it: its label, link and targets.
    fn task_line(&self, lang: Lang, pi: PolicyIx, item: &ItemId) -> TaskLine {
        TaskLine {
            label: self.item_label(lang, pi, item.as_str()),
            url: self.portal.item_url(lang, pi, item),
            targets: self.stated_in(lang, pi, item),
        }
    }

    /// The targets of policy `pi` stated in the text of section, task or
    /// row `item` itself, each as `name — commitment` linked to its page.
    fn stated_in(&self, lang: Lang, pi: PolicyIx, item: &ItemId) -> Vec<TargetLine> {
        self.portal
            .targets_of(pi)
            .filter(|(_, e)| e.items.contains(item) || e.rows.contains(item))
            .map(|(t, e)| {
                let mut label = self.target_name(lang, t);
                label.push(format!(" — {}", self.commitment(lang, t)));
                TargetLine {
                    label,
                    url: self.portal.urls.target(lang, &e.slug),
                }
            })
            .collect()
    }
}
