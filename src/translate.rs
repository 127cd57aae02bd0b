//! Translation bookkeeping over the whole portal: coverage per language and
//! policy (`gazette check`), and skeletons of the missing and stale units
//! for translators (`gazette translate POLICY --missing`), and the targets
//! whose English unit is only a measure word's neutral noun. The units
//! themselves are defined once, by [`crate::model::Policy::text_units`].

use crate::content::translations::{fingerprint, Rendition};
use crate::diag::Diagnostic;
use crate::link::{PolicyEntry, Portal};
use crate::model::Lang;
use serde::Serialize;
use std::fmt::Write as _;

/// Translation state of one policy in one language.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Coverage {
    pub lang: Lang,
    pub policy: String,
    pub total: usize,
    pub translated: usize,
    pub stale: Vec<String>,
    pub missing: Vec<String>,
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
            "{}: {}: {}/{} units translated, {} stale, {} missing",
            self.lang,
            self.policy,
            self.translated,
            self.total,
            self.stale.len(),
            self.missing.len()
        )?;
        if !self.unknown.is_empty() {
            write!(f, ", {} unknown IDs", self.unknown.len())?;
        }
        if !self.moved.is_empty() {
            write!(f, ", {} to re-key", self.moved.len())?;
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
        total: units.len(),
        translated: 0,
        stale: Vec::new(),
        missing: Vec::new(),
        unknown: Vec::new(),
        moved: Vec::new(),
    };
    for u in &units {
        match p.translation.render(&u.key, u.zh) {
            Rendition::Translated { .. } => {
                c.translated += 1;
                let fp = fingerprint(u.zh);
                let own = p.translation.units.get(&u.key);
                if own.is_none_or(|t| t.source != fp) {
                    if let Some(old) = p.translation.key_for(&fp) {
                        c.moved.push((old.to_owned(), u.key.clone()));
                    }
                }
            }
            Rendition::Stale { .. } => c.stale.push(u.key.clone()),
            Rendition::Missing => c.missing.push(u.key.clone()),
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
                "update the English and its `source:` fingerprint (gazette translate {} --missing writes both)",
                p.policy.id
            ))
    });
    let missing = c.missing.first().map(|first| {
        Diagnostic::warning("missing-translation", &file, 0)
            .message(format!(
                "{} of {} units of {} have no English translation (first: `{first}`)",
                c.missing.len(),
                c.total,
                c.policy
            ))
            .help(format!(
                "run `gazette translate {} --missing` for a skeleton to fill in",
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
    stale.chain(missing).chain(moved).chain(unknown).collect()
}

/// A YAML skeleton of the missing and stale units of a policy, with the
/// Chinese beside each as a comment, ready for a translator. Appending it
/// to the translation file (after removing the stale entries it replaces)
/// leaves everything already translated untouched.
pub fn skeleton(p: &PolicyEntry) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Missing and stale English units of {}. Fill in `text`, keep `source`.",
        p.policy.id
    );
    for u in p.policy.text_units() {
        let previous = match p.translation.render(&u.key, u.zh) {
            Rendition::Translated { .. } => continue,
            Rendition::Stale { previous } => Some(previous),
            Rendition::Missing => None,
        };
        let _ = writeln!(out, "\n# zh: {}", u.zh.replace('\n', " "));
        if let Some(prev) = previous {
            let _ = writeln!(out, "# previous: {}", prev.replace('\n', " "));
        }
        let _ = writeln!(out, "{}:", u.key);
        let _ = writeln!(out, "  source: {}", fingerprint(u.zh));
        let _ = writeln!(out, "  text: \"\"");
        if neutral_unit_of(p, &u.key) {
            let _ = writeln!(out, "  unit_en: \"\"");
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

/// The Chinese of the units of `p` with the given keys (normalised).
pub fn chinese_of<'a>(p: &PolicyEntry, keys: impl Iterator<Item = &'a String>) -> Vec<String> {
    let keys: std::collections::HashSet<&String> = keys.collect();
    p.policy
        .text_units()
        .into_iter()
        .filter(|u| keys.contains(&u.key))
        .map(|u| u.zh.to_owned())
        .collect()
}

/// A warning for each translated target whose English unit is only the
/// neutral noun of its measure word (`家` → `organisations`): the
/// translation should name what is counted in `unit_en`. An untranslated
/// target is left to `missing-translation`.
pub fn neutral_units(portal: &Portal) -> Vec<Diagnostic> {
    (0..portal.targets.len())
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
