//! The exchange with translators' tools, whatever the file format: what a
//! policy's units look like to a CAT tool ([`export`]: each unit's
//! Chinese, its English and state, and notes for context), and the
//! English a tool sends back written into the translation file
//! ([`import`]).
//!
//! [`super::xliff`] and [`super::po`] only write and read these structs.
//! Import keeps the translation file's invariants: IDs and fingerprints
//! are the policy's own; a unit whose target is empty in the file, or only
//! a draft where the file has current English, leaves the entry as it is;
//! and a file that does not match the policy (another policy, an ID the
//! policy lacks, Chinese that is not the policy's now) is refused whole,
//! with one message per problem, before anything is written.

use super::edit::{entry_fields, read, write_atomic, EditError, Edited};
use super::memory::Memory;
use crate::content::translations::{fingerprint, Rendition, TranslatedUnit, UnitState};
use crate::content::yaml_edit::set_entry;
use crate::link::{Place, PlanItems, PolicyIx, Portal, SpanKind};
use crate::model::ItemId;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// A file format of the exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// XLIFF 1.2 ([`super::xliff`]).
    Xliff,
    /// Gettext PO ([`super::po`]).
    Po,
}

impl Format {
    /// The format a file's extension names: `.xlf`/`.xliff`, `.po`.
    pub fn of_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "xlf" | "xliff" => Some(Format::Xliff),
            "po" => Some(Format::Po),
            _ => None,
        }
    }

    /// Policy `pi`'s units in this format, with the memory of the
    /// portal's other policies offering drafts.
    pub fn export(self, portal: &Portal, pi: PolicyIx) -> std::io::Result<String> {
        let memory = Memory::of(portal, portal.policies[pi].policy.id.as_str());
        let e = export(portal, pi, &memory);
        match self {
            Format::Xliff => super::xliff::write(&e),
            Format::Po => Ok(super::po::write(&e)),
        }
    }
}

/// Reads `file` (in `format`, else the format its extension names) and
/// writes its English into policy `pi`'s translation file ([`import`]).
pub fn import_file(
    portal: &Portal,
    pi: PolicyIx,
    file: &Path,
    format: Option<Format>,
) -> Result<Edited, EditError> {
    let unreadable = |message: String| Unreadable {
        file: file.to_owned(),
        message,
    };
    let format = format.or_else(|| Format::of_path(file)).ok_or_else(|| {
        unreadable("not a .xlf, .xliff or .po file: name the format with `--format xliff` or `--format po`".to_owned())
    })?;
    let text =
        std::fs::read_to_string(file).map_err(|e| unreadable(format!("cannot read: {e}")))?;
    let returns = match format {
        Format::Xliff => super::xliff::read(file, &text)?,
        Format::Po => super::po::read(file, &text)?,
    };
    let memory = Memory::of(portal, portal.policies[pi].policy.id.as_str());
    import(portal, pi, &memory, file, &returns)
}

/// Where a unit stands, as the exchange formats tell it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// No English.
    Missing,
    /// English offered (by the memory, or an unconfirmed segment), not
    /// accepted: not published.
    Draft,
    /// English written for Chinese that has changed since.
    Stale,
    Translated,
    Reviewed,
}

/// A note for the translator: `from` says whose (`gazette`, `glossary`,
/// `memory`), XLIFF's `<note from>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub from: &'static str,
    pub text: String,
}

/// One unit as a CAT tool sees it.
#[derive(Debug, Clone)]
pub struct Unit {
    pub key: String,
    pub zh: String,
    pub en: Option<String>,
    pub state: State,
    pub notes: Vec<Note>,
}

/// A policy's units for a CAT tool.
#[derive(Debug, Clone)]
pub struct Export {
    pub policy: String,
    /// The plan's Chinese title, for the file's description.
    pub title: String,
    pub units: Vec<Unit>,
}

/// Every unit of policy `pi`, in document order, with its English, state
/// and context; missing units get the memory's drafts.
pub fn export(portal: &Portal, pi: PolicyIx, memory: &Memory) -> Export {
    let p = &portal.policies[pi];
    let units = p
        .policy
        .text_units()
        .into_iter()
        .map(|u| {
            let mut notes = context(portal, pi, &u.key, u.zh);
            let (en, state) = match p.translation.render(&u.key, u.zh) {
                Rendition::Translated { text } => {
                    let reviewed = p
                        .translation
                        .units
                        .get(&u.key)
                        .is_some_and(|t| t.state == Some(UnitState::Reviewed));
                    let state = if reviewed { State::Reviewed } else { State::Translated };
                    (Some(text), state)
                }
                Rendition::Stale { previous } => {
                    notes.push(Note {
                        from: "gazette",
                        text: "stale: the Chinese changed since this English was written; check it against the source".to_owned(),
                    });
                    (Some(previous), State::Stale)
                }
                Rendition::Missing => match p.translation.draft(&u.key, u.zh) {
                    Some(d) => {
                        if let Some(origin) = &d.origin {
                            notes.push(memory_note(origin));
                        }
                        (Some(d.text.clone()), State::Draft)
                    }
                    None => match memory.suggest(u.zh) {
                        Some(s) => {
                            notes.push(memory_note(&s.origin()));
                            (Some(s.text), State::Draft)
                        }
                        None => (None, State::Missing),
                    },
                },
            };
            Unit {
                key: u.key,
                zh: u.zh.to_owned(),
                en,
                state,
                notes,
            }
        })
        .collect();
    Export {
        policy: p.policy.id.to_string(),
        title: p.policy.plan.title.clone(),
        units,
    }
}

fn memory_note(origin: &str) -> Note {
    Note {
        from: "memory",
        text: format!("draft from the translation memory ({origin}); not published until accepted"),
    }
}

/// What a unit is, from its stable ID.
fn kind(key: &str) -> &'static str {
    let item = ItemId(key.to_owned());
    match key {
        "notice.title" => "title of the notice",
        "plan.title" => "title of the plan",
        "breakdown.title" => "title of the task breakdown table",
        _ if key.ends_with(".title") => "title of a further task table of the annex",
        _ if key.starts_with("notice.signer-") => "issuing office (signature)",
        _ if key.contains("-target-") => "target name: what the figure counts",
        _ if item.parent() != key => "paragraph",
        _ if key.starts_with("chapter-") => "chapter heading",
        _ if key.starts_with("section-") => "section heading",
        _ if key.starts_with("task-") => "task heading",
        _ if key.starts_with("subtask-") => "subtask heading",
        _ if key.starts_with("row-") => "row of the task breakdown table",
        _ => "paragraph",
    }
}

/// Notes on a unit's place and the names in it with their agreed English:
/// its kind and chapter, the departments (from the registry) and targets
/// it mentions, and the glossary terms its Chinese uses.
fn context(portal: &Portal, pi: PolicyIx, key: &str, zh: &str) -> Vec<Note> {
    let p = &portal.policies[pi];
    let item = ItemId(key.to_owned());
    let english = |key: &str, zh: &str| match p.translation.render(key, zh) {
        Rendition::Translated { text } => text,
        _ => "no English yet".to_owned(),
    };
    let mut place = kind(key).to_owned();
    let parent = ItemId(item.parent().to_owned());
    let at = p.places.get(&item).or(p.places.get(&parent)).copied();
    let plan = match at {
        Some(Place::Plan(at)) => at.resolve(&p.policy.plan),
        _ => None,
    };
    if let Some(PlanItems { chapter: c, .. }) = plan {
        if c.id.as_str() != key {
            place.push_str(&format!(
                "; in chapter {} {} ({})",
                c.number,
                c.title,
                english(c.id.as_str(), &c.title)
            ));
        }
    }
    let mut notes = vec![Note {
        from: "gazette",
        text: place,
    }];
    // Units named in the text, and those a row or a task's clause assigns.
    let mut names: Vec<String> = Vec::new();
    let mut targets = Vec::new();
    for span in portal.spans(pi, &item, zh) {
        match span.kind {
            SpanKind::Dept(d) => names.push(portal.departments[d].name_zh.clone()),
            SpanKind::Target(t) => {
                let e = &portal.targets[t];
                let target = &portal.policies[e.policy].policy.targets[e.index];
                let tr = &portal.policies[e.policy].translation;
                let en = match tr.render(target.id.as_str(), &target.metric) {
                    Rendition::Translated { text } => text,
                    _ => "no English yet".to_owned(),
                };
                let line = format!("{} ({}) = {en}", span.text, target.metric);
                if !targets.contains(&line) {
                    targets.push(line);
                }
            }
            SpanKind::Text | SpanKind::Term(_) => {}
        }
    }
    if let Some(Place::Row(ri)) = at {
        if let Some(r) = ri.of(&p.policy) {
            let units = r.lead.iter().chain(&r.cooperating).chain(&r.implementers);
            names.extend(units.map(|d| d.as_str().to_owned()));
        }
    }
    if let Some(PlanItems {
        task: Some(task),
        subtask,
        ..
    }) = plan
    {
        let (id, clause) = match subtask {
            Some(st) => (&st.id, &st.clause),
            None => (&task.id, &task.clause),
        };
        let clause = clause.as_ref().filter(|_| id.as_str() == key);
        if let Some(c) = clause {
            let units = c.units().chain(&c.guiding);
            names.extend(units.map(|d| d.as_str().to_owned()));
        }
    }
    let mut depts: Vec<String> = Vec::new();
    for name in names {
        let en = portal
            .registry_en(&name)
            .unwrap_or_else(|| "no English in content/departments.yaml yet".to_owned());
        let line = format!("{name} = {en}");
        if !depts.contains(&line) {
            depts.push(line);
        }
    }
    if !depts.is_empty() {
        notes.push(Note {
            from: "gazette",
            text: format!("departments: {}", depts.join("; ")),
        });
    }
    if !targets.is_empty() {
        notes.push(Note {
            from: "gazette",
            text: format!("targets: {}", targets.join("; ")),
        });
    }
    for g in portal.glossary.iter().filter(|g| zh.contains(&g.zh)) {
        let advice = g
            .note
            .as_deref()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        notes.push(Note {
            from: "glossary",
            text: format!("{} = {}{advice}", g.zh, g.en),
        });
    }
    notes
}

/// How far a tool says a segment is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Done {
    /// Not confirmed (XLIFF `new`, `needs-*`; PO `fuzzy`).
    Draft,
    Translated,
    /// Signed off (XLIFF `signed-off`, `final`).
    Reviewed,
}

/// One unit read from a tool's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Returned {
    pub key: String,
    pub zh: String,
    pub en: String,
    pub done: Done,
}

/// A tool's file that cannot be read as its format.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {message}")]
pub struct Unreadable {
    pub file: std::path::PathBuf,
    pub message: String,
}

/// A tool's file as read: the policy it says it was made for (if it says)
/// and its units.
#[derive(Debug, Clone, Default)]
pub struct Returns {
    pub policy: Option<String>,
    pub units: Vec<Returned>,
}

/// Writes the English of `returns` (read from `file`) into the translation
/// file of policy `pi`, or refuses the whole file with every problem. A
/// draft handed out by the `memory` and sent back unconfirmed is kept as
/// a draft with its origin.
pub fn import(
    portal: &Portal,
    pi: PolicyIx,
    memory: &Memory,
    file: &Path,
    returns: &Returns,
) -> Result<Edited, EditError> {
    let entry = &portal.policies[pi];
    let id = entry.policy.id.as_str();
    let path = &entry.translation.path;
    let f = file.display();
    let refuse = |problems: Vec<String>| EditError::NotImported {
        file: file.to_owned(),
        path: path.clone(),
        problems,
    };
    if let Some(other) = returns.policy.as_deref().filter(|p| *p != id) {
        return Err(refuse(vec![format!(
            "  {f}: made for policy `{other}`, not `{id}`: import it with `gazette translate {other} --import {f}`, or export this policy's own with `gazette translate {id} --format xliff`"
        )]));
    }
    let units = entry.policy.text_units();
    let keys: Vec<&str> = units.iter().map(|u| u.key.as_str()).collect();
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    let mut matched = Vec::new();
    for r in &returns.units {
        if !seen.insert(r.key.as_str()) {
            problems.push(format!("  {f}: unit `{}` appears twice: keep one", r.key));
            continue;
        }
        let Some(u) = units.iter().find(|u| u.key == r.key) else {
            let near = crate::content::suggest::nearest(&r.key, &keys)
                .map(|n| format!(" (did you mean `{n}`?)"))
                .unwrap_or_default();
            problems.push(format!(
                "  {f}: unit `{}` is not a unit of {id}{near}: the file was made from another version of the document; export it again (`gazette translate {id} --format xliff`) and carry the English over",
                r.key
            ));
            continue;
        };
        if r.zh.trim() != u.zh.trim() {
            problems.push(format!(
                "  {f}: unit `{}`: its Chinese is not the policy's now (the document changed since the file was made, or the tool altered the source); export it again (`gazette translate {id} --format xliff`) and carry the English over",
                r.key
            ));
            continue;
        }
        matched.push((r, u.zh));
    }
    if !problems.is_empty() {
        return Err(refuse(problems));
    }
    let mut text = read(path)?;
    let mut done = Edited::default();
    for (r, zh) in matched {
        let en = r.en.trim();
        if en.is_empty() {
            continue;
        }
        let own = entry.translation.units.get(&r.key);
        let current = matches!(
            entry.translation.render(&r.key, zh),
            Rendition::Translated { .. }
        );
        if r.done == Done::Draft && current {
            done.left.push(format!(
                "`{}`: the file's English is not confirmed; the current English is kept",
                r.key
            ));
            continue;
        }
        // A stale unit's or a draft's English handed out and sent back
        // unconfirmed and unedited: nothing to learn.
        if r.done == Done::Draft && own.is_some_and(|o| o.text.trim() == en) {
            continue;
        }
        let state = match r.done {
            Done::Draft => Some(UnitState::Draft),
            Done::Translated => None,
            Done::Reviewed => Some(UnitState::Reviewed),
        };
        let fp = fingerprint(zh);
        // Unchanged, or reviewed English sent back as merely translated
        // (PO cannot say "reviewed"): the entry stays as it is.
        let unchanged = own.is_some_and(|o| {
            let kept_review = o.state == Some(UnitState::Reviewed) && r.done == Done::Translated;
            o.text.trim() == en && o.source == fp && (o.state == state || kept_review)
        });
        if unchanged {
            continue;
        }
        let origin = match state {
            Some(UnitState::Draft) => own.and_then(|o| o.origin.clone()).or_else(|| {
                memory
                    .suggest(zh)
                    .filter(|s| s.text == en)
                    .map(|s| s.origin())
            }),
            _ => None,
        };
        let new = TranslatedUnit {
            source: fp,
            text: en.to_owned(),
            unit_en: own.and_then(|o| o.unit_en.clone()),
            state,
            origin,
        };
        text = set_entry(&text, &r.key, &entry_fields(&new));
        done.changed.push(r.key.clone());
    }
    if done.changed.is_empty() {
        return Ok(done);
    }
    // Read back through the strict loader: what is written is what was meant.
    let back: BTreeMap<String, TranslatedUnit> =
        crate::content::yaml::parse(path, &text).map_err(|e| refuse(vec![format!("  {e}")]))?;
    for key in &done.changed {
        let r = returns.units.iter().find(|r| &r.key == key);
        if back.get(key).map(|b| b.text.as_str()) != r.map(|r| r.en.trim()) {
            return Err(refuse(vec![format!(
                "  {}: the entry `{key}` could not be rewritten in place: write it as `{key}:` then `  source: …` and `  text: …` on lines of their own",
                path.display()
            )]));
        }
    }
    write_atomic(path, &text)?;
    Ok(done)
}
