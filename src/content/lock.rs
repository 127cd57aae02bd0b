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

use super::memo::ParseMemo;
use super::slug::SitePath;
use super::{read_optional, ContentError};
use std::collections::{BTreeMap, HashMap};
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
/// At 10,000 policies a lock holds about 4.8 million addresses (318 MB of
/// text), so the lock keeps the text it was read from and, per address, only
/// where it starts, its length and its line's number ([`Listed`], 16 bytes):
/// a map of 4.8 million strings took about 0.8 GB. What a build changes is
/// kept beside it: fingerprints recorded anew, addresses added.
#[derive(Debug, Clone, Default)]
pub struct UrlLock {
    /// The text the lock was read from.
    text: String,
    /// Its addresses, sorted, each once (of one written twice, the last
    /// line).
    listed: Vec<Listed>,
    /// Fingerprints recorded since for listed addresses, by their index
    /// in `listed`.
    recorded_since: HashMap<usize, Box<str>>,
    /// Addresses recorded since, none of them listed, with their
    /// fingerprints.
    added: BTreeMap<Box<str>, Option<Box<str>>>,
    /// The seal as read: how many addresses the last build wrote, and
    /// their digest ([`UrlLock::digest`]).
    seal: Option<(usize, String)>,
    /// The seal's 1-based line, for diagnostics.
    seal_line: usize,
}

/// An address of the lock's text: where it starts, its length, and its
/// line's 1-based number, for diagnostics.
#[derive(Debug, Clone, Copy)]
struct Listed {
    at: usize,
    len: u32,
    line: u32,
}

/// The start of the seal's comment line.
const SEAL: &str = "# sealed: ";

/// The fingerprint field of a line whose address ends where `rest`
/// begins.
fn fingerprint_after(rest: &str) -> Option<&str> {
    rest.split('\n').next()?.split_whitespace().next()
}

impl PartialEq for UrlLock {
    fn eq(&self, other: &Self) -> bool {
        (&self.seal, self.seal_line) == (&other.seal, other.seal_line)
            && self.entries().eq(other.entries())
    }
}

impl Eq for UrlLock {}

impl UrlLock {
    /// Parses the lock's text; comments and blank lines are skipped.
    pub fn parse(text: &str) -> Self {
        Self::of_text(text.to_owned())
    }

    /// The lock whose text is `text`, kept.
    fn of_text(text: String) -> Self {
        let mut lock = UrlLock::default();
        let mut listed = Vec::new();
        let mut at = 0;
        for (i, raw) in text.split_inclusive('\n').enumerate() {
            let start = at + (raw.len() - raw.trim_start().len());
            at += raw.len();
            let l = raw.trim();
            if let Some(seal) = l.strip_prefix(SEAL) {
                lock.seal = parse_seal(seal);
                lock.seal_line = i + 1;
            }
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            let Some(address) = l.split_whitespace().next() else {
                continue;
            };
            // Addresses are URLs: a longer one is not one a build wrote.
            let Ok(len) = u32::try_from(address.len()) else {
                continue;
            };
            let line = u32::try_from(i + 1).unwrap_or(u32::MAX);
            listed.push(Listed {
                at: start,
                len,
                line,
            });
        }
        lock.text = text;
        let address = |l: &Listed| lock.address(l);
        // A lock a build wrote is sorted already: one pass.
        listed.sort_by(|a, b| address(a).cmp(address(b)).then(a.line.cmp(&b.line)));
        listed.dedup_by(|later, kept| {
            let same = address(later) == address(kept);
            if same {
                *kept = *later;
            }
            same
        });
        lock.listed = listed;
        lock
    }

    /// The address of `l`.
    fn address(&self, l: &Listed) -> &str {
        &self.text[l.at..l.at + l.len as usize]
    }

    /// The address and fingerprint of `listed[i]`, as recorded now.
    fn listed(&self, i: usize) -> (&str, Option<&str>) {
        let l = &self.listed[i];
        let recorded = self.recorded_since.get(&i).map(|f| &**f);
        let read = || fingerprint_after(&self.text[l.at + l.len as usize..]);
        (self.address(l), recorded.or_else(read))
    }

    /// The index in `listed` of `address`.
    fn find(&self, address: &str) -> Option<usize> {
        self.listed
            .binary_search_by(|l| self.address(l).cmp(address))
            .ok()
    }

    /// The line of `address` in the file the lock was read from; 0 when
    /// it was not there.
    pub fn line(&self, address: &str) -> usize {
        self.find(address)
            .map_or(0, |i| self.listed[i].line as usize)
    }

    /// Every address, sorted, with its fingerprint when recorded.
    pub fn entries(&self) -> impl Iterator<Item = (&str, Option<&str>)> {
        let listed = (0..self.listed.len()).map(|i| self.listed(i));
        let added = self.added.iter().map(|(a, fp)| (&**a, fp.as_deref()));
        merged(listed, added)
    }

    /// Whether `address` is in the lock.
    pub fn contains(&self, address: &str) -> bool {
        self.find(address).is_some() || self.added.contains_key(address)
    }

    /// The lock of the portal at `root`; empty when there is none yet.
    pub fn load(root: &Path) -> Result<Self, ContentError> {
        Self::load_recalling(root, &ParseMemo::off())
    }

    /// [`UrlLock::load`], taken from `memo` when it holds a parse of the
    /// same text.
    pub fn load_recalling(root: &Path, memo: &ParseMemo<UrlLock>) -> Result<Self, ContentError> {
        let path = root.join(LOCK_FILE);
        match read_optional(&path)? {
            Some(text) => memo.parse(&path, &text, |text| Ok(Self::of_text(text.to_owned()))),
            None => Ok(Self::default()),
        }
    }

    /// A fingerprint of the addresses (not of what they showed: a reworded
    /// anchor's fingerprint changes in place).
    pub fn digest(&self) -> String {
        crate::model::fingerprint_lines(self.entries().map(|(address, _)| address))
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

    /// How many addresses it holds.
    fn len(&self) -> usize {
        self.listed.len() + self.added.len()
    }

    /// When lines were removed or replaced since the last build sealed the
    /// lock: how many addresses the seal counts, and how many are left.
    /// `None` for a lock without a seal (written before December 2026) or
    /// one that only grew.
    pub fn seal_broken(&self) -> Option<(usize, usize)> {
        let (count, digest) = self.seal.as_ref()?;
        let now = self.len();
        (now < *count || (now == *count && *digest != self.digest())).then_some((*count, now))
    }

    /// The lock as its file: header, seal, then one address a line, sorted.
    pub fn to_text(&self) -> String {
        let mut text = String::from(HEADER);
        text.push_str(&format!(
            "{SEAL}{} addresses, digest {}\n",
            self.len(),
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
    pub fn urls(&self) -> impl Iterator<Item = &str> {
        self.entries()
            .map(|(address, _)| address)
            .filter(|a| !a.contains('#'))
    }

    /// The fingerprint recorded for `address`, if any.
    pub fn fingerprint(&self, address: &str) -> Option<&str> {
        match self.find(address) {
            Some(i) => self.listed(i).1,
            None => self.added.get(address)?.as_deref(),
        }
    }

    /// The locked anchors of the page at `url`, with their fingerprints.
    pub fn anchors<'a>(&'a self, url: &'a str) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        let prefix = format!("{url}#");
        let first = self
            .listed
            .partition_point(|l| self.address(l) < prefix.as_str());
        let listed = (first..self.listed.len()).map(|i| self.listed(i));
        let added = self.added.range::<str, _>((
            std::ops::Bound::Included(prefix.as_str()),
            std::ops::Bound::Unbounded,
        ));
        let added = added.map(|(a, fp)| (&**a, fp.as_deref()));
        merged(listed, added)
            .take_while(move |(a, _)| a.starts_with(&prefix))
            .filter_map(move |(a, fp)| Some((a.get(url.len() + 1..)?, fp?)))
    }

    /// Adds `address` showing `fp`, or gives a locked address the
    /// fingerprint of what a successful build shows there now: the same
    /// content, or its text reworded in place (the link stage fails a build
    /// that would show anything else). An address recorded without `fp`
    /// keeps the one it has. Returns whether anything changed.
    pub fn record(&mut self, address: String, fp: Option<String>) -> bool {
        if let Some(i) = self.find(&address) {
            return match fp {
                Some(fp) if self.listed(i).1 != Some(fp.as_str()) => {
                    self.recorded_since.insert(i, fp.into());
                    true
                }
                _ => false,
            };
        }
        match self.added.get_mut(address.as_str()) {
            Some(slot) if fp.is_some() && slot.as_deref() != fp.as_deref() => {
                *slot = fp.map(String::into_boxed_str);
                true
            }
            Some(_) => false,
            None => {
                let fp = fp.map(String::into_boxed_str);
                self.added.insert(address.into_boxed_str(), fp);
                true
            }
        }
    }
}

/// The entries of `a` and `b`, each sorted by address, in one sorted run.
fn merged<'a>(
    a: impl Iterator<Item = (&'a str, Option<&'a str>)>,
    b: impl Iterator<Item = (&'a str, Option<&'a str>)>,
) -> impl Iterator<Item = (&'a str, Option<&'a str>)> {
    let (mut a, mut b) = (a.peekable(), b.peekable());
    std::iter::from_fn(move || match (a.peek(), b.peek()) {
        (Some(x), Some(y)) if y.0 < x.0 => b.next(),
        (Some(_), _) => a.next(),
        (None, _) => b.next(),
    })
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
        assert_eq!(lock.len(), 2);
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

    /// A lock merged by hand (out of order, an address twice, CRLF line
    /// ends) reads as the sorted addresses, the last line of one written
    /// twice counting; what a build records beside the text is read and
    /// written back in order with it.
    #[test]
    fn a_hand_merged_lock_reads_sorted_and_records_merge_in_order() {
        let text =
            "/zh/p/#b 222222222222\r\n/zh/p/\r\n  /zh/a/ 111111111111\n/zh/a/ 999999999999\n";
        let mut lock = UrlLock::parse(text);
        let entries: Vec<_> = lock.entries().collect();
        assert_eq!(
            entries,
            [
                ("/zh/a/", Some("999999999999")),
                ("/zh/p/", None),
                ("/zh/p/#b", Some("222222222222")),
            ]
        );
        assert_eq!(lock.line("/zh/a/"), 4, "the last of the two");
        assert!(lock.record("/zh/p/#a".into(), Some("333333333333".into())));
        assert!(lock.record("/zh/p/#b".into(), Some("444444444444".into())));
        assert!(lock.record("/zh/c/".into(), None));
        assert!(!lock.record("/zh/c/".into(), None));
        assert!(lock.contains("/zh/c/") && lock.contains("/zh/p/#b"));
        assert!(!lock.contains("/zh/p/#c"));
        let anchors: Vec<_> = lock.anchors("/zh/p/").collect();
        assert_eq!(anchors, [("a", "333333333333"), ("b", "444444444444")]);
        let urls: Vec<_> = lock.urls().collect();
        assert_eq!(urls, ["/zh/a/", "/zh/c/", "/zh/p/"]);
        let again = UrlLock::parse(&lock.to_text());
        assert!(again.entries().eq(lock.entries()));
        assert_eq!(again.fingerprint("/zh/p/#b"), Some("444444444444"));
        assert_eq!(again.len(), 5);
        assert!(again.sealed());
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
