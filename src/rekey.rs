//! Curated data follows its content: `gazette translate POLICY --rekey`.
//!
//! Takes a linked portal and one policy; gives the moves it can prove and
//! applies them to the curated files, renaming keys in place so comments,
//! order and everything else stay as written:
//!
//! - an English unit moves to the unit whose Chinese has exactly the
//!   fingerprint it records (its `source:`), when that unit's own entry is
//!   missing or belongs to other Chinese, and no other unit has the same
//!   Chinese;
//! - a target's entry in `content/targets.yaml` (slug, `name_zh`) moves to
//!   the target whose fingerprint `content/urls.lock` records for that slug's
//!   URL.
//!
//! Nothing moves on a guess: an entry whose Chinese changed, or that would
//! replace an entry not itself moving, stays where it is and is listed.

use crate::content::lock::UrlLock;
use crate::content::translations::fingerprint;
use crate::link::{PolicyEntry, PolicyIx, Portal, Urls};
use crate::model::Lang;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// What `--rekey` moved and what it left.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rekeyed {
    /// English units: old key → new key.
    pub translations: BTreeMap<String, String>,
    /// Entries of `content/targets.yaml`: old target ID → new target ID.
    pub targets: BTreeMap<String, String>,
    /// Entries that name no current unit or target and could not be moved,
    /// each with the reason.
    pub left: Vec<String>,
}

impl std::fmt::Display for Rekeyed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "re-keyed {} English units and {} target entries",
            self.translations.len(),
            self.targets.len()
        )?;
        for (old, new) in self.translations.iter().chain(&self.targets) {
            writeln!(f, "  {old} → {new}")?;
        }
        for l in &self.left {
            writeln!(f, "  left: {l}")?;
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RekeyError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The moves provable for policy `pi` of `portal`, whose lock is `lock`.
pub fn plan(portal: &Portal, pi: PolicyIx, lock: &UrlLock, targets_yaml: &str) -> Rekeyed {
    let entry = &portal.policies[pi];
    let mut out = Rekeyed::default();
    plan_translations(entry, &mut out);
    plan_targets(portal, pi, lock, targets_yaml, &mut out);
    out
}

fn plan_translations(entry: &PolicyEntry, out: &mut Rekeyed) {
    let units = entry.policy.text_units();
    let file = &entry.translation.units;
    let current: HashMap<&str, String> = units
        .iter()
        .map(|u| (u.key.as_str(), fingerprint(u.zh)))
        .collect();
    let mut holders: HashMap<&str, usize> = HashMap::new();
    for fp in current.values() {
        *holders.entry(fp.as_str()).or_default() += 1;
    }
    // An entry is free to move when its key's Chinese is not what it
    // translates.
    let free = |key: &str, source: &str| current.get(key).is_none_or(|fp| fp != source);
    let mut moves = BTreeMap::new();
    for u in &units {
        let fp = &current[u.key.as_str()];
        if file.get(&u.key).is_some_and(|t| &t.source == fp) || holders[fp.as_str()] != 1 {
            continue;
        }
        let found = file.iter().find(|(k, t)| {
            *k != &u.key && &t.source == fp && !t.text.trim().is_empty() && free(k, &t.source)
        });
        if let Some((old, _)) = found {
            moves.insert(old.clone(), u.key.clone());
        }
    }
    settle(
        moves,
        |k| file.contains_key(k),
        &mut out.translations,
        &mut out.left,
    );
    for (k, t) in file {
        if !current.contains_key(k.as_str()) && !out.translations.contains_key(k) {
            let why = if current.values().any(|fp| fp == &t.source) {
                "its Chinese is in several units"
            } else {
                "no unit has its Chinese any more"
            };
            out.left.push(format!("English unit `{k}`: {why}"));
        }
    }
}

fn plan_targets(
    portal: &Portal,
    pi: PolicyIx,
    lock: &UrlLock,
    targets_yaml: &str,
    out: &mut Rekeyed,
) {
    let entry = &portal.policies[pi];
    let Ok(metas) = crate::content::yaml::from_str::<crate::content::targets::TargetMetas>(
        targets_yaml,
        std::path::Path::new("content/targets.yaml"),
    ) else {
        return;
    };
    let Some(curated) = metas.get(entry.policy.id.as_str()) else {
        return;
    };
    let site = Urls::new("", "/");
    let fp_of: BTreeMap<&str, String> = entry
        .policy
        .targets
        .iter()
        .map(|t| (t.id.as_str(), t.fingerprint()))
        .collect();
    let mut moves = BTreeMap::new();
    for (key, meta) in curated {
        let Some(slug) = &meta.slug else { continue };
        let locked = Lang::ALL
            .iter()
            .find_map(|&l| lock.fingerprint(&site.target(l, slug.as_str())));
        let Some(locked) = locked else {
            if !fp_of.contains_key(key.as_str()) {
                out.left.push(format!(
                    "target entry `{key}` ({slug}): its URL has no fingerprint in the lock"
                ));
            }
            continue;
        };
        if fp_of.get(key.as_str()).is_some_and(|fp| fp == locked) {
            continue;
        }
        let holders: Vec<&str> = fp_of
            .iter()
            .filter(|(_, fp)| *fp == locked)
            .map(|(id, _)| *id)
            .collect();
        match holders.as_slice() {
            [id] => {
                moves.insert(key.clone(), (*id).to_owned());
            }
            [] => out.left.push(format!(
                "target entry `{key}` ({slug}): no target shows what its URL showed"
            )),
            _ => out.left.push(format!(
                "target entry `{key}` ({slug}): several targets show what its URL showed"
            )),
        }
    }
    settle(
        moves,
        |k| curated.contains_key(k),
        &mut out.targets,
        &mut out.left,
    );
}

/// Keeps the moves whose new key is free: absent from the file, or itself
/// moving away.
fn settle(
    moves: BTreeMap<String, String>,
    present: impl Fn(&str) -> bool,
    kept: &mut BTreeMap<String, String>,
    left: &mut Vec<String>,
) {
    let leaving: BTreeSet<&String> = moves.keys().collect();
    let mut taken = BTreeSet::new();
    for (old, new) in &moves {
        if (present(new) && !leaving.contains(new)) || !taken.insert(new.clone()) {
            left.push(format!(
                "`{old}` would move to `{new}`, which keeps an entry of its own"
            ));
            continue;
        }
        kept.insert(old.clone(), new.clone());
    }
}

/// Applies the provable moves of policy `pi` to its translation file and
/// `content/targets.yaml` under `root`.
pub fn apply(root: &Path, portal: &Portal, pi: PolicyIx) -> Result<Rekeyed, RekeyError> {
    let read = |path: &Path| match std::fs::read_to_string(path) {
        Ok(text) => Ok(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(source) => Err(RekeyError::Io {
            path: path.to_owned(),
            source,
        }),
    };
    let write = |path: &Path, text: String| {
        std::fs::write(path, text).map_err(|source| RekeyError::Io {
            path: path.to_owned(),
            source,
        })
    };
    let targets_path = root.join("content/targets.yaml");
    let targets_yaml = read(&targets_path)?;
    let lock = UrlLock::parse(&read(&root.join(crate::content::lock::LOCK_FILE))?);
    let plan = plan(portal, pi, &lock, &targets_yaml);
    let entry = &portal.policies[pi];
    if !plan.translations.is_empty() {
        let path = &entry.translation.path;
        let text = read(path)?;
        write(path, rename_keys(&text, None, &plan.translations))?;
    }
    if !plan.targets.is_empty() {
        let text = rename_keys(&targets_yaml, Some(entry.policy.id.as_str()), &plan.targets);
        write(&targets_path, text)?;
    }
    Ok(plan)
}

/// Renames YAML keys line by line: top-level keys, or with `within` the
/// keys one level under that top-level key (two spaces in).
pub fn rename_keys(text: &str, within: Option<&str>, moves: &BTreeMap<String, String>) -> String {
    let mut inside = within.is_none();
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let top = !line.starts_with([' ', '#', '-', '\n', '\r']);
        if let (Some(parent), true) = (within, top) {
            inside = key_of(line) == Some(parent);
        }
        let (indent, level) = match within {
            None => ("", top),
            Some(_) => (
                "  ",
                inside && line.starts_with("  ") && !line.starts_with("   "),
            ),
        };
        let renamed = level
            .then(|| key_of(&line[indent.len()..]))
            .flatten()
            .and_then(|k| moves.get(k).map(|new| (k, new)));
        match renamed {
            Some((old, new)) => {
                let rest = &line[indent.len()..];
                let colon = rest.find(':').unwrap_or(old.len());
                out.push_str(indent);
                out.push_str(new);
                out.push_str(&rest[colon..]);
            }
            None => out.push_str(line),
        }
    }
    out
}

/// The key of a `key:` line, without quotes.
pub(crate) fn key_of(line: &str) -> Option<&str> {
    let (key, _) = line.split_once(':')?;
    let key = key.trim().trim_matches(['"', '\'']);
    (!key.is_empty() && !key.starts_with('#')).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_renamed_in_place_and_only_at_their_level() {
        let moves: BTreeMap<String, String> = [("p-3".into(), "preamble-p1".into())].into();
        let text = "# c\np-3:\n  source: x\n  text: \"p-3: a\"\np-4:\n  source: y\n";
        assert_eq!(
            rename_keys(text, None, &moves),
            "# c\npreamble-p1:\n  source: x\n  text: \"p-3: a\"\np-4:\n  source: y\n"
        );
        let yaml = "a:\n  p-3:\n    slug: x\nb:\n  p-3:\n    slug: y\n";
        assert_eq!(
            rename_keys(yaml, Some("b"), &moves),
            "a:\n  p-3:\n    slug: x\nb:\n  preamble-p1:\n    slug: y\n"
        );
    }

    #[test]
    fn a_move_onto_a_kept_entry_is_left() {
        let moves: BTreeMap<String, String> =
            [("a".into(), "b".into()), ("c".into(), "d".into())].into();
        let (mut kept, mut left) = (BTreeMap::new(), Vec::new());
        settle(moves, |k| k == "b" || k == "c", &mut kept, &mut left);
        assert_eq!(kept, [("c".to_owned(), "d".to_owned())].into());
        assert_eq!(left.len(), 1);
    }
}
