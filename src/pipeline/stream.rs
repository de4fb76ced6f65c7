//! Cutting a streamed input into segments that end where a `---` separator line starts, so
//! each segment holds whole documents and reads exactly as it would inside the whole input
//! (Kubernetes' `YAMLReader` splits on the same lines).

pub(super) use crate::yaml::count_lines;
use crate::yaml::is_separator;

/// Bytes of one input received and not yet read.
#[derive(Default)]
pub(super) struct Carry {
    bytes: Vec<u8>,
    /// Separator lines before this offset were looked for already.
    scanned: usize,
    /// Whether the input is YAML or a stream of JSON values is known (see `complete_len`).
    decided: bool,
    /// The input is a stream of JSON values (split on where values end, not on `---`
    /// lines): it is read whole at its end.
    json: bool,
}

impl Carry {
    pub(super) fn push(&mut self, more: &[u8]) {
        self.bytes.extend_from_slice(more);
    }

    pub(super) fn len(&self) -> usize {
        self.bytes.len()
    }

    pub(super) fn clear(&mut self) {
        *self = Carry::default();
    }

    /// The first `len` bytes; the rest stay.
    pub(super) fn take(&mut self, len: usize) -> Vec<u8> {
        let rest = self.bytes.split_off(len);
        self.scanned = 0;
        // What follows a cut is the rest of the same input: YAML, as decided.
        std::mem::replace(&mut self.bytes, rest)
    }

    /// How many bytes can be read now: up to the start of the last complete separator line,
    /// or 0. Before anything is read, a JSON stream is told apart from YAML the way
    /// `yaml::documents` does: by the input's first non-blank character.
    pub(super) fn complete_len(&mut self) -> usize {
        if !self.decided {
            let head = String::from_utf8_lossy(&self.bytes[..self.bytes.len().min(4096)]);
            let head = head.strip_prefix('\u{feff}').unwrap_or(&head).trim_start();
            if head.is_empty() {
                return 0; // undecided until a non-blank arrives (or the input ends)
            }
            self.json = head.starts_with('{');
            self.decided = true;
        }
        if self.json {
            return 0;
        }
        // The last complete separator line is wanted, so the search runs backwards from
        // the end: it stops within the last document instead of reading every byte.
        let bytes = &self.bytes;
        let from = self.scanned;
        // A separator line whose end has not arrived yet: looked at again next time.
        let mut pending = None;
        let mut cut = 0;
        let mut line_end = bytes.len();
        for pos in (from.max(1)..bytes.len()).rev() {
            let b = bytes[pos];
            if b == b'\n' || b == b'\r' {
                line_end = pos;
                continue;
            }
            if b != b'-' || !matches!(bytes[pos - 1], b'\n' | b'\r') {
                continue;
            }
            if line_end == bytes.len() {
                // The last line, not complete yet.
                if bytes[pos..].starts_with(b"---") {
                    pending = Some(pos);
                }
                continue;
            }
            if is_separator(&String::from_utf8_lossy(&bytes[pos..line_end])) {
                cut = pos;
                break;
            }
        }
        // Only new bytes are searched next time (a `---` may straddle the last two), so a
        // long line arriving a byte at a time stays linear.
        self.scanned = pending.unwrap_or(bytes.len().saturating_sub(2));
        cut
    }
}
