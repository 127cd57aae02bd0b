//! Figures that state support, not a goal.
//!
//! Measures (若干措施, 实施细则) are full of grants, caps on grants and
//! subsidy rates: `给予最高1000万元奖励`, `单个企业年度激励金额不超过300万元`,
//! `按照企业实际项目贷款利率的50%给予贴息`. None is a level the plan commits
//! to reach. A figure is support when its sentence gives support (an
//! incentive word) and the figure is an amount of money, a rate of
//! something (`…的50%`), or the threshold a beneficiary must reach
//! (`年销量5000辆以上的车型`, `达1000辆的机构`: the figure qualifies what
//! follows `的`), or a sum capped by `最高`.

/// Words of a sentence that grants support.
const SUPPORT: &[&str] = &[
    "给予", "奖励", "补贴", "补助", "资助", "贴息", "激励", "奖补", "补偿", "返还",
];

/// True when the figure `chars[start..end]` (unit `unit`) is a grant, a cap,
/// a rate or a threshold in a sentence that gives support, or a sum of
/// money capped by `最高` (`可申请最高不超过15万元的贷款`): the most one may
/// receive, never a level to reach.
pub fn is_support(chars: &[char], start: usize, end: usize, unit: &str) -> bool {
    let money = unit.ends_with('元');
    let lead: String = chars
        .get(start.saturating_sub(6)..start)
        .unwrap_or(&[])
        .iter()
        .collect();
    if money && lead.contains("最高") {
        return true;
    }
    let rate = unit == "%"
        && start
            .checked_sub(1)
            .and_then(|i| chars.get(i))
            .is_some_and(|&c| c == '的');
    let after: String = chars.get(end..).unwrap_or(&[]).iter().take(6).collect();
    let threshold = ["的", "(含)的", "(不含)的"]
        .iter()
        .any(|w| after.starts_with(w));
    if !(money || rate || threshold) {
        return false;
    }
    let from = chars
        .get(..start)
        .unwrap_or(&[])
        .iter()
        .rposition(|&c| c == '。')
        .map_or(0, |i| i + 1);
    let to = chars
        .get(start..)
        .unwrap_or(&[])
        .iter()
        .position(|&c| c == '。')
        .map_or(chars.len(), |i| start + i);
    let sentence: String = chars.get(from..to).unwrap_or(&[]).iter().collect();
    SUPPORT.iter().any(|w| sentence.contains(w))
}
