//! One synthetic seed document of the genre: a notice (or none, for an
//! 实施意见 without header), a plan with chapters, actions and tasks
//! carrying responsibility clauses in one of the accepted shapes, goals
//! and tasks stating quantitative targets, and (usually) an annex
//! breakdown table flattened one cell per line. Takes a seeded RNG and the
//! portal's department pool; gives the text and what `content/` needs.

use super::words::{self, Dept};
use super::Rng;
use std::fmt::Write as _;

/// What a generated document is, beyond its text.
pub struct DocMeta {
    pub slug: String,
    pub issuer_zh: String,
    pub issuer_en: String,
}

/// How a document states who answers for an action.
#[derive(Clone, Copy, PartialEq)]
enum ClauseStyle {
    /// `(市科技局牵头,市发改委、市经信委等参与)` ending an action heading.
    LeadJoin,
    /// A `(责任单位:X、Y)` paragraph after each task.
    Responsible,
    /// `(牵头单位:X,配合单位:Y、Z)` ending each task line.
    LeadCooperate,
    /// No units anywhere.
    None,
}

/// How tasks are numbered.
#[derive(Clone, Copy, PartialEq)]
enum Numbering {
    /// `1.` … continuous across actions (the seed's way).
    Dot,
    /// `1、` continuous.
    Comma,
    /// `(1)` restarting in every action.
    Restart,
}

/// A target as the document words it, with enough to restate it.
#[derive(Clone)]
struct Figure {
    /// Metric through unit, e.g. `高新技术企业达到1000家以上`.
    phrase: String,
}

/// An action (section of the tasks chapter) and its units.
struct Action {
    lead: Vec<&'static str>,
    others: Vec<&'static str>,
}

pub struct Writer<'a> {
    rng: &'a mut Rng,
    city: &'static str,
    depts: &'a [Dept],
    lines: Vec<String>,
    /// Titles used so far: each action and task has its own.
    titles: std::collections::HashSet<String>,
    /// Measurable quantities not yet used in this document, so two
    /// targets never share a metric by accident.
    slots: Vec<Slot>,
}

/// One way of measuring something, used once per document.
#[derive(Clone, Copy)]
enum Slot {
    /// `METRICS[i]`, cumulative (`达到…以上`) or per year (`每年新增…`).
    Metric(usize, bool),
    /// A topic noun with a level prefix: `建成3~5个省级以上创新平台`.
    Noun(&'static str, &'static str),
}

pub fn document(
    rng: &mut Rng,
    city: &'static str,
    city_en: &str,
    depts: &[Dept],
    index: usize,
) -> (String, DocMeta) {
    let mut w = Writer {
        rng,
        city,
        depts,
        lines: Vec::new(),
        titles: Default::default(),
        slots: Vec::new(),
    };
    w.write(city_en, index)
}

impl Writer<'_> {
    fn pick<T: Copy>(&mut self, v: &[T]) -> T {
        v[self.rng.usize(..v.len())]
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.f64() < p
    }

    fn line(&mut self, s: impl Into<String>) {
        self.lines.push(s.into());
    }

    fn dept(&mut self) -> &'static str {
        let d = self.rng.usize(..self.depts.len());
        self.depts[d].name
    }

    /// `n` distinct departments.
    fn depts(&mut self, n: usize) -> Vec<&'static str> {
        let mut v: Vec<&'static str> = Vec::new();
        while v.len() < n.min(self.depts.len()) {
            let d = self.dept();
            if !v.contains(&d) {
                v.push(d);
            }
        }
        v
    }

    fn write(&mut self, city_en: &str, index: usize) -> (String, DocMeta) {
        let (topic, topic_en, topic_nouns) = self.pick(words::TOPICS);
        self.slots = (0..words::METRICS.len())
            .flat_map(|i| [Slot::Metric(i, false), Slot::Metric(i, true)])
            .chain(
                topic_nouns
                    .iter()
                    .flat_map(|n| [Slot::Noun("国家级", n), Slot::Noun("省级以上", n)]),
            )
            .collect();
        self.rng.shuffle(&mut self.slots);
        let kind = self.pick(words::PLAN_KINDS);
        let verb = self.pick(words::PLAN_VERBS);
        let goal = self.pick(words::PLAN_GOALS);
        let start = 2015 + self.rng.u16(0..6);
        let end = start + 2 + self.rng.u16(0..4);
        let title = format!("关于{verb}{topic}{goal}的{kind}");
        let title = if kind == "实施意见" {
            title
        } else {
            format!("{verb}{topic}{goal}{kind}")
        };
        let style = match self.rng.u32(0..20) {
            0..=9 => ClauseStyle::LeadJoin,
            10..=13 => ClauseStyle::Responsible,
            14..=18 => ClauseStyle::LeadCooperate,
            _ => ClauseStyle::None,
        };
        let numbering = match self.rng.u32(0..10) {
            0..=5 => Numbering::Dot,
            6..=7 => Numbering::Comma,
            _ => Numbering::Restart,
        };
        let joint = self.chance(0.6);
        let city = self.city;
        let (issuer_zh, issuer_en, signers) = if joint {
            (
                format!("中共{city}市委办公室、{city}市人民政府办公室"),
                format!("General Office of the CPC {city_en} Municipal Committee and General Office of the {city_en} Municipal People's Government"),
                vec![format!("中共{city}市委办公室"), format!("{city}市人民政府办公室")],
            )
        } else {
            (
                format!("{city}市人民政府"),
                format!("{city_en} Municipal People's Government"),
                vec![format!("{city}市人民政府")],
            )
        };

        // Notice (an 实施意见 sometimes comes without one).
        let has_notice = !(kind == "实施意见" && self.chance(0.5));
        if has_notice {
            if self.chance(0.7) {
                self.line(format!("您当前所在的位置: 首页>> {topic}"));
            }
            let issuing = if joint {
                "市委办公室 市政府办公室".to_owned()
            } else {
                format!("{city}市人民政府")
            };
            let y = end.min(2018) + 1;
            let (m, d) = (1 + self.rng.u32(0..12), 1 + self.rng.u32(0..28));
            let (sm, sd) = (1 + self.rng.u32(0..12), 1 + self.rng.u32(0..28));
            self.line(format!(
                "{issuing}关于印发《{title}({start}~{end}年)》的通知"
            ));
            self.line(format!("发布时间:{y}-{m:02}-{d:02}"));
            self.line(
                "各县(市)区委、人民政府,市委各部委办局,市各委办局,市各人民团体,市各直属单位:",
            );
            let approver = if joint {
                "市委、市政府"
            } else {
                "市政府"
            };
            self.line(format!(
                "《{title}({start}~{end}年)》已经{approver}同意,现印发给你们,请认真贯彻执行。"
            ));
            for s in &signers {
                self.line(s.clone());
            }
            self.line(format!("{}年{sm}月{sd}日", y - 1));
        }
        self.line(title.clone());
        self.line(format!("({start}~{end}年)"));
        let pre = self.paragraph(topic, topic_nouns, 1, 2);
        self.line(format!("为{pre}特制定本{}。", short_kind(kind)));

        // 一、 principles.
        self.line("一、总体思路和基本原则");
        self.line("(一)总体思路");
        let p = self.paragraph(topic, topic_nouns, 3, 7);
        self.line(p);
        self.line("(二)基本原则");
        for _ in 0..self.rng.usize(2..6) {
            let head = self.pick(words::PRINCIPLES);
            let p = self.paragraph(topic, topic_nouns, 2, 4);
            self.line(format!("{head}。{p}"));
        }

        // 二、 goals with targets.
        self.line("二、发展目标");
        let p = self.paragraph(topic, topic_nouns, 2, 5);
        self.line(p);
        let mut goals: Vec<Figure> = Vec::new();
        let bullets = self.rng.usize(3..8);
        for b in 0..bullets {
            let n = self.rng.usize(2..6);
            let figs: Vec<Figure> = (0..n).map(|_| self.figure(topic_nouns)).collect();
            let text = figs
                .iter()
                .map(|f| f.phrase.clone())
                .collect::<Vec<_>>()
                .join(",");
            let aspect = self.pick(words::NOUNS);
            if b == 0 {
                self.line(format!("主要目标:到{end}年,{aspect}显著增强,{text}。"));
            } else {
                self.line(format!("——{aspect}显著增强。{text}。"));
            }
            goals.extend(figs);
        }

        // 三、 tasks.
        self.line("三、主要任务");
        let n_actions = self.rng.usize(4..12);
        let mut task_no = 0u32;
        let mut rows: Vec<(String, Action)> = Vec::new();
        for a in 1..=n_actions {
            let leads = 1 + usize::from(style != ClauseStyle::Responsible && self.chance(0.15));
            let n_others = self.rng.usize(0..5);
            let mut units = self.depts(leads + n_others);
            let others = units.split_off(leads);
            let action = Action {
                lead: units,
                others,
            };
            let head = self.title(topic_nouns);
            let mut body = self.paragraph(topic, topic_nouns, 1, 3);
            if self.chance(0.5) {
                let f = self.figure(topic_nouns);
                body = format!("{body}到{end}年,{}。", f.phrase);
            }
            let clause = if style == ClauseStyle::LeadJoin {
                lead_join(&action)
            } else {
                String::new()
            };
            self.line(format!("({}){head}行动。{body}{clause}", cn(a as u32)));
            let n_tasks = self.rng.usize(1..6);
            for t in 1..=n_tasks {
                task_no += 1;
                let label = match numbering {
                    Numbering::Dot => format!("{task_no}."),
                    Numbering::Comma => format!("{task_no}、"),
                    Numbering::Restart => format!("({t})"),
                };
                let ttitle = self.title(topic_nouns);
                let mut body = self.paragraph(topic, topic_nouns, 1, 5);
                // Restate a goal (same wording: one target, two mentions) or state a new one.
                let fig = if !goals.is_empty() && self.chance(0.3) {
                    let g = self.rng.usize(..goals.len());
                    Some(goals[g].clone())
                } else if self.chance(0.7) {
                    Some(self.figure(topic_nouns))
                } else {
                    None
                };
                if let Some(f) = &fig {
                    body = format!("{body}到{end}年,{}。", f.phrase);
                }
                let task_units = Action {
                    lead: action.lead.clone(),
                    others: action.others.clone(),
                };
                match style {
                    ClauseStyle::LeadCooperate => {
                        let c = lead_cooperate(&task_units);
                        self.line(format!("{label}{ttitle}。{body}{c}"));
                    }
                    ClauseStyle::Responsible => {
                        self.line(format!("{label}{ttitle}。{body}"));
                        let mut all = task_units.lead.clone();
                        all.extend(&task_units.others);
                        self.line(format!("(责任单位:{})", all.join("、")));
                    }
                    _ => self.line(format!("{label}{ttitle}。{body}")),
                }
                if self.chance(0.25) {
                    let p = self.paragraph(topic, topic_nouns, 2, 6);
                    self.line(p);
                }
                let content = match &fig {
                    Some(f) => format!("{ttitle},{}", f.phrase),
                    None => ttitle.clone(),
                };
                rows.push((content, task_units));
            }
        }

        // 四、 guarantees.
        self.line("四、组织与保障");
        for g in 1..=self.rng.usize(2..6) {
            let head = self.pick(words::GUARANTEES);
            let p = self.paragraph(topic, topic_nouns, 2, 5);
            self.line(format!("({}){head}。{p}", cn(g as u32)));
        }

        // Annex table.
        if style != ClauseStyle::None && self.chance(0.9) {
            let short = title.trim_end_matches(kind).trim_start_matches("关于");
            self.line(format!("附件:{short}重点工作任务分解表"));
            self.line("附件");
            self.line(short.to_owned());
            self.line("重点工作任务分解表");
            let (lead_h, coop_h) = self.pick(&[
                ("牵头单位", "协同单位"),
                ("牵头单位", "配合单位"),
                ("牵头部门", "配合部门"),
            ]);
            for h in ["序号", "任务内容", lead_h, coop_h] {
                self.line(h);
            }
            for (i, (content, units)) in rows.iter().enumerate() {
                self.line((i + 1).to_string());
                self.line(content.clone());
                self.line(units.lead.join("、"));
                let mut k = 0;
                while k < units.others.len() {
                    // Now and then two cells run together: `市文广新局市卫计委`.
                    if k + 1 < units.others.len() && self.chance(0.2) {
                        self.line(format!("{}{}", units.others[k], units.others[k + 1]));
                        k += 2;
                    } else {
                        self.line(units.others[k]);
                        k += 1;
                    }
                }
            }
        }

        let full_width = self.chance(0.35);
        let digits = full_width && self.chance(0.3);
        let mut out = String::new();
        for l in &self.lines {
            let l = if full_width {
                widen(l, digits)
            } else {
                l.clone()
            };
            let _ = write!(out, "{l}\n\n");
        }
        let slug = format!(
            "{}-{start}-{end}-{index:04}",
            slugify(topic_en.trim_start_matches("the "))
        );
        let meta = DocMeta {
            slug,
            issuer_zh,
            issuer_en,
        };
        (out, meta)
    }

    /// An action or task title: `强化高水平产业集群`.
    fn title(&mut self, topic_nouns: &[&str]) -> String {
        loop {
            let v = self.pick(words::VERBS);
            let name: String = (0..4).map(|_| self.name_char()).collect();
            let n = if self.chance(0.5) {
                self.pick(topic_nouns)
            } else {
                self.pick(words::NOUNS)
            };
            // A title ending in 中心 or 站 would read as a unit cell in the table.
            let tail = if n.ends_with(['心', '站']) {
                "建设"
            } else {
                ""
            };
            let t = format!("{v}{name}{n}{tail}");
            if self.titles.insert(t.clone()) {
                return t;
            }
        }
    }

    fn name_char(&mut self) -> char {
        let n = words::NAME_CHARS.chars().count();
        words::NAME_CHARS
            .chars()
            .nth(self.rng.usize(..n))
            .unwrap_or('澜')
    }

    /// Running text of `lo..hi` sentences, each ending in `。`.
    fn paragraph(&mut self, topic: &str, topic_nouns: &[&str], lo: usize, hi: usize) -> String {
        let mut s = String::new();
        for _ in 0..self.rng.usize(lo..hi + 1) {
            let parts = self.rng.usize(1..4);
            for p in 0..parts {
                let o = self.pick(words::OPENERS);
                let v = self.pick(words::VERBS);
                let q = self.pick(words::QUALIFIERS);
                let n = self.pick(words::NOUNS);
                let t = self.pick(topic_nouns);
                let clause = match self.rng.u32(0..4) {
                    0 => format!("{o}{topic}发展需求,{v}{q}{n}"),
                    1 => format!("以{t}为载体,{v}{n}"),
                    2 => format!("{v}{t}建设,{}", self.pick(words::GOALS)),
                    _ => format!("{o}{q}{t},{v}{n}"),
                };
                s.push_str(&clause);
                s.push(if p + 1 == parts { '。' } else { ',' });
            }
        }
        s
    }

    /// A quantitative target in one of the genre's shapes, measuring
    /// something no other target of the document measures.
    fn figure(&mut self, topic_nouns: &[&'static str]) -> Figure {
        let slot = self.slots.pop().unwrap_or_else(|| {
            // Out of fresh metrics (a very long document): a topic noun at city level.
            Slot::Noun("市级", topic_nouns[self.rng.usize(..topic_nouns.len())])
        });
        let phrase = match slot {
            Slot::Noun(level, n) => match self.rng.u32(0..3) {
                0 => {
                    let a = 1 + self.rng.u32(0..5);
                    format!("建成{a}~{}个{level}{n}", a + 1 + self.rng.u32(0..3))
                }
                1 => format!("培育{}个左右{level}{n}", 5 + self.rng.u32(0..40)),
                _ => format!("{level}{n}达到{}家以上", 3 + self.rng.u32(0..60)),
            },
            Slot::Metric(i, per_year) => {
                let (metric, unit, lo, hi, dec) = words::METRICS[i];
                let v = lo + self.rng.u32(0..=hi - lo);
                let value = if dec > 0 {
                    format!("{v}.{}", self.rng.u32(1..10))
                } else {
                    v.to_string()
                };
                if per_year {
                    if unit == "%" {
                        format!("{metric}年均提高{}个百分点", 1 + self.rng.u32(0..3))
                    } else {
                        let v = (v / 5).max(1);
                        format!("每年新增{metric}{v}{unit}")
                    }
                } else {
                    match self.rng.u32(0..10) {
                        0..=4 => format!("{metric}达到{value}{unit}以上"),
                        5..=6 => format!("{metric}超过{value}{unit}"),
                        7 => format!("{metric}达到{value}{unit}左右"),
                        _ if unit == "家" => format!("{metric}超千家"),
                        _ => format!("{metric}达{value}{unit}"),
                    }
                }
            }
        };
        Figure { phrase }
    }
}

fn short_kind(kind: &str) -> &str {
    match kind {
        "三年行动计划" => "行动计划",
        "实施意见" => "意见",
        k => k,
    }
}

/// `(市科技局牵头,市发改委、市经信委等参与)`
fn lead_join(a: &Action) -> String {
    if a.others.is_empty() {
        format!("({}牵头)", a.lead.join("、"))
    } else {
        format!("({}牵头,{}等参与)", a.lead.join("、"), a.others.join("、"))
    }
}

/// `(牵头单位:X,配合单位:Y、Z)`
fn lead_cooperate(a: &Action) -> String {
    if a.others.is_empty() {
        format!("(牵头单位:{})", a.lead.join("、"))
    } else {
        format!(
            "(牵头单位:{},配合单位:{})",
            a.lead.join("、"),
            a.others.join("、")
        )
    }
}

/// 1 → 一 … 19 → 十九.
pub fn cn(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_owned(),
        10 => "十".to_owned(),
        11..=19 => format!("十{}", D[(n - 10) as usize]),
        _ => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
    }
}

/// Full-width punctuation (and digits when asked), as many portals publish.
fn widen(s: &str, digits: bool) -> String {
    s.chars()
        .map(|c| match c {
            ',' => '，',
            ':' => '：',
            '(' => '（',
            ')' => '）',
            '~' => '～',
            '%' => '％',
            '0'..='9' if digits => char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c),
            c => c,
        })
        .collect()
}

pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}
