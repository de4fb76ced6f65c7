//! Byte searches that look at a word (8 bytes) per step.
//!
//! A short CLI run executes most of the module as V8's baseline (Liftoff) code, which runs a
//! byte loop one iteration per byte; the reader's passes over every byte (separator lines,
//! line ends, the plain-text test) were a visible share of a run (issue 7). These use the
//! usual bit tricks on a `u64` and finish the last few bytes one at a time.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The 8 bytes at `at` as a little-endian word (byte `at` lowest), if there are 8.
fn word(bytes: &[u8], at: usize) -> Option<u64> {
    let eight: [u8; 8] = bytes.get(at..at.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(eight))
}

/// The high bit of each zero byte of `w`. A borrow can also flag bytes above a zero byte,
/// never below one, so the lowest flag is always a zero byte, and the result is 0 exactly
/// when `w` has none.
fn zero_bytes(w: u64) -> u64 {
    w.wrapping_sub(ONES) & !w & HIGHS
}

/// Byte index of the lowest flagged byte of a non-zero mask.
fn lowest(mask: u64) -> usize {
    (mask.trailing_zeros() / 8) as usize
}

/// The index of the first `a` at or after `from`, or `bytes.len()`. `from` is at most
/// `bytes.len()` (beyond it, `from` comes back).
pub(super) fn find(bytes: &[u8], from: usize, a: u8) -> usize {
    find_either(bytes, from, a, a)
}

/// The index of the first `a` or `b` at or after `from`, or `bytes.len()`. `from` is at
/// most `bytes.len()` (beyond it, `from` comes back).
pub(super) fn find_either(bytes: &[u8], from: usize, a: u8, b: u8) -> usize {
    let (pa, pb) = (ONES * u64::from(a), ONES * u64::from(b));
    let mut i = from;
    while let Some(w) = word(bytes, i) {
        // Each mask's lowest flag is exact, so the lowest of both is the first match.
        let mask = zero_bytes(w ^ pa) | zero_bytes(w ^ pb);
        if mask != 0 {
            return i + lowest(mask);
        }
        i += 8;
    }
    let tail = bytes.get(i..).unwrap_or_default();
    i + tail
        .iter()
        .position(|&c| c == a || c == b)
        .unwrap_or(tail.len())
}

/// The length of the longest prefix of `bytes[from..]`, in whole words, that is printable
/// ASCII (0x20 to 0x7e): where a byte-by-byte look has to start.
pub(super) fn printable_ascii_words(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(w) = word(bytes, i) {
        // A byte below 0x20 (exact as a yes/no test for bytes below 0x80), DEL, or a byte
        // with the high bit set (not ASCII).
        let control = w.wrapping_sub(ONES * 0x20) & !w & HIGHS;
        let del = zero_bytes(w ^ (ONES * 0x7f));
        if control | del | (w & HIGHS) != 0 {
            break;
        }
        i += 8;
    }
    i - from
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes from an alphabet that hits every branch: breaks, separators' dashes, controls,
    /// DEL, bytes with the high bit set, and the word-trick borders around them.
    fn sample(seed: u64, len: usize) -> Vec<u8> {
        // With each searched byte's neighbour `c ^ 1` (`\x0b`, `\x0c`, `,`, `\x01`,
        // `\x81`, `\xfe`): after a match it is what a borrow could wrongly flag.
        const ALPHABET: &[u8] =
            b"\n\r-a :#\x00\x01\x1f\x20\x7e\x7f\x80\xff\xc3\xa9\t\x0b\x0c,\x81\xfe";
        let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                // Mostly plain letters, as in manifests, so long clean runs occur too.
                if state % 4 == 0 {
                    ALPHABET[(state >> 8) as usize % ALPHABET.len()]
                } else {
                    b'a' + (state >> 8) as u8 % 26
                }
            })
            .collect()
    }

    #[test]
    fn searches_agree_with_byte_loops() {
        for seed in 0..4000u64 {
            let bytes = sample(seed, (seed % 67) as usize);
            for from in 0..=bytes.len() {
                let rest = &bytes[from..];
                for a in [b'\n', b'\r', b'-', 0x00, 0x80, 0xff] {
                    let want = from + rest.iter().position(|&b| b == a).unwrap_or(rest.len());
                    assert_eq!(find(&bytes, from, a), want, "{bytes:?} from {from} {a}");
                }
                let want = from
                    + rest
                        .iter()
                        .position(|&b| b == b'\n' || b == b'\r')
                        .unwrap_or(rest.len());
                assert_eq!(find_either(&bytes, from, b'\n', b'\r'), want);
                let clean = rest
                    .iter()
                    .position(|&b| !(0x20..0x7f).contains(&b))
                    .unwrap_or(rest.len());
                let words = printable_ascii_words(&bytes, from);
                assert_eq!(words % 8, 0);
                assert!(words <= clean, "{bytes:?} from {from}");
                assert!(
                    clean - words < 8 || rest.len() - words < 8,
                    "{bytes:?} {from}"
                );
            }
        }
    }

    #[test]
    fn positions_past_the_end_find_nothing() {
        assert_eq!(find(b"abc", 3, b'a'), 3);
        assert_eq!(find(b"abc", 5, b'a'), 5);
        assert_eq!(find_either(b"abc", 4, b'a', b'b'), 4);
        assert_eq!(find_either(b"", 0, b'\n', b'\r'), 0);
        assert_eq!(printable_ascii_words(b"abc", 3), 0);
    }
}
