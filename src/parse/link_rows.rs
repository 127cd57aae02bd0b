//! Links each breakdown row to the sections, tasks and subtasks it restates.
//!
//! Evidence: the share of the row's character bigrams (punctuation left
//! out) found in the item's title and body; a task or section title that
//! appears verbatim in the row counts as strong evidence. The best item is
//! kept, with any other within [`KEEP_WITHIN`] of it, above [`FLOOR`].

use crate::model::{Confidence, ItemId, Paragraph, Policy, RowLink};
use crate::text::is_punct;
use std::collections::HashSet;

/// Below this share of shared bigrams a row is not linked at all.
const FLOOR: f32 = 0.2;
/// Items scoring at least this fraction of the best are kept too.
const KEEP_WITHIN: f32 = 0.9;
/// A phrase of the row (between commas) found this well in one item links
/// the row to it even when the whole row scores lower: a row often merges
/// a section's aim with one task's figure.
const PHRASE: f32 = 0.75;
/// Phrases shorter than this many bigrams are too generic to count.
const PHRASE_MIN: usize = 8;
/// Score given to an item whose title the row repeats verbatim.
const VERBATIM_TITLE: f32 = 0.75;

/// Character bigrams of `text`, punctuation and spaces removed.
pub fn bigrams(text: &str) -> HashSet<(char, char)> {
    let chars: Vec<char> = text.chars().filter(|c| !is_punct(*c)).collect();
    chars.windows(2).map(|w| (w[0], w[1])).collect()
}

pub fn confidence(score: f32) -> Confidence {
    if score >= 0.6 {
        Confidence::High
    } else if score >= 0.45 {
        Confidence::Medium
    } else {
        Confidence::Low
    }
}

struct Item {
    id: ItemId,
    title: String,
    grams: HashSet<(char, char)>,
}

impl Item {
    /// A section, task or subtask: its title and the body on its heading
    /// line are its wording.
    fn new(id: &ItemId, title: &str, body: Option<&Paragraph>) -> Self {
        let body = body.map_or("", |p| p.text.as_str());
        Item {
            id: id.clone(),
            title: title.to_owned(),
            grams: bigrams(&format!("{title}。{body}")),
        }
    }
}

pub fn link_rows(policy: &mut Policy) {
    let mut items: Vec<Item> = Vec::new();
    for s in policy.sections() {
        items.push(Item::new(&s.id, &s.title, s.body.as_ref()));
        for t in &s.tasks {
            items.push(Item::new(&t.id, &t.title, t.body.as_ref()));
            for st in &t.subtasks {
                items.push(Item::new(&st.id, &st.title, st.body.as_ref()));
            }
        }
    }
    let Some(breakdown) = policy.breakdown.as_mut() else {
        return;
    };
    // An indicator table names what is measured, restating no task.
    let tasks: Vec<bool> = breakdown
        .rows
        .iter()
        .map(|r| !breakdown.is_indicator_row(r))
        .collect();
    for (row, _) in breakdown.rows.iter_mut().zip(tasks).filter(|(_, t)| *t) {
        row.links = links_for(&row.content, &items);
    }
}

fn links_for(content: &str, items: &[Item]) -> Vec<RowLink> {
    let grams = bigrams(content);
    if grams.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(f32, &Item)> = items
        .iter()
        .map(|item| {
            let shared = grams.intersection(&item.grams).count() as f32 / grams.len() as f32;
            let verbatim = item.title.chars().count() >= 4 && content.contains(item.title.as_str());
            let score = if verbatim {
                shared.max(VERBATIM_TITLE)
            } else {
                shared
            };
            (score, item)
        })
        .collect();
    let whole: Vec<(f32, &Item)> = scored.clone();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let best = scored.first().map_or(0.0, |s| s.0);
    if best < FLOOR {
        return Vec::new();
    }
    let mut links: Vec<RowLink> = scored
        .into_iter()
        .take_while(|(s, _)| *s >= best * KEEP_WITHIN && *s >= FLOOR)
        .map(|(score, item)| RowLink {
            item: item.id.clone(),
            confidence: confidence(score),
            score: round(score),
        })
        .collect();
    for phrase in content.split([',', '，', '。', '；', ';']) {
        let pg = bigrams(phrase);
        if pg.len() < PHRASE_MIN {
            continue;
        }
        for (score, item) in &whole {
            let shared = pg.intersection(&item.grams).count() as f32 / pg.len() as f32;
            if shared >= PHRASE && !links.iter().any(|l| l.item == item.id) {
                links.push(RowLink {
                    item: item.id.clone(),
                    confidence: Confidence::Medium.min(confidence(shared)),
                    score: round(*score),
                });
            }
        }
    }
    links
}

fn round(score: f32) -> f32 {
    (score * 1000.0).round() / 1000.0
}
