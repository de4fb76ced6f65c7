//! Converts saphyr's markers (character index, 1-based line, 0-based character column,
//! relative to one document chunk) to [`Pos`] (1-based line and 1-based UTF-16 column in
//! the whole input).

use super::Pos;

/// Position conversion for one document chunk.
pub(crate) struct PosMap {
    /// Line number (0-based) in the whole input of the chunk's first line.
    line_offset: u32,
    /// UTF-16 units before each character of the chunk; empty when the chunk is ASCII
    /// (then characters and UTF-16 units coincide).
    utf16_before: Vec<u32>,
}

impl PosMap {
    /// A map for a chunk that starts at 0-based line `line_offset` of the input.
    pub(crate) fn new(chunk: &str, line_offset: u32) -> Self {
        let utf16_before = if chunk.is_ascii() {
            Vec::new()
        } else {
            let mut before = Vec::with_capacity(chunk.len() + 1);
            let mut units = 0u32;
            for c in chunk.chars() {
                before.push(units);
                units = units.saturating_add(c.len_utf16() as u32);
            }
            before.push(units);
            before
        };
        PosMap {
            line_offset,
            utf16_before,
        }
    }

    /// The input position of a saphyr marker.
    pub(crate) fn pos(&self, marker: &saphyr_parser::Marker) -> Pos {
        let line = self.line_offset.saturating_add(marker.line() as u32);
        let column = if self.utf16_before.is_empty() {
            marker.col()
        } else {
            // The line starts `col` characters before `index`.
            let at = marker.index().min(self.utf16_before.len() - 1);
            let line_start = at.saturating_sub(marker.col());
            (self.utf16_before[at] - self.utf16_before[line_start]) as usize
        };
        Pos {
            line,
            column: (column as u32).saturating_add(1),
        }
    }
}
