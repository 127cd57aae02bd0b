//! Normalised text → the document's non-blank lines with their 1-based line
//! numbers, site chrome (breadcrumbs, font-size and print links, the
//! `来源:` line) left out. Every later step reads these lines.

/// One non-blank line, trimmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    /// 1-based line number in the seed file.
    pub no: usize,
    pub text: &'a str,
}

/// The content lines of `text`.
pub fn content_lines(text: &str) -> Vec<Line<'_>> {
    text.split('\n')
        .enumerate()
        .map(|(i, l)| Line {
            no: i + 1,
            text: l.trim_matches(|c: char| c.is_whitespace() && c != '\t'),
        })
        .filter(|l| !l.text.trim().is_empty() && !is_chrome(l.text))
        .collect()
}

/// Navigation and page furniture scraped along with the document.
pub fn is_chrome(line: &str) -> bool {
    let short = line.chars().count() <= 60;
    line.starts_with("您当前所在的位置")
        || line.starts_with("当前位置")
        || line.contains("首页>>")
        || line.contains("首页 >")
        || (short
            && (line.contains("打印本页")
                || line.contains("关闭窗口")
                || line.contains("【字号")
                || line.starts_with("字号")
                || line.starts_with("来源:")
                || line.starts_with("信息来源:")
                || line.starts_with("浏览次数")
                || line.contains("【打印】")))
}
