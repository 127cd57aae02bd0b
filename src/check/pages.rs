//! What `check` reads on the rendered pages themselves, so a template, a
//! translation or a Markdown page cannot make the site say something the
//! model does not:
//!
//! - `chinese-outside-zh`: Chinese text in an element whose language
//!   (its nearest `lang` attribute) is not Chinese — an English page must
//!   mark every Chinese quotation `lang="zh…"` (screen readers need it, and
//!   unmarked Chinese is usually an untranslated leftover). The Chinese
//!   shown in place of a unit the translation still lacks is left to the
//!   `missing-translation` and `stale-translation` warnings: this error is
//!   for Chinese no translation would remove.
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
use std::collections::HashSet;
use std::sync::LazyLock;

/// Both checks on every HTML page of `files`; `untranslated` holds the
/// Chinese of the units with no current English, shown in their place.
pub fn check(files: &[OutputFile], untranslated: &[String]) -> Vec<Diagnostic> {
    let untranslated: HashSet<String> = untranslated.iter().flat_map(|u| chinese_runs(u)).collect();
    let mut out = Vec::new();
    for f in files.iter().filter(|f| f.path.ends_with(".html")) {
        let Ok(html) = std::str::from_utf8(&f.bytes) else {
            continue;
        };
        let doc = Html::parse_document(html);
        out.extend(chinese_outside_zh(&f.path, html, &doc, &untranslated));
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

/// The Chinese runs of `text`, normalised.
fn chinese_runs(text: &str) -> Vec<String> {
    crate::text::han_runs(text)
        .into_iter()
        .filter(|(zh, _)| *zh)
        .map(|(_, run)| crate::text::normalize(run).trim().to_owned())
        .collect()
}

/// Every Chinese run of `text` is a whole run of a unit still untranslated
/// (a title or name shown in Chinese in its place), not a word of one.
fn fallback(text: &str, untranslated: &HashSet<String>) -> bool {
    chinese_runs(text).iter().all(|r| untranslated.contains(r))
}

fn chinese_outside_zh(
    path: &str,
    html: &str,
    doc: &Html,
    untranslated: &HashSet<String>,
) -> Option<Diagnostic> {
    let mut found = doc.tree.root().descendants().filter_map(|n| {
        let text = n.value().as_text()?;
        if !text.chars().any(is_han) || fallback(text, untranslated) {
            return None;
        }
        let parent = n.parent().and_then(ElementRef::wrap)?;
        if matches!(parent.value().name(), "script" | "style" | "template") {
            return None;
        }
        match lang_of(n) {
            Some(lang) if !lang.to_ascii_lowercase().starts_with("zh") => Some(text.trim()),
            _ => None,
        }
    });
    let first = found.next()?;
    let more = found.count();
    let snippet: String = first.chars().take(60).collect();
    let also = match more {
        0 => String::new(),
        n => format!(" (and {n} more on this page)"),
    };
    Some(
        Diagnostic::error("chinese-outside-zh", format!("public/{path}"), line_of(html, &snippet))
            .message(format!(
                "Chinese text outside an element marked lang=\"zh…\": `{snippet}`{also}"
            ))
            .help("translate it (content/translations/, content/pages/*.en.md, content/glossary.yaml), or, where the Chinese is meant (a quotation, an official title), wrap it in an element with lang=\"zh-Hans\" in the theme's template"),
    )
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|_| unreachable!("valid selector: {css}"))
}

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
    let zh = lang_of(*facts).is_some_and(|l| l.to_ascii_lowercase().starts_with("zh"));
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
