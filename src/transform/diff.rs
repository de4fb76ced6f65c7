//! A unified diff (`diff -u` / `git diff` format, 3 lines of context) of two texts.
//!
//! Written here rather than taken from a crate: the transforms change a few lines, so a
//! common prefix/suffix trim plus Myers' O(ND) algorithm on the middle is all it takes,
//! and the whole thing stays small in the WebAssembly build. When the middle differs in
//! more than [`MAX_D`] lines, it is shown as one replaced block (still a correct diff).

use std::fmt::Write as _;

/// Context lines around each change.
const CONTEXT: usize = 3;
/// Edit distance beyond which the middle is not diffed line by line.
const MAX_D: usize = 2000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Keep,
    Del,
    Ins,
}

/// The unified diff from `old` to `new`, with headers `--- a/<name>` and `+++ b/<name>`;
/// empty when the texts are equal.
pub fn unified_diff(name: &str, old: &str, new: &str) -> String {
    unified_diff_within(name, old, new, usize::MAX).unwrap_or_default()
}

/// [`unified_diff`], or `None` when `old` and `new` have more than `max_lines` lines
/// together: the line tables of a diff of 256 MiB of one-byte lines on each side took more
/// than wasm32's 4 GB.
pub(crate) fn unified_diff_within(
    name: &str,
    old: &str,
    new: &str,
    max_lines: usize,
) -> Option<String> {
    if old == new {
        return Some(String::new());
    }
    let lines = |text: &str| text.bytes().filter(|&b| b == b'\n').count() + 1;
    if lines(old) + lines(new) > max_lines {
        return None;
    }
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    // One byte an operation: inputs of millions of short lines stay far from wasm32's 4 GB.
    let ops = diff_lines(&a, &b);
    let mut out = format!("--- a/{name}\n+++ b/{name}\n");
    // Walk the script, grouping changes whose context windows touch into hunks; (ai, bi) are
    // the lines of `a` and `b` that ops[i] is at.
    let (mut i, mut ai, mut bi) = (0, 0, 0);
    while i < ops.len() {
        if ops[i] == Op::Keep {
            (i, ai, bi) = (i + 1, ai + 1, bi + 1);
            continue;
        }
        // The context before a change is unchanged lines that no earlier hunk showed.
        let start = i.saturating_sub(CONTEXT);
        let back = i - start;
        let mut end = i;
        let mut last_change = i;
        while end < ops.len() {
            if ops[end] != Op::Keep {
                last_change = end;
            } else if end - last_change > 2 * CONTEXT {
                break;
            }
            end += 1;
        }
        let end = (last_change + CONTEXT + 1).min(ops.len());
        let (next_a, next_b) = hunk(&mut out, &ops[start..end], (ai - back, bi - back), &a, &b);
        (i, ai, bi) = (end, next_a, next_b);
    }
    Some(out)
}

/// Writes the hunk of `ops`, whose first is at lines `at` of `a` and `b`; returns the lines
/// after it.
fn hunk(
    out: &mut String,
    ops: &[Op],
    at: (usize, usize),
    a: &[&str],
    b: &[&str],
) -> (usize, usize) {
    let (a0, b0) = at;
    let old_len = ops.iter().filter(|op| **op != Op::Ins).count();
    let new_len = ops.iter().filter(|op| **op != Op::Del).count();
    // `diff -u` prints the line before an empty range as its start.
    let old_start = if old_len == 0 { a0 } else { a0 + 1 };
    let new_start = if new_len == 0 { b0 } else { b0 + 1 };
    let _ = writeln!(
        out,
        "@@ -{} +{} @@",
        range(old_start, old_len),
        range(new_start, new_len)
    );
    let (mut ai, mut bi) = at;
    for &op in ops {
        let (mark, line) = match op {
            Op::Keep => (' ', a.get(ai)),
            Op::Del => ('-', a.get(ai)),
            Op::Ins => ('+', b.get(bi)),
        };
        (ai, bi) = advance(op, ai, bi);
        let line = line.copied().unwrap_or_default();
        out.push(mark);
        out.push_str(line);
        if !line.ends_with('\n') {
            out.push_str("\n\\ No newline at end of file\n");
        }
    }
    (ai, bi)
}

/// The lines of `a` and `b` after `op` at `ai`, `bi`.
fn advance(op: Op, ai: usize, bi: usize) -> (usize, usize) {
    match op {
        Op::Keep => (ai + 1, bi + 1),
        Op::Del => (ai + 1, bi),
        Op::Ins => (ai, bi + 1),
    }
}

fn range(start: usize, len: usize) -> String {
    if len == 1 {
        start.to_string()
    } else {
        format!("{start},{len}")
    }
}

/// The edit script from `a` to `b`, one operation a line.
fn diff_lines(a: &[&str], b: &[&str]) -> Vec<Op> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (am, bm) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut ops = vec![Op::Keep; prefix];
    match myers(am, bm) {
        Some(middle) => ops.extend(middle),
        None => {
            ops.extend(std::iter::repeat_n(Op::Del, am.len()));
            ops.extend(std::iter::repeat_n(Op::Ins, bm.len()));
        }
    }
    ops.extend(std::iter::repeat_n(Op::Keep, suffix));
    ops
}

/// Myers' greedy shortest edit script; `None` beyond [`MAX_D`].
fn myers(a: &[&str], b: &[&str]) -> Option<Vec<Op>> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let max = (n + m) as usize;
    let limit = max.min(MAX_D);
    let offset = limit as isize + 1;
    let mut v = vec![0isize; 2 * limit + 3];
    let mut trace: Vec<Vec<isize>> = Vec::new();
    let at = |k: isize| (k + offset) as usize;
    let mut found = false;
    for d in 0..=limit as isize {
        trace.push(v.clone());
        let mut k = -d;
        while k <= d {
            let down = k == -d || (k != d && v[at(k - 1)] < v[at(k + 1)]);
            let mut x = if down { v[at(k + 1)] } else { v[at(k - 1)] + 1 };
            let mut y = x - k;
            while x < n && y < m && a.get(x as usize) == b.get(y as usize) {
                x += 1;
                y += 1;
            }
            v[at(k)] = x;
            if x >= n && y >= m {
                found = true;
                break;
            }
            k += 2;
        }
        if found {
            break;
        }
    }
    if !found {
        return None;
    }
    // Backtrack through the saved frontiers.
    let mut ops = Vec::new();
    let (mut x, mut y) = (n, m);
    for (d, v) in trace.iter().enumerate().rev() {
        let d = d as isize;
        let k = x - y;
        let down = k == -d || (k != d && v[at(k - 1)] < v[at(k + 1)]);
        let prev_k = if down { k + 1 } else { k - 1 };
        let prev_x = v[at(prev_k)];
        let prev_y = prev_x - prev_k;
        while x > prev_x && y > prev_y {
            ops.push(Op::Keep);
            x -= 1;
            y -= 1;
        }
        if d > 0 {
            ops.push(if down { Op::Ins } else { Op::Del });
        }
        x = prev_x;
        y = prev_y;
    }
    ops.reverse();
    Some(ops)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_limit_counts_both_texts() {
        // "a\nb\n" is 3 lines by this count (the empty one after the last break).
        assert_eq!(unified_diff_within("f", "a\nb\n", "a\nc\n", 5), None);
        assert_eq!(
            unified_diff_within("f", "a\nb\n", "a\nc\n", 6).as_deref(),
            Some("--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n")
        );
        // Equal texts need no table.
        assert_eq!(
            unified_diff_within("f", "a\n", "a\n", 0).as_deref(),
            Some("")
        );
    }

    #[test]
    fn equal_texts_give_no_diff() {
        assert_eq!(unified_diff("x", "a\n", "a\n"), "");
    }

    #[test]
    fn one_changed_line_with_context() {
        let old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        let new = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
        assert_eq!(
            unified_diff("f.yaml", old, new),
            "--- a/f.yaml\n+++ b/f.yaml\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"
        );
    }

    #[test]
    fn separate_hunks_and_insertions() {
        let old: String = (1..=20).map(|i| format!("{i}\n")).collect();
        let new: String = (1..=20)
            .filter(|i| *i != 19)
            .map(|i| {
                if i == 2 {
                    "2\nnew\n".to_string()
                } else {
                    format!("{i}\n")
                }
            })
            .collect();
        let d = unified_diff("f", &old, &new);
        assert_eq!(
            d,
            "--- a/f\n+++ b/f\n@@ -1,5 +1,6 @@\n 1\n 2\n+new\n 3\n 4\n 5\n@@ -16,5 +17,4 @@\n 16\n 17\n 18\n-19\n 20\n"
        );
    }

    #[test]
    fn missing_final_newline_and_empty_sides() {
        assert_eq!(
            unified_diff("f", "a", "b"),
            "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n"
        );
        assert_eq!(
            unified_diff("f", "", "a\n"),
            "--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+a\n"
        );
    }
}
