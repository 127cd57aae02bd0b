//! Line edits of the block-style YAML gazette's curated files are written
//! in (two spaces an indent level): set one key under a chain of mapping
//! keys, replace one nested block, set a key in one entry of a list, add
//! redirects. Every other line is kept byte for byte. A place written in
//! flow style (`key: {slug: x}`) is refused rather than rewritten; the
//! caller reads the result back through the strict loader before writing.

use std::collections::BTreeMap;

/// A YAML double-quoted scalar (JSON's quoting is YAML's).
pub fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

/// The lines of `text`, each with its line ending.
fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// Indentation of a line, in spaces.
fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Whether a line holds content (not blank, not only a comment).
fn content(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && !t.starts_with('#')
}

/// The key of a `key:` line at any indentation, without quotes, and what
/// follows its colon (trimmed, comments dropped).
fn key_value(line: &str) -> Option<(&str, &str)> {
    let t = line.trim();
    let (key, rest) = t.split_once(':')?;
    let key = key.trim().trim_matches(['"', '\'']);
    let rest = rest.split(" #").next().unwrap_or_default().trim();
    (!key.is_empty() && !key.starts_with(['#', '-'])).then_some((key, rest))
}

/// The end (exclusive line index) of the block starting at line `start`:
/// the next content line indented at most as far as `start`.
fn block_end(ls: &[&str], start: usize) -> usize {
    let own = indent(ls[start]);
    (start + 1..ls.len())
        .find(|&i| content(ls[i]) && indent(ls[i]) <= own)
        .unwrap_or(ls.len())
}

/// The last content line of a block, so additions go before trailing
/// blank lines and comments.
fn last_content(ls: &[&str], start: usize, end: usize) -> usize {
    (start..end)
        .rev()
        .find(|&i| content(ls[i]))
        .unwrap_or(start)
}

/// Finds the line of `key` among the lines `from..to` at indentation `at`.
fn find_key(ls: &[&str], from: usize, to: usize, at: usize, key: &str) -> Option<usize> {
    (from..to).find(|&i| {
        content(ls[i]) && indent(ls[i]) == at && key_value(ls[i]).is_some_and(|(k, _)| k == key)
    })
}

fn ensure_newline(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// Sets `key: value` under the mapping keys `path` (top-level first),
/// adding whatever of the path is missing.
pub fn set_key(text: &str, path: &[&str], key: &str, value: &str) -> Result<String, String> {
    let ls = lines(text);
    let (mut from, mut to, mut at) = (0, ls.len(), 0);
    let mut insert_after: Option<usize> = None;
    let mut missing: Vec<&str> = Vec::new();
    for (depth, parent) in path.iter().enumerate() {
        match find_key(&ls, from, to, at, parent) {
            Some(i) if missing.is_empty() => {
                if !key_value(ls[i]).is_some_and(|(_, v)| v.is_empty()) {
                    return Err(format!(
                        "line {}: `{parent}` is not written as a block mapping; write its keys one a line below it",
                        i + 1
                    ));
                }
                from = i + 1;
                to = block_end(&ls, i);
                at = (depth + 1) * 2;
                insert_after = Some(last_content(&ls, i, to));
            }
            _ => missing.push(parent),
        }
    }
    let depth = path.len() - missing.len();
    if missing.is_empty() {
        if let Some(i) = find_key(&ls, from, to, at, key) {
            let mut out: String = ls[..i].concat();
            out.push_str(&format!("{}{key}: {value}\n", " ".repeat(at)));
            out.push_str(&ls[i + 1..].concat());
            return Ok(out);
        }
    }
    let mut added = String::new();
    for (k, m) in missing.iter().enumerate() {
        added.push_str(&format!("{}{m}:\n", " ".repeat((depth + k) * 2)));
    }
    added.push_str(&format!("{}{key}: {value}\n", " ".repeat(path.len() * 2)));
    Ok(insert(&ls, insert_after, &added))
}

/// `added` after line `after`, or at the end of the file.
fn insert(ls: &[&str], after: Option<usize>, added: &str) -> String {
    let at = after.map_or(ls.len(), |i| i + 1);
    let mut out: String = ls[..at].concat();
    ensure_newline(&mut out);
    out.push_str(added);
    out.push_str(&ls[at..].concat());
    out
}

/// Replaces (or adds) the block `name:` under top-level `parent` with
/// `fields`, each `key: value` one level further in.
pub fn set_block(
    text: &str,
    parent: &str,
    name: &str,
    fields: &[(&str, String)],
) -> Result<String, String> {
    let mut block = format!("  {name}:\n");
    for (k, v) in fields {
        block.push_str(&format!("    {k}: {v}\n"));
    }
    let ls = lines(text);
    let Some(p) = find_key(&ls, 0, ls.len(), 0, parent) else {
        let mut out = text.to_owned();
        ensure_newline(&mut out);
        out.push_str(&format!("{parent}:\n{block}"));
        return Ok(out);
    };
    if !key_value(ls[p]).is_some_and(|(_, v)| v.is_empty()) {
        return Err(format!(
            "line {}: `{parent}` is not written as a block mapping; write its keys one a line below it",
            p + 1
        ));
    }
    let end = block_end(&ls, p);
    match find_key(&ls, p + 1, end, 2, name) {
        Some(i) => {
            let stop = last_content(&ls, i, block_end(&ls, i)) + 1;
            let mut out: String = ls[..i].concat();
            out.push_str(&block);
            out.push_str(&ls[stop..].concat());
            Ok(out)
        }
        None => Ok(insert(&ls, Some(last_content(&ls, p, end)), &block)),
    }
}

/// Replaces the top-level entry `key:` (its line and every line indented
/// under it, up to its last content line) with `fields`, each `key: value`
/// two spaces in, or adds the entry at the end of the file. Comments above
/// it and every other entry stay as written.
pub fn set_entry(text: &str, key: &str, fields: &[(&str, String)]) -> String {
    let mut block = format!("{key}:\n");
    for (k, v) in fields {
        block.push_str(&format!("  {k}: {v}\n"));
    }
    let ls = lines(text);
    match find_key(&ls, 0, ls.len(), 0, key) {
        Some(i) => {
            let stop = last_content(&ls, i, block_end(&ls, i)) + 1;
            let mut out: String = ls[..i].concat();
            out.push_str(&block);
            out.push_str(&ls[stop..].concat());
            out
        }
        None => insert(&ls, None, &block),
    }
}

/// Sets `key: value` in the list entry starting at 1-based `line`
/// (`- name: …`), its keys two spaces in.
pub fn set_in_item(text: &str, line: usize, key: &str, value: &str) -> Result<String, String> {
    let ls = lines(text);
    let start = line.checked_sub(1).filter(|&i| i < ls.len());
    let Some(start) = start.filter(|&i| ls[i].trim_start().starts_with("- ")) else {
        return Err(format!(
            "line {line} does not start a list entry (`- name: …`)"
        ));
    };
    let end = (start + 1..ls.len())
        .find(|&i| content(ls[i]) && indent(ls[i]) <= indent(ls[start]))
        .unwrap_or(ls.len());
    let at = indent(ls[start]) + 2;
    match find_key(&ls, start + 1, end, at, key) {
        Some(i) => {
            let mut out: String = ls[..i].concat();
            out.push_str(&format!("{}{key}: {value}\n", " ".repeat(at)));
            out.push_str(&ls[i + 1..].concat());
            Ok(out)
        }
        None => Ok(insert(
            &ls,
            Some(last_content(&ls, start, end)),
            &format!("{}{key}: {value}\n", " ".repeat(at)),
        )),
    }
}

/// `content/redirects.yaml` (`text`, maybe empty) with every address of
/// `moves` (old → new) mapped: an entry from an old address is set to its
/// new one; one from a new address is dropped (it is published again); an
/// entry whose target, or anchored address (`/p/old/#a`), lies under an
/// old address follows it; other lines are kept.
pub fn add_redirects(text: &str, moves: &BTreeMap<String, String>) -> String {
    let follow = |url: &str| -> String {
        for (old, new) in moves {
            if url == old {
                return new.clone();
            }
            if let Some(anchor) = url
                .strip_prefix(old.as_str())
                .filter(|r| r.starts_with('#'))
            {
                return format!("{new}{anchor}");
            }
        }
        url.to_owned()
    };
    let mut out = String::new();
    if text.trim().is_empty() {
        out.push_str("# Old URL → new URL, both relative to the base URL.\n");
    }
    for line in lines(text) {
        let entry = (indent(line) == 0 && content(line))
            .then(|| key_value(line))
            .flatten();
        match entry {
            Some((from, to)) if !to.is_empty() => {
                let to = to.trim_matches(['"', '\'']);
                let from = follow(from);
                if moves.contains_key(&from) || moves.values().any(|n| *n == from) {
                    continue;
                }
                out.push_str(&format!("{from}: {}\n", follow(to)));
            }
            _ => {
                out.push_str(line);
                ensure_newline(&mut out);
            }
        }
    }
    for (old, new) in moves {
        out.push_str(&format!("{old}: {new}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_set_in_place_or_added_with_its_parents() {
        let text = "# c\na:\n  x:\n    slug: old # kept? no\n    name_zh: 名\n  y:\n    slug: y\nb:\n  z: 1\n";
        assert_eq!(
            set_key(text, &["a", "x"], "slug", "new").unwrap(),
            "# c\na:\n  x:\n    slug: new\n    name_zh: 名\n  y:\n    slug: y\nb:\n  z: 1\n"
        );
        assert_eq!(
            set_key(text, &["a", "w"], "slug", "w").unwrap(),
            "# c\na:\n  x:\n    slug: old # kept? no\n    name_zh: 名\n  y:\n    slug: y\n  w:\n    slug: w\nb:\n  z: 1\n"
        );
        assert_eq!(
            set_key(text, &["c"], "slug", "c").unwrap(),
            format!("{text}c:\n  slug: c\n")
        );
        assert!(set_key("a: {slug: x}\n", &["a"], "slug", "y").is_err());
    }

    #[test]
    fn a_block_is_replaced_whole_and_the_rest_kept() {
        let text = "p:\n  slug: s\n  withdrawn:\n    status: expired\n    date: \"2020-01-01\"\n\nq:\n  slug: t\n";
        let fields = [("status", "repealed".to_owned())];
        assert_eq!(
            set_block(text, "p", "withdrawn", &fields).unwrap(),
            "p:\n  slug: s\n  withdrawn:\n    status: repealed\n\nq:\n  slug: t\n"
        );
        assert_eq!(
            set_block(text, "q", "withdrawn", &fields).unwrap(),
            format!("{text}  withdrawn:\n    status: repealed\n")
        );
    }

    #[test]
    fn an_entry_is_replaced_whole_even_over_several_lines() {
        let text = "# c\na:\n  text: one\n    two\n\n# d\nb:\n  text: x\n";
        let fields = [("text", quoted("new"))];
        assert_eq!(
            set_entry(text, "a", &fields),
            "# c\na:\n  text: \"new\"\n\n# d\nb:\n  text: x\n"
        );
        assert_eq!(
            set_entry("b:\n  text: x", "c", &fields),
            "b:\n  text: x\nc:\n  text: \"new\"\n"
        );
    }

    #[test]
    fn a_list_entry_gets_its_key() {
        let text = "- name: 甲\n  slug: a\n- name: 乙\n  en: B\n";
        assert_eq!(
            set_in_item(text, 1, "slug", "b").unwrap(),
            "- name: 甲\n  slug: b\n- name: 乙\n  en: B\n"
        );
        assert_eq!(
            set_in_item(text, 3, "slug", "yi").unwrap(),
            "- name: 甲\n  slug: a\n- name: 乙\n  en: B\n  slug: yi\n"
        );
    }

    #[test]
    fn redirects_follow_a_rename_and_a_return_drops_the_old_redirect() {
        let moves: BTreeMap<String, String> = [("/zh/t/b/".into(), "/zh/t/c/".into())].into();
        let text = "# r\n/zh/t/a/: /zh/t/b/\n/zh/p/x/#p-1: /zh/p/x/#p-2\n/zh/t/c/: /zh/t/d/\n";
        assert_eq!(
            add_redirects(text, &moves),
            "# r\n/zh/t/a/: /zh/t/c/\n/zh/p/x/#p-1: /zh/p/x/#p-2\n/zh/t/b/: /zh/t/c/\n"
        );
    }
}
