//! Members an API type does not have (`spec.ports[0].targetport`), met while decoding.
//!
//! Go's decoder drops them; in strict mode, kubectl's default (`--validate=strict`), the API
//! server refuses the object with `strict decoding error: unknown field "<path>"`
//! (sigs.k8s.io/json `UnmarshalStrict` with `DisallowUnknownFields`; names are
//! case-sensitive). The readers of `typed.rs` travel as plain `fn` pointers and return only
//! errors, so the members are collected here, per thread. A reader's `_` arm adds the key
//! with the value's node; once an object's or a list's loop is done, it finds the member
//! each new one was met under (by the node's address: exact through aliases and merge
//! keys, which copy nodes) and completes its path outwards, innermost step first, as
//! `DeError::within` does for errors. Checking once per object and list, not per member,
//! keeps this off the CLI's hot path.

use std::cell::Cell;

use crate::field_path::JsonStep;
use crate::yaml::{Entry, Node};

use super::super::UnknownField;

thread_local! {
    static FOUND: Cell<Vec<UnknownField>> = const { Cell::new(Vec::new()) };
    /// `FOUND`'s length, read around every member: a plain load, where reading the list
    /// itself moves it out of its cell and back (4 % of the CLI's time on 10,000 documents).
    static COUNT: Cell<usize> = const { Cell::new(0) };
}

/// Runs `f` on the members met so far (one `dyn` closure type: one copy of the access).
fn with_found(f: &mut dyn FnMut(&mut Vec<UnknownField>)) {
    FOUND.with(|cell| {
        let mut found = cell.take();
        f(&mut found);
        cell.set(found);
    });
}

/// How many have been met so far.
pub(super) fn count() -> usize {
    COUNT.with(Cell::get)
}

/// The member `key` (its value `value`) of the object being read is not one of its type's
/// `fields`.
pub(super) fn add(key: &str, value: &Node, fields: &'static [&'static str]) {
    debug_assert!(!fields.contains(&key), "{key} is listed but not read");
    let suggestion = suggest(key, fields);
    with_found(&mut |found| {
        found.push(UnknownField {
            steps: vec![JsonStep::Key(key.to_string())],
            key_span: None,
            suggestion,
            under: address(value),
        });
        COUNT.with(|count| count.set(found.len()));
    });
}

/// A node's identity while decoding: its address.
fn address(node: &Node) -> usize {
    std::ptr::from_ref(node) as usize
}

/// The field `key` was most likely meant as: the one that differs only in case
/// (`targetport`), else the only one within two edits of it, ignoring case (`protocl`).
pub(crate) fn suggest(key: &str, fields: &'static [&'static str]) -> Option<&'static str> {
    // A key read as a boolean, null or number (`on:` is `true`) was not a name misspelled.
    let scalar = matches!(key, "true" | "false" | "null")
        || key
            .bytes()
            .all(|b| b.is_ascii_digit() || b"+-.eE_".contains(&b));
    if scalar {
        return None;
    }
    if let Some(same) = fields.iter().find(|f| f.eq_ignore_ascii_case(key)) {
        return Some(same);
    }
    let mut near = fields.iter().filter(|f| edits_within_two(key, f));
    match (near.next(), near.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

/// Whether at most two single-character insertions, deletions, substitutions or swaps of
/// neighbours turn `a` into `b`, ASCII case ignored (optimal string alignment distance).
/// Field names are short: longer keys are never near one.
fn edits_within_two(a: &str, b: &str) -> bool {
    const MAX: usize = 64;
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > 2 || a.len() > MAX || b.len() > MAX {
        return false;
    }
    let same = |i: usize, j: usize| a[i].eq_ignore_ascii_case(&b[j]);
    // Three rows of the distance table, used in turn: row i + 1 is `rows[(i + 1) % 3]`.
    let mut rows = [[0usize; MAX + 1]; 3];
    for (j, d) in rows[0].iter_mut().enumerate() {
        *d = j;
    }
    for i in 0..a.len() {
        let (two_back, back, row) = ((i + 2) % 3, i % 3, (i + 1) % 3);
        rows[row][0] = i + 1;
        for j in 0..b.len() {
            let mut d = (rows[back][j] + usize::from(!same(i, j)))
                .min(rows[back][j + 1] + 1)
                .min(rows[row][j] + 1);
            if i > 0 && j > 0 && same(i, j - 1) && same(i - 1, j) {
                d = d.min(rows[two_back][j - 1] + 1);
            }
            rows[row][j + 1] = d;
        }
    }
    rows[a.len() % 3][b.len()] <= 2
}

/// Those met since `since` were met reading `object`'s members `entries` (in their order):
/// each is one of them, or lies below one.
pub(super) fn within_object(since: usize, object: &Node, entries: &[Entry]) {
    with_found(&mut |found| {
        let mut members = entries.iter();
        let mut member = members.next();
        for field in &mut found[since..] {
            while member.is_some_and(|e| address(&e.value) != field.under) {
                member = members.next();
            }
            let Some(e) = member else { return };
            match field.key_span {
                None => field.key_span = Some(e.key_span),
                Some(_) => field.steps.push(JsonStep::Key(e.key.clone())),
            }
            field.under = address(object);
        }
    });
}

/// Those met since `since` lie below the items of `list` (in their order).
pub(super) fn within_list(since: usize, list: &Node, items: &[Node]) {
    with_found(&mut |found| {
        let mut i = 0;
        for field in &mut found[since..] {
            while items
                .get(i)
                .is_some_and(|item| address(item) != field.under)
            {
                i += 1;
            }
            if i == items.len() {
                return;
            }
            field.steps.push(JsonStep::Index(i));
            field.under = address(list);
        }
    });
}

/// The unknown members met since the last call, in document order (`decode` calls it
/// before and after each object).
pub(crate) fn take() -> Vec<UnknownField> {
    COUNT.with(|count| count.set(0));
    FOUND.with(Cell::take)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PORT: &[&str] = super::super::SERVICE_PORT_FIELDS;

    #[test]
    fn suggests_the_field_that_differs_in_case_or_by_two_edits_at_most() {
        assert_eq!(suggest("targetport", PORT), Some("targetPort"));
        assert_eq!(suggest("TARGETPORT", PORT), Some("targetPort"));
        assert_eq!(suggest("protocl", PORT), Some("protocol"));
        assert_eq!(
            suggest("protcool", PORT),
            Some("protocol"),
            "a swap is one edit"
        );
        assert_eq!(suggest("targetProt", PORT), Some("targetPort"));
        assert_eq!(suggest("nodeport", PORT), Some("nodePort"));
        // `prt` is one edit from `port` and more than two from everything else.
        assert_eq!(suggest("prt", PORT), Some("port"));
        // Keys YAML read as other scalars (`on:` is `true`, two edits from `type`).
        assert_eq!(suggest("true", &["type"]), None);
        assert_eq!(suggest("8080", &["port"]), None);
        // Two candidates within two edits: no guess.
        assert_eq!(suggest("nam", &["name", "nat"]), None);
        assert_eq!(suggest("address", PORT), None);
        assert_eq!(suggest("", PORT), None);
    }

    #[test]
    fn the_distance_counts_edits_as_optimal_string_alignment_does() {
        assert!(edits_within_two("ab", "ba"));
        assert!(edits_within_two("abcd", "badc"));
        assert!(edits_within_two("abc", "cba"), "two substitutions");
        assert!(!edits_within_two("abcd", "dcba"));
        assert!(!edits_within_two("kitten", "sitting"));
        assert!(edits_within_two("kitten", "sittin"));
        assert!(!edits_within_two(&"a".repeat(65), &"a".repeat(65)));
    }
}
