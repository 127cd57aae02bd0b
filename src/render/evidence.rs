//! The passages a target page quotes as evidence: the Chinese as published
//! with the figure marked and, on English pages, the English of the same
//! translation unit (only when it is translated and current), with the
//! figure marked where it can be told apart: written once, or written as
//! many times as in the Chinese, when the mention's place among them is
//! taken (translations keep the order of a list of figures). When it
//! cannot (spelled out, or written a different number of times), the
//! English is quoted whole and unmarked rather than with a guess.

use crate::model::{Lang, Mention, Target};
use serde::Serialize;

/// A quoted passage cut around its figure: `figure` is empty when the
/// figure was not found.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub(super) struct Quote {
    pub before: String,
    pub figure: String,
    pub after: String,
}

/// The figure with up to 40 characters of context either side.
pub(super) fn excerpt(text: &str, start: usize, end: usize) -> Quote {
    let chars: Vec<char> = text.chars().collect();
    let end = end.min(chars.len());
    let start = start.min(end);
    let from = start.saturating_sub(40);
    let to = (end + 40).min(chars.len());
    let mut before: String = chars[from..start].iter().collect();
    if from > 0 {
        before.insert(0, '…');
    }
    let mut after: String = chars[end..to].iter().collect();
    if to < chars.len() {
        after.push('…');
    }
    Quote {
        before,
        figure: chars[start..end].iter().collect(),
        after,
    }
}

/// The English translation `text` of a mention's unit (whose normalised
/// Chinese is `zh`), cut to the sentence that holds the figure, the figure
/// marked; the whole text, unmarked, when the figure cannot be told apart.
pub(super) fn english(text: &str, zh: &str, m: &Mention, t: &Target) -> Quote {
    let found = spellings(m, t).into_iter().find_map(|s| {
        let at = occurrences(text, &s);
        (!at.is_empty()).then_some((at, s.len()))
    });
    let place = found.and_then(|(at, len)| match at.len() {
        1 => Some((at[0], len)),
        n => {
            let zh_at = occurrences(zh, &m.value.written);
            let start = zh.char_indices().nth(m.start).map(|(i, _)| i)?;
            let k = zh_at.iter().position(|&i| i == start)?;
            (zh_at.len() == n).then(|| (at[k], len))
        }
    });
    let Some((start, len)) = place else {
        return Quote {
            before: text.to_owned(),
            figure: String::new(),
            after: String::new(),
        };
    };
    // `2.8` of `2.8%`: the percent sign belongs to the figure.
    let end = start + len + usize::from(t.unit_base == "%" && text[start + len..].starts_with('%'));
    let (from, to) = sentence_around(text, start, end);
    let mut before = text[from..start].to_owned();
    if from > 0 {
        before.insert(0, '…');
    }
    let mut after = text[end..to].to_owned();
    if to < text.len() {
        after.push('…');
    }
    Quote {
        before,
        figure: text[start..end].to_owned(),
        after,
    }
}

/// Ways an English translation may write the mention's figure, longest
/// first: the site's own English amount (`800 billion`, `1,000`), the
/// figure in the base unit with and without thousands separators, and the
/// digits as written (`2.8`, `1–2`).
fn spellings(m: &Mention, t: &Target) -> Vec<String> {
    let mut out = Vec::new();
    if m.value == t.value {
        out.push(super::words::amount(Lang::En, t));
    }
    let factor = if t.value.value == 0.0 {
        1.0
    } else {
        t.value_scaled / t.value.value
    };
    let scaled = m.value.value * factor;
    if scaled.fract() == 0.0 && scaled.abs() < 1e15 {
        let whole = format!("{scaled:.0}");
        out.push(thousands(&whole));
        out.push(whole);
    }
    let written = &m.value.written;
    if written
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '~' | '-' | '–'))
    {
        for dash in ["–", "-", " to "] {
            out.push(written.replace(['~', '-', '–'], dash));
        }
    }
    out.retain(|s| s.chars().any(|c| c.is_ascii_digit()));
    out.sort_by_key(|s| std::cmp::Reverse(s.len()));
    out.dedup();
    out
}

/// `1234567` → `1,234,567`.
fn thousands(digits: &str) -> String {
    let (sign, digits) = digits.split_at(usize::from(digits.starts_with('-')));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}")
}

/// Byte offsets of `needle` in `text` standing as a whole number: no digit
/// before or after it, nor a `.` or `,` joining it to one (`30` is not
/// found in `2030`, `1.30` or `30,000`).
fn occurrences(text: &str, needle: &str) -> Vec<usize> {
    let joined = |s: &str| s.chars().next().is_some_and(|c| c.is_ascii_digit());
    text.match_indices(needle)
        .map(|(i, _)| i)
        .filter(|&i| {
            let before = &text[..i];
            let after = &text[i + needle.len()..];
            let prev = before.chars().next_back();
            let prev_joined = prev.is_some_and(|c| c.is_ascii_digit())
                || (matches!(prev, Some('.' | ','))
                    && before[..before.len() - 1]
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_ascii_digit()));
            let next_joined =
                joined(after) || (after.starts_with(['.', ',']) && joined(&after[1..]));
            !prev_joined && !next_joined
        })
        .collect()
}

/// The byte range of the sentence holding `start..end`: from after the
/// previous `. `, `; `, `! ` or `? ` to the end of the next one.
fn sentence_around(text: &str, start: usize, end: usize) -> (usize, usize) {
    const ENDS: [&str; 4] = [". ", "; ", "! ", "? "];
    let from = ENDS
        .iter()
        .filter_map(|e| text[..start].rfind(e).map(|i| i + e.len()))
        .max()
        .unwrap_or(0);
    let to = ENDS
        .iter()
        .filter_map(|e| text[end..].find(e).map(|i| end + i + 1))
        .min()
        .unwrap_or(text.len());
    (from, to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_is_found_only_standing_alone() {
        assert_eq!(occurrences("In 2030, 30 parks and 1.30 m", "30"), [9]);
        assert!(occurrences("30,000 people", "30").is_empty());
        assert_eq!(thousands("800000000000"), "800,000,000,000");
        assert_eq!(thousands("999"), "999");
    }

    #[test]
    fn a_figure_written_twice_is_marked_by_its_place_among_them() {
        let t = crate::parse::parse_policy(
            crate::model::PolicyId("x".to_owned()),
            "x.txt",
            "示例方案\n一、目标\n每年新增项目500个、专利500件。\n".as_bytes(),
            &Default::default(),
        )
        .expect("parses");
        let patents = t
            .targets
            .iter()
            .find(|x| x.unit == "件")
            .expect("the patents target");
        let m = &patents.mentions[0];
        let zh = "每年新增项目500个、专利500件。";
        let q = english("Add 500 projects and 500 patents a year.", zh, m, patents);
        assert_eq!(q.after, " patents a year.");
        assert_eq!(q.before, "Add 500 projects and ");
        assert_eq!(q.figure, "500");
        let unsure = english("Add 500 projects, 500 patents, 500 more.", zh, m, patents);
        assert_eq!(unsure.figure, "", "three in English, two in Chinese");
    }

    #[test]
    fn the_sentence_holding_the_figure_is_quoted() {
        let text = "First. By 2026, 300 firms will be added; more later.";
        let i = text.find("300").expect("in text");
        let (from, to) = sentence_around(text, i, i + 3);
        assert_eq!(&text[from..to], "By 2026, 300 firms will be added;");
    }
}
