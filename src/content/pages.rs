//! `content/pages/{slug}.{lang}.md`: free pages written in Markdown with a
//! YAML front matter (`title`, `description`, `weight`). Loading only; the
//! Markdown is rendered by `render`. Invariant: every page's slug passed
//! [`slug::check`] and is none of [`slug::RESERVED_PAGE_SLUGS`], so a page
//! neither leaves `{lang}/` nor replaces a page the site builds.

use super::{read_optional, slug, yaml, ContentError};
use crate::model::Lang;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    /// Order in the navigation, lowest first.
    #[serde(default)]
    pub weight: i32,
}

#[derive(Debug, Clone)]
pub struct PageSource {
    pub front: FrontMatter,
    pub markdown: String,
    pub path: String,
}

/// A page in every language it is written in.
#[derive(Debug, Clone)]
pub struct MarkdownPage {
    pub slug: String,
    pub versions: BTreeMap<Lang, PageSource>,
}

const NAME_HELP: &str =
    "a page file is named {slug}.{lang}.md with lang zh or en, like about.en.md";

/// Every page under `dir`; every file that is not a page is reported.
pub fn load_dir(dir: &Path) -> Result<Vec<MarkdownPage>, ContentError> {
    let mut pages: BTreeMap<String, MarkdownPage> = BTreeMap::new();
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut problems = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name().max_depth(1) {
        let entry = entry.map_err(|e| ContentError::invalid(dir, 0, e.to_string(), ""))?;
        let path = entry.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(stem) = name.strip_suffix(".md") else {
            continue;
        };
        let (slug, lang) = match split_lang(stem) {
            Ok(found) => found,
            Err(message) => {
                problems
                    .push(ContentError::invalid(path, 0, message, NAME_HELP).code("invalid-slug"));
                continue;
            }
        };
        let Some(text) = read_optional(path)? else {
            continue;
        };
        match parse_page(path, &text) {
            Ok(source) => {
                pages
                    .entry(slug.to_owned())
                    .or_insert_with(|| MarkdownPage {
                        slug: slug.to_owned(),
                        versions: BTreeMap::new(),
                    })
                    .versions
                    .insert(lang, source);
            }
            Err(e) => problems.push(e),
        }
    }
    ContentError::collect(problems)?;
    Ok(pages.into_values().collect())
}

/// `about.en` → (`about`, English), or why the name is refused.
fn split_lang(stem: &str) -> Result<(&str, Lang), String> {
    let (slug, code) = stem
        .rsplit_once('.')
        .ok_or_else(|| format!("`{stem}.md` names no language"))?;
    let lang = Lang::from_code(code)
        .ok_or_else(|| format!("`{code}` is not a language of the site (zh or en)"))?;
    slug::check(slug).map_err(|e| format!("the page slug `{slug}` {e}; {}", slug::HELP))?;
    if slug::RESERVED_PAGE_SLUGS.contains(&slug) {
        return Err(format!(
            "the page slug `{slug}` is taken by the site's own `/{lang}/{slug}/` page; name the file differently"
        ));
    }
    Ok((slug, lang))
}

/// Splits `---\nfront matter\n---\nbody`. The front matter's text keeps
/// the first line's newline, so its line numbers are the file's.
fn parse_page(path: &Path, text: &str) -> Result<PageSource, ContentError> {
    let missing = || {
        ContentError::invalid(
            path,
            1,
            "a page starts with a YAML front matter between two `---` lines",
            "start the file with `---`, a line `title: …`, and `---`",
        )
    };
    let rest = text.strip_prefix("---").ok_or_else(missing)?;
    let end = rest.find("\n---").ok_or_else(missing)?;
    let yaml = &rest[..end];
    let body = rest[end + 4..].trim_start_matches(['-', '\r', '\n']);
    let front: FrontMatter = yaml::parse_document(path, yaml)?.ok_or_else(missing)?;
    Ok(PageSource {
        front,
        markdown: body.to_owned(),
        path: path.display().to_string(),
    })
}
