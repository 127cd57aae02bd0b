//! The review pages `gazette serve` shows at `/_review/` and
//! `/_review/POLICY/`: each policy's [`crate::review::Review`] — the source
//! text beside what the parser made of it, doubts highlighted — through the
//! theme's `review.html`. Never part of a build: `render` does not call
//! this, only `serve` does, so these pages are never written to `public/`,
//! listed in the sitemap or locked.

use super::{RenderError, Renderer, Theme};
use crate::incremental::{Digester, PageCache, Remembered};
use crate::link::{urls, Portal};
use crate::model::Lang;
use crate::review::Review;
use rayon::prelude::*;
use serde::Serialize;
use std::sync::Arc;

/// One policy in the list of reviews.
#[derive(Serialize)]
struct Listed<'a> {
    id: &'a str,
    title: &'a str,
    url: String,
    doubts: usize,
}

#[derive(Serialize)]
struct ReviewPage<'a> {
    /// The list's own URL.
    index: String,
    /// Every policy on the list page; none on a policy's page, which
    /// links its neighbours instead (a list on every page grew with the
    /// square of the portal: 1,000 links on each of 1,001 pages).
    policies: &'a [Listed<'a>],
    previous: Option<&'a Listed<'a>>,
    next: Option<&'a Listed<'a>>,
    /// `None` on the list page.
    review: Option<&'a Review>,
}

/// The review pages' files as [`review_pages`] made them last, by the
/// digest of the theme, the URL and the page's view: a page whose view did
/// not change is not rendered again.
pub type ReviewMemo = Remembered<Vec<u8>>;

/// A review page's file: its path (relative to the site root) and bytes.
pub type ReviewFile = (String, Arc<Vec<u8>>);

/// The list page and one page per policy, made in parallel: each a file's
/// path and its bytes, rendered or remembered (`made`).
pub fn review_pages(
    portal: &Portal,
    theme: &Theme,
    doubts: &crate::review::Memo,
    made: &ReviewMemo,
) -> Result<Vec<ReviewFile>, RenderError> {
    let r = Renderer {
        portal,
        theme,
        cache: &PageCache::off(),
        units: Default::default(),
        // Its pages are returned, not handed on: nothing goes to the sink.
        sink: &crate::InMemory::default(),
    };
    let names = crate::incremental::ParseCache::units(&portal.registry.names());
    let reviews: Vec<Review> = portal
        .policies
        .par_iter()
        .map(|p| {
            let found = doubts.doubts(&p.policy, &portal.registry, names);
            crate::review::review_found(&p.policy, &portal.registry, found.as_ref().clone())
                .acknowledging(&portal.acknowledged)
        })
        .collect();
    let listed: Vec<Listed> = reviews
        .iter()
        .map(|v| Listed {
            id: &v.policy,
            title: &v.title,
            url: portal.urls.review(Some(&v.policy)),
            doubts: v.counts.doubts,
        })
        .collect();
    let index = portal.urls.review(None);
    let list = ReviewPage {
        index: index.clone(),
        policies: &listed,
        previous: None,
        next: None,
        review: None,
    };
    let page = |url: &str, view: &ReviewPage| -> Result<ReviewFile, RenderError> {
        let mut h = Digester::default();
        h.write(&theme.fingerprint.hex().into_bytes());
        h.write(url.as_bytes());
        let key = serde_json::to_writer(&mut h, view)
            .ok()
            .map(|()| h.finish());
        let bytes = made.get_or_make(key, || {
            r.theme
                .render_view("review.html", Lang::Zh, view, url)
                .map(String::into_bytes)
        })?;
        Ok((urls::file_for(url, portal.urls.base_path()), bytes))
    };
    let mut out = vec![page(&index, &list)?];
    let policies: Vec<_> = (0..reviews.len())
        .into_par_iter()
        .map(|i| {
            let view = ReviewPage {
                index: index.clone(),
                policies: &[],
                previous: i.checked_sub(1).map(|p| &listed[p]),
                next: listed.get(i + 1),
                review: Some(&reviews[i]),
            };
            page(&listed[i].url, &view)
        })
        .collect::<Result<_, _>>()?;
    out.extend(policies);
    made.prune();
    Ok(out)
}
