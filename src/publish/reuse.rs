//! What publish keeps from one build for the next, so that an edit makes
//! again only the files of the policies it changed: the files made from
//! one policy alone (its targets' own data files, [`super::data`]) are
//! recorded under the digest of that policy's inputs
//! ([`crate::incremental::PageCache::policy_units`], the digest render keys
//! a policy's pages by), with each file's path, length, bytes' digest and
//! [`Stamp`] as the build staged it. When the next build has the same
//! digest for the policy and the output still holds those files (same
//! length and stamp, checked on each live file), they are
//! shared from it ([`crate::render::Sink::take_unchanged`]) without being
//! made, read or compared; a file given back is made again.
//!
//! `serve` keeps the records in memory and shares the files from its last
//! build's, held in memory ([`PageCache::share_kept`]), by their length.
//!
//! The records are entries of `.gazette-cache/published/`
//! ([`crate::incremental::Entries`]), one a policy, named by its digest:
//! an edit writes its policy's entry only, and the entries no build asked
//! for are removed. A record is written as soon as its files are staged
//! (their stamps are final then: the swap renames the folder, not the
//! files); one left by a build that failed later names files the output
//! does not have, so it only costs their making.
//!
//! A debug build makes every file even so, and fails when a policy's
//! digest is the one recorded but its files' bytes are not (then shares
//! them as a release build would), so the tests (the incremental property
//! test among them) prove the digest misses no input of these files, as
//! the page cache's debug check does for pages.

use crate::incremental::{Digest, Digester, Entries, PageCache, Stamp, Units};
use crate::link::{PolicyIx, Portal};
use crate::render::{Built, OutputFile};
use crate::Store;
use borsh::{BorshDeserialize, BorshSerialize};
use std::path::Path;

/// The folder of publish's entries inside the cache folder.
const FOLDER: &str = "published";

/// The first bytes of an entry; a new format changes it.
const MAGIC: &[u8] = b"gazette published 2\n";

/// One file of a policy's as it was staged.
#[derive(Debug, Clone, PartialEq, Eq, BorshSerialize, BorshDeserialize)]
struct Kept {
    path: String,
    len: u64,
    /// The hex digest of its bytes ([`Digest::hex`]).
    bytes: String,
    /// `None` in memory (`serve`), where files have no stamp.
    stamp: Option<Stamp>,
}

/// The last build's records and this build's policy digests (see the
/// module doc); off when the build keeps no cache.
pub struct Reuse<'a> {
    entries: Entries,
    units: Units,
    /// The page cache, which knows where the last build's files are;
    /// `None`: off.
    cache: Option<&'a PageCache>,
}

impl<'a> Reuse<'a> {
    /// Nothing kept or shared: every file is made.
    pub fn off() -> Reuse<'a> {
        Reuse {
            entries: Entries::off(),
            units: Units::default(),
            cache: None,
        }
    }

    /// The records of the portal at `root` for a build whose page cache
    /// is `cache` (off when it is: `--full`, `check`), with the policies'
    /// digests under the theme `theme`. `serve`'s are held in memory.
    pub fn new(root: &Path, cache: &'a PageCache, portal: &Portal, theme: Digest) -> Reuse<'a> {
        let Some(entries) = cache.published_entries(root, FOLDER, MAGIC) else {
            return Reuse::off();
        };
        Reuse {
            entries,
            units: cache.policy_units(portal, theme),
            cache: Some(cache),
        }
    }

    /// Hands to `store` the files of policy `pi` that `make` makes (the
    /// files called `part`, made from that policy alone), shared from the
    /// last build's output when it made them from the same inputs; their
    /// facts.
    pub fn policy_files(
        &self,
        store: &dyn Store,
        part: &str,
        pi: PolicyIx,
        make: impl FnOnce() -> Vec<OutputFile>,
    ) -> Vec<Built> {
        let name = self.name(part, pi);
        let made = self.files(store, name, || Ok::<_, std::convert::Infallible>(make()));
        made.unwrap_or_else(|never| match never {})
    }

    /// Hands to `store` the files `make` makes from inputs whose digest is
    /// `inputs` (with what every page may show of the portal: the binary,
    /// the theme, `content/`, the site's address), shared from the last
    /// build's output when it made them from the same; their facts. For
    /// files of the whole site that are slow to make and cheap to
    /// describe (a sitemap: a template run over every page's address; a
    /// table of every policy's records: [`Reuse::all_policies`]).
    pub fn site_files<E>(
        &self,
        store: &dyn Store,
        inputs: Option<Digest>,
        make: impl FnOnce() -> Result<Vec<OutputFile>, E>,
    ) -> Result<Vec<Built>, E> {
        let name = self.cache.and(self.units.shared).zip(inputs);
        let name = name.map(|(shared, inputs)| {
            let mut h = Digester::default();
            h.write(shared.hex().as_bytes());
            h.write(inputs.hex().as_bytes());
            h.finish().hex()
        });
        self.files(store, name, make)
    }

    /// The digest of every policy's inputs and `what`: the inputs of a
    /// file made from all of them; `None` when one is unknown.
    pub fn all_policies(&self, what: &str) -> Option<Digest> {
        let mut h = Digester::default();
        h.write(what.as_bytes());
        for unit in &self.units.policies {
            h.write(unit.as_ref()?.hex().as_bytes());
        }
        Some(h.finish())
    }

    /// Policy `pi`'s part called `part` of a file made from every policy
    /// (its rows of a table), as `make` makes it: read back from the last
    /// build's entry when that made it from the same inputs. A debug build
    /// makes it anyway and fails when it differs.
    pub fn policy_part(
        &self,
        part: &str,
        pi: PolicyIx,
        make: impl FnOnce() -> Vec<Vec<u8>>,
    ) -> Vec<Vec<u8>> {
        let name = self.name(part, pi);
        let last: Option<Vec<Vec<u8>>> = name.as_deref().and_then(|n| self.entries.read(n));
        let last = match (last, cfg!(debug_assertions)) {
            (Some(last), false) => return last,
            (last, _) => last,
        };
        let made = make();
        assert!(
            last.as_ref().is_none_or(|last| *last == made),
            "policy {}: the same digest as the last build, but another `{part}`: the digest (incremental::PageCache::policy_units) misses one of its inputs",
            pi.0
        );
        if let (Some(name), None) = (&name, &last) {
            self.entries.write(name, &made);
        }
        made
    }

    /// Hands to `store` the files `make` makes, recorded as the entry
    /// `name` (`None`: not recorded): shared from the output when the
    /// entry is there and the output still has its files.
    fn files<E, F>(&self, store: &dyn Store, name: Option<String>, make: F) -> Result<Vec<Built>, E>
    where
        F: FnOnce() -> Result<Vec<OutputFile>, E>,
    {
        let last: Option<Vec<Kept>> = name.as_deref().and_then(|n| self.entries.read(n));
        // A debug build makes them anyway, to check the digest.
        let mut make = Some(make);
        let made = |make: &mut Option<_>| -> Result<Vec<OutputFile>, E> {
            make.take().map_or(Ok(Vec::new()), |m: F| m())
        };
        let files = match last.is_none() || cfg!(debug_assertions) {
            true => Some(made(&mut make)?),
            false => None,
        };
        if let (Some(kept), Some(files)) = (&last, &files) {
            assert!(
                kept.iter()
                    .map(|k| (k.path.clone(), k.len, k.bytes.clone()))
                    .eq(files.iter().map(digested)),
                "{:?}: the same inputs' digest as the last build, but other bytes: the digest (incremental::PageCache::policy_units, or the file's inputs) misses one",
                files.first().map(|f| &f.path)
            );
        }
        // The files of the last build the output still has, shared;
        // the others given back, to be handed on made.
        let mut back: Option<Vec<String>> = None;
        if let (Some(kept), Some(cache)) = (&last, self.cache) {
            let given: Vec<String> = kept
                .iter()
                .filter_map(|k| cache.share_kept(store, facts(k), k.stamp))
                .map(|b| b.path)
                .collect();
            if given.is_empty() {
                return Ok(kept.iter().map(facts).collect());
            }
            back = Some(given);
        }
        let files = match files {
            Some(files) => files,
            None => made(&mut make)?,
        };
        let now: Vec<(String, u64, String)> = files.iter().map(digested).collect();
        let handed: Vec<OutputFile> = match &back {
            Some(back) => files
                .into_iter()
                .filter(|f| back.contains(&f.path))
                .collect(),
            None => files,
        };
        store.take(handed);
        // A shared file keeps its stamp; one handed on has the staged
        // file's.
        let stamp = |path: &str| match (&last, &back) {
            (Some(kept), Some(back)) if !back.iter().any(|b| b == path) => {
                kept.iter().find(|k| k.path == path).and_then(|k| k.stamp)
            }
            _ => store.stamp(path),
        };
        let kept: Vec<Kept> = now
            .iter()
            .map(|(path, len, bytes)| Kept {
                stamp: stamp(path),
                path: path.clone(),
                len: *len,
                bytes: bytes.clone(),
            })
            .collect();
        if let Some(name) = &name {
            self.entries.write(name, &kept);
        }
        Ok(now
            .into_iter()
            .map(|(path, len, _)| Built {
                path,
                len: len as usize,
                page: None,
            })
            .collect())
    }

    /// The entry name of policy `pi`'s `part` files: the digest of its
    /// inputs and the part; `None` when off or unknown.
    fn name(&self, part: &str, pi: PolicyIx) -> Option<String> {
        self.cache?;
        let unit = self.units.policies.get(pi.0).copied().flatten()?;
        let mut h = Digester::default();
        h.write(unit.hex().as_bytes());
        h.write(part.as_bytes());
        Some(h.finish().hex())
    }

    /// Removes the entries this build did not ask for (best effort).
    pub fn prune(&self) {
        if self.cache.is_some() {
            self.entries.prune();
        }
    }
}

/// A file's path, length and the hex digest of its bytes.
fn digested(f: &OutputFile) -> (String, u64, String) {
    (
        f.path.clone(),
        f.bytes.len() as u64,
        Digest::of(&f.bytes).hex(),
    )
}

/// The facts of a file kept.
fn facts(k: &Kept) -> Built {
    Built {
        path: k.path.clone(),
        len: k.len as usize,
        page: None,
    }
}
