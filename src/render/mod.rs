//! [`Portal`] → pages. Each page kind has a builder that fills a typed view
//! struct (everything computed: URLs, counterpart links, commitments in
//! words) and hands it to a tera template of the theme. Templates hold the
//! markup; this module holds the logic. Each file goes to a [`Sink`] as
//! soon as it is made (the staging folder for `build`, memory for `serve`),
//! each HTML page with what later stages need to know of it ([`Page`]:
//! kind, language, URL, alternates, `noindex`, whether it is searched, its
//! links), which is all they keep of it ([`Built`]); the sitemap, feeds,
//! search index and link check are [`crate::publish`]'s, writing the
//! files `write`'s.

mod chrome;
mod departments;
mod doc_meta;
mod duties;
mod error;
mod evidence;
mod markdown;
mod page;
mod paging;
mod policy;
mod progress;
mod redirect;
mod responsibility;
mod review;
mod site;
mod target_index;
mod targets;
mod text;
pub mod theme;
mod trail;
mod withdrawn;
pub mod words;

pub use error::{RenderError, TemplateAt, TemplateError};
pub use markdown::page_warnings;
pub use page::{Link, Page, PageKind};
pub use redirect::{redirect_pages, Redirect};
pub use review::{review_pages, ReviewFile, ReviewMemo};
pub use theme::Theme;

use crate::incremental::{Key, PageCache, Reused, ReusedBytes, Stamp, Units};
use crate::link::PolicyIx;
use crate::link::Portal;
use crate::model::Lang;
use chrome::Chrome;
use rayon::prelude::*;
use serde::Serialize;
use std::sync::Arc;

/// A file of the built site, path relative to `public/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
    /// What the page is, for an HTML page render made; `None` for every
    /// other file (assets, data, feeds, the search index). Shared with
    /// the page cache's record of it ([`crate::incremental`]), not copied.
    pub page: Option<Arc<Page>>,
}

/// What the stages after render keep of a file once its bytes went to a
/// [`Sink`]: its path, its size and, for a page, what render knows of it
/// ([`Page`]: its URL, language, links and ids). The sitemap, the URL
/// lock and the link check need no more; the search index reads the
/// bytes back from the sink.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Built {
    pub path: String,
    pub len: usize,
    pub page: Option<Arc<Page>>,
}

impl OutputFile {
    /// The file's facts and its bytes, apart.
    pub fn split(self) -> (Built, Vec<u8>) {
        let built = Built {
            path: self.path,
            len: self.bytes.len(),
            page: self.page,
        };
        (built, self.bytes)
    }
}

/// Where a build's files go as they are made, so no stage holds the
/// whole site: the staging folder ([`crate::write::Staging`]) for `build`,
/// memory for `serve` ([`crate::InMemory`]).
pub trait Sink: Sync {
    /// Takes `files`; called from any thread, in no particular order.
    fn take(&self, files: Vec<OutputFile>);

    /// Takes the file at `path` whose bytes, shared with the last build
    /// held in memory, are `bytes` ([`crate::incremental::ReusedBytes::Held`]).
    /// By default they are copied and taken.
    fn take_shared(&self, path: String, bytes: &Arc<Vec<u8>>, page: Option<Arc<Page>>) {
        self.take(vec![OutputFile {
            path,
            bytes: bytes.as_ref().clone(),
            page,
        }]);
    }

    /// Takes `file`, whose bytes are those of `from`, a file of the last
    /// build's output, if it is still the file the page cache recorded:
    /// `file.len` bytes long, stamped `stamp`
    /// ([`crate::incremental::ReusedBytes::Live`]). The staging folder
    /// checks that with one `statx` and shares the file without reading
    /// it. By default the file is looked at, read and
    /// taken. A file that is not the one recorded, or cannot be read, is
    /// given back, to be rendered.
    fn take_unchanged(&self, file: Built, from: &std::path::Path, stamp: Stamp) -> Option<Built> {
        let same = std::fs::symlink_metadata(from).is_ok_and(|meta| {
            meta.is_file() && meta.len() == file.len as u64 && Stamp::of(&meta) == Some(stamp)
        });
        match std::fs::read(from) {
            Ok(bytes) if same => {
                self.take(vec![OutputFile {
                    path: file.path,
                    bytes,
                    page: file.page,
                }]);
                None
            }
            _ => Some(file),
        }
    }
}

/// Renders every page of the portal in both languages, handing the files
/// to `sink` as they are made, and taking from `cache` each page whose
/// inputs did not change since the last build ([`crate::incremental`]):
/// the same files, fewer templates run.
pub fn render_into(
    portal: &Portal,
    theme: &Theme,
    cache: &PageCache,
    sink: &dyn Sink,
) -> Result<(), RenderError> {
    let r = Renderer {
        portal,
        theme,
        cache,
        sink,
        units: cache.policy_units(portal, theme.fingerprint),
    };
    // Every page kind in every language is a job. The jobs run one after
    // another and the items of each in parallel on rayon's pool
    // ([`for_each_parallel`]): jobs run in parallel too would each hold
    // what it prepares for its pages (the target index's rows, a policy's
    // texts) at once, since a thread waiting on one job's items starts
    // another's. Each item's files go to the sink as soon as they are
    // made, so the order they arrive in depends on scheduling and the
    // stages after render sort them by path.
    type Job = fn(&Renderer, Lang, &mut Vec<OutputFile>) -> Result<(), RenderError>;
    const JOBS: &[Job] = &[
        site::home,
        site::policy_list,
        site::search,
        site::glossary,
        site::pages,
        policy::policies,
        target_index::index,
        targets::pages,
        departments::index,
        departments::pages,
    ];
    let jobs: Vec<(Lang, Job)> = Lang::ALL
        .into_iter()
        .flat_map(|lang| JOBS.iter().map(move |&job| (lang, job)))
        .collect();
    jobs.iter().try_for_each(|&(lang, job)| {
        let mut files = Vec::new();
        job(&r, lang, &mut files)?;
        sink.take(files);
        Ok::<(), RenderError>(())
    })?;
    let mut out = Vec::new();
    site::root(&r, &mut out)?;
    site::not_found(&r, &mut out)?;
    out.extend(site::assets(&r));
    sink.take(out);
    Ok(())
}

/// Runs `page` for every item in parallel on rayon's pool and hands each
/// item's files to `r`'s sink as soon as they are made (the files already
/// in `out` first), so a kind of page is never held whole.
fn for_each_parallel<T: Send>(
    r: &Renderer,
    items: impl IntoParallelIterator<Item = T>,
    out: &mut Vec<OutputFile>,
    page: impl Fn(T, &mut Vec<OutputFile>) -> Result<(), RenderError> + Sync + Send,
) -> Result<(), RenderError> {
    r.sink.take(std::mem::take(out));
    items.into_par_iter().try_for_each(|item| {
        let mut files = Vec::new();
        page(item, &mut files)?;
        r.sink.take(files);
        Ok(())
    })
}

/// What every page builder needs.
pub(crate) struct Renderer<'a> {
    pub portal: &'a Portal,
    pub theme: &'a Theme,
    pub cache: &'a PageCache,
    /// Where the pages go ([`for_each_parallel`], [`render_into`]).
    pub sink: &'a dyn Sink,
    /// The digests of the render's inputs, each policy's among them
    /// ([`PageCache::policy_units`]).
    pub units: Units,
}

impl Renderer<'_> {
    /// Renders `template` with the page chrome and a view, to the file that
    /// serves `chrome.url`.
    fn page<V: Serialize>(
        &self,
        template: &str,
        chrome: &Chrome,
        view: &V,
        out: &mut Vec<OutputFile>,
    ) -> Result<(), RenderError> {
        self.unit_page(template, chrome, view, None, out)
    }

    /// [`Renderer::page`] for a page of one policy whose key from its
    /// policy's digest is `unit` ([`Renderer::unit_key`]).
    fn unit_page<V: Serialize>(
        &self,
        template: &str,
        chrome: &Chrome,
        view: &V,
        unit: Option<Key>,
        out: &mut Vec<OutputFile>,
    ) -> Result<(), RenderError> {
        let path = crate::link::urls::file_for(&chrome.url, self.portal.urls.base_path());
        self.render_cached(
            Template {
                name: template,
                path,
                url: &chrome.url,
                lang: chrome.lang,
                unit,
            },
            &(chrome, view),
            |ctx| {
                ctx.insert("page", chrome);
                ctx.insert("view", view);
            },
            |html| Page::of(chrome, html),
            out,
        )
    }

    /// The key of policy `pi`'s page from `template` in `lang` by the
    /// policy's digest, with `extra`, what the page's builder takes from
    /// outside the policy ([`PageCache::unit_key`]).
    fn unit_key(
        &self,
        pi: PolicyIx,
        template: &str,
        lang: Lang,
        extra: &impl Serialize,
    ) -> Option<Key> {
        let unit = self.units.policies.get(pi.0).copied().flatten();
        self.cache.unit_key(unit, template, lang, extra)
    }

    /// The key of a page from `template` in `lang` that lists the policies
    /// `listed` ([`Units::listing`]), with `extra`, what the page's builder
    /// takes from outside them.
    fn listing_key(
        &self,
        listed: impl IntoIterator<Item = PolicyIx>,
        template: &str,
        lang: Lang,
        extra: &impl Serialize,
    ) -> Option<Key> {
        let unit = self.units.listing(listed);
        self.cache.unit_key(unit, template, lang, extra)
    }

    /// Takes the last build's page at the file serving `url` when its key
    /// by its policy's digest (`unit`) is what it was, without building
    /// its view ([`PageCache::reuse_unit`]): true when taken.
    fn reuse_unit(&self, url: &str, unit: Option<Key>) -> bool {
        let path = crate::link::urls::file_for(url, self.portal.urls.base_path());
        match self.cache.reuse_unit(&path, unit) {
            Some(reused) => self.emit_reused(path, reused),
            None => false,
        }
    }

    /// Hands a page taken from the last build on: true unless the sink
    /// gave it back (then it is to be rendered).
    fn emit_reused(&self, path: String, reused: Reused) -> bool {
        let page = Some(reused.page);
        match reused.bytes {
            ReusedBytes::Held(bytes) => {
                self.sink.take_shared(path, &bytes, page);
                true
            }
            ReusedBytes::Live { file, stamp } => {
                let built = Built {
                    path,
                    len: reused.len,
                    page,
                };
                let taken = self.sink.take_unchanged(built, &file, stamp).is_none();
                if !taken {
                    self.cache.not_reused();
                }
                taken
            }
        }
    }

    /// Renders `t.name` for the file at `t.path` (serving `t.url`) with the
    /// theme's context in `t.lang` plus what `fill` adds, into `out` with
    /// the facts `page` finds in its HTML; or takes the last build's file
    /// when `inputs` — everything `fill` adds to the theme's strings — are
    /// what they were
    /// ([`PageCache`]), with the facts recorded then: a file the last
    /// build's output holds unchanged goes to the sink as it is
    /// ([`Sink::take_unchanged`]), neither read nor scanned.
    fn render_cached<I: Serialize>(
        &self,
        t: Template,
        inputs: &I,
        fill: impl FnOnce(&mut theme::Added),
        page: impl FnOnce(&str) -> Page,
        out: &mut Vec<OutputFile>,
    ) -> Result<(), RenderError> {
        let key = self.cache.key(self.theme.fingerprint, t.name, inputs);
        if let Some(reused) = key.and_then(|k| self.cache.reuse(&t.path, k, t.unit)) {
            if self.emit_reused(t.path.clone(), reused) {
                return Ok(());
            }
        }
        let html = self.theme.render_page(t.name, t.lang, fill, t.url)?;
        let facts = Arc::new(page(&html));
        if let Some(k) = key {
            self.cache.record(&t.path, k, t.unit, &html, &facts);
        }
        out.push(OutputFile {
            path: t.path,
            page: Some(facts),
            bytes: html.into_bytes(),
        });
        Ok(())
    }

    /// An interface string with `{name}` placeholders filled in.
    fn t_with(&self, lang: Lang, key: &str, values: &[(&str, &str)]) -> String {
        values.iter().fold(self.t(lang, key), |s, (k, v)| {
            s.replace(&format!("{{{k}}}"), v)
        })
    }

    fn t(&self, lang: Lang, key: &str) -> String {
        self.theme.strings[&lang]
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_owned())
    }
}

/// A page to render: its template, the file it goes to, the URL it
/// serves, its language and its key by its policy's digest, if it is one
/// policy's.
struct Template<'a> {
    name: &'a str,
    path: String,
    url: &'a str,
    lang: Lang,
    unit: Option<Key>,
}

/// Escapes text for HTML or XML content and quoted attributes. Unlike
/// tera's default it leaves `/` alone, so URLs stay readable in the output
/// and the link checker sees them as written.
///
/// Tera calls it for every value a template prints, most of which need no
/// escaping: the text between special characters is copied a run at a
/// time, not a character at a time.
pub fn escape_html(input: &str) -> String {
    let entity = |b: u8| match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#x27;"),
        _ => None,
    };
    let mut out = String::with_capacity(input.len());
    let mut copied = 0;
    // The five are ASCII, so each byte found is a whole character and the
    // runs between them are whole UTF-8 text.
    for (at, b) in input.bytes().enumerate() {
        if let Some(e) = entity(b) {
            out.push_str(&input[copied..at]);
            out.push_str(e);
            copied = at + 1;
        }
    }
    out.push_str(&input[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::escape_html;

    #[test]
    fn escape_html_replaces_the_five_and_keeps_the_rest() {
        let cases = [
            ("", ""),
            ("/innovation/zh/", "/innovation/zh/"),
            ("《规划》到2025年", "《规划》到2025年"),
            (
                r#"a<b>&"c"'d'"#,
                "a&lt;b&gt;&amp;&quot;c&quot;&#x27;d&#x27;",
            ),
            ("&", "&amp;"),
            ("“引号”<‘单’>", "“引号”&lt;‘单’&gt;"),
            ("末尾&amp;", "末尾&amp;amp;"),
        ];
        for (input, escaped) in cases {
            assert_eq!(escape_html(input), escaped, "{input}");
        }
    }
}
