//! What `check` reads in the English translations themselves, so the
//! English edition says one thing one way across units and policies:
//!
//! - `glossary-term`: a unit (a target name included) whose Chinese uses a
//!   term of `content/glossary.yaml` and whose English has neither the
//!   term's agreed English nor one of its `variants` (in any case, singular
//!   or plural, hyphen or space; a leading article and a bracketed
//!   abbreviation are optional, and the abbreviation alone will do: `IP`
//!   for `intellectual property (IP)`). Terms are found longest first, so a
//!   term inside a longer one (研发机构 in 新型研发机构) asks for nothing
//!   more.
//! - `style-avoid`: a word `content/style.yaml` lists under `avoid`,
//!   unless it is part of a glossary term's English (an official name such
//!   as `Thousand Talents Plan` stays as agreed).
//! - `heading-case`: a chapter, section or task heading not in the case
//!   `headings:` sets for its level. Sentence case only fails a heading
//!   whose words are all capitalised (proper names and acronyms aside), so
//!   a name the glossary does not know is not taken for Title Case.
//! - `currency-style`: a sum written against `currency:` (`RMB 1.5
//!   trillion` when the style is `1.5 trillion yuan`, or the reverse).
//!
//! Takes the linked portal; gives warnings at the file, line and column of
//! the English in the translation file, which `content/checks.yaml` can
//! acknowledge like any other (a justified deviation, with its reason).

use crate::content::glossary::GlossaryEntry;
use crate::content::style::{Case, Currency, Style};
use crate::content::translations::{fingerprint, Rendition};
use crate::diag::Diagnostic;
use crate::link::glossary::at_word_boundary;
use crate::link::{PolicyEntry, Portal};
use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Words Title Case leaves in lower case (unless first).
const MINOR: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
    "onto", "or", "per", "so", "than", "the", "to", "up", "via", "vs", "with", "yet",
];

/// Every warning about the English of every policy.
pub fn diagnostics(portal: &Portal) -> Vec<Diagnostic> {
    let terms = Terms::new(&portal.glossary);
    let proper = proper_words(portal);
    let mut out = Vec::new();
    for p in &portal.policies {
        let mut file = TranslationFile::new(p);
        let levels = heading_levels(p);
        for u in p.policy.text_units() {
            let Rendition::Translated { text } = p.translation.render(&u.key, u.zh) else {
                continue;
            };
            let unit = Unit {
                key: entry_key(p, &u.key, u.zh),
                zh: u.zh,
                en: &text,
            };
            out.extend(terms.missing(&unit, &mut file));
            out.extend(avoided(&portal.style, &terms, &unit, &mut file));
            if let Some((level, case)) = levels
                .get(u.key.as_str())
                .and_then(|l| Some((*l, l.case(&portal.style)?)))
            {
                out.extend(heading_case(level, case, &proper, &unit, &mut file));
            }
            if let Some(currency) = portal.style.currency {
                out.extend(currency_style(currency, &unit, &mut file));
            }
        }
    }
    out
}

/// One translated unit: the key of the entry holding its English (its own,
/// or the old key its translation still sits under), its Chinese and
/// English.
struct Unit<'a> {
    key: String,
    zh: &'a str,
    en: &'a str,
}

/// The key of the entry whose English the unit `key` shows.
fn entry_key(p: &PolicyEntry, key: &str, zh: &str) -> String {
    let fp = fingerprint(zh);
    match p.translation.units.get(key) {
        Some(t) if t.source == fp => key.to_owned(),
        _ => p.translation.key_for(&fp).unwrap_or(key).to_owned(),
    }
}

/// The glossary as `check` matches it: the Chinese terms in one automaton,
/// and each term's accepted English as stemmed words.
struct Terms<'g> {
    glossary: &'g [GlossaryEntry],
    zh: Option<AhoCorasick>,
    /// Per glossary entry, the word sequences that render it.
    accepted: Vec<Vec<Vec<String>>>,
}

impl<'g> Terms<'g> {
    fn new(glossary: &'g [GlossaryEntry]) -> Self {
        let zh = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(glossary.iter().map(|g| compact_zh(&g.zh)))
            .ok();
        let accepted = glossary
            .iter()
            .map(|g| {
                std::iter::once(&g.en)
                    .chain(&g.variants)
                    .flat_map(|e| forms(e))
                    .map(|f| stems(&f))
                    .filter(|w| !w.is_empty())
                    .collect()
            })
            .collect();
        Terms {
            glossary,
            zh,
            accepted,
        }
    }

    /// The glossary entries whose term the Chinese `zh` uses, longest
    /// first where two overlap, each once, in order of first use.
    fn used_in(&self, zh: &str) -> Vec<usize> {
        let Some(ac) = &self.zh else {
            return Vec::new();
        };
        let mut seen = HashSet::new();
        ac.find_iter(&compact_zh(zh))
            .map(|m| m.pattern().as_usize())
            .filter(|i| seen.insert(*i))
            .collect()
    }

    /// A warning per glossary term of the unit's Chinese its English does
    /// not render as agreed.
    fn missing(&self, u: &Unit, file: &mut TranslationFile) -> Vec<Diagnostic> {
        let en = stems(u.en);
        self.used_in(u.zh)
            .into_iter()
            .filter(|&i| !self.accepted[i].iter().any(|f| contains(&en, f)))
            .map(|i| {
                let g = &self.glossary[i];
                let (line, column) = file.place(&u.key, None);
                let variants = match g.variants.len() {
                    0 => String::new(),
                    _ => format!(
                        " (or {})",
                        g.variants
                            .iter()
                            .map(|v| format!("`{v}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                Diagnostic::warning("glossary-term", file.name.clone(), line)
                    .column(column)
                    .message(format!(
                        "`{}`: the Chinese says {}, which the glossary renders `{}`{variants}; the English does not",
                        u.key, g.zh, g.en
                    ))
                    .label(format!("no `{}` here", g.en))
                    .help(format!(
                        "use the glossary's English for {} (any case, singular or plural); if another rendering is right here, add it to the term's `variants:` in content/glossary.yaml, or acknowledge this warning in content/checks.yaml with the reason",
                        g.zh
                    ))
            })
            .collect()
    }

    /// Byte ranges of `en` where a glossary term's English (or variant)
    /// is written as agreed, in the glossary's own case: `Thousand Talents
    /// Plan` is a name, `thousand talents` is not.
    fn spans_in(&self, en: &str) -> Vec<(usize, usize)> {
        self.glossary
            .iter()
            .flat_map(|g| std::iter::once(&g.en).chain(&g.variants))
            .flat_map(|e| forms(e))
            .flat_map(|f| {
                en.match_indices(f.as_str())
                    .map(|(s, m)| (s, s + m.len()))
                    .filter(|&(s, e)| at_word_boundary(en, s, e))
                    .collect::<Vec<_>>()
            })
            .collect()
    }
}

/// A glossary entry's English as it may be written: whole; without a
/// leading article; without its bracketed part; and a bracketed
/// abbreviation alone (`intellectual property (IP)` → `intellectual
/// property`, `IP`).
fn forms(en: &str) -> Vec<String> {
    let mut out = vec![en.trim().to_owned()];
    if let Some((before, rest)) = en.split_once('(') {
        if let Some((inside, after)) = rest.split_once(')') {
            out.push(format!("{}{}", before.trim_end(), after));
            if !inside.contains(char::is_whitespace) && acronym(inside) {
                out.push(inside.to_owned());
            }
        }
    }
    let without_article: Vec<String> = out
        .iter()
        .filter_map(|f| {
            let t = f.trim();
            ["the ", "a ", "an "]
                .iter()
                .find_map(|a| t.strip_prefix(a))
                .map(str::to_owned)
        })
        .collect();
    out.extend(without_article);
    out.into_iter()
        .map(|f| f.trim().to_owned())
        .filter(|f| !f.is_empty())
        .collect()
}

/// Chinese compared without spaces, in normalised widths.
fn compact_zh(s: &str) -> String {
    crate::text::normalize(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The words of English `s`, lower case and in the singular, hyphens and
/// punctuation as spaces (`R&D`, `3+3` kept whole).
fn stems(s: &str) -> Vec<String> {
    s.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '&' || c == '+'))
        .filter(|w| !w.is_empty())
        .map(singular)
        .collect()
}

/// A plural's singular, closely enough to match one against the other
/// (`industries` → `industry`, `enterprises` → `enterprise`, `talents` →
/// `talent`); other words as they are.
fn singular(w: &str) -> String {
    let n = w.chars().count();
    if n > 4 && w.ends_with("ies") {
        format!("{}y", &w[..w.len() - 3])
    } else if ["sses", "ches", "shes", "xes"]
        .iter()
        .any(|e| w.ends_with(e))
    {
        w[..w.len() - 2].to_owned()
    } else if n > 3 && w.ends_with('s') && !["ss", "us", "is"].iter().any(|e| w.ends_with(e)) {
        w[..w.len() - 1].to_owned()
    } else {
        w.to_owned()
    }
}

/// Whether `words` holds `phrase` as consecutive words.
fn contains(words: &[String], phrase: &[String]) -> bool {
    words.windows(phrase.len()).any(|w| w == phrase)
}

/// A warning per word to avoid in the unit's English, outside the
/// glossary's own terms.
fn avoided(style: &Style, terms: &Terms, u: &Unit, file: &mut TranslationFile) -> Vec<Diagnostic> {
    if style.avoid.is_empty() {
        return Vec::new();
    }
    let lower = u.en.to_lowercase();
    let agreed = terms.spans_in(u.en);
    let mut out = Vec::new();
    for a in &style.avoid {
        let word = a.word.trim().to_lowercase();
        let found = lower
            .match_indices(word.as_str())
            .map(|(s, m)| (s, s + m.len()))
            .filter(|&(s, e)| at_word_boundary(&lower, s, e))
            .find(|&(s, e)| !agreed.iter().any(|&(gs, ge)| gs <= s && e <= ge));
        let Some((s, e)) = found else { continue };
        let written = u.en.get(s..e).unwrap_or(&a.word);
        let (line, column) = file.place(&u.key, Some(written));
        let why = a
            .reason
            .as_deref()
            .map_or(String::new(), |r| format!(" ({r})"));
        out.push(
            Diagnostic::warning("style-avoid", file.name.clone(), line)
                .column(column)
                .message(format!(
                    "`{}`: `{written}` is on the list of words to avoid in content/style.yaml{why}",
                    u.key
                ))
                .label(format!("write `{}`", a.replacement))
                .help(format!(
                    "write `{}` instead; if `{written}` is right here, acknowledge this warning in content/checks.yaml with the reason",
                    a.replacement
                )),
        );
    }
    out
}

/// A heading level of the plan.
#[derive(Debug, Clone, Copy)]
enum Level {
    Chapter,
    Section,
    Task,
}

impl Level {
    fn case(self, style: &Style) -> Option<Case> {
        match self {
            Level::Chapter => style.headings.chapter,
            Level::Section => style.headings.section,
            Level::Task => style.headings.task,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Level::Chapter => "chapter",
            Level::Section => "section",
            Level::Task => "task",
        }
    }
}

/// The level of each heading unit of the policy, by key.
fn heading_levels(p: &PolicyEntry) -> HashMap<&str, Level> {
    let mut levels = HashMap::new();
    for c in &p.policy.plan.chapters {
        levels.insert(c.id.as_str(), Level::Chapter);
        for s in &c.sections {
            levels.insert(s.id.as_str(), Level::Section);
            for t in &s.tasks {
                levels.insert(t.id.as_str(), Level::Task);
                // A subtask's heading is written as a task's.
                for st in &t.subtasks {
                    levels.insert(st.id.as_str(), Level::Task);
                }
            }
        }
    }
    levels
}

/// Words the portal writes capitalised wherever they stand: those of the
/// glossary's English and of the departments' English names.
fn proper_words(portal: &Portal) -> HashSet<String> {
    let glossary = portal
        .glossary
        .iter()
        .flat_map(|g| std::iter::once(&g.en).chain(&g.variants).cloned());
    let departments = portal
        .registry
        .entries
        .iter()
        .flat_map(|d| [d.en.clone(), d.short_en.clone()])
        .flatten();
    glossary
        .chain(departments)
        .flat_map(|name| {
            name.split_whitespace()
                .map(bare)
                .filter(|w| starts_upper(w))
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// A word without the quotes and brackets around it.
fn bare(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_alphanumeric())
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// `R&D`, `IP`, `PCT`: more than one capital.
fn acronym(w: &str) -> bool {
    w.chars().filter(|c| c.is_uppercase()).count() > 1
}

/// A warning when the heading is not in `case`.
fn heading_case(
    level: Level,
    case: Case,
    proper: &HashSet<String>,
    u: &Unit,
    file: &mut TranslationFile,
) -> Option<Diagnostic> {
    let words: Vec<&str> =
        u.en.split_whitespace()
            .map(bare)
            .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
            .collect();
    let (first, rest) = words.split_first()?;
    // Only a hyphenated word's first part is judged (`High-tech`).
    let head = |w: &&str| w.split('-').next().unwrap_or(w).to_owned();
    let minor = |w: &&str| MINOR.contains(&w.to_lowercase().as_str());
    let wrong: Vec<&str> = if !starts_upper(first) {
        vec![first]
    } else {
        match case {
            Case::Title => rest
                .iter()
                .filter(|w| !minor(w) && !starts_upper(&head(w)))
                .copied()
                .collect(),
            Case::Sentence => {
                let judged: Vec<&str> = rest
                    .iter()
                    .filter(|w| !minor(w) && !acronym(&head(w)) && !proper.contains(**w))
                    .copied()
                    .collect();
                if judged.len() >= 2 && judged.iter().all(|w| starts_upper(w)) {
                    judged
                } else {
                    Vec::new()
                }
            }
        }
    };
    let first_wrong = *wrong.first()?;
    let (line, column) = file.place(&u.key, Some(first_wrong));
    let list = wrong
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ");
    Some(
        Diagnostic::warning("heading-case", file.name.clone(), line)
            .column(column)
            .message(format!(
                "`{}`: content/style.yaml sets {case} for {} headings; {list} {} not",
                u.key,
                level.name(),
                if wrong.len() == 1 { "is" } else { "are" }
            ))
            .label(format!("{case} here"))
            .help(match case {
                Case::Title => "capitalise every word but articles, short conjunctions and prepositions (a, and, of, to, with …)",
                Case::Sentence => "capitalise only the first word and proper names; if these words are names, add them to the glossary or acknowledge this warning in content/checks.yaml",
            }),
    )
}

/// A number with its scale words: `1.5 trillion`, `800`, `20 million`.
const AMOUNT: &str = r"\d[\d.,]*(?:\s+(?:hundred|thousand|million|billion|trillion))*";

/// `RMB 1.5 trillion`, `CNY 20 million`, `¥800`.
static CURRENCY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?:\b(?:RMB|CNY)\s*|¥\s*)({AMOUNT})")).expect("valid pattern")
});

/// `1.5 trillion yuan`, `20 million RMB`.
static CURRENCY_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"\b({AMOUNT})\s+(yuan|RMB|CNY)\b")).expect("valid pattern")
});

/// A warning for the first sum of the unit written against `currency`:
/// with `yuan`, a currency before the sum or other than `yuan` after it;
/// with `RMB`, any currency after the sum or other than `RMB` before it.
fn currency_style(currency: Currency, u: &Unit, file: &mut TranslationFile) -> Option<Diagnostic> {
    let before = CURRENCY_FIRST
        .captures_iter(u.en)
        .filter(|c| currency == Currency::Yuan || !c[0].starts_with("RMB"));
    let after = CURRENCY_AFTER
        .captures_iter(u.en)
        .filter(|c| currency == Currency::Rmb || &c[2] != "yuan");
    let found = before
        .chain(after)
        .min_by_key(|c| c.get(0).map_or(0, |m| m.start()))?;
    let written = found.get(0)?.as_str();
    let amount = found.get(1)?.as_str();
    let (wanted, style) = match currency {
        Currency::Yuan => (format!("{amount} yuan"), "yuan"),
        Currency::Rmb => (format!("RMB {amount}"), "RMB"),
    };
    let (line, column) = file.place(&u.key, Some(written));
    Some(
        Diagnostic::warning("currency-style", file.name.clone(), line)
            .column(column)
            .message(format!(
                "`{}`: `{written}`, but content/style.yaml writes sums as `{wanted}` (currency: {style})",
                u.key
            ))
            .label(format!("write `{wanted}`"))
            .help(format!("write `{wanted}`, as the site writes its sums")),
    )
}

/// Where in a policy's translation file an entry's English is, read from
/// the file only when a warning needs it.
struct TranslationFile<'a> {
    p: &'a PolicyEntry,
    /// As diagnostics and `content/checks.yaml` name it.
    name: String,
    text: Option<Option<String>>,
}

impl<'a> TranslationFile<'a> {
    fn new(p: &'a PolicyEntry) -> Self {
        let name = crate::content::translation_path(
            std::path::Path::new(""),
            crate::model::Lang::En,
            p.policy.id.as_str(),
        )
        .display()
        .to_string();
        TranslationFile {
            p,
            name,
            text: None,
        }
    }

    /// Line and column (1-based, in characters) of `needle` in the entry
    /// `key`'s text (found in any case), else of its `text:` line, else of
    /// its key; column 0 when only the line is known.
    fn place(&mut self, key: &str, needle: Option<&str>) -> (usize, usize) {
        let start = self.p.translation.line_of(key);
        let path = &self.p.translation.path;
        let text = self
            .text
            .get_or_insert_with(|| std::fs::read_to_string(path).ok());
        let Some(text) = text else {
            return (start, 0);
        };
        // The entry: its key line and the indented lines below it.
        let entry: Vec<(usize, &str)> = text
            .lines()
            .enumerate()
            .skip(start)
            .take_while(|(_, l)| l.is_empty() || l.starts_with([' ', '#']))
            .map(|(i, l)| (i + 1, l))
            .collect();
        let text_line = entry
            .iter()
            .position(|(_, l)| l.trim_start().starts_with("text:"));
        let from = text_line.map_or(&entry[..], |i| &entry[i..]);
        if let Some(needle) = needle.map(str::to_lowercase) {
            let found = from.iter().find_map(|(n, l)| {
                let lower = l.to_lowercase();
                lower
                    .find(&needle)
                    .map(|b| (*n, crate::text::char_offset(&lower, b) + 1))
            });
            if let Some(place) = found {
                return place;
            }
        }
        text_line.map_or((start, 0), |i| (entry[i].0, 0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &[&str]) -> Vec<String> {
        s.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn plurals_and_case_match_their_singular() {
        assert_eq!(
            stems("High-Tech Enterprises and R&D laboratories"),
            words(&["high", "tech", "enterprise", "and", "r&d", "laboratory"])
        );
        assert_eq!(singular("business"), "business");
        assert_eq!(singular("processes"), "process");
        assert_eq!(singular("campus"), "campus");
        assert!(contains(
            &stems("Backbone innovative enterprises"),
            &stems("innovative enterprise")
        ));
    }

    #[test]
    fn a_bracketed_abbreviation_and_an_article_are_optional() {
        let f = forms("intellectual property (IP)");
        assert!(f.contains(&"intellectual property".to_owned()), "{f:?}");
        assert!(f.contains(&"IP".to_owned()), "{f:?}");
        let f = forms("the \"3+3\" key industries");
        assert!(f.contains(&"\"3+3\" key industries".to_owned()), "{f:?}");
        assert!(contains(
            &stems("output of the 3+3 key industries"),
            &stems(&f[1])
        ));
    }

    #[test]
    fn the_longer_of_two_overlapping_terms_is_the_one_used() {
        let glossary: Vec<GlossaryEntry> = crate::content::yaml::from_str(
            "- {zh: 研发机构, en: R&D institution}\n- {zh: 新型研发机构, en: new-type R&D institution}\n",
            std::path::Path::new("glossary.yaml"),
        )
        .expect("glossary");
        let terms = Terms::new(&glossary);
        assert_eq!(terms.used_in("建设新型研发机构10家"), vec![1]);
        assert_eq!(terms.used_in("企业研发机构"), vec![0]);
    }
}
