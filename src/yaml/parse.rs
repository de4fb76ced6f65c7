//! Reading a YAML stream into [`Document`]s of spanned [`Node`]s.
//!
//! The stream is split on `---` separator lines first, as Kubernetes' `YAMLReader` does
//! (k8s.io/apimachinery/pkg/util/yaml), so a syntax error in one document does not hide
//! the others, and each document is built, used and dropped before the next is read.

use std::collections::VecDeque;

use crate::hash::{HashMap, HashSet};

use saphyr_parser::{Event, Marker, Parser, ScalarStyle, ScanError, Span as SaphyrSpan};

use super::byte_search;
use super::fast;
use super::lines::PosMap;
use super::scalar::resolve_plain;
use super::{Document, Entry, Limits, Node, Pos, Span, Value, YamlError, YamlErrorKind};

/// Iterator over the documents of one input. See [`documents`].
pub struct Documents<'a> {
    text: &'a str,
    /// Byte offset of the next chunk.
    offset: usize,
    /// 0-based line of the next chunk.
    line: u32,
    /// UTF-16 units on that line before the next chunk: 0, except after a JSON value that
    /// ended where another starts on the same line (`{...}{...}`).
    column: u32,
    limits: Limits,
    /// Index of the next non-empty document.
    index: usize,
    pending: VecDeque<Document>,
    done: bool,
    /// The input is a stream of JSON values (it starts with `{`): split where each
    /// top-level value ends, as kubectl's YAMLOrJSONDecoder does, not on `---` lines.
    json: bool,
    readers: Readers,
    /// Where `text` starts in its input (a later segment of a streamed input).
    base: Start,
    /// Bytes left to re-read for tabs after `:` (see [`tab_budget`]).
    tab_budget: usize,
    /// A `---` line with more than a comment after it, which ended the last chunk: its
    /// 0-based line and byte range in `text` (see [`Documents::next_chunk`]).
    bad_separator: Option<(u32, std::ops::Range<usize>)>,
}

/// Where a segment of an input starts: its 0-based line, its byte offset and the index of
/// its first document in the whole input. See [`documents_from`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Start {
    /// 0-based line.
    pub line: u32,
    /// Byte offset.
    pub offset: usize,
    /// Index the segment's first document gets.
    pub index: usize,
}

/// Which readers build the trees. Only tests and the fuzz target choose; [`documents`]
/// uses [`Readers::Both`].
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Readers {
    /// The fast reader, and the full one for what it gives up on.
    Both,
    /// The full reader only.
    Full,
    /// The fast reader only: a chunk it gives up on is a document without root or errors.
    Fast,
}

/// Splits `text` into documents and reads each one lazily. A leading byte-order mark is
/// ignored (it is not counted in columns).
pub fn documents<'a>(text: &'a str, limits: &Limits) -> Documents<'a> {
    documents_with(text, limits, Readers::Both)
}

/// [`documents`] with a choice of readers, to compare them (tests, fuzzing).
#[doc(hidden)]
pub fn documents_with<'a>(text: &'a str, limits: &Limits, readers: Readers) -> Documents<'a> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut docs = Documents {
        text,
        offset: 0,
        line: 0,
        column: 0,
        limits: *limits,
        index: 0,
        pending: VecDeque::new(),
        done: false,
        json: text.trim_start().starts_with('{'),
        readers,
        base: Start::default(),
        tab_budget: tab_budget(text.len()),
        bad_separator: None,
    };
    if text.len() > limits.max_input_bytes {
        docs.done = true;
        docs.pending.push_back(limit_document(
            0,
            Pos {
                line: 1,
                column: 1,
                offset: 0,
            },
            too_large(limits.max_input_bytes),
        ));
    }
    docs
}

/// The documents of a segment of an input that starts at `start` (positions, ranges and
/// indices are the input's). The segment must begin at the start of a line — a streamed
/// input is cut just before a `---` separator line — and, unlike [`documents`], neither a
/// byte-order mark nor the input size limit is looked at: the caller saw the whole input.
pub fn documents_from<'a>(text: &'a str, limits: &Limits, start: Start) -> Documents<'a> {
    Documents {
        text,
        offset: 0,
        line: 0,
        column: 0,
        limits: *limits,
        index: start.index,
        pending: VecDeque::new(),
        done: false,
        json: text.trim_start().starts_with('{'),
        readers: Readers::Both,
        base: start,
        tab_budget: tab_budget(text.len()),
        bad_separator: None,
    }
}

impl Documents<'_> {
    /// The index the next document would get (the number of documents read so far, plus
    /// the segment's first index).
    pub fn next_index(&self) -> usize {
        self.index
    }

    /// Where the text after this segment starts, once every document was read: saves the
    /// caller counting the segment's lines again. `None` before that, or when the
    /// document limit stopped the reading early.
    pub fn end(&self) -> Option<Start> {
        (self.done && self.pending.is_empty() && self.offset == self.text.len()).then(|| Start {
            line: self.base.line + self.line,
            offset: self.base.offset + self.offset,
            index: self.index,
        })
    }
}

impl Iterator for Documents<'_> {
    type Item = Document;

    fn next(&mut self) -> Option<Document> {
        loop {
            if let Some(doc) = self.pending.pop_front() {
                return Some(doc);
            }
            if self.done {
                return None;
            }
            let chunk_start = self.base.offset + self.offset;
            let first_column = self.column;
            let (chunk, first_line) = if self.json {
                self.next_json_value()
            } else {
                self.next_chunk()
            };
            let first_line = self.base.line + first_line;
            if is_blank(chunk) {
                // Comments only, but go-yaml still refuses a control character in them.
                if disallowed_character(chunk, self.json).is_some() {
                    let range = chunk_start..chunk_start + chunk.len();
                    self.read_chunk_fully(chunk, (first_line, first_column), range);
                }
            } else if self.index >= self.limits.max_documents {
                self.done = true;
                let at = Pos {
                    line: first_line + 1,
                    column: 1,
                    offset: chunk_start,
                };
                return Some(limit_document(self.index, at, self.too_many_documents()));
            } else {
                let range = chunk_start..chunk_start + chunk.len();
                self.read_chunk(chunk, (first_line, first_column), range);
            }
            if let Some((line, range)) = self.bad_separator.take() {
                let at = Pos {
                    line: self.base.line + line + 1,
                    column: 1,
                    offset: self.base.offset + range.start,
                };
                // Each such line is a document of its own for the document limit too.
                let doc = if self.index >= self.limits.max_documents {
                    self.done = true;
                    limit_document(self.index, at, self.too_many_documents())
                } else {
                    separator_error(self.index, &self.text[range], at)
                };
                self.pending.push_back(doc);
                self.index += 1;
            }
        }
    }
}

impl<'a> Documents<'a> {
    /// The error of the first document past the limit.
    fn too_many_documents(&self) -> String {
        format!(
            "more than {} documents in one input",
            self.limits.max_documents
        )
    }

    /// The text up to the end of the next top-level JSON value (and the rest of its line,
    /// when that is blank, so the next value starts a line), and its 0-based first line.
    /// Unbalanced text is left whole for the parser to report.
    fn next_json_value(&mut self) -> (&'a str, u32) {
        let (start, first_line) = (self.offset, self.line);
        let rest = &self.text[start..];
        let bytes = rest.as_bytes();
        let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
        for (i, &b) in bytes.iter().enumerate() {
            if in_string {
                match b {
                    _ if escaped => escaped = false,
                    b'\\' => escaped = true,
                    b'"' => in_string = false,
                    _ => {}
                }
                continue;
            }
            match b {
                b'"' => in_string = true,
                b'{' | b'[' => depth += 1,
                b'}' | b']' if depth > 1 => depth -= 1,
                b'}' | b']' if depth == 1 => {
                    let mut end = i + 1;
                    let line_rest = rest[end..].find('\n').map_or(rest.len(), |n| end + n + 1);
                    if rest[end..line_rest].trim().is_empty() {
                        end = line_rest;
                    }
                    let chunk = &rest[..end];
                    self.offset = start + end;
                    self.line = first_line + count_lines(chunk);
                    // The next value starts on this line: its columns count from the line's start.
                    self.column = match chunk.rfind(['\n', '\r']) {
                        Some(at) => utf16_len(&chunk[at + 1..]),
                        None => self.column + utf16_len(chunk),
                    };
                    return (chunk, first_line);
                }
                _ => {}
            }
        }
        self.done = true;
        self.offset = self.text.len();
        self.line = first_line + count_lines(rest);
        (rest, first_line)
    }

    /// The text up to the next separator line, and its 0-based first line. One pass, line
    /// by line: finds the separator and counts the lines (`\n`, `\r\n` or a lone `\r`).
    fn next_chunk(&mut self) -> (&'a str, u32) {
        let (start, first_line) = (self.offset, self.line);
        let rest = &self.text[start..];
        let bytes = rest.as_bytes();
        let mut lines = 0;
        let mut line_start = 0;
        loop {
            let line_end = byte_search::find_either(bytes, line_start, b'\n', b'\r');
            // kubectl's YAMLReader ends a document at every line that starts with `---`, and
            // fails the input when more than a comment follows (`--- |`, or `---apiVersion:`
            // from a template that trimmed a line break): an error of its own, after the
            // documents before it.
            if bytes[line_start..].starts_with(b"---") {
                if !is_separator(&rest[line_start..line_end]) {
                    self.bad_separator =
                        Some((first_line + lines, start + line_start..start + line_end));
                }
                let after = match bytes.get(line_end) {
                    Some(b'\r') if bytes.get(line_end + 1) == Some(&b'\n') => line_end + 2,
                    Some(_) => line_end + 1,
                    None => line_end,
                };
                self.offset = start + after;
                // The separator line's own break, if it has one.
                self.line = first_line + lines + u32::from(line_end < bytes.len());
                return (&rest[..line_start], first_line);
            }
            if line_end == bytes.len() {
                break;
            }
            line_start = match (bytes[line_end], bytes.get(line_end + 1)) {
                (b'\r', Some(b'\n')) => line_end + 2,
                _ => line_end + 1,
            };
            lines += 1;
        }
        self.done = true;
        self.offset = self.text.len();
        self.line = first_line + lines;
        (rest, first_line)
    }
}

/// Line breaks as YAML (and editors) count them: `\n`, `\r\n` and a lone `\r`.
pub(crate) fn count_lines(text: &str) -> u32 {
    let bytes = text.as_bytes();
    let newlines = bytes.iter().filter(|&&b| b == b'\n').count();
    // Lone CRs are rare; only look for them when there is a CR at all.
    let lone_crs = if bytes.contains(&b'\r') {
        (0..bytes.len())
            .filter(|&i| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
            .count()
    } else {
        0
    };
    (newlines + lone_crs) as u32
}

/// `---` at the start of a line, followed only by blanks or a comment (YAMLReader).
pub(crate) fn is_separator(line: &str) -> bool {
    line.strip_prefix("---").is_some_and(|rest| {
        let rest = rest.trim();
        rest.is_empty() || rest.starts_with('#')
    })
}

/// Whether `chunk` holds only blank lines (Unicode white space: NEL and U+2028 are line
/// breaks to go-yaml), comments and `...`. Lines are found one at a time: it runs on every
/// document and nearly always stops at the first line (a search of the whole chunk for
/// either break character was a visible cost under WASM).
fn is_blank(chunk: &str) -> bool {
    let bytes = chunk.as_bytes();
    let mut start = 0;
    while start <= bytes.len() {
        let end = byte_search::find_either(bytes, start, b'\n', b'\r');
        // `\n` and `\r` are ASCII, so both ends are character boundaries.
        let line = chunk.get(start..end).unwrap_or_default().trim();
        if !(line.is_empty() || line.starts_with('#') || line == "...") {
            return false;
        }
        start = end + 1;
    }
    true
}

/// Length of `text` in UTF-16 code units (the unit of columns).
fn utf16_len(text: &str) -> u32 {
    let units = if text.is_ascii() {
        text.len()
    } else {
        text.encode_utf16().count()
    };
    u32::try_from(units).unwrap_or(u32::MAX)
}

/// The YAML-LIMIT message for an input over `limit` bytes. Its size is not given: a reader
/// stops at the limit (an endless input has none).
pub(crate) fn too_large(limit: usize) -> String {
    format!("input is larger than the limit of {limit} bytes")
}

fn limit_document(index: usize, at: Pos, message: String) -> Document {
    error_document(index, YamlErrorKind::Limit, at, message)
}

/// A document that is only an error at `at`.
fn error_document(index: usize, kind: YamlErrorKind, at: Pos, message: String) -> Document {
    Document {
        index,
        range: at.offset..at.offset,
        root: None,
        errors: vec![YamlError {
            kind,
            message,
            span: Span { start: at, end: at },
        }],
    }
}

/// kubectl's error for a `---` line that has more than a comment after it (the first 60
/// bytes of that, at most).
fn separator_error(index: usize, line: &str, at: Pos) -> Document {
    let after = line[3..].trim();
    let mut end = after.len().min(60);
    while !after.is_char_boundary(end) {
        end -= 1;
    }
    let cut = if end < after.len() { "…" } else { "" };
    let message = format!("invalid Yaml document separator: {}{cut}", &after[..end]);
    error_document(index, YamlErrorKind::Syntax, at, message)
}

impl Documents<'_> {
    /// Parses one chunk (one document: a `---` line with more after it ends a chunk too).
    /// `first`: the chunk's 0-based line, and UTF-16 units before it on that line.
    fn read_chunk(&mut self, chunk: &str, first: (u32, u32), range: std::ops::Range<usize>) {
        let (limits, index, out) = (&self.limits, &mut self.index, &mut self.pending);
        // The fast reader counts columns from the chunk's start, so it gets no chunk that
        // starts mid-line (a JSON value after another on the same line).
        if self.readers != Readers::Full && first.1 == 0 {
            let root = fast::read(chunk, first.0, range.start, limits).ok();
            if root.is_some() || self.readers == Readers::Fast {
                out.push_back(Document {
                    index: *index,
                    range,
                    root,
                    errors: Vec::new(),
                });
                *index += 1;
                return;
            }
        }
        self.read_chunk_fully(chunk, first, range);
    }

    /// [`Self::read_chunk`] with the full reader. Kept out of line: the iterator that calls
    /// it is the hottest function of a run, and V8 compiles its optimized version (or gets
    /// to run it) later the bigger it is.
    #[inline(never)]
    fn read_chunk_fully(&mut self, chunk: &str, first: (u32, u32), range: std::ops::Range<usize>) {
        let (limits, index, out) = (&self.limits, &mut self.index, &mut self.pending);
        let map = PosMap::new(chunk, first, range.start);
        let refused = disallowed_character(chunk, self.json).map(|err| syntax_error(&map, &err));
        let refused = refused.or_else(|| too_many_flow_entries(&map, chunk, limits.max_nodes));
        if let Some(error) = refused {
            out.push_back(Document {
                index: *index,
                range,
                root: None,
                errors: vec![error],
            });
            *index += 1;
            return;
        }
        // go-yaml takes a tab after a `:` indicator as the blank the indicator needs; saphyr
        // (strict YAML 1.2) refuses `key:<TAB>value`. Those tabs become spaces, which keeps
        // every position, and the chunk is read again while the input's budget lasts (each
        // retry reads the chunk again: many such tabs in one document are quadratic).
        let mut respaced: Option<String> = None;
        loop {
            let text = respaced.as_deref().unwrap_or(chunk);
            let (before, first) = (out.len(), *index);
            let may_retry = self.tab_budget >= chunk.len();
            let Err(tabs_end) = read_events(text, &map, &range, limits, index, out, may_retry)
            else {
                return;
            };
            while out.len() > before {
                out.pop_back();
            }
            *index = first;
            self.tab_budget -= chunk.len();
            // The blanks between the `:` and where saphyr stopped, as spaces (ASCII for
            // ASCII: the text stays UTF-8).
            let mut bytes = text.as_bytes().to_vec();
            let start = blanks_start(text, tabs_end);
            bytes[start..tabs_end].fill(b' ');
            respaced = String::from_utf8(bytes).ok();
        }
    }
}

/// Where the tabs and spaces that end at byte `end` of `text` start.
fn blanks_start(text: &str, end: usize) -> usize {
    let bytes = text.as_bytes();
    let mut at = end;
    while at > 0 && matches!(bytes[at - 1], b'\t' | b' ') {
        at -= 1;
    }
    at
}

/// A chunk with more flow entries (`[`, `{`, `,`) than a document may have nodes: refused
/// before saphyr reads it. saphyr holds every token of a flow collection that could be a
/// key until the collection ends (a 25 MB `[1,1,...]` took 3.3 GB under WASM), while the
/// node limit, which each entry counts towards, would reject the document anyway. Commas
/// inside strings count too: a manifest has nowhere near a million.
fn too_many_flow_entries(map: &PosMap<'_>, chunk: &str, max_nodes: usize) -> Option<YamlError> {
    let flow = |b: &u8| matches!(b, b'[' | b'{' | b',');
    if chunk.len() <= max_nodes || chunk.bytes().filter(flow).count() <= max_nodes {
        return None;
    }
    // Reported where the document starts: the entry past the limit may be megabytes in.
    let mut error = syntax_error(map, &ScanError::new(Marker::new(0, 1, 0), String::new()));
    error.kind = YamlErrorKind::Limit;
    error.message =
        format!("more than {max_nodes} flow entries ([, {{ and commas) in one document");
    Some(error)
}

/// Bytes the full reader may re-read to accept tabs after `:` indicators (go-yaml does,
/// saphyr does not), for an input of `len` bytes: each such tab costs one more reading of
/// its chunk. Linear in the input, so hostile input stays cheap; past it such a tab is the
/// syntax error saphyr reports.
fn tab_budget(len: usize) -> usize {
    len.saturating_mul(4).saturating_add(1 << 20)
}

/// saphyr's message for a tab-only blank after a `:` indicator.
const TAB_AFTER_COLON: &str = "':' must be followed by a valid YAML whitespace";

/// Reads the documents of `text` (the chunk of `map`, or a copy of the same length) into
/// `out`. With `may_retry`, a tab-only blank after a `:` indicator is not reported but
/// returned: the byte offset where the tabs end.
fn read_events(
    text: &str,
    map: &PosMap<'_>,
    range: &std::ops::Range<usize>,
    limits: &Limits,
    index: &mut usize,
    out: &mut VecDeque<Document>,
    may_retry: bool,
) -> Result<(), usize> {
    let mut parser = Parser::new_from_str(text);
    let mut builder: Option<Builder<'_>> = None;
    while let Some(event) = parser.next_event() {
        let (event, span) = match event {
            Ok(e) => e,
            Err(err) => {
                if may_retry && err.info() == TAB_AFTER_COLON {
                    let at = map.byte(err.marker());
                    let start = blanks_start(text, at);
                    if start > 0 && text.as_bytes()[start - 1] == b':' && start < at {
                        return Err(at);
                    }
                }
                let mut errors = builder.map(|b| b.errors).unwrap_or_default();
                let mut error = syntax_error(map, &err);
                // saphyr's scanner counts flow levels in a u8 and gives up past 255, scanning
                // ahead of the events that reach the depth limit: it is that limit.
                if err.info() == "recursion limit exceeded" {
                    error.kind = YamlErrorKind::Limit;
                    error.message = nesting_limit(limits.max_depth);
                }
                errors.push(error);
                out.push_back(Document {
                    index: *index,
                    range: range.clone(),
                    root: None,
                    errors,
                });
                *index += 1;
                return Ok(());
            }
        };
        match event {
            Event::DocumentStart(_) => builder = Some(Builder::new(map, limits)),
            Event::DocumentEnd => {
                if let Some(b) = builder.take() {
                    if b.root.is_some() || !b.errors.is_empty() {
                        let root = if b.failed { None } else { b.root };
                        out.push_back(Document {
                            index: *index,
                            range: range.clone(),
                            root,
                            errors: b.errors,
                        });
                        *index += 1;
                    }
                }
            }
            Event::StreamEnd => break,
            other => {
                if let Some(b) = builder.as_mut() {
                    b.event(other, span);
                    // The document is lost once it failed (a limit, a bad merge): the rest of
                    // the chunk is not read, which saphyr would still scan (12 MB of `- 1`
                    // lines past the node limit took 5 s under WASM).
                    if b.failed {
                        out.push_back(Document {
                            index: *index,
                            range: range.clone(),
                            root: None,
                            errors: std::mem::take(&mut b.errors),
                        });
                        *index += 1;
                        return Ok(());
                    }
                }
            }
        }
    }
    Ok(())
}

/// The first character go-yaml's reader refuses anywhere in a YAML document, even quoted or in
/// a comment (`yaml_parser_update_buffer`: "control characters are not allowed"), where
/// saphyr would read it into a string. It runs on the chunks the fast reader gave up on (it
/// gives up on every control character) and on comment-only chunks, which no reader reads.
#[inline(never)]
fn disallowed_character(chunk: &str, json: bool) -> Option<ScanError> {
    // A JSON input is read by Go's JSON decoder (`YAMLOrJSONDecoder`), which refuses only
    // the control characters below U+0020 other than its white space (raw tabs inside
    // strings too, which this does not check).
    let allowed = |c: char| match json {
        true => c >= ' ' || matches!(c, '\t' | '\n' | '\r'),
        false => {
            matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{7e}' | '\u{85}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
        }
    };
    // saphyr's marker: character index, 1-based line, 0-based column in characters.
    let (mut line, mut column, mut previous) = (1, 0, ' ');
    for (index, c) in chunk.chars().enumerate() {
        if !allowed(c) {
            let mut info = format!("control characters are not allowed (U+{:04X})", c as u32);
            if c == '\0' && looks_like_utf16(chunk) {
                info.push_str("; the file looks like UTF-16: save it as UTF-8");
            }
            return Some(ScanError::new(Marker::new(index, line, column), info));
        }
        // CRLF is one line break; a lone CR is one too.
        if c == '\n' && previous != '\r' || c == '\r' {
            (line, column) = (line + 1, 0);
        } else if c != '\n' {
            column += 1;
        }
        previous = c;
    }
    None
}

/// Whether `text` starts like UTF-16 read as UTF-8 (what Windows PowerShell's `>` writes):
/// after the byte-order mark (two U+FFFD once decoded), every other character is a NUL.
fn looks_like_utf16(text: &str) -> bool {
    let text = text.trim_start_matches('\u{fffd}');
    let big_endian = text.starts_with('\0');
    // NUL, other, NUL... (big-endian) or other, NUL, other... (little-endian).
    let mut chars = text.chars();
    (0..8).all(|i| {
        chars
            .next()
            .is_some_and(|c| (c == '\0') == ((i % 2 == 0) == big_endian))
    })
}

fn nesting_limit(max_depth: usize) -> String {
    format!("nesting deeper than {max_depth} levels")
}

fn syntax_error(map: &PosMap<'_>, err: &ScanError) -> YamlError {
    let at = map.pos(err.marker());
    let end = Pos {
        line: at.line,
        column: at.column + 1,
        offset: at.offset + 1,
    };
    YamlError {
        kind: YamlErrorKind::Syntax,
        message: format!("YAML syntax error: {}", err.info()),
        span: Span { start: at, end },
    }
}

enum Frame {
    Seq {
        items: Vec<Node>,
        start: Pos,
        anchor: usize,
        count: usize,
    },
    Map(MapFrame),
}

struct MapFrame {
    entries: Vec<Entry>,
    /// Key → position in `entries`, built only once a mapping is large, so duplicate
    /// detection stays linear overall without a hash map per small mapping.
    seen: HashMap<String, usize>,
    /// Entries from `<<` merge keys; explicit keys win whatever their order.
    merged: Vec<Entry>,
    /// Keys in `merged`.
    merged_keys: HashSet<String>,
    /// The key read, waiting for its value: (key, span, is a plain `<<`).
    key: Option<(String, Span, bool)>,
    start: Pos,
    anchor: usize,
    count: usize,
}

/// Mappings with more entries than this get a key index.
const INDEX_FROM: usize = 16;

impl MapFrame {
    fn position(&self, key: &str) -> Option<usize> {
        if self.entries.len() > INDEX_FROM {
            self.seen.get(key).copied()
        } else {
            self.entries.iter().position(|e| e.key == key)
        }
    }

    fn push(&mut self, entry: Entry) {
        if self.entries.len() == INDEX_FROM {
            for (i, e) in self.entries.iter().enumerate() {
                self.seen.insert(e.key.clone(), i);
            }
        }
        if self.entries.len() >= INDEX_FROM {
            self.seen.insert(entry.key.clone(), self.entries.len());
        }
        self.entries.push(entry);
    }
}

/// Builds one document's tree from parser events, enforcing [`Limits`].
struct Builder<'m> {
    map: &'m PosMap<'m>,
    limits: Limits,
    stack: Vec<Frame>,
    /// Anchored nodes and their node counts (alias expansion is charged that many nodes).
    anchors: HashMap<usize, (Node, usize)>,
    nodes: usize,
    root: Option<Node>,
    errors: Vec<YamlError>,
    failed: bool,
}

impl<'m> Builder<'m> {
    fn new(map: &'m PosMap<'m>, limits: &Limits) -> Self {
        Builder {
            map,
            limits: *limits,
            stack: Vec::new(),
            anchors: HashMap::default(),
            nodes: 0,
            root: None,
            errors: Vec::new(),
            failed: false,
        }
    }

    fn span(&self, span: &SaphyrSpan) -> Span {
        Span {
            start: self.map.pos(&span.start),
            end: self.map.pos(&span.end),
        }
    }

    fn fail(&mut self, kind: YamlErrorKind, message: String, span: Span) {
        self.errors.push(YamlError {
            kind,
            message,
            span,
        });
        self.failed = true;
        self.stack.clear();
        self.anchors.clear();
    }

    fn event(&mut self, event: Event<'_>, span: SaphyrSpan) {
        let span = self.span(&span);
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                if text.len() > self.limits.max_scalar_bytes {
                    let message = format!(
                        "a scalar of {} bytes exceeds the limit of {} bytes",
                        text.len(),
                        self.limits.max_scalar_bytes
                    );
                    return self.fail(YamlErrorKind::Limit, message, span);
                }
                let plain = matches!(style, ScalarStyle::Plain);
                let mut span = span;
                if matches!(style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted) {
                    span.end = self.map.quoted_end(span.start, span.end);
                }
                let is_merge = plain && tag.is_none() && text == "<<";
                let value = match tag.as_deref() {
                    Some(tag) => match tagged(tag, &text) {
                        Ok(value) => value,
                        Err(message) => return self.fail(YamlErrorKind::Syntax, message, span),
                    },
                    None if plain => resolve_plain(&text),
                    None => Value::Str(text.into_owned()),
                };
                self.value(Node { value, span }, 1, anchor, is_merge);
            }
            Event::Alias(id) => match self.anchors.get(&id) {
                Some((node, count)) => {
                    let (node, count) = (
                        Node {
                            span,
                            ..node.clone()
                        },
                        *count,
                    );
                    self.value(node, count, 0, false);
                }
                // saphyr reports an alias to an anchor defined nowhere. One it knows is either
                // inside its anchor's value, which go-yaml v2 registers first and then refuses
                // to decode ("anchor 'x' value contains itself", decode.go), or in an earlier
                // document of the chunk (after `...`; saphyr keeps anchors across them).
                None => {
                    let open = self.stack.iter().any(|frame| match frame {
                        Frame::Seq { anchor, .. } | Frame::Map(MapFrame { anchor, .. }) => {
                            *anchor == id
                        }
                    });
                    let message = match open {
                        true => "alias inside its own anchor's value (the anchor's value contains itself)",
                        false => "alias to an unknown anchor",
                    };
                    self.fail(YamlErrorKind::Unsupported, message.into(), span)
                }
            },
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if self.stack.len() >= self.limits.max_depth {
                    let message = nesting_limit(self.limits.max_depth);
                    return self.fail(YamlErrorKind::Limit, message, span);
                }
                let start = span.start;
                self.stack
                    .push(if matches!(event, Event::SequenceStart(..)) {
                        Frame::Seq {
                            items: Vec::new(),
                            start,
                            anchor,
                            count: 1,
                        }
                    } else {
                        Frame::Map(MapFrame {
                            entries: Vec::new(),
                            seen: HashMap::default(),
                            merged: Vec::new(),
                            merged_keys: HashSet::default(),
                            key: None,
                            start,
                            anchor,
                            count: 1,
                        })
                    });
            }
            Event::SequenceEnd | Event::MappingEnd => self.end_collection(span),
            _ => {}
        }
    }

    fn end_collection(&mut self, end_span: Span) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        let (node, count, anchor) = match frame {
            Frame::Seq {
                items,
                start,
                anchor,
                count,
            } => {
                let end = items.last().map_or(end_span.end, |n| n.span.end);
                (
                    Node {
                        value: Value::Seq(items),
                        span: Span { start, end },
                    },
                    count,
                    anchor,
                )
            }
            Frame::Map(mut m) => {
                let end = m.entries.last().map_or(end_span.end, |e| e.value.span.end);
                for entry in std::mem::take(&mut m.merged) {
                    if m.position(&entry.key).is_none() {
                        m.push(entry);
                    }
                }
                (
                    Node {
                        value: Value::Map(m.entries),
                        span: Span {
                            start: m.start,
                            end,
                        },
                    },
                    m.count,
                    m.anchor,
                )
            }
        };
        self.value(node, count, anchor, false);
    }

    /// Places a finished node into its parent (or makes it the root).
    fn value(&mut self, node: Node, count: usize, anchor: usize, is_merge: bool) {
        self.nodes = self.nodes.saturating_add(count);
        if self.nodes > self.limits.max_nodes {
            let message = format!(
                "more than {} nodes in one document (alias expansion?)",
                self.limits.max_nodes
            );
            return self.fail(YamlErrorKind::Limit, message, node.span);
        }
        if anchor != 0 {
            self.anchors.insert(anchor, (node.clone(), count));
        }
        let Some(top) = self.stack.last_mut() else {
            self.root = Some(node);
            return;
        };
        match top {
            Frame::Seq {
                items, count: c, ..
            } => {
                *c += count;
                items.push(node);
            }
            Frame::Map(m) => {
                m.count += count;
                match m.key.take() {
                    None => match key_string(&node.value) {
                        Some(key) => m.key = Some((key, node.span, is_merge)),
                        None => {
                            let message = "a mapping key must be a string, number or boolean (Kubernetes converts YAML to JSON)".to_string();
                            self.fail(YamlErrorKind::Unsupported, message, node.span);
                        }
                    },
                    Some((_, key_span, true)) => {
                        if let Err(message) = merge(&mut m.merged, &mut m.merged_keys, node) {
                            self.fail(YamlErrorKind::Unsupported, message, key_span);
                        }
                    }
                    Some((key, key_span, false)) => {
                        let entry = Entry {
                            key,
                            key_span,
                            value: node,
                        };
                        if let Some(i) = m.position(&entry.key) {
                            let first = m.entries[i].key_span.start.line;
                            let message =
                                format!("duplicate key \"{}\" (first at line {first})", entry.key);
                            self.errors.push(YamlError {
                                kind: YamlErrorKind::DuplicateKey,
                                message,
                                span: entry.key_span,
                            });
                            // Lenient decoders keep the last value; so do we.
                            m.entries[i] = entry;
                        } else {
                            m.push(entry);
                        }
                    }
                }
            }
        }
    }
}

/// A tagged scalar as go-yaml v2 decodes it (`decoder.scalar`, `resolve`): `!!int`,
/// `!!float`, `!!bool` and `!!null` resolve the text however it is quoted and must get what
/// they name (`!!float` takes an integer); any other tag (`!!str`, a local `!custom`) leaves
/// the text a string, even plain (`resolvableTag`). Not modelled: `!!timestamp` (taken as a
/// string, where go-yaml refuses text that is no timestamp) and `!!binary` (not decoded).
#[inline(never)]
fn tagged(tag: &saphyr_parser::Tag, text: &str) -> Result<Value, String> {
    let core = if tag.is_yaml_core_schema() {
        Some(tag.suffix.as_str())
    } else {
        tag.suffix.strip_prefix("tag:yaml.org,2002:")
    };
    let want = match core {
        Some(want @ ("int" | "float" | "bool" | "null")) => want,
        _ => return Ok(Value::Str(text.to_string())),
    };
    let value = resolve_plain(text);
    let got = match value {
        Value::Int(_) => "int",
        Value::Float(_) => "float",
        Value::Bool(_) => "bool",
        Value::Null => "null",
        _ => "str",
    };
    match (want, value) {
        ("float", Value::Int(i)) => Ok(Value::Float(i as f64)),
        (want, value) if want == got => Ok(value),
        _ => Err(format!("cannot decode !!{got} `{text}` as a !!{want}")),
    }
}

/// `<<: *base` or `<<: [*a, *b]`: earlier mappings win over later ones.
fn merge(merged: &mut Vec<Entry>, keys: &mut HashSet<String>, node: Node) -> Result<(), String> {
    let maps: Vec<Node> = match node.value {
        Value::Map(_) => vec![node],
        Value::Seq(items) if items.iter().all(|n| matches!(n.value, Value::Map(_))) => items,
        _ => {
            return Err(
                "the value of a merge key `<<` must be a mapping or a list of mappings".into(),
            )
        }
    };
    for map in maps {
        if let Value::Map(entries) = map.value {
            for entry in entries {
                // A set, not a scan of `merged`: a large anchor merged often must stay linear.
                if keys.insert(entry.key.clone()) {
                    merged.push(entry);
                }
            }
        }
    }
    Ok(())
}

/// The JSON key sigs.k8s.io/yaml makes of a YAML key (`true`, `1`, ...), or `None` for
/// keys it refuses (null, collections).
fn key_string(value: &Value) -> Option<String> {
    match value {
        Value::Str(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Int(i) => Some(i.to_string()),
        Value::Float(f) if f.is_finite() => Some(super::float::go_format_g(*f)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blank as `str::trim` sees it: Unicode white space (NEL and U+2028 are line breaks to
    /// go-yaml, NBSP is white space), comments and `...`; the first other line decides.
    #[test]
    fn blank_chunks_are_white_space_comments_and_document_ends() {
        for blank in [
            "",
            "\n",
            " \r\n\t\n",
            "# c\n  # d",
            "...  \n",
            "\u{85}\n",
            "\u{2028}",
            "\u{a0}\r",
        ] {
            assert!(is_blank(blank), "{blank:?}");
        }
        for not_blank in ["a", "\n\nkind: x", "# c\n....", " \u{a0}x", "\u{85}\n- 1"] {
            assert!(!is_blank(not_blank), "{not_blank:?}");
        }
    }

    #[test]
    fn a_segment_ends_where_its_lines_and_bytes_do() {
        let start = Start {
            line: 5,
            offset: 100,
            index: 2,
        };
        let texts = [
            "",
            "a: 1\n",
            "a: 1",
            "a: 1\n---\nb: 2\n",
            "a: 1\n---",
            "---",
            "---\n",
            "a: 1\r\n---\r\nb: 2\r\n",
            "a: 1\r---\rb: 2",
            "a: 1\n--- # c\nb: 2\n---\n\n",
            "{\"a\": 1}\n{\"b\": 2}",
        ];
        for text in texts {
            let mut docs = documents_from(text, &Limits::default(), start);
            let read = docs.by_ref().count();
            assert_eq!(
                docs.end(),
                Some(Start {
                    line: start.line + count_lines(text),
                    offset: start.offset + text.len(),
                    index: start.index + read,
                }),
                "{text:?}"
            );
        }
    }
}
