//! YAML-TYPE: a plain scalar that YAML 1.1 reads as a boolean or a number (`yes`, `on`,
//! `0777`, `1.10`) in a field that holds a string. Kubernetes refuses the whole object,
//! so quoting the scalar exactly as written changes no working behaviour and keeps the
//! characters the author typed: a safe fix. Values in fields of other types are left
//! alone (there, the intended value is not evident).

use crate::yaml::Value;

use super::edit::{source, tight, Change, Edit};
use super::fix::Fix;
use super::scan::{path_to, Invalid};

/// The quoting fix for one undecodable object, if its error is of that kind.
pub(crate) fn quote_fix(text: &str, inv: &Invalid) -> Option<Fix> {
    let err = &inv.error;
    // serde's wording for a scalar in a `String` field: "invalid type: boolean `true`,
    // expected a string".
    if err.code != "YAML-TYPE" || !err.message.ends_with("expected a string") {
        return None;
    }
    let (rel, node) = path_to(&inv.node, err.span)?;
    if !matches!(node.value, Value::Bool(_) | Value::Int(_) | Value::Float(_)) {
        return None;
    }
    let src = source(text, node)?;
    let plain = src
        .chars()
        .next()
        .is_some_and(|c| !"\"'|>*&!{[".contains(c));
    if !plain || src.contains(['\n', '\r', '#']) || src.trim() != src {
        return None;
    }
    let quoted = crate::yaml::double_quoted(src);
    let mut path = inv.prefix.clone();
    path.extend(rel);
    Some(Fix {
        code: "YAML-TYPE",
        path: err.path.clone(),
        description: format!(
            "quoted {src} as {quoted}: YAML 1.1 reads it as a {}, and the field holds a string",
            match node.value {
                Value::Bool(_) => "boolean",
                _ => "number",
            }
        ),
        safe: true,
        doc: inv.doc,
        span: tight(text, node),
        edits: vec![Edit {
            start: node.span.start.offset,
            end: node.span.start.offset + src.len(),
            text: quoted,
        }],
        changes: vec![Change::Set(path, serde_json::Value::from(src))],
    })
}
