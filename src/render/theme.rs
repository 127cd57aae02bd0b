//! The theme: tera templates, interface strings per language and static
//! assets. The default theme (`themes/default/`) is compiled into the
//! binary, so a portal of only `seeds/` and `content/` builds; a portal's
//! own `themes/{name}/` overrides it file by file.
//!
//! Stylesheets and scripts are served under content-hashed names
//! (`style.css` → `style.3f2a1c9d0b4e.css`), so a cache may keep them for a
//! year and a release is never shown with the last one's CSS or JS; other
//! static files (icons, images, which a stylesheet may name) keep their
//! names. Templates reach a file through `asset`, a map in every page's
//! context keyed by its own name with `_` for `.` (tera reads a dot in a
//! key as a path): `{{ page.assets }}{{ asset.style_css }}`.

use super::{RenderError, TemplateAt, TemplateError};
use crate::incremental::{Digest, Digester};
use crate::model::Lang;
use include_dir::{include_dir, Dir};
use serde::Serialize;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

static DEFAULT_THEME: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Interface words for one language: key → text.
pub type Strings = BTreeMap<String, String>;

pub struct Theme {
    pub tera: tera::Tera,
    pub strings: BTreeMap<Lang, Strings>,
    /// Files under `static/`, written to `public/assets/` under their
    /// served names ([`served_name`]).
    pub assets: BTreeMap<String, Vec<u8>>,
    /// Each file's own name under `static/` → the name it is served under.
    pub asset_names: BTreeMap<String, String>,
    /// Each template's name → the file it came from, for error messages.
    template_files: BTreeMap<String, String>,
    /// Per language, a template context holding only `t` (the strings),
    /// converted once: every page starts from a copy instead of
    /// re-serialising the strings.
    contexts: BTreeMap<Lang, tera::Context>,
    /// The digest of every file of the theme, names and bytes: a page's
    /// cached bytes ([`crate::incremental`]) are only reused under the
    /// theme that rendered them.
    pub fingerprint: Digest,
    /// This theme among those loaded by the process: the key of each
    /// thread's copy of [`Theme::contexts`] ([`Theme::render_with`]).
    id: u64,
}

/// The values a page adds to its language's context for one render
/// ([`Theme::render_with`]); they are taken out again after it, so the
/// next page on the thread starts from `t` and `asset` alone.
pub struct Added<'a> {
    ctx: &'a mut tera::Context,
    keys: Vec<&'static str>,
}

impl Added<'_> {
    /// Adds `value` under `key` for this render.
    pub fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.ctx.insert(key, value);
        self.keys.push(key);
    }
}

impl Drop for Added<'_> {
    fn drop(&mut self) {
        for key in &self.keys {
            self.ctx.remove(key);
        }
    }
}

thread_local! {
    /// Each thread's copy of the contexts of the theme it last rendered
    /// with (its id, the contexts per language): cloning a context copies
    /// every interface string, which per page cost more than a few
    /// percent of a build.
    static CONTEXTS: RefCell<Option<(u64, BTreeMap<Lang, tera::Context>)>> =
        const { RefCell::new(None) };
}

/// A theme file and where it came from, for error messages.
struct ThemeFile {
    origin: String,
    bytes: Vec<u8>,
}

impl Theme {
    /// The embedded default theme overlaid with `portal/themes/{name}/`.
    pub fn load(portal_root: &Path, name: &str) -> Result<Theme, RenderError> {
        let mut files = embedded_files();
        let dir = portal_root.join("themes").join(name);
        if dir.is_dir() {
            overlay(&dir, &mut files)?;
        } else if name != "default" {
            return Err(RenderError::NoTheme {
                name: name.to_owned(),
                dir,
            });
        }
        Self::from_files(files)
    }

    fn from_files(files: BTreeMap<String, ThemeFile>) -> Result<Theme, RenderError> {
        let mut digester = Digester::default();
        for (rel, file) in &files {
            digester.write(rel.as_bytes());
            digester.write(&file.bytes);
        }
        let mut templates = Vec::new();
        let mut strings = BTreeMap::new();
        let mut assets = BTreeMap::new();
        let mut asset_names = BTreeMap::new();
        for (rel, file) in files {
            if let Some(name) = rel.strip_prefix("templates/") {
                let text = utf8(&file)?;
                templates.push((name.to_owned(), text, file.origin));
            } else if let Some(code) = rel
                .strip_prefix("strings/")
                .and_then(|f| f.strip_suffix(".yaml"))
            {
                let Some(lang) = Lang::from_code(code) else {
                    continue;
                };
                let text = utf8(&file)?;
                let map: Strings = crate::content::yaml::parse(Path::new(&file.origin), &text)
                    .map_err(RenderError::Strings)?;
                strings.insert(lang, map);
            } else if let Some(name) = rel.strip_prefix("static/") {
                let served = served_name(name, &file.bytes);
                asset_names.insert(name.to_owned(), served.clone());
                assets.insert(served, file.bytes);
            }
        }
        let template_files: BTreeMap<String, String> = templates
            .iter()
            .map(|(name, _, origin)| (name.clone(), origin.clone()))
            .collect();
        let mut tera = load_templates(&templates)?;
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(super::escape_html);
        for lang in Lang::ALL {
            if !strings.contains_key(&lang) {
                return Err(RenderError::NoStrings { lang: lang.code() });
            }
        }
        let contexts = strings
            .iter()
            .map(|(lang, words)| {
                let mut ctx = tera::Context::new();
                ctx.insert("t", words);
                let keyed: BTreeMap<String, &String> = asset_names
                    .iter()
                    .map(|(name, served)| (name.replace('.', "_"), served))
                    .collect();
                ctx.insert("asset", &keyed);
                (*lang, ctx)
            })
            .collect();
        Ok(Theme {
            tera,
            strings,
            assets,
            asset_names,
            template_files,
            contexts,
            fingerprint: digester.finish(),
            id: {
                static NEXT: AtomicU64 = AtomicU64::new(0);
                NEXT.fetch_add(1, Ordering::Relaxed)
            },
        })
    }

    /// The file template `name` came from.
    pub fn template_file(&self, name: &str) -> String {
        self.template_files
            .get(name)
            .cloned()
            .unwrap_or_else(|| format!("(built-in theme)/templates/{name}"))
    }

    /// Renders `template` with `view` (and the strings of `lang`) for the
    /// file at `page` (a URL, for error messages): how a stage after render
    /// fills a template of the theme (`sitemap.xml`, `atom.xml`) without
    /// knowing tera.
    pub fn render_view<V: serde::Serialize>(
        &self,
        template: &str,
        lang: Lang,
        view: &V,
        page: &str,
    ) -> Result<String, RenderError> {
        self.render_page(template, lang, |ctx| ctx.insert("view", view), page)
    }

    /// [`Theme::render_with`] for the file at `page` (a URL, for error
    /// messages), its error saying which template, file and page.
    pub fn render_page(
        &self,
        template: &str,
        lang: Lang,
        fill: impl FnOnce(&mut Added),
        page: &str,
    ) -> Result<String, RenderError> {
        self.render_with(template, lang, fill).map_err(|source| {
            RenderError::from(TemplateError {
                template: template.to_owned(),
                file: self.template_file(template),
                page: page.to_owned(),
                at: None,
                source,
            })
        })
    }

    /// Renders `template` with the context of `lang` (`t` and `asset`)
    /// plus what `fill` adds to it. Each thread keeps its own copy of the
    /// contexts and every render borrows it, instead of copying all the
    /// strings for each page.
    pub fn render_with(
        &self,
        template: &str,
        lang: Lang,
        fill: impl FnOnce(&mut Added),
    ) -> tera::Result<String> {
        CONTEXTS.with(|cell| {
            let mut kept = cell.borrow_mut();
            if !matches!(&*kept, Some((id, _)) if *id == self.id) {
                *kept = None;
            }
            let (_, contexts) = kept.get_or_insert_with(|| (self.id, self.contexts.clone()));
            let ctx = contexts.entry(lang).or_default();
            let mut added = Added {
                ctx,
                keys: Vec::new(),
            };
            fill(&mut added);
            self.tera.render(template, added.ctx)
        })
    }
}

/// The name a static file is served under: a stylesheet or script gets the
/// first 12 hex digits of its content's SHA-256 before its extension
/// (`search.js` → `search.0a1b2c3d4e5f.js`); anything else keeps its name.
pub fn served_name(name: &str, bytes: &[u8]) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) if ext == "css" || ext == "js" => {
            let hash = crate::model::fingerprint_bytes(bytes);
            format!("{stem}.{hash}.{ext}")
        }
        _ => name.to_owned(),
    }
}

fn embedded_files() -> BTreeMap<String, ThemeFile> {
    let mut files = BTreeMap::new();
    let mut stack = vec![&DEFAULT_THEME];
    while let Some(dir) = stack.pop() {
        for f in dir.files() {
            let rel = f.path().to_string_lossy().replace('\\', "/");
            files.insert(
                rel.clone(),
                ThemeFile {
                    origin: format!("(built-in theme)/{rel}"),
                    bytes: f.contents().to_vec(),
                },
            );
        }
        stack.extend(dir.dirs());
    }
    files
}

/// The templates (name, text, file) as one tera instance. Does what
/// [`tera::Tera::add_raw_templates`] does, step by step, so that each error
/// names the template at fault: a syntax error, an import of a template the
/// theme lacks (at the line of the import), a parent that is missing.
fn load_templates(templates: &[(String, String, String)]) -> Result<tera::Tera, RenderError> {
    let mut tera = tera::Tera::default();
    let error = |name: &str, file: &str, at, source| {
        RenderError::from(TemplateError {
            template: name.to_owned(),
            file: file.to_owned(),
            page: String::new(),
            at,
            source,
        })
    };
    for (name, text, file) in templates {
        let template = tera::Template::new(name, None, text)
            .map_err(|e| error(name, file, TemplateAt::of_syntax_error(&e), e))?;
        tera.templates.insert(name.clone(), template);
    }
    for (name, text, file) in templates {
        let imports = tera.templates.get(name).map(|t| &t.imported_macro_files);
        let missing = imports
            .into_iter()
            .flatten()
            .find(|(import, _)| !tera.templates.contains_key(import));
        if let Some((import, _)) = missing {
            let source = tera::Error::msg(format!(
                "it imports macros from `{import}`, which the theme does not have"
            ));
            return Err(error(name, file, TemplateAt::naming(text, import), source));
        }
    }
    tera.build_inheritance_chains().map_err(|e| {
        let (name, parent) = match &e.kind {
            tera::ErrorKind::MissingParent { current, parent } => (current.clone(), Some(parent)),
            tera::ErrorKind::CircularExtend { tpl, .. } => (tpl.clone(), None),
            _ => (String::new(), None),
        };
        match templates.iter().find(|(n, _, _)| *n == name) {
            Some((_, text, file)) => {
                let at = parent.and_then(|p| TemplateAt::naming(text, p));
                error(&name, file, at, e)
            }
            None => error(&name, "templates/", None, e),
        }
    })?;
    Ok(tera)
}

fn overlay(dir: &Path, files: &mut BTreeMap<String, ThemeFile>) -> Result<(), RenderError> {
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| RenderError::Io {
            path: e.path().unwrap_or(dir).to_owned(),
            source: e.into(),
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let rel = path
            .strip_prefix(dir)
            .map_err(|e| RenderError::Io {
                path: path.to_owned(),
                source: std::io::Error::other(e),
            })?
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(path).map_err(|source| RenderError::Io {
            path: path.to_owned(),
            source,
        })?;
        files.insert(
            rel,
            ThemeFile {
                origin: path.display().to_string(),
                bytes,
            },
        );
    }
    Ok(())
}

fn utf8(file: &ThemeFile) -> Result<String, RenderError> {
    String::from_utf8(file.bytes.clone()).map_err(|_| RenderError::NotUtf8 {
        file: file.origin.clone(),
    })
}
