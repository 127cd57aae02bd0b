use super::*;

#[test]
fn normalize_widths_spaces_and_line_ends() {
    let text = "\u{feff}（一）任务，内容：１．５％\u{3000}a\u{a0}b\r\nc\rd；";
    assert_eq!(normalize(text), "(一)任务,内容:1.5% a b\nc\nd；");
}

#[test]
fn decode_utf8_with_bom() {
    let (text, enc) = decode("\u{feff}通知".as_bytes()).unwrap();
    assert_eq!(text, "通知");
    assert_eq!(enc, Encoding::Utf8);
}

#[test]
fn decode_utf16_with_bom_as_windows_notepad_saves_it() {
    for (bom, to_bytes) in [
        ([0xff, 0xfe], u16::to_le_bytes as fn(u16) -> [u8; 2]),
        ([0xfe, 0xff], u16::to_be_bytes as fn(u16) -> [u8; 2]),
    ] {
        let mut bytes = bom.to_vec();
        bytes.extend("一、主要任务".encode_utf16().flat_map(to_bytes));
        let (text, enc) = decode(&bytes).unwrap();
        assert_eq!(text, "一、主要任务");
        assert_eq!(enc, Encoding::Utf16);
    }
}

#[test]
fn decode_gbk() {
    let (bytes, _, _) = encoding_rs::GBK.encode("关于印发《行动方案》的通知");
    let (text, enc) = decode(&bytes).unwrap();
    assert_eq!(text, "关于印发《行动方案》的通知");
    assert_eq!(enc, Encoding::Gb18030);
}

#[test]
fn decode_error_names_offset() {
    let mut bytes = "通知abc".as_bytes().to_vec();
    bytes.push(0xff);
    bytes.extend_from_slice(b"xyz");
    let err = decode(&bytes).unwrap_err();
    assert_eq!(err.offset, 9);
}

#[test]
fn chinese_numerals() {
    assert_eq!(chinese_number("千"), Some(1000));
    assert_eq!(chinese_number("十九"), Some(19));
    assert_eq!(chinese_number("十"), Some(10));
    assert_eq!(chinese_number("二十三"), Some(23));
    assert_eq!(chinese_number("一千二百"), Some(1200));
    assert_eq!(chinese_number("两万"), Some(20000));
    assert_eq!(chinese_number("三"), Some(3));
    assert_eq!(chinese_number("abc"), None);
    assert_eq!(chinese_number(""), None);
}

#[test]
fn char_slicing_is_boundary_safe() {
    assert_eq!(char_slice("通知abc", 1, 3), "知a");
    assert_eq!(char_slice("通知", 1, 99), "知");
    assert_eq!(char_slice("通知", 5, 2), "");
    assert_eq!(char_offset("通知a", 6), 2);
}

#[test]
fn published_spelling_is_restored_one_for_one() {
    let line = "（一）加强组织领导，市科技局牵头（市财政局配合）。\u{3000}完成";
    let normal = normalize(line);
    assert_eq!(as_published(&normal, line), line);
    // A part of the line, and the line with its clause cut out.
    assert_eq!(as_published("加强组织领导,", line), "加强组织领导，");
    let cut = "(一)加强组织领导,市科技局牵头。 完成";
    let shown = as_published(cut, line);
    assert_eq!(shown, "（一）加强组织领导，市科技局牵头。\u{3000}完成");
    assert_eq!(shown.chars().count(), cut.chars().count());
    // Text the line does not hold is shown as given, never dropped.
    assert_eq!(as_published("别的文字", line), "别的文字");
}

#[test]
fn published_lines_match_normalised_line_numbers() {
    let text = "一，\r\n二（\r三";
    let lines = published_lines(text);
    assert_eq!(lines, ["一，", "二（", "三"]);
    assert_eq!(normalize(text).split('\n').count(), lines.len());
}

#[test]
fn han_runs_cut_chinese_out_of_english() {
    assert_eq!(
        han_runs("Short form of 高新技术企业. See “十百千”工程, 1~2个"),
        [
            (false, "Short form of "),
            (true, "高新技术企业"),
            (false, ". See "),
            (true, "“十百千”工程"),
            (false, ", 1~2"),
            (true, "个"),
        ]
    );
    assert_eq!(han_runs("no Chinese"), [(false, "no Chinese")]);
    assert!(han_runs("").is_empty());
}

#[test]
fn han_count_counts_chinese_characters_only() {
    assert_eq!(han_count("到2025年，新增〇个（市科技局牵头）"), 12);
    assert_eq!(han_count("R&D 2.8%；、。"), 0);
}
