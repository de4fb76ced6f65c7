//! Substring search for the few places that look for more than one character.
//!
//! The standard library's `str::contains("..")` and `str::replace("..", ..)` link its
//! two-way searcher, about 2.4 KB of the .wasm for these few calls on short text (issue 7
//! caps the module's size); a plain scan of byte windows does the same here.

/// Byte index of the first occurrence of `needle` in `haystack`.
pub(crate) fn find(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w == needle.as_bytes())
}

/// Whether `needle` occurs in `haystack`.
pub(crate) fn contains(haystack: &str, needle: &str) -> bool {
    find(haystack, needle).is_some()
}

/// `haystack` with every occurrence of a non-empty `from` replaced by `to`, left to right.
pub(crate) fn replace(haystack: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(haystack.len());
    let mut rest = haystack;
    while let Some(at) = find(rest, from).filter(|_| !from.is_empty()) {
        out.push_str(&rest[..at]);
        out.push_str(to);
        rest = &rest[at + from.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_the_standard_library() {
        let cases = [
            ("", ""),
            ("", "a"),
            ("a", ""),
            ("a: b", ": "),
            ("a:b", ": "),
            ("x --y", "--"),
            ("---", "--"),
            ("éé: é", ": "),
            ("expected i64, expected i64", "expected i64"),
        ];
        for (haystack, needle) in cases {
            assert_eq!(
                find(haystack, needle),
                haystack.find(needle),
                "{haystack:?} {needle:?}"
            );
            assert_eq!(contains(haystack, needle), haystack.contains(needle));
            if !needle.is_empty() {
                assert_eq!(
                    replace(haystack, needle, "<>"),
                    haystack.replace(needle, "<>")
                );
            }
        }
    }
}
