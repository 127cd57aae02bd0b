//! Department names out of a list or a table cell: `市科技局、市发改委等`,
//! `市文广新局市卫计委` (run together). Gives names in order, each trimmed,
//! never empty, with a trailing `等` removed.
//!
//! Splitting: list separators first (`、` `,` `，` `；` `;` `/` spaces), then
//! inside each piece the longest known name (registry names and aliases) at
//! each position; unknown text is cut after a unit suffix (`局`, `委`, `办`,
//! `中心`, `公司` …) when the next character opens a new name (`市`, `省`,
//! `县`, `区`). So `市文广新局市卫计委` is two units even without a registry,
//! while `市政府国资委` stays one.

/// Suffixes that end a unit's name, longest first.
const SUFFIXES: &[&str] = &[
    "政府",
    "街道",
    "街镇",
    "工业园区",
    "乡镇",
    "专班",
    "中心",
    "公司",
    "集团",
    "委员会",
    "成员单位",
    "机关",
    "机构",
    "局",
    "委",
    "办",
    "厅",
    "院",
    "会",
    "所",
    "部",
    "室",
    "处",
    "站",
    "队",
    "署",
    "馆",
    "社",
    "行",
    "团",
    "科",
    "组",
    "联",
    "协",
    "镇",
];

/// Characters that start a new unit's name after a suffix.
const NAME_STARTS: &[char] = &['市', '省', '县', '区'];

/// Separators between list items.
fn is_separator(c: char) -> bool {
    matches!(c, '、' | ',' | '，' | '；' | ';' | '/' | '|' | '\t' | '\n') || c.is_whitespace()
}

/// Splits a list of department names.
pub fn split_units(text: &str, known: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for piece in collective_pieces(text) {
        let piece = strip_etc(piece.trim());
        if piece.is_empty() {
            continue;
        }
        if opens_collective(piece) && piece.contains(['、', '(']) {
            // A collective phrase is one unit whatever it enumerates.
            out.push(piece.to_owned());
            continue;
        }
        for unit in conjoined(piece) {
            split_run_together(unit, known, &mut out);
        }
    }
    out
}

/// Words joining the last two units of a list (`X及Y`, `X以及Y`).
const CONJUNCTIONS: &[&str] = &["以及", "及"];

/// `市科技局及相关行业主管部门`: two units joined by `及`, cut where the
/// text before ends in a unit suffix and the text after is a unit too (a
/// suffix, or a body such as `…部门`, `…单位`); `领导小组及其办公室`
/// (`及其`, its own office) and `屋面及相关设施` (no unit before) stay
/// whole.
fn conjoined(piece: &str) -> Vec<&str> {
    let cut = CONJUNCTIONS.iter().find_map(|c| {
        piece.match_indices(c).find_map(|(i, _)| {
            let (before, after) = (piece.get(..i)?, piece.get(i + c.len()..)?);
            let is_unit =
                |s: &str| ends_with_suffix(s) || s.ends_with("部门") || s.ends_with("单位");
            (ends_with_suffix(before) && !after.starts_with('其') && is_unit(after))
                .then_some((before, after))
        })
    });
    match cut {
        Some((before, after)) => {
            let mut out = vec![before];
            out.extend(conjoined(after));
            out
        }
        None => vec![piece],
    }
}

/// Splits at separators outside brackets, then joins a collective phrase
/// again: `各区、县级市` and `各县(市、区)政府` are one unit each (a short
/// piece with no unit suffix after a `各…` piece continues its list).
fn collective_pieces(text: &str) -> Vec<&str> {
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, c) in text.char_indices() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            c if depth == 0 && is_separator(c) => {
                cuts.push((start, i));
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    cuts.push((start, text.len()));
    let mut out: Vec<&str> = Vec::new();
    let mut open: Option<usize> = None; // start of the current 各… phrase
    for (s, e) in cuts {
        let piece = text.get(s..e).unwrap_or("");
        let sep = text.get(s.saturating_sub('、'.len_utf8())..s).unwrap_or("");
        let continues = sep == "、"
            && !piece.is_empty()
            && ((piece.chars().count() <= 4 && !ends_with_suffix(piece)) || names_levels(piece));
        match (open, out.last_mut()) {
            (Some(o), Some(last)) if continues => *last = text.get(o..e).unwrap_or(last),
            _ => {
                open = opens_collective(piece).then_some(s);
                out.push(piece);
            }
        }
    }
    out
}

/// True when `piece` opens a collective phrase: `各…` (`各区`, `各有关单位`),
/// or `有关` / `相关` followed by levels of government only (`有关区`,
/// `相关县(市)`), never by a kind of body (`有关部门`, `相关单位`).
fn opens_collective(piece: &str) -> bool {
    let piece = piece.trim_start();
    piece.starts_with('各')
        || ["有关", "相关"]
            .iter()
            .filter_map(|w| piece.strip_prefix(w))
            .any(names_levels)
}

/// Levels of government that a collective enumerates, with the words of
/// their names: `区`, `县级市`, `县(区)`, `乡镇`, `街道` ….
const LEVEL_CHARS: &str = "省市县区级镇乡街道州盟旗自治";

/// Endings that make levels a body: `县级市政府`, `区县人民政府`.
const GOVERNMENT_ENDINGS: &[&str] = &["人民政府", "党委政府", "政府"];

/// True when `piece` names only levels of government, optionally with a
/// bracketed scope and a government ending: the tail of a collective such
/// as `各区、县级市政府` or `各市、县(区)人民政府`, never a named unit
/// (`市财政局`).
fn names_levels(piece: &str) -> bool {
    let piece = piece.trim();
    let levels = GOVERNMENT_ENDINGS
        .iter()
        .find_map(|e| piece.strip_suffix(e))
        .unwrap_or(piece);
    let levels: String = levels
        .chars()
        .filter(|c| !matches!(c, '(' | ')' | '（' | '）' | '、'))
        .collect();
    (1..=6).contains(&levels.chars().count()) && levels.chars().all(|c| LEVEL_CHARS.contains(c))
}

/// Removes trailing `等`, `等参与`, `等单位`, `等相关部门`, `等有关部门和单位`
/// and the like; a
/// name that only ends like them (`市政府有关部门`) stays whole.
fn strip_etc(piece: &str) -> &str {
    const TAILS: &[&str] = &[
        "参与", "配合", "协同", "单位", "部门", "相关", "有关", "和", "及",
    ];
    let mut rest = piece.trim_end();
    while let Some(shorter) = TAILS.iter().find_map(|t| rest.strip_suffix(t)) {
        rest = shorter;
    }
    match rest.strip_suffix('等') {
        Some(name) => name.trim(),
        None => piece.trim(),
    }
}

fn split_run_together(piece: &str, known: &[String], out: &mut Vec<String>) {
    let chars: Vec<(usize, char)> = piece.char_indices().collect();
    let mut buf_start: Option<usize> = None; // byte offset where unknown text began
    let mut i = 0;
    while i < chars.len() {
        let (byte, _) = chars[i];
        let rest = piece.get(byte..).unwrap_or("");
        let buf = buf_start.and_then(|s| piece.get(s..byte)).unwrap_or("");
        let may_start = buf.is_empty() || ends_with_suffix(buf);
        if may_start {
            if let Some(name) = longest_known(rest, known) {
                flush(buf, out);
                buf_start = None;
                out.push(name.to_owned());
                i += name.chars().count();
                continue;
            }
        }
        if buf_start.is_none() {
            buf_start = Some(byte);
        }
        i += 1;
        // Cut after a suffix when the next character starts a new name.
        if let (Some(start), Some(&(next_byte, next))) = (buf_start, chars.get(i)) {
            let unit = piece.get(start..next_byte).unwrap_or("");
            if NAME_STARTS.contains(&next) && ends_with_suffix(unit) {
                flush(unit, out);
                buf_start = None;
            }
        }
    }
    if let Some(start) = buf_start {
        flush(piece.get(start..).unwrap_or(""), out);
    }
}

fn flush(unit: &str, out: &mut Vec<String>) {
    let unit = strip_etc(unit.trim());
    if !unit.is_empty() {
        out.push(unit.to_owned());
    }
}

/// True when `s` ends in a unit suffix (`局`, `委`, `办`, `公司` …) and is
/// longer than the suffix alone.
pub fn has_unit_suffix(s: &str) -> bool {
    ends_with_suffix(s)
}

fn ends_with_suffix(s: &str) -> bool {
    SUFFIXES.iter().any(|suf| s.ends_with(suf)) && s.chars().count() >= 2
}

fn longest_known<'k>(rest: &str, known: &'k [String]) -> Option<&'k str> {
    known
        .iter()
        .filter(|k| !k.is_empty() && rest.starts_with(k.as_str()))
        .max_by_key(|k| k.len())
        .map(String::as_str)
}

/// True when `line` reads as a cell of department names rather than text:
/// short pieces, each a known name or ending in a unit suffix, no sentence
/// punctuation.
pub fn looks_like_units(line: &str, known: &[String]) -> bool {
    // A name may carry a bracketed alias or scope: `区委组织部(区公务员局)`,
    // `各街镇(园区)`; the name before it decides.
    let line = without_brackets(line.trim());
    if line.is_empty() || line.contains(['。', ':', '：', '(', ')', '（', '）']) {
        return false;
    }
    let units = split_units(&line, known);
    !units.is_empty()
        && units.iter().all(|u| {
            known.iter().any(|k| k == u)
                || (u.chars().count() <= 20
                    && ends_with_suffix(u)
                    && !u.chars().any(|c| c.is_ascii_digit()))
        })
}

/// `text` without its bracket groups; unchanged when the brackets do not pair.
fn without_brackets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' if depth > 0 => depth -= 1,
            ')' | '）' => return text.to_owned(),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    if depth == 0 {
        out
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn run_together_split_without_registry() {
        assert_eq!(
            split_units("市文广新局市卫计委", &[]),
            names(&["市文广新局", "市卫计委"])
        );
        assert_eq!(split_units("市政府国资委", &[]), names(&["市政府国资委"]));
        assert_eq!(split_units("市委市政府", &[]), names(&["市委", "市政府"]));
    }

    #[test]
    fn lists_and_etc() {
        assert_eq!(
            split_units("市发改委、市经信委、市质监局等", &[]),
            names(&["市发改委", "市经信委", "市质监局"])
        );
        assert_eq!(
            split_units("市科技局，市财政局等单位", &[]),
            ["市科技局", "市财政局"]
        );
        assert_eq!(
            split_units("区水务局、区绿化市容局等相关部门", &[]),
            ["区水务局", "区绿化市容局"]
        );
        assert_eq!(split_units("市科技局等有关单位", &[]), ["市科技局"]);
        assert_eq!(split_units("市政府有关部门", &[]), ["市政府有关部门"]);
    }

    #[test]
    fn collective_phrases_stay_whole() {
        assert_eq!(
            split_units("市人社局,各区、县级市", &[]),
            names(&["市人社局", "各区、县级市"])
        );
        assert_eq!(
            split_units("各县(市、区)政府、市财政局", &[]),
            names(&["各县(市、区)政府", "市财政局"])
        );
        assert_eq!(
            split_units("各区、市财政局", &[]),
            names(&["各区", "市财政局"])
        );
    }

    #[test]
    fn collective_of_levels_with_government_ending() {
        // Several levels of government joined by `、` and ending in `政府`
        // are one collective, however long the last level.
        assert_eq!(
            split_units("市民政局、市残联,各区、县级市政府", &[]),
            names(&["市民政局", "市残联", "各区、县级市政府"])
        );
        assert_eq!(
            split_units("各有关区、县级市政府", &[]),
            names(&["各有关区、县级市政府"])
        );
        assert_eq!(
            split_units("各市、县(区)人民政府、省财政厅", &[]),
            names(&["各市、县(区)人民政府", "省财政厅"])
        );
        assert_eq!(
            split_units("各区、县级市政府、市规划局", &[]),
            names(&["各区、县级市政府", "市规划局"])
        );
        // `有关` opens a collective only when levels of government follow.
        assert_eq!(
            split_units("有关区、市政府,市工信局", &[]),
            names(&["有关区、市政府", "市工信局"])
        );
        assert_eq!(
            split_units("相关单位、区政府", &[]),
            names(&["相关单位", "区政府"])
        );
        // A named unit after a collective is not one of its levels.
        assert_eq!(
            split_units("各区、市政府办公厅", &[]),
            names(&["各区", "市政府办公厅"])
        );
    }

    #[test]
    fn units_joined_by_ji() {
        assert_eq!(
            split_units("市大数据局、市科技局及相关行业主管部门,市委网信办", &[]),
            names(&["市大数据局", "市科技局", "相关行业主管部门", "市委网信办"])
        );
        assert_eq!(
            split_units("市工业和信息化局及专班成员单位", &[]),
            names(&["市工业和信息化局", "专班成员单位"])
        );
        assert_eq!(
            split_units("区发改委以及区财政局", &[]),
            names(&["区发改委", "区财政局"])
        );
        // `及其` (its own) and a `及` with no unit before it join no units.
        assert_eq!(
            split_units("市人才工作领导小组及其办公室", &[]),
            names(&["市人才工作领导小组及其办公室"])
        );
        assert_eq!(
            split_units("屋面及相关设施", &[]),
            names(&["屋面及相关设施"])
        );
    }

    #[test]
    fn registry_longest_match() {
        let known = names(&["南通地税局", "市科技局", "中创办"]);
        assert_eq!(
            split_units("市科技局中创办", &known),
            names(&["市科技局", "中创办"])
        );
        assert_eq!(
            split_units("南通地税局市科技局", &known),
            names(&["南通地税局", "市科技局"])
        );
    }

    #[test]
    fn unit_lines_versus_text() {
        assert!(looks_like_units("市文广新局市卫计委", &[]));
        assert!(looks_like_units("国网南通供电公司", &[]));
        assert!(looks_like_units("区“两旧”专班、区房管局、各相关街镇", &[]));
        assert!(looks_like_units("区国资委、市北高新集团、江宁路街道", &[]));
        assert!(!looks_like_units(
            "构建产业创新体系,实施100个以上重大科技项目",
            &[]
        ));
        assert!(!looks_like_units("2018年底", &[]));
    }
}
