//! Chinese text handling, in one place for every parser: decoding (UTF-8,
//! GBK/GB18030), normalisation of punctuation widths, digits and spaces, and
//! Chinese numerals.
//!
//! Takes raw bytes, gives a `String` whose lines end in `\n` and whose
//! brackets, commas, colons, digits and Latin letters are half-width. The
//! invariant every parser relies on: after [`normalize`], `(`, `)`, `,`, `:`
//! and `0-9` are the only spellings of those characters, while the Chinese
//! punctuation that has no ASCII twin (`、`, `。`, `；`, `“”`) is kept as written.

mod numerals;

pub use numerals::{chinese_number, is_numeral};

use encoding_rs::{DecoderResult, GB18030, UTF_16BE, UTF_16LE};

/// Why bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("byte {offset}: not valid UTF-8 or GB18030 (GBK) text")]
pub struct DecodeError {
    /// Offset of the first byte no encoding could read.
    pub offset: usize,
}

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
        match c {
            '\u{feff}' => {}
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{a0}' | '\u{3000}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' => {
                out.push(' ')
            }
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' => {}
            '；' | '！' | '？' => out.push(c),
            '\u{ff01}'..='\u{ff5e}' => {
                // The full-width block mirrors ASCII 0x21..=0x7e.
                let ascii = char::from_u32(c as u32 - 0xff01 + 0x21).unwrap_or(c);
                out.push(ascii);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Decodes and normalises in one step.
pub fn read_text(bytes: &[u8]) -> Result<String, DecodeError> {
    decode(bytes).map(|(text, _)| normalize(&text))
}

/// Number of characters (not bytes).
pub fn char_len(s: &str) -> usize {
    s.chars().count()
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

#[cfg(test)]
mod tests;
