//! Where things are: an index from every item ID to its place in the plan,
//! and the splitting of a text into plain runs, department names and target
//! figures so the renderer can link each.

use super::{DeptIx, PlanAt, RowIx, TargetIx, TargetMark, TermIx, TermMark};
use crate::model::{ItemId, Policy};
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashMap;

/// The place of an item in its policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Notice,
    Preamble,
    /// In the plan: its chapter, section, task and subtask.
    Plan(PlanAt),
    /// A row of the breakdown table.
    Row(RowIx),
}

pub fn index(policy: &Policy) -> HashMap<ItemId, Place> {
    let mut places = HashMap::new();
    if let Some(n) = &policy.notice {
        for p in n.recipients.iter().chain(&n.body) {
            places.insert(p.id.clone(), Place::Notice);
        }
    }
    for p in &policy.plan.preamble {
        places.insert(p.id.clone(), Place::Preamble);
    }
    for (ci, c) in policy.plan.chapters.iter().enumerate() {
        let at = |section, task, subtask| {
            Place::Plan(PlanAt {
                chapter: ci,
                section,
                task,
                subtask,
            })
        };
        places.insert(c.id.clone(), at(None, None, None));
        for p in &c.paragraphs {
            places.insert(p.id.clone(), at(None, None, None));
        }
        for (si, s) in c.sections.iter().enumerate() {
            places.insert(s.id.clone(), at(Some(si), None, None));
            for p in s.body.iter().chain(&s.paragraphs) {
                places.insert(p.id.clone(), at(Some(si), None, None));
            }
            for (ti, t) in s.tasks.iter().enumerate() {
                places.insert(t.id.clone(), at(Some(si), Some(ti), None));
                for p in t.body.iter().chain(&t.paragraphs) {
                    places.insert(p.id.clone(), at(Some(si), Some(ti), None));
                }
                for (ki, st) in t.subtasks.iter().enumerate() {
                    let place = at(Some(si), Some(ti), Some(ki));
                    places.insert(st.id.clone(), place);
                    for p in st.body.iter().chain(&st.paragraphs) {
                        places.insert(p.id.clone(), place);
                    }
                }
            }
        }
    }
    for (ri, r) in RowIx::enumerate(policy) {
        places.insert(r.id.clone(), Place::Row(ri));
    }
    places
}

/// A run of text and what it refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub kind: SpanKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanKind {
    Text,
    Dept(DeptIx),
    Target(TargetIx),
    /// The term's first use.
    Term(TermIx),
}

/// Finds department names (longest first) in running text.
#[derive(Debug)]
pub struct NameMatcher {
    automaton: Option<AhoCorasick>,
    depts: Vec<DeptIx>,
}

impl NameMatcher {
    pub fn new(names: &HashMap<String, DeptIx>) -> Self {
        let mut pairs: Vec<(&String, &DeptIx)> = names.iter().collect();
        pairs.sort();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(pairs.iter().map(|(n, _)| n.as_str()))
            .ok();
        NameMatcher {
            automaton,
            depts: pairs.iter().map(|(_, &d)| d).collect(),
        }
    }

    /// (byte start, byte end, department) of every name in `text`.
    fn find(&self, text: &str) -> Vec<(usize, usize, DeptIx)> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        ac.find_iter(text)
            .map(|m| (m.start(), m.end(), self.depts[m.pattern().as_usize()]))
            .collect()
    }
}

/// Splits `text`. `mentions` are character ranges of target figures, which
/// win over department names (found by `names`), which win over glossary
/// `terms` (byte ranges) where they overlap.
pub fn spans(
    text: &str,
    mentions: &[TargetMark],
    terms: &[TermMark],
    names: Option<&NameMatcher>,
) -> Vec<Span> {
    let byte_at: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let to_byte = |c: usize| byte_at.get(c).copied().unwrap_or(text.len());
    let mut marks: Vec<(usize, usize, SpanKind)> = mentions
        .iter()
        .map(|m| (to_byte(m.start), to_byte(m.end), SpanKind::Target(m.target)))
        .filter(|(s, e, _)| s < e)
        .collect();
    marks.sort_by_key(|m| m.0);
    marks.dedup_by(|b, a| b.0 < a.1);
    let depts = names.map(|n| n.find(text)).unwrap_or_default();
    let lower = depts
        .into_iter()
        .map(|(s, e, d)| (s, e, SpanKind::Dept(d)))
        .chain(
            terms
                .iter()
                .map(|t| (t.start, t.end, SpanKind::Term(t.term))),
        );
    for (s, e, kind) in lower {
        let inside = e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e);
        if inside && !marks.iter().any(|m| s < m.1 && m.0 < e) {
            marks.push((s, e, kind));
        }
    }
    marks.sort_by_key(|m| m.0);

    let mut out = Vec::new();
    let mut at = 0;
    for (s, e, kind) in marks {
        if s > at {
            out.push(Span {
                text: text[at..s].to_owned(),
                kind: SpanKind::Text,
            });
        }
        out.push(Span {
            text: text[s..e].to_owned(),
            kind,
        });
        at = e;
    }
    if at < text.len() {
        out.push(Span {
            text: text[at..].to_owned(),
            kind: SpanKind::Text,
        });
    }
    out
}
