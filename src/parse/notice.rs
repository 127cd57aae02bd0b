//! The covering notice (通知): title, publication date, document number
//! (发文字号), recipients, body, signing offices and signing date. Takes the document's first lines and
//! gives the notice plus the index of the first line after it (the plan's
//! title). A document that opens with anything but a `…通知` title has no
//! notice and the plan starts at line index 0.

use super::lines::Line;
use super::para;
use crate::model::{DocNumber, Notice};
use crate::text::chinese_number;
use regex::Regex;
use std::sync::LazyLock;

static DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$").expect("valid regex"));
static CN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$")
        .expect("valid regex")
});
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})").expect("valid regex")
});
/// A document number on a line of its own: `通办发〔2017〕107号`,
/// `国办发[2018]128号`, `苏政发(2020)12号` (brackets as normalised).
static DOC_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\S{1,12}[〔【\[(]\d{4}[〕】\])]第?\d+号$").expect("valid regex")
});

/// Lines that may hold the notice title: it comes first, after at most a
/// date line or two.
const TITLE_WINDOW: usize = 4;

/// The notice and the index of the plan's first line.
pub fn parse_notice(lines: &[Line], chapter_start: usize) -> (Option<Notice>, usize) {
    let head = lines.get(..chapter_start.min(lines.len())).unwrap_or(&[]);
    let Some(t) = head
        .iter()
        .take(TITLE_WINDOW)
        .position(|l| is_notice_title(l.text))
    else {
        return (None, skip_meta(head, 0));
    };
    let mut notice = Notice {
        title: head[t].text.to_owned(),
        published: None,
        number: None,
        recipients: None,
        body: Vec::new(),
        signers: Vec::new(),
        signed: None,
        line: head[t].no,
    };
    // Publication date, date written and document number: anywhere in the
    // first lines, before or after the title.
    let mut written = None;
    for l in head.iter().take(t + 4) {
        if let Some(rest) = strip_published(l.text) {
            notice.published = iso_date(rest);
        }
        if let Some(rest) = l.text.strip_prefix(WRITTEN) {
            written = iso_date(rest);
        }
        if let Some(number) = doc_number(l.text) {
            notice.number = Some(DocNumber {
                text: number.to_owned(),
                line: l.no,
            });
        }
    }
    let mut i = t + 1;
    while head.get(i).is_some_and(|l| is_meta(l.text)) {
        i += 1;
    }
    if let Some(l) = head.get(i) {
        if l.text.ends_with(':') && l.text.chars().count() <= 120 && !l.text.contains('。') {
            notice.recipients = Some(para(l.text, l.no));
            i += 1;
        }
    }
    // The signing date closes the notice; signers are the short lines above it.
    let date = (i..head.len()).find(|&j| signing_date(head[j].text).is_some());
    let end = match date {
        Some(d) => {
            notice.signed = signing_date(head[d].text);
            let mut s = d;
            while s > i && is_signer(head[s - 1].text) && d - s < 4 {
                s -= 1;
            }
            notice.signers = head[s..d].iter().map(|l| l.text.to_owned()).collect();
            notice.body = head[i..s].iter().map(|l| para(l.text, l.no)).collect();
            d + 1
        }
        None => {
            // No date: the body runs to the line that reads as the plan's title.
            let title = (i..head.len())
                .find(|&j| looks_like_plan_title(head[j].text))
                .unwrap_or(i.min(head.len()));
            notice.body = head[i..title].iter().map(|l| para(l.text, l.no)).collect();
            title
        }
    };
    // A portal header's `成文日期` stands in for a signature with no date.
    notice.signed = notice.signed.or(written);
    (Some(notice), skip_meta(head, end))
}

fn is_notice_title(text: &str) -> bool {
    text.chars().count() <= 150
        && !text.contains('。')
        && (text.ends_with("通知") || text.contains("的通知"))
}

fn strip_published(text: &str) -> Option<&str> {
    ["发布时间:", "发布日期:", "发文日期:"]
        .iter()
        .find_map(|p| text.strip_prefix(p))
}

/// The date the document was written (成文日期), as a portal's header
/// states it; the signature's date is the same fact in the text itself.
const WRITTEN: &str = "成文日期:";

/// The document number a line states: the whole line, or after
/// `发文字号:` / `文号:`.
fn doc_number(text: &str) -> Option<&str> {
    let number = ["发文字号:", "文号:"]
        .iter()
        .find_map(|p| text.strip_prefix(p))
        .unwrap_or(text)
        .trim();
    DOC_NUMBER.is_match(number).then_some(number)
}

/// Lines of metadata between title and body: publication date, date
/// written, document number.
fn is_meta(text: &str) -> bool {
    strip_published(text).is_some() || text.starts_with(WRITTEN) || doc_number(text).is_some()
}

fn skip_meta(lines: &[Line], mut i: usize) -> usize {
    while lines.get(i).is_some_and(|l| is_meta(l.text)) {
        i += 1;
    }
    i
}

fn iso_date(text: &str) -> Option<String> {
    let c = ISO.captures(text)?;
    format_date(&c[1], &c[2], &c[3])
}

fn format_date(y: &str, m: &str, d: &str) -> Option<String> {
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// `2017年12月15日` or `二〇一七年十二月十五日` as ISO.
pub fn signing_date(text: &str) -> Option<String> {
    if let Some(c) = DATE.captures(text) {
        return format_date(&c[1], &c[2], &c[3]);
    }
    let c = CN_DATE.captures(text)?;
    let year: String = c[1]
        .chars()
        .filter_map(|ch| chinese_number(&ch.to_string()).or((ch == '〇').then_some(0)))
        .map(|d| char::from_digit(d as u32, 10).unwrap_or('0'))
        .collect();
    let m = chinese_number(&c[2])?.to_string();
    let d = chinese_number(&c[3])?.to_string();
    format_date(&year, &m, &d)
}

fn is_signer(text: &str) -> bool {
    text.chars().count() <= 30
        && !text.contains(['。', ',', ':', '《'])
        && !text.chars().any(|c| c.is_ascii_digit())
}

/// A short line naming a plan: `…行动方案`, `…实施意见`.
pub fn looks_like_plan_title(text: &str) -> bool {
    let base = text.trim_end_matches(|c: char| {
        c == ')' || c == '年' || c.is_ascii_digit() || "~-—–至(".contains(c)
    });
    !text.contains('。')
        && text.chars().count() <= 80
        && [
            "方案", "意见", "计划", "规划", "办法", "措施", "细则", "纲要",
        ]
        .iter()
        .any(|s| base.ends_with(s))
}
