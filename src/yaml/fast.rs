//! A fast reader for the plain block YAML that manifests are almost always written in.
//!
//! saphyr's scanner decodes and queues every character and token, which made reading
//! most of a validation run's time (4× js-yaml under WASM, issue 7). Rendered manifests
//! use a small part of YAML: block mappings and sequences, one-line plain and quoted
//! scalars, `[a, b]`, `[]`, `{}` and comments. This reader handles exactly that part,
//! byte by byte, and builds the same [`Node`] tree, spans included, that the full reader
//! (`parse.rs`) builds. Anything else — anchors, tags, block scalars, multi-line scalars,
//! flow mappings, tabs, lone CR line breaks, duplicate or merge keys, errors, inputs near a
//! limit — makes it give up on the chunk ([`Bail`]), and the full reader reads it, so
//! every diagnostic still comes from one place. `tests/yaml_fast.rs` checks that both
//! readers build identical trees wherever this one does not give up.

use super::byte_search;
use super::scalar::resolve_plain;
use super::{Entry, Limits, Node, Pos, Span, Value};

/// This chunk needs the full reader.
#[derive(Debug)]
pub(super) struct Bail;

type Read<T> = Result<T, Bail>;

/// Keys of one mapping this reader takes (duplicates are found by a scan, fine for the
/// few keys of a manifest's mappings); larger mappings are the full reader's, which
/// indexes them.
const MAX_KEYS: usize = 64;

/// Longest implicit key this reader takes (YAML's limit is 1024 characters).
const MAX_KEY_BYTES: usize = 1000;

/// The tree of `chunk` (one document's text, starting at 0-based line `first_line` and
/// byte `byte_offset` of the input), or [`Bail`].
pub(super) fn read(
    chunk: &str,
    first_line: u32,
    byte_offset: usize,
    limits: &Limits,
) -> Read<Node> {
    let ascii = plain_text(chunk).ok_or(Bail)?;
    let mut reader = Reader {
        text: chunk,
        bytes: chunk.as_bytes(),
        ascii,
        line_start: 0,
        line_end: 0,
        next_start: 0,
        line: 0,
        first_line,
        byte_offset,
        limits,
        nodes: 0,
    };
    (reader.line_end, reader.next_start) = reader.find_line_end(0);
    let indent = reader.next_content()?.ok_or(Bail)?;
    let at = reader.line_start + indent;
    let root = reader.block(at, 1)?;
    // Anything left over (a less indented line after the root) is for the full reader.
    match reader.next_content()? {
        None => Ok(root),
        Some(_) => Err(Bail),
    }
}

/// Whether the text is ASCII, if it has no characters whose handling this reader leaves
/// to the full one: control characters (tab and CR included), and the non-ASCII ones YAML
/// treats specially or refuses (NEL, C1 controls, line and paragraph separators, BOM,
/// non-characters). One pass over the bytes for the usual ASCII text.
fn plain_text(chunk: &str) -> Option<bool> {
    let text = chunk.as_bytes();
    let mut ascii = true;
    let mut i = 0;
    while i < text.len() {
        // Whole words of printable ASCII are skipped; the word after them (or the last
        // few bytes) is looked at byte by byte.
        i += byte_search::printable_ascii_words(text, i);
        for j in i..text.len().min(i + 8) {
            let b = text[j];
            if b >= 0x20 && b != 0x7f {
                ascii &= b < 0x80;
                continue;
            }
            // CR only as part of a CRLF line break (a lone CR is a break of its own).
            if b != b'\n' && !(b == b'\r' && matches!(text.get(j + 1), Some(b'\n'))) {
                return None;
            }
        }
        i += 8;
    }
    let special = !ascii
        && chunk.chars().any(|c| {
            matches!(
                c,
                '\u{80}'
                    ..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
            )
        });
    (!special).then_some(ascii)
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    ascii: bool,
    /// Byte offset (in the chunk) of the current line.
    line_start: usize,
    /// Byte offset of the end of the current line's text (its `\n` or `\r\n`, or the
    /// end of the chunk).
    line_end: usize,
    /// Byte offset of the next line.
    next_start: usize,
    /// 0-based line of `line_start` in the chunk.
    line: u32,
    first_line: u32,
    byte_offset: usize,
    limits: &'a Limits,
    nodes: usize,
}

impl<'a> Reader<'a> {
    /// End (exclusive) of the text of the line starting at `start` (before its `\n` or
    /// `\r\n`), and where the next line starts.
    fn find_line_end(&self, start: usize) -> (usize, usize) {
        let end = byte_search::find(self.bytes, start, b'\n');
        if end == self.bytes.len() {
            (end, end)
        } else if end > start && self.bytes[end - 1] == b'\r' {
            (end - 1, end + 1)
        } else {
            (end, end + 1)
        }
    }

    /// Moves to the next line.
    fn next_line(&mut self) {
        self.line_start = self.next_start;
        (self.line_end, self.next_start) = self.find_line_end(self.line_start);
        self.line += 1;
    }

    /// Skips blank and comment-only lines from the current one; the indentation of the
    /// line reached, or `None` at the end of the chunk. Document markers (`---`, `...`)
    /// and directives (`%`) left in a chunk are the full reader's.
    fn next_content(&mut self) -> Read<Option<usize>> {
        loop {
            if self.line_start >= self.bytes.len() {
                return Ok(None);
            }
            let line = &self.bytes[self.line_start..self.line_end];
            let indent = line.iter().take_while(|&&b| b == b' ').count();
            match line.get(indent) {
                None | Some(b'#') => self.next_line(),
                Some(b'%') if indent == 0 => return Err(Bail),
                Some(b'-' | b'.')
                    if indent == 0 && (line.starts_with(b"---") || line.starts_with(b"...")) =>
                {
                    return Err(Bail)
                }
                Some(_) => return Ok(Some(indent)),
            }
        }
    }

    /// The input position of chunk byte `at` on the current line.
    fn pos(&self, at: usize) -> Pos {
        let column = if self.ascii {
            at - self.line_start
        } else {
            self.text[self.line_start..at].encode_utf16().count()
        };
        Pos {
            line: self.first_line + self.line + 1,
            column: column as u32 + 1,
            offset: self.byte_offset + at,
        }
    }

    fn span(&self, start: usize, end: usize) -> Span {
        Span {
            start: self.pos(start),
            end: self.pos(end),
        }
    }

    /// Charges a node at 1-based `depth` the way the full reader counts (every node
    /// counts once for itself and once for each enclosing collection), so the node limit
    /// gives up here wherever the full reader would report it.
    fn count_node(&mut self, depth: usize) -> Read<()> {
        self.nodes += depth;
        if self.nodes >= self.limits.max_nodes {
            return Err(Bail);
        }
        Ok(())
    }

    /// Whether a block sequence entry (`-` then a space or the end of the line) is at `at`.
    fn is_entry(&self, at: usize) -> bool {
        matches!(self.bytes.get(at), Some(b'-'))
            && matches!(self.bytes.get(at + 1), None | Some(b' ' | b'\n' | b'\r'))
    }

    /// After a value at `at`: only blanks and a comment may follow on the line.
    fn expect_line_end(&self, at: usize) -> Read<()> {
        let end = self.line_end;
        let rest = &self.bytes[at..end];
        let blanks = rest.iter().take_while(|&&b| b == b' ').count();
        match rest.get(blanks) {
            None => Ok(()),
            Some(b'#') if blanks > 0 || at == self.line_start => Ok(()),
            Some(_) => Err(Bail),
        }
    }

    /// After an empty flow collection: the line must end right there. Its span ends
    /// where the full reader's end event is, which runs over trailing blanks at the end
    /// of the input.
    fn expect_bare_line_end(&self, at: usize) -> Read<()> {
        if at == self.line_end {
            Ok(())
        } else {
            Err(Bail)
        }
    }

    /// If a mapping key starts at `at`: the end of the key text and the position of its
    /// `:` indicator. `None` when the line holds no key there.
    fn key_end(&self, at: usize) -> Read<Option<(usize, usize)>> {
        let end = self.line_end;
        let (text_end, after) = match self.bytes[at] {
            b'"' | b'\'' => {
                let (_, close) = self.quoted(at)?;
                (close, close)
            }
            b if starts_plain(b, self.bytes.get(at + 1).copied()) => {
                // A plain key runs to the first `: ` (or `:` at the end of the line); a
                // ` #` first makes the line a scalar with a comment.
                let mut i = at;
                loop {
                    i = self.skip_ordinary(i, &BLOCK_STOPS);
                    match self.bytes.get(i) {
                        Some(b':')
                            if matches!(
                                self.bytes.get(i + 1),
                                None | Some(b' ' | b'\n' | b'\r')
                            ) =>
                        {
                            break
                        }
                        Some(b'#') if self.bytes[i - 1] == b' ' => return Ok(None),
                        None | Some(b'\n' | b'\r') => return Ok(None),
                        _ => i += 1,
                    }
                }
                let text_end = at + trimmed_len(&self.bytes[at..i]);
                (text_end, text_end)
            }
            // `[`, `{`, anchors, tags...: not a plain key; the caller decides.
            _ => return Ok(None),
        };
        let blanks = self.bytes[after..end]
            .iter()
            .take_while(|&&b| b == b' ')
            .count();
        let colon = after + blanks;
        let is_key = matches!(self.bytes.get(colon), Some(b':'))
            && matches!(self.bytes.get(colon + 1), None | Some(b' ' | b'\n' | b'\r'));
        // A quoted key must be followed by its indicator on the line; a quoted scalar
        // that is not a key is fine (handled by the caller).
        Ok(is_key.then_some((text_end, colon)))
    }

    /// A block mapping whose first key is at chunk byte `start` on the current line; its
    /// other keys are on later lines at the same column.
    /// `key` is [`Self::key_end`] of the first key.
    fn mapping(&mut self, start: usize, key: (usize, usize), depth: usize) -> Read<Node> {
        if depth >= self.limits.max_depth {
            return Err(Bail);
        }
        self.count_node(depth)?;
        let column = start - self.line_start;
        let mut entries: Vec<Entry> = Vec::new();
        let mut at = start;
        let mut key = Some(key);
        loop {
            let (key_end, colon) = match key.take() {
                Some(k) => k,
                None => self.key_end(at)?.ok_or(Bail)?,
            };
            // YAML limits an implicit key to 1024 characters, and saphyr refuses longer
            // ones; a key this long (in bytes, so never fewer characters) is its to judge.
            if colon - at > MAX_KEY_BYTES {
                return Err(Bail);
            }
            let key_span = self.span(at, key_end);
            // The full reader places an empty value at its `:`.
            let empty_at = self.pos(colon);
            let key = self.key_text(at, key_end)?;
            if key == "<<" || entries.len() >= MAX_KEYS || entries.iter().any(|e| e.key == key) {
                return Err(Bail);
            }
            self.count_node(depth + 1)?;
            let value_at = colon + 1;
            let line_end = self.line_end;
            let blanks = self.bytes[value_at.min(line_end)..line_end]
                .iter()
                .take_while(|&&b| b == b' ')
                .count();
            let inline = value_at + blanks;
            let value = if inline >= line_end || self.bytes[inline] == b'#' {
                if matches!(self.bytes.get(inline), Some(b'#')) && blanks == 0 {
                    return Err(Bail);
                }
                self.next_line();
                match self.next_content()? {
                    Some(indent) if indent > column => {
                        let at = self.line_start + indent;
                        self.block(at, depth + 1)?
                    }
                    Some(indent) if indent == column && self.is_entry(self.line_start + indent) => {
                        self.sequence(indent, true, depth + 1)?
                    }
                    _ => {
                        self.count_node(depth + 1)?;
                        Node {
                            value: Value::Null,
                            span: Span {
                                start: empty_at,
                                end: empty_at,
                            },
                        }
                    }
                }
            } else {
                let node = self.inline(inline, depth + 1)?;
                self.next_line();
                node
            };
            entries.push(Entry {
                key,
                key_span,
                value,
            });
            match self.next_content()? {
                Some(indent) if indent == column => {
                    at = self.line_start + indent;
                    if self.is_entry(at) {
                        return Err(Bail);
                    }
                }
                Some(indent) if indent > column => return Err(Bail),
                _ => break,
            }
        }
        let first = entries[0].key_span.start;
        let end = entries[entries.len() - 1].value.span.end;
        Ok(Node {
            value: Value::Map(entries),
            span: Span { start: first, end },
        })
    }

    /// A block collection starting at chunk byte `at` of the current line.
    fn block(&mut self, at: usize, depth: usize) -> Read<Node> {
        if self.is_entry(at) {
            self.sequence(at - self.line_start, false, depth)
        } else if let Some(key) = self.key_end(at)? {
            self.mapping(at, key, depth)
        } else {
            // A scalar on its own line (a multi-line value) is for the full reader.
            Err(Bail)
        }
    }

    /// A block sequence whose `-` entries are at `column` of this and later lines.
    /// `indentless`: its entries are at the column of the key that owns it (`ports:` then
    /// `- name: x` on the next line, as kubectl writes).
    fn sequence(&mut self, column: usize, indentless: bool, depth: usize) -> Read<Node> {
        if depth >= self.limits.max_depth {
            return Err(Bail);
        }
        self.count_node(depth)?;
        let dash = self.line_start + column;
        let start = self.pos(dash);
        let mut items = Vec::new();
        loop {
            let dash = self.line_start + column;
            let after = dash + 1;
            let line_end = self.line_end;
            let blanks = self.bytes[after..line_end]
                .iter()
                .take_while(|&&b| b == b' ')
                .count();
            let content = after + blanks;
            let item = if content >= line_end || self.bytes[content] == b'#' {
                if indentless && items.is_empty() {
                    // saphyr starts such a sequence at an odd place; leave it to the full reader.
                    return Err(Bail);
                }
                // The full reader places an empty entry where its line ends (after a comment).
                let here = self.pos(self.line_end);
                self.next_line();
                match self.next_content()? {
                    Some(indent) if indent > column => {
                        let at = self.line_start + indent;
                        self.block(at, depth + 1)?
                    }
                    _ => {
                        self.count_node(depth + 1)?;
                        Node {
                            value: Value::Null,
                            span: Span {
                                start: here,
                                end: here,
                            },
                        }
                    }
                }
            } else if self.is_entry(content) {
                return Err(Bail);
            } else if let Some(key) = self.key_end(content)? {
                self.mapping(content, key, depth + 1)?
            } else {
                let node = self.inline(content, depth + 1)?;
                self.next_line();
                node
            };
            items.push(item);
            match self.next_content()? {
                Some(indent) if indent == column && self.is_entry(self.line_start + indent) => {}
                Some(indent) if indent > column => return Err(Bail),
                Some(indent) if indent == column && !indentless => return Err(Bail),
                _ => break,
            }
        }
        let start = if indentless {
            items[0].span.start
        } else {
            start
        };
        let end = items[items.len() - 1].span.end;
        Ok(Node {
            value: Value::Seq(items),
            span: Span { start, end },
        })
    }

    /// A value that starts at `at` and ends on this line: a scalar, `[...]` or `{}`.
    fn inline(&mut self, at: usize, depth: usize) -> Read<Node> {
        self.count_node(depth)?;
        let node = match self.bytes[at] {
            b'"' | b'\'' => {
                let (text, close) = self.quoted(at)?;
                self.expect_line_end(close)?;
                Node {
                    value: Value::Str(text),
                    span: self.span(at, close),
                }
            }
            b'[' => return self.flow_sequence(at, depth),
            b'{' if matches!(self.bytes.get(at + 1), Some(b'}')) => {
                self.expect_bare_line_end(at + 2)?;
                Node {
                    value: Value::Map(Vec::new()),
                    span: self.span(at, at + 2),
                }
            }
            b if starts_plain(b, self.bytes.get(at + 1).copied()) => {
                let end = self.plain_end(at, false)?;
                self.expect_line_end(end)?;
                let text = &self.text[at..end];
                self.check_scalar(text)?;
                Node {
                    value: resolve_plain(text),
                    span: self.span(at, end),
                }
            }
            _ => return Err(Bail),
        };
        Ok(node)
    }

    /// `[a, "b"]` on one line, scalars only.
    fn flow_sequence(&mut self, open: usize, depth: usize) -> Read<Node> {
        if depth >= self.limits.max_depth {
            return Err(Bail);
        }
        let skip = |s: &Self, mut i: usize| {
            while matches!(s.bytes.get(i), Some(b' ')) {
                i += 1;
            }
            i
        };
        let mut items = Vec::new();
        let mut i = skip(self, open + 1);
        let close = if matches!(self.bytes.get(i), Some(b']')) {
            i
        } else {
            loop {
                self.count_node(depth + 1)?;
                let (value, end) = match self.bytes.get(i) {
                    Some(b'"' | b'\'') => {
                        let (text, close) = self.quoted(i)?;
                        (Value::Str(text), close)
                    }
                    Some(&b)
                        if starts_plain(b, self.bytes.get(i + 1).copied())
                            && !matches!(self.bytes.get(i + 1), Some(b',' | b']')) =>
                    {
                        let end = self.plain_end(i, true)?;
                        let text = &self.text[i..end];
                        self.check_scalar(text)?;
                        (resolve_plain(text), end)
                    }
                    _ => return Err(Bail),
                };
                items.push(Node {
                    value,
                    span: self.span(i, end),
                });
                i = skip(self, end);
                match self.bytes.get(i) {
                    Some(b',') => {
                        i = skip(self, i + 1);
                        // `[a, ]` and `[a,]` are for the full reader.
                        if matches!(self.bytes.get(i), Some(b']' | b',')) {
                            return Err(Bail);
                        }
                    }
                    Some(b']') => break i,
                    _ => return Err(Bail),
                }
            }
        };
        if items.is_empty() {
            self.expect_bare_line_end(close + 1)?;
        } else {
            self.expect_line_end(close + 1)?;
        }
        let end = items
            .last()
            .map_or(self.pos(close + 1), |n: &Node| n.span.end);
        Ok(Node {
            value: Value::Seq(items),
            span: Span {
                start: self.pos(open),
                end,
            },
        })
    }

    /// Where a plain scalar starting at `at` ends: before ` #`, the end of the line, or in
    /// flow context before `,`/`]`. A `: ` inside (a nested mapping, an error), or in a flow
    /// scalar a flow indicator, a `:` or a space between words, makes it the full reader's.
    fn plain_end(&self, at: usize, flow: bool) -> Read<usize> {
        let stops = if flow { &FLOW_STOPS } else { &BLOCK_STOPS };
        let mut i = at;
        loop {
            i = self.skip_ordinary(i, stops);
            match self.bytes.get(i) {
                None | Some(b'\n' | b'\r') => break,
                Some(b'#') if self.bytes[i - 1] == b' ' => break,
                Some(b':') if flow => return Err(Bail),
                Some(b':')
                    if matches!(self.bytes.get(i + 1), None | Some(b' ' | b'\n' | b'\r')) =>
                {
                    return Err(Bail)
                }
                Some(b',' | b']') if flow => break,
                Some(b'[' | b'{' | b'}') if flow => return Err(Bail),
                // Words inside a flow item (`[a b, c]`) are the full reader's: saphyr
                // treats some of them (`= -,`) as errors.
                Some(b' ') if flow => {
                    let next = self.bytes[i..].iter().position(|&b| b != b' ');
                    match next.and_then(|n| self.bytes.get(i + n)) {
                        Some(b',' | b']') => break,
                        _ => return Err(Bail),
                    }
                }
                _ => i += 1,
            }
        }
        Ok(at + trimmed_len(&self.bytes[at..i]))
    }

    /// The first byte from `i` on that is one of `stops` (or the end): the scanning loops
    /// look at each byte once in a table instead of through their `match`.
    fn skip_ordinary(&self, mut i: usize, stops: &[bool; 256]) -> usize {
        while let Some(&b) = self.bytes.get(i) {
            if stops[usize::from(b)] {
                break;
            }
            i += 1;
        }
        i
    }

    /// A one-line quoted scalar at `at`: its value and the byte after its closing quote.
    fn quoted(&self, at: usize) -> Read<(String, usize)> {
        let quote = self.bytes[at];
        let mut out = String::new();
        let mut i = at + 1;
        let mut run = i;
        // Not bounded by a precomputed line end: a long line of many quoted flow items
        // would be scanned once per item.
        while let Some(&b) = self.bytes.get(i).filter(|&&b| b != b'\n' && b != b'\r') {
            if b == quote {
                if quote == b'\'' && self.bytes.get(i + 1) == Some(&b'\'') {
                    out.push_str(&self.text[run..=i]);
                    i += 2;
                    run = i;
                    continue;
                }
                out.push_str(&self.text[run..i]);
                self.check_scalar(&out)?;
                return Ok((out, i + 1));
            }
            if b == b'\\' && quote == b'"' {
                out.push_str(&self.text[run..i]);
                let rest = &self.bytes[i + 1..];
                let rest = &rest[..rest.len().min(9)];
                let rest = &rest[..rest
                    .iter()
                    .position(|&b| b == b'\n' || b == b'\r')
                    .unwrap_or(rest.len())];
                let (c, len) = escape(rest).ok_or(Bail)?;
                out.push(c);
                i += 1 + len;
                run = i;
                continue;
            }
            i += 1;
        }
        // Runs on to another line: a multi-line scalar, or no closing quote at all.
        Err(Bail)
    }

    /// The key string of the key text at `start..end` (plain keys resolve as YAML 1.1
    /// scalars and are stringified as sigs.k8s.io/yaml does: `yes:` is the key "true").
    fn key_text(&self, start: usize, end: usize) -> Read<String> {
        match self.bytes[start] {
            b'"' | b'\'' => Ok(self.quoted(start)?.0),
            _ => {
                let text = &self.text[start..end];
                self.check_scalar(text)?;
                match resolve_plain(text) {
                    Value::Str(s) => Ok(s),
                    Value::Bool(b) => Ok(b.to_string()),
                    Value::Int(i) => Ok(i.to_string()),
                    Value::Float(f) if f.is_finite() => Ok(super::float::go_format_g(f)),
                    _ => Err(Bail),
                }
            }
        }
    }

    fn check_scalar(&self, text: &str) -> Read<()> {
        if text.len() > self.limits.max_scalar_bytes {
            return Err(Bail);
        }
        Ok(())
    }
}

/// Bytes a plain scalar or key in block context may end at, or that need a closer look.
const BLOCK_STOPS: [bool; 256] = stops(b"\n\r#:");
/// The same inside `[...]`.
const FLOW_STOPS: [bool; 256] = stops(b"\n\r#:,[]{} ");

const fn stops(bytes: &[u8]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
}

/// Whether a plain scalar may start with `b` (followed by `next`): not an indicator,
/// except `-`, `?`, `:` directly followed by a non-blank (`-1`, `:x`).
fn starts_plain(b: u8, next: Option<u8>) -> bool {
    match b {
        b'-' | b'?' | b':' => !matches!(next, None | Some(b' ' | b'\n' | b'\r')),
        b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'\''
        | b'"' | b'%' | b'@' | b'`' | b' ' | b'\n' | b'\r' => false,
        _ => true,
    }
}

/// Length of `text` without trailing spaces.
fn trimmed_len(text: &[u8]) -> usize {
    text.len() - text.iter().rev().take_while(|&&b| b == b' ').count()
}

/// A double-quoted escape (after the backslash): the character and the bytes it used.
/// Escapes this reader does not know are the full reader's (it reports the bad ones).
fn escape(rest: &[u8]) -> Option<(char, usize)> {
    let simple = match rest.first()? {
        b'0' => '\0',
        b'a' => '\u{7}',
        b'b' => '\u{8}',
        b't' => '\t',
        b'n' => '\n',
        b'v' => '\u{b}',
        b'f' => '\u{c}',
        b'r' => '\r',
        b'e' => '\u{1b}',
        b' ' => ' ',
        b'"' => '"',
        b'/' => '/',
        b'\\' => '\\',
        b'N' => '\u{85}',
        b'_' => '\u{a0}',
        b'L' => '\u{2028}',
        b'P' => '\u{2029}',
        b'x' => return hex(rest, 2),
        b'u' => return hex(rest, 4),
        b'U' => return hex(rest, 8),
        _ => return None,
    };
    Some((simple, 1))
}

fn hex(rest: &[u8], digits: usize) -> Option<(char, usize)> {
    let text = std::str::from_utf8(rest.get(1..=digits)?).ok()?;
    if !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let code = u32::from_str_radix(text, 16).ok()?;
    Some((char::from_u32(code)?, 1 + digits))
}
