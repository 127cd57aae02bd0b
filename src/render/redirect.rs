//! Redirect pages: for each URL the site no longer publishes under its old
//! address (`content/redirects.yaml`), a small static page at the old
//! address with a meta refresh, a canonical link and a visible link to the
//! new one, so old links keep working on any static host.

use super::{OutputFile, PageKind, RenderError, Renderer};
use crate::incremental::PageCache;
use crate::link::Portal;
use serde::Serialize;

/// One old page address and where it went, both relative to the base URL
/// with a leading `/` (`/zh/targets/old-slug/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    pub from: String,
    pub to: String,
}

#[derive(Serialize)]
struct RedirectView {
    /// `zh` or `en`: the language of the old address, else the default.
    lang: &'static str,
    lang_tag: &'static str,
    /// Root-relative new address.
    url: String,
    canonical: String,
    assets: String,
}

/// A page for each redirect, written at the file serving `from`.
pub fn redirect_pages(
    portal: &Portal,
    theme: &super::Theme,
    redirects: &[Redirect],
) -> Result<Vec<OutputFile>, RenderError> {
    let r = Renderer {
        portal,
        theme,
        cache: &PageCache::off(),
        units: Default::default(),
        // Its pages are returned, not handed on: nothing goes to the sink.
        sink: &crate::InMemory::default(),
    };
    let urls = &portal.urls;
    redirects
        .iter()
        .map(|rd| {
            let from = urls.of_site(&rd.from);
            let lang = urls.lang_of(&from).unwrap_or(portal.site.default_lang);
            let url = urls.of_site(&rd.to);
            let view = RedirectView {
                lang: lang.code(),
                lang_tag: lang.tag(),
                canonical: urls.absolute(&url),
                url,
                assets: urls.asset(""),
            };
            let fill = |ctx: &mut super::theme::Added| ctx.insert("view", &view);
            let html = r.theme.render_page("redirect.html", lang, fill, &from)?;
            let page = super::Page::new(
                PageKind::Redirect,
                lang,
                &from,
                [(lang, &from)],
                true,
                &html,
            );
            Ok(OutputFile {
                path: crate::link::urls::file_for(&page.url, urls.base_path()),
                bytes: html.into_bytes(),
                page: Some(std::sync::Arc::new(page)),
            })
        })
        .collect()
}
