//! Figures that split a sum, not goals: `年签约服务费的80%用于…薪酬分配，
//! 20%用于…统筹` says how money is shared out, not a level to reach.

/// True when the share `chars[..end]` (unit `unit`) is followed by `用于`:
/// the part of a sum set aside for a use.
pub fn is_share(chars: &[char], end: usize, unit: &str) -> bool {
    let after: String = chars.get(end..).unwrap_or(&[]).iter().take(2).collect();
    matches!(unit, "%" | "％") && after == "用于"
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_share_of_a_sum_set_aside_for_a_use_is_no_target() {
        let p = crate::parse::tests::parse(
            "方案\n一、任务\n(一)完善机制。原则上将年签约服务费的80%用于人员薪酬分配,20%用于机构统筹。\
             到2025年,签约服务覆盖率达到60%。\n",
        )
        .expect("a plan");
        let written: Vec<&str> = p.targets.iter().map(|t| t.value.written.as_str()).collect();
        assert_eq!(written, ["60"]);
    }
}
