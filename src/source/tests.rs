//! Unit tests of the source stage: formats by extension, tables with
//! merged cells, and the errors of files that are not what they claim.

use super::grid::Grid;
use super::*;

#[test]
fn formats_by_extension_refuse_binary_word_files() {
    assert_eq!(
        Format::of(Path::new("a.DOCX")).ok(),
        Some(Some(Format::Docx))
    );
    assert_eq!(
        Format::of(Path::new("a.htm")).ok(),
        Some(Some(Format::Html))
    );
    assert_eq!(
        Format::of(Path::new("a.txt")).ok(),
        Some(Some(Format::Text))
    );
    assert_eq!(Format::of(Path::new("a.png")).ok(), Some(None));
    let err = Format::of(Path::new("a.doc")).err().map(|e| e.to_string());
    assert!(err.is_some_and(|e| e.contains("soffice --headless --convert-to docx a.doc")));
}

#[test]
fn merged_cells_are_spread_to_every_row_and_column_and_keep_their_lines() {
    let mut g = Grid::default();
    g.place(0, 0, 1, 1, "序号".into());
    g.place(0, 1, 1, 2, "单位".into());
    g.place(1, 0, 1, 1, "1".into());
    g.place(1, 1, 2, 1, "市科技局\n市财政局".into());
    g.place(1, 2, 1, 1, "a".into());
    g.place(2, 0, 1, 1, "2".into());
    g.place(2, 2, 1, 1, "b".into());
    g.place(3, 0, 1, 3, "行动二".into());
    assert_eq!(
        g.lines(),
        [
            "序号\t单位\t单位",
            "1\t市科技局\ta",
            "\t市财政局\t",
            "2\t市科技局\tb",
            "\t市财政局\t",
            "行动二\t\t",
        ]
    );
}

#[test]
fn a_truncated_docx_is_not_a_word_document() {
    let err = read("x.docx", Format::Docx, b"PK\x03\x04 truncated", None).err();
    assert!(matches!(err, Some(SourceError::NotDocx { .. })), "{err:?}");
}

#[test]
fn an_ole_file_named_docx_is_encrypted_or_a_doc() {
    let bytes = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0];
    let err = read("x.docx", Format::Docx, &bytes, None).err();
    assert!(
        matches!(err, Some(SourceError::Encrypted { .. })),
        "{err:?}"
    );
}

#[test]
fn a_page_without_a_document_is_refused() {
    let page = "<html><body><nav><a href='/'>首页</a></nav><p>页面不存在</p></body></html>";
    let err = read("x.html", Format::Html, page.as_bytes(), None).err();
    assert!(matches!(err, Some(SourceError::NoText { .. })), "{err:?}");
}

#[test]
fn a_gbk_page_is_decoded_by_its_meta_charset() {
    let body = "一、总体要求".repeat(40);
    let page = format!(
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><div class=\"nav\"><a href=\"/\">首页</a></div><div><p>{body}</p><p>附件：<a href=\"/a/fj.xlsx\">分解表.xlsx</a></p></div></body></html>"
    );
    let (gbk, _, _) = encoding_rs::GBK.encode(&page);
    let source = read("x.html", Format::Html, &gbk, None).ok();
    let text = source
        .as_ref()
        .map(|s| String::from_utf8_lossy(&s.bytes).into_owned());
    assert!(text.is_some_and(|t| t.starts_with("一、总体要求")));
    assert!(source.is_some_and(|s| s.notes.iter().any(|n| n.contains("分解表.xlsx"))));
}

/// A minimal `.docx` holding `document` and `numbering`, stored uncompressed.
fn docx(document: &str, numbering: &str, styles: &str) -> Vec<u8> {
    use std::io::Write as _;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, xml) in [
        ("word/document.xml", document),
        ("word/numbering.xml", numbering),
        ("word/styles.xml", styles),
        (
            "word/header1.xml",
            "<w:hdr><w:p><w:r><w:t>页眉</w:t></w:r></w:p></w:hdr>",
        ),
    ] {
        zip.start_file(name, options).expect("entry");
        zip.write_all(xml.as_bytes()).expect("write");
    }
    zip.finish().expect("zip").into_inner()
}

#[test]
fn word_spans_style_numbering_and_text_boxes() {
    let numbering = r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="3">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
        </w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num></w:numbering>"#;
    let styles = r#"<w:styles xmlns:w="w"><w:style w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>
        <w:style w:styleId="H1b"><w:basedOn w:val="H1"/></w:style></w:styles>"#;
    let cell = |props: &str, text: &str| {
        format!("<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
    };
    let document = format!(
        r#"<w:document xmlns:w="w"><w:body>
        <w:p><w:pPr><w:pStyle w:val="H1"/></w:pPr><w:r><w:t>总体要求</w:t></w:r></w:p>
        <w:p><w:r><w:t xml:space="preserve">正文 &amp; </w:t></w:r><w:r><w:drawing><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:drawing></w:r><w:r><w:t>续</w:t></w:r></w:p>
        <w:p><w:pPr><w:pStyle w:val="H1b"/></w:pPr><w:r><w:t>主要任务</w:t></w:r></w:p>
        <w:tbl><w:tr>{}{}</w:tr><w:tr>{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>
        </w:body></w:document>"#,
        cell("", "序号"),
        cell(r#"<w:gridSpan w:val="2"/>"#, "责任单位"),
        cell(r#"<w:gridSpan w:val="3"/>"#, "行动一"),
        cell("", "1"),
        cell("", "任务甲"),
        cell(r#"<w:vMerge w:val="restart"/>"#, "市科技局"),
        cell("", "2"),
        cell("", "任务乙"),
        "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>",
    );
    let source = read(
        "x.docx",
        Format::Docx,
        &docx(&document, numbering, styles),
        None,
    )
    .expect("reads");
    assert_eq!(
        String::from_utf8_lossy(&source.bytes),
        "一、总体要求\n正文 & 续\n二、主要任务\n序号\t责任单位\t责任单位\n行动一\t\t\n1\t任务甲\t市科技局\n2\t任务乙\t市科技局\n"
    );
    assert_eq!(source.notes.len(), 1, "{:?}", source.notes);
}

#[test]
fn a_broken_numbering_part_is_an_error_not_missing_numbers() {
    let document = r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>"#;
    let broken =
        r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="3"></w:lvl></w:numbering>"#;
    let err = read("x.docx", Format::Docx, &docx(document, broken, ""), None)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.contains("x.docx: not a Word document: word/numbering.xml is not well-formed XML"),
        "{err}"
    );
}

#[test]
fn a_workbook_title_rows_header_and_merged_group_cells_become_annex_lines() {
    // CSV has no merged cells: a table with no 序号 column gets one, and a
    // group heading (one cell) is not numbered.
    let csv =
        "工作任务,牵头单位,配合单位\n行动一：创新\n任务甲,市科技局,市财政局\n任务乙,市发改委,\n";
    let source = read("t.csv", Format::Table(SheetKind::Csv), csv.as_bytes(), None).expect("reads");
    assert_eq!(
        String::from_utf8(source.bytes).expect("utf-8"),
        "附件\n序号\t工作任务\t牵头单位\t配合单位\n行动一：创新\t\t\t\n1\t任务甲\t市科技局\t市财政局\n2\t任务乙\t市发改委\t\n"
    );
}
