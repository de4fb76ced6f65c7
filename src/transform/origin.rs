//! Positions in the original text. Fixes run in passes (a fix can make another one
//! visible), each pass editing the previous pass's output; [`History`] maps an offset of
//! the current text back through every pass, and [`LineIndex`] turns an original offset
//! into a 1-based line and a 1-based UTF-16 column, as diagnostics count them.

use crate::diagnostic::Location;

use super::edit::Edit;

/// The edits of every pass so far, each in the coordinates of that pass's input.
#[derive(Clone, Debug, Default)]
pub(crate) struct History {
    passes: Vec<Vec<Edit>>,
}

impl History {
    /// Records one pass.
    pub fn push(&mut self, mut edits: Vec<Edit>) {
        crate::sort::sort_by_key(&mut edits, |e| (e.start, e.end));
        self.passes.push(edits);
    }

    /// The original offset of `offset` in the current text. An offset inside text a pass
    /// inserted maps to the start of what that text replaced.
    pub fn original(&self, mut offset: usize) -> usize {
        for edits in self.passes.iter().rev() {
            let mut delta: isize = 0;
            let mut inside = None;
            for e in edits {
                let new_start = e.start as isize + delta;
                let new_end = new_start + e.text.len() as isize;
                if (offset as isize) < new_start {
                    break;
                }
                if (offset as isize) < new_end {
                    inside = Some(e.start);
                    break;
                }
                delta += e.text.len() as isize - (e.end as isize - e.start as isize);
            }
            offset = inside.unwrap_or_else(|| (offset as isize - delta).max(0) as usize);
        }
        offset
    }
}

/// Line starts of a text, for offset → line/column.
#[derive(Debug)]
pub(crate) struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    /// Indexes `text`.
    pub fn new(text: &'t str) -> Self {
        // Sized up front: grown by doubling, the table of 256 MiB of line breaks (the input
        // limit) would ask for 2 GiB, more than a wasm32 allocation may be (a trap).
        let lines = text.bytes().filter(|&b| b == b'\n').count();
        let mut starts = Vec::with_capacity(lines + 1);
        starts.push(0);
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    fn pos(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let column: usize = self
            .text
            .get(start..offset)
            .map_or(0, |t| t.chars().map(char::len_utf16).sum());
        (line as u32 + 1, column as u32 + 1)
    }

    /// The location of `start..end`.
    pub fn location(&self, start: usize, end: usize) -> Location {
        let (line, column) = self.pos(start);
        let (end_line, end_column) = self.pos(end.max(start));
        Location {
            line,
            column,
            end_line,
            end_column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_table_is_allocated_once_at_its_size() {
        // Grown by doubling, the table of 2^28 line breaks asked for 2 GiB on wasm32, more
        // than an allocation may be there: `fix` of 256 MiB of blank lines trapped.
        for text in ["", "a", "a\n", "\n\n\nb\r\n", &"\n".repeat(100_003)] {
            let index = LineIndex::new(text);
            let lines = text.matches('\n').count() + 1;
            assert_eq!(index.starts.len(), lines, "{text:?}");
            assert_eq!(index.starts.capacity(), lines, "{text:?}");
        }
    }

    #[test]
    fn maps_offsets_back_through_passes() {
        // "abcdef" → pass 1 replaces "cd" by "XYZ" → "abXYZef" → pass 2 inserts "!" at 0.
        let mut h = History::default();
        h.push(vec![Edit {
            start: 2,
            end: 4,
            text: "XYZ".into(),
        }]);
        h.push(vec![Edit {
            start: 0,
            end: 0,
            text: "!".into(),
        }]);
        // "!abXYZef": 'e' is at 6, originally 4; 'Y' (inserted) maps to 2; 'a' to 0.
        assert_eq!(h.original(6), 4);
        assert_eq!(h.original(4), 2);
        assert_eq!(h.original(1), 0);
        assert_eq!(h.original(8), 6);
    }

    #[test]
    fn columns_count_utf16_units() {
        let idx = LineIndex::new("a: é😀x\nb");
        // 'x' is after "a: " (3), 'é' (1 unit), '😀' (2 units): column 7.
        let x = "a: é😀".len();
        assert_eq!(
            idx.location(x, x + 1),
            Location {
                line: 1,
                column: 7,
                end_line: 1,
                end_column: 8
            }
        );
        let b = "a: é😀x\n".len();
        assert_eq!(
            idx.location(b, b + 1),
            Location {
                line: 2,
                column: 1,
                end_line: 2,
                end_column: 2
            }
        );
    }
}
