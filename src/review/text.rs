//! A [`Review`] as text for a terminal: the counts, each section and task,
//! each row and target (doubtful ones marked `!`), then the doubts, last,
//! where the terminal leaves the eye. `import` prints only the counts and
//! the doubts ([`Review::summary`]).

use super::{Review, RowView, UnitView};
use std::fmt::Write as _;

impl Review {
    /// Everything, for `gazette review`.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{} ({}): {}", self.policy, self.source, self.title);
        if !self.items.is_empty() {
            let _ = writeln!(out, "\nsections and tasks:");
        }
        for i in &self.items {
            let indent = if i.kind == "task" { "    " } else { "  " };
            let _ = writeln!(
                out,
                "{}{indent}L{} {} {}{}",
                mark(&i.doubts),
                i.line,
                i.label,
                i.title,
                roles(
                    &i.lead,
                    &i.participants
                        .iter()
                        .chain(&i.implementing)
                        .cloned()
                        .collect::<Vec<_>>(),
                    i.roles_stated,
                    "participating"
                )
            );
        }
        if !self.rows.is_empty() {
            let _ = writeln!(out, "\nannex rows:");
        }
        let mut group: Option<&str> = None;
        for r in &self.rows {
            if r.group.as_deref() != group {
                group = r.group.as_deref();
                let _ = writeln!(out, "  [{}]", group.unwrap_or("no group"));
            }
            row(&mut out, r);
        }
        if !self.targets.is_empty() {
            let _ = writeln!(out, "\ntargets:");
        }
        for t in &self.targets {
            let deadline = t.deadline.map(|d| format!(", by {d}")).unwrap_or_default();
            let source = match t.deadline_source {
                Some(crate::model::DeadlineSource::PlanEnd) => " (plan end)",
                _ => "",
            };
            let _ = writeln!(
                out,
                "{}  L{} {} {}{} [{}, {}{deadline}{source}] {}",
                mark(&t.doubts),
                t.mentions.first().map_or(0, |m| m.0),
                t.metric,
                t.value,
                t.unit,
                snake(&t.comparator),
                snake(&t.kind),
                t.id
            );
        }
        out.push('\n');
        out.push_str(&self.summary());
        out
    }

    /// The counts and the doubts, for `import` and the end of `review`.
    pub fn summary(&self) -> String {
        let c = &self.counts;
        let subtasks = match c.subtasks {
            0 => String::new(),
            n => format!(", {n} subtasks"),
        };
        let mut out = format!(
            "{}: {} chapters, {} sections, {} tasks{subtasks}, {} annex rows, {} targets, {} units ({} not registered)\n",
            self.policy, c.chapters, c.sections, c.tasks, c.rows, c.targets, c.units, c.unregistered
        );
        let (open, accepted): (Vec<&super::Doubt>, Vec<&super::Doubt>) =
            self.doubts.iter().partition(|d| d.acknowledged.is_none());
        for d in &accepted {
            let _ = writeln!(
                out,
                "  acknowledged in content/checks.yaml: {}:{} [{}] {}",
                self.source, d.line, d.code, d.message
            );
        }
        if open.is_empty() {
            out.push_str("nothing doubtful found\n");
            return out;
        }
        let _ = writeln!(
            out,
            "{} doubtful item{} to review (`gazette review {}`, or /_review/{}/ in `gazette serve`):",
            open.len(),
            if open.len() == 1 { "" } else { "s" },
            self.policy,
            self.policy
        );
        for d in open {
            let _ = writeln!(
                out,
                "  {}:{} [{}] {}",
                self.source, d.line, d.code, d.message
            );
        }
        out
    }
}

fn row(out: &mut String, r: &RowView) {
    let shared = if r.shared_units {
        " (units of the row above)"
    } else {
        ""
    };
    let content: String = r.content.replace('\n', " ");
    let _ = writeln!(
        out,
        "{}    L{} {}. {}",
        mark(&r.doubts),
        r.line,
        r.number,
        content
    );
    for (column, text) in &r.extra {
        let _ = writeln!(out, "        {column}: {}", text.replace('\n', " "));
    }
    if !r.links.is_empty() {
        let _ = writeln!(out, "        restates: {}", r.links.join("; "));
    }
    if !r.unit_cells.is_empty() {
        let _ = writeln!(
            out,
            "        cells: {}",
            r.unit_cells.join(" | ").replace('\n', " ")
        );
    }
    let _ = writeln!(
        out,
        "        units:{}{shared}",
        roles(
            &r.lead,
            &r.cooperating
                .iter()
                .chain(&r.implementers)
                .cloned()
                .collect::<Vec<_>>(),
            r.roles_stated,
            "cooperating"
        )
    );
}

/// ` — lead X; participating Y, Z`, unregistered names marked `?`.
fn roles(lead: &[UnitView], others: &[UnitView], stated: bool, word: &str) -> String {
    if lead.is_empty() && others.is_empty() {
        return " — no units".to_owned();
    }
    let names = |units: &[UnitView]| {
        units
            .iter()
            .map(|u| match u.registered {
                true => u.name.clone(),
                false => format!("{}?", u.name),
            })
            .collect::<Vec<_>>()
            .join("、")
    };
    let (lead_word, other_word) = if stated {
        ("lead", word)
    } else {
        ("first", "then")
    };
    let mut s = format!(" — {lead_word} {}", names(lead));
    if !others.is_empty() {
        let _ = write!(s, "; {other_word} {}", names(others));
    }
    s
}

fn mark(doubts: &[String]) -> &'static str {
    if doubts.is_empty() {
        " "
    } else {
        "!"
    }
}

/// A serde enum's snake_case name (`at_least`).
fn snake<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|j| j.as_str().map(str::to_owned))
        .unwrap_or_default()
}
