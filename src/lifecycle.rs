//! A document's life as commands: `gazette withdraw` records that a policy
//! is no longer in force, `gazette rename` changes a policy's, target's or
//! department's slug and writes the redirects its old URLs need.
//!
//! Both edit the curated YAML in place, line by line ([`yaml_edit`](crate::content::yaml_edit)), so
//! comments, order and every other entry stay as written; the edited text
//! is read back through the strict loader before anything is written, and
//! each file is replaced in one step (written beside it, then renamed), so
//! a failure leaves `content/` as it was. What a withdrawn policy looks
//! like is the link and render stages' ([`crate::link::Portal::withdrawal`]).

use crate::content::lock::REDIRECTS_FILE;
use crate::content::policies::{PolicyMetas, WithdrawalStatus};
use crate::content::slug::Slug;
use crate::content::yaml_edit::{self, quoted};
use crate::link::{PolicyIx, Portal, Urls};
use crate::model::Lang;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const POLICIES_FILE: &str = "content/policies.yaml";
const TARGETS_FILE: &str = "content/targets.yaml";
const DEPARTMENTS_FILE: &str = "content/departments.yaml";

#[derive(Debug, thiserror::Error)]
pub enum LifecycleError {
    #[error("{0}")]
    Invalid(String),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Content(#[from] crate::content::ContentError),
}

/// What `gazette withdraw` is asked to record.
#[derive(Debug, Clone)]
pub struct Withdraw<'a> {
    /// The policy ID (seed name) or its slug.
    pub policy: &'a str,
    pub status: WithdrawalStatus,
    /// `YYYY-MM-DD`.
    pub date: &'a str,
    /// The policy ID or slug of the policy that replaces it.
    pub by: Option<&'a str>,
    pub reason: Option<&'a str>,
}

/// Records `w` in `content/policies.yaml` of the portal at `root`; returns
/// what to tell the webmaster.
pub fn withdraw(root: &Path, portal: &Portal, w: &Withdraw) -> Result<String, LifecycleError> {
    let pi = find_policy(portal, w.policy)?;
    let id = portal.policies[pi].policy.id.as_str();
    if !crate::content::changelog::is_iso_date(w.date) {
        return Err(LifecycleError::Invalid(format!(
            "--date `{}` is not a date like 2026-11-30: write it YYYY-MM-DD",
            w.date
        )));
    }
    let by = match w.by {
        Some(b) => {
            let bi = find_policy(portal, b)
                .map_err(|e| LifecycleError::Invalid(format!("--by: {e}")))?;
            if bi == pi {
                return Err(LifecycleError::Invalid(format!(
                    "--by names `{id}` itself: name the policy that replaces it"
                )));
            }
            Some(portal.policies[bi].policy.id.as_str())
        }
        None if w.status == WithdrawalStatus::Replaced => {
            return Err(LifecycleError::Invalid(
                "--status replaced needs --by POLICY: the policy that replaces it".into(),
            ))
        }
        None => None,
    };
    let mut fields = vec![
        ("status", w.status.as_str().to_owned()),
        ("date", quoted(w.date)),
    ];
    if let Some(by) = by {
        fields.push(("by", quoted(by)));
    }
    if let Some(reason) = w.reason {
        fields.push(("reason", quoted(reason)));
    }
    let path = root.join(POLICIES_FILE);
    let text = read(&path)?;
    let edited = yaml_edit::set_block(&text, id, "withdrawn", &fields)
        .map_err(|e| LifecycleError::Invalid(format!("{POLICIES_FILE}: {e}")))?;
    let _: PolicyMetas = crate::content::yaml::parse(&path, &edited)?;
    write(&path, &edited)?;
    Ok(format!(
        "recorded in {POLICIES_FILE}: `{id}` {} on {}{}; its pages stay, with a banner, and it leaves the current lists and feeds at the next build\n",
        w.status.as_str(),
        w.date,
        by.map(|b| format!(", replaced by `{b}`")).unwrap_or_default()
    ))
}

/// What `gazette rename` renames.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Policy,
    Target,
    Department,
}

/// Changes the slug `old` of a `kind` to `new` where content/ sets it, and
/// maps the old URLs (both languages) to the new ones in
/// `content/redirects.yaml`; returns what to tell the webmaster.
pub fn rename(
    root: &Path,
    portal: &Portal,
    kind: Kind,
    old: &str,
    new: &str,
) -> Result<String, LifecycleError> {
    Slug::new(new).map_err(|e| {
        LifecycleError::Invalid(format!(
            "`{new}` cannot be a slug: {e}; use lowercase letters, digits and single hyphens"
        ))
    })?;
    let site = Urls::new("", "/");
    // Also written: targets.yaml, when a policy's targets had slugs made
    // from the policy's and keep them.
    let mut pinned = None;
    let (file, edited, families): (&str, String, &[UrlOf]) = match kind {
        Kind::Policy => {
            let slugs: Vec<&str> = portal.policies.iter().map(|p| p.slug.as_str()).collect();
            let pi = position(&slugs, old, new, "policy")?;
            let id = portal.policies[pi].policy.id.as_str();
            let text = read(&root.join(POLICIES_FILE))?;
            let edited = yaml_edit::set_key(&text, &[id], "slug", new)
                .map_err(|e| LifecycleError::Invalid(format!("{POLICIES_FILE}: {e}")))?;
            pinned = pin_target_slugs(root, portal, PolicyIx(pi))?;
            (POLICIES_FILE, edited, &[Urls::policy])
        }
        Kind::Target => {
            let slugs: Vec<&str> = portal.targets.iter().map(|t| t.slug.as_str()).collect();
            let ti = position(&slugs, old, new, "target")?;
            let e = &portal.targets[ti];
            let p = &portal.policies[e.policy].policy;
            let text = read(&root.join(TARGETS_FILE))?;
            let keys = [p.id.as_str(), p.targets[e.index].id.as_str()];
            let edited = yaml_edit::set_key(&text, &keys, "slug", new)
                .map_err(|e| LifecycleError::Invalid(format!("{TARGETS_FILE}: {e}")))?;
            (TARGETS_FILE, edited, &[Urls::target])
        }
        Kind::Department => {
            let slugs: Vec<&str> = portal.departments.iter().map(|d| d.slug.as_str()).collect();
            let di = position(&slugs, old, new, "department")?;
            let name = &portal.departments[di].name_zh;
            let entry = portal
                .registry
                .get(name)
                .filter(|_| portal.departments[di].registered);
            let Some(entry) = entry else {
                return Err(LifecycleError::Invalid(format!(
                    "`{name}` is not in {DEPARTMENTS_FILE}: register it there with `slug: {new}`"
                )));
            };
            let text = read(&root.join(DEPARTMENTS_FILE))?;
            let edited = yaml_edit::set_in_item(&text, entry.line, "slug", new)
                .map_err(|e| LifecycleError::Invalid(format!("{DEPARTMENTS_FILE}: {e}")))?;
            (
                DEPARTMENTS_FILE,
                edited,
                &[Urls::department, Urls::department_targets],
            )
        }
    };
    let moves: BTreeMap<String, String> = families
        .iter()
        .flat_map(|url| Lang::ALL.map(|l| (url(&site, l, old), url(&site, l, new))))
        .collect();
    let redirects_path = root.join(REDIRECTS_FILE);
    let redirects = yaml_edit::add_redirects(&read(&redirects_path)?, &moves);
    // Both files must read back before either is written.
    let path = root.join(file);
    check_reads(&path, &edited)?;
    let targets_path = root.join(TARGETS_FILE);
    if let Some(text) = &pinned {
        check_reads(&targets_path, text)?;
    }
    let _: BTreeMap<crate::content::slug::SitePath, crate::content::slug::SitePath> =
        crate::content::yaml::parse(&redirects_path, &redirects)?;
    write(&redirects_path, &redirects)?;
    if let Some(text) = &pinned {
        write(&targets_path, text)?;
    }
    write(&path, &edited)?;
    let lines: Vec<String> = moves.iter().map(|(a, b)| format!("  {a} → {b}")).collect();
    Ok(format!(
        "renamed `{old}` to `{new}` in {file}; {REDIRECTS_FILE} now maps\n{}\nthe next build serves the old addresses as redirects\n",
        lines.join("\n")
    ))
}

/// A URL builder of [`Urls`] taking a slug.
type UrlOf = fn(&Urls, Lang, &str) -> String;

/// `content/targets.yaml` with every target of policy `pi` given the slug
/// it has now, so target URLs made from the policy's slug stay when it
/// changes; `None` when every slug is already written there.
fn pin_target_slugs(
    root: &Path,
    portal: &Portal,
    pi: PolicyIx,
) -> Result<Option<String>, LifecycleError> {
    let policy = &portal.policies[pi].policy;
    let text = read(&root.join(TARGETS_FILE))?;
    let mut edited = text.clone();
    for e in portal.targets.iter().filter(|e| e.policy == pi) {
        let keys = [policy.id.as_str(), policy.targets[e.index].id.as_str()];
        edited = yaml_edit::set_key(&edited, &keys, "slug", &e.slug)
            .map_err(|e| LifecycleError::Invalid(format!("{TARGETS_FILE}: {e}")))?;
    }
    Ok((edited != text).then_some(edited))
}

/// The index of `old` among `slugs`, when `new` is not taken.
fn position(slugs: &[&str], old: &str, new: &str, what: &str) -> Result<usize, LifecycleError> {
    if slugs.contains(&new) {
        return Err(LifecycleError::Invalid(format!(
            "another {what} already has the slug `{new}`: choose another"
        )));
    }
    slugs.iter().position(|s| *s == old).ok_or_else(|| {
        let near = crate::content::suggest::nearest(old, slugs);
        LifecycleError::Invalid(format!(
            "no {what} has the slug `{old}`{}",
            near.map(|n| format!("; did you mean `{n}`?"))
                .unwrap_or_default()
        ))
    })
}

/// The edited curated file reads back through its loader.
fn check_reads(path: &Path, text: &str) -> Result<(), LifecycleError> {
    use crate::content::yaml::parse;
    match path.file_name().and_then(|n| n.to_str()) {
        Some("policies.yaml") => parse::<PolicyMetas>(path, text).map(drop)?,
        Some("targets.yaml") => {
            parse::<crate::content::targets::TargetMetas>(path, text).map(drop)?
        }
        _ => parse::<Vec<crate::content::Department>>(path, text).map(drop)?,
    }
    Ok(())
}

/// The policy whose ID or slug is `name`.
fn find_policy(portal: &Portal, name: &str) -> Result<usize, LifecycleError> {
    portal
        .policies
        .iter()
        .position(|p| p.policy.id.as_str() == name || p.slug == name)
        .ok_or_else(|| LifecycleError::Invalid(portal.no_policy_named(name)))
}

fn read(path: &Path) -> Result<String, LifecycleError> {
    crate::content::read_to_edit(path).map_err(|source| LifecycleError::Io {
        path: path.to_owned(),
        source,
    })
}

fn write(path: &Path, text: &str) -> Result<(), LifecycleError> {
    crate::content::replace(path, text).map_err(|source| LifecycleError::Io {
        path: path.to_owned(),
        source,
    })
}
