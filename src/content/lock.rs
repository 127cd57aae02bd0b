//! `content/urls.lock` and `content/redirects.yaml` as data: what the site
//! has published and what each address showed.
//!
//! The lock is a committed text file, one address a line, sorted, so a
//! build's additions read as a plain diff:
//!
//! ```text
//! /zh/policies/innovation-capital-2017-2020/
//! /zh/policies/innovation-capital-2017-2020/#task-15-p1 5d0e1c2a9b77
//! /zh/targets/rd-spending-share-of-gdp/ 0f3c9e41d2aa
//! ```
//!
//! An address is a site-relative URL, or a URL and `#anchor`. The optional
//! second field is the [`crate::model::fingerprint`] of what the address
//! showed when it was first published: for a target page, the target
//! ([`crate::model::Target::fingerprint`]); for an anchor, the text of the
//! paragraph, heading or row it pointed at. Lines without a fingerprint
//! (the format before December 2026) are kept as they are until a build
//! records one. The invariant the rest of gazette keeps with it: an address
//! in the lock never shows anything but the content of its fingerprint —
//! or, for an anchor, that text reworded in place, which a build warns of
//! and then records ([`UrlLock::record`]).
//!
//! The lock only ever grows, so the build seals it: a comment line
//! `# sealed: 1234 addresses, digest 0f3c9e41d2aa` after the header gives
//! the number of addresses it wrote and a fingerprint of them. A lock with
//! fewer addresses than its seal, or as many but others, lost lines by hand
//! ([`UrlLock::seal_broken`]); one with more (two branches' locks merged,
//! a line added) is fine, and the next build seals it again.

use super::slug::SitePath;
use super::{read_optional, ContentError};
use std::collections::BTreeMap;
use std::path::Path;

/// The lock, relative to a portal's root.
pub const LOCK_FILE: &str = "content/urls.lock";
/// Old addresses mapped to their new place, relative to a portal's root.
pub const REDIRECTS_FILE: &str = "content/redirects.yaml";

const HEADER: &str = "\
# Every URL and anchor this site has published, relative to its base URL, one
# a line, with the fingerprint of what it showed (a target, or the text an
# anchor pointed at). Written by `gazette build`; commit it. A build that would
# stop publishing one of these, or show other content there, fails unless
# content/redirects.yaml maps it to its new place.
";

/// Every published address and, when recorded, the fingerprint of what it
/// showed.
///
/// At 10,000 policies a lock holds about 4.8 million addresses, so each is
/// kept once, with its line beside its fingerprint ([`Locked`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UrlLock {
    /// Address (`/zh/targets/x/`, `/zh/policies/p/#task-1-p1`) → what is
    /// known of it.
    entries: BTreeMap<String, Locked>,
    /// The seal as read: how many addresses the last build wrote, and
    /// their digest ([`UrlLock::digest`]).
    seal: Option<(usize, String)>,
    /// The seal's 1-based line, for diagnostics.
    seal_line: usize,
}

/// One address of the lock.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Locked {
    /// The fingerprint of what it showed, when recorded.
    fingerprint: Option<String>,
    /// Its 1-based line in the text the lock was parsed from, for
    /// diagnostics; 0 when a build added it.
    line: u32,
}

/// The start of the seal's comment line.
const SEAL: &str = "# sealed: ";

impl UrlLock {
    /// Parses the lock's text; comments and blank lines are skipped.
    pub fn parse(text: &str) -> Self {
        let mut lock = UrlLock::default();
        for (i, l) in text.lines().enumerate() {
            let l = l.trim();
            if let Some(seal) = l.strip_prefix(SEAL) {
                lock.seal = parse_seal(seal);
                lock.seal_line = i + 1;
            }
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            let mut fields = l.split_whitespace();
            let Some(address) = fields.next() else {
                continue;
            };
            let locked = Locked {
                fingerprint: fields.next().map(str::to_owned),
                line: u32::try_from(i + 1).unwrap_or(u32::MAX),
            };
            lock.entries.insert(address.to_owned(), locked);
        }
        lock
    }

    /// The line of `address` in the file the lock was read from; 0 when
    /// it was not there.
    pub fn line(&self, address: &str) -> usize {
        self.entries.get(address).map_or(0, |l| l.line as usize)
    }

    /// Every address, sorted, with its fingerprint when recorded.
    pub fn entries(&self) -> impl Iterator<Item = (&String, Option<&str>)> {
        self.entries
            .iter()
            .map(|(address, l)| (address, l.fingerprint.as_deref()))
    }

    /// Whether `address` is in the lock.
    pub fn contains(&self, address: &str) -> bool {
        self.entries.contains_key(address)
    }

    /// The lock of the portal at `root`; empty when there is none yet.
    pub fn load(root: &Path) -> Result<Self, ContentError> {
        Ok(read_optional(&root.join(LOCK_FILE))?
            .map(|t| Self::parse(&t))
            .unwrap_or_default())
    }

    /// A fingerprint of the addresses (not of what they showed: a reworded
    /// anchor's fingerprint changes in place).
    pub fn digest(&self) -> String {
        crate::model::fingerprint_lines(self.entries.keys().map(String::as_str))
    }

    /// The line of the seal in the file the lock was read from; 0 when
    /// it has none.
    pub fn seal_line(&self) -> usize {
        self.seal_line
    }

    /// Whether the file carries a seal that matches its addresses.
    pub fn sealed(&self) -> bool {
        self.seal.as_ref().map(|(_, d)| d) == Some(&self.digest())
    }

    /// When lines were removed or replaced since the last build sealed the
    /// lock: how many addresses the seal counts, and how many are left.
    /// `None` for a lock without a seal (written before December 2026) or
    /// one that only grew.
    pub fn seal_broken(&self) -> Option<(usize, usize)> {
        let (count, digest) = self.seal.as_ref()?;
        let now = self.entries.len();
        (now < *count || (now == *count && *digest != self.digest())).then_some((*count, now))
    }

    /// The lock as its file: header, seal, then one address a line, sorted.
    pub fn to_text(&self) -> String {
        let mut text = String::from(HEADER);
        text.push_str(&format!(
            "{SEAL}{} addresses, digest {}\n",
            self.entries.len(),
            self.digest()
        ));
        for (address, fp) in self.entries() {
            text.push_str(address);
            if let Some(fp) = fp {
                text.push(' ');
                text.push_str(fp);
            }
            text.push('\n');
        }
        text
    }

    /// The locked URLs of files, without anchors.
    pub fn urls(&self) -> impl Iterator<Item = &String> {
        self.entries.keys().filter(|a| !a.contains('#'))
    }

    /// The fingerprint recorded for `address`, if any.
    pub fn fingerprint(&self, address: &str) -> Option<&str> {
        self.entries
            .get(address)
            .and_then(|l| l.fingerprint.as_deref())
    }

    /// The locked anchors of the page at `url`, with their fingerprints.
    pub fn anchors<'a>(&'a self, url: &'a str) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        let prefix = format!("{url}#");
        self.entries
            .range(prefix.clone()..)
            .take_while(move |(a, _)| a.starts_with(&prefix))
            .filter_map(move |(a, l)| Some((a.get(url.len() + 1..)?, l.fingerprint.as_deref()?)))
    }

    /// Adds `address` showing `fp`, or gives a locked address the
    /// fingerprint of what a successful build shows there now: the same
    /// content, or its text reworded in place (the link stage fails a build
    /// that would show anything else). An address recorded without `fp`
    /// keeps the one it has. Returns whether anything changed.
    pub fn record(&mut self, address: String, fp: Option<String>) -> bool {
        match self.entries.get_mut(&address) {
            Some(slot) if fp.is_some() && slot.fingerprint != fp => {
                slot.fingerprint = fp;
                true
            }
            Some(_) => false,
            None => {
                let locked = Locked {
                    fingerprint: fp,
                    line: 0,
                };
                self.entries.insert(address, locked);
                true
            }
        }
    }
}

/// `1234 addresses, digest 0f3c9e41d2aa` → its count and digest.
fn parse_seal(text: &str) -> Option<(usize, String)> {
    let (count, digest) = text.split_once(" addresses, digest ")?;
    Some((count.trim().parse().ok()?, digest.trim().to_owned()))
}

/// The 1-based line of `address` in the lock's `text`; 0 when absent.
pub fn line_of(text: &str, address: &str) -> usize {
    text.lines()
        .position(|l| l.split_whitespace().next() == Some(address))
        .map_or(0, |i| i + 1)
}

/// `content/redirects.yaml` of the portal at `root` (old address → new
/// address, each site-relative, `/` added when missing); empty when absent.
/// Read through the strict loader: a repeated key, or an address that is
/// not a chain of slugs under the site ([`super::slug::check_path`]), is
/// an error at its line. Anchored entries (`/zh/policies/p/#p-37:
/// /zh/policies/p/#task-15-p1`) say where the content of a locked anchor
/// went on the same page.
pub fn load_redirects(root: &Path) -> Result<BTreeMap<String, String>, ContentError> {
    let path = root.join(REDIRECTS_FILE);
    let Some(text) = read_optional(&path)? else {
        return Ok(BTreeMap::new());
    };
    let map: BTreeMap<SitePath, SitePath> = super::yaml::parse(&path, &text)?;
    Ok(map
        .iter()
        .map(|(from, to)| (normalise(from.as_str()), normalise(to.as_str())))
        .collect())
}

/// `zh/targets/x/` or `/zh/targets/x/` → `/zh/targets/x/`.
fn normalise(url: &str) -> String {
    format!("/{}", url.trim().trim_start_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_old_format_reads_and_fingerprints_are_added() {
        let mut lock = UrlLock::parse("# header\n/\n/zh/targets/x/\n");
        assert_eq!(lock.entries.len(), 2);
        assert_eq!(lock.fingerprint("/zh/targets/x/"), None);
        assert!(lock.record("/zh/targets/x/".into(), Some("aaaaaaaaaaaa".into())));
        assert!(!lock.record("/zh/targets/x/".into(), Some("aaaaaaaaaaaa".into())));
        assert!(!lock.record("/zh/targets/x/".into(), None));
        assert_eq!(lock.fingerprint("/zh/targets/x/"), Some("aaaaaaaaaaaa"));
        let again = UrlLock::parse(&lock.to_text());
        assert!(again.entries().eq(lock.entries()));
        assert_eq!(again.line("/zh/targets/x/"), 8, "after the header and seal");
        assert!(again.sealed());
        assert!(lock.to_text().contains("\n/zh/targets/x/ aaaaaaaaaaaa\n"));
    }

    #[test]
    fn the_seal_digest_is_the_fingerprint_of_the_addresses_joined() {
        // Locks sealed before the digest was streamed must stay sealed.
        let lock = UrlLock::parse("/zh/b/ 0123456789ab\n/\n/zh/a/#p-1\n");
        assert_eq!(
            lock.digest(),
            crate::model::fingerprint("/\n/zh/a/#p-1\n/zh/b/")
        );
        assert_eq!(lock.line("/zh/b/"), 1);
        assert_eq!(lock.line("/zh/c/"), 0);
    }

    #[test]
    fn a_lock_that_lost_lines_breaks_its_seal_and_one_that_grew_does_not() {
        let lock = UrlLock::parse("/\n/zh/a/\n/zh/b/\n");
        let text = lock.to_text();
        assert_eq!(UrlLock::parse(&text).seal_broken(), None);
        let lost = text.replace("/zh/a/\n", "");
        assert_eq!(UrlLock::parse(&lost).seal_broken(), Some((3, 2)));
        let swapped = text.replace("/zh/a/\n", "/zh/c/\n");
        assert_eq!(UrlLock::parse(&swapped).seal_broken(), Some((3, 3)));
        let grown = format!("{text}/zh/d/\n");
        assert_eq!(UrlLock::parse(&grown).seal_broken(), None);
        assert!(!UrlLock::parse(&grown).sealed());
        assert_eq!(UrlLock::parse("/\n").seal_broken(), None, "no seal yet");
    }

    #[test]
    fn anchors_are_listed_per_page() {
        let lock = UrlLock::parse(
            "/zh/p/\n/zh/p/#a 111111111111\n/zh/p/#b 222222222222\n/zh/p/x/#c 333333333333\n",
        );
        let anchors: Vec<_> = lock.anchors("/zh/p/").collect();
        assert_eq!(anchors, [("a", "111111111111"), ("b", "222222222222")]);
        let urls: Vec<_> = lock.urls().collect();
        assert_eq!(urls, ["/zh/p/"]);
        assert_eq!(line_of("# c\n/zh/p/\n/zh/p/#a 1\n", "/zh/p/#a"), 3);
    }
}
