//! Gettext PO, for Weblate and Poedit users: a policy's [`Export`] as one
//! entry per unit (`msgctxt` the stable ID, `msgid` the Chinese, `msgstr`
//! the English, `#, fuzzy` for a draft or a stale unit, `#.` notes for
//! context) and such a file read back as [`Returns`]. The policy is named
//! in the header's `X-Gazette-Policy`. PO has no "reviewed": a reviewed
//! unit goes out and comes back as translated (its `state: reviewed`
//! stays in the translation file while its English is unchanged).

use super::exchange::{Done, Export, Returned, Returns, State, Unreadable};
use std::fmt::Write as _;
use std::path::Path;

/// `s` as a PO string literal.
fn literal(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The PO file of `e`.
pub fn write(e: &Export) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {} ({}): translate each msgstr; keep msgctxt (the unit's ID).\n# Import with `gazette translate {} --import FILE`.",
        e.title.replace('\n', " "),
        e.policy,
        e.policy
    );
    out.push_str("msgid \"\"\nmsgstr \"\"\n");
    for h in [
        "Content-Type: text/plain; charset=UTF-8\n".to_owned(),
        "Language: en\n".to_owned(),
        format!("X-Gazette-Policy: {}\n", e.policy),
    ] {
        let _ = writeln!(out, "{}", literal(&h));
    }
    for u in &e.units {
        out.push('\n');
        for n in &u.notes {
            let _ = writeln!(out, "#. {}: {}", n.from, n.text.replace('\n', " "));
        }
        if matches!(u.state, State::Draft | State::Stale) {
            out.push_str("#, fuzzy\n");
        }
        let _ = writeln!(out, "msgctxt {}", literal(&u.key));
        let _ = writeln!(out, "msgid {}", literal(&u.zh));
        let _ = writeln!(out, "msgstr {}", literal(u.en.as_deref().unwrap_or("")));
    }
    out
}

/// The entry being read.
#[derive(Default)]
struct Entry {
    ctxt: Option<String>,
    id: String,
    str: String,
    fuzzy: bool,
    /// The keyword whose string continuation lines extend.
    field: Option<&'static str>,
}

/// The units of a PO file read from `file`.
pub fn read(file: &Path, text: &str) -> Result<Returns, Unreadable> {
    let fail = |line: usize, message: &str| Unreadable {
        file: file.to_owned(),
        message: format!("line {line}: {message}"),
    };
    let mut out = Returns::default();
    let mut entries = Vec::new();
    let mut cur = Entry::default();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        let no = i + 1;
        if line.is_empty() || line.starts_with("#~") {
            continue;
        }
        if let Some(flags) = line.strip_prefix("#,") {
            if cur.field.is_some() {
                entries.push(std::mem::take(&mut cur));
            }
            cur.fuzzy |= flags.split(',').any(|f| f.trim() == "fuzzy");
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let (field, rest) = match line.split_once(' ') {
            Some(("msgctxt", rest)) => (Some("msgctxt"), rest),
            Some(("msgid", rest)) => (Some("msgid"), rest),
            Some(("msgstr", rest)) => (Some("msgstr"), rest),
            _ if line.starts_with('"') => (None, line),
            _ => {
                return Err(fail(
                    no,
                    "not a PO line gazette writes (plural forms are not used): keep the file as exported and only change the msgstr strings",
                ))
            }
        };
        let value = unquote(rest).ok_or_else(|| fail(no, "a string that is not closed by `\"`"))?;
        match field {
            Some(f) => {
                // A new entry starts at its msgctxt, or at a msgid after a msgstr.
                let starts = f == "msgctxt" || (f == "msgid" && cur.field == Some("msgstr"));
                if starts && cur.field.is_some() {
                    entries.push(std::mem::take(&mut cur));
                }
                cur.field = Some(f);
                target(&mut cur, f).push_str(&value);
            }
            None => match cur.field {
                Some(f) => target(&mut cur, f).push_str(&value),
                None => return Err(fail(no, "a string continuation outside any entry")),
            },
        }
    }
    if cur.field.is_some() {
        entries.push(cur);
    }
    for e in entries {
        match e.ctxt {
            None if e.id.is_empty() => {
                out.policy = e
                    .str
                    .lines()
                    .find_map(|l| l.strip_prefix("X-Gazette-Policy:"))
                    .map(|p| p.trim().to_owned());
            }
            None => {
                return Err(Unreadable {
                    file: file.to_owned(),
                    message: format!(
                        "the entry with msgid {} has no msgctxt: gazette's PO files key every unit by its ID in msgctxt; export again and keep msgctxt",
                        literal(&e.id)
                    ),
                })
            }
            Some(key) => out.units.push(Returned {
                key,
                zh: e.id,
                en: e.str,
                done: if e.fuzzy { Done::Draft } else { Done::Translated },
            }),
        }
    }
    Ok(out)
}

fn target<'a>(e: &'a mut Entry, field: &str) -> &'a mut String {
    match field {
        "msgctxt" => e.ctxt.get_or_insert_with(String::new),
        "msgid" => &mut e.id,
        _ => &mut e.str,
    }
}

/// The text of a PO string literal `"…"`, escapes resolved.
fn unquote(s: &str) -> Option<String> {
    let inner = s.trim().strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            other => out.push(other),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_with_wrapped_strings_and_flags_are_read() {
        let po = r#"msgid ""
msgstr ""
"Language: en\n"
"X-Gazette-Policy: p\n"

#. gazette: paragraph
#, fuzzy, no-c-format
msgctxt "task-1-p1"
msgid ""
"研发"
"投入"
msgstr "R&D \"spending\"\n"

msgctxt "task-2"
msgid "二"
msgstr ""
"Two"

#~ msgctxt "gone"
#~ msgid "旧"
#~ msgstr "Old"
"#;
        let r = read(Path::new("f.po"), po).expect("reads");
        assert_eq!(r.policy.as_deref(), Some("p"));
        let got: Vec<(&str, &str, &str, Done)> = r
            .units
            .iter()
            .map(|u| (u.key.as_str(), u.zh.as_str(), u.en.as_str(), u.done))
            .collect();
        assert_eq!(
            got,
            [
                ("task-1-p1", "研发投入", "R&D \"spending\"\n", Done::Draft),
                ("task-2", "二", "Two", Done::Translated),
            ]
        );
    }

    #[test]
    fn a_string_survives_writing_and_reading() {
        let s = "a \"quoted\" back\\slash\tand\nnewline";
        assert_eq!(unquote(&literal(s)).as_deref(), Some(s));
    }
}
