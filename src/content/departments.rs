//! The department registry, `content/departments.yaml`: canonical name,
//! aliases, English names and slug for every unit a policy names. The parser
//! uses the names to split run-together table cells; the link stage uses the
//! whole entry to give each department one page.

use super::ContentError;
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
    /// Full English name (`Nantong Municipal Bureau of Science and Technology`).
    #[serde(default)]
    pub en: Option<String>,
    /// Short English name (`Science and Technology Bureau`).
    #[serde(default)]
    pub short_en: Option<String>,
    /// URL slug (`science-technology`); a fallback is derived when absent.
    #[serde(default)]
    pub slug: Option<String>,
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
        let mut entries: Vec<Department> = if text.trim().is_empty() {
            Vec::new()
        } else {
            serde_yaml::from_str(text).map_err(|e| ContentError::yaml(path, &e))?
        };
        let starts = entry_lines(text);
        for (entry, line) in entries.iter_mut().zip(starts) {
            entry.line = line;
        }
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

/// Lines where top-level list entries (`- name:`) start.
fn entry_lines(text: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("- "))
        .map(|(i, _)| i + 1)
        .collect()
}
