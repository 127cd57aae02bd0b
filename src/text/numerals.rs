//! Chinese numerals → numbers: `十九` → 19, `一千二百` → 1200, `两万` → 20000,
//! `千` → 1000. Takes only numeral characters; anything else is `None`.

fn digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

fn multiplier(c: char) -> Option<u64> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

/// True for the characters [`chinese_number`] reads.
pub fn is_numeral(c: char) -> bool {
    digit(c).is_some() || multiplier(c).is_some() || c == '万' || c == '亿'
}

/// The value of a Chinese numeral; `None` for empty or non-numeral text.
/// A leading multiplier means one of it (`十二` = 12, `千` = 1000).
pub fn chinese_number(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let mut total: u64 = 0; // completed 万/亿 groups
    let mut group: u64 = 0; // below 万
    let mut pending: Option<u64> = None; // a digit waiting for its multiplier
    for c in s.chars() {
        if let Some(d) = digit(c) {
            pending = Some(d);
        } else if let Some(m) = multiplier(c) {
            group = group.checked_add(pending.take().unwrap_or(1).checked_mul(m)?)?;
        } else if c == '万' || c == '亿' {
            let m = if c == '万' { 10_000 } else { 100_000_000 };
            let value = group.checked_add(pending.take().unwrap_or(0))?;
            let value = if value == 0 { 1 } else { value };
            total = total.checked_add(value.checked_mul(m)?)?;
            group = 0;
        } else {
            return None;
        }
    }
    total.checked_add(group)?.checked_add(pending.unwrap_or(0))
}
