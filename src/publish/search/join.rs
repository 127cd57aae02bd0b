//! Pagefind indexes of consecutive runs of one language's pages → the
//! index one Pagefind over all those pages writes: the same page numbers,
//! word chunks, filters, metadata and file names, byte for byte once
//! unpacked (the files this writes are compressed at a lower level than
//! Pagefind's, [`LEVEL`]; fragments are Pagefind's own bytes).
//!
//! Why: one Pagefind keeps every page it was given, parsed, until it
//! writes, and then copies them once more, so its memory grows with the
//! site; and it looks up each new page's URL among all it holds, so its
//! time grows with the square of the pages. Indexed in runs of a few
//! thousand pages, each by a Pagefind dropped once its files are made,
//! and joined here, the index costs memory in proportion to a run, and
//! readers get the ranking of one index (Pagefind scores a word by how
//! many of the language's pages hold it, which an index split in parts
//! the browser merges would count per part).
//!
//! How: the files are Pagefind 1.6's formats (gzip after a signature, then
//! CBOR; `pagefind/src/index/`). A run's page `i` is page `offset + i` of
//! the whole. Fragments (one file per page) are kept as they are; a page
//! whose short hash an earlier run's page already took gets a longer one,
//! as Pagefind would give it. Runs kept in the run cache are read from it
//! one at a time, in order: their fragments go to the joined index as
//! each is read, and only their word chunks and filters are held. The word
//! chunks of the runs are unpacked one at a time per run, decoded a word at
//! a time and merged in word order (each run's next word in a heap, so a
//! word costs the logarithm of the runs, not their number) into new
//! chunks, cut where Pagefind cuts them ([`CHUNK_SIZE`]), so memory stays
//! at one unpacked chunk per run. A second thread encodes, hashes and
//! compresses each new chunk while the next is merged.
//! Filters are small and merged whole. An index that uses what this does
//! not join (sort orders, fragment groups) gives `None`: the caller then
//! indexes the language with one Pagefind.

use super::{error, Entry, EntryLanguage, Held, RunCache, SearchError, DIR, ENTRY};
use crate::incremental::Digest;
use crate::render::OutputFile;
use minicbor::{Decode, Encode};
use std::cmp::Reverse;
use std::collections::binary_heap::{BinaryHeap, PeekMut};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::{Read, Write};

/// What Pagefind writes before the CBOR or JSON of each compressed file.
const SIGNATURE: &[u8] = b"pagefind_dcd";

/// Pagefind's default size of a word chunk, in positions
/// (`default_index_chunk_size`): a chunk ends at the word that reaches it.
const CHUNK_SIZE: usize = 20_000;

#[derive(Encode, Decode)]
struct MetaIndex {
    #[n(0)]
    version: String,
    #[n(1)]
    pages: Vec<MetaPage>,
    #[n(2)]
    index_chunks: Vec<MetaChunk>,
    #[n(3)]
    filters: Vec<MetaFilter>,
    #[n(4)]
    sorts: Vec<MetaSort>,
    #[n(5)]
    meta_fields: Vec<String>,
}

#[derive(Encode, Decode)]
struct MetaChunk {
    #[n(0)]
    from: String,
    #[n(1)]
    to: String,
    #[n(2)]
    hash: String,
}

#[derive(Encode, Decode)]
struct MetaPage {
    #[n(0)]
    hash: String,
    #[n(1)]
    word_count: u32,
    #[n(2)]
    group_hash: String,
}

#[derive(Encode, Decode)]
struct MetaFilter {
    #[n(0)]
    filter: String,
    #[n(1)]
    hash: String,
}

#[derive(Encode, Decode)]
struct MetaSort {
    #[n(0)]
    sort: String,
    #[n(1)]
    pages: Vec<usize>,
}

#[derive(Encode, Decode)]
struct WordIndex {
    #[n(0)]
    words: Vec<PackedWord>,
}

#[derive(Encode, Decode)]
struct PackedWord {
    #[n(0)]
    word: String,
    #[n(1)]
    pages: Vec<PackedPage>,
    #[n(2)]
    additional_variants: Vec<PackedVariant>,
}

#[derive(Encode, Decode)]
struct PackedVariant {
    #[n(0)]
    form: String,
    #[n(1)]
    pages: Vec<PackedPage>,
}

#[derive(Encode, Decode)]
struct PackedPage {
    #[n(0)]
    page_number: usize,
    #[n(1)]
    locs: Vec<i32>,
    #[n(2)]
    meta_locs: Vec<i32>,
}

#[derive(Encode, Decode)]
struct FilterIndex {
    #[n(0)]
    filter: String,
    #[n(1)]
    values: Vec<PackedValue>,
}

#[derive(Encode, Decode)]
struct PackedValue {
    #[n(0)]
    value: String,
    #[n(1)]
    pages: Vec<usize>,
}

/// One run's index, read: its files by path, its metadata, and where its
/// pages start in the whole.
struct Run {
    files: HashMap<String, Vec<u8>>,
    meta: MetaIndex,
    offset: usize,
    /// Its metadata fields' numbers in the whole's list.
    fields: Vec<i32>,
}

/// Joins the indexes of `runs` (each the files of one Pagefind over a run
/// of the language's pages, in page order; those kept in `cache` read
/// from it one at a time) into the files of one index.
/// `None` when they cannot be joined (see the module's doc).
/// A word chunk the last join of the language wrote is taken from the
/// file `previous` gives at its path when that holds the bytes written
/// then ([`Packed`]).
pub(super) fn join(
    runs: Vec<Held>,
    cache: &RunCache,
    previous: &super::Read,
) -> Result<Option<Vec<OutputFile>>, SearchError> {
    let mut common: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut out: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut language: Option<(String, EntryLanguage, Entry)> = None;
    let mut read = Vec::new();
    let mut pages = Pages::default();
    for run in runs {
        let mut files: HashMap<String, Vec<u8>> = run
            .files(cache)?
            .into_iter()
            .map(|f| (f.path, f.bytes))
            .collect();
        let entry: Entry = match files.remove(ENTRY) {
            Some(bytes) => {
                serde_json::from_slice(&bytes).map_err(|e| error(format!("{ENTRY}: {e}")))?
            }
            None => return Err(error(format!("a part of the index has no {ENTRY}"))),
        };
        let mut langs = entry.languages.iter();
        let Some((lang, meta)) = langs.next() else {
            // No page of the run had words: it adds nothing.
            common.extend(files);
            continue;
        };
        if langs.next().is_some() {
            return Ok(None);
        }
        match &language {
            Some((known, ..)) if known != lang => return Ok(None),
            Some(_) => {}
            None => {
                let first = EntryLanguage {
                    hash: String::new(),
                    wasm: meta.wasm.clone(),
                    page_count: 0,
                };
                language = Some((lang.clone(), first, clone_entry(&entry)));
            }
        }
        let meta_path = format!("{DIR}/pagefind.{}.pf_meta", meta.hash);
        let bytes = files
            .remove(&meta_path)
            .ok_or_else(|| error(format!("{meta_path} is missing from a part of the index")))?;
        let mut meta: MetaIndex = decode(&meta_path, &bytes)?;
        if !meta.sorts.is_empty() || meta.pages.iter().any(|p| !p.group_hash.is_empty()) {
            return Ok(None);
        }
        let offset = pages.list.len();
        pages.take(lang, std::mem::take(&mut meta.pages), &mut files, &mut out)?;
        let (data, rest): (HashMap<_, _>, HashMap<_, _>) = files.into_iter().partition(|(p, _)| {
            ["index/", "filter/"]
                .iter()
                .any(|dir| p.starts_with(&format!("{DIR}/{dir}")))
        });
        common.extend(rest);
        read.push(Run {
            files: data,
            meta,
            offset,
            fields: Vec::new(),
        });
    }
    let Some((lang, mut lang_meta, mut entry)) = language else {
        return Ok(Some(into_files(common)));
    };
    out.extend(common);
    let fields: Vec<String> = read
        .iter()
        .flat_map(|r| r.meta.meta_fields.iter().cloned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    for run in &mut read {
        run.fields = run
            .meta
            .meta_fields
            .iter()
            .map(|f| fields.iter().position(|g| g == f).unwrap_or(0) as i32)
            .collect();
    }
    let version = read
        .first()
        .map(|r| r.meta.version.clone())
        .unwrap_or_default();
    let filters = join_filters(&lang, &mut read, &mut out)?;
    let mut packed = Packed {
        last: cache.joined(&lang),
        now: Vec::new(),
        read: previous,
    };
    let index_chunks = join_words(&lang, &mut read, &mut packed, &mut out)?;
    cache.keep_joined(&lang, &packed.now);
    let meta = MetaIndex {
        version,
        pages: pages.list,
        index_chunks,
        filters,
        sorts: Vec::new(),
        meta_fields: fields,
    };
    let page_count = meta.pages.len();
    let bytes = encode(&meta)?;
    let meta_hash = format!("{lang}_{}", prefix(&full_hash(&bytes), lang.len() + 8));
    out.insert(format!("{DIR}/pagefind.{meta_hash}.pf_meta"), gzip(&bytes)?);
    lang_meta.hash = meta_hash;
    lang_meta.page_count = page_count;
    entry.languages = BTreeMap::from([(lang, lang_meta)]);
    let json = serde_json::to_vec(&entry).map_err(|e| error(format!("{ENTRY}: {e}")))?;
    out.insert(ENTRY.to_owned(), json);
    Ok(Some(into_files(out)))
}

fn clone_entry(entry: &Entry) -> Entry {
    Entry {
        version: entry.version.clone(),
        languages: BTreeMap::new(),
        include_characters: entry.include_characters.clone(),
    }
}

/// Files by path as output files that are no pages.
pub(super) fn into_files(files: impl IntoIterator<Item = (String, Vec<u8>)>) -> Vec<OutputFile> {
    files
        .into_iter()
        .map(|(path, bytes)| OutputFile {
            path,
            bytes,
            page: None,
        })
        .collect()
}

/// The joined index's pages so far, and the short hashes they took.
#[derive(Default)]
struct Pages {
    list: Vec<MetaPage>,
    taken: HashSet<String>,
}

impl Pages {
    /// Adds a run's pages, in order, their fragments moved from `files` to
    /// `out`: a page whose short hash an earlier page took gets a longer
    /// one, as Pagefind extends it (one character at a time, from the hash
    /// of the fragment's JSON).
    fn take(
        &mut self,
        lang: &str,
        pages: Vec<MetaPage>,
        files: &mut HashMap<String, Vec<u8>>,
        out: &mut BTreeMap<String, Vec<u8>>,
    ) -> Result<(), SearchError> {
        for mut page in pages {
            let path = fragment_path(&page.hash);
            let bytes = files
                .remove(&path)
                .ok_or_else(|| error(format!("{path} is missing from a part of the index")))?;
            if self.taken.contains(&page.hash) {
                let json = gunzip(&path, &bytes)?;
                let full = format!("{lang}_{}", full_hash(&json));
                let mut len = page.hash.len();
                while self.taken.contains(&page.hash) && len < full.len() {
                    len += 1;
                    page.hash = prefix(&full, len).to_owned();
                }
            }
            self.taken.insert(page.hash.clone());
            out.insert(fragment_path(&page.hash), bytes);
            self.list.push(page);
        }
        Ok(())
    }
}

fn fragment_path(hash: &str) -> String {
    format!("{DIR}/fragment/{hash}.pf_fragment")
}

/// The runs' filters joined: each value's pages in page order, values and
/// filters in Pagefind's order (sorted), their files written to `out`.
fn join_filters(
    lang: &str,
    runs: &mut [Run],
    out: &mut BTreeMap<String, Vec<u8>>,
) -> Result<Vec<MetaFilter>, SearchError> {
    let mut filters: BTreeMap<String, BTreeMap<String, Vec<usize>>> = BTreeMap::new();
    for run in runs.iter_mut() {
        for filter in std::mem::take(&mut run.meta.filters) {
            let path = format!("{DIR}/filter/{}.pf_filter", filter.hash);
            let bytes = run
                .files
                .remove(&path)
                .ok_or_else(|| error(format!("{path} is missing from a part of the index")))?;
            let index: FilterIndex = decode(&path, &bytes)?;
            let values = filters.entry(index.filter).or_default();
            for value in index.values {
                values
                    .entry(value.value)
                    .or_default()
                    .extend(value.pages.iter().map(|p| p + run.offset));
            }
        }
    }
    let mut hashes = HashSet::new();
    let mut meta = Vec::new();
    for (filter, values) in filters {
        let index = FilterIndex {
            filter: filter.clone(),
            values: values
                .into_iter()
                .map(|(value, pages)| PackedValue { value, pages })
                .collect(),
        };
        let bytes = encode(&index)?;
        let hash = unique(lang, &full_hash(&bytes), &mut hashes);
        out.insert(format!("{DIR}/filter/{hash}.pf_filter"), gzip(&bytes)?);
        meta.push(MetaFilter { filter, hash });
    }
    Ok(meta)
}

/// A short hash of a word or filter chunk no other chunk of the language
/// has: Pagefind's, which grows by two characters on a collision.
/// `full` is the [`full_hash`] of its bytes.
fn unique(lang: &str, full: &str, taken: &mut HashSet<String>) -> String {
    let hash = format!("{lang}_{full}");
    let mut len = lang.len() + 8;
    while taken.contains(prefix(&hash, len)) && len < hash.len() {
        len += 2;
    }
    let short = prefix(&hash, len).to_owned();
    taken.insert(short.clone());
    short
}

/// The first `len` characters of an ASCII hash (all of it when shorter).
fn prefix(hash: &str, len: usize) -> &str {
    hash.get(..len).unwrap_or(hash)
}

/// A run's words in order, read one chunk at a time and decoded one word
/// at a time, with page numbers of the whole and metadata fields numbered
/// as in the whole's list. Only the current chunk's unpacked bytes are
/// held: a chunk decoded whole takes about ten times its bytes, and every
/// run has one open while the runs are merged.
struct Words<'a> {
    run: &'a mut Run,
    chunks: std::vec::IntoIter<MetaChunk>,
    /// The current chunk: its path, its unpacked CBOR, where its next word
    /// starts and how many words are left.
    path: String,
    data: Vec<u8>,
    at: usize,
    left: u64,
    next: Option<PackedWord>,
}

impl<'a> Words<'a> {
    fn new(run: &'a mut Run) -> Self {
        let chunks = std::mem::take(&mut run.meta.index_chunks).into_iter();
        Words {
            run,
            chunks,
            path: String::new(),
            data: Vec::new(),
            at: 0,
            left: 0,
            next: None,
        }
    }

    /// The next word, reading the next chunk when this one is done.
    fn fill(&mut self) -> Result<(), SearchError> {
        while self.next.is_none() {
            if self.left > 0 {
                let mut d = minicbor::Decoder::new(&self.data);
                d.set_position(self.at);
                let mut word: PackedWord = d
                    .decode()
                    .map_err(|e| error(format!("{}: {e}", self.path)))?;
                self.at = d.position();
                self.left -= 1;
                self.renumber(&mut word.pages);
                for variant in &mut word.additional_variants {
                    self.renumber(&mut variant.pages);
                }
                self.next = Some(word);
                break;
            }
            let Some(chunk) = self.chunks.next() else {
                self.data = Vec::new();
                break;
            };
            self.path = format!("{DIR}/index/{}.pf_index", chunk.hash);
            let bytes = self.run.files.remove(&self.path).ok_or_else(|| {
                error(format!("{} is missing from a part of the index", self.path))
            })?;
            self.data = gunzip(&self.path, &bytes)?;
            (self.at, self.left) = words_start(&self.path, &self.data)?;
        }
        Ok(())
    }

    /// The next word, taken.
    fn pop(&mut self) -> Result<Option<PackedWord>, SearchError> {
        self.fill()?;
        Ok(self.next.take())
    }

    /// Page numbers stored as differences → the whole's numbers; metadata
    /// field markers (`-1 - field`) → the whole's field numbers.
    fn renumber(&self, pages: &mut [PackedPage]) {
        let mut last = 0;
        for page in pages {
            last += page.page_number;
            page.page_number = last + self.run.offset;
            for loc in &mut page.meta_locs {
                if *loc < 0 {
                    let field = (-*loc - 1) as usize;
                    *loc = -1 - self.run.fields.get(field).copied().unwrap_or(0);
                }
            }
        }
    }
}

/// Where the words of a word chunk's CBOR (`data`, a [`WordIndex`]) begin,
/// and how many there are.
fn words_start(path: &str, data: &[u8]) -> Result<(usize, u64), SearchError> {
    let mut d = minicbor::Decoder::new(data);
    let layout = |e: minicbor::decode::Error| error(format!("{path}: {e}"));
    let fields = d.array().map_err(layout)?;
    let words = d.array().map_err(layout)?;
    match (fields, words) {
        (Some(1), Some(words)) => Ok((d.position(), words)),
        _ => Err(error(format!(
            "{path}: not a word chunk as Pagefind 1.6 writes it (an array of one definite array)"
        ))),
    }
}

/// The runs' word chunks merged in word order into new chunks (written to
/// `out`), cut as Pagefind cuts them: their list for the metadata. The
/// chunks are encoded, hashed and compressed on a second thread, in
/// order, while this one merges the next.
fn join_words(
    lang: &str,
    runs: &mut [Run],
    packed: &mut Packed,
    out: &mut BTreeMap<String, Vec<u8>>,
) -> Result<Vec<MetaChunk>, SearchError> {
    let (merged, written) = std::thread::scope(|s| {
        let (send, cut) = std::sync::mpsc::sync_channel::<Vec<PackedWord>>(2);
        let writer = s.spawn(move || {
            let mut hashes = HashSet::new();
            let mut buffer = Vec::new();
            cut.into_iter()
                .map(|words| write_chunk(lang, words, &mut hashes, packed, &mut buffer, out))
                .collect::<Result<Vec<MetaChunk>, SearchError>>()
        });
        // A failed writer has dropped its end: the merge stops there.
        let merged = merge_words(runs, |words| send.send(words).is_ok());
        drop(send);
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(error("the thread writing the index's words panicked")));
        (merged, written)
    });
    merged?;
    let mut chunks = written?;
    // Each chunk's bounds shortened to the prefixes that tell it from its
    // neighbours (Pagefind's `chunk_meta`).
    for i in 1..chunks.len() {
        let (a, b) = prefixes(&chunks[i - 1].to, &chunks[i].from);
        if a >= chunks[i - 1].from {
            chunks[i - 1].to = a;
        }
        chunks[i].from = b;
    }
    Ok(chunks)
}

/// Merges the runs' words in word order, handing each chunk's words to
/// `chunk` as soon as it is cut, where Pagefind cuts it ([`CHUNK_SIZE`]);
/// stops early when `chunk` says no.
fn merge_words(
    runs: &mut [Run],
    mut chunk: impl FnMut(Vec<PackedWord>) -> bool,
) -> Result<(), SearchError> {
    let mut streams: Vec<Words> = runs.iter_mut().map(Words::new).collect();
    // Each run's next word, the least first; of equal words, the earlier
    // run's first, so pages and variants join in page order.
    let mut next = BinaryHeap::new();
    for (stream, s) in streams.iter_mut().enumerate() {
        if let Some(word) = s.pop()? {
            next.push(Reverse(Next { word, stream }));
        }
    }
    let mut words: Vec<PackedWord> = Vec::new();
    let mut size = 0;
    while let Some(Reverse(least)) = next.pop() {
        let mut word = least.word;
        let mut taken = vec![least.stream];
        while let Some(top) = next.peek_mut().filter(|n| n.0.word.word == word.word) {
            let same = PeekMut::pop(top).0;
            taken.push(same.stream);
            add(&mut word, same.word);
        }
        // A run's words are distinct and in order: its next is past this one.
        for stream in taken {
            if let Some(word) = streams[stream].pop()? {
                next.push(Reverse(Next { word, stream }));
            }
        }
        size += word
            .pages
            .iter()
            .chain(word.additional_variants.iter().flat_map(|v| &v.pages))
            .map(|p| p.locs.len() + p.meta_locs.len() + 1)
            .sum::<usize>()
            + word.additional_variants.len();
        words.push(word);
        if size >= CHUNK_SIZE {
            if !chunk(std::mem::take(&mut words)) {
                return Ok(());
            }
            size = 0;
        }
    }
    if !words.is_empty() {
        chunk(words);
    }
    Ok(())
}

/// A run's next word in the merge, ordered by the word, then by the run.
struct Next {
    word: PackedWord,
    stream: usize,
}

impl Ord for Next {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.word.word.as_str(), self.stream).cmp(&(other.word.word.as_str(), other.stream))
    }
}

impl PartialOrd for Next {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Next {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Next {}

/// `later`'s pages and variants (the same word, of a later run) added to
/// `word`'s.
fn add(word: &mut PackedWord, later: PackedWord) {
    word.pages.extend(later.pages);
    for variant in later.additional_variants {
        match (word.additional_variants.iter_mut()).find(|v| v.form == variant.form) {
            Some(known) => known.pages.extend(variant.pages),
            None => word.additional_variants.push(variant),
        }
    }
}

/// Pagefind's `get_prefixes`: the two words cut one character past their
/// common prefix.
fn prefixes(a: &str, b: &str) -> (String, String) {
    let common = b.chars().zip(a.chars()).take_while(|(x, y)| x == y).count();
    (
        a.chars().take(common + 1).collect(),
        b.chars().take(common + 1).collect(),
    )
}

/// One word chunk, page numbers stored as differences, written to `out`;
/// `buffer` (any bytes) is where it is encoded, reused from chunk to chunk.
fn write_chunk(
    lang: &str,
    mut words: Vec<PackedWord>,
    hashes: &mut HashSet<String>,
    packed: &mut Packed,
    buffer: &mut Vec<u8>,
    out: &mut BTreeMap<String, Vec<u8>>,
) -> Result<MetaChunk, SearchError> {
    let from = words.first().map(|w| w.word.clone()).unwrap_or_default();
    let to = words.last().map(|w| w.word.clone()).unwrap_or_default();
    for word in &mut words {
        delta(&mut word.pages);
        for variant in &mut word.additional_variants {
            delta(&mut variant.pages);
        }
    }
    buffer.clear();
    encode_into(&WordIndex { words }, buffer)?;
    let full = full_hash(buffer);
    let hash = unique(lang, &full, hashes);
    let path = format!("{DIR}/index/{hash}.pf_index");
    let gz = packed.pack(&path, full, buffer)?;
    out.insert(path, gz);
    Ok(MetaChunk { from, to, hash })
}

/// The word chunks the last join of a language compressed — the
/// [`full_hash`] of each one's CBOR, and the digest of the bytes it wrote
/// for it, kept in the run cache under the running binary's identity —
/// and those this join compresses. After an edit most chunks are the
/// same, and compressing them is most of the join's time: a chunk the last
/// join wrote is taken from the file at its path when that still holds
/// exactly the bytes written then (the staging folder holds the site of
/// an earlier build), and compressed otherwise. The bytes are those a
/// join without the record writes, since the same binary compresses the
/// same CBOR to the same bytes.
struct Packed<'a, 'b> {
    last: HashMap<String, Digest>,
    now: Vec<(String, Digest)>,
    read: &'a super::Read<'b>,
}

impl Packed<'_, '_> {
    /// The file of the chunk `bytes` (whose full hash is `full`) at `path`.
    fn pack(&mut self, path: &str, full: String, bytes: &[u8]) -> Result<Vec<u8>, SearchError> {
        if let Some(digest) = self.last.get(&full) {
            if let Ok(old) = (self.read)(path) {
                if Digest::of(&old) == *digest {
                    // The tests run debug builds: they prove the bytes taken
                    // are those compressing gives.
                    if cfg!(debug_assertions) {
                        assert!(
                            gzip(bytes)? == *old,
                            "{path}: not the bytes compressing gives"
                        );
                    }
                    self.now.push((full, *digest));
                    return Ok(old.into_owned());
                }
            }
        }
        let gz = gzip(bytes)?;
        self.now.push((full, Digest::of(&gz)));
        Ok(gz)
    }
}

fn delta(pages: &mut [PackedPage]) {
    let mut last = 0;
    for page in pages {
        let number = page.page_number;
        page.page_number = number - last;
        last = number;
    }
}

/// Pagefind's `full_hash`: SHA-1, each byte in hex without padding.
fn full_hash(bytes: &[u8]) -> String {
    use sha1::Digest;
    sha1::Sha1::digest(bytes)
        .iter()
        .map(|b| format!("{b:x}"))
        .collect()
}

fn gunzip(path: &str, bytes: &[u8]) -> Result<Vec<u8>, SearchError> {
    let mut data = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut data)
        .map_err(|e| error(format!("{path}: {e}")))?;
    match data.strip_prefix(SIGNATURE) {
        Some(rest) => Ok(rest.to_vec()),
        None => Err(error(format!("{path}: not a Pagefind file"))),
    }
}

/// How hard the joined files are compressed: zlib's default level, not
/// Pagefind's highest. At 100 synthetic policies the word chunks come out
/// 0.7% larger and compress in less than half the time; the browser reads
/// the same bytes once they are unpacked, and the files' names (hashes of
/// those bytes) are the same.
const LEVEL: u32 = 6;

/// Compressed as Pagefind compresses its files (its signature, then the
/// data, gzip), at [`LEVEL`].
fn gzip(bytes: &[u8]) -> Result<Vec<u8>, SearchError> {
    let level = flate2::Compression::new(LEVEL);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), level);
    let written = gz.write_all(SIGNATURE).and_then(|_| gz.write_all(bytes));
    written
        .and_then(|_| gz.finish())
        .map_err(|e| error(format!("compressing the index: {e}")))
}

fn decode<T: for<'b> Decode<'b, ()>>(path: &str, bytes: &[u8]) -> Result<T, SearchError> {
    let data = gunzip(path, bytes)?;
    minicbor::decode(&data).map_err(|e| error(format!("{path}: {e}")))
}

fn encode<T: Encode<()>>(value: &T) -> Result<Vec<u8>, SearchError> {
    let mut bytes = Vec::new();
    encode_into(value, &mut bytes)?;
    Ok(bytes)
}

/// `value` encoded at the end of `bytes`.
fn encode_into<T: Encode<()>>(value: &T, bytes: &mut Vec<u8>) -> Result<(), SearchError> {
    minicbor::encode(value, bytes).map_err(|e| error(format!("encoding the index: {e}")))
}
