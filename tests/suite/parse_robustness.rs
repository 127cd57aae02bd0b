//! No input makes the parser panic: arbitrary strings and bytes, and
//! randomly mutated copies of the seed.

use gazette::model::PolicyId;
use gazette::parse::{parse_policy, ParseOptions};
use proptest::prelude::*;

const SEED: &str = "seeds/000_8f98049102453562.txt";

fn parse(bytes: &[u8]) {
    let known = vec!["市科技局".to_owned(), "市".to_owned()];
    let _ = parse_policy(
        PolicyId::from("p"),
        "p.txt",
        bytes,
        &ParseOptions {
            known_units: &known,
        },
    );
}

/// Characters the genre is made of, so random text hits the parser's paths.
fn genre_char() -> impl Strategy<Value = char> {
    prop::sample::select(
        "一二三十百千万、。,:;()（）“”《》0123456789.%~附件序号牵头单位协同市局委办达到以上左右超突破年每均\n\t| "
            .chars()
            .collect::<Vec<_>>(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_strings_never_panic(s in ".{0,300}") {
        parse(s.as_bytes());
    }

    #[test]
    fn arbitrary_bytes_never_panic(b in prop::collection::vec(any::<u8>(), 0..300)) {
        parse(&b);
    }

    #[test]
    fn genre_like_text_never_panics(v in prop::collection::vec(genre_char(), 0..400)) {
        let s: String = v.into_iter().collect();
        parse(s.as_bytes());
    }

    #[test]
    fn mutated_seed_never_panics(
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..4, genre_char()), 1..12)
    ) {
        let mut chars: Vec<char> = std::fs::read_to_string(SEED).expect("seed").chars().collect();
        for (at, op, c) in edits {
            if chars.is_empty() {
                break;
            }
            let i = at.index(chars.len());
            match op {
                0 => chars[i] = c,
                1 => chars.insert(i, c),
                2 => { chars.remove(i); }
                _ => {
                    // Cut a run of lines out.
                    let end = (i + 200).min(chars.len());
                    chars.drain(i..end);
                }
            }
        }
        let s: String = chars.into_iter().collect();
        parse(s.as_bytes());
    }

    #[test]
    fn mutated_seed_bytes_never_panic(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)
    ) {
        let mut bytes = std::fs::read(SEED).expect("seed");
        for (at, b) in edits {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        parse(&bytes);
    }
}
