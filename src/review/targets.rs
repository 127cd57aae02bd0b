//! Doubts about targets, from the words around each figure in the text that
//! states it: a figure in a street address (`…路123号`, `…弄`), a year read
//! as a value, a document number (`〔2020〕12号`), a bound word (`约`,
//! `至少`, `以上` …) beside a figure read as exact, and two targets with
//! the same figure, unit and wording (a duplicate not merged).

#[cfg(test)]
mod tests;

use super::doubts::{Doubt, DoubtKind};
use crate::model::{Comparator, ItemId, Mention, Policy, Target};
use crate::text::char_slice;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// `〔2020〕12号`, `[2019]第3号`, `第12号`.
static DOC_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[〔【\[(]\s*\d{4}\s*[〕】\])]\s*第?\s*\d+\s*号|第\s*\d+\s*号")
        .expect("valid regex")
});

/// Bound words read before a figure, and the comparator each means.
const BEFORE: &[(&str, Comparator)] = &[
    ("约", Comparator::About),
    ("近", Comparator::About),
    ("大约", Comparator::About),
    ("至少", Comparator::AtLeast),
    ("不少于", Comparator::AtLeast),
    ("不低于", Comparator::AtLeast),
    ("超过", Comparator::MoreThan),
    ("超", Comparator::MoreThan),
    ("逾", Comparator::MoreThan),
    ("突破", Comparator::MoreThan),
    ("不超过", Comparator::AtMost),
    ("不高于", Comparator::AtMost),
    ("控制在", Comparator::AtMost),
];

/// Bound words read after a figure and its unit.
const AFTER: &[(&str, Comparator)] = &[
    ("左右", Comparator::About),
    ("以上", Comparator::AtLeast),
    ("余", Comparator::MoreThan),
    ("多", Comparator::MoreThan),
    ("以内", Comparator::AtMost),
    ("以下", Comparator::AtMost),
];

/// Words between a bound word and its figure (`约为300亿元`, `至少达到`).
const LINKS: &[&str] = &["达到", "达", "为", "是", "到", "有", "在"];

pub fn doubts(policy: &Policy) -> Vec<super::Doubt> {
    let texts: HashMap<&ItemId, &str> = policy
        .paragraphs()
        .map(|p| (&p.id, p.text.as_str()))
        .chain(policy.rows().iter().map(|r| (&r.id, r.content.as_str())))
        .collect();
    let mut out = Vec::new();
    let mut seen: HashMap<(String, String, String), &Target> = HashMap::new();
    for t in &policy.targets {
        for m in &t.mentions {
            let text = match &m.cell {
                None => texts.get(&m.item).copied().unwrap_or(""),
                Some(_) => policy.mention_text(m).unwrap_or(""),
            };
            let around = Around::of(text, m);
            if let Some(why) = odd_context(t, &around) {
                out.push(
                    Doubt::new(DoubtKind::TargetContext, m.line, m.text.clone())
                        .item(t.id.as_str())
                        .message(format!(
                            "target `{}{}` reads like {why}, not a goal: `{}`",
                            m.value.written,
                            t.unit,
                            around.window()
                        )),
                );
            }
            if let Some(word) = unread_bound(m, &around) {
                out.push(
                    Doubt::new(DoubtKind::Comparator, m.line, m.text.clone())
                        .item(t.id.as_str())
                        .message(format!(
                            "target `{}{}` is read as {} but the text says `{word}`: `{}`",
                            m.value.written,
                            t.unit,
                            comparator_name(m.comparator),
                            around.window()
                        )),
                );
            }
        }
        let key = (
            t.value.written.clone(),
            t.unit.clone(),
            crate::text::without_punct(&t.metric),
        );
        match seen.get(&key) {
            Some(first) => {
                let line = t.mentions.first().map_or(0, |m| m.line);
                out.push(
                    Doubt::new(DoubtKind::DuplicateTarget, line, t.metric.clone())
                        .item(t.id.as_str())
                        .message(format!(
                            "target `{}` ({}{}) has the same figure, unit and wording as `{}`; \
                             one commitment counted twice?",
                            t.id, t.value.written, t.unit, first.id
                        )),
                );
            }
            None => {
                seen.insert(key, t);
            }
        }
    }
    out
}

/// The text on either side of a mention's figure.
struct Around<'a> {
    before: &'a str,
    figure: &'a str,
    after: &'a str,
}

impl<'a> Around<'a> {
    fn of(text: &'a str, m: &Mention) -> Self {
        let start = m.start.saturating_sub(10);
        Around {
            before: char_slice(text, start, m.start),
            figure: char_slice(text, m.start, m.end),
            after: char_slice(text, m.end, m.end + 4),
        }
    }

    fn window(&self) -> String {
        format!("…{}【{}】{}…", self.before, self.figure, self.after)
    }
}

/// Why the figure is not a goal, if its surroundings say so.
fn odd_context(t: &Target, a: &Around) -> Option<&'static str> {
    let address_unit = ["号", "弄", "室", "幢", "栋"].contains(&t.unit.as_str());
    // A figure right after a road's name is its house number (`安远路899`);
    // one after `128弄` counts something at that address.
    let road_before = a
        .before
        .chars()
        .last()
        .is_some_and(|c| "路街巷".contains(c));
    let window = format!("{}{}{}", a.before, a.figure, a.after);
    if DOC_NUMBER.is_match(&window) {
        Some("a document number")
    } else if address_unit || road_before || a.after.starts_with(['号', '弄']) {
        Some("a street address")
    } else if (t.unit == "年"
        || t.unit.is_empty()
        || a.after.starts_with('年')
        || a.before.ends_with(['到', '至', '于']))
        && t.value.max.is_none()
        && (1900.0..=2100.0).contains(&t.value.value)
        && t.value.written.chars().count() == 4
    {
        Some("a year")
    } else {
        None
    }
}

/// A bound word beside a figure read as exact or as a plain goal.
fn unread_bound(m: &Mention, a: &Around) -> Option<&'static str> {
    if !matches!(m.comparator, Comparator::Exactly | Comparator::Reach) {
        return None;
    }
    let mut before = a.before;
    while let Some(rest) = LINKS.iter().find_map(|l| before.strip_suffix(l)) {
        before = rest;
    }
    let said_before = BEFORE
        .iter()
        .filter(|(w, _)| before.ends_with(w))
        .max_by_key(|(w, _)| w.len());
    let said_after = AFTER.iter().find(|(w, _)| a.after.starts_with(w));
    said_before
        .or(said_after)
        .filter(|(_, c)| *c != m.comparator)
        .map(|(w, _)| *w)
}

fn comparator_name(c: Comparator) -> &'static str {
    match c {
        Comparator::Reach => "a goal to reach",
        Comparator::Exactly => "exactly",
        Comparator::Range => "a range",
        _ => c.en_words().unwrap_or_default(),
    }
}
