//! The rendered pages → everything else the site publishes beside them, in
//! order: open data, Atom feeds, `sitemap.xml` and `robots.txt` (made from
//! the pages), then the URL lock check and the redirect pages and copies it
//! asks for. Redirect pages come last so they are not in the sitemap (and,
//! being `noindex`, not in the search index either).
//!
//! An English edition below `site.yaml`'s `min_english_coverage` is not
//! published, which is a known state, not a broken promise: its locked
//! URLs (the policy page and the breakdown table) redirect to the Chinese
//! pages until the English reaches the minimum again, and `check` says so
//! in its coverage line.
//!
//! The search index is not made here: it is the slow part of a build, so
//! [`crate::render_site`] makes it afterwards with [`super::search::index`]
//! (timed on its own, and skipped with `BuildOptions::search` off), and
//! `serve` makes it in the background. Its files are not locked, so the
//! lock check does not depend on it.

use super::{data, lock, search, sitemap};
use crate::link::Portal;
use crate::model::Lang;
use crate::render::{OutputFile, RenderError, Theme};
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error(transparent)]
    Search(#[from] search::SearchError),
    #[error(transparent)]
    Lock(#[from] lock::LockError),
    #[error(transparent)]
    Render(#[from] RenderError),
}

/// Adds the site's data, feeds, sitemap and redirects to `files`; fails
/// when a URL of `root`'s lock would no longer be served.
pub fn publish(
    portal: &Portal,
    theme: &Theme,
    root: &Path,
    files: &mut Vec<OutputFile>,
) -> Result<(), PublishError> {
    files.extend(data::files(portal));
    files.extend(sitemap::feeds(portal, theme));
    let maps = sitemap::files(portal, files);
    files.extend(maps);
    let locked = lock::locked_urls(&portal.lock);
    let mut redirects = lock::page_redirects(&portal.redirects);
    redirects.extend(withheld(portal, &locked));
    let plan = lock::plan(root, files, &locked, &redirects)?;
    files.extend(crate::render::redirect_pages(
        portal,
        theme,
        &plan.redirects,
    )?);
    files.extend(plan.copies);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(())
}

/// The locked URLs of English pages not published (below
/// `min_english_coverage`), each mapped to its Chinese page.
fn withheld(
    portal: &Portal,
    locked: &std::collections::BTreeSet<String>,
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
        .filter(|(en, _)| locked.contains(en))
        .collect()
}

impl PublishError {
    /// The error as diagnostics: one per URL that would disappear, at its
    /// line in `content/urls.lock` under `root`.
    pub fn diagnostics(&self, root: &Path) -> Vec<crate::diag::Diagnostic> {
        use crate::diag::Diagnostic;
        match self {
            PublishError::Lock(lock::LockError::Unpublished { urls }) => {
                let text = std::fs::read_to_string(root.join(lock::LOCK_FILE)).unwrap_or_default();
                urls.iter()
                    .map(|u| {
                        let line = crate::content::lock::line_of(&text, u);
                        Diagnostic::error("unpublished-url", lock::LOCK_FILE, line)
                            .message(format!(
                                "`{u}` was published and this build would no longer publish it"
                            ))
                            .help(format!(
                                "keep the slug that made it, or add `{u}: /its/new/place/` to {}",
                                lock::REDIRECTS_FILE
                            ))
                    })
                    .collect()
            }
            PublishError::Lock(lock::LockError::Redirects { line, message, .. }) => {
                vec![Diagnostic::error("redirect", lock::REDIRECTS_FILE, *line)
                    .message(message.clone())
                    .help("map each old URL to a page the site publishes, like `/zh/targets/old-slug/: /zh/targets/new-slug/`")]
            }
            other => {
                vec![Diagnostic::error("publish", lock::LOCK_FILE, 0).message(other.to_string())]
            }
        }
    }
}
