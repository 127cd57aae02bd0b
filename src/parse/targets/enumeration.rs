//! A figure that only counts the names listed before it.
//!
//! `松江、青浦、嘉定、奉贤等4个` names four districts and says so: the 4 is
//! the length of the list, not a commitment. When the figure is larger than
//! the list (`大名、月浦等23个城镇`, `西门文化公园等9座`) the names are examples
//! and the figure is a target.

/// True when the figure starting at `start` follows `等` and equals the
/// number of `、`-separated names between `from` (the clause start) and it.
pub fn counts_its_list(chars: &[char], from: usize, start: usize, value: f64) -> bool {
    let Some(etc) = start.checked_sub(1) else {
        return false;
    };
    if chars.get(etc) != Some(&'等') {
        return false;
    }
    let list = chars.get(from..etc).unwrap_or(&[]);
    let names = list.iter().filter(|&&c| c == '、').count() + 1;
    names >= 2 && (names as f64 - value).abs() < f64::EPSILON
}
