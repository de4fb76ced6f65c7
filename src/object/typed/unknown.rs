//! Members an API type does not have (`spec.ports[0].targetport`), met while decoding.
//!
//! Go's decoder drops them; in strict mode, kubectl's default (`--validate=strict`), the API
//! server refuses the object with `strict decoding error: unknown field "<path>"`
//! (sigs.k8s.io/json `UnmarshalStrict` with `DisallowUnknownFields`; names are
//! case-sensitive). The readers of `typed.rs` travel as plain `fn` pointers and return only
//! errors, so the members are collected here, per thread. A reader's `_` arm adds the key;
//! the loops around the readers then give it its span and complete its path outwards,
//! innermost step first, as `DeError::within` does for errors.

use std::cell::Cell;

use crate::field_path::JsonStep;
use crate::yaml::Entry;

use super::super::UnknownField;

thread_local! {
    static FOUND: Cell<Vec<UnknownField>> = const { Cell::new(Vec::new()) };
}

/// Runs `f` on the members met so far (one `dyn` closure type: one copy of the access).
fn with_found(f: &mut dyn FnMut(&mut Vec<UnknownField>)) {
    FOUND.with(|cell| {
        let mut found = cell.take();
        f(&mut found);
        cell.set(found);
    });
}

/// How many have been met so far (read around every member: no `dyn` call).
pub(super) fn count() -> usize {
    FOUND.with(|cell| {
        let found = cell.take();
        let n = found.len();
        cell.set(found);
        n
    })
}

/// The member `key` of the object being read is not a field of its type.
pub(super) fn add(key: &str) {
    with_found(&mut |found| {
        found.push(UnknownField {
            steps: vec![JsonStep::Key(key.to_string())],
            key_span: None,
        });
    });
}

/// Those met since `since` were met reading `member`'s value, or are `member` itself.
pub(super) fn within_member(since: usize, member: &Entry) {
    with_found(&mut |found| {
        for field in &mut found[since..] {
            match field.key_span {
                None => field.key_span = Some(member.key_span),
                Some(_) => field.steps.push(JsonStep::Key(member.key.clone())),
            }
        }
    });
}

/// Those met since `since` lie within the list item `index`.
pub(super) fn within_item(since: usize, index: usize) {
    with_found(&mut |found| {
        for field in &mut found[since..] {
            field.steps.push(JsonStep::Index(index));
        }
    });
}

/// The unknown members met since the last call, in document order (`decode` calls it
/// before and after each object).
pub(crate) fn take() -> Vec<UnknownField> {
    FOUND.with(Cell::take)
}
