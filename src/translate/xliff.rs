//! XLIFF 1.2 (OASIS, `urn:oasis:names:tc:xliff:document:1.2`): a policy's
//! [`Export`] written as one `<file original="POLICY">` with a
//! `<trans-unit>` per unit, and such a file read back as [`Returns`].
//! Version 1.2 rather than 2.0 because all the tools translators use read
//! it well (OmegaT, memoQ, Trados, Poedit, and Weblate, whose XLIFF 2.0
//! support is new and marked in development: README.md says more), as does
//! translate-toolkit, which the tests use as an independent reader.
//!
//! A unit is `<trans-unit id="KEY" resname="KEY">` with the Chinese as
//! `<source>`, the English as `<target state=…>` (none when missing),
//! notes for context, and `approved="yes"` once reviewed. States:
//! missing → no target; draft (the memory's, or unconfirmed) →
//! `needs-review-translation` with `state-qualifier="leveraged-tm"`;
//! stale → `needs-review-translation`; translated → `translated`;
//! reviewed → `signed-off`. Reading back, `signed-off` and `final` are
//! reviewed, `translated` (or no state) translated, `new` and `needs-…`
//! drafts. Everything is written and read with quick-xml, so text is
//! escaped and unescaped by the XML library, never by hand.

use super::exchange::{Done, Export, Returned, Returns, State, Unreadable};
use quick_xml::events::{BytesDecl, BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};
use std::path::Path;

const NAMESPACE: &str = "urn:oasis:names:tc:xliff:document:1.2";

/// The XLIFF 1.2 document of `e`.
pub fn write(e: &Export) -> std::io::Result<String> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("xliff")
        .with_attributes([("version", "1.2"), ("xmlns", NAMESPACE)])
        .write_inner_content(|w| {
            w.create_element("file")
                .with_attributes([
                    ("original", e.policy.as_str()),
                    ("source-language", "zh-CN"),
                    ("target-language", "en"),
                    ("datatype", "plaintext"),
                ])
                .write_inner_content(|w| {
                    w.create_element("header").write_inner_content(|w| {
                        w.create_element("tool")
                            .with_attributes([
                                ("tool-id", "gazette"),
                                ("tool-name", "gazette"),
                                ("tool-version", env!("CARGO_PKG_VERSION")),
                            ])
                            .write_empty()?;
                        let about = format!(
                            "{} ({}): one unit per translatable piece of the policy, keyed by its stable ID. Translate the targets; keep the IDs. Import with `gazette translate {} --import FILE`.",
                            e.title, e.policy, e.policy
                        );
                        w.create_element("note")
                            .write_text_content(BytesText::new(&about))?;
                        Ok(())
                    })?;
                    w.create_element("body").write_inner_content(|w| {
                        for u in &e.units {
                            unit(w, u)?;
                        }
                        Ok(())
                    })?;
                    Ok(())
                })?;
            Ok(())
        })?;
    let mut out = String::from_utf8(w.into_inner())
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
    out.push('\n');
    Ok(out)
}

fn unit(w: &mut Writer<Vec<u8>>, u: &super::exchange::Unit) -> std::io::Result<()> {
    let mut attrs = vec![
        ("id", u.key.as_str()),
        ("resname", u.key.as_str()),
        ("xml:space", "preserve"),
    ];
    if u.state == State::Reviewed {
        attrs.push(("approved", "yes"));
    }
    w.create_element("trans-unit")
        .with_attributes(attrs)
        .write_inner_content(|w| {
            w.create_element("source")
                .write_text_content(BytesText::new(&u.zh))?;
            if let Some(en) = &u.en {
                let state: &[(&str, &str)] = match u.state {
                    State::Draft => &[
                        ("state", "needs-review-translation"),
                        ("state-qualifier", "leveraged-tm"),
                    ],
                    State::Stale => &[("state", "needs-review-translation")],
                    State::Translated => &[("state", "translated")],
                    State::Reviewed => &[("state", "signed-off")],
                    State::Missing => &[],
                };
                w.create_element("target")
                    .with_attributes(state.iter().copied())
                    .write_text_content(BytesText::new(en))?;
            }
            for n in &u.notes {
                w.create_element("note")
                    .with_attribute(("from", n.from))
                    .write_text_content(BytesText::new(&n.text))?;
            }
            Ok(())
        })?;
    Ok(())
}

/// Where the reader is inside a `<trans-unit>`.
#[derive(Default)]
struct Open {
    key: Option<String>,
    zh: String,
    en: String,
    state: Option<String>,
    /// `<source>` or `<target>` being read.
    into: Option<Field>,
    /// Depth inside an element whose text is not the unit's own
    /// (`alt-trans`, `seg-source`, `note`, `context-group`).
    skip: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Source,
    Target,
}

/// The units of an XLIFF 1.2 document read from `file`.
pub fn read(file: &Path, xml: &str) -> Result<Returns, Unreadable> {
    let fail = |message: String| Unreadable {
        file: file.to_owned(),
        message,
    };
    let mut reader = Reader::from_str(xml);
    let mut r = Reading::default();
    loop {
        let at = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| fail(format!("not well-formed XML near byte {at}: {e}")))?;
        match event {
            Event::Eof => break,
            Event::Start(e) => r.start(&e, false).map_err(fail)?,
            Event::Empty(e) => r.start(&e, true).map_err(fail)?,
            Event::End(e) => r.end(e.local_name().as_ref()).map_err(fail)?,
            Event::Text(t) => push(&mut r.open, &t.xml10_content()),
            Event::CData(t) => push(&mut r.open, &t.xml10_content()),
            Event::GeneralRef(g) => {
                let text = match g.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => quick_xml::escape::resolve_predefined_entity(&g)
                        .unwrap_or_default()
                        .to_owned(),
                };
                push(&mut r.open, &text);
            }
            _ => {}
        }
    }
    match r.files {
        1 => Ok(r.out),
        0 => Err(fail("no <file> element: not an XLIFF document".to_owned())),
        n => Err(fail(format!(
            "{n} <file> elements: gazette exports one policy per XLIFF file; import each policy's file on its own"
        ))),
    }
}

/// The reader's state between events.
#[derive(Default)]
struct Reading {
    out: Returns,
    open: Option<Open>,
    files: usize,
}

impl Reading {
    fn start(&mut self, e: &BytesStart, empty: bool) -> Result<(), String> {
        if let Some(o) = self.open.as_mut().filter(|o| o.skip > 0) {
            if !empty {
                o.skip += 1;
            }
            return Ok(());
        }
        let attr = |name: &str| -> Option<String> {
            e.attributes()
                .flatten()
                .find(|a| a.key.local_name().as_ref() == name)
                .and_then(|a| {
                    a.normalized_value(quick_xml::XmlVersion::default())
                        .ok()
                        .map(|v| v.into_owned())
                })
        };
        match (e.local_name().as_ref(), self.open.as_mut()) {
            ("xliff", _) => {
                let version = attr("version").unwrap_or_default();
                if version != "1.2" && version != "1.1" {
                    return Err(format!(
                        "XLIFF version {version:?}: gazette reads XLIFF 1.2; save the file as XLIFF 1.2 in the tool (or export it again with `gazette translate POLICY --format xliff`)"
                    ));
                }
            }
            ("file", _) => {
                self.files += 1;
                self.out.policy = attr("original");
            }
            ("trans-unit", _) => {
                self.open = Some(Open {
                    key: attr("id"),
                    ..Open::default()
                });
            }
            ("source", Some(o)) if !empty => o.into = Some(Field::Source),
            ("target", Some(o)) => {
                o.state = attr("state");
                if !empty {
                    o.into = Some(Field::Target);
                }
            }
            ("alt-trans" | "seg-source" | "note" | "context-group", Some(o)) if !empty => {
                o.skip = 1;
            }
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, name: &str) -> Result<(), String> {
        if let Some(o) = self.open.as_mut().filter(|o| o.skip > 0) {
            o.skip -= 1;
            return Ok(());
        }
        match name {
            "source" | "target" => {
                if let Some(o) = self.open.as_mut() {
                    o.into = None;
                }
            }
            "trans-unit" => {
                if let Some(o) = self.open.take() {
                    let Some(key) = o.key else {
                        return Err(format!(
                            "a <trans-unit> without an `id` (its source: {}): every unit needs the ID gazette gave it",
                            o.zh
                        ));
                    };
                    self.out.units.push(Returned {
                        key,
                        zh: o.zh,
                        en: o.en,
                        done: done(o.state.as_deref()),
                    });
                }
            }
            _ => {}
        }
        Ok(())
    }
}

fn push(open: &mut Option<Open>, text: &str) {
    if let Some(o) = open.as_mut().filter(|o| o.skip == 0) {
        match o.into {
            Some(Field::Source) => o.zh.push_str(text),
            Some(Field::Target) => o.en.push_str(text),
            None => {}
        }
    }
}

/// How far a target's `state` says it is done.
fn done(state: Option<&str>) -> Done {
    match state {
        Some("signed-off" | "final") => Done::Reviewed,
        Some("translated") | None => Done::Translated,
        Some(_) => Done::Draft,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_tools_add_is_read_past_and_text_is_unescaped() {
        let xml = r#"<?xml version="1.0"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:sdl="urn:x">
  <file original="p" source-language="zh-CN" target-language="en" datatype="plaintext">
    <body>
      <trans-unit id="task-1" approved="yes">
        <source>研发&amp;创新</source>
        <seg-source><mrk mtype="seg" mid="1">研发&amp;创新</mrk></seg-source>
        <target state="signed-off"><mrk mtype="seg" mid="1">R&amp;D <![CDATA[& <innovation>]]></mrk></target>
        <note>a note with <source>not this</source></note>
        <alt-trans origin="tm"><source>别的</source><target>Other</target></alt-trans>
      </trans-unit>
      <trans-unit id="task-2"><source>二</source><target state="needs-review-translation">Two</target></trans-unit>
      <trans-unit id="task-3"><source>三</source></trans-unit>
    </body>
  </file>
</xliff>"#;
        let r = read(Path::new("f.xlf"), xml).expect("reads");
        assert_eq!(r.policy.as_deref(), Some("p"));
        let got: Vec<(&str, &str, &str, Done)> = r
            .units
            .iter()
            .map(|u| (u.key.as_str(), u.zh.as_str(), u.en.as_str(), u.done))
            .collect();
        assert_eq!(
            got,
            [
                ("task-1", "研发&创新", "R&D & <innovation>", Done::Reviewed),
                ("task-2", "二", "Two", Done::Draft),
                ("task-3", "三", "", Done::Translated),
            ]
        );
    }

    #[test]
    fn xliff_2_and_several_files_are_refused_with_what_to_do() {
        let v2 = r#"<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0"><file id="f"/></xliff>"#;
        let e = read(Path::new("f.xlf"), v2).expect_err("2.0");
        assert!(
            e.to_string()
                .starts_with("f.xlf: XLIFF version \"2.0\": gazette reads XLIFF 1.2"),
            "{e}"
        );
        let two = r#"<xliff version="1.2"><file original="a"/><file original="b"/></xliff>"#;
        let e = read(Path::new("f.xlf"), two).expect_err("two files");
        assert!(e.to_string().contains("2 <file> elements"), "{e}");
    }
}
