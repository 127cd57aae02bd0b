//! Lines the parser dropped: content lines of the seed of which the model
//! holds nothing, so the site never shows them.
//!
//! A line is held when a text of the model (a title, a paragraph, a clause,
//! a table cell, a group, a signer) contains it, or when what is left of it
//! once every model text it contains is taken out is only numbering and
//! punctuation (`一、`, `(三)`, `12.`, `第二章`). Page numbers, a signing
//! date the notice holds as a date, `附件` markers and site chrome are not
//! content and never reported.

use super::doubts::{Doubt, DoubtKind};
use crate::model::Policy;
use regex::Regex;
use std::sync::LazyLock;

/// `2017年12月15日`, `2023-05-04`: a date line.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(发布(时间|日期):?)?\s*\d{4}\s*(年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[-./]\d{1,2}[-./]\d{1,2})$")
        .expect("valid regex")
});

/// Every run of content lines of `policy` the model holds nothing of,
/// one doubt a run (blank lines and page furniture inside a run do not end
/// it); `lines` are the seed's lines normalised.
pub fn lines(policy: &Policy, lines: &[String]) -> Vec<Doubt> {
    let held = texts(policy);
    let mut runs: Vec<Vec<(usize, &str)>> = Vec::new();
    let mut open = false;
    for (i, line) in lines.iter().enumerate() {
        let line = line.trim();
        let skip = line.is_empty()
            || crate::parse::is_chrome(line)
            || is_furniture(line)
            || DATE.is_match(line);
        if skip {
            continue;
        }
        match held_by(line, &held) {
            Held::Yes => {
                open = false;
                continue;
            }
            // A short line found inside a longer text may be a coincidence
            // (`区民政局`, `2019年6月`): it neither ends a run nor starts one.
            Held::Inside if line.chars().count() <= 15 => continue,
            Held::Inside => {
                open = false;
                continue;
            }
            Held::No => {}
        }
        match runs.last_mut() {
            Some(run) if open => run.push((i + 1, line)),
            _ => runs.push(vec![(i + 1, line)]),
        }
        open = true;
    }
    runs.into_iter().map(doubt).collect()
}

fn doubt(run: Vec<(usize, &str)>) -> Doubt {
    let (first, text) = run[0];
    let last = run[run.len() - 1].0;
    let quoted: Vec<String> = run
        .iter()
        .take(3)
        .map(|(_, l)| format!("`{}`", preview(l)))
        .collect();
    let more = if run.len() > 3 { ", …" } else { "" };
    let message = if run.len() == 1 {
        format!(
            "line {first} is not on the site: the parser kept nothing of {}",
            quoted.join("")
        )
    } else {
        format!(
            "lines {first}–{last} ({} lines) are not on the site: the parser kept nothing of {}{more}",
            run.len(),
            quoted.join(", ")
        )
    };
    Doubt {
        to_line: (last != first).then_some(last),
        ..Doubt::new(DoubtKind::DroppedLine, first, text).message(message)
    }
}

/// The model's texts, one line each, longest first so a long text is
/// taken out of a line before a short one inside it.
fn texts(policy: &Policy) -> Vec<&str> {
    let mut all: Vec<&str> = Vec::new();
    if let Some(n) = &policy.notice {
        all.push(&n.title);
        all.extend(n.signers.iter().map(String::as_str));
    }
    all.push(&policy.plan.title);
    all.extend(policy.paragraphs().map(|p| p.text.as_str()));
    for c in &policy.plan.chapters {
        all.push(&c.title);
        for s in &c.sections {
            all.push(&s.title);
            for t in &s.tasks {
                all.push(&t.title);
                all.extend(t.subtasks.iter().map(|st| st.title.as_str()));
            }
        }
    }
    // A clause's text joins every bracket group of its item in order.
    all.extend(policy.clauses().flat_map(|(_, c)| groups(&c.raw)));
    if let Some(b) = &policy.breakdown {
        all.push(&b.title);
        all.extend(b.columns.iter().map(String::as_str));
        for t in &b.further {
            all.push(&t.title);
            all.extend(t.columns.iter().map(String::as_str));
        }
        for r in &b.rows {
            all.push(&r.content);
            all.extend(r.group.as_deref());
            all.extend(r.extra.iter().map(|(_, v)| v.as_str()));
            all.extend(r.unit_cells.iter().map(String::as_str));
        }
    }
    let mut lines: Vec<&str> = all
        .into_iter()
        .flat_map(str::lines)
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();
    lines.sort_by_key(|t| std::cmp::Reverse(t.len()));
    lines.dedup();
    lines
}

/// `(A牵头)(B指导)` → `(A牵头)`, `(B指导)`.
fn groups(raw: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, c) in raw.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let end = i + c.len_utf8();
                    out.extend(raw.get(start..end));
                    start = end;
                }
            }
            _ => {}
        }
    }
    out.extend(raw.get(start..).filter(|r| !r.trim().is_empty()));
    out
}

enum Held {
    /// A model text is the line, or the line is model texts and numbering.
    Yes,
    /// Only found inside a longer model text.
    Inside,
    No,
}

fn held_by(line: &str, held: &[&str]) -> Held {
    // The lengths are compared first: a search sets itself up from the
    // text looked for, and most texts are longer than the line.
    let mut rest = line.to_owned();
    for t in held {
        if t.len() <= rest.len() && rest.contains(t) {
            rest = rest.replace(t, "");
        }
    }
    if rest.chars().all(is_numbering) {
        Held::Yes
    } else if held
        .iter()
        .any(|t| t.len() >= line.len() && t.contains(line))
    {
        Held::Inside
    } else {
        Held::No
    }
}

/// Characters of numbering and punctuation, which the model keeps as
/// structure rather than text.
fn is_numbering(c: char) -> bool {
    crate::text::is_punct(c)
        || c.is_ascii_digit()
        || "一二三四五六七八九十百零〇第章节条部分篇附件表()（）:：.、".contains(c)
}

/// A page number (`- 3 -`, `—3—`), a bare `附件1`, a lone numeral.
fn is_furniture(line: &str) -> bool {
    line.chars().all(is_numbering)
}

fn preview(line: &str) -> String {
    let mut p: String = line.chars().take(40).collect();
    if line.chars().count() > 40 {
        p.push('…');
    }
    p
}
