//! Chinese text handling, in one place for every parser: decoding (UTF-8,
//! GBK/GB18030), normalisation of punctuation widths, digits and spaces, and
//! Chinese numerals.
//!
//! Takes raw bytes, gives a `String` whose lines end in `\n` and whose
//! brackets, commas, colons, digits and Latin letters are half-width. The
//! invariant every parser relies on: after [`normalize`], `(`, `)`, `,`, `:`
//! and `0-9` are the only spellings of those characters, while the Chinese
//! punctuation that has no ASCII twin (`、`, `。`, `；`, `“”`) is kept as written.
//!
//! Normalised text is for matching only: pages show the official text as
//! published. [`published_lines`] keeps the decoded lines and
//! [`as_published`] maps any normalised text of a line back to the
//! characters the file has there, one for one. [`han_runs`] finds the
//! Chinese inside other-language text, so pages can mark it `lang="zh-Hans"`.

pub mod figures;
mod numerals;
pub mod units;

pub use numerals::{chinese_number, is_numeral};

use encoding_rs::{DecoderResult, GB18030, UTF_16BE, UTF_16LE};

/// Why bytes could not be read as text: the one wording of the problem,
/// for a seed, an imported document and a CSV table alike.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("byte {offset}: not UTF-8 or GBK/GB18030 text")]
pub struct DecodeError {
    /// Offset of the first byte no encoding could read.
    pub offset: usize,
}

/// What to do about a document's [`DecodeError`].
pub const DECODE_HELP: &str =
    "save the document as plain text in UTF-8 (or GBK), or as .docx, and run the command again";

/// The encoding a file turned out to be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// UTF-16 with a byte-order mark ("Unicode" in Windows Notepad).
    Utf16,
    Gb18030,
}

/// Decodes UTF-8 (with or without BOM) or UTF-16 with a BOM, falling back
/// to GB18030, which is a superset of GBK and GB2312. Fails at the first
/// byte none can read, reporting whichever encoding got further.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), DecodeError> {
    let utf16 =
        encoding_rs::Encoding::for_bom(bytes).filter(|(e, _)| *e == UTF_16LE || *e == UTF_16BE);
    if let Some((encoding, bom)) = utf16 {
        let (text, malformed) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return match malformed {
            false => Ok((text.into_owned(), Encoding::Utf16)),
            true => Err(DecodeError { offset: bom }),
        };
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let utf8_error = match std::str::from_utf8(body) {
        Ok(text) => return Ok((text.to_owned(), Encoding::Utf8)),
        Err(e) => e.valid_up_to() + (bytes.len() - body.len()),
    };
    let mut decoder = GB18030.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3));
    let mut out = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        DecoderResult::InputEmpty => Ok((out, Encoding::Gb18030)),
        DecoderResult::Malformed(bad, extra) => {
            let gb_error = read.saturating_sub(bad as usize + extra as usize);
            Err(DecodeError {
                offset: utf8_error.max(gb_error),
            })
        }
        // The buffer was sized for the worst case; treat running out as the
        // place decoding stopped.
        DecoderResult::OutputFull => Err(DecodeError {
            offset: utf8_error.max(read),
        }),
    }
}

/// Normalises widths and spaces; see the module invariant.
///
/// - BOM removed, `\r\n` and lone `\r` become `\n`;
/// - non-breaking, ideographic and other Unicode spaces become ` `;
/// - full-width ASCII twins (`（）`, `，`, `：`, `０-９`, `％`, `Ａ-Ｚ`, `．`, `～` …)
///   become ASCII, except `；` and `！`/`？`, which Chinese text writes full-width.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else if let Some(n) = normalize_char(c) {
            out.push(n);
        }
    }
    out
}

/// What [`normalize`] makes of one character other than `\r`: `None` for
/// the ones it drops (BOM, zero-width spaces).
fn normalize_char(c: char) -> Option<char> {
    Some(match c {
        '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' => return None,
        '\u{a0}' | '\u{3000}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' => ' ',
        '；' | '！' | '？' => c,
        // The full-width block mirrors ASCII 0x21..=0x7e.
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xff01 + 0x21).unwrap_or(c),
        _ => c,
    })
}

/// The lines of decoded (not normalised) `text`, split where [`normalize`]
/// ends lines, so line `n` here is line `n` of the normalised text.
pub fn published_lines(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .split('\n')
        .map(str::to_owned)
        .collect()
}

/// How many lines from a table row's number line its cells may run on: a
/// flattened row prints its number, then each cell on lines of its own.
const ROW_LINES: usize = 8;

/// [`as_published`] against line `line` (1-based; 0 or past the end: no
/// line, and `normalized` is returned) of `lines` from [`published_lines`].
/// A table row's `line` is that of its number, its text on the lines after
/// it, perhaps over several: `normalized` is looked for as a run of the
/// line, then of each of the next lines, then of those lines together.
pub fn published_at(lines: &[String], normalized: &str, line: usize) -> String {
    let Some(original) = line.checked_sub(1).and_then(|i| lines.get(i)) else {
        return normalized.to_owned();
    };
    let after = lines.get(line..).unwrap_or(&[]);
    let after = &after[..after.len().min(ROW_LINES)];
    published_run(normalized, original)
        .or_else(|| after.iter().find_map(|l| published_run(normalized, l)))
        .or_else(|| published_run(normalized, &after.concat()))
        .unwrap_or_else(|| as_published(normalized, original))
}

/// `normalized` (text matched on: a line of [`normalize`]d text or part of
/// one, perhaps with a clause cut out) spelt as `original_line` publishes
/// it: the same characters one for one, so character offsets found in
/// `normalized` hold in the result, but `，` stays `，` and `（` stays `（`.
/// Found as a run of the line, else as characters of the line in order;
/// when neither fits, `normalized` itself (never text lost or invented).
pub fn as_published(normalized: &str, original_line: &str) -> String {
    if normalized.is_empty() {
        return String::new();
    }
    published_run(normalized, original_line)
        .or_else(|| published_in_order(normalized, original_line))
        .unwrap_or_else(|| normalized.to_owned())
}

/// The characters of `original_line` normalised, each with itself.
fn normalized_chars(original_line: &str) -> Vec<(char, char)> {
    original_line
        .chars()
        .filter_map(|c| normalize_char(c).map(|n| (n, c)))
        .collect()
}

/// `normalized` as a run of `original_line`, spelt as published there.
fn published_run(normalized: &str, original_line: &str) -> Option<String> {
    let kept = normalized_chars(original_line);
    let want: Vec<char> = normalized.chars().collect();
    if want.is_empty() {
        return None;
    }
    let start = kept
        .windows(want.len())
        .position(|w| w.iter().map(|&(n, _)| n).eq(want.iter().copied()))?;
    Some(
        kept[start..start + want.len()]
            .iter()
            .map(|&(_, c)| c)
            .collect(),
    )
}

/// `normalized` as characters of `original_line` in order (a clause cut
/// out between them), spelt as published there.
fn published_in_order(normalized: &str, original_line: &str) -> Option<String> {
    let kept = normalized_chars(original_line);
    let mut out = String::with_capacity(normalized.len() * 2);
    let mut rest = kept.iter();
    for w in normalized.chars() {
        let &(_, c) = rest.find(|&&(n, _)| n == w)?;
        out.push(c);
    }
    Some(out)
}

/// Decodes and normalises in one step.
pub fn read_text(bytes: &[u8]) -> Result<String, DecodeError> {
    decode(bytes).map(|(text, _)| normalize(&text))
}

/// Number of characters (not bytes).
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Number of Chinese characters (CJK ideographs, `〇` included): the
/// measure of how much text a translation covers, since punctuation,
/// digits and Latin letters need little or no translating.
pub fn han_count(s: &str) -> usize {
    s.chars().filter(|&c| is_han(c)).count()
}

/// The characters `start..end` of `s` (character offsets, clamped), so a
/// caller can never split a UTF-8 sequence.
pub fn char_slice(s: &str, start: usize, end: usize) -> &str {
    let byte_at = |n: usize| s.char_indices().nth(n).map_or(s.len(), |(b, _)| b);
    let (b0, b1) = (byte_at(start), byte_at(end.max(start)));
    s.get(b0..b1).unwrap_or("")
}

/// Character offset of byte offset `byte` in `s`.
pub fn char_offset(s: &str, byte: usize) -> usize {
    s.get(..byte)
        .map_or_else(|| s.chars().count(), |p| p.chars().count())
}

/// `s` without punctuation and spaces ([`is_punct`]): the wording two
/// texts are compared by.
pub fn without_punct(s: &str) -> String {
    s.chars().filter(|c| !is_punct(*c)).collect()
}

/// Chinese punctuation and spaces, ignored when comparing wording.
pub fn is_punct(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || matches!(
            c,
            '、' | '。'
                | '；'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '《'
                | '》'
                | '—'
                | '…'
                | '·'
                | '！'
                | '？'
        )
}

/// A Han character: CJK unified ideographs and extensions A–G,
/// compatibility ideographs, and `〇`.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Whether a character may sit inside a run of Chinese: Han, CJK
/// punctuation and full-width forms, Chinese quotation marks.
fn continues_han(c: char) -> bool {
    is_han(c)
        || matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFFEF)
        || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—')
}

/// `text` cut into runs, each flagged `true` when it is Chinese: a run
/// starts at a Han character (or a Chinese opening quote before one) and
/// goes on through Han, CJK punctuation and full-width forms. Concatenated,
/// the runs are `text`.
pub fn han_runs(text: &str) -> Vec<(bool, &str)> {
    let mut runs = Vec::new();
    let (mut start, mut in_han) = (0, false);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next_han = chars.peek().is_some_and(|(_, n)| is_han(*n));
        let han_here = if in_han {
            continues_han(c)
        } else {
            is_han(c) || (matches!(c, '“' | '《' | '「') && next_han)
        };
        if han_here != in_han {
            if i > start {
                runs.push((in_han, &text[start..i]));
            }
            start = i;
            in_han = han_here;
        }
    }
    if text.len() > start {
        runs.push((in_han, &text[start..]));
    }
    runs
}

#[cfg(test)]
mod tests;
