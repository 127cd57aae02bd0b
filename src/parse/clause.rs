//! Responsibility clauses: who leads an action and who takes part.
//!
//! Accepted shapes (brackets and punctuation of either width, already
//! normalised to half-width by [`crate::text::normalize`]):
//! - `(市科技局牵头,市发改委、市经信委等参与)` at the end of a line;
//! - `(责任单位:X、Y)`: the first unit leads, the rest take part;
//! - `牵头单位:X,配合单位:Y、Z` (also `牵头部门`, `配合部门`, `协同单位`,
//!   `参与单位`), with or without brackets, at the end of a line or alone.
//!
//! - `(X、Y等负责)` (all lead; [`first_listed_leads`] applies a document's
//!   `列第一位者为牵头单位` rule), `(X指导)` (guiding), and segments of these
//!   joined by commas (`(X指导,Y负责落实)`); a note after the first `。`
//!   inside the brackets is not part of the clause;
//! - units that carry the work out under another's lead or guidance
//!   (`(X牵头,Y具体实施)`, `(X指导,Y负责落实)`: implementing, the role of
//!   an annex's `实施主体` column; see [`IMPLEMENTING`]);
//! - several clauses inside one paragraph ([`inner_clauses`]).
//!
//! Brackets that hold anything else (`园区(镇)`) are not clauses. The clause
//! keeps its text as written in `raw`.

use super::units::split_units;
use crate::model::{Clause, DeptName};

/// Keys of the `key:units` form and the role they give.
const KEYS: &[(&str, Role)] = &[
    ("牵头单位", Role::Lead),
    ("牵头部门", Role::Lead),
    ("责任单位", Role::Responsible),
    ("责任部门", Role::Responsible),
    ("推进单位", Role::Responsible),
    ("配合单位", Role::Participant),
    ("配合部门", Role::Participant),
    ("协同单位", Role::Participant),
    ("协同部门", Role::Participant),
    ("协办单位", Role::Participant),
    ("参与单位", Role::Participant),
    ("参与部门", Role::Participant),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Lead,
    Participant,
    /// First unit leads, the rest take part.
    Responsible,
}

/// Splits a trailing clause off `text`: gives the text without it (trimmed)
/// and the clause. `None` when the line ends in no clause.
pub fn split_trailing(text: &str, line: usize, known: &[String]) -> Option<(String, Clause)> {
    let trimmed = text.trim_end();
    if let Some(open) = trailing_bracket(trimmed) {
        let raw = trimmed.get(open..)?;
        let inner = raw.get(1..raw.len().checked_sub(1)?)?;
        let body = parse_body(inner, known)?;
        let rest = trimmed.get(..open)?.trim_end().to_owned();
        return Some((rest, make(body, raw, line)));
    }
    let start = unbracketed_start(trimmed)?;
    let raw = trimmed.get(start..)?;
    let body = parse_body(raw, known)?;
    let rest = trimmed.get(..start)?.trim_end().to_owned();
    Some((rest, make(body, raw, line)))
}

/// A clause's units by role, before they become a [`Clause`].
struct Body {
    lead: Vec<String>,
    participants: Vec<String>,
    guiding: Vec<String>,
    implementing: Vec<String>,
    /// False when no unit was given a role by the text.
    roles_stated: bool,
}

fn make(body: Body, raw: &str, line: usize) -> Clause {
    Clause {
        lead: body.lead.into_iter().map(DeptName).collect(),
        participants: body.participants.into_iter().map(DeptName).collect(),
        roles_stated: body.roles_stated,
        guiding: body.guiding.into_iter().map(DeptName).collect(),
        implementing: body.implementing.into_iter().map(DeptName).collect(),
        raw: raw.to_owned(),
        line,
    }
}

/// Byte offset of the `(` matching a `)` that ends `text`.
fn trailing_bracket(text: &str) -> Option<usize> {
    if !text.ends_with(')') {
        return None;
    }
    let mut depth = 0usize;
    for (i, c) in text.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Where an unbracketed `牵头单位:…` clause starts: a key followed by `:`,
/// at the start of the text or after sentence punctuation.
fn unbracketed_start(text: &str) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (key, _) in KEYS {
        for (i, _) in text.match_indices(key) {
            let after = text.get(i + key.len()..).unwrap_or("");
            if !after.starts_with(':') {
                continue;
            }
            let before = text.get(..i).unwrap_or("").trim_end();
            let at_boundary = before.is_empty()
                || before.ends_with(['。', '；', ';', ',', '.', ')'])
                || text.get(..i).is_some_and(|b| b.ends_with(' '));
            if at_boundary && best.is_none_or(|b| i < b) {
                best = Some(i);
            }
        }
    }
    best
}

/// Lead and participants from a clause's inside; `None` when it is not one.
fn parse_body(inner: &str, known: &[String]) -> Option<Body> {
    let inner = inner.trim().trim_end_matches(['。', '；', ';']);
    if KEYS.iter().any(|(k, _)| inner.contains(&format!("{k}:"))) {
        return parse_keyed(inner, known);
    }
    // `…负责。列第一位者为牵头单位,下同`: the note is not part of the clause.
    let inner = inner.split_once('。').map_or(inner, |(first, _)| first);
    let Some((lead_text, rest)) = split_at_lead_verb(inner) else {
        return parse_verbs(inner, known);
    };
    let lead = split_units(lead_text, known);
    if lead.is_empty() || !lead.iter().all(|u| plausible_unit(u)) {
        return None;
    }
    let rest = rest
        .trim_start_matches([',', '，', '；', ';', '、', ' '])
        .trim_end();
    // `X牵头,Y具体实施`: Y carries the work out under X's lead.
    let (mut rest, implements) = match IMPLEMENTING.iter().find_map(|v| rest.strip_suffix(v)) {
        Some(units) => (units, true),
        None => (rest, false),
    };
    for tail in ["共同推进", "参与", "配合", "协同", "协助", "负责"] {
        rest = rest.strip_suffix(tail).unwrap_or(rest);
    }
    let rest = strip_manner(rest);
    let others = split_units(rest, known);
    if !others.iter().all(|u| plausible_unit(u)) {
        return None;
    }
    let (participants, implementing) = if implements {
        (Vec::new(), others)
    } else {
        (others, Vec::new())
    };
    Some(Body {
        lead,
        participants,
        guiding: Vec::new(),
        implementing,
        roles_stated: true,
    })
}

/// The text before and after the verb `牵头` of `X牵头,Y配合`: the first
/// `牵头` that is not the start of a role word inside a unit's name
/// (`…工作专班牵头单位牵头`: the task force's lead unit leads).
fn split_at_lead_verb(inner: &str) -> Option<(&str, &str)> {
    inner.match_indices("牵头").find_map(|(i, verb)| {
        let after = inner.get(i + verb.len()..)?;
        let in_name = ["单位", "部门"].iter().any(|w| after.starts_with(w));
        (!in_name).then(|| (inner.get(..i).unwrap_or(""), after))
    })
}

/// `units` without a trailing word of how a duty is shared ([`MANNERS`]).
fn strip_manner(units: &str) -> &str {
    MANNERS
        .iter()
        .find_map(|m| units.strip_suffix(m))
        .unwrap_or(units)
}

fn parse_keyed(inner: &str, known: &[String]) -> Option<Body> {
    // Every `key:` position in order.
    let mut marks: Vec<(usize, usize, Role)> = Vec::new();
    for (key, role) in KEYS {
        let pat = format!("{key}:");
        for (i, _) in inner.match_indices(&pat) {
            marks.push((i, i + pat.len(), *role));
        }
    }
    marks.sort_by_key(|m| m.0);
    if marks.first()?.0 != 0 && !inner.get(..marks.first()?.0)?.trim().is_empty() {
        return None;
    }
    let (mut lead, mut participants) = (Vec::new(), Vec::new());
    for (n, &(_, value_start, role)) in marks.iter().enumerate() {
        let value_end = marks.get(n + 1).map_or(inner.len(), |m| m.0);
        let value = inner.get(value_start..value_end).unwrap_or("");
        let units = split_units(value, known);
        if !units.iter().all(|u| plausible_unit(u)) {
            return None;
        }
        match role {
            Role::Lead => lead.extend(units),
            Role::Participant => participants.extend(units),
            Role::Responsible => {
                let mut it = units.into_iter();
                if lead.is_empty() {
                    lead.extend(it.next());
                }
                participants.extend(it);
            }
        }
    }
    if lead.is_empty() && participants.is_empty() {
        return None;
    }
    let roles_stated = marks.iter().any(|m| m.2 != Role::Responsible);
    Some(Body {
        lead,
        participants,
        guiding: Vec::new(),
        implementing: Vec::new(),
        roles_stated,
    })
}

/// Verbs saying a unit carries the work out (`具体实施`, `负责落实`): under
/// a unit that leads or guides in the same clause it is implementing
/// (`(X牵头,Y具体实施)`, `(X指导,Y负责落实)`); named alone, it is the one
/// that answers for the work and leads (`(Y负责落实)`).
const IMPLEMENTING: &[&str] = &["具体实施", "负责实施", "组织实施", "负责落实"];

/// Verbs that end a segment of an unkeyed clause, longest first, and the
/// role they give.
const VERBS: &[(&str, Verb)] = &[
    ("具体实施", Verb::Implement),
    ("负责实施", Verb::Implement),
    ("组织实施", Verb::Implement),
    ("负责落实", Verb::Implement),
    ("负责", Verb::Lead),
    ("指导", Verb::Guide),
    ("参与", Verb::Participant),
    ("配合", Verb::Participant),
    ("协同", Verb::Participant),
    ("协助", Verb::Participant),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verb {
    Lead,
    Participant,
    Guide,
    /// One of [`IMPLEMENTING`].
    Implement,
}

/// How a duty is shared, written between the units and the verb
/// (`X、Y按职责分工负责`): not part of any name.
const MANNERS: &[&str] = &[
    "按照职责分工",
    "按职责分工",
    "按职能分工",
    "按照职责",
    "按职责",
    "分工",
    "分别",
    "共同",
];

/// `X、Y等负责`, `X指导`, `X指导,Y负责落实`: every comma-separated segment
/// is units followed by a verb; at least one is `负责` or `指导`. A segment
/// of units with no verb shares the verb of the next one (`X、Y,各省级人民
/// 政府按职责分工负责`: the comma only groups the list).
fn parse_verbs(inner: &str, known: &[String]) -> Option<Body> {
    let mut body = Body {
        lead: Vec::new(),
        participants: Vec::new(),
        guiding: Vec::new(),
        implementing: Vec::new(),
        roles_stated: true,
    };
    let mut duty = false;
    let mut waiting: Vec<String> = Vec::new();
    for segment in inner.split([',', '；', ';']) {
        let segment = segment.trim();
        let Some((units, verb)) = VERBS
            .iter()
            .find_map(|(v, role)| segment.strip_suffix(v).map(|u| (u, *role)))
        else {
            waiting.push(segment.to_owned());
            continue;
        };
        let units = strip_manner(units);
        let listed = waiting.drain(..).chain(std::iter::once(units.to_owned()));
        let units: Vec<String> = listed.flat_map(|u| split_units(&u, known)).collect();
        if units.is_empty() || !units.iter().all(|u| plausible_unit(u)) {
            return None;
        }
        match verb {
            Verb::Lead => body.lead.extend(units),
            Verb::Participant => body.participants.extend(units),
            Verb::Guide => body.guiding.extend(units),
            Verb::Implement => body.implementing.extend(units),
        }
        duty |= verb != Verb::Participant;
    }
    // Carrying the work out with no unit leading or guiding: it leads.
    if body.lead.is_empty() && body.guiding.is_empty() {
        body.lead = std::mem::take(&mut body.implementing);
    }
    (duty && waiting.is_empty()).then_some(body)
}

/// Byte ranges of the top-level bracketed groups of `text`, brackets
/// included, in order.
fn bracket_groups(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '(' => {
                if depth == 0 {
                    open = Some(i);
                }
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    let end = i + c.len_utf8();
                    out.extend(open.map(|o| o..end));
                }
            }
            _ => {}
        }
    }
    out
}

/// What is inside a group from [`bracket_groups`].
fn inside(group: &str) -> &str {
    group.get(1..group.len() - 1).unwrap_or("")
}

/// Every bracketed clause inside `text` that does not end it, in order.
pub fn inner_clauses(text: &str, line: usize, known: &[String]) -> Vec<Clause> {
    let trimmed = text.trim_end();
    bracket_groups(trimmed)
        .into_iter()
        .filter(|group| group.end < trimmed.len())
        .filter_map(|group| {
            let raw = &trimmed[group];
            parse_body(inside(raw), known).map(|body| make(body, raw, line))
        })
        .collect()
}

/// Bracketed groups of `text` that name a responsibility in words
/// (`牵头`, `责任单位:` …) but do not parse as a clause, as written.
pub fn unread_clauses(text: &str, known: &[String]) -> Vec<String> {
    bracket_groups(text)
        .into_iter()
        .map(|group| &text[group])
        .filter(|raw| {
            let inner = inside(raw);
            let keyed = KEYS.iter().any(|(k, _)| inner.contains(&format!("{k}:")));
            let worded =
                inner.ends_with("牵头") || (inner.contains("牵头,") && inner.ends_with("参与"));
            (keyed || worded) && parse_body(inner, known).is_none()
        })
        .map(str::to_owned)
        .collect()
}

/// Adds `more` to `into`: units not yet there under the same role are
/// appended, the texts joined.
pub fn merge(into: &mut Clause, more: Clause) {
    fn add(to: &mut Vec<DeptName>, from: Vec<DeptName>) {
        for d in from {
            if !to.contains(&d) {
                to.push(d);
            }
        }
    }
    add(&mut into.lead, more.lead);
    add(&mut into.participants, more.participants);
    add(&mut into.guiding, more.guiding);
    add(&mut into.implementing, more.implementing);
    into.roles_stated |= more.roles_stated;
    into.raw.push_str(&more.raw);
}

/// True when a clause states the rule that the unit listed first leads
/// (`列第一位者为牵头单位`, `排在第一位的为牵头单位`).
pub fn states_first_listed_rule(c: &Clause) -> bool {
    c.raw.contains("第一位") && c.raw.contains("牵头")
}

/// Under that rule, a clause that names no lead in words (`X、Y、Z等负责`)
/// has its first unit lead and the others take part.
pub fn first_listed_leads(c: &mut Clause) {
    let worded = c.raw.split('。').next().unwrap_or("");
    if split_at_lead_verb(worded).is_none() && c.lead.len() > 1 && c.participants.is_empty() {
        let rest = c.lead.split_off(1);
        c.participants = rest;
    }
}

/// A unit name is short and has no digits, sentence punctuation or the
/// function words of a sentence (`技工院校内由…部门负责` is prose).
fn plausible_unit(u: &str) -> bool {
    let n = u.chars().count();
    (2..=30).contains(&n)
        && !u
            .chars()
            .any(|c| c.is_ascii_digit() || "。由的在对将把被".contains(c))
}

#[cfg(test)]
mod tests;
