//! The plan: title, period, preamble, chapters (`一、`), sections (`(一)`),
//! tasks (`1.`, `1、`, `(1)`), subtasks (`(1)` under a `1.` task) and the
//! paragraphs between them.
//!
//! Takes the plan's lines (from its title up to the annex) and gives a
//! [`Plan`] whose IDs follow the document's numbering; paragraph IDs are
//! left empty here and numbered once the whole policy is assembled, so they
//! follow [`crate::model::Policy::paragraphs`] order.

use super::clause;
use super::lines::Line;
use super::para;
use crate::model::{
    Chapter, Clause, ItemId, Paragraph, ParseWarning, Period, Plan, Section, Subtask, Task,
    WarningKind,
};
use crate::text::chinese_number;
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4})\s*年?\s*[~\-—–至到]+\s*(\d{4})\s*年").expect("valid regex")
});
static PERIOD_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\(\s*\d{4}\s*年?\s*[~\-—–至到]+\s*\d{4}\s*年\s*\)$").expect("valid regex")
});
/// A period stated by its first year and length: `2012年起5年内`,
/// `从2016年起,用3年时间`.
static SPAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4})年起\s*[,，]?\s*(?:力争)?(?:用|利用|经过)?\s*(\d{1,2}|[一二三四五六七八九十]{1,2})年(?:内|时间)")
        .expect("valid regex")
});
/// A one-year plan's title: its one year followed by what the plan is
/// (`数字山东2021行动方案`, `2019年工作要点`, `某区2020年度重点任务`); no
/// sentence punctuation, and nothing after the year that makes it a
/// horizon (`2030年前…行动方案`).
static YEAR_PLAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[^。,，;；:：]*?(\d{4})\s*年?度?[^0-9。,，;；:：前]{0,40}?(?:行动方案|实施方案|工作方案|行动计划|工作计划|推进计划|工作要点|重点任务|工作任务)$",
    )
    .expect("valid regex")
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d{4}").expect("valid regex"));
static CHAPTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([一二三四五六七八九十]{1,3})、\s*(.*)$").expect("valid regex"));
static SECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\(([一二三四五六七八九十]{1,3})\)\s*(.*)$").expect("valid regex")
});
static TASK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(\d{1,3})[.、]|\((\d{1,3})\))\s*(.*)$").expect("valid regex")
});

/// A chapter heading: its number and the rest of the line.
pub fn chapter_heading(text: &str) -> Option<(u32, &str, &str)> {
    let c = CHAPTER.captures(text)?;
    let label = c.get(1)?.as_str();
    let n = u32::try_from(chinese_number(label)?).ok()?;
    Some((n, label, c.get(2)?.as_str()))
}

fn section_heading(text: &str) -> Option<(u32, &str, &str)> {
    let c = SECTION.captures(text)?;
    let label = c.get(1)?.as_str();
    let n = u32::try_from(chinese_number(label)?).ok()?;
    Some((n, label, c.get(2)?.as_str()))
}

/// A task heading: its number, whether the number is bracketed (`(1)`
/// rather than `1.`), and the rest of the line.
fn task_heading(text: &str) -> Option<(u32, bool, &str)> {
    let c = TASK.captures(text)?;
    let bracketed = c.get(1).is_none();
    let num = c.get(1).or_else(|| c.get(2))?.as_str();
    let rest = c.get(3)?.as_str();
    // `2.8%` and `1.5万亿元` are figures, not task 2 or 1; `11.121人才梯队`
    // is task 11 about a named programme.
    if rest.starts_with('%') || is_decimal_figure(rest) {
        return None;
    }
    Some((num.parse().ok()?, bracketed, rest))
}

/// True when `rest` (what follows `N.`) continues a decimal figure: digits
/// followed by a unit, a magnitude or more punctuation of a number.
fn is_decimal_figure(rest: &str) -> bool {
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return false;
    }
    rest.chars().nth(digits).is_none_or(|c| {
        c.is_ascii_punctuation()
            || c.is_ascii_alphabetic()
            || "万亿千百倍个家元台项所座条辆吨米‰℃".contains(c)
    })
}

/// A period in a title or a `(2017~2020年)` line.
pub fn period_in(text: &str) -> Option<Period> {
    let c = PERIOD.captures(text)?;
    let (start, end): (u16, u16) = (c[1].parse().ok()?, c[2].parse().ok()?);
    (start <= end).then_some(Period { start, end })
}

/// The year of a one-year plan named in its title (`数字山东2021行动方案`
/// → 2021): the title's only year, not one the plan runs up to
/// (`到2025年…`, `2030年前…`).
pub fn plan_year_in(title: &str) -> Option<u16> {
    let title = title.trim();
    if period_in(title).is_some() || YEAR.find_iter(title).count() != 1 {
        return None;
    }
    let c = YEAR_PLAN.captures(title)?;
    let year = c.get(1)?;
    let before = title[..year.start()].chars().next_back();
    if before.is_some_and(|ch| "到至止".contains(ch)) {
        return None;
    }
    year.as_str().parse().ok()
}

/// A period stated in a sentence as a first year and a length
/// (`2012年起5年内` → 2012–2016).
fn span_in(text: &str) -> Option<Period> {
    let c = SPAN.captures(text)?;
    let start: u16 = c.get(1)?.as_str().parse().ok()?;
    let n = c.get(2)?.as_str();
    let years = n
        .parse::<u16>()
        .ok()
        .or_else(|| chinese_number(n).and_then(|v| u16::try_from(v).ok()))?;
    (years > 0).then(|| Period {
        start,
        end: start + years - 1,
    })
}

/// Parses the plan from its title line to its last line; the warnings name
/// clauses that were recognised but could not be read.
pub fn parse_plan(lines: &[Line], known: &[String]) -> (Plan, Vec<ParseWarning>) {
    let mut i = 0;
    let (title, line) = lines
        .first()
        .map_or((String::new(), 0), |l| (l.text.to_owned(), l.no));
    let mut period = period_in(&title);
    if !lines.is_empty() {
        i = 1;
    }
    while let Some(l) = lines.get(i) {
        if PERIOD_LINE.is_match(l.text) {
            period = period.or_else(|| period_in(l.text));
            i += 1;
        } else if l.text.starts_with('(') && l.text.ends_with("稿)") {
            i += 1; // (征求意见稿)
        } else {
            break;
        }
    }
    let mut builder = Builder {
        known,
        preamble: Vec::new(),
        chapters: Vec::new(),
        lost: Vec::new(),
        dotted_task: false,
    };
    let body = lines.get(i..).unwrap_or(&[]);
    // No period in the title: the opening (preamble and first chapter, the
    // 总体要求 that states the goals) may give it as `2012年起5年内`.
    if period.is_none() {
        period = body
            .iter()
            .take_while({
                let mut chapters = 0;
                move |l| {
                    chapters += usize::from(chapter_heading(l.text).is_some());
                    chapters < 2
                }
            })
            .find_map(|l| span_in(l.text));
    }
    let joined = join_broken_numbers(body);
    for (k, l) in body.iter().enumerate() {
        match joined.iter().find(|(at, _, _)| *at == k) {
            Some((_, text, _)) => builder.line(&Line {
                no: l.no,
                text: text.as_str(),
            }),
            None if joined
                .iter()
                .any(|(at, _, n)| (*at + 1..*at + n).contains(&k)) => {}
            None => builder.line(l),
        }
    }
    let mut chapters = builder.chapters;
    apply_first_listed_rule(&mut chapters);
    assign_task_ids(&mut chapters);
    assign_subtask_ids(&mut chapters);
    let plan = Plan {
        title,
        period,
        preamble: builder.preamble,
        chapters,
        line,
    };
    (plan, builder.lost)
}

struct Builder<'k> {
    known: &'k [String],
    preamble: Vec<Paragraph>,
    chapters: Vec<Chapter>,
    /// Clauses recognised by their keywords but not read.
    lost: Vec<ParseWarning>,
    /// True while the innermost heading is a task numbered `1.` (or one
    /// of its subtasks): a `(1)` then opens a subtask, not a task.
    dotted_task: bool,
}

impl Builder<'_> {
    fn line(&mut self, l: &Line) {
        for raw in clause::unread_clauses(l.text, self.known) {
            self.lost.push(ParseWarning {
                line: l.no,
                kind: WarningKind::Structure,
                message: format!(
                    "`{raw}` reads like a responsibility clause but its units could not \
                     be read (expected `(X牵头,Y参与)`, `(牵头单位:X;配合单位:Y)`, \
                     `(责任单位:X、Y)`, `(X负责)` or `(X指导)`); its units are not recorded"
                ),
            });
        }
        let last_chapter = self.chapters.last().map_or(0, |c| c.number);
        if let Some((n, label, rest)) = chapter_heading(l.text) {
            if n > last_chapter {
                let (title, body, _) = heading(rest, l.no, self.known);
                self.chapters.push(Chapter {
                    id: ItemId(format!("chapter-{n}")),
                    number: n,
                    label: label.to_owned(),
                    title,
                    paragraphs: body.into_iter().collect(),
                    clause: None,
                    sections: Vec::new(),
                    line: l.no,
                });
                self.dotted_task = false;
                return;
            }
        }
        let Some(chapter) = self.chapters.last_mut() else {
            self.preamble.push(para(l.text, l.no));
            return;
        };
        if let Some((n, label, rest)) = section_heading(l.text) {
            let (title, body, clause) = heading(rest, l.no, self.known);
            chapter.sections.push(Section {
                id: ItemId(format!("section-{}-{n}", chapter.number)),
                number: n,
                label: label.to_owned(),
                title,
                body,
                clause,
                paragraphs: Vec::new(),
                tasks: Vec::new(),
                line: l.no,
            });
            self.dotted_task = false;
            return;
        }
        if let Some((n, bracketed, rest)) = task_heading(l.text) {
            let task = chapter.sections.last_mut().and_then(|s| s.tasks.last_mut());
            if let Some(task) = task.filter(|_| bracketed && self.dotted_task) {
                let (title, body, clause) = heading(rest, l.no, self.known);
                task.subtasks.push(Subtask {
                    id: ItemId(format!("subtask-{n}")),
                    number: n,
                    title,
                    body,
                    clause,
                    paragraphs: Vec::new(),
                    line: l.no,
                });
                return;
            }
            self.dotted_task = !bracketed;
            if chapter.sections.is_empty() {
                // Tasks straight under a chapter: an untitled section 0 holds them.
                chapter.sections.push(Section {
                    id: ItemId(format!("section-{}-0", chapter.number)),
                    number: 0,
                    label: String::new(),
                    title: String::new(),
                    body: None,
                    clause: None,
                    paragraphs: Vec::new(),
                    tasks: Vec::new(),
                    line: l.no,
                });
            }
            if let Some(section) = chapter.sections.last_mut() {
                let (title, body, clause) = heading(rest, l.no, self.known);
                section.tasks.push(Task {
                    id: ItemId(format!("task-{n}")),
                    number: n,
                    title,
                    body,
                    clause,
                    paragraphs: Vec::new(),
                    subtasks: Vec::new(),
                    line: l.no,
                });
                return;
            }
        }
        // A paragraph; its clauses belong to the innermost section or task.
        // A clause ending it (or standing alone) is cut from the text when
        // the item has none yet; clauses inside it, and a later paragraph's
        // clause, are merged into the item's and stay in the text.
        // A chapter's own clause stays in its text too: pages show the
        // clauses of sections and tasks only.
        let trailing = clause::split_trailing(l.text, l.no, self.known);
        let inner = clause::inner_clauses(l.text, l.no, self.known);
        let chapter_level = chapter.sections.is_empty();
        if let Some(slot) = owner_clause(chapter) {
            let mut text = l.text.to_owned();
            let mut clauses = inner;
            if let Some((rest, c)) = trailing {
                if slot.is_none() {
                    *slot = Some(c);
                    if !chapter_level {
                        text = rest;
                    }
                } else {
                    clauses.push(c);
                }
            }
            for c in clauses {
                attach(slot, c);
            }
            if !text
                .trim_matches(|c: char| c.is_whitespace() || c == '。')
                .is_empty()
            {
                push_paragraph(chapter, para(&text, l.no));
            }
            return;
        }
        push_paragraph(chapter, para(l.text, l.no));
    }
}

/// A number broken over lines by a copy (`(` / `十一` / `)加强…`): where
/// it starts, the line joined again, and how many lines it took.
fn join_broken_numbers(lines: &[Line]) -> Vec<(usize, String, usize)> {
    let mut out = Vec::new();
    for (k, w) in lines.windows(3).enumerate() {
        let [open, num, close] = w else { continue };
        let numeral = !num.text.is_empty()
            && (num.text.chars().all(crate::text::is_numeral)
                || num.text.chars().all(|c| c.is_ascii_digit()));
        if open.text == "(" && numeral && close.text.starts_with(')') {
            out.push((k, format!("({}{}", num.text, close.text), 3));
        }
    }
    out
}

/// Sets or merges a clause into an item's slot.
fn attach(slot: &mut Option<Clause>, c: Clause) {
    match slot {
        Some(existing) => clause::merge(existing, c),
        None => *slot = Some(c),
    }
}

/// A document that says `列第一位者为牵头单位` once has every clause read
/// by that rule.
fn apply_first_listed_rule(chapters: &mut [Chapter]) {
    let stated = chapters.iter().any(|c| {
        c.clause.iter().any(clause::states_first_listed_rule)
            || c.sections.iter().any(|s| {
                s.clause.iter().any(clause::states_first_listed_rule)
                    || s.tasks.iter().any(|t| {
                        t.clause.iter().any(clause::states_first_listed_rule)
                            || t.subtasks
                                .iter()
                                .any(|st| st.clause.iter().any(clause::states_first_listed_rule))
                    })
            })
    });
    if !stated {
        return;
    }
    for c in chapters.iter_mut() {
        c.clause.iter_mut().for_each(clause::first_listed_leads);
    }
    for s in chapters.iter_mut().flat_map(|c| c.sections.iter_mut()) {
        s.clause.iter_mut().for_each(clause::first_listed_leads);
        for t in &mut s.tasks {
            t.clause.iter_mut().for_each(clause::first_listed_leads);
            for st in &mut t.subtasks {
                st.clause.iter_mut().for_each(clause::first_listed_leads);
            }
        }
    }
}

/// The clause slot of the innermost open section, task or subtask, else
/// of the chapter itself while it has no sections.
fn owner_clause(chapter: &mut Chapter) -> Option<&mut Option<Clause>> {
    let Some(section) = chapter.sections.last_mut() else {
        return Some(&mut chapter.clause);
    };
    match section.tasks.last_mut() {
        Some(task) => match task.subtasks.last_mut() {
            Some(subtask) => Some(&mut subtask.clause),
            None => Some(&mut task.clause),
        },
        None => Some(&mut section.clause),
    }
}

fn push_paragraph(chapter: &mut Chapter, p: Paragraph) {
    match chapter.sections.last_mut() {
        Some(section) => match section.tasks.last_mut() {
            Some(task) => match task.subtasks.last_mut() {
                Some(subtask) => subtask.paragraphs.push(p),
                None => task.paragraphs.push(p),
            },
            None => section.paragraphs.push(p),
        },
        None => chapter.paragraphs.push(p),
    }
}

/// A heading line's title (up to the first `。`), body (the rest) and clause.
fn heading(
    rest: &str,
    line: usize,
    known: &[String],
) -> (String, Option<Paragraph>, Option<Clause>) {
    let (text, mut clause) = match clause::split_trailing(rest, line, known) {
        Some((text, c)) => (text, Some(c)),
        None => (rest.to_owned(), None),
    };
    for c in clause::inner_clauses(&text, line, known) {
        attach(&mut clause, c);
    }
    match text.split_once('。') {
        Some((title, body)) => {
            let body = body.trim();
            let body = (!body.is_empty()).then(|| para(body, line));
            (title.trim().to_owned(), body, clause)
        }
        None => (text.trim().to_owned(), None, clause),
    }
}

/// `task-N` when task numbers are unique in the document, else
/// `task-{chapter}-{section}-{n}`.
fn assign_task_ids(chapters: &mut [Chapter]) {
    let mut seen = HashSet::new();
    let unique = chapters
        .iter()
        .flat_map(|c| c.sections.iter().flat_map(|s| s.tasks.iter()))
        .all(|t| seen.insert(t.number));
    if unique {
        return;
    }
    for c in chapters.iter_mut() {
        for s in c.sections.iter_mut() {
            for t in s.tasks.iter_mut() {
                t.id = ItemId(format!("task-{}-{}-{}", c.number, s.number, t.number));
            }
        }
    }
}

/// `subtask-N` when subtask numbers are unique in the document (they run
/// on across tasks), else `subtask-{chapter}-{section}-{task}-{n}`.
fn assign_subtask_ids(chapters: &mut [Chapter]) {
    let mut seen = HashSet::new();
    let unique = chapters
        .iter()
        .flat_map(|c| c.sections.iter().flat_map(|s| s.tasks.iter()))
        .flat_map(|t| t.subtasks.iter())
        .all(|st| seen.insert(st.number));
    if unique {
        return;
    }
    for c in chapters.iter_mut() {
        for s in c.sections.iter_mut() {
            for t in s.tasks.iter_mut() {
                for st in t.subtasks.iter_mut() {
                    st.id = ItemId(format!(
                        "subtask-{}-{}-{}-{}",
                        c.number, s.number, t.number, st.number
                    ));
                }
            }
        }
    }
}
