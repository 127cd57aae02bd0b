//! The translatable units of a policy: every piece of Chinese text a reader
//! sees, keyed by a stable ID. Translation files, `check` and `translate`
//! all enumerate units through [`Policy::text_units`], so they agree.

use super::Policy;

/// One piece of translatable text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextUnit<'a> {
    /// `notice.title`, `task-12-p2`, `task-12`, `row-4`,
    /// `task-12-target-3fa9c1` …
    pub key: String,
    pub zh: &'a str,
    pub line: usize,
}

struct Units<'a>(Vec<TextUnit<'a>>);

impl<'a> Units<'a> {
    fn push(&mut self, key: impl Into<String>, zh: &'a str, line: usize) {
        if !zh.trim().is_empty() {
            self.0.push(TextUnit {
                key: key.into(),
                zh,
                line,
            });
        }
    }
}

impl Policy {
    /// Every unit in document order. Department names are not here: they
    /// are translated once for the portal in the department registry.
    pub fn text_units(&self) -> Vec<TextUnit<'_>> {
        let mut units = Units(Vec::new());
        if let Some(n) = &self.notice {
            units.push("notice.title", &n.title, n.line);
            for (i, s) in n.signers.iter().enumerate() {
                units.push(format!("notice.signer-{}", i + 1), s, n.line);
            }
        }
        units.push("plan.title", &self.plan.title, self.plan.line);
        for c in &self.plan.chapters {
            units.push(c.id.as_str(), &c.title, c.line);
            for s in &c.sections {
                units.push(s.id.as_str(), &s.title, s.line);
                for t in &s.tasks {
                    units.push(t.id.as_str(), &t.title, t.line);
                    for st in &t.subtasks {
                        units.push(st.id.as_str(), &st.title, st.line);
                    }
                }
            }
        }
        for p in self.paragraphs() {
            units.push(p.id.as_str(), &p.text, p.line);
        }
        if let Some(b) = &self.breakdown {
            units.push("breakdown.title", &b.title, b.line);
            for t in &b.further {
                units.push(format!("{}.title", t.id.as_str()), &t.title, t.line);
            }
            for r in &b.rows {
                units.push(r.id.as_str(), &r.content, r.line);
            }
        }
        for t in &self.targets {
            let line = t.mentions.first().map_or(0, |m| m.line);
            units.push(t.id.as_str(), &t.metric, line);
        }
        units.0
    }
}
