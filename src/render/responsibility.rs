//! Who answers for what, in words every page shares: the name of a role
//! (lead, co-operating, or named with no role stated), where a role is
//! stated (the clause of an action or task, a row of the breakdown table),
//! and a table row that contradicts the plan's clause, as one linked
//! sentence. Pages never choose between two sources that disagree: they
//! show both.

use super::text::{plain, Label, SpanView};
use super::Renderer;
use crate::link::{PolicyIx, Role, Via};
use crate::model::{DeptName, ItemId, Lang};
use crate::parse::LeadConflict;

/// The interface string naming a role.
pub(super) fn role_key(role: Role) -> &'static str {
    match role {
        Role::Lead => "lead",
        Role::Cooperating => "cooperating",
        Role::Named => "named",
    }
}

impl Renderer<'_> {
    /// Where a role is stated, for a reader: "from the clause of Action (4):
    /// …" or "from Row 7 of the task breakdown table".
    pub(super) fn source_label(&self, lang: Lang, pi: PolicyIx, via: Via, item: &ItemId) -> Label {
        let key = match via {
            Via::Clause => "source_clause",
            Via::Table => "source_table",
        };
        let label = self.item_label(lang, pi, item.as_str());
        Label::fill(&self.t(lang, key), &[("item", label)])
    }

    /// The table rows of policy `pi` that contradict its clauses and
    /// concern something `keep` accepts, each as a sentence.
    pub(super) fn conflicts(
        &self,
        lang: Lang,
        pi: PolicyIx,
        keep: impl Fn(&LeadConflict) -> bool,
    ) -> Vec<Vec<SpanView>> {
        self.portal.policies[pi]
            .conflicts
            .iter()
            .filter(|c| keep(c))
            .map(|c| self.conflict(lang, pi, c))
            .collect()
    }

    /// "Row 4 of the task breakdown table names X as lead, but the plan's
    /// clause for Task 6: … names Y.", each name and place a link.
    fn conflict(&self, lang: Lang, pi: PolicyIx, c: &LeadConflict) -> Vec<SpanView> {
        let place = |item: &ItemId| {
            let label = self.item_label(lang, pi, item.as_str());
            vec![SpanView {
                text: label.plain(),
                kind: "item",
                url: Some(self.portal.item_url(lang, pi, item)),
                title: None,
                label: Some(label),
            }]
        };
        let values = [
            ("row", place(&c.row)),
            ("row_lead", self.name_spans(lang, &c.row_lead)),
            ("item", place(&c.item)),
            ("clause_lead", self.name_spans(lang, &c.clause_lead)),
        ];
        fill(&self.t(lang, "lead_conflict"), &values, plain)
    }

    /// Department names as links, cut by the list separator (`; ` in
    /// English, where names hold commas).
    fn name_spans(&self, lang: Lang, names: &[DeptName]) -> Vec<SpanView> {
        let sep = self.t(lang, "list_separator");
        let mut out = Vec::new();
        for n in names {
            if !out.is_empty() {
                out.push(plain(&sep));
            }
            out.push(match self.portal.dept(n.as_str()) {
                Some(d) => {
                    let name = self.dept_name(lang, d);
                    SpanView {
                        text: name.plain(),
                        kind: "dept",
                        url: Some(
                            self.portal
                                .urls
                                .department(lang, &self.portal.departments[d].slug),
                        ),
                        title: None,
                        label: Some(name),
                    }
                }
                // A unit the registry lacks: its Chinese name.
                None => SpanView {
                    label: Some(Label::chinese(lang, n.as_str())),
                    ..plain(n.as_str())
                },
            });
        }
        out
    }
}

/// An interface string with `{name}` placeholders replaced by pieces
/// (spans, [`Label`] parts); text around them becomes `plain` pieces, an
/// unknown placeholder stays as written.
pub(super) fn fill<T: Clone>(
    template: &str,
    values: &[(&str, Vec<T>)],
    plain: impl Fn(&str) -> T,
) -> Vec<T> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        let name = &rest[open + 1..close];
        match values.iter().find(|(k, _)| *k == name) {
            Some((_, spans)) => {
                if open > 0 {
                    out.push(plain(&rest[..open]));
                }
                out.extend(spans.iter().cloned());
            }
            None => out.push(plain(&rest[..=close])),
        }
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        out.push(plain(rest));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_spans_and_unknown_ones_stay_as_written() {
        let link = SpanView {
            text: "Row 4".into(),
            kind: "item",
            url: Some("/x".into()),
            title: None,
            label: None,
        };
        let spans = fill(
            "{row} names {who} {unknown}.",
            &[("row", vec![link])],
            plain,
        );
        let texts: Vec<&str> = spans.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["Row 4", " names {who}", " {unknown}", "."]);
        assert_eq!(spans[0].url.as_deref(), Some("/x"));
    }
}
