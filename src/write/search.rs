//! Rendered pages → the search index under `pagefind/`: Pagefind indexes
//! the `<main>` of every content page in-process (one index per language,
//! chosen by `<html lang>`; its `extended` feature segments Chinese, so
//! `研发投入` matches without spaces), and writes its own loader and
//! WebAssembly beside the index. The theme's `search.js` loads
//! `pagefind/pagefind.js` lazily, only when a query is made, and links
//! each result to the nearest anchor (`#p-37`, `#row-4`) before the match.
//!
//! Not indexed: the root language chooser, the 404 page, the search pages
//! themselves, pages marked `noindex` (embed cards), redirect pages, and
//! anything not HTML.

use crate::render::OutputFile;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

/// The folder of the index, relative to `public/`.
pub const DIR: &str = "pagefind";

#[derive(Debug, thiserror::Error)]
#[error("search index: {message}\n  help: this is a bug in gazette or Pagefind; the page named, if any, is where it happened")]
pub struct SearchError {
    pub message: String,
}

/// Whether a built file is a page readers should find by searching.
pub fn indexed(path: &str) -> bool {
    path.ends_with(".html")
        && path.contains('/')
        && !path.ends_with("/search/index.html")
        && path != "404.html"
}

/// Indexes the pages among `files`, whose URLs are under `base_path`.
pub fn index(files: &[OutputFile], base_path: &str) -> Result<Vec<OutputFile>, SearchError> {
    let pages = files.iter().map(|f| (f.path.as_str(), f.bytes.as_slice()));
    Ok(index_pages(pages, base_path, &|| false)?.unwrap_or_default())
}

/// Indexes the pages among `files` (path relative to the site root, bytes)
/// like [`index`], asking `cancelled` between pages: once it says yes,
/// stops and gives `None` (`serve` drops an index a newer build outdated).
pub fn index_pages<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    base_path: &str,
    cancelled: &dyn Fn() -> bool,
) -> Result<Option<Vec<OutputFile>>, SearchError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| SearchError {
            message: format!("could not start the indexing runtime: {e}"),
        })?;
    runtime.block_on(index_async(files, base_path, cancelled))
}

async fn index_async<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    base_path: &str,
    cancelled: &dyn Fn() -> bool,
) -> Result<Option<Vec<OutputFile>>, SearchError> {
    let config = PagefindServiceConfig::builder()
        .root_selector("main".into())
        .exclude_selectors(vec![
            "noscript".into(),
            ".skip".into(),
            "[data-search-ignore]".into(),
        ])
        .build();
    let mut index = PagefindIndex::new(Some(config)).map_err(|e| SearchError {
        message: e.to_string(),
    })?;
    let pages = files
        .into_iter()
        .filter(|(path, bytes)| indexed(path) && !super::sitemap::noindex(bytes));
    for (path, bytes) in pages {
        if cancelled() {
            return Ok(None);
        }
        let url = format!("{base_path}{}", super::sitemap::url_of(path));
        let html = String::from_utf8_lossy(bytes).into_owned();
        index
            .add_html_file(None, Some(url), html)
            .await
            .map_err(|e| SearchError {
                message: format!("{path}: {e}"),
            })?;
    }
    let built = index.get_files().await.map_err(|e| SearchError {
        message: e.to_string(),
    })?;
    let mut out: Vec<OutputFile> = built
        .into_iter()
        .map(|f| OutputFile {
            path: format!("{DIR}/{}", f.filename.to_string_lossy().replace('\\', "/")),
            bytes: f.contents,
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Some(out))
}

/// Bytes of the index proper (metadata, word index chunks and page
/// fragments), without Pagefind's scripts and WebAssembly.
pub fn index_bytes(files: &[OutputFile]) -> usize {
    files
        .iter()
        .filter(|f| f.path.starts_with(DIR))
        .filter(|f| {
            f.path.ends_with(".pf_meta")
                || f.path.ends_with(".pf_index")
                || f.path.ends_with(".pf_fragment")
                || f.path.ends_with(".pf_filter")
        })
        .map(|f| f.bytes.len())
        .sum()
}
