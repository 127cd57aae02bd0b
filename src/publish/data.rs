//! [`Portal`] → open data: `data/{targets,tasks,breakdown,departments}`
//! as JSON and as CSV, and one JSON and one CSV file per target beside its
//! page (`{lang}/targets/{slug}/data.{json,csv}`, the same record in both
//! languages and the same columns as `data/targets.csv`).
//!
//! Invariants the tests hold us to: every CSV has the header of its JSON
//! records' keys, in the same order, and one row per record; CSV is UTF-8
//! with a BOM so spreadsheet programs read the Chinese correctly; no CSV
//! text cell starts with a character a spreadsheet reads as the start of a
//! formula (`=`, `+`, `-`, `@`, tab, CR): such a cell gets a leading `'`
//! ([`cell`]). Numbers are written as they are, so `-3` stays a number;
//! JSON carries every text unchanged. Record IDs are the public slugs and
//! anchors, so they are as permanent as URLs.

use crate::content::translations::Rendition;
use crate::link::corrections::Note;
use crate::link::{DeptIx, PolicyIx, Portal, Role, TargetEntry, TargetIx};
use crate::model::{DeptName, ItemId, Lang};
use crate::render::OutputFile;
use serde::Serialize;

/// One quantitative target. Field order is the CSV column order.
#[derive(Debug, Clone, Serialize)]
pub struct TargetRecord {
    /// The target's slug: the last segment of its page URL.
    pub id: String,
    /// The policy's slug.
    pub policy: String,
    pub name_zh: String,
    /// `None` until the target's name is translated.
    pub name_en: Option<String>,
    /// The number as written, in `unit` (2.8 for "2.8%", 1000 for "千家").
    pub value: f64,
    /// The upper end of a range ("1~2个"), else `None`.
    pub value_max: Option<f64>,
    /// The unit as written: `%`, `家`, `万人`, `亿元` …
    pub unit: String,
    /// `value` in `unit_base` (800000000000 for "8000亿元").
    pub value_scaled: f64,
    /// `value_max` in `unit_base`, else `None`.
    pub value_max_scaled: Option<f64>,
    /// The unit without its magnitude: `元`, `人`, `%`, or a measure word.
    pub unit_base: String,
    /// The unit in English as the English page shows it: the base unit
    /// (`yuan`, `people`) or the noun of what a count counts (`incubators`).
    pub unit_en: String,
    /// `at_least`, `more_than`, `about`, `at_most`, `reach`, `exactly` or `range`.
    pub comparator: crate::model::Comparator,
    /// `level`, `share`, `ratio`, `added`, `cumulative`, `per_year` or
    /// `average_per_year`.
    pub kind: crate::model::Kind,
    pub deadline: Option<u16>,
    /// `stated` (in the sentence), `plan_end` (the plan's last year) or
    /// `corrected` (set in `content/corrections/`).
    pub deadline_source: Option<crate::model::DeadlineSource>,
    /// A yearly rate (每年, 年均) rather than a level to reach.
    pub per_year: bool,
    /// Department IDs (slugs).
    pub lead: Vec<String>,
    /// Department IDs (slugs) that co-operate and do not also lead.
    pub cooperating: Vec<String>,
    /// Department IDs (slugs) named as responsible where the document
    /// states no roles (`（责任单位：X、Y）`), and not named with a role.
    pub named: Vec<String>,
    pub mentions: Vec<MentionRecord>,
    /// What the portal corrected of the parser's reading, and why
    /// (`comparator, value: REASON`, see `content/corrections/`); `None`
    /// when the figures are as read from the text.
    pub corrected: Option<String>,
    /// `in_force`, or how its policy stopped being in force: `repealed`,
    /// `expired`, `replaced` (`gazette withdraw`).
    pub policy_status: &'static str,
    /// The day its policy stopped being in force, `YYYY-MM-DD`.
    pub policy_status_date: Option<String>,
    pub url_zh: String,
    pub url_en: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MentionRecord {
    /// The phrase as written, metric through unit.
    pub text_zh: String,
    /// Absolute URL of the paragraph or table row anchor (Chinese edition).
    pub url: String,
}

/// One numbered task of a plan.
#[derive(Debug, Clone, Serialize)]
pub struct TaskRecord {
    /// The anchor: `task-12`.
    pub id: String,
    pub policy: String,
    pub number: u32,
    /// The action (section) it belongs to: `section-3-1`.
    pub section: String,
    pub title_zh: String,
    pub title_en: Option<String>,
    pub lead: Vec<String>,
    pub cooperating: Vec<String>,
    /// Units the clause names without roles.
    pub named: Vec<String>,
    /// Target IDs stated in the task's text.
    pub targets: Vec<String>,
    pub url_zh: String,
    pub url_en: String,
}

/// One row of an annex breakdown table.
#[derive(Debug, Clone, Serialize)]
pub struct RowRecord {
    /// The anchor: `row-4`.
    pub id: String,
    pub policy: String,
    pub number: u32,
    pub group: Option<String>,
    pub content_zh: String,
    pub content_en: Option<String>,
    pub lead: Vec<String>,
    pub cooperating: Vec<String>,
    /// Units of a unit column that names no role (`推进单位`).
    pub named: Vec<String>,
    pub implementers: Vec<String>,
    /// The plan sections or tasks this row restates, best first.
    pub restates: Vec<String>,
    /// What the portal corrected of the parser's reading (group, units,
    /// roles, task), and why; `None` when the row is as read.
    pub corrected: Option<String>,
    pub url_zh: String,
    pub url_en: String,
}

/// One department named anywhere in the portal.
#[derive(Debug, Clone, Serialize)]
pub struct DeptRecord {
    /// The slug: the last segment of its page URL.
    pub id: String,
    pub name_zh: String,
    pub name_en: Option<String>,
    pub short_en: Option<String>,
    /// False for a unit that is not in the department registry.
    pub registered: bool,
    /// Target IDs it leads.
    pub leads_targets: Vec<String>,
    /// Target IDs it co-operates on and does not lead.
    pub cooperates_targets: Vec<String>,
    /// Target IDs it is named for where the document states no roles,
    /// and neither leads nor co-operates on.
    pub named_targets: Vec<String>,
    pub url_zh: String,
    pub url_en: String,
}

/// The CSV header of each record type: its JSON keys, in order.
pub const TARGET_COLUMNS: &[&str] = &[
    "id",
    "policy",
    "name_zh",
    "name_en",
    "value",
    "value_max",
    "unit",
    "value_scaled",
    "value_max_scaled",
    "unit_base",
    "unit_en",
    "comparator",
    "kind",
    "deadline",
    "deadline_source",
    "per_year",
    "lead",
    "cooperating",
    "named",
    "mentions",
    "corrected",
    "policy_status",
    "policy_status_date",
    "url_zh",
    "url_en",
];
pub const TASK_COLUMNS: &[&str] = &[
    "id",
    "policy",
    "number",
    "section",
    "title_zh",
    "title_en",
    "lead",
    "cooperating",
    "named",
    "targets",
    "url_zh",
    "url_en",
];
pub const ROW_COLUMNS: &[&str] = &[
    "id",
    "policy",
    "number",
    "group",
    "content_zh",
    "content_en",
    "lead",
    "cooperating",
    "named",
    "implementers",
    "restates",
    "corrected",
    "url_zh",
    "url_en",
];
pub const DEPT_COLUMNS: &[&str] = &[
    "id",
    "name_zh",
    "name_en",
    "short_en",
    "registered",
    "leads_targets",
    "cooperates_targets",
    "named_targets",
    "url_zh",
    "url_en",
];

/// A site-wide table made of each policy's records in turn, in portal
/// order: `data/{name}.json` and `data/{name}.csv` are joined from the
/// policies' parts ([`PolicyTable::part`], [`PolicyTable::joined`]), so
/// an edit makes again only its policy's part ([`super::reuse`]) and the
/// records are never all held at once.
#[derive(Debug, Clone, Copy)]
pub enum PolicyTable {
    Targets,
    Tasks,
    Breakdown,
}

impl PolicyTable {
    pub const ALL: [PolicyTable; 3] = [
        PolicyTable::Targets,
        PolicyTable::Tasks,
        PolicyTable::Breakdown,
    ];

    /// The file name, without extension.
    pub fn name(self) -> &'static str {
        match self {
            PolicyTable::Targets => "targets",
            PolicyTable::Tasks => "tasks",
            PolicyTable::Breakdown => "breakdown",
        }
    }

    /// Policy `pi`'s part of the table: its records as the JSON array's
    /// items and as CSV rows.
    pub fn part(self, portal: &Portal, pi: PolicyIx) -> Vec<Vec<u8>> {
        match self {
            PolicyTable::Targets => {
                let records: Vec<TargetRecord> = portal
                    .targets_of(pi)
                    .map(|(i, e)| target(portal, i, e))
                    .collect();
                part(&records, TARGET_COLUMNS)
            }
            PolicyTable::Tasks => part(&policy_tasks(portal, pi), TASK_COLUMNS),
            PolicyTable::Breakdown => part(&policy_rows(portal, pi), ROW_COLUMNS),
        }
    }

    /// The table's two files, joined from the policies' `parts`, in
    /// portal order: the bytes [`table`] makes of all their records.
    pub fn joined(self, parts: impl Iterator<Item = Vec<Vec<u8>>>) -> Vec<OutputFile> {
        let columns = match self {
            PolicyTable::Targets => TARGET_COLUMNS,
            PolicyTable::Tasks => TASK_COLUMNS,
            PolicyTable::Breakdown => ROW_COLUMNS,
        };
        let parts: Vec<[Vec<u8>; 2]> = parts
            .map(|part| <[Vec<u8>; 2]>::try_from(part).unwrap_or_default())
            .collect();
        // Sized once: grown by doubling, the tables (100 MB at 1,000
        // policies) were copied several times over on every build, and
        // held up to three times over at the last doubling; the parts and
        // the table are twice.
        let (json_len, csv_len) = parts.iter().fold((0, 0), |(j, c), [items, rows]| {
            (j + items.len() + 2, c + rows.len())
        });
        let mut json = Vec::with_capacity(json_len + 4);
        json.push(b'[');
        let header = csv::<serde_json::Value>(&[], columns);
        let mut csv = Vec::with_capacity(header.len() + csv_len);
        csv.extend_from_slice(&header);
        let mut any = false;
        for [items, rows] in parts {
            if !items.is_empty() {
                json.extend_from_slice(if any { b",\n" } else { b"\n" });
                json.extend_from_slice(&items);
                any = true;
            }
            csv.extend_from_slice(&rows);
        }
        json.extend_from_slice(if any { b"\n]\n" } else { b"]\n" });
        let name = self.name();
        vec![
            OutputFile {
                path: format!("data/{name}.json"),
                bytes: json,
                page: None,
            },
            OutputFile {
                path: format!("data/{name}.csv"),
                bytes: csv,
                page: None,
            },
        ]
    }
}

/// `data/departments.{json,csv}`: made from every policy's duties at once.
pub fn departments_table(portal: &Portal) -> Vec<OutputFile> {
    table("departments", &departments(portal), DEPT_COLUMNS)
}

/// `records` as the items of a pretty JSON array (what is between its
/// brackets, indented one level) and as CSV rows without the header.
fn part<T: Serialize>(records: &[T], columns: &[&str]) -> Vec<Vec<u8>> {
    let json = serde_json::to_vec_pretty(records).expect("records serialise");
    let items = json
        .strip_prefix(b"[\n")
        .and_then(|j| j.strip_suffix(b"\n]"))
        .unwrap_or_default()
        .to_vec();
    let mut w = csv::Writer::from_writer(Vec::new());
    csv_rows(&mut w, records, columns);
    vec![items, w.into_inner().expect("writing to memory")]
}

/// The own data files of policy `pi`'s targets: for each, its record as
/// JSON and as CSV, in both languages' folders. Made from that policy
/// alone (and what every page may show of the portal), so kept and shared
/// by its digest ([`super::reuse`]).
pub fn policy_target_files(portal: &Portal, pi: PolicyIx) -> Vec<OutputFile> {
    let mut out = Vec::new();
    for (i, e) in portal.targets_of(pi) {
        let t = target(portal, i, e);
        let json = json(&t);
        let csv = csv(std::slice::from_ref(&t), TARGET_COLUMNS);
        for lang in Lang::ALL {
            for (ext, bytes) in [("json", &json), ("csv", &csv)] {
                out.push(OutputFile {
                    path: target_data_path(portal, lang, &t.id, ext),
                    bytes: bytes.clone(),
                    page: None,
                });
            }
        }
    }
    out
}

/// Where a target's own data file (`json` or `csv`) is written, relative
/// to `public/`.
fn target_data_path(portal: &Portal, lang: Lang, slug: &str, ext: &str) -> String {
    let urls = &portal.urls;
    crate::link::urls::file_for(&urls.target_data(lang, slug, ext), urls.base_path())
}

/// The record of target `i`, whose entry is `e`.
fn target(portal: &Portal, i: TargetIx, e: &TargetEntry) -> TargetRecord {
    let urls = &portal.urls;
    let p = &portal.policies[e.policy];
    let (t, unit_en) = portal.target_and_unit_en(i);
    let Roles {
        lead,
        cooperating,
        named,
    } = roles(portal, e.responsible.iter().map(|r| (r.dept, r.role)));
    TargetRecord {
        id: e.slug.clone(),
        policy: p.slug.clone(),
        name_zh: e.name_zh.clone(),
        name_en: english(portal, e.policy, t.id.as_str(), &t.metric),
        value: t.value.value,
        value_max: t.value.max,
        unit: t.unit.clone(),
        value_scaled: t.value_scaled,
        value_max_scaled: t.max_scaled,
        unit_base: t.unit_base.clone(),
        unit_en: crate::render::words::en_unit_of(t, unit_en).text.to_owned(),
        comparator: t.comparator,
        kind: t.kind,
        deadline: t.deadline,
        deadline_source: t.deadline_source,
        per_year: t.per_year,
        lead,
        cooperating,
        named,
        mentions: t
            .mentions
            .iter()
            .map(|m| MentionRecord {
                text_zh: m.text.clone(),
                url: absolute_item(portal, Lang::Zh, e.policy, &m.item),
            })
            .collect(),
        corrected: Note::summary(p.corrected.target_notes(&t.id)),
        policy_status: portal
            .withdrawal(e.policy)
            .map_or("in_force", |w| w.status.as_str()),
        policy_status_date: portal
            .withdrawal(e.policy)
            .map(|w| w.date.as_str().to_owned()),
        url_zh: urls.absolute(&urls.target(Lang::Zh, &e.slug)),
        url_en: urls.absolute(&urls.target(Lang::En, &e.slug)),
    }
}

/// The records of policy `pi`'s tasks.
fn policy_tasks(portal: &Portal, pi: PolicyIx) -> Vec<TaskRecord> {
    let p = &portal.policies[pi];
    let mut out = Vec::new();
    for s in p.policy.sections() {
        for t in &s.tasks {
            // A task without its own clause answers to its section's.
            let clause = t.clause.as_ref().or(s.clause.as_ref());
            let Roles {
                lead,
                cooperating,
                named,
            } = match clause {
                Some(c) => named_roles(portal, c.roles_stated, &c.lead, c.others()),
                None => Roles::default(),
            };
            let texts = t.body.iter().chain(&t.paragraphs).map(|x| &x.id);
            let mut targets = Vec::new();
            for id in texts {
                for m in p.mentions.get(id).map_or(&[][..], Vec::as_slice) {
                    push_unique(&mut targets, &portal.targets[m.target].slug);
                }
            }
            out.push(TaskRecord {
                id: t.id.to_string(),
                policy: p.slug.clone(),
                number: t.number,
                section: s.id.to_string(),
                title_zh: t.title.clone(),
                title_en: english(portal, pi, t.id.as_str(), &t.title),
                lead,
                cooperating,
                named,
                targets,
                url_zh: absolute_item(portal, Lang::Zh, pi, &t.id),
                url_en: absolute_item(portal, Lang::En, pi, &t.id),
            });
        }
    }
    out
}

/// The records of policy `pi`'s breakdown table rows.
fn policy_rows(portal: &Portal, pi: PolicyIx) -> Vec<RowRecord> {
    let p = &portal.policies[pi];
    let mut out = Vec::new();
    for r in p.policy.rows() {
        let slugs = |names: &[DeptName]| -> Vec<String> {
            let mut v = Vec::new();
            for n in names {
                if let Some(d) = portal.dept(n.as_str()) {
                    push_unique(&mut v, &portal.departments[d].slug);
                }
            }
            v
        };
        let units = named_roles(portal, r.roles_stated, &r.lead, &r.cooperating);
        out.push(RowRecord {
            id: r.id.to_string(),
            policy: p.slug.clone(),
            number: r.number,
            group: r.group.clone(),
            content_zh: r.content.clone(),
            content_en: english(portal, pi, r.id.as_str(), &r.content),
            lead: units.lead,
            cooperating: units.cooperating,
            named: units.named,
            implementers: slugs(&r.implementers),
            restates: r.links.iter().map(|l| l.item.to_string()).collect(),
            corrected: Note::summary(p.corrected.row_notes(&r.id)),
            url_zh: absolute_item(portal, Lang::Zh, pi, &r.id),
            url_en: absolute_item(portal, Lang::En, pi, &r.id),
        });
    }
    out
}

pub fn departments(portal: &Portal) -> Vec<DeptRecord> {
    let urls = &portal.urls;
    portal
        .departments
        .iter()
        .map(|d| {
            let targets = d.duties.iter().filter_map(|duty| match duty.kind {
                crate::link::DutyKind::Target(t) => Some((&portal.targets[t].slug, duty.role)),
                _ => None,
            });
            let Roles {
                lead: leads,
                cooperating: cooperates,
                named,
            } = Roles::of(targets);
            DeptRecord {
                id: d.slug.clone(),
                name_zh: d.name_zh.clone(),
                name_en: d.name_en.clone(),
                short_en: d.short_en.clone(),
                registered: d.registered,
                leads_targets: leads,
                cooperates_targets: cooperates,
                named_targets: named,
                url_zh: urls.absolute(&urls.department(Lang::Zh, &d.slug)),
                url_en: urls.absolute(&urls.department(Lang::En, &d.slug)),
            }
        })
        .collect()
}

/// The English of a unit of policy `pi`, if it is translated and current.
pub fn english(portal: &Portal, pi: PolicyIx, key: &str, zh: &str) -> Option<String> {
    match portal.policies[pi].translation.render(key, zh) {
        Rendition::Translated { text } => Some(text),
        _ => None,
    }
}

/// Absolute URL of an item's anchor ([`Portal::item_url`]): for
/// `Lang::En`, the Chinese page's when the policy's English pages are not
/// published (`min_english_coverage`), where an English reader is sent.
fn absolute_item(portal: &Portal, lang: Lang, pi: PolicyIx, item: &ItemId) -> String {
    portal.urls.absolute(&portal.item_url(lang, pi, item))
}

/// Slugs by role, each once: a slug that leads is not listed again as
/// co-operating, and one with a stated role not again as named.
#[derive(Default)]
struct Roles {
    lead: Vec<String>,
    cooperating: Vec<String>,
    named: Vec<String>,
}

impl Roles {
    fn of<'a>(pairs: impl Iterator<Item = (&'a String, Role)>) -> Roles {
        let mut r = Roles::default();
        for (slug, role) in pairs {
            let list = match role {
                Role::Lead => &mut r.lead,
                Role::Cooperating => &mut r.cooperating,
                Role::Named => &mut r.named,
            };
            push_unique(list, slug);
        }
        r.cooperating.retain(|s| !r.lead.contains(s));
        r.named
            .retain(|s| !r.lead.contains(s) && !r.cooperating.contains(s));
        r
    }
}

/// Department slugs by role, from department indices.
fn roles(portal: &Portal, pairs: impl Iterator<Item = (DeptIx, Role)>) -> Roles {
    Roles::of(pairs.map(|(d, role)| (&portal.departments[d].slug, role)))
}

/// Department slugs by role, from the units a clause or row names.
fn named_roles<'a>(
    portal: &Portal,
    stated: bool,
    lead: &'a [DeptName],
    coop: impl IntoIterator<Item = &'a DeptName>,
) -> Roles {
    let pairs = crate::link::unit_roles(stated, lead, coop)
        .filter_map(|(n, role)| Some((portal.dept(n.as_str())?, role)));
    roles(portal, pairs)
}

fn push_unique(list: &mut Vec<String>, s: &str) {
    if !list.iter().any(|x| x == s) {
        list.push(s.to_owned());
    }
}

fn json<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).expect("records serialise");
    bytes.push(b'\n');
    bytes
}

/// `data/{name}.json` and `data/{name}.csv` of the same records.
fn table<T: Serialize>(name: &str, records: &[T], columns: &[&str]) -> Vec<OutputFile> {
    vec![
        OutputFile {
            path: format!("data/{name}.json"),
            bytes: json(records),
            page: None,
        },
        OutputFile {
            path: format!("data/{name}.csv"),
            bytes: csv(records, columns),
            page: None,
        },
    ]
}

/// UTF-8 CSV with a BOM. Lists of IDs are joined with `;`; lists of
/// objects (mentions) are written as compact JSON in their cell.
pub fn csv<T: Serialize>(records: &[T], columns: &[&str]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(columns).expect("writing to memory");
    csv_rows(&mut w, records, columns);
    w.into_inner().expect("writing to memory")
}

/// The CSV rows of `records` ([`csv`]).
fn csv_rows<T: Serialize>(w: &mut csv::Writer<Vec<u8>>, records: &[T], columns: &[&str]) {
    for r in records {
        let value = serde_json::to_value(r).expect("records serialise");
        let row = columns.iter().map(|c| cell(value.get(*c)));
        w.write_record(row).expect("writing to memory");
    }
}

/// One CSV cell. Text (strings and joined lists) that a spreadsheet would
/// take for a formula gets a leading `'` (OWASP's advice against CSV
/// injection), which spreadsheets hide and read as "this is text"; JSON
/// numbers, booleans and objects cannot start with those characters except
/// a negative number, which must stay a number.
fn cell(v: Option<&serde_json::Value>) -> String {
    use serde_json::Value;
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => as_text(s.clone()),
        Some(Value::Array(items)) if items.iter().all(Value::is_string) => as_text(
            items
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(";"),
        ),
        Some(other) => other.to_string(),
    }
}

/// The characters that make a spreadsheet read a cell as a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn as_text(text: String) -> String {
    if text.starts_with(FORMULA_START) {
        format!("'{text}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys<T: Serialize>(record: &T) -> Vec<String> {
        match serde_json::to_value(record).unwrap() {
            serde_json::Value::Object(m) => m.keys().cloned().collect(),
            _ => panic!("not an object"),
        }
    }

    fn sorted(cols: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = cols.iter().map(|s| s.to_string()).collect();
        v.sort();
        v
    }

    #[test]
    fn columns_name_every_field_of_their_record() {
        let t = TargetRecord {
            id: String::new(),
            policy: String::new(),
            name_zh: String::new(),
            name_en: None,
            value: 1.0,
            value_max: None,
            unit: String::new(),
            value_scaled: 1.0,
            value_max_scaled: None,
            unit_base: String::new(),
            unit_en: String::new(),
            comparator: crate::model::Comparator::AtLeast,
            kind: crate::model::Kind::Level,
            deadline: None,
            deadline_source: None,
            per_year: false,
            lead: vec![],
            cooperating: vec![],
            named: vec![],
            mentions: vec![],
            corrected: None,
            policy_status: "in_force",
            policy_status_date: None,
            url_zh: String::new(),
            url_en: String::new(),
        };
        assert_eq!(keys(&t), sorted(TARGET_COLUMNS));
        let d = DeptRecord {
            id: String::new(),
            name_zh: String::new(),
            name_en: None,
            short_en: None,
            registered: true,
            leads_targets: vec![],
            cooperates_targets: vec![],
            named_targets: vec![],
            url_zh: String::new(),
            url_en: String::new(),
        };
        assert_eq!(keys(&d), sorted(DEPT_COLUMNS));
    }

    #[test]
    fn tables_joined_from_the_policies_parts_are_the_tables_of_all_records() {
        let root =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/data/sample");
        let portal = crate::load(&crate::BuildOptions::new(&root)).expect("loads");
        let policies = || (0..portal.policies.len()).map(PolicyIx);
        let targets: Vec<TargetRecord> = TargetIx::enumerate(&portal.targets)
            .map(|(i, e)| target(&portal, i, e))
            .collect();
        let tasks: Vec<TaskRecord> = policies()
            .flat_map(|pi| policy_tasks(&portal, pi))
            .collect();
        let rows: Vec<RowRecord> = policies().flat_map(|pi| policy_rows(&portal, pi)).collect();
        assert!(!targets.is_empty() && !tasks.is_empty() && !rows.is_empty());
        let joined = |t: PolicyTable| t.joined(policies().map(|pi| t.part(&portal, pi)));
        assert_eq!(
            joined(PolicyTable::Targets),
            table("targets", &targets, TARGET_COLUMNS)
        );
        assert_eq!(
            joined(PolicyTable::Tasks),
            table("tasks", &tasks, TASK_COLUMNS)
        );
        assert_eq!(
            joined(PolicyTable::Breakdown),
            table("breakdown", &rows, ROW_COLUMNS)
        );
        // A policy without rows gives an empty part, anywhere.
        let none: &[RowRecord] = &[];
        let empty = || part(none, ROW_COLUMNS);
        let with_empty =
            policies().flat_map(|pi| [PolicyTable::Breakdown.part(&portal, pi), empty()]);
        assert_eq!(
            PolicyTable::Breakdown.joined(std::iter::once(empty()).chain(with_empty)),
            table("breakdown", &rows, ROW_COLUMNS)
        );
        assert_eq!(
            PolicyTable::Breakdown.joined(std::iter::empty()),
            table("breakdown", none, ROW_COLUMNS)
        );
    }

    #[test]
    fn csv_starts_with_a_bom_and_joins_lists() {
        let bytes = csv(
            &[serde_json::json!({"id": "a", "lead": ["x", "y"], "n": null})],
            &["id", "lead", "n"],
        );
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert_eq!(text, "id,lead,n\na,x;y,\n");
    }

    #[test]
    fn csv_text_that_looks_like_a_formula_is_prefixed_and_numbers_are_not() {
        let bytes = csv(
            &[serde_json::json!({"t": "-x", "n": -3, "l": ["@a", "b"], "ok": "a=b"})],
            &["t", "n", "l", "ok"],
        );
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert_eq!(text, "t,n,l,ok\n'-x,-3,'@a;b,a=b\n");
    }
}
