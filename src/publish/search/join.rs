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
//! chunks of the runs are unpacked one at a time per run, walked a word at
//! a time and merged in word order (each run's next word in a heap, so a
//! word costs the logarithm of the runs, not their number) into new
//! chunks, cut where Pagefind cuts them ([`CHUNK_SIZE`]), so memory stays
//! at one unpacked chunk per run. A word's pages are not decoded: each
//! run's part is copied as Pagefind encoded it, but for the number of its
//! first page (pages are stored as differences). A second thread hashes
//! and compresses each new chunk while the next is merged.
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

impl Run {
    /// Whether the run numbers its metadata fields otherwise than the
    /// whole (a field the other runs have is missing from its pages).
    fn numbers_fields_otherwise(&self) -> bool {
        (self.fields.iter().enumerate()).any(|(i, f)| *f != i as i32)
    }
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

/// A run's words in order, read one chunk at a time and walked one word at
/// a time, without decoding their pages: a joined word's pages are the
/// runs' pages one after another, stored as differences, so only the first
/// page of each run's part needs a new number, and the rest are copied as
/// Pagefind wrote them. Only the current chunk's unpacked bytes are held.
struct Words<'a> {
    run: &'a mut Run,
    chunks: std::vec::IntoIter<MetaChunk>,
    /// The current chunk: its path, its unpacked CBOR, where its next word
    /// starts and how many words are left.
    path: String,
    data: Vec<u8>,
    at: usize,
    left: u64,
    /// The current word's part, its bytes in `data`.
    part: Part,
}

/// One run's part of a word: its pages, in the whole's page numbers.
#[derive(Default)]
struct Part {
    /// How many pages, and the whole's numbers of the first and the last.
    pages: u64,
    first: usize,
    last: usize,
    /// Where in the chunk its pages' bytes are, after the first page's
    /// number: the rest of the first page, then the others as stored.
    rest: std::ops::Range<usize>,
    /// The pages' positions, as Pagefind counts them to cut chunks.
    size: usize,
    /// Its other forms (rare: a stemmed word's), decoded, page numbers
    /// of the whole.
    variants: Vec<PackedVariant>,
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
            part: Part::default(),
        }
    }

    /// The next word, its part then in `self.part`; the next chunk is read
    /// when this one is done.
    fn advance(&mut self) -> Result<Option<String>, SearchError> {
        while self.left == 0 {
            let Some(chunk) = self.chunks.next() else {
                self.data = Vec::new();
                return Ok(None);
            };
            self.path = format!("{DIR}/index/{}.pf_index", chunk.hash);
            let bytes = self.run.files.remove(&self.path).ok_or_else(|| {
                error(format!("{} is missing from a part of the index", self.path))
            })?;
            self.data = gunzip(&self.path, &bytes)?;
            if self.run.numbers_fields_otherwise() {
                self.data = renumber_fields(&self.path, &self.data, &self.run.fields)?;
            }
            (self.at, self.left) = words_start(&self.path, &self.data)?;
        }
        let mut d = minicbor::Decoder::new(&self.data);
        d.set_position(self.at);
        let path = &self.path;
        let layout = |e: minicbor::decode::Error| error(format!("{path}: {e}"));
        let definite =
            |n: Option<u64>| n.ok_or_else(|| error(format!("{path}: an array of unknown length")));
        if d.array().map_err(layout)? != Some(3) {
            return Err(error(format!(
                "{path}: not a word as Pagefind 1.6 writes it"
            )));
        }
        let word = d.str().map_err(layout)?.to_owned();
        let pages = definite(d.array().map_err(layout)?)?;
        let mut part = Part {
            pages,
            ..Part::default()
        };
        let mut number = self.run.offset;
        for i in 0..pages {
            if d.array().map_err(layout)? != Some(3) {
                return Err(error(format!(
                    "{path}: not a page as Pagefind 1.6 writes it"
                )));
            }
            number += d.u64().map_err(layout)? as usize;
            if i == 0 {
                part.first = number;
                part.rest.start = d.position();
            }
            for _ in 0..2 {
                let locs = definite(d.array().map_err(layout)?)?;
                d.set_position(past_integers(path, &self.data, d.position(), locs)?);
                part.size += locs as usize;
            }
            part.size += 1;
        }
        part.last = number;
        if pages > 0 {
            part.rest.end = d.position();
        }
        let variants = definite(d.array().map_err(layout)?)?;
        for _ in 0..variants {
            let mut variant: PackedVariant = d.decode().map_err(layout)?;
            let mut number = self.run.offset;
            for page in &mut variant.pages {
                number += page.page_number;
                page.page_number = number;
            }
            part.variants.push(variant);
        }
        self.at = d.position();
        self.left -= 1;
        self.part = part;
        Ok(Some(word))
    }
}

/// Where the `count` CBOR integers starting at `at` in `data` end: a
/// page's positions, walked by their heads alone (minicbor's `skip` reads
/// each item's type first, and this is the join's innermost loop).
fn past_integers(path: &str, data: &[u8], mut at: usize, count: u64) -> Result<usize, SearchError> {
    let not_integer = || error(format!("{path}: a position that is not an integer"));
    for _ in 0..count {
        let head = *data.get(at).ok_or_else(not_integer)?;
        // Major types 0 and 1 (unsigned and negative); the low five bits
        // give the length of the argument that follows.
        if head >> 5 > 1 {
            return Err(not_integer());
        }
        at += match head & 0x1f {
            0..=23 => 1,
            24 => 2,
            25 => 3,
            26 => 5,
            27 => 9,
            _ => return Err(not_integer()),
        };
    }
    match at <= data.len() {
        true => Ok(at),
        false => Err(not_integer()),
    }
}

/// A word chunk's CBOR with its metadata field markers (`-1 - field`)
/// renumbered as in the whole's list (`fields`, by the run's numbers): for
/// a run whose fields are not the whole's, which is rare.
fn renumber_fields(path: &str, data: &[u8], fields: &[i32]) -> Result<Vec<u8>, SearchError> {
    let mut index: WordIndex = minicbor::decode(data).map_err(|e| error(format!("{path}: {e}")))?;
    let pages = index.words.iter_mut().flat_map(|w| {
        let variants = w.additional_variants.iter_mut();
        w.pages
            .iter_mut()
            .chain(variants.flat_map(|v| v.pages.iter_mut()))
    });
    for loc in pages.flat_map(|p| p.meta_locs.iter_mut()) {
        if *loc < 0 {
            let field = (-*loc - 1) as usize;
            *loc = -1 - fields.get(field).copied().unwrap_or(0);
        }
    }
    encode(&index)
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
/// chunks are hashed and compressed on a second thread, in order, while
/// this one merges the next.
fn join_words(
    lang: &str,
    runs: &mut [Run],
    packed: &mut Packed,
    out: &mut BTreeMap<String, Vec<u8>>,
) -> Result<Vec<MetaChunk>, SearchError> {
    let (merged, written) = std::thread::scope(|s| {
        let (send, cut) = std::sync::mpsc::sync_channel::<Cut>(2);
        let writer = s.spawn(move || {
            let mut hashes = HashSet::new();
            let mut buffer = Vec::new();
            cut.into_iter()
                .map(|cut| write_chunk(lang, cut, &mut hashes, packed, &mut buffer, out))
                .collect::<Result<Vec<MetaChunk>, SearchError>>()
        });
        // A failed writer has dropped its end: the merge stops there.
        let merged = merge_words(runs, |cut| send.send(cut).is_ok());
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

/// Merges the runs' words in word order, handing each chunk to `chunk` as
/// soon as it is cut, where Pagefind cuts it ([`CHUNK_SIZE`]); stops early
/// when `chunk` says no.
fn merge_words(runs: &mut [Run], mut chunk: impl FnMut(Cut) -> bool) -> Result<(), SearchError> {
    let mut streams: Vec<Words> = runs.iter_mut().map(Words::new).collect();
    // Each run's next word, the least first; of equal words, the earlier
    // run's first, so pages and variants join in page order.
    let mut next = BinaryHeap::new();
    for (stream, s) in streams.iter_mut().enumerate() {
        if let Some(word) = s.advance()? {
            next.push(Reverse(Next { word, stream }));
        }
    }
    let mut cut = Cut::default();
    let mut taken = Vec::new();
    while let Some(Reverse(least)) = next.pop() {
        taken.clear();
        taken.push(least.stream);
        while let Some(top) = next.peek_mut().filter(|n| n.0.word == least.word) {
            taken.push(PeekMut::pop(top).0.stream);
        }
        cut.add(least.word, &mut streams, &taken)?;
        // A run's words are distinct and in order: its next is past this one.
        for &stream in &taken {
            if let Some(word) = streams[stream].advance()? {
                next.push(Reverse(Next { word, stream }));
            }
        }
        if cut.size >= CHUNK_SIZE && !chunk(std::mem::take(&mut cut)) {
            return Ok(());
        }
    }
    if cut.words > 0 {
        chunk(cut);
    }
    Ok(())
}

/// A run's next word in the merge, ordered by the word, then by the run.
struct Next {
    word: String,
    stream: usize,
}

impl Ord for Next {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.word.as_str(), self.stream).cmp(&(other.word.as_str(), other.stream))
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

/// The words of one chunk being cut: their CBOR one after another, how
/// many, the first and the last, and their positions so far.
#[derive(Default)]
struct Cut {
    body: Vec<u8>,
    words: u64,
    from: String,
    to: String,
    size: usize,
}

impl Cut {
    /// The word joined from the current parts of the runs `taken` (in run
    /// order) and encoded as Pagefind encodes a `PackedWord`: its pages
    /// as differences from the one before.
    fn add(
        &mut self,
        word: String,
        streams: &mut [Words],
        taken: &[usize],
    ) -> Result<(), SearchError> {
        let pages: u64 = taken.iter().map(|&s| streams[s].part.pages).sum();
        let mut e = minicbor::Encoder::new(&mut self.body);
        let failed = |e: minicbor::encode::Error<_>| error(format!("encoding the index: {e}"));
        e.array(3).map_err(failed)?;
        e.str(&word).map_err(failed)?;
        e.array(pages).map_err(failed)?;
        let mut last = 0;
        let mut variants: Vec<PackedVariant> = Vec::new();
        for &s in taken {
            let stream = &mut streams[s];
            let part = &mut stream.part;
            if part.pages > 0 {
                let mut e = minicbor::Encoder::new(&mut self.body);
                e.array(3).map_err(failed)?;
                e.u64((part.first - last) as u64).map_err(failed)?;
                self.body.extend_from_slice(&stream.data[part.rest.clone()]);
                last = part.last;
                self.size += part.size;
            }
            for variant in part.variants.drain(..) {
                match variants.iter_mut().find(|v| v.form == variant.form) {
                    Some(known) => known.pages.extend(variant.pages),
                    None => variants.push(variant),
                }
            }
        }
        self.size += variants.len();
        for variant in &mut variants {
            self.size += (variant.pages.iter())
                .map(|p| p.locs.len() + p.meta_locs.len() + 1)
                .sum::<usize>();
            delta(&mut variant.pages);
        }
        encode_into(&variants, &mut self.body)?;
        if self.words == 0 {
            self.from = word.clone();
        }
        self.to = word;
        self.words += 1;
        Ok(())
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

/// One word chunk written to `out`; `buffer` (any bytes) is where its CBOR
/// is put together, reused from chunk to chunk.
fn write_chunk(
    lang: &str,
    cut: Cut,
    hashes: &mut HashSet<String>,
    packed: &mut Packed,
    buffer: &mut Vec<u8>,
    out: &mut BTreeMap<String, Vec<u8>>,
) -> Result<MetaChunk, SearchError> {
    buffer.clear();
    // A `WordIndex`: an array of one field, the array of its words.
    minicbor::Encoder::new(&mut *buffer)
        .array(1)
        .and_then(|e| e.array(cut.words))
        .map_err(|e| error(format!("encoding the index: {e}")))?;
    buffer.extend_from_slice(&cut.body);
    let full = full_hash(buffer);
    let hash = unique(lang, &full, hashes);
    let path = format!("{DIR}/index/{hash}.pf_index");
    let gz = packed.pack(&path, full, buffer)?;
    out.insert(path, gz);
    Ok(MetaChunk {
        from: cut.from,
        to: cut.to,
        hash,
    })
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

/// The data of a Pagefind file, after its signature: unpacked, or as it
/// is when it was kept unpacked ([`unpacked`]).
fn gunzip(path: &str, bytes: &[u8]) -> Result<Vec<u8>, SearchError> {
    let mut data = inflate(bytes).map_err(|e| error(format!("{path}: {e}")))?;
    if !data.starts_with(SIGNATURE) {
        return Err(error(format!("{path}: not a Pagefind file")));
    }
    data.drain(..SIGNATURE.len());
    Ok(data)
}

/// A Pagefind file unpacked, signature and all, as the run cache keeps a
/// run's word chunks: every join after an edit reads every run's, and
/// unpacking them was a third of its time. `None` if it is not one.
pub(super) fn unpacked(bytes: &[u8]) -> Option<Vec<u8>> {
    inflate(bytes)
        .ok()
        .filter(|data| data.starts_with(SIGNATURE))
}

/// The whole of a Pagefind file, its signature first: `bytes` themselves
/// when they were kept [`unpacked`], else `bytes` inflated.
fn inflate(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    if bytes.starts_with(SIGNATURE) {
        return Ok(bytes.to_vec());
    }
    let mut data = Vec::with_capacity(bytes.len() * 3);
    flate2::read::GzDecoder::new(bytes).read_to_end(&mut data)?;
    Ok(data)
}

/// A run's files as its Pagefind wrote them, those kept [`unpacked`]
/// compressed again as Pagefind compresses (its highest level, the same
/// bytes): for a language of one run, whose files are the index.
pub(super) fn repacked(mut files: Vec<OutputFile>) -> Result<Vec<OutputFile>, SearchError> {
    for file in &mut files {
        if let Some(data) = file.bytes.strip_prefix(SIGNATURE) {
            file.bytes = gzip_at(data, flate2::Compression::best())?;
        }
    }
    Ok(files)
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
    gzip_at(bytes, flate2::Compression::new(LEVEL))
}

fn gzip_at(bytes: &[u8], level: flate2::Compression) -> Result<Vec<u8>, SearchError> {
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

#[cfg(test)]
mod tests {
    use super::past_integers;

    #[test]
    fn past_integers_steps_over_each_size_of_integer_and_stops_at_anything_else() {
        let values: [i64; 8] = [0, 23, 24, 255, 256, 70_000, 5_000_000_000, -70_000];
        let mut data = Vec::new();
        let mut ends = Vec::new();
        for v in values {
            minicbor::encode(v, &mut data).expect("encoded");
            ends.push(data.len());
        }
        for (count, end) in ends.iter().enumerate() {
            assert_eq!(
                past_integers("t", &data, 0, count as u64 + 1).ok(),
                Some(*end)
            );
        }
        assert!(past_integers("t", &data, 0, 9).is_err(), "past the end");
        let mut text = Vec::new();
        minicbor::encode("word", &mut text).expect("encoded");
        assert!(past_integers("t", &text, 0, 1).is_err(), "a string");
        assert!(
            past_integers("t", &[0x19, 0x01], 0, 1).is_err(),
            "cut short"
        );
    }
}
