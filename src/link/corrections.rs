//! Corrections applied: a parsed [`Policy`] and its
//! `content/corrections/POLICY.yaml` ([`crate::content::corrections`]) in,
//! the corrected policy and what was corrected ([`Corrected`]) out. The
//! first step of the link stage, so the model every page and data file reads
//! holds the corrected facts. Text is never changed: paragraphs, row
//! contents and mentions stay as published; only the parser's readings (a
//! target's figure, comparator, kind, deadline; a row's group, units, roles
//! and task) and the list of targets change.
//!
//! A correction is tied to the text it corrects by a fingerprint: a target's
//! by its sentence ([`sentence_fingerprint`]), a row's by its lines in the
//! seed ([`row_fingerprint`]). When that text changes the correction is not
//! applied and `check` says so (`stale-correction`), naming its line. An ID
//! that does not exist, or a merge into a target that is itself taken out,
//! is an error listing the nearest IDs.

use super::{PolicyIx, RowIx};
use super::{Portal, Urls};
use crate::content::corrections::{
    written_value, Corrections, Lined, RowCorrection, TargetCorrection,
};
use crate::content::lock::UrlLock;
use crate::content::suggest;
use crate::content::targets::TargetMetas;
use crate::diag::Diagnostic;
use crate::model::{
    fingerprint, Confidence, DeadlineSource, ItemId, Kind, Lang, Policy, RowLink, Target,
    TargetValue,
};
use std::collections::{BTreeMap, HashMap, HashSet};

/// What the corrections of one policy changed, for the pages and the open
/// data to say so.
#[derive(Debug, Clone, Default)]
pub struct Corrected {
    /// Target ID → the corrections it shows (a merged target's reasons on
    /// the target that stays).
    pub targets: BTreeMap<ItemId, Vec<Note>>,
    /// Row ID → the corrections it shows.
    pub rows: BTreeMap<ItemId, Vec<Note>>,
    /// What each corrected target was as the text gives it
    /// ([`Target::fingerprint`] before the correction): its URL in
    /// `content/urls.lock` stays its own.
    pub fingerprints: HashMap<ItemId, String>,
    /// Targets taken out: dropped (`None`) or merged into another.
    pub removed: BTreeMap<ItemId, Option<ItemId>>,
}

/// One correction as the pages show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The facts it sets (`comparator`, `value`, `units` …).
    pub fields: Vec<&'static str>,
    reason: String,
    reason_en: Option<String>,
}

impl Note {
    /// The reason in `lang`: the English one on English pages when given.
    pub fn reason(&self, lang: Lang) -> &str {
        match (lang, &self.reason_en) {
            (Lang::En, Some(en)) => en,
            _ => &self.reason,
        }
    }

    /// The reasons of `notes` in `lang`, for a page.
    pub fn reasons(notes: &[Note], lang: Lang) -> Vec<String> {
        notes.iter().map(|n| n.reason(lang).to_owned()).collect()
    }

    /// `comparator, value: REASON`, for the open data.
    pub fn summary(notes: &[Note]) -> Option<String> {
        let parts: Vec<String> = notes
            .iter()
            .map(|n| format!("{}: {}", n.fields.join(", "), n.reason))
            .collect();
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

impl Corrected {
    pub fn target_notes(&self, id: &ItemId) -> &[Note] {
        self.targets.get(id).map_or(&[], Vec::as_slice)
    }

    pub fn row_notes(&self, id: &ItemId) -> &[Note] {
        self.rows.get(id).map_or(&[], Vec::as_slice)
    }

    /// Whether a correction took the target `id` out.
    pub fn took_out(&self, id: &str) -> bool {
        self.removed.keys().any(|k| k.as_str() == id)
    }
}

/// Redirects for the published pages of merged targets: each locked target
/// URL of a target merged into another (under its curated slug, else the
/// fallback) → the URL of the target that stays, in each language. The
/// folder's other files (`data.json`, `embed/`) follow through the folder.
pub fn merge_redirects(
    portal: &Portal,
    metas: &TargetMetas,
    lock: &UrlLock,
) -> Vec<(String, String)> {
    let site = Urls::new("", "/");
    let mut out = Vec::new();
    for (pi, p) in PolicyIx::enumerate(&portal.policies) {
        for (alias, into) in &p.corrected.removed {
            let Some(into) = into else { continue };
            let survivor = portal
                .targets
                .iter()
                .find(|e| e.policy == pi && p.policy.targets[e.index].id == *into);
            let Some(survivor) = survivor else {
                continue;
            };
            let slug = metas
                .get(p.policy.id.as_str())
                .and_then(|m| m.get(alias.as_str()))
                .and_then(|m| m.slug.as_ref())
                .map_or_else(
                    || super::targets::fallback_slug(&p.slug, alias),
                    ToString::to_string,
                );
            for lang in Lang::ALL {
                let from = site.target(lang, &slug);
                if lock.contains(&from) {
                    out.push((from, site.target(lang, &survivor.slug)));
                }
            }
        }
    }
    out
}

/// Applies `corrections` to `policy`; problems become `diags`.
pub fn apply(
    policy: &mut Policy,
    corrections: Option<&Corrections>,
    diags: &mut Vec<Diagnostic>,
) -> Corrected {
    let mut out = Corrected::default();
    let Some(c) = corrections else {
        return out;
    };
    let file = c.file.as_str();
    let sentences: Vec<String> = policy
        .targets
        .iter()
        .map(|t| sentence_fingerprint(policy, t))
        .collect();
    let owned: Vec<String> = policy.targets.iter().map(|t| t.id.to_string()).collect();
    let ids: Vec<&str> = owned.iter().map(String::as_str).collect();
    // Checked first, all of them: which corrections hold.
    let mut holding: Vec<(usize, usize, &TargetCorrection)> = Vec::new();
    for (id, lined) in in_file_order(&c.targets) {
        let Some(i) = ids.iter().position(|t| t == id) else {
            diags.push(unknown(
                file,
                lined.line,
                "target",
                id,
                &ids,
                &policy.source,
            ));
            continue;
        };
        let t = &policy.targets[i];
        let line = t.mentions.first().map_or(0, |m| m.line);
        let what = format!("the sentence of `{id}`");
        if anchored(
            file,
            lined.line,
            &lined.value.source,
            &sentences[i],
            &what,
            (&policy.source, line),
            diags,
        ) {
            holding.push((i, lined.line, &lined.value));
        }
    }
    let taken: HashSet<&str> = holding
        .iter()
        .filter(|(_, _, c)| c.not_a_target || c.merge_into.is_some())
        .map(|&(i, _, _)| ids[i])
        .collect();
    let mut merges: Vec<(usize, usize)> = Vec::new();
    for &(i, line, tc) in &holding {
        let id = policy.targets[i].id.clone();
        let note = |fields| Note {
            fields,
            reason: tc.reason.clone().unwrap_or_default(),
            reason_en: tc.reason_en.clone(),
        };
        if tc.not_a_target {
            out.removed.insert(id, None);
            continue;
        }
        if let Some(into) = &tc.merge_into {
            match ids.iter().position(|t| t == into) {
                None => diags.push(unknown(file, line, "target", into, &ids, &policy.source)),
                Some(_) if taken.contains(into.as_str()) => diags.push(
                    Diagnostic::error("invalid-correction", file, line)
                        .message(format!(
                            "`{id}` is merged into `{into}`, which a correction takes out too"
                        ))
                        .help(format!("merge `{id}` into the target that stays")),
                ),
                Some(j) => {
                    merges.push((i, j));
                    out.removed.insert(id, Some(ItemId::from(into.as_str())));
                    let survivor = policy.targets[j].id.clone();
                    out.targets
                        .entry(survivor)
                        .or_default()
                        .push(note(vec!["merged"]));
                }
            }
            continue;
        }
        let t = &mut policy.targets[i];
        let before = t.fingerprint();
        let fields = set_target(t, tc);
        if !fields.is_empty() {
            out.fingerprints.insert(id.clone(), before);
            out.targets.entry(id).or_default().push(note(fields));
        }
    }
    for (from, into) in merges {
        let moved = std::mem::take(&mut policy.targets[from].mentions);
        let mentions = &mut policy.targets[into].mentions;
        mentions.extend(moved);
        // Every place the document states it, first first (stable: two in
        // one line keep their order).
        mentions.sort_by_key(|m| m.line);
    }
    policy.targets.retain(|t| !out.removed.contains_key(&t.id));
    apply_rows(policy, c, diags, &mut out);
    out
}

/// The corrections as the file lists them, so problems are reported in
/// its order.
fn in_file_order<T>(all: &BTreeMap<String, Lined<T>>) -> Vec<(&String, &Lined<T>)> {
    let mut list: Vec<_> = all.iter().collect();
    list.sort_by_key(|(_, l)| l.line);
    list
}

/// Sets what `c` sets on `t`; the names of the facts it changed.
fn set_target(t: &mut Target, c: &TargetCorrection) -> Vec<&'static str> {
    let mut fields = Vec::new();
    if let Some(unit) = &c.unit {
        t.unit = unit.clone();
        fields.push("unit");
    }
    if let Some((low, high)) = c.value.as_deref().and_then(written_value) {
        t.value = TargetValue {
            written: c.value.as_deref().unwrap_or_default().trim().to_owned(),
            value: low.parse().unwrap_or(t.value.value),
            max: high.and_then(|h| h.parse().ok()),
        };
        fields.push("value");
    }
    if c.value.is_some() || c.unit.is_some() {
        // As the parser scales: digit by digit when the value is written
        // in arabic digits, else (`千`) from its number.
        let (exp, base) = crate::text::units::split_unit(&t.unit);
        let scale = |v: f64, written: Option<&str>| {
            written
                .and_then(|w| crate::text::units::scale(w, exp))
                .unwrap_or(v * 10f64.powi(exp as i32))
        };
        let (low, high) =
            written_value(&t.value.written).map_or((None, None), |(l, h)| (Some(l), h));
        t.value_scaled = scale(t.value.value, low);
        t.max_scaled = t.value.max.map(|m| scale(m, high));
        t.unit_base = base.to_owned();
    }
    if let Some(cmp) = c.comparator {
        t.comparator = cmp;
        fields.push("comparator");
    }
    if let Some(kind) = c.kind {
        t.kind = kind;
        t.per_year = matches!(kind, Kind::PerYear | Kind::AveragePerYear);
        fields.push("kind");
    }
    if let Some(year) = c.deadline {
        t.deadline = Some(year);
        t.deadline_source = Some(DeadlineSource::Corrected);
        fields.push("deadline");
    }
    fields
}

fn apply_rows(
    policy: &mut Policy,
    c: &Corrections,
    diags: &mut Vec<Diagnostic>,
    out: &mut Corrected,
) {
    let file = c.file.as_str();
    let ids: Vec<String> = policy.rows().iter().map(|r| r.id.to_string()).collect();
    let items: Vec<String> = policy
        .sections()
        .map(|s| s.id.to_string())
        .chain(policy.tasks().map(|t| t.id.to_string()))
        .chain(policy.subtasks().map(|t| t.id.to_string()))
        .collect();
    for (id, lined) in in_file_order(&c.rows) {
        let ids_ref: Vec<&str> = ids.iter().map(String::as_str).collect();
        let Some(i) = ids.iter().position(|r| r == id) else {
            diags.push(unknown(
                file,
                lined.line,
                "row",
                id,
                &ids_ref,
                &policy.source,
            ));
            continue;
        };
        let rc = &lined.value;
        if let Some(task) = &rc.task {
            if !items.contains(task) {
                let known: Vec<&str> = items.iter().map(String::as_str).collect();
                diags.push(unknown(
                    file,
                    lined.line,
                    "section or task",
                    task,
                    &known,
                    &policy.source,
                ));
                continue;
            }
        }
        let fp = row_fingerprint(policy, RowIx(i));
        let line = policy.rows()[i].line;
        let what = format!("the lines of `{id}`");
        if !anchored(
            file,
            lined.line,
            &rc.source,
            &fp,
            &what,
            (&policy.source, line),
            diags,
        ) {
            continue;
        }
        let Some(row) = policy.breakdown.as_mut().and_then(|b| b.rows.get_mut(i)) else {
            continue;
        };
        let fields = set_row(row, rc);
        if !fields.is_empty() {
            out.rows.entry(row.id.clone()).or_default().push(Note {
                fields,
                reason: rc.reason.clone().unwrap_or_default(),
                reason_en: rc.reason_en.clone(),
            });
        }
    }
}

fn set_row(row: &mut crate::model::BreakdownRow, c: &RowCorrection) -> Vec<&'static str> {
    let names = |list: &[String]| list.iter().map(|n| n.trim().into()).collect::<Vec<_>>();
    let mut fields = Vec::new();
    if let Some(group) = &c.group {
        row.group = Some(group.clone()).filter(|g| !g.trim().is_empty());
        fields.push("group");
    }
    if let Some(units) = &c.units {
        let mut all = names(units).into_iter();
        row.lead = all.next().into_iter().collect();
        row.cooperating = all.collect();
        row.roles_stated = false;
        fields.push("units");
    }
    if c.lead.is_some() || c.cooperating.is_some() {
        if let Some(lead) = &c.lead {
            row.lead = names(lead);
        }
        if let Some(coop) = &c.cooperating {
            row.cooperating = names(coop);
        }
        row.roles_stated = true;
        fields.push("roles");
    }
    if let Some(implementers) = &c.implementers {
        row.implementers = names(implementers);
        fields.push("implementers");
    }
    if let Some(task) = &c.task {
        row.links = vec![RowLink {
            item: ItemId::from(task.as_str()),
            confidence: Confidence::High,
            score: 1.0,
        }];
        fields.push("task");
    }
    fields
}

/// Whether a correction written against `source` still holds for text
/// whose fingerprint is now `now`; warns when it has no fingerprint (it is
/// applied) or another one (it is not).
fn anchored(
    file: &str,
    line: usize,
    source: &Option<String>,
    now: &str,
    what: &str,
    (seed, seed_line): (&str, usize),
    diags: &mut Vec<Diagnostic>,
) -> bool {
    match source.as_deref().map(str::trim) {
        Some(fp) if fp == now => true,
        None => {
            diags.push(
                Diagnostic::warning("unanchored-correction", file, line)
                    .message(format!("this correction does not say which text it corrects ({what}, {seed}:{seed_line})"))
                    .help(format!("add `source: {now}` so that it is flagged, and no longer applied, when that text changes")),
            );
            true
        }
        Some(fp) => {
            diags.push(
                Diagnostic::warning("stale-correction", file, line)
                    .message(format!("{what} changed since this correction was written (source `{fp}`, now `{now}`, {seed}:{seed_line}); it is not applied"))
                    .help(format!("read the new text: if the correction still holds set `source: {now}`; if the parser now reads it right, remove the correction")),
            );
            false
        }
    }
}

/// An ID the policy does not have, with the nearest ones.
fn unknown(
    file: &str,
    line: usize,
    kind: &str,
    id: &str,
    known: &[&str],
    seed: &str,
) -> Diagnostic {
    let near = suggest::nearest_few(id, known, 3);
    let list = format!(
        "`gazette inspect {seed} --json` lists the IDs; an ID can move when the text is edited: then read the correction against the new text and key it by the new ID"
    );
    let help = match near.as_slice() {
        [] => list,
        near => format!(
            "did you mean {}? {list}",
            near.iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Diagnostic::error("unknown-correction", file, line)
        .message(format!("{seed} has no {kind} `{id}`"))
        .help(help)
}

/// The fingerprint of the sentence stating a target first: its first
/// mention's paragraph, row or row cell, from the sentence mark (`。；！？`) before the
/// figure to the one after it.
pub fn sentence_fingerprint(policy: &Policy, t: &Target) -> String {
    let Some(m) = t.mentions.first() else {
        return fingerprint(&t.metric);
    };
    let text = policy.mention_text(m).unwrap_or(&m.text);
    fingerprint(&sentence(text, m.start, m.end))
}

/// The sentence of `text` holding the characters `start..end`.
fn sentence(text: &str, start: usize, end: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let stop = |c: &char| matches!(c, '。' | '；' | ';' | '！' | '？');
    let from = chars[..start.min(chars.len())]
        .iter()
        .rposition(stop)
        .map_or(0, |i| i + 1);
    let to = chars[end.min(chars.len())..]
        .iter()
        .position(stop)
        .map_or(chars.len(), |i| end + i + 1);
    chars[from..to.max(from)].iter().collect()
}

/// The fingerprint of a row's lines in the seed as published: from its
/// first line up to the next row's (or the end of the document), blank
/// lines left out. The cells a correction of units reads are in them.
pub fn row_fingerprint(policy: &Policy, index: RowIx) -> String {
    let Some(row) = index.of(policy) else {
        return String::new();
    };
    let end = policy
        .rows()
        .iter()
        .map(|r| r.line)
        .filter(|&l| l > row.line)
        .min()
        .unwrap_or(policy.published_lines.len() + 1);
    let lines: Vec<&str> = policy
        .published_lines
        .get(row.line.saturating_sub(1)..(end - 1).min(policy.published_lines.len()))
        .unwrap_or(&[])
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    fingerprint(&lines.join("\n"))
}
