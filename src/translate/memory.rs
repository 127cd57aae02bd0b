//! The translation memory: the English the portal already has, offered
//! for new Chinese. Takes the linked portal; gives, for a unit's Chinese,
//! the best [`Suggestion`] from the translated units of the *other*
//! policies, or none.
//!
//! A unit matches, in this order of preference:
//! - **exactly**: the same Chinese, character for character;
//! - **by figures**: the same Chinese once every figure written in digits
//!   is masked ([`crate::text::figures::mask`]): `新增企业300家` and
//!   `新增企业500家`. The English is offered with the differing figures
//!   replaced where each occurs once, as a whole figure, in the English;
//!   otherwise as it stands, with the figures to change named;
//! - **closely**: at least [`MIN_CHARS`] characters and a Dice coefficient
//!   of their character bigrams of at least [`MIN_SIMILARITY`]
//!   (`2·|A∩B| / (|A|+|B|)` over the multisets of adjacent character
//!   pairs): the same sentence with a name or a word changed. The English
//!   is offered as it stands, to be edited.
//!
//! Only current, published English is remembered (drafts and stale units
//! are not), and whatever it offers is a draft (`state: draft` with its
//! `origin`) that the site does not publish until a person accepts it.
//! Department names need no memory: the registry
//! (`content/departments.yaml`) translates each once for the portal.
//! Target names are units like any other (`task-3-target-…`), so the
//! memory offers them too.

use crate::content::translations::Rendition;
use crate::link::Portal;
use crate::text::figures;
use std::collections::HashMap;

/// Shortest Chinese (in characters) matched closely rather than exactly.
pub const MIN_CHARS: usize = 12;
/// Least bigram Dice coefficient of a close match.
pub const MIN_SIMILARITY: f64 = 0.85;

/// How a suggestion matches the new Chinese.
#[derive(Debug, Clone, PartialEq)]
pub enum Match {
    Exact,
    /// Same once figures are masked; `changed` holds (old, new) figures,
    /// `adjusted` whether the English had each replaced.
    Figures {
        changed: Vec<(String, String)>,
        adjusted: bool,
    },
    /// Bigram Dice coefficient, 0–1.
    Close(f64),
}

/// English offered for a unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub text: String,
    /// The remembered target's English unit (`unit_en`), if it has one.
    pub unit_en: Option<String>,
    /// The policy and unit it was translated for.
    pub policy: String,
    pub key: String,
    pub how: Match,
}

impl Suggestion {
    /// What a draft records as its `origin:`, and notes carry: the source
    /// unit and how it matched.
    pub fn origin(&self) -> String {
        let how = match &self.how {
            Match::Exact => "same Chinese".to_owned(),
            Match::Figures { changed, adjusted } => {
                let list: Vec<String> = changed.iter().map(|(o, n)| format!("{o} → {n}")).collect();
                let done = if *adjusted {
                    "changed in the English"
                } else {
                    "change them in the English"
                };
                format!("figures differ: {} ({done})", list.join(", "))
            }
            Match::Close(s) => format!(
                "similar Chinese ({}% alike): edit the English to match",
                (s * 100.0).floor()
            ),
        };
        format!("{} {}, {how}", self.policy, self.key)
    }
}

/// One remembered unit.
#[derive(Debug)]
struct Remembered {
    zh: String,
    en: String,
    unit_en: Option<String>,
    policy: String,
    key: String,
    bigrams: Vec<(char, char)>,
    chars: usize,
}

/// The translated units of a portal's policies but one, indexed for
/// lookup.
#[derive(Debug, Default)]
pub struct Memory {
    /// Ordered by length in characters, for [`Memory::closest`].
    units: Vec<Remembered>,
    exact: HashMap<String, usize>,
    masked: HashMap<String, usize>,
}

impl Memory {
    /// The memory of every policy of `portal` except `except` (a policy
    /// ID): the policy being translated does not suggest to itself.
    pub fn of(portal: &Portal, except: &str) -> Self {
        let mut m = Memory::default();
        for p in portal
            .policies
            .iter()
            .filter(|p| p.policy.id.as_str() != except)
        {
            for u in p.policy.text_units() {
                let Rendition::Translated { text } = p.translation.render(&u.key, u.zh) else {
                    continue;
                };
                let mut bigrams = bigrams(u.zh);
                bigrams.sort_unstable();
                m.units.push(Remembered {
                    zh: u.zh.to_owned(),
                    en: text,
                    unit_en: p.translation.unit_en(&u.key, u.zh).map(str::to_owned),
                    policy: p.policy.id.to_string(),
                    key: u.key.clone(),
                    chars: u.zh.chars().count(),
                    bigrams,
                });
            }
        }
        m.units.sort_by_key(|r| r.chars);
        // Of equal Chinese, the first in portal order is offered (the sort
        // is stable); of Chinese equal but for figures, the shortest.
        for (i, r) in m.units.iter().enumerate() {
            m.exact.entry(r.zh.clone()).or_insert(i);
            m.masked.entry(figures::mask(&r.zh).0).or_insert(i);
        }
        m
    }

    /// The best English for the Chinese `zh`, if any unit matches.
    pub fn suggest(&self, zh: &str) -> Option<Suggestion> {
        let offer = |i: usize, text: String, how: Match| {
            let r = &self.units[i];
            Suggestion {
                text,
                unit_en: r.unit_en.clone(),
                policy: r.policy.clone(),
                key: r.key.clone(),
                how,
            }
        };
        if let Some(&i) = self.exact.get(zh) {
            return Some(offer(i, self.units[i].en.clone(), Match::Exact));
        }
        let (masked, new) = figures::mask(zh);
        if let Some(&i) = self.masked.get(&masked) {
            let r = &self.units[i];
            let old = figures::mask(&r.zh).1;
            let changed: Vec<(String, String)> = old
                .iter()
                .zip(&new)
                .filter(|(o, n)| o != n)
                .map(|(o, n)| (o.to_string(), n.to_string()))
                .collect();
            let adjusted = replace_figures(&r.en, &changed);
            let how = Match::Figures {
                changed,
                adjusted: adjusted.is_some(),
            };
            return Some(offer(i, adjusted.unwrap_or_else(|| r.en.clone()), how));
        }
        self.closest(zh)
            .map(|(i, s)| offer(i, self.units[i].en.clone(), Match::Close(s)))
    }

    /// The remembered unit most like `zh` by bigram Dice coefficient, if
    /// one reaches [`MIN_SIMILARITY`]. Lengths too far apart to reach it
    /// (Dice ≤ 2·min/(min+max)) are not compared.
    fn closest(&self, zh: &str) -> Option<(usize, f64)> {
        let chars = zh.chars().count();
        if chars < MIN_CHARS {
            return None;
        }
        let mut mine = bigrams(zh);
        mine.sort_unstable();
        // Dice ≤ 2·min/(min+max): only lengths within these bounds can
        // reach MIN_SIMILARITY.
        let t = MIN_SIMILARITY;
        let shortest = (chars as f64 * t / (2.0 - t)).ceil() as usize;
        let longest = (chars as f64 * (2.0 - t) / t).floor() as usize;
        let from = self
            .units
            .partition_point(|r| r.chars < shortest.max(MIN_CHARS));
        let to = self.units.partition_point(|r| r.chars <= longest);
        (from..to.max(from))
            .map(|i| (i, dice(&mine, &self.units[i].bigrams)))
            .filter(|&(_, s)| s >= MIN_SIMILARITY)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
    }
}

/// Adjacent character pairs of `s`.
fn bigrams(s: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = s.chars().collect();
    chars.windows(2).map(|w| (w[0], w[1])).collect()
}

/// Dice coefficient of two sorted multisets.
fn dice(a: &[(char, char)], b: &[(char, char)]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

/// `en` with each old figure of `changed` replaced by its new one, when
/// every old figure occurs exactly once in it as a whole figure; `None`
/// otherwise (the English spells it out, or repeats it).
fn replace_figures(en: &str, changed: &[(String, String)]) -> Option<String> {
    let mut at: Vec<(usize, usize, &str)> = Vec::new();
    for (old, new) in changed {
        match figures::find_figure(en, old).as_slice() {
            [(s, e)] => at.push((*s, *e, new)),
            _ => return None,
        }
    }
    at.sort_unstable();
    if at.windows(2).any(|w| w[0].1 > w[1].0) {
        return None;
    }
    let mut out = String::with_capacity(en.len());
    let mut last = 0;
    for (s, e, new) in at {
        out.push_str(&en[last..s]);
        // Full-width digits written half-width, as English writes them.
        out.push_str(&crate::text::normalize(new));
        last = e;
    }
    out.push_str(&en[last..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_replaced_only_when_each_occurs_once() {
        let changed = [("300".to_owned(), "500".to_owned())];
        assert_eq!(
            replace_figures("Add 300 small tech firms.", &changed).as_deref(),
            Some("Add 500 small tech firms.")
        );
        assert_eq!(replace_figures("300 and 300 again", &changed), None);
        assert_eq!(replace_figures("three hundred firms", &changed), None);
    }

    #[test]
    fn dice_counts_shared_pairs() {
        let a = {
            let mut b = bigrams("建设科技企业孵化器");
            b.sort_unstable();
            b
        };
        let b = {
            let mut b = bigrams("建设科技企业加速器");
            b.sort_unstable();
            b
        };
        // 8 pairs each, 5 shared (建设 设科 科技 技企 企业).
        assert!((dice(&a, &b) - 0.625).abs() < 1e-9);
    }
}
