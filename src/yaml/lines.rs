//! Converts saphyr's markers (character index, 1-based line, 0-based character column,
//! relative to one document chunk) to [`Pos`] (1-based line, 1-based UTF-16 column and
//! byte offset in the whole input).

use super::Pos;

/// Position conversion for one document chunk.
pub(crate) struct PosMap<'a> {
    /// The chunk's text.
    text: &'a str,
    /// Line number (0-based) in the whole input of the chunk's first line.
    line_offset: u32,
    /// UTF-16 units before the chunk on its first line (a JSON value after another).
    first_column: u32,
    /// Byte offset of the chunk in the input.
    byte_offset: usize,
    /// UTF-16 units before each character of the chunk; empty when the chunk is ASCII
    /// (then characters, bytes and UTF-16 units coincide).
    utf16_before: Vec<u32>,
    /// Bytes before each character of the chunk; empty when the chunk is ASCII.
    bytes_before: Vec<usize>,
}

impl<'a> PosMap<'a> {
    /// A map for a chunk that starts at `first` (0-based line, UTF-16 units before it on that
    /// line), byte `byte_offset`.
    pub(crate) fn new(chunk: &'a str, first: (u32, u32), byte_offset: usize) -> Self {
        let (line_offset, first_column) = first;
        let (mut utf16_before, mut bytes_before) = (Vec::new(), Vec::new());
        if !chunk.is_ascii() {
            let mut units = 0u32;
            for (at, c) in chunk.char_indices() {
                utf16_before.push(units);
                bytes_before.push(at);
                units = units.saturating_add(c.len_utf16() as u32);
            }
            utf16_before.push(units);
            bytes_before.push(chunk.len());
        }
        PosMap {
            text: chunk,
            line_offset,
            first_column,
            byte_offset,
            utf16_before,
            bytes_before,
        }
    }

    /// The chunk byte of a saphyr marker.
    pub(crate) fn byte(&self, marker: &saphyr_parser::Marker) -> usize {
        match self.bytes_before.get(marker.index()) {
            Some(&at) => at,
            None if self.bytes_before.is_empty() => marker.index().min(self.text.len()),
            None => self.text.len(),
        }
    }

    /// The input position of a saphyr marker.
    pub(crate) fn pos(&self, marker: &saphyr_parser::Marker) -> Pos {
        let chars = match self.bytes_before.len() {
            0 => self.text.len(),
            n => n - 1,
        };
        if marker.index() >= chars {
            // saphyr may place end-of-input one line past a last line without a newline.
            return self.end();
        }
        let line = self.line_offset.saturating_add(marker.line() as u32);
        let (column, bytes) = match self.utf16_before.len() {
            0 => (marker.col(), marker.index()),
            len => {
                // The line starts `col` characters before `index`.
                let at = marker.index().min(len - 1);
                let line_start = at.saturating_sub(marker.col());
                let column = self.utf16_before[at] - self.utf16_before[line_start];
                (column as usize, self.bytes_before[at])
            }
        };
        let before = if marker.line() <= 1 {
            self.first_column
        } else {
            0
        };
        Pos {
            line,
            column: (column as u32).saturating_add(1).saturating_add(before),
            offset: self.byte_offset + bytes,
        }
    }

    /// Where a quoted scalar starting at `start` ends (just after its closing quote).
    /// saphyr's span for quoted scalars runs on to the end of the line, over a trailing
    /// comment; findings should underline the value only.
    pub(crate) fn quoted_end(&self, start: Pos, fallback: Pos) -> Pos {
        let Some(body) = start
            .offset
            .checked_sub(self.byte_offset)
            .and_then(|at| self.text.get(at..))
        else {
            return fallback;
        };
        let mut chars = body.char_indices();
        let Some((_, quote @ ('"' | '\''))) = chars.next() else {
            return fallback;
        };
        let (mut line, mut column) = (start.line, start.column + 1);
        while let Some((at, c)) = chars.next() {
            match c {
                '\\' if quote == '"' => {
                    column += 1;
                    if let Some((_, escaped)) = chars.next() {
                        column += escaped.len_utf16() as u32;
                    }
                }
                '\'' if quote == '\'' && body[at + 1..].starts_with('\'') => {
                    chars.next();
                    column += 2;
                }
                '\n' => {
                    line += 1;
                    column = 1;
                }
                c if c == quote => {
                    return Pos {
                        line,
                        column: column + 1,
                        offset: start.offset + at + 1,
                    };
                }
                c => column += c.len_utf16() as u32,
            }
        }
        fallback
    }

    /// The position just after the chunk's last character.
    fn end(&self) -> Pos {
        let text = self.text;
        let last_break = text.rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let breaks = text.as_bytes().iter().enumerate().filter(|&(i, &b)| {
            b == b'\n' || (b == b'\r' && text.as_bytes().get(i + 1) != Some(&b'\n'))
        });
        let before = if last_break == 0 {
            self.first_column
        } else {
            0
        };
        let column = text[last_break..].encode_utf16().count() as u32 + 1 + before;
        Pos {
            line: self.line_offset + breaks.count() as u32 + 1,
            column,
            offset: self.byte_offset + text.len(),
        }
    }
}
