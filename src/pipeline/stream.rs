//! Cutting a streamed input into segments that end where a `---` separator line starts, so
//! each segment holds whole documents and reads exactly as it would inside the whole input
//! (Kubernetes' `YAMLReader` splits on the same lines).

pub(super) use crate::yaml::count_lines;
use crate::yaml::is_separator;

/// Bytes of one input received and not yet read.
#[derive(Default)]
pub(super) struct Carry {
    bytes: Vec<u8>,
    /// Bytes before this offset were looked at (for line starts and breaks) already: each
    /// byte is looked at once, however small the pieces and however long the lines.
    scanned: usize,
    /// The start of the last line, when it is or may become a `---` line and its end has
    /// not arrived: it is judged when its line break comes.
    pending: Option<usize>,
    /// Whether the input is YAML or a stream of JSON values is known (see `complete_len`).
    decided: bool,
    /// The input is a stream of JSON values (split on where values end, not on `---`
    /// lines): it is read whole at its end.
    json: bool,
    /// Bytes in the ranges `complete_len` searched (the tests check that it stays linear).
    examined: usize,
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
        // What was looked at stays looked at; a pending line is after any cut.
        self.scanned = self.scanned.saturating_sub(len);
        self.pending = self.pending.and_then(|p| p.checked_sub(len));
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
        // The last complete separator line is wanted, so the new bytes are searched
        // backwards from the end: the search stops within the last document.
        let bytes = &self.bytes;
        let len = bytes.len();
        let from = self.scanned.min(len);
        let mut cut = 0;
        // The nearest line break after the byte looked at.
        let mut line_end = len;
        let mut newest_pending = None;
        self.examined += len.saturating_sub(from.max(1));
        for pos in (from.max(1)..len).rev() {
            let b = bytes[pos];
            if b == b'\n' || b == b'\r' {
                line_end = pos;
                continue;
            }
            if b != b'-' || !matches!(bytes[pos - 1], b'\n' | b'\r') {
                continue;
            }
            if line_end == len {
                // The last line, not complete yet: `---` or on its way to it (`-`, `--`).
                let head = &bytes[pos..len.min(pos + 3)];
                if b"---".starts_with(head) {
                    newest_pending = Some(pos);
                }
                continue;
            }
            if is_separator(&String::from_utf8_lossy(&bytes[pos..line_end])) {
                cut = pos;
                break;
            }
        }
        // A line pending from before: complete once a break arrived (the first break in
        // the new bytes ends it, as it had none before them), and only wanted when no
        // later separator was found.
        let mut still_pending = None;
        if let Some(p) = self.pending {
            if cut == 0 && line_end < len {
                if is_separator(&String::from_utf8_lossy(&bytes[p..line_end])) {
                    cut = p;
                }
            } else if cut == 0 {
                still_pending = Some(p);
            }
        }
        self.pending = newest_pending.or(still_pending);
        self.scanned = len;
        cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pushes `text` in pieces of `piece` bytes, cutting as the pipeline does; returns the
    /// segments and the bytes looked at.
    fn stream(text: &[u8], piece: usize) -> (Vec<Vec<u8>>, usize) {
        let mut carry = Carry::default();
        let mut segments = Vec::new();
        for chunk in text.chunks(piece) {
            carry.push(chunk);
            let len = carry.complete_len();
            if len > 0 {
                segments.push(carry.take(len));
            }
        }
        let rest = carry.len();
        segments.push(carry.take(rest));
        (segments, carry.examined)
    }

    #[test]
    fn each_byte_is_looked_at_once_however_long_the_line() {
        let long = 2_000_000;
        let cases: Vec<(Vec<u8>, usize)> = vec![
            // A separator whose comment runs on (judged when its line ends).
            (
                [&b"a: 1\n--- #"[..], &vec![b'x'; long], b"\nb: 2\n"].concat(),
                1,
            ),
            // A separator followed by blanks only so far.
            (
                [&b"a: 1\n---"[..], &vec![b' '; long], b"\nb: 2\n"].concat(),
                1,
            ),
            // A line of dashes (not a separator).
            ([&b"a: 1\n"[..], &vec![b'-'; long], b"\nb: 2\n"].concat(), 0),
            // One long line.
            ([&b"a: 1\n"[..], &vec![b'y'; long]].concat(), 0),
        ];
        for (text, cuts) in cases {
            for piece in [1000, 4096, 65536] {
                let (segments, examined) = stream(&text, piece);
                assert_eq!(segments.concat(), text, "the input comes out whole");
                assert_eq!(segments.len() - 1, cuts, "cuts, pieces of {piece}");
                assert!(
                    examined <= text.len(),
                    "{examined} bytes looked at for {}",
                    text.len()
                );
            }
        }
    }

    #[test]
    fn cuts_fall_just_before_complete_separator_lines() {
        let text = b"a: 1\n---\nb: 2\n--- # c\r\nc: 3\n---x\nd: 4\n---";
        for piece in 1..=text.len() {
            let (segments, _) = stream(text, piece);
            assert_eq!(segments.concat(), text.to_vec());
            // `--- # c` always completes before the end; byte by byte, `---` does too.
            // `---x` is no separator and the last `---` never gets its line break.
            assert!(segments.len() >= 2, "pieces of {piece}: no cut");
            if piece == 1 {
                assert_eq!(segments.len(), 3);
            }
            for s in &segments[1..] {
                let line = s.split(|&b| b == b'\n' || b == b'\r').next().unwrap_or(&[]);
                assert!(
                    is_separator(&String::from_utf8_lossy(line)),
                    "pieces of {piece}: a segment starts with {:?}",
                    String::from_utf8_lossy(s)
                );
            }
        }
    }
}
