//! Rendered pages → everything else the site publishes beside them: the
//! stage between [`crate::render`] and [`crate::write`]. In order: open
//! data ([`data`]), Atom feeds, `sitemap.xml` and `robots.txt` (made from
//! the pages, [`sitemap`]), then the URL lock check ([`lock`]) and the
//! redirect pages and copies it asks for, with the same redirects as maps
//! for servers ([`redirect_maps`]). Redirect pages come last so they are not
//! in the sitemap (and, being `noindex`, not in the search index either).
//! Then the link check ([`links`]) and the search index ([`search`]), which
//! [`crate::make_site`] runs on the result. Every file made here goes to
//! the build's [`crate::Store`] as it is made (for `build`, the staging
//! folder); of the pages only their facts ([`Built`]) are read, and of
//! other files only those the lock asks to serve again at an old address.
//! What is made from one policy alone, or from inputs cheaper to digest
//! than to render, is shared from the last build's output when those
//! inputs did not change ([`reuse`]).
//!
//! An English edition below `site.yaml`'s `min_english_coverage` is not
//! published, which is a known state, not a broken promise: its locked
//! URLs (the policy page and the breakdown table) redirect to the Chinese
//! pages until the English reaches the minimum again, and `check` says so
//! in its coverage line.
//!
//! The search index is not made by [`publish`]: it is the slow part of a
//! build, so [`crate::make_site`] makes it afterwards with [`search::index_stored`]
//! (timed on its own, and skipped with `BuildOptions::search` off), and
//! `serve` makes it in the background. Its files are not locked, so the
//! lock check does not depend on it.

pub mod data;
pub mod links;
pub mod lock;
pub mod redirect_maps;
pub mod reuse;
pub mod search;
pub mod sitemap;

use crate::link::{PolicyIx, Portal};
use crate::model::Lang;
use crate::render::{Built, OutputFile, RenderError, Theme};
use rayon::prelude::*;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error(transparent)]
    Search(#[from] search::SearchError),
    #[error(transparent)]
    Lock(#[from] lock::LockError),
    #[error(transparent)]
    Render(#[from] RenderError),
    /// A file the build made could not be read back.
    #[error("{path}: {source}\n  help: {READ_HELP}")]
    Read {
        path: String,
        source: std::io::Error,
    },
}

const READ_HELP: &str =
    "check that the output's staging folder is readable and the disk is not full";

/// Hands the site's data, feeds, sitemap and redirects to `store`,
/// made from the portal and the facts of its `pages` (every file render
/// made, sorted by path); fails when a URL of `root`'s lock would no
/// longer be served. The files made from one policy alone are shared
/// from the last build's output when its inputs are unchanged, by the
/// digests of `cache` ([`reuse`]).
pub fn publish(
    portal: &Portal,
    theme: &Theme,
    root: &Path,
    pages: &[Built],
    store: &dyn crate::Store,
    cache: &crate::incremental::PageCache,
) -> Result<(), PublishError> {
    // What the lock's plan needs of the files made here.
    let mut made: Vec<Built> = Vec::new();
    let hand = |made: &mut Vec<Built>, files: Vec<OutputFile>| {
        made.extend(files.iter().map(|f| Built {
            path: f.path.clone(),
            len: f.bytes.len(),
            page: f.page.clone(),
        }));
        store.take(files);
    };
    let reuse = reuse::Reuse::new(root, cache, portal, theme.fingerprint);
    // The tables of every policy's records, each made again from the
    // policies' parts when one of them changed.
    for table in data::PolicyTable::ALL {
        let inputs = reuse.all_policies(table.name());
        made.extend(reuse.site_files(store, inputs, || {
            let parts = (0..portal.policies.len()).map(|pi| {
                reuse.policy_part(table.name(), PolicyIx(pi), || {
                    table.part(portal, PolicyIx(pi))
                })
            });
            Ok::<_, PublishError>(table.joined(parts))
        })?);
    }
    let inputs = reuse.all_policies("departments");
    made.extend(reuse.site_files(store, inputs, || {
        Ok::<_, PublishError>(data::departments_table(portal))
    })?);
    made.par_extend(
        (0..portal.policies.len())
            .into_par_iter()
            .flat_map_iter(|pi| {
                reuse.policy_files(store, "target data", PolicyIx(pi), || {
                    data::policy_target_files(portal, PolicyIx(pi))
                })
            }),
    );
    hand(&mut made, sitemap::feeds(portal, theme)?);
    sitemap::files(
        portal,
        theme,
        pages,
        sitemap::MAX_URLS,
        &mut |inputs, make| {
            let files =
                reuse.site_files(store, Some(inputs), || Ok::<_, RenderError>(vec![make()?]));
            made.extend(files?);
            Ok(())
        },
    )?;
    reuse.prune();
    let locked = lock::locked_urls(&portal.lock);
    let mut redirects = lock::page_redirects(&portal.redirects);
    redirects.extend(withheld(portal, &locked));
    let plan = lock::plan(
        root,
        &portal.urls,
        pages.iter().chain(&made),
        &locked,
        &redirects,
    )?;
    hand(
        &mut made,
        crate::render::redirect_pages(portal, theme, &plan.redirects)?,
    );
    let copies = plan
        .copies
        .into_iter()
        .map(|c| {
            let bytes = store.read(&c.from).map_err(|source| PublishError::Read {
                path: c.from.clone(),
                source,
            })?;
            Ok(OutputFile {
                path: c.path,
                bytes,
                page: None,
            })
        })
        .collect::<Result<Vec<_>, PublishError>>()?;
    hand(&mut made, copies);
    hand(
        &mut made,
        redirect_maps::files(&portal.urls, &plan.redirects),
    );
    Ok(())
}

/// The locked URLs of English pages not published (below
/// `min_english_coverage`), each mapped to its Chinese page.
fn withheld(
    portal: &Portal,
    locked: &std::collections::BTreeSet<&str>,
) -> std::collections::BTreeMap<String, String> {
    let site = crate::link::Urls::new("", "/");
    let pages = |slug: &str, lang| [site.policy(lang, slug), site.breakdown(lang, slug)];
    portal
        .policies
        .iter()
        .filter(|p| !p.english_published)
        .flat_map(|p| {
            pages(&p.slug, Lang::En)
                .into_iter()
                .zip(pages(&p.slug, Lang::Zh))
        })
        .filter(|(en, _)| locked.contains(en.as_str()))
        .collect()
}

impl PublishError {
    /// The error as diagnostics, at their lines in `content/urls.lock`
    /// under `root`: see [`unpublished`].
    pub fn diagnostics(&self, root: &Path) -> Vec<crate::diag::Diagnostic> {
        use crate::diag::Diagnostic;
        match self {
            PublishError::Lock(lock::LockError::Unpublished { urls }) => {
                let text = std::fs::read_to_string(root.join(lock::LOCK_FILE)).unwrap_or_default();
                unpublished(urls, &text)
            }
            PublishError::Lock(lock::LockError::Redirects { line, message, .. }) => {
                vec![Diagnostic::error("redirect", lock::REDIRECTS_FILE, *line)
                    .message(message.clone())
                    .help(lock::REDIRECT_HELP)]
            }
            PublishError::Search(e) => vec![Diagnostic::from(e)],
            PublishError::Render(e) => e.diagnostics(),
            PublishError::Read { path, source } => {
                vec![Diagnostic::error("publish", path.as_str(), 0)
                    .message(source.to_string())
                    .help(READ_HELP)]
            }
        }
    }
}

/// Most URLs named one by one in [`unpublished`]'s last diagnostic.
const LISTED: usize = 10;

/// The diagnostics of locked URLs a build would no longer publish (`lock`
/// is the lock's text): one per policy whose pages are all gone (its seed
/// was removed or its slug changed), saying how to retire it, then the
/// other URLs one by one — or, beyond [`LISTED`], in one diagnostic that
/// names the first of them and counts the rest.
fn unpublished(urls: &[String], lock: &str) -> Vec<crate::diag::Diagnostic> {
    use crate::diag::Diagnostic;
    use std::collections::BTreeMap;
    let at = |u: &str| crate::content::lock::line_of(lock, u);
    // Policy slug → its URLs that would disappear, in both languages.
    let mut policies: BTreeMap<&str, Vec<&String>> = BTreeMap::new();
    let mut rest = Vec::new();
    for u in urls {
        match policy_slug(u) {
            Some(slug) => policies.entry(slug).or_default().push(u),
            None => rest.push(u),
        }
    }
    let site = crate::link::Urls::new("", "/");
    let mut out = Vec::new();
    for (slug, gone) in &policies {
        let page = site.policy(Lang::Zh, slug);
        let first = gone.iter().find(|u| **u == &page).unwrap_or(&gone[0]);
        out.push(
            Diagnostic::error("unpublished-policy", lock::LOCK_FILE, at(first))
                .message(format!(
                    "the policy published at `{page}` is no longer built: {} of its addresses (its pages in both languages and what is under them) would disappear{}",
                    gone.len(),
                    match rest.len() {
                        0 => String::new(),
                        n => format!(", with {n} other published addresses (its targets' pages and data, listed below)"),
                    }
                ))
                .help(format!(
                    "a document that is no longer in force keeps its pages: put its seed back and run `gazette withdraw POLICY --status repealed|expired|replaced --date YYYY-MM-DD [--by OTHER]`; if it moved, `gazette rename policy {slug} NEW` or map `{page}` and `{}` to their new place in {}",
                    site.policy(Lang::En, slug),
                    lock::REDIRECTS_FILE
                )),
        );
    }
    if rest.len() > LISTED {
        let named: Vec<String> = rest[..LISTED].iter().map(|u| format!("`{u}`")).collect();
        out.push(
            Diagnostic::error("unpublished-url", lock::LOCK_FILE, at(rest[0]))
                .message(format!(
                    "{} published addresses would no longer be published: {} and {} more",
                    rest.len(),
                    named.join(", "),
                    rest.len() - LISTED
                ))
                .help(lock::UNPUBLISHED_HELP),
        );
        return out;
    }
    out.extend(rest.into_iter().map(|u| {
        Diagnostic::error("unpublished-url", lock::LOCK_FILE, at(u))
            .message(format!(
                "`{u}` was published and this build would no longer publish it"
            ))
            .help(lock::UNPUBLISHED_HELP)
    }));
    out
}

/// `policy-slug` of a site-relative URL under `/{lang}/policies/policy-slug/`.
fn policy_slug(url: &str) -> Option<&str> {
    let site = crate::link::Urls::new("", "/");
    let rest = Lang::ALL
        .into_iter()
        .find_map(|l| url.strip_prefix(&site.policies_folder(l)))?;
    rest.split('/')
        .next()
        .filter(|s| !s.is_empty() && rest.contains('/'))
}
