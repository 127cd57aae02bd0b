//! The first use of each glossary term in a policy, per language, so the
//! reader can follow it to the glossary. Only the first use links: a
//! glossary link on every occurrence would bury the text.

use super::{PolicyEntry, TermIx, TermMark};
use crate::content::glossary::GlossaryEntry;
use crate::content::translations::Rendition;
use crate::model::ItemId;
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::{HashMap, HashSet};

/// First uses of terms, by paragraph.
pub type TermMarks = HashMap<ItemId, Vec<TermMark>>;

/// First uses in the Chinese text and in the English translation.
pub fn first_uses(p: &PolicyEntry, glossary: &[GlossaryEntry]) -> (TermMarks, TermMarks) {
    let zh = find_first(
        glossary.iter().map(|g| g.zh.as_str()),
        false,
        p.policy.paragraphs().map(|x| (&x.id, x.text.as_str())),
    );
    let translated: Vec<(&ItemId, String)> = p
        .policy
        .paragraphs()
        .filter_map(|x| match p.translation.render(x.id.as_str(), &x.text) {
            Rendition::Translated { text } => Some((&x.id, text)),
            _ => None,
        })
        .collect();
    let en = find_first(
        glossary.iter().map(|g| g.en.as_str()),
        true,
        translated.iter().map(|(id, t)| (*id, t.as_str())),
    );
    (zh, en)
}

fn find_first<'a>(
    terms: impl Iterator<Item = &'a str>,
    ignore_case: bool,
    texts: impl Iterator<Item = (&'a ItemId, &'a str)>,
) -> TermMarks {
    let terms: Vec<&str> = terms.collect();
    let mut marks = TermMarks::new();
    let Ok(ac) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(ignore_case)
        .build(&terms)
    else {
        return marks;
    };
    // Terms that share a spelling (高企 / 高新技术企业 in English) link once.
    let mut seen: HashSet<String> = HashSet::new();
    for (id, text) in texts {
        for m in ac.find_iter(text) {
            let term = m.pattern().as_usize();
            let key = terms[term].to_lowercase();
            if ignore_case && !at_word_boundary(text, m.start(), m.end()) {
                continue;
            }
            if seen.insert(key) {
                marks.entry(id.clone()).or_default().push(TermMark {
                    start: m.start(),
                    end: m.end(),
                    term: TermIx(term),
                });
            }
        }
    }
    marks
}

/// An English match must not start or end inside a word.
pub(crate) fn at_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}
