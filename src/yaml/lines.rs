//! Converts saphyr's markers (character index, 1-based line, 0-based character column,
//! relative to one document chunk) to [`Pos`] (1-based line, 1-based UTF-16 column and
//! byte offset in the whole input).

use super::Pos;

/// Position conversion for one document chunk.
pub(crate) struct PosMap {
    /// Line number (0-based) in the whole input of the chunk's first line.
    line_offset: u32,
    /// Byte offset of the chunk in the input.
    byte_offset: usize,
    /// UTF-16 units before each character of the chunk; empty when the chunk is ASCII
    /// (then characters, bytes and UTF-16 units coincide).
    utf16_before: Vec<u32>,
    /// Bytes before each character of the chunk; empty when the chunk is ASCII.
    bytes_before: Vec<usize>,
}

impl PosMap {
    /// A map for a chunk that starts at 0-based line `line_offset`, byte `byte_offset`.
    pub(crate) fn new(chunk: &str, line_offset: u32, byte_offset: usize) -> Self {
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
            line_offset,
            byte_offset,
            utf16_before,
            bytes_before,
        }
    }

    /// The input position of a saphyr marker.
    pub(crate) fn pos(&self, marker: &saphyr_parser::Marker) -> Pos {
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
        Pos {
            line,
            column: (column as u32).saturating_add(1),
            offset: self.byte_offset + bytes,
        }
    }
}
