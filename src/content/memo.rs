//! What a process that builds more than once (`serve`) keeps of the files
//! of `content/` it parsed: by path, the digest of each file's text and
//! what it parsed to. The next build parses again only the files whose
//! text changed. At 1,000 policies the translation files (196 of them,
//! 6.7 MB of YAML), `targets.yaml` (2.5 MB) and `urls.lock` (31.5 MB) took
//! about 0.7 s of CPU on every edit. Cloning a memo shares it; a single
//! build's memos are off ([`ParseMemo::off`]). A file that does not parse is not kept,
//! so its error is reported again on every build until it is fixed.

use super::lock::UrlLock;
use super::targets::TargetMetas;
use super::translations::Translation;
use crate::incremental::Digest;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The parses of one kind of file, by path; none kept when off.
#[derive(Debug)]
pub struct ParseMemo<T>(Option<Arc<Kept<T>>>);

/// Each file's path → the digest of its text and what it parsed to.
type Kept<T> = Mutex<HashMap<PathBuf, (Digest, T)>>;

/// An empty memo that keeps what it parses.
impl<T> Default for ParseMemo<T> {
    fn default() -> Self {
        ParseMemo(Some(Arc::default()))
    }
}

impl<T> Clone for ParseMemo<T> {
    fn clone(&self) -> Self {
        ParseMemo(self.0.clone())
    }
}

impl<T: Clone> ParseMemo<T> {
    /// A memo that keeps nothing: a single build parses each file once,
    /// and digesting and copying its parse would be work for nothing.
    pub fn off() -> Self {
        ParseMemo(None)
    }

    /// What `parse` makes of `text`, the text of the file at `path`: the
    /// parse this memo holds of the same text, else `parse`'s, kept.
    pub fn parse<E>(
        &self,
        path: &Path,
        text: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Result<T, E> {
        let Some(kept) = &self.0 else {
            return parse(text);
        };
        let digest = Digest::of(text.as_bytes());
        if let Some((known, parsed)) = crate::locked(kept).get(path) {
            if *known == digest {
                return Ok(parsed.clone());
            }
        }
        let parsed = parse(text)?;
        crate::locked(kept).insert(path.to_owned(), (digest, parsed.clone()));
        Ok(parsed)
    }
}

/// The memos of the files of `content/` worth keeping.
#[derive(Debug, Clone, Default)]
pub struct ContentMemo {
    pub translations: ParseMemo<Translation>,
    pub targets: ParseMemo<TargetMetas>,
    pub lock: ParseMemo<UrlLock>,
}

impl ContentMemo {
    /// Memos that keep nothing, for a single build.
    pub fn off() -> Self {
        ContentMemo {
            translations: ParseMemo::off(),
            targets: ParseMemo::off(),
            lock: ParseMemo::off(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn a_text_is_parsed_once_and_again_when_it_changes() {
        let memo: ParseMemo<usize> = ParseMemo::default();
        let calls = Cell::new(0);
        let parse = |text: &str| -> Result<usize, ()> {
            calls.set(calls.get() + 1);
            Ok(text.len())
        };
        let (a, b) = (Path::new("a.yaml"), Path::new("b.yaml"));
        assert_eq!(memo.parse(a, "one", parse), Ok(3));
        assert_eq!(memo.parse(a, "one", parse), Ok(3));
        assert_eq!(calls.get(), 1, "the same text at the same path is kept");
        assert_eq!(memo.parse(b, "one", parse), Ok(3));
        assert_eq!(calls.get(), 2, "another path is parsed");
        assert_eq!(memo.parse(a, "three", parse), Ok(5));
        assert_eq!(memo.parse(a, "one", parse), Ok(3));
        assert_eq!(
            calls.get(),
            4,
            "a changed text is parsed, and so is the old one again"
        );
    }

    #[test]
    fn a_text_that_fails_is_not_kept() {
        let memo: ParseMemo<usize> = ParseMemo::default();
        let calls = Cell::new(0);
        let fail = |_: &str| -> Result<usize, &str> {
            calls.set(calls.get() + 1);
            Err("bad")
        };
        let path = Path::new("a.yaml");
        assert_eq!(memo.parse(path, "x", fail), Err("bad"));
        assert_eq!(memo.parse(path, "x", fail), Err("bad"));
        assert_eq!(calls.get(), 2);
        assert_eq!(memo.parse(path, "x", |t| Ok::<_, &str>(t.len())), Ok(1));
    }

    #[test]
    fn a_memo_that_is_off_parses_every_time() {
        let memo: ParseMemo<usize> = ParseMemo::off();
        let calls = Cell::new(0);
        let parse = |text: &str| -> Result<usize, ()> {
            calls.set(calls.get() + 1);
            Ok(text.len())
        };
        let path = Path::new("a.yaml");
        assert_eq!(memo.parse(path, "one", parse), Ok(3));
        assert_eq!(memo.clone().parse(path, "one", parse), Ok(3));
        assert_eq!(calls.get(), 2);
    }
}
