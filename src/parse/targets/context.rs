//! Figures that their sentence shows are not a goal: a level already
//! reached or to be kept, a basis of calculation, a standard per item, the
//! size of something named, a breakdown of another figure, the make-up of
//! a named arrangement, or a condition a beneficiary must meet.
//!
//! - `25.2平方公里已完成`, `已建成10个`, `达到12000元的基础上`: a baseline;
//! - `按照100.9平方公里计`, `原则上按500户配1名`: a basis or a ratio rule;
//! - `由9600元以下提高到15600元以下`: the level it is raised from;
//! - `按园区面积5%的比例设置`, `按照每3万居民设置1个`: a planning norm;
//! - `每村配置1辆`: the equipment each village gets (a standard; `每个街道
//!   建有1个` is a goal);
//! - `2家年收入达500亿元的企业`, `1万名老人以上的街镇`, `1个100平方米以上的
//!   站点`: a size class of what is counted, not a goal;
//! - `20人以上的自然村`, `100户以下的小区`: a head count bounding the places
//!   or bodies meant (which villages), not how many;
//! - `10名以上…老人…的行政村都建有…`: the size of the clause's subject;
//! - `远香湖南（4.73平方公里）`: the size of a named area;
//! - `9个（新城5个、其他区域4个）`: a breakdown of the figure before it;
//! - `即1名…与2名…配合，由3名…协助`: what a named model consists of;
//! - `人数达到职工人数25%…的，可申请`: who may apply, not what is to be done;
//! - `围绕37条产业链和40个产业集群`: the scope the work is about.
//!
//! All offsets are character offsets into the whole text.

/// Characters after `每` that make it a rate in time or per head of
/// population (`每年`, `每万人`), not a standard per item.
const NOT_ITEM: &str = "年月季周日天万千百十";

/// The figure `chars[start..end]`, in the clause `chars[from..to]`.
pub struct Place<'a> {
    pub chars: &'a [char],
    pub from: usize,
    pub to: usize,
    pub start: usize,
    pub end: usize,
}

impl Place<'_> {
    fn before(&self) -> String {
        self.chars
            .get(self.from..self.start)
            .unwrap_or(&[])
            .iter()
            .collect()
    }

    fn after(&self) -> String {
        self.chars
            .get(self.end..self.to)
            .unwrap_or(&[])
            .iter()
            .collect()
    }
}

/// True when the figure's context shows it is not a goal; `figure_ends`
/// are where the clause's figures end (a bracket opening right after one
/// breaks it down).
pub fn is_not_goal(p: &Place, figure_ends: &[usize]) -> bool {
    baseline(p)
        || raised_from(p)
        || basis(p)
        || per_item(p)
        || size_class(p, figure_ends)
        || head_count_class(p)
        || sizes_the_subject(p)
        || bracketed(p, figure_ends)
        || makeup(p)
        || condition(p)
        || scope(p)
}

/// Words opening a clause with the scope of the work (`围绕37条产业链`).
const SCOPE: &[&str] = &["围绕", "聚焦", "针对", "面向", "依托", "立足"];

/// A figure in the object of a clause opening with a scope word, before
/// any verb: what the work is about, already there (`围绕37条产业链和40个
/// 产业集群,支持…`); `围绕重点产业建设10个平台` states a goal.
fn scope(p: &Place) -> bool {
    let before = p.before();
    SCOPE
        .iter()
        .find_map(|w| before.trim_start().strip_prefix(w))
        .is_some_and(|object| {
            !super::figure::LEADING_VERBS
                .iter()
                .any(|v| object.contains(v))
        })
}

/// Already reached (`已`) or the level to build on (`…的基础上`).
fn baseline(p: &Place) -> bool {
    let after = p.after();
    let after = after.trim_start();
    p.before().contains('已')
        || after.starts_with('已')
        || after.starts_with("的基础上")
        || after.starts_with("基础上")
}

/// `由X提高到Y`: X is where the level starts from.
fn raised_from(p: &Place) -> bool {
    const TO: &[&str] = &[
        "提高到",
        "提高至",
        "提升到",
        "提升至",
        "增加到",
        "增加至",
        "调整为",
        "调整到",
        "扩大到",
        "降低到",
        "降至",
    ];
    let after = p.after();
    p.before().contains('由') && TO.iter().any(|w| after.contains(w))
}

/// Right after `按`/`按照` (`按照100.9平方公里计`, `按6个月的…`,
/// `按照每3万居民`), after such a figure in the same clause (`按500户配1名`),
/// or a proportion the clause sets by `按` (`按…面积5%－10%的比例设置`).
fn basis(p: &Place) -> bool {
    let before = p.before();
    let before = before.trim_end();
    if before.ends_with('按') || before.ends_with("按照") {
        return true;
    }
    let chars: Vec<char> = before.chars().collect();
    let by_figure = chars.iter().enumerate().any(|(i, &c)| {
        c == '按' && {
            let next = chars.get(i + 1..).unwrap_or(&[]);
            let next = next.strip_prefix(&['照']).unwrap_or(next);
            let next = next.strip_prefix(&['每']).unwrap_or(next);
            next.first().is_some_and(char::is_ascii_digit)
        }
    });
    by_figure || (chars.contains(&'按') && p.after().contains("比例"))
}

/// `每` names an item (`每村`, `每户`, `每个`; not a year or a head count)
/// that is equipped (`配置`, `配备`, `配`) with the figure; or a clause
/// with no subject that goes on equipping it (`每村配置1辆专用收集车,并设置
/// 干湿垃圾储存点1处`: the same standard, [`continues_standard`]).
fn per_item(p: &Place) -> bool {
    let before: Vec<char> = p.before().chars().collect();
    equips_each(&before) || continues_standard(p)
}

/// Whether `words` name an item with `每` and then equip it (`配`).
fn equips_each(words: &[char]) -> bool {
    let each = (0..words.len()).find(|&i| {
        words.get(i) == Some(&'每')
            && words
                .get(i + 1)
                .is_some_and(|n| !n.is_ascii_digit() && !NOT_ITEM.contains(*n))
    });
    each.is_some_and(|i| words.get(i..).unwrap_or(&[]).contains(&'配'))
}

/// Verbs that equip, opening a clause with no subject.
const EQUIPPING: &[&str] = &["设置", "配置", "配备", "配建"];

/// A clause opening with an equipping verb (after `并`, `同时`) in a
/// sentence whose earlier clause sets a standard per item (`每村配置…`):
/// it adds to what each item gets, not a goal of its own.
fn continues_standard(p: &Place) -> bool {
    let clause: String = p.before();
    let opening = ["并", "同时", "还"]
        .iter()
        .find_map(|w| clause.trim_start().strip_prefix(w))
        .unwrap_or(clause.trim_start());
    if !EQUIPPING.iter().any(|v| opening.starts_with(v)) {
        return false;
    }
    let earlier = p.chars.get(..p.from).unwrap_or(&[]);
    let sentence_start = earlier
        .iter()
        .rposition(|&c| c == '。' || c == '\n')
        .map_or(0, |at| at + 1);
    equips_each(earlier.get(sentence_start..).unwrap_or(&[]))
}

/// The figure qualifies what is counted: `…的` right after it when another
/// figure of the clause comes first in the same phrase (`2家年收入达500亿元
/// 的企业`, `1个100平方米以上的站点`), or a short noun and `以上的`
/// (`1万名老人以上的街镇`). A figure that opens the next item of a list
/// ([`next_in_list`]) is a goal of its own.
fn size_class(p: &Place, figure_ends: &[usize]) -> bool {
    let after = p.after();
    let counted = after.starts_with('的')
        && figure_ends
            .iter()
            .any(|&e| e <= p.start && !next_in_list(p.chars, e, p.start));
    let noun: String = after
        .chars()
        .take_while(|c| !c.is_ascii() && !"，、的以".contains(*c))
        .collect();
    let qualifier = (1..=4).contains(&noun.chars().count())
        && after
            .get(noun.len()..)
            .is_some_and(|rest| rest.starts_with("以上的") || rest.starts_with("以下的"));
    counted || qualifier
}

/// Words joining the items of a list.
const LIST_JOINS: &[&str] = &["、", "以及", "和", "及", "与"];

/// Whether `chars[from..to]`, between one figure and the next, shows the
/// next opening an item of a list of its own: a `、` followed by words
/// naming its metric (`信噪比达到70dB、声学过载点达到135dB的声学传感器`: each
/// specification a goal), or the first figure's `的` and noun, then a
/// joining word right before the next (`90%的市和70%的县达到…`: a share of
/// each).
fn next_in_list(chars: &[char], from: usize, to: usize) -> bool {
    let between = chars.get(from..to).unwrap_or(&[]);
    let own_metric = between
        .iter()
        .rposition(|&c| c == '、')
        .and_then(|at| between.get(at + 1..))
        .is_some_and(|words| words.iter().any(|c| crate::text::is_han(*c)));
    let text: String = between.iter().collect();
    let parallel = text.starts_with('的') && LIST_JOINS.iter().any(|j| text.ends_with(j));
    own_metric || parallel
}

/// Places and bodies a head count can bound (`20人以上的自然村`).
const BOUNDED_BODIES: &[&str] = &[
    "自然村",
    "行政村",
    "村",
    "乡镇",
    "镇",
    "社区",
    "小区",
    "街道",
    "企业",
    "单位",
    "学校",
    "医院",
    "机构",
];

/// A count of people or households bounded by `以上`/`以下` and then `的`
/// and a place or body (`基本实现20人以上的自然村4G网络覆盖`, `300人以上的
/// 企业`): it says which ones are meant. `1000名以上的高技能人才` counts
/// people and stays a goal; `企业家` is no body.
fn head_count_class(p: &Place) -> bool {
    let figure: String = p.chars.get(p.start..p.end).unwrap_or(&[]).iter().collect();
    let bounded = ["人", "户", "名"]
        .iter()
        .any(|u| figure.ends_with(&format!("{u}以上")) || figure.ends_with(&format!("{u}以下")));
    let after = p.after();
    let Some(rest) = after.strip_prefix('的') else {
        return false;
    };
    bounded
        && BOUNDED_BODIES
            .iter()
            .any(|b| rest.starts_with(b) && !rest.starts_with("企业家"))
}

/// A bounded figure opening its clause, then words and `的`: it sizes
/// the subject the clause is about (`10名以上“五保”、孤寡老人且有入住需求
/// 的行政村都建有…`: villages with ten or more such people), not a goal;
/// `80%以上的街镇达到…` (`的` right after the bound) states a share, and
/// so does a figure whose words up to `的` hold the goal's verb
/// (`10家以上重点企业实现覆盖生产全流程的…`: the firms counted do it).
fn sizes_the_subject(p: &Place) -> bool {
    let figure: String = p.chars.get(p.start..p.end).unwrap_or(&[]).iter().collect();
    let after = p.after();
    let goal_verb = |words: &str| {
        ["实现", "达到"]
            .iter()
            .chain(super::figure::LEADING_VERBS)
            .any(|v| words.contains(v))
    };
    p.before().trim().is_empty()
        && (figure.ends_with("以上") || figure.ends_with("以下"))
        && after.find('的').is_some_and(|at| {
            at > 0 && after.len() > at + '的'.len_utf8() && !goal_verb(&after[..at])
        })
}

/// Inside brackets that hold only the figure (the size of what the bracket
/// follows), or that open right after another figure (its breakdown).
fn bracketed(p: &Place, figure_ends: &[usize]) -> bool {
    let Some(open) = open_bracket(p.chars, p.start) else {
        return false;
    };
    let close = p
        .chars
        .get(p.end..)
        .unwrap_or(&[])
        .iter()
        .position(|&c| c == '）' || c == ')')
        .map(|i| p.end + i);
    let alone = close.is_some_and(|c| {
        let inside = |a: usize, b: usize| -> String {
            p.chars.get(a..b).unwrap_or(&[]).iter().collect::<String>()
        };
        inside(open + 1, p.start).trim().is_empty() && inside(p.end, c).trim().is_empty()
    });
    alone || figure_ends.contains(&open)
}

/// The unclosed `（` or `(` before `start` on its line, if any.
fn open_bracket(chars: &[char], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    for i in (0..start).rev() {
        match chars.get(i)? {
            '）' | ')' => depth += 1,
            '（' | '(' if depth == 0 => return Some(i),
            '（' | '(' => depth -= 1,
            '\n' | '。' => return None,
            _ => {}
        }
    }
    None
}

/// A clause opening `即` (it spells out a named model) or a figure right
/// after `由` (who does it, not what is done).
fn makeup(p: &Place) -> bool {
    let before = p.before();
    before.trim_start().starts_with('即') || before.trim_end().ends_with('由')
}

/// A clause ending `…的` followed by `可…` or `给予…`: the condition under
/// which a beneficiary may claim support.
fn condition(p: &Place) -> bool {
    let ends_de =
        p.to.checked_sub(1)
            .and_then(|i| p.chars.get(i))
            .is_some_and(|&c| c == '的');
    let comma = p.chars.get(p.to).is_some_and(|&c| c == '，' || c == ',');
    let next: String = p
        .chars
        .get(p.to + 1..)
        .unwrap_or(&[])
        .iter()
        .take(2)
        .collect();
    ends_de && comma && (next.starts_with('可') || next == "给予")
}
