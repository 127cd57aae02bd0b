//! `content/pages/{slug}.{lang}.md`: free pages written in Markdown with a
//! YAML front matter (`title`, `description`, `weight`). Loading only; the
//! Markdown is rendered by `render`.

use super::{read_optional, ContentError};
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

pub fn load_dir(dir: &Path) -> Result<Vec<MarkdownPage>, ContentError> {
    let mut pages: BTreeMap<String, MarkdownPage> = BTreeMap::new();
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name().max_depth(1) {
        let entry = entry.map_err(|e| ContentError::Invalid {
            path: dir.to_owned(),
            message: e.to_string(),
        })?;
        let path = entry.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(stem) = name.strip_suffix(".md") else {
            continue;
        };
        let (slug, lang) = split_lang(stem).ok_or_else(|| ContentError::Invalid {
            path: path.to_owned(),
            message: "a page file is named {slug}.{lang}.md with lang zh or en, like about.en.md"
                .into(),
        })?;
        let Some(text) = read_optional(path)? else {
            continue;
        };
        let source = parse_page(path, &text)?;
        pages
            .entry(slug.to_owned())
            .or_insert_with(|| MarkdownPage {
                slug: slug.to_owned(),
                versions: BTreeMap::new(),
            })
            .versions
            .insert(lang, source);
    }
    Ok(pages.into_values().collect())
}

fn split_lang(stem: &str) -> Option<(&str, Lang)> {
    let (slug, code) = stem.rsplit_once('.')?;
    let valid = !slug.is_empty()
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    valid.then_some(())?;
    Some((slug, Lang::from_code(code)?))
}

/// Splits `---\nfront matter\n---\nbody`.
fn parse_page(path: &Path, text: &str) -> Result<PageSource, ContentError> {
    let missing = || ContentError::Invalid {
        path: path.to_owned(),
        message:
            "a page starts with a YAML front matter between two `---` lines, with at least `title:`"
                .into(),
    };
    let rest = text.strip_prefix("---").ok_or_else(missing)?;
    let end = rest.find("\n---").ok_or_else(missing)?;
    let yaml = &rest[..end];
    let body = rest[end + 4..].trim_start_matches(['-', '\r', '\n']);
    let front: FrontMatter = serde_yaml::from_str(yaml).map_err(|e| {
        // Front matter starts on line 2 of the file.
        let mut err = ContentError::yaml(path, &e);
        if let ContentError::Yaml { line, .. } = &mut err {
            *line += 1;
        }
        err
    })?;
    Ok(PageSource {
        front,
        markdown: body.to_owned(),
        path: path.display().to_string(),
    })
}
