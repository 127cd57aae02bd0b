//! "Did you mean": the known name nearest to a misspelt one, for the help
//! of an unknown YAML key or CSV column.

/// The name of `known` most like `given`, when one is alike enough
/// (Jaro–Winkler similarity of at least 0.7, as clap suggests).
pub fn nearest<'a>(given: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|&n| (strsim::jaro_winkler(given, n), n))
        .filter(|(score, _)| *score >= 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| n)
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
