//! Rendered pages → `sitemap.xml` (every HTML page, with `xhtml:link`
//! hreflang alternates to its counterpart in the other language) and
//! `robots.txt` pointing to it; [`Portal`] → an Atom feed per language
//! (`/{lang}/feed.xml`) with an entry per policy, dated by its notice.
//!
//! The sitemap is made from the files of the build, not from the portal, so
//! it lists exactly what is published; redirect pages are added later and
//! are not in it, nor are pages marked `noindex` (embed cards).

use crate::link::Portal;
use crate::model::Lang;
use crate::render::OutputFile;
use std::collections::HashSet;
use std::fmt::Write as _;

/// `sitemap.xml` and `robots.txt` for the HTML pages among `files`.
pub fn files(portal: &Portal, files: &[OutputFile]) -> Vec<OutputFile> {
    let urls = &portal.urls;
    let paths: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut pages: Vec<&str> = files
        .iter()
        .filter(|f| f.path.ends_with(".html") && f.path != "404.html" && !noindex(&f.bytes))
        .map(|f| f.path.as_str())
        .collect();
    pages.sort();
    let mut xml = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" ",
        "xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
    ));
    for page in pages {
        let loc = urls.absolute(&urls.path(&url_of(page)));
        let _ = writeln!(xml, "  <url>\n    <loc>{}</loc>", escape(&loc));
        for (hreflang, href) in alternates(portal, page, &paths) {
            let _ = writeln!(
                xml,
                "    <xhtml:link rel=\"alternate\" hreflang=\"{hreflang}\" href=\"{}\"/>",
                escape(&href)
            );
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    let sitemap = urls.absolute(&urls.path("sitemap.xml"));
    vec![
        OutputFile {
            path: "sitemap.xml".into(),
            bytes: xml.into_bytes(),
        },
        OutputFile {
            path: "robots.txt".into(),
            bytes: format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n").into_bytes(),
        },
    ]
}

/// Whether a page asks search engines not to index it (embed cards):
/// such pages are in neither the sitemap nor the search index.
pub fn noindex(html: &[u8]) -> bool {
    let head = &html[..html.len().min(4096)];
    String::from_utf8_lossy(head).contains("<meta name=\"robots\" content=\"noindex")
}

/// `zh/targets/x/index.html` → `zh/targets/x/`; other files unchanged.
pub fn url_of(path: &str) -> String {
    match path.strip_suffix("index.html") {
        Some(dir) => dir.to_owned(),
        None => path.to_owned(),
    }
}

/// The page in each language (and `x-default`), when the site has it. The
/// two editions share their paths after the language segment; the root
/// language chooser has the two homes as its alternates.
fn alternates(portal: &Portal, page: &str, paths: &HashSet<&str>) -> Vec<(&'static str, String)> {
    let urls = &portal.urls;
    let rest = Lang::ALL
        .iter()
        .find_map(|l| page.strip_prefix(&format!("{l}/")))
        .or((page == "index.html").then_some(page));
    let Some(rest) = rest else {
        return Vec::new();
    };
    let mut out: Vec<(&'static str, String)> = Lang::ALL
        .iter()
        .map(|l| format!("{l}/{rest}"))
        .zip(Lang::ALL)
        .filter(|(p, _)| paths.contains(p.as_str()))
        .map(|(p, l)| (l.tag(), urls.absolute(&urls.path(&url_of(&p)))))
        .collect();
    let default = format!("{}/{rest}", portal.site.default_lang);
    if out.len() > 1 && paths.contains(default.as_str()) {
        out.push(("x-default", urls.absolute(&urls.path(&url_of(&default)))));
    }
    out
}

/// `/{lang}/feed.xml` for each language.
pub fn feeds(portal: &Portal) -> Vec<OutputFile> {
    Lang::ALL
        .iter()
        .map(|&lang| OutputFile {
            path: format!("{lang}/feed.xml"),
            bytes: feed(portal, lang).into_bytes(),
        })
        .collect()
}

fn feed(portal: &Portal, lang: Lang) -> String {
    let urls = &portal.urls;
    let home = urls.absolute(&urls.home(lang));
    let self_url = urls.absolute(&urls.path(&format!("{lang}/feed.xml")));
    let entries: Vec<Entry> = (0..portal.policies.len())
        .map(|pi| entry(portal, lang, pi))
        .collect();
    let updated = entries
        .iter()
        .map(|e| e.updated.as_str())
        .max()
        .unwrap_or("1970-01-01")
        .to_owned();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = write!(
        xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <subtitle>{}</subtitle>\n  <id>{}</id>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n  <updated>{}</updated>\n",
        lang.tag(),
        escape(portal.site.title.get(lang)),
        escape(portal.site.description.get(lang)),
        escape(&home),
        escape(&self_url),
        escape(&home),
        timestamp(&updated),
    );
    for e in &entries {
        let _ = write!(
            xml,
            "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n    <published>{}</published>\n    <updated>{}</updated>\n    <author><name>{}</name></author>\n    <summary>{}</summary>\n  </entry>\n",
            escape(&e.title),
            escape(&e.url),
            escape(&e.url),
            timestamp(&e.published),
            timestamp(&e.updated),
            escape(&e.author),
            escape(&e.summary),
        );
    }
    xml.push_str("</feed>\n");
    xml
}

struct Entry {
    title: String,
    url: String,
    /// ISO dates.
    published: String,
    updated: String,
    author: String,
    summary: String,
}

fn entry(portal: &Portal, lang: Lang, pi: usize) -> Entry {
    let p = &portal.policies[pi];
    let notice = p.policy.notice.as_ref();
    let text = |key: &str, zh: &str| match lang {
        Lang::Zh => zh.to_owned(),
        Lang::En => super::data::english(portal, pi, key, zh).unwrap_or_else(|| zh.to_owned()),
    };
    let title = match notice {
        Some(n) => text("notice.title", &n.title),
        None => text("plan.title", &p.policy.plan.title),
    };
    let year = p.policy.plan.period.map(|x| format!("{}-01-01", x.start));
    let signed = notice.and_then(|n| n.signed.clone());
    let published_on = notice.and_then(|n| n.published.clone());
    let published = signed
        .clone()
        .or(published_on.clone())
        .or(year.clone())
        .unwrap_or_else(|| "1970-01-01".into());
    let updated = published_on
        .or(signed)
        .or(year)
        .unwrap_or(published.clone());
    let author = match lang {
        Lang::Zh => p.meta.issuer_zh.clone(),
        Lang::En => p.meta.issuer_en.clone(),
    }
    .or_else(|| notice.map(|n| n.signers.join("、")))
    .unwrap_or_else(|| portal.site.title.get(lang).clone());
    let targets = p.policy.targets.len();
    let summary = match lang {
        Lang::Zh => format!(
            "{}：全文、{targets}项量化目标及责任部门。",
            text("plan.title", &p.policy.plan.title)
        ),
        Lang::En => format!(
            "{}: the full text, {targets} quantitative targets and the departments responsible.",
            text("plan.title", &p.policy.plan.title)
        ),
    };
    Entry {
        title,
        url: portal.urls.absolute(&portal.urls.policy(lang, &p.slug)),
        published,
        updated,
        author,
        summary,
    }
}

/// `2018-08-28` → `2018-08-28T00:00:00Z` (Atom wants a full timestamp).
fn timestamp(date: &str) -> String {
    if date.contains('T') {
        date.to_owned()
    } else {
        format!("{date}T00:00:00Z")
    }
}

/// Escapes text for XML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}
