//! What `check` reads on the rendered pages themselves, so a template, a
//! translation or a Markdown page cannot make the site say something the
//! model does not:
//!
//! - `chinese-outside-zh`: Chinese on an English page outside an element
//!   whose language (its own or nearest ancestor's `lang`) is Chinese: in
//!   text, and in the attributes people read (`title`, `alt`,
//!   `aria-label`, `placeholder` …). An English page must mark every
//!   Chinese quotation `lang="zh…"` (screen readers need it), and the
//!   Chinese it shows where a translation is missing as well (the theme
//!   marks it `lang="zh-Hans"` with the class `zh-fallback`, the reader's
//!   sign that it is untranslated). `<title>` and `<meta content>` cannot
//!   hold markup; their rule: each Chinese run in them must be shown in
//!   the page's `<body>` inside an element marked `lang="zh…"` (a target
//!   page's `<title>` repeats its `<h1>`, a breakdown page's its policy's
//!   title in the line above it: when those are untranslated Chinese they
//!   are marked there, and the head may repeat them). Unmarked Chinese
//!   is usually a leftover no translation file would remove.
//! - `fact-box-mismatch`: a target page whose fact box (`dl.facts`, its
//!   `dd.value` and `dd.unit`) states another figure than its headline
//!   (`.figure .commitment`) once both are scaled (`1.5` `万亿元` against
//!   `超过1.5万亿元`; `1.5 trillion` against `more than 1.5 trillion yuan`),
//!   or a unit in the other language.
//!
//! Takes the rendered files, gives error diagnostics naming the output file
//! and the line of the offending text in it.

use crate::diag::Diagnostic;
use crate::render::OutputFile;
use crate::text::units::{scale, split_unit};
use crate::text::{chinese_number, is_han};
use regex::Regex;
use scraper::{ElementRef, Html, Node, Selector};
use std::sync::LazyLock;

/// Both checks on every HTML page of `files`.
pub fn check(files: &[OutputFile]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for f in files.iter().filter(|f| f.path.ends_with(".html")) {
        let Ok(html) = std::str::from_utf8(&f.bytes) else {
            continue;
        };
        let doc = Html::parse_document(html);
        out.extend(chinese_outside_zh(&f.path, html, &doc));
        out.extend(fact_box(&f.path, html, &doc));
    }
    out
}

/// 1-based line of the first occurrence of `needle` in `html` (1 if absent).
fn line_of(html: &str, needle: &str) -> usize {
    html.find(needle)
        .map_or(1, |b| html[..b].matches('\n').count() + 1)
}

/// The nearest `lang` of `node`'s ancestors, if any.
fn lang_of(node: ego_tree::NodeRef<'_, Node>) -> Option<&str> {
    node.ancestors()
        .filter_map(ElementRef::wrap)
        .find_map(|e| e.value().attr("lang"))
}

/// The language of element `e` itself: its own `lang`, else its
/// ancestors'.
fn lang_at(e: ElementRef<'_>) -> Option<&str> {
    e.value().attr("lang").or_else(|| lang_of(*e))
}

fn is_zh(lang: &str) -> bool {
    lang.to_ascii_lowercase().starts_with("zh")
}

/// The attributes whose values people read (as a tooltip, an image's
/// description, a control's name).
const READ_ATTRS: [&str; 7] = [
    "title",
    "alt",
    "aria-label",
    "aria-description",
    "aria-roledescription",
    "placeholder",
    "label",
];

/// One piece of unmarked Chinese: the text, and where it is when that is
/// not plain text (`the title attribute of <a>`).
struct Found<'a> {
    text: &'a str,
    place: Option<String>,
}

fn chinese_outside_zh(path: &str, html: &str, doc: &Html) -> Option<Diagnostic> {
    let english = doc
        .root_element()
        .value()
        .attr("lang")
        .is_some_and(|l| !is_zh(l));
    if !english {
        return None;
    }
    // The Chinese the body shows marked: what the head may repeat.
    let marked: Vec<String> = doc
        .select(&MARKED)
        .filter(|e| e.value().attr("lang").is_some_and(is_zh))
        .map(|e| crate::text::normalize(&e.text().collect::<String>()))
        .collect();
    let shown_marked = |text: &str| {
        chinese_runs(text)
            .iter()
            .all(|run| marked.iter().any(|m| m.contains(run.as_str())))
    };
    let mut found: Vec<Found> = Vec::new();
    for n in doc.tree.root().descendants() {
        if let Some(text) = n.value().as_text() {
            let Some(parent) = n.parent().and_then(ElementRef::wrap) else {
                continue;
            };
            let name = parent.value().name();
            let head_title = name == "title" && in_head(parent);
            let allowed = !text.chars().any(is_han)
                || matches!(name, "script" | "style" | "template")
                || lang_of(n).is_some_and(is_zh)
                || (head_title && shown_marked(text));
            if !allowed {
                found.push(Found {
                    text: text.trim(),
                    place: head_title.then(|| "<title>".to_owned()),
                });
            }
        }
        let Some(e) = ElementRef::wrap(n) else {
            continue;
        };
        let zh = lang_at(e).is_some_and(is_zh);
        for (attr, value) in e.value().attrs() {
            let read =
                READ_ATTRS.contains(&attr) || (attr == "content" && e.value().name() == "meta");
            if !read || zh || !value.chars().any(is_han) {
                continue;
            }
            if attr == "content" && shown_marked(value) {
                continue;
            }
            found.push(Found {
                text: value.trim(),
                place: Some(format!("the `{attr}` attribute of <{}>", e.value().name())),
            });
        }
    }
    let mut found = found.into_iter();
    let first = found.next()?;
    let more = found.count();
    let snippet: String = first.text.chars().take(60).collect();
    let place = match &first.place {
        Some(p) => format!(" (in {p})"),
        None => String::new(),
    };
    let also = match more {
        0 => String::new(),
        n => format!(" (and {n} more on this page)"),
    };
    Some(
        Diagnostic::error("chinese-outside-zh", format!("public/{path}"), line_of(html, &snippet))
            .message(format!(
                "Chinese text outside an element marked lang=\"zh…\": `{snippet}`{place}{also}"
            ))
            .help("translate it (content/translations/, content/pages/*.en.md, content/glossary.yaml), or, where the Chinese is meant (a quotation, an official title, a name not yet translated), wrap it in an element with lang=\"zh-Hans\" in the theme's template; `<title>` and `<meta content>` may repeat only Chinese the page's body shows so marked"),
    )
}

/// `e` is inside the document's `<head>`.
fn in_head(e: ElementRef<'_>) -> bool {
    e.ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| a.value().name() == "head")
}

/// The Chinese runs of `text`, normalised.
fn chinese_runs(text: &str) -> Vec<String> {
    crate::text::han_runs(text)
        .into_iter()
        .filter(|(zh, _)| *zh)
        .map(|(_, run)| crate::text::normalize(run).trim().to_owned())
        .collect()
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|_| unreachable!("valid selector: {css}"))
}

static MARKED: LazyLock<Selector> = LazyLock::new(|| selector("body [lang]"));
static FACTS: LazyLock<Selector> = LazyLock::new(|| selector("dl.facts"));
static VALUE: LazyLock<Selector> = LazyLock::new(|| selector("dl.facts dd.value"));
static UNIT: LazyLock<Selector> = LazyLock::new(|| selector("dl.facts dd.unit"));
static HEADLINE: LazyLock<Selector> = LazyLock::new(|| selector(".figure .commitment"));

fn text_of(doc: &Html, sel: &Selector) -> Option<String> {
    doc.select(sel)
        .next()
        .map(|e| e.text().collect::<String>().trim().to_owned())
}

fn fact_box(path: &str, html: &str, doc: &Html) -> Option<Diagnostic> {
    let facts = doc.select(&FACTS).next()?;
    let zh = lang_of(*facts).is_some_and(is_zh);
    let (Some(value), Some(unit), Some(headline)) = (
        text_of(doc, &VALUE),
        text_of(doc, &UNIT),
        text_of(doc, &HEADLINE),
    ) else {
        return Some(mismatch(
            path,
            html,
            "it lacks a `dd.value`, a `dd.unit` or the `.figure .commitment` headline to compare"
                .into(),
        ));
    };
    let problem = if zh {
        let (exp, _) = split_unit(&unit);
        let boxed = zh_numbers(&value, exp);
        let said = zh_numbers(&headline, 0);
        if unit.chars().any(|c| c.is_ascii_alphabetic()) {
            Some(format!("its unit `{unit}` is not Chinese"))
        } else if boxed.is_empty() || !same(&boxed, &said) {
            Some(format!(
                "the fact box says `{value}` `{unit}` ({boxed:?}), the headline `{headline}` ({said:?})"
            ))
        } else {
            None
        }
    } else {
        let boxed = en_numbers(&value);
        let said = en_numbers(&headline);
        if unit.chars().any(is_han) {
            Some(format!("its unit `{unit}` is in Chinese"))
        } else if boxed.is_empty() || !same(&boxed, &said) {
            Some(format!(
                "the fact box says `{value}` ({boxed:?}), the headline `{headline}` ({said:?})"
            ))
        } else {
            None
        }
    };
    Some(mismatch(path, html, problem?))
}

fn mismatch(path: &str, html: &str, problem: String) -> Diagnostic {
    Diagnostic::error(
        "fact-box-mismatch",
        format!("public/{path}"),
        line_of(html, "<dl class=\"facts\""),
    )
    .message(format!("target fact box disagrees with the headline: {problem}"))
    .help("the box and the headline come from one target: check the `unit_en:` set for it in content/translations/en/, and the fact box of the theme's target.html (`dd.value`, `dd.unit`, `.figure .commitment`)")
}

/// The headline's leading numbers are the box's numbers.
fn same(boxed: &[f64], said: &[f64]) -> bool {
    said.len() >= boxed.len()
        && boxed
            .iter()
            .zip(said)
            .all(|(a, b)| (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0))
}

static EN_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d[\d,]*(?:\.\d+)?)(?:\s+(trillion|billion|million))?").expect("valid regex")
});

/// `more than 1.5 trillion yuan` → [1.5e12]; `1–2` → [1, 2].
fn en_numbers(text: &str) -> Vec<f64> {
    EN_NUMBER
        .captures_iter(text)
        .filter_map(|c| {
            let n: f64 = c.get(1)?.as_str().replace(',', "").parse().ok()?;
            let size = match c.get(2).map(|m| m.as_str()) {
                Some("trillion") => 1e12,
                Some("billion") => 1e9,
                Some("million") => 1e6,
                _ => 1.0,
            };
            Some(n * size)
        })
        .collect()
}

static ZH_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d+(?:\.\d+)?|[零一二两三四五六七八九十百千]+)((?:万|亿)*)").expect("valid regex")
});

/// `超过1.5万亿元` → [1.5e12]; `1~2` → [1, 2]; `千` → [1000]; each number
/// times its own `万`/`亿` and ten to `exp`.
fn zh_numbers(text: &str, exp: u32) -> Vec<f64> {
    ZH_NUMBER
        .captures_iter(text)
        .filter_map(|c| {
            let written = c.get(1)?.as_str();
            let (own, _) = split_unit(c.get(2).map_or("", |m| m.as_str()));
            let exp = exp + own;
            scale(written, exp).or_else(|| {
                let n = chinese_number(written)? as f64;
                Some(n * 10f64.powi(exp as i32))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_scaled_in_both_languages() {
        assert_eq!(en_numbers("more than 1.5 trillion yuan"), [1.5e12]);
        assert_eq!(
            en_numbers("reach 30,000 works a year on average"),
            [30000.0]
        );
        assert_eq!(en_numbers("1–2 industries"), [1.0, 2.0]);
        assert_eq!(zh_numbers("超过1.5万亿元", 0), [1.5e12]);
        assert_eq!(zh_numbers("1.5", 12), [1.5e12]);
        assert_eq!(zh_numbers("超过千家", 0), [1000.0]);
        assert_eq!(zh_numbers("1~2个", 0), [1.0, 2.0]);
        assert!(same(&[800e9], &en_numbers("more than 800 billion yuan")));
        assert!(!same(&[8000.0], &en_numbers("more than 800 billion yuan")));
    }
}
