//! Translation bookkeeping over the whole portal: coverage per language and
//! policy, by units and by Chinese characters (`gazette check`),
//! skeletons of the missing and stale units for translators (`gazette
//! translate POLICY`, or written into the file by `--merge`,
//! [`edit`]), with drafts from the [`memory`] of the other policies, the
//! exchange with CAT tools ([`exchange`], as [`xliff`] or [`po`]), and the
//! targets whose English unit is only a measure word's neutral noun. The
//! units themselves are defined once, by
//! [`crate::model::Policy::text_units`].

pub mod edit;
pub mod exchange;
pub mod memory;
pub mod po;
pub mod xliff;

use crate::content::translations::{fingerprint, Rendition, Tally};
use crate::content::yaml_edit::quoted;
use crate::diag::Diagnostic;
use crate::link::{PolicyEntry, Portal, TargetIx};
use crate::model::{Lang, TextUnit};
use memory::{Memory, Suggestion};
use serde::Serialize;
use std::fmt::Write as _;

/// Translation state of one policy in one language.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Coverage {
    pub lang: Lang,
    pub policy: String,
    /// Units and Chinese characters, in all and translated.
    #[serde(flatten)]
    pub tally: Tally,
    /// Whether the policy's English pages are published: its share of
    /// characters translated reaches `site.yaml`'s `min_english_coverage`.
    pub published: bool,
    pub stale: Vec<String>,
    pub missing: Vec<String>,
    /// The missing units whose entry holds a draft (from the translation
    /// memory, or an unconfirmed segment of a CAT tool) waiting for a
    /// person to accept it.
    pub drafts: Vec<String>,
    /// Keys in the translation file that name no unit of the policy.
    pub unknown: Vec<String>,
    /// Units translated by an entry under another key whose fingerprint
    /// proves it translates their Chinese: (old key, unit key). `--rekey`
    /// moves them.
    pub moved: Vec<(String, String)>,
}

impl std::fmt::Display for Coverage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}: {} translated, {} stale, {} missing",
            self.lang,
            self.policy,
            self.tally,
            self.stale.len(),
            self.missing.len()
        )?;
        if !self.drafts.is_empty() {
            write!(f, " ({} with a draft to review)", self.drafts.len())?;
        }
        if !self.unknown.is_empty() {
            write!(f, ", {} unknown IDs", self.unknown.len())?;
        }
        if !self.moved.is_empty() {
            write!(f, ", {} to re-key", self.moved.len())?;
        }
        if !self.published {
            write!(
                f,
                "; English pages not published (below site.yaml's min_english_coverage)"
            )?;
        }
        Ok(())
    }
}

/// Coverage of the English edition of one policy.
pub fn coverage(p: &PolicyEntry) -> Coverage {
    let units = p.policy.text_units();
    let mut c = Coverage {
        lang: Lang::En,
        policy: p.policy.id.to_string(),
        tally: Tally::default(),
        published: p.english_published,
        stale: Vec::new(),
        missing: Vec::new(),
        drafts: Vec::new(),
        unknown: Vec::new(),
        moved: Vec::new(),
    };
    for u in &units {
        let rendition = p.translation.render(&u.key, u.zh);
        c.tally
            .add(u.zh, matches!(rendition, Rendition::Translated { .. }));
        match rendition {
            Rendition::Translated { .. } => {
                let fp = fingerprint(u.zh);
                let own = p.translation.units.get(&u.key);
                if own.is_none_or(|t| t.source != fp) {
                    if let Some(old) = p.translation.key_for(&fp) {
                        c.moved.push((old.to_owned(), u.key.clone()));
                    }
                }
            }
            Rendition::Stale { .. } => c.stale.push(u.key.clone()),
            Rendition::Missing => {
                if p.translation.draft(&u.key, u.zh).is_some() {
                    c.drafts.push(u.key.clone());
                }
                c.missing.push(u.key.clone())
            }
        }
    }
    let known: std::collections::HashSet<&str> = units.iter().map(|u| u.key.as_str()).collect();
    c.unknown = p
        .translation
        .units
        .keys()
        .filter(|k| !known.contains(k.as_str()))
        .filter(|k| !c.moved.iter().any(|(old, _)| old == *k))
        .cloned()
        .collect();
    c
}

/// One diagnostic per stale or unknown unit, pointing into the translation
/// file, and one for all the missing units of the policy (the coverage line
/// and `check --format json` list them all).
pub fn diagnostics(p: &PolicyEntry, c: &Coverage) -> Vec<Diagnostic> {
    let file = p.translation.path.display().to_string();
    let stale = c.stale.iter().map(|k| {
        Diagnostic::warning("stale-translation", &file, p.translation.line_of(k))
            .message(format!("`{k}`: the Chinese text changed since it was translated"))
            .help(format!(
                "update the English and its `source:` fingerprint (gazette translate {id} prints both), or, if the English still stands, run `gazette translate {id} --accept {k}`",
                id = p.policy.id
            ))
    });
    let missing = c.missing.first().map(|first| {
        Diagnostic::warning("missing-translation", &file, 0)
            .message(format!(
                "{} of {} units of {} have no English translation (first: `{first}`)",
                c.missing.len(),
                c.tally.total,
                c.policy
            ))
            .help(format!(
                "run `gazette translate {} --merge` to write a skeleton to fill in into the file",
                c.policy
            ))
    });
    let drafts = c.drafts.first().map(|first| {
        Diagnostic::warning("draft-translation", &file, p.translation.line_of(first))
            .message(format!(
                "{} units of {} have draft English waiting to be accepted, not published until then (first: `{first}`)",
                c.drafts.len(),
                c.policy
            ))
            .help(format!(
                "read each against the Chinese and its `origin`, correct it, then run `gazette translate {} --accept {first} …` (or import the file back from a CAT tool with the segments confirmed)",
                c.policy
            ))
    });
    let unknown = c.unknown.iter().map(|k| {
        Diagnostic::warning("unknown-translation-id", &file, p.translation.line_of(k))
            .message(format!(
                "`{k}` is not the ID of any unit of {}",
                p.policy.id
            ))
            .help("check the ID against `gazette inspect` output, or remove the entry")
    });
    let moved = c.moved.first().map(|(old, new)| {
        Diagnostic::warning("rekey-translation", &file, p.translation.line_of(old))
            .message(format!(
                "{} English units of {} are keyed by an old ID; their Chinese is unchanged (first: `{old}` is now `{new}`)",
                c.moved.len(),
                c.policy
            ))
            .help(format!(
                "run `gazette translate {} --rekey` to move them to their new keys",
                c.policy
            ))
    });
    stale
        .chain(missing)
        .chain(drafts)
        .chain(moved)
        .chain(unknown)
        .collect()
}

/// A YAML skeleton of the missing and stale units of a policy, with the
/// Chinese beside each as a comment, ready for a translator, and English
/// from `memory` as drafts where another policy translated the same (or
/// nearly the same) Chinese. Its stale entries replace those in the file;
/// `gazette translate POLICY --merge` writes the missing ones into the
/// file itself, without repeating a key.
pub fn skeleton(p: &PolicyEntry, memory: &Memory) -> String {
    let units = p.policy.text_units();
    let mut out = format!(
        "# Missing and stale English units of {} ({} translated). Fill in `text`, keep `source`.\n",
        p.policy.id,
        p.translation.tally(&units)
    );
    for u in &units {
        match p.translation.render(&u.key, u.zh) {
            Rendition::Translated { .. } => {}
            Rendition::Stale { previous } => out.push_str(&unit_block(p, u, Some(&previous), None)),
            Rendition::Missing => {
                out.push_str(&unit_block(p, u, None, memory.suggest(u.zh).as_ref()))
            }
        }
    }
    out
}

/// Whether `key` is a target of `p` whose English unit would be only its
/// measure word's neutral noun without a `unit_en`.
fn neutral_unit_of(p: &PolicyEntry, key: &str) -> bool {
    p.policy
        .targets
        .iter()
        .find(|t| t.id.as_str() == key)
        .is_some_and(|t| crate::render::words::en_unit_of(t, None).neutral)
}

/// A warning for each translated target whose English unit is only the
/// neutral noun of its measure word (`家` → `organisations`): the
/// translation should name what is counted in `unit_en`. An untranslated
/// target is left to `missing-translation`.
pub fn neutral_units(portal: &Portal) -> Vec<Diagnostic> {
    (0..portal.targets.len()).map(TargetIx)
        .filter_map(|i| {
            let (t, unit_en) = portal.target_and_unit_en(i);
            let unit = crate::render::words::en_unit_of(t, unit_en);
            if !unit.neutral {
                return None;
            }
            let e = &portal.targets[i];
            let tr = &portal.policies[e.policy].translation;
            let id = t.id.as_str();
            if !matches!(tr.render(id, &t.metric), Rendition::Translated { .. }) {
                return None;
            }
            Some(
                Diagnostic::warning(
                    "neutral-unit",
                    tr.path.display().to_string(),
                    tr.line_of(id),
                )
                .message(format!(
                    "target `{}` ({id}) counts in `{}`, which English shows only as `{}`",
                    e.slug, t.unit_base, unit.text
                ))
                .help(format!(
                    "add `unit_en:` to the entry `{id}:` with the English noun of what is counted (e.g. `unit_en: incubators`)"
                )),
            )
        })
        .collect()
}

/// One unit's entry to fill in: its Chinese (and the `previous` English of
/// a stale unit) as comments, its key, the fingerprint and an empty text,
/// or the memory's `draft` with its origin, and an empty `unit_en` for a
/// target counted in a measure word.
fn unit_block(
    p: &PolicyEntry,
    u: &TextUnit,
    previous: Option<&str>,
    draft: Option<&Suggestion>,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "\n# zh: {}", u.zh.replace('\n', " "));
    if let Some(prev) = previous {
        let _ = writeln!(out, "# previous: {}", prev.replace('\n', " "));
    }
    if draft.is_some() {
        let _ = writeln!(
            out,
            "# a draft from the translation memory, not published until accepted: check it, then `gazette translate {} --accept {}`",
            p.policy.id, u.key
        );
    }
    let _ = writeln!(out, "{}:", u.key);
    let _ = writeln!(out, "  source: {}", fingerprint(u.zh));
    match draft {
        Some(d) => {
            let _ = writeln!(out, "  text: {}", quoted(&d.text));
            let _ = writeln!(out, "  state: draft");
            let _ = writeln!(out, "  origin: {}", quoted(&d.origin()));
        }
        None => {
            let _ = writeln!(out, "  text: \"\"");
        }
    }
    if neutral_unit_of(p, &u.key) {
        let unit = draft.and_then(|d| d.unit_en.as_deref()).unwrap_or_default();
        let _ = writeln!(out, "  unit_en: {}", quoted(unit));
    }
    out
}
