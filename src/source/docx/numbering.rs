//! Word's automatic list numbering → the label each paragraph displays.
//!
//! Takes `word/numbering.xml` (list definitions: per level a start value,
//! a number format such as `chineseCounting` or `decimal` and a pattern
//! such as `%1、` or `（%2）`) and `word/styles.xml` (styles that carry a
//! list). [`Numbering::label`] is called once per numbered paragraph, in
//! document order, and keeps the counters as Word does: one set per list
//! definition (`w:abstractNum`), so list instances (`w:num`) sharing a
//! definition continue each other unless one overrides its start
//! (`w:startOverride`, Word's "restart numbering"); using a level resets
//! the deeper levels unless their `w:lvlRestart` says otherwise.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::{HashMap, HashSet};

/// Levels per list in Word.
const LEVELS: usize = 9;

#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
    /// `w:lvlRestart`: restart after a level above this 1-based number is
    /// used; 0: never. `None`: after any level above.
    restart: Option<usize>,
}

/// What a paragraph style says about lists.
#[derive(Debug, Clone, Default)]
struct Style {
    num_id: Option<String>,
    ilvl: Option<usize>,
    based_on: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct Instance {
    abstract_id: String,
    /// Level → start value that restarts the list when it is first used.
    overrides: Vec<(usize, u32)>,
}

/// List definitions and the running counters.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    instances: HashMap<String, Instance>,
    /// Paragraph style ID → its list.
    styles: HashMap<String, Style>,
    counters: HashMap<String, [Option<u32>; LEVELS]>,
    started: HashSet<String>,
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find_map(|a| (a.key.local_name().as_ref() == name).then(|| a.value.to_string()))
}

fn val(e: &BytesStart) -> Option<String> {
    attr(e, "val")
}

impl Numbering {
    /// Reads the two parts; either may be absent (empty: paragraphs get no
    /// label). A part that is not well-formed XML is an error naming it:
    /// Word refuses such a file, and numbers read from half of it would
    /// be wrong.
    pub fn new(numbering_xml: &str, styles_xml: &str) -> Result<Numbering, String> {
        let mut n = Numbering::default();
        n.read_numbering(numbering_xml)
            .map_err(|e| format!("word/numbering.xml is not well-formed XML: {e}"))?;
        n.read_styles(styles_xml)
            .map_err(|e| format!("word/styles.xml is not well-formed XML: {e}"))?;
        Ok(n)
    }

    fn read_numbering(&mut self, xml: &str) -> Result<(), quick_xml::Error> {
        let mut reader = Reader::from_str(xml);
        let mut abs: Option<(String, Vec<Level>)> = None;
        let mut lvl: Option<(usize, Level)> = None;
        let mut inst: Option<(String, Instance)> = None;
        let mut override_lvl: Option<usize> = None;
        loop {
            let event = match reader.read_event()? {
                Event::Eof => return Ok(()),
                e => e,
            };
            match event {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "abstractNum" => {
                        let id = attr(&e, "abstractNumId").unwrap_or_default();
                        abs = Some((id, vec![Level::default(); LEVELS]));
                    }
                    // A `w:lvl` inside `w:lvlOverride` only carries a start.
                    "lvl" if inst.is_none() => {
                        let i = attr(&e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                        let level = Level {
                            start: 1,
                            format: "decimal".to_owned(),
                            ..Level::default()
                        };
                        lvl = Some((i, level));
                    }
                    "start" => {
                        if let (Some((_, l)), Some(v)) = (&mut lvl, val(&e)) {
                            l.start = v.parse().unwrap_or(1);
                        } else if let (Some((_, i)), Some(k), Some(v)) =
                            (&mut inst, override_lvl, val(&e))
                        {
                            // `w:lvlOverride/w:lvl/w:start` restarts too.
                            i.overrides.push((k, v.parse().unwrap_or(1)));
                        }
                    }
                    "numFmt" => {
                        if let (Some((_, l)), Some(v)) = (&mut lvl, val(&e)) {
                            l.format = v;
                        }
                    }
                    "lvlText" => {
                        if let Some((_, l)) = &mut lvl {
                            l.text = val(&e).unwrap_or_default();
                        }
                    }
                    "lvlRestart" => {
                        if let Some((_, l)) = &mut lvl {
                            l.restart = val(&e).and_then(|v| v.parse().ok());
                        }
                    }
                    "num" => {
                        let id = attr(&e, "numId").unwrap_or_default();
                        inst = Some((id, Instance::default()));
                    }
                    "abstractNumId" => {
                        if let (Some((_, i)), Some(v)) = (&mut inst, val(&e)) {
                            i.abstract_id = v;
                        }
                    }
                    "lvlOverride" => {
                        override_lvl = attr(&e, "ilvl").and_then(|v| v.parse().ok());
                    }
                    "startOverride" => {
                        if let (Some((_, i)), Some(k), Some(v)) = (&mut inst, override_lvl, val(&e))
                        {
                            i.overrides.push((k, v.parse().unwrap_or(1)));
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.local_name().as_ref() {
                    "lvl" => {
                        if let (Some((i, l)), Some((_, levels))) = (lvl.take(), &mut abs) {
                            if let Some(slot) = levels.get_mut(i) {
                                *slot = l;
                            }
                        }
                    }
                    "abstractNum" => {
                        if let Some((id, levels)) = abs.take() {
                            self.abstracts.insert(id, levels);
                        }
                    }
                    "lvlOverride" => override_lvl = None,
                    "num" => {
                        if let Some((id, i)) = inst.take() {
                            self.instances.insert(id, i);
                        }
                    }
                    _ => {}
                },
                _ => {}
            }
        }
    }

    fn read_styles(&mut self, xml: &str) -> Result<(), quick_xml::Error> {
        let mut reader = Reader::from_str(xml);
        let mut style: Option<(String, Style)> = None;
        loop {
            let event = match reader.read_event()? {
                Event::Eof => return Ok(()),
                e => e,
            };
            match event {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "style" => {
                        let id = attr(&e, "styleId").unwrap_or_default();
                        style = Some((id, Style::default()));
                    }
                    "numId" => {
                        if let Some((_, s)) = &mut style {
                            s.num_id = val(&e);
                        }
                    }
                    "ilvl" => {
                        if let Some((_, s)) = &mut style {
                            s.ilvl = val(&e).and_then(|v| v.parse().ok());
                        }
                    }
                    "basedOn" => {
                        if let Some((_, s)) = &mut style {
                            s.based_on = val(&e);
                        }
                    }
                    _ => {}
                },
                Event::End(e) if e.local_name().as_ref() == "style" => {
                    if let Some((id, s)) = style.take() {
                        self.styles.insert(id, s);
                    }
                }
                _ => {}
            }
        }
    }

    /// The list (numId, level) a paragraph style carries, following
    /// `w:basedOn` a few steps.
    pub fn style_list(&self, style: &str) -> Option<(String, Option<usize>)> {
        let mut id = style;
        for _ in 0..8 {
            let s = self.styles.get(id)?;
            if let Some(num) = &s.num_id {
                return Some((num.clone(), s.ilvl));
            }
            id = s.based_on.as_deref()?;
        }
        None
    }

    /// The label of the next paragraph in list `num_id` at level `ilvl`
    /// (`一、`, `(一)`, `1.`), advancing the counters; `None` for no list
    /// (`numId` 0 or unknown) and for bullets.
    pub fn label(&mut self, num_id: &str, ilvl: usize) -> Option<String> {
        let inst = self.instances.get(num_id)?;
        let levels = self.abstracts.get(&inst.abstract_id)?;
        let ilvl = ilvl.min(LEVELS - 1);
        let counters = self.counters.entry(inst.abstract_id.clone()).or_default();
        if self.started.insert(num_id.to_owned()) {
            for &(k, start) in &inst.overrides {
                if let Some(c) = counters.get_mut(k) {
                    // The override's value is the next number shown.
                    *c = start.checked_sub(1);
                    if start == 0 {
                        *c = None;
                    }
                }
            }
        }
        let level = levels.get(ilvl)?;
        let next = match counters[ilvl] {
            Some(n) => n.saturating_add(1),
            None => level.start,
        };
        counters[ilvl] = Some(next);
        for (deeper, l) in levels.iter().enumerate().skip(ilvl + 1) {
            let restart_below = l.restart.unwrap_or(deeper);
            if ilvl < restart_below {
                counters[deeper] = None;
            }
        }
        if level.format == "bullet" || level.format == "none" {
            return None;
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            let digit = chars.peek().and_then(|d| d.to_digit(10));
            match (c, digit) {
                ('%', Some(d @ 1..=9)) => {
                    chars.next();
                    let k = d as usize - 1;
                    let l = levels.get(k)?;
                    let n = counters[k].unwrap_or(l.start);
                    out.push_str(&format_number(n, &l.format));
                }
                _ => out.push(c),
            }
        }
        Some(out)
    }
}

/// `n` written in Word's number format `format`.
fn format_number(n: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => chinese(n, false),
        "chineseLegalSimplified" => chinese(n, true),
        "ideographTraditional" => cyclic(n, "甲乙丙丁戊己庚辛壬癸"),
        "ideographZodiac" => cyclic(n, "子丑寅卯辰巳午未申酉戌亥"),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "decimalEnclosedParen" if (1..=20).contains(&n) => {
            char::from_u32(0x2474 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .filter_map(|c| char::from_u32(c as u32 - '0' as u32 + 0xff10))
            .collect(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "lowerLetter" => letters(n).to_lowercase(),
        "upperLetter" => letters(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        _ => n.to_string(),
    }
}

/// 1 → 一, 10 → 十, 11 → 十一, 21 → 二十一, 105 → 一百零五 (`legal`:
/// 壹, 拾 …).
fn chinese(n: u32, legal: bool) -> String {
    let digits: Vec<char> = if legal {
        "零壹贰叁肆伍陆柒捌玖".chars().collect()
    } else {
        "零一二三四五六七八九".chars().collect()
    };
    let units: Vec<char> = if legal {
        "拾佰仟".chars().collect()
    } else {
        "十百千".chars().collect()
    };
    if n == 0 {
        return digits[0].to_string();
    }
    if n >= 10_000 {
        return n.to_string();
    }
    let parts = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let mut out = String::new();
    let mut zero = false;
    for (i, &d) in parts.iter().enumerate() {
        let unit = match i {
            0 => Some(units[2]),
            1 => Some(units[1]),
            2 => Some(units[0]),
            _ => None,
        };
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push(digits[0]);
            zero = false;
        }
        // 十一, not 一十一, when ten is the highest place.
        if !(i == 2 && d == 1 && out.is_empty() && !legal) {
            out.push(digits[d as usize]);
        }
        out.extend(unit);
    }
    out
}

fn cyclic(n: u32, chars: &str) -> String {
    let chars: Vec<char> = chars.chars().collect();
    let i = (n.max(1) as usize - 1) % chars.len();
    chars[i].to_string()
}

fn letters(n: u32) -> String {
    // Word repeats the letter: 27 → AA.
    let n = n.max(1) as usize - 1;
    let c = char::from(b'A' + (n % 26) as u8);
    std::iter::repeat_n(c, n / 26 + 1).collect()
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counting_reads_as_written() {
        let got: Vec<String> = [1, 10, 11, 20, 24, 100, 105, 110]
            .iter()
            .map(|&n| chinese(n, false))
            .collect();
        assert_eq!(
            got,
            [
                "一",
                "十",
                "十一",
                "二十",
                "二十四",
                "一百",
                "一百零五",
                "一百一十"
            ]
        );
    }

    const NUMBERING: &str = r#"<w:numbering xmlns:w="w">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:lvlRestart w:val="0"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
    </w:numbering>"#;

    #[test]
    fn levels_reset_deeper_ones_unless_told_not_to() {
        let mut n = Numbering::new(NUMBERING, "").expect("well-formed");
        let seq = [
            (0, "一、"),
            (1, "（一）"),
            (2, "1."),
            (2, "2."),
            (1, "（二）"),
            (2, "3."),
            (0, "二、"),
            (1, "（一）"),
        ];
        for (ilvl, want) in seq {
            assert_eq!(n.label("1", ilvl).as_deref(), Some(want));
        }
    }

    #[test]
    fn a_start_override_restarts_a_shared_list() {
        let mut n = Numbering::new(NUMBERING, "").expect("well-formed");
        assert_eq!(n.label("1", 0).as_deref(), Some("一、"));
        assert_eq!(n.label("1", 0).as_deref(), Some("二、"));
        assert_eq!(n.label("2", 0).as_deref(), Some("一、"));
        assert_eq!(n.label("2", 0).as_deref(), Some("二、"));
        assert_eq!(n.label("9", 0), None);
    }
}
