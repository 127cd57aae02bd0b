//! Why the theme could not be loaded or a page rendered. A template error
//! keeps tera's error as its source, with the template's name, the file it
//! came from and, for a syntax error, the line and column tera's parser
//! stopped at; [`RenderError::diagnostics`] gives what the user reads.
//!
//! Two places are still read from text, because tera 1 keeps no other:
//! its parser's error reaches us only as pest's message (tera turns the
//! `pest::error::Error` into `ErrorKind::Msg(String)`), so
//! [`TemplateAt::of_syntax_error`] reads pest's ` --> LINE:COLUMN` line;
//! and its templates keep no source places, so [`TemplateAt::naming`]
//! finds the `import`/`extends` statement naming a missing template.

use crate::content::ContentError;
use crate::diag::Diagnostic;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A template tera could not parse, link to its parents and imports,
    /// or render.
    #[error(transparent)]
    Template(Box<TemplateError>),
    /// `content/site.yaml` names a theme that has no folder.
    #[error("content/site.yaml names theme `{name}` but {} does not exist", dir.display())]
    NoTheme { name: String, dir: PathBuf },
    /// A file of the portal's theme folder that cannot be read.
    #[error("{}: cannot read: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A template or strings file that is not UTF-8 text.
    #[error("{file}: not UTF-8 text")]
    NotUtf8 { file: String },
    /// The theme lacks the interface strings of a language.
    #[error("the theme has no strings/{lang}.yaml")]
    NoStrings { lang: &'static str },
    /// A `strings/*.yaml` file that is not a mapping of keys to text.
    #[error(transparent)]
    Strings(ContentError),
}

/// A template's error, with tera's own as its source.
#[derive(Debug, thiserror::Error)]
#[error("{}", template_message(.template, .file, .page, .at.as_ref(), .source))]
pub struct TemplateError {
    /// Its name under `templates/` (`home.html`).
    pub template: String,
    /// Its file: under the portal's `themes/NAME/templates/`, or
    /// `(built-in theme)/templates/…`.
    pub file: String,
    /// The URL of the page being rendered; empty while the theme loads.
    pub page: String,
    /// Where in the file, when tera says.
    pub at: Option<TemplateAt>,
    #[source]
    pub source: tera::Error,
}

impl From<TemplateError> for RenderError {
    fn from(e: TemplateError) -> Self {
        RenderError::Template(Box::new(e))
    }
}

/// A place in a template: 1-based line and column (0: the whole line),
/// and for a syntax error what the parser expected there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateAt {
    pub line: usize,
    pub column: usize,
    pub expected: Option<String>,
}

impl TemplateAt {
    /// Where tera's parser stopped. tera keeps the parser's error only as
    /// text (pest's ` --> LINE:COLUMN` and `= expected …` lines), so this
    /// is read from the error of [`tera::Template::new`] where it is made.
    pub fn of_syntax_error(e: &tera::Error) -> Option<Self> {
        let text = chain(e);
        let (line, column) = text.lines().find_map(|l| {
            let (line, column) = l.trim_start().strip_prefix("--> ")?.split_once(':')?;
            Some((line.trim().parse().ok()?, column.trim().parse().ok()?))
        })?;
        let expected = text
            .lines()
            .rev()
            .find_map(|l| l.trim_start().strip_prefix("= "))
            .map(str::to_owned);
        Some(TemplateAt {
            line,
            column,
            expected,
        })
    }

    /// The first line of a template's `text` that names the template
    /// `other`: where it imports or extends it. tera's templates keep no
    /// places, so this is the one way to point at the statement.
    pub fn naming(text: &str, other: &str) -> Option<Self> {
        let line = text.lines().position(|l| l.contains(other))?;
        Some(TemplateAt {
            line: line + 1,
            column: 0,
            expected: None,
        })
    }
}

/// An error with its causes: tera's top error says only which template
/// failed, its causes say why.
fn chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}

impl TemplateError {
    /// What went wrong, in one sentence: a syntax error's expectation,
    /// else tera's causes on one line. The diagnostic and the error's own
    /// message both say it.
    pub fn sentence(&self) -> String {
        sentence(&self.template, &self.page, self.at.as_ref(), &self.source)
    }
}

fn sentence(template: &str, page: &str, at: Option<&TemplateAt>, source: &tera::Error) -> String {
    let during = if page.is_empty() {
        "while loading the theme".to_owned()
    } else {
        format!("while rendering the page {page}")
    };
    match at.and_then(|a| a.expected.as_deref()) {
        Some(expected) => {
            format!("template `{template}` has a syntax error ({during}): {expected}")
        }
        None => format!(
            "template `{template}` failed {during}: {}",
            chain(source).replace('\n', " ")
        ),
    }
}

fn template_message(
    template: &str,
    file: &str,
    page: &str,
    at: Option<&TemplateAt>,
    source: &tera::Error,
) -> String {
    let place = match at {
        Some(a) if a.column > 0 => format!("{file}:{}:{}", a.line, a.column),
        Some(a) => format!("{file}:{}", a.line),
        None => file.to_owned(),
    };
    format!("{place}: {}", sentence(template, page, at, source))
}

/// What to do about a theme that cannot be loaded.
const THEME_HELP: &str = "check the theme folder and content/site.yaml's `theme:`";

impl RenderError {
    /// What the user reads: one diagnostic, or one per problem of a
    /// strings file.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let theme = |file: String| {
            Diagnostic::error("theme", file, 0)
                .message(self.to_string())
                .help(THEME_HELP)
        };
        let one = match self {
            RenderError::Template(t) => Diagnostic::from(t.as_ref()),
            RenderError::Strings(e) => return e.diagnostics(),
            RenderError::Io { path, .. } => theme(path.display().to_string()),
            RenderError::NotUtf8 { file } => theme(file.clone()),
            RenderError::NoTheme { .. } => theme("content/site.yaml".to_owned()),
            RenderError::NoStrings { .. } => theme("themes/".to_owned()),
        };
        vec![one]
    }
}

impl From<&TemplateError> for Diagnostic {
    fn from(t: &TemplateError) -> Self {
        let (line, column) = t.at.as_ref().map_or((0, 0), |a| (a.line, a.column));
        let syntax = t.at.as_ref().is_some_and(|a| a.expected.is_some());
        Diagnostic::error("template", t.file.clone(), line)
            .column(column)
            .message(t.sentence())
            .label(if syntax { "syntax error here" } else { "" })
            .help("fix the template; a portal's themes/ folder overrides the built-in one file by file")
    }
}
