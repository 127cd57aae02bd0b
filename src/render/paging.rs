//! Lists that grow with the portal, cut into pages: page 1 at the list's
//! own URL, then `page/2/`, `page/3/` … under it
//! ([`crate::link::urls::paged`]), each with the links to the others that
//! the theme's `pagination` macro shows. The later pages come and go with
//! the list's length, so they are not locked ([`crate::publish::lock`]).

use super::text::Label;
use super::Renderer;
use crate::model::Lang;
use serde::Serialize;

/// The links between the pages of a list, for the theme.
#[derive(Debug, Serialize)]
pub(super) struct PaginationView {
    label: String,
    /// "Page 2 of 5".
    status: String,
    first: Option<PageLink>,
    prev: Option<PageLink>,
    next: Option<PageLink>,
    last: Option<PageLink>,
}

#[derive(Debug, Serialize)]
struct PageLink {
    url: String,
    label: String,
}

/// The links from page `number` of a list of `count` pages to the others
/// (page `n` is at `url_of(n)`), or none for a list of one page.
pub(super) fn links(
    r: &Renderer,
    lang: Lang,
    number: usize,
    count: usize,
    url_of: impl Fn(usize) -> String,
) -> Option<PaginationView> {
    if count < 2 {
        return None;
    }
    let link = |n: usize, key: &str, show: bool| {
        show.then(|| PageLink {
            url: url_of(n),
            label: r.t(lang, key),
        })
    };
    let (n, total) = (number.to_string(), count.to_string());
    Some(PaginationView {
        label: r.t(lang, "pagination"),
        status: r.t_with(lang, "page_of", &[("n", &n), ("total", &total)]),
        first: link(1, "first_page", number > 2),
        prev: link(number.saturating_sub(1), "previous_page", number > 1),
        next: link(number + 1, "next_page", number < count),
        last: link(count, "last_page", number + 1 < count),
    })
}

/// The title of page `number` of a list whose own title is `title`:
/// `title` itself on the first page, "Targets · Page 2 of 5" on a later one.
pub(super) fn title(
    title: impl Into<Label>,
    number: usize,
    pagination: Option<&PaginationView>,
) -> Label {
    let mut title = title.into();
    if let Some(p) = pagination.filter(|_| number > 1) {
        title.0.extend(Label::text(format!(" · {}", p.status)).0);
    }
    title
}
