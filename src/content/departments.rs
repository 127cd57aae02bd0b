//! The department registry, `content/departments.yaml`: canonical name,
//! aliases, English names and slug for every unit a policy names. The parser
//! uses the names to split run-together table cells; the link stage uses the
//! whole entry to give each department one page. Invariant: every name and
//! alias belongs to exactly one entry, and none is empty.

use super::slug::Slug;
use super::{yaml, ContentError};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Department {
    /// Canonical Chinese name as the policies write it (`市科技局`).
    pub name: String,
    /// Other spellings that mean the same unit (`南通市科学技术局`).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The unit's full official Chinese name (`南通市科学技术局`), shown on
    /// its Chinese page above the name the documents use. Only shown: list
    /// it in `aliases` too if documents write it.
    #[serde(default)]
    pub full_zh: Option<String>,
    /// Full English name (`Nantong Municipal Bureau of Science and Technology`).
    #[serde(default)]
    pub en: Option<String>,
    /// Short English name (`Science and Technology Bureau`).
    #[serde(default)]
    pub short_en: Option<String>,
    /// URL slug (`science-technology`); a fallback is derived when absent.
    #[serde(default)]
    pub slug: Option<Slug>,
    /// 1-based line of the entry in the YAML file, for diagnostics.
    #[serde(skip)]
    pub line: usize,
}

/// All registry entries, looked up by any of their names.
#[derive(Debug, Clone, Default)]
pub struct DepartmentRegistry {
    pub entries: Vec<Department>,
    by_name: HashMap<String, usize>,
}

impl DepartmentRegistry {
    pub fn new(entries: Vec<Department>) -> Self {
        let mut by_name = HashMap::new();
        for (i, d) in entries.iter().enumerate() {
            for name in std::iter::once(&d.name).chain(&d.aliases) {
                by_name.entry(name.clone()).or_insert(i);
            }
        }
        DepartmentRegistry { entries, by_name }
    }

    /// Reads the registry; a missing file is an empty registry.
    pub fn load(path: &Path) -> Result<Self, ContentError> {
        match super::read_optional(path)? {
            Some(text) => Self::from_yaml(path, &text),
            None => Ok(Self::default()),
        }
    }

    pub fn from_yaml(path: &Path, text: &str) -> Result<Self, ContentError> {
        let mut entries: Vec<Department> = yaml::parse(path, text)?;
        let names: Vec<yaml::Spanned<Names>> = yaml::parse(path, text)?;
        for (entry, at) in entries.iter_mut().zip(&names) {
            entry.line = yaml::line(&at.referenced);
        }
        let mut problems = name_problems(path, &names);
        problems.extend(yaml::repeated_slugs(path, text));
        ContentError::collect(problems)?;
        Ok(Self::new(entries))
    }

    /// The entry any of whose names is `name`.
    pub fn get(&self, name: &str) -> Option<&Department> {
        self.by_name.get(name).map(|&i| &self.entries[i])
    }

    /// Every known name and alias, for splitting run-together cells.
    pub fn names(&self) -> Vec<String> {
        self.by_name.keys().cloned().collect()
    }
}

/// An entry's names, each with the place the parser read it at.
#[derive(Debug, Deserialize)]
struct Names {
    name: yaml::Spanned<String>,
    #[serde(default)]
    aliases: Vec<yaml::Spanned<String>>,
}

/// Empty names, and names or aliases listed twice (in one entry or two):
/// the parser would credit a clause to whichever entry came first.
fn name_problems(path: &Path, entries: &[yaml::Spanned<Names>]) -> Vec<ContentError> {
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut problems = Vec::new();
    for d in entries {
        for name in std::iter::once(&d.value.name).chain(&d.value.aliases) {
            let (line, column) = yaml::place(&name.referenced);
            let name = name.value.as_str();
            if name.trim().is_empty() {
                problems.push(
                    ContentError::invalid(
                        path,
                        line,
                        "an empty department name or alias",
                        "write the unit's name as the policies write it, or remove the empty entry",
                    )
                    .column(column),
                );
                continue;
            }
            match first.get(name) {
                Some(earlier) => problems.push(ContentError::invalid(
                    path,
                    line,
                    format!("`{name}` is listed twice (first at line {earlier})"),
                    "each name or alias belongs to one entry: remove this one, or merge the two entries",
                ).column(column)),
                None => {
                    first.insert(name, line);
                }
            }
        }
    }
    problems
}
