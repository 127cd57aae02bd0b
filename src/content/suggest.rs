//! "Did you mean": the known name nearest to a misspelt one, for the help
//! of an unknown YAML key or CSV column, or of an ID a correction names.

/// The name of `known` most like `given`, when one is alike enough
/// (Jaro–Winkler similarity of at least 0.7, as clap suggests).
pub fn nearest<'a>(given: &str, known: &[&'a str]) -> Option<&'a str> {
    nearest_few(given, known, 1).into_iter().next()
}

/// Up to `n` names of `known` alike enough to `given`, nearest first.
pub fn nearest_few<'a>(given: &str, known: &[&'a str], n: usize) -> Vec<&'a str> {
    let mut scored: Vec<(f64, &str)> = known
        .iter()
        .map(|&k| (strsim::jaro_winkler(given, k), k))
        .filter(|(score, _)| *score >= 0.7)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.into_iter().take(n).map(|(_, k)| k).collect()
}

/// "did you mean `x`? this place takes `a`, `b`", or without the question
/// when nothing is near.
pub fn help(given: &str, known: &[&str]) -> String {
    let list = known
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match nearest(given, known) {
        Some(n) => format!("did you mean `{n}`? this place takes {list}"),
        None => format!("this place takes {list}; remove `{given}` or rename it"),
    }
}
