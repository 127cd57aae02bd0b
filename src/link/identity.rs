//! Addresses that keep their meaning. Takes the portal with its slugs and
//! the URL lock ([`crate::content::lock`]); gives each policy its
//! [`Anchors`] and moves target slugs so that every locked address shows the
//! content its fingerprint names.
//!
//! - A locked target URL follows its target: when the target that
//!   `content/targets.yaml` gives the slug to is another one (its ID moved),
//!   the slug goes to the target with the locked fingerprint.
//! - A locked anchor (`#p-37`, `#task-15-p1`) stays on its text: when its
//!   own item now holds other text, the anchor becomes an alias on the item
//!   that holds the locked text, and the item that took the ID is shown
//!   under a fresh one.
//! - A text reworded in place (its anchor's own item now holds text no
//!   locked anchor was published with) keeps its anchors, with a warning;
//!   `gazette build` then records the new wording.
//! - Content that is gone is an error naming the address, unless
//!   `content/redirects.yaml` maps the anchor to another on the same page.
//! - A lock that lost lines since the build sealed it
//!   ([`UrlLock::seal_broken`]) is an error: deleting a line would let an
//!   address disappear unnoticed.

use super::{Portal, Urls};
use crate::content::lock::{UrlLock, LOCK_FILE, REDIRECTS_FILE};
use crate::diag::Diagnostic;
use crate::model::{fingerprint, ItemId, Lang, Policy};
use std::collections::{BTreeMap, HashMap, HashSet};

/// How a policy's items are addressed on its pages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Anchors {
    /// Items shown under another ID than their own, because a locked anchor
    /// holds their ID for the text it was published with.
    renamed: BTreeMap<ItemId, String>,
    /// Old addresses kept on the item that now holds their text.
    aliases: BTreeMap<ItemId, Vec<String>>,
}

impl Anchors {
    /// The `id` the item's element carries, and every link to it uses.
    pub fn id_of<'a>(&'a self, item: &'a ItemId) -> &'a str {
        self.renamed.get(item).map_or(item.as_str(), String::as_str)
    }

    /// Further IDs the item's element carries (empty `<span id>`s).
    pub fn aliases_of(&self, item: &ItemId) -> &[String] {
        self.aliases.get(item).map_or(&[], Vec::as_slice)
    }

    fn merge(&mut self, other: Anchors) {
        self.renamed.extend(other.renamed);
        for (item, aliases) in other.aliases {
            self.aliases.entry(item).or_default().extend(aliases);
        }
    }
}

/// The page an item is anchored on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Policy,
    Breakdown,
}

/// Site-relative URL (`/zh/policies/x/`) of a policy's page, as the lock
/// records it.
pub fn page_url(lang: Lang, slug: &str, page: Page) -> String {
    let site = Urls::new("", "/");
    match page {
        Page::Policy => site.policy(lang, slug),
        Page::Breakdown => site.breakdown(lang, slug),
    }
}

/// Every anchored item of a policy with its page and the fingerprint of its
/// text: headings by title, paragraphs and rows by text.
pub fn anchored(policy: &Policy) -> Vec<(Page, &ItemId, String)> {
    let mut out = Vec::new();
    for c in &policy.plan.chapters {
        out.push((Page::Policy, &c.id, fingerprint(&c.title)));
        for s in &c.sections {
            out.push((Page::Policy, &s.id, fingerprint(&s.title)));
            for t in &s.tasks {
                out.push((Page::Policy, &t.id, fingerprint(&t.title)));
                for st in &t.subtasks {
                    out.push((Page::Policy, &st.id, fingerprint(&st.title)));
                }
            }
        }
    }
    for p in policy.paragraphs() {
        out.push((Page::Policy, &p.id, fingerprint(&p.text)));
    }
    for r in policy.rows() {
        out.push((Page::Breakdown, &r.id, fingerprint(&r.content)));
    }
    out
}

/// What each address of the portal shows, for the lock: every target page
/// (`/zh/targets/x/` → [`crate::model::Target::fingerprint`]) and every
/// anchor of the policy and breakdown pages, under the ID it is shown with
/// and its aliases (`/zh/policies/p/#task-1-p1` → fingerprint of its text).
pub fn shown(portal: &Portal) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = target_fingerprints(portal).into_iter().collect();
    each_anchor(portal, |address, fp| {
        out.insert(address, fp);
    });
    out
}

/// The fingerprint of each target page (`/zh/targets/x/`), in both
/// languages: [`shown`]'s pages.
pub fn target_fingerprints(portal: &Portal) -> HashMap<String, String> {
    let site = Urls::new("", "/");
    let mut out = HashMap::new();
    for e in &portal.targets {
        for lang in Lang::ALL {
            out.insert(site.target(lang, &e.slug), e.fingerprint.clone());
        }
    }
    out
}

/// Gives `each` every anchor of [`shown`] with its fingerprint, one at a
/// time: at 10,000 policies there are about 4.7 million, and the lock
/// needs only those it does not hold yet.
pub fn each_anchor(portal: &Portal, mut each: impl FnMut(String, String)) {
    for entry in &portal.policies {
        for (page, item, fp) in anchored(&entry.policy) {
            for lang in Lang::ALL {
                let url = page_url(lang, &entry.slug, page);
                let ids = std::iter::once(entry.anchors.id_of(item))
                    .chain(entry.anchors.aliases_of(item).iter().map(String::as_str));
                for anchor in ids {
                    each(format!("{url}#{anchor}"), fp.clone());
                }
            }
        }
    }
}

/// Settles anchors and target slugs against `lock`; `redirects` may map a
/// locked anchor whose text is gone to another anchor of the same page.
pub fn settle(portal: &mut Portal, lock: &UrlLock, redirects: &BTreeMap<String, String>) {
    if let Some((sealed, now)) = lock.seal_broken() {
        portal.diagnostics.push(
            Diagnostic::error("lock-edited", LOCK_FILE, lock.seal_line())
                .message(format!(
                    "the lock was edited by hand: the last build sealed {sealed} addresses and it lists {now}{}",
                    if now == sealed { ", not all the same" } else { "" }
                ))
                .help(format!(
                    "put the lost lines back (`git checkout {LOCK_FILE}`); a published address is retired by a redirect in {REDIRECTS_FILE}, `gazette rename` or `gazette withdraw`, never by deleting its line"
                )),
        );
    }
    follow_targets(portal, lock, redirects);
    for pi in 0..portal.policies.len() {
        let entry = &portal.policies[pi];
        let mut anchors = Anchors::default();
        let mut gone = Vec::new();
        let mut reworded = Vec::new();
        // Fingerprinted once for both pages (each is a SHA-256 of a text).
        let fingerprinted = anchored(&entry.policy);
        for page in [Page::Policy, Page::Breakdown] {
            let items: Vec<(ItemId, String)> = (fingerprinted.iter())
                .filter(|(p, _, _)| *p == page)
                .map(|(_, id, fp)| ((*id).clone(), fp.clone()))
                .collect();
            // Anchor → (fingerprint, its addresses in each language).
            let mut locked: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
            let mut moved = BTreeMap::new();
            for lang in Lang::ALL {
                let url = page_url(lang, &entry.slug, page);
                for (anchor, fp) in lock.anchors(&url) {
                    locked
                        .entry(anchor.to_owned())
                        .or_insert_with(|| (fp.to_owned(), Vec::new()))
                        .1
                        .push(format!("{url}#{anchor}"));
                }
                // The page's own redirects: those whose address starts
                // with it, one range of the sorted map.
                let page_anchor = format!("{url}#");
                let own = (redirects.range(page_anchor.clone()..))
                    .take_while(|(from, _)| from.starts_with(&page_anchor));
                for (from, to) in own {
                    let (Some(a), Some(b)) = (
                        from.strip_prefix(&page_anchor),
                        to.strip_prefix(&page_anchor),
                    ) else {
                        continue;
                    };
                    moved.insert(a.to_owned(), b.to_owned());
                }
            }
            let fps: BTreeMap<String, String> = locked
                .iter()
                .map(|(a, (fp, _))| (a.clone(), fp.clone()))
                .collect();
            let resolved = resolve(&items, &fps, &moved);
            anchors.merge(resolved.anchors);
            gone.extend(resolved.gone.iter().filter_map(|a| locked.get(a).cloned()));
            reworded.extend(
                resolved
                    .reworded
                    .iter()
                    .filter_map(|a| locked.get(a).cloned()),
            );
        }
        for address in reworded.into_iter().flat_map(|(_, addresses)| addresses) {
            portal.diagnostics.push(
                Diagnostic::warning("reworded-anchor", LOCK_FILE, lock.line(&address))
                    .message(format!(
                        "`{address}` now shows its text reworded: the wording it was published with is no longer in {}",
                        entry.policy.source
                    ))
                    .help(format!(
                        "if it is another text rather than the same one amended, map the anchor to where its text went in {REDIRECTS_FILE}; `gazette build` records the new wording in the lock"
                    )),
            );
        }
        for address in gone.into_iter().flat_map(|(_, addresses)| addresses) {
            portal.diagnostics.push(
                Diagnostic::error("locked-anchor", LOCK_FILE, lock.line(&address))
                    .message(format!(
                        "`{address}` was published, and the text it pointed at is no longer in {}",
                        entry.policy.source
                    ))
                    .help(format!(
                        "map the anchor to the text that took its place on the same page in {REDIRECTS_FILE} (`{address}: {}#new-anchor`)",
                        address.split('#').next().unwrap_or_default()
                    )),
            );
        }
        portal.policies[pi].anchors = anchors;
    }
}

/// Where the locked anchors of one page go.
#[derive(Debug, Default)]
pub struct Resolved {
    pub anchors: Anchors,
    /// Anchors whose text is nowhere on the page.
    pub gone: Vec<String>,
    /// Anchors kept on their own item, whose text was reworded.
    pub reworded: Vec<String>,
}

/// Where each locked anchor goes on one page. `items` are the page's items
/// in document order with their fingerprints; `locked` maps anchors to the
/// fingerprint they were published with; `moved` maps anchors whose text is
/// gone to another. An anchor goes to the item holding its text — its own
/// item first; else to where `moved` says; else, when its own item holds
/// text no locked anchor was published with, it stays there as reworded
/// (and other anchors of the same text follow it); else it is gone.
pub fn resolve(
    items: &[(ItemId, String)],
    locked: &BTreeMap<String, String>,
    moved: &BTreeMap<String, String>,
) -> Resolved {
    let natural: HashMap<&str, usize> = items
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (id.as_str(), i))
        .collect();
    let mut by_fp: HashMap<&str, usize> = HashMap::new();
    for (i, (_, fp)) in items.iter().enumerate() {
        by_fp.entry(fp.as_str()).or_insert(i);
    }
    let claimed: HashSet<&str> = locked.values().map(String::as_str).collect();
    let mut holder: BTreeMap<&str, usize> = BTreeMap::new();
    let mut lost = Vec::new();
    let mut reworded = Vec::new();
    // The item each reworded text now is, by the fingerprint it had.
    let mut rewording: HashMap<&str, usize> = HashMap::new();
    for (anchor, fp) in locked {
        let own = natural
            .get(anchor.as_str())
            .copied()
            .filter(|&i| items[i].1 == *fp);
        let found = own
            .or_else(|| by_fp.get(fp.as_str()).copied())
            .or_else(|| natural.get(moved.get(anchor)?.as_str()).copied());
        if let Some(i) = found {
            holder.insert(anchor, i);
            continue;
        }
        let edited = natural
            .get(anchor.as_str())
            .copied()
            .filter(|&i| !claimed.contains(items[i].1.as_str()));
        match edited {
            Some(i) => {
                holder.insert(anchor, i);
                rewording.insert(fp, i);
                reworded.push(anchor.clone());
            }
            None => lost.push((anchor, fp)),
        }
    }
    let mut gone = Vec::new();
    for (anchor, fp) in lost {
        match rewording.get(fp.as_str()) {
            Some(&i) => {
                holder.insert(anchor, i);
                reworded.push(anchor.clone());
            }
            None => gone.push(anchor.clone()),
        }
    }
    let mut anchors = Anchors::default();
    let mut used: HashSet<String> = HashSet::new();
    for (i, (id, _)) in items.iter().enumerate() {
        let own = holder.get(id.as_str()).copied();
        if own == Some(i) {
            continue;
        }
        // An item that moved shows its locked ID of the same parent, when it
        // has one (`task-1-p1` for the old first paragraph, now second).
        let held = holder
            .iter()
            .find(|(a, &j)| j == i && ItemId::from(**a).parent() == id.parent());
        if let Some((anchor, _)) = held {
            anchors.renamed.insert(id.clone(), (*anchor).to_owned());
            continue;
        }
        // A new item keeps its own ID unless a locked anchor holds it.
        if own.is_none() {
            continue;
        }
        let fresh = fresh_ids(id)
            .find(|c| {
                !natural.contains_key(c.as_str())
                    && !used.contains(c)
                    && holder.get(c.as_str()).is_none_or(|&j| j == i)
                    && (holder.contains_key(c.as_str()) || !locked.contains_key(c))
            })
            .unwrap_or_else(|| format!("{id}-{i}"));
        used.insert(fresh.clone());
        anchors.renamed.insert(id.clone(), fresh);
    }
    for (anchor, i) in holder {
        let item = &items[i].0;
        if anchors.id_of(item) != anchor {
            anchors
                .aliases
                .entry(item.clone())
                .or_default()
                .push(anchor.to_owned());
        }
    }
    Resolved {
        anchors,
        gone,
        reworded,
    }
}

/// Candidate IDs for an item whose own ID is held for other text: the next
/// paragraph numbers of its parent (`task-12-p4`, `task-12-p5` …), or
/// `task-5-2`, `task-5-3` … for any other item.
fn fresh_ids(id: &ItemId) -> impl Iterator<Item = String> + '_ {
    let parent = id.parent();
    let paragraph = parent != id.as_str();
    (2..).map(move |k| {
        if paragraph {
            let n: usize = id
                .as_str()
                .rsplit_once("-p")
                .and_then(|(_, n)| n.parse().ok())
                .unwrap_or(0);
            ItemId::paragraph(parent, n + k - 1).0
        } else {
            format!("{id}-{k}")
        }
    })
}

/// Moves locked target slugs to the target with the locked fingerprint;
/// a target URL `redirects` maps elsewhere has moved on purpose and is
/// left to the redirect.
fn follow_targets(portal: &mut Portal, lock: &UrlLock, redirects: &BTreeMap<String, String>) {
    let site = Urls::new("", "/");
    let mut locked: BTreeMap<String, (String, String)> = BTreeMap::new();
    for lang in Lang::ALL {
        let prefix = site.targets(lang);
        for (address, fp) in lock.entries() {
            let (Some(fp), Some(rest)) = (fp, address.strip_prefix(&prefix)) else {
                continue;
            };
            if redirects.contains_key(address) {
                continue;
            }
            let Some(slug) = rest.strip_suffix('/').filter(|s| !s.contains('/')) else {
                continue;
            };
            locked
                .entry(slug.to_owned())
                .or_insert_with(|| (fp.to_owned(), address.to_owned()));
        }
    }
    let fp_of: Vec<String> = portal
        .targets
        .iter()
        .map(|e| e.fingerprint.clone())
        .collect();
    // Looked up, not searched: a national portal locks hundreds of
    // thousands of target URLs (a search per locked slug took minutes).
    let mut with_fp: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, fp) in fp_of.iter().enumerate() {
        with_fp.entry(fp.as_str()).or_default().push(i);
    }
    let mut with_slug: HashMap<String, usize> = HashMap::new();
    for (i, e) in portal.targets.iter().enumerate() {
        with_slug.entry(e.slug.clone()).or_insert(i);
    }
    for (slug, (fp, address)) in &locked {
        let current = with_slug.get(slug).copied();
        if current.is_some_and(|i| &fp_of[i] == fp) {
            continue;
        }
        // The target with the locked fingerprint, unless a locked URL of
        // its own already shows it.
        let holder = with_fp.get(fp.as_str()).and_then(|all| {
            all.iter().copied().find(|&i| {
                locked
                    .get(&portal.targets[i].slug)
                    .is_none_or(|(own, _)| own != fp)
            })
        });
        match holder {
            Some(i) => {
                let e = &portal.targets[i];
                let p = &portal.policies[e.policy];
                let id = p.policy.targets[e.index].id.clone();
                let policy = p.policy.id.clone();
                if let Some(c) = current {
                    let displaced = &portal.policies[portal.targets[c].policy];
                    let displaced_id = &displaced.policy.targets[portal.targets[c].index].id;
                    let moved = format!("{}-{displaced_id}", displaced.slug);
                    reslug(&mut portal.targets, &mut with_slug, c, moved);
                }
                reslug(&mut portal.targets, &mut with_slug, i, slug.clone());
                portal.diagnostics.push(
                    Diagnostic::warning("rekey-target", "content/targets.yaml", 0)
                        .message(format!(
                            "`{address}` follows its target, now `{id}` of `{policy}`; content/targets.yaml keys its slug by another ID"
                        ))
                        .help(format!(
                            "run `gazette translate {policy} --rekey` to move the slug (and the English) to the new IDs"
                        )),
                );
            }
            None => {
                // Not published at all: the lock check of `write` names it.
                let Some(c) = current else { continue };
                let e = &portal.targets[c];
                let t = &portal.policies[e.policy].policy.targets[e.index];
                portal.diagnostics.push(
                    Diagnostic::error("locked-target", LOCK_FILE, lock.line(address))
                        .message(format!(
                            "`{address}` was published for a target that is gone; it would now show `{} {}{}`",
                            t.metric, t.value.written, t.unit
                        ))
                        .help(format!(
                            "give `{}` its own slug in content/targets.yaml, and map `{address}` to the page that replaces it in {REDIRECTS_FILE}",
                            t.id
                        )),
                );
            }
        }
    }
}

/// Gives target `i` the slug `slug`, keeping `with_slug` (slug → target)
/// true. Slugs are unique (two targets with one would be written to one
/// file, which the write stage refuses).
fn reslug(
    targets: &mut [super::TargetEntry],
    with_slug: &mut HashMap<String, usize>,
    i: usize,
    slug: String,
) {
    let old = std::mem::replace(&mut targets[i].slug, slug.clone());
    if with_slug.get(&old) == Some(&i) {
        with_slug.remove(&old);
    }
    with_slug.insert(slug, i);
}

#[cfg(test)]
mod tests;
