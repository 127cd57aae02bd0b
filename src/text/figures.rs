//! Figures written in digits inside running text, for comparing two
//! sentences that differ only in their numbers: [`mask`] replaces each
//! figure (`500`, `2.5`, `1,200`, full-width `３００`) by `#` and returns
//! the figures in order, so `新增企业300家` and `新增企业500家` mask alike.
//! Chinese numerals (`十`, `三百`) are not figures here: `一` also writes
//! words (`统一`, `一体化`), and masking it would match unrelated text.

/// Whether `c` is a digit, half- or full-width.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// `text` with every figure replaced by `#`, and the figures in order.
/// A figure is a run of digits, with single `.` or `,` between digits.
pub fn mask(text: &str) -> (String, Vec<&str>) {
    let mut masked = String::with_capacity(text.len());
    let mut figures = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if !is_digit(c) {
            masked.push(c);
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() {
            let c = chars[j].1;
            let joins = matches!(c, '.' | ',' | '．' | '，')
                && chars.get(j + 1).is_some_and(|&(_, n)| is_digit(n));
            if is_digit(c) {
                j += 1;
            } else if joins && c != '，' {
                j += 2;
            } else {
                break;
            }
        }
        let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
        figures.push(&text[start..end]);
        masked.push('#');
        i = j;
    }
    (masked, figures)
}

/// Byte ranges of `figure` in `text` where it stands as a whole figure
/// (no digit, `.` or `,` joined to it on either side).
pub fn find_figure(text: &str, figure: &str) -> Vec<(usize, usize)> {
    let joins = |c: char| is_digit(c) || matches!(c, '.' | ',');
    text.match_indices(figure)
        .map(|(s, m)| (s, s + m.len()))
        .filter(|&(s, e)| {
            let before = text[..s].chars().next_back();
            let mut after = text[e..].chars();
            // A figure goes on through a digit, or through `.`/`,` and a
            // digit; a full stop or comma ending the sentence is not part
            // of it.
            let goes_on = match after.next() {
                Some(c) if is_digit(c) => true,
                Some('.' | ',') => after.next().is_some_and(is_digit),
                _ => false,
            };
            !before.is_some_and(joins) && !goes_on
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_differing_in_figures_mask_alike() {
        let (a, fa) = mask("新增企业300家，投入占比2.5%，达1,200亿元");
        let (b, fb) = mask("新增企业５００家，投入占比3.0%，达900亿元");
        assert_eq!(a, b);
        assert_eq!(a, "新增企业#家，投入占比#%，达#亿元");
        assert_eq!(fa, ["300", "2.5", "1,200"]);
        assert_eq!(fb, ["５００", "3.0", "900"]);
        assert_eq!(mask("统一标准").1, Vec::<&str>::new());
    }

    #[test]
    fn a_figure_is_found_only_whole() {
        let en = "Add 300 firms by 2030, 1300 in all; 300.";
        assert_eq!(find_figure(en, "300"), [(4, 7), (36, 39)]);
        assert_eq!(find_figure("2.5% and 12.5%", "2.5"), [(0, 3)]);
    }
}
