//! The review pages `gazette serve` shows at `/_review/` and
//! `/_review/POLICY/`: each policy's [`crate::review::Review`] — the source
//! text beside what the parser made of it, doubts highlighted — through the
//! theme's `review.html`. Never part of a build: `render` does not call
//! this, only `serve` does, so these pages are never written to `public/`,
//! listed in the sitemap or locked.

use super::{OutputFile, RenderError, Renderer, Theme};
use crate::incremental::PageCache;
use crate::link::{urls, Portal};
use crate::model::Lang;
use crate::review::Review;
use serde::Serialize;

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
    policies: &'a [Listed<'a>],
    /// `None` on the list page.
    review: Option<&'a Review>,
}

/// The list page and one page per policy.
pub fn review_pages(portal: &Portal, theme: &Theme) -> Result<Vec<OutputFile>, RenderError> {
    let r = Renderer {
        portal,
        theme,
        cache: &PageCache::off(),
        units: Default::default(),
        // Its pages are returned, not handed on: nothing goes to the sink.
        sink: &crate::InMemory::default(),
    };
    let reviews: Vec<Review> = portal
        .policies
        .iter()
        .map(|p| {
            crate::review::review(&p.policy, &portal.registry).acknowledging(&portal.acknowledged)
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
    let mut out = Vec::new();
    for (url, review) in std::iter::once((index.clone(), None)).chain(
        listed
            .iter()
            .zip(&reviews)
            .map(|(l, v)| (l.url.clone(), Some(v))),
    ) {
        let view = ReviewPage {
            index: index.clone(),
            policies: &listed,
            review,
        };
        let html = r.render_raw(
            "review.html",
            Lang::Zh,
            |ctx| ctx.insert("view", &view),
            &url,
        )?;
        out.push(OutputFile {
            path: urls::file_for(&url, portal.urls.base_path()),
            bytes: html.into_bytes(),
            page: None,
        });
    }
    Ok(out)
}
