//! serde's wording of reading errors (`invalid type: string "abc", expected i32`), for the
//! two readers that keep it: `object/typed.rs` (Kubernetes objects) and `json_read.rs`
//! (extsvc's own JSON inputs). Their tests check every message against serde's own.
//!
//! Why not serde's builders (`de::Error::invalid_type` with `de::Unexpected`): formatting an
//! `Unexpected` links Rust's float formatting (Grisu and Dragon4, with their tables), about
//! 10 KB of the gzipped wasm for the one float a message may show (issue 7). Floats are
//! written from the shortest digits `yaml/float.rs` finds with Żmij, which serde_json
//! already links.

use std::fmt::Display;

/// `invalid type: {unexpected}, expected {expected}`.
pub(crate) fn invalid_type(unexpected: &str, expected: &str) -> String {
    format!("invalid type: {unexpected}, expected {expected}")
}

/// `invalid value: {unexpected}, expected {expected}`.
pub(crate) fn invalid_value(unexpected: &str, expected: &str) -> String {
    format!("invalid value: {unexpected}, expected {expected}")
}

/// `unknown field `x`, expected one of `a`, `b`, `c``.
pub(crate) fn unknown_field(field: &str, expected: &[&str]) -> String {
    match expected {
        [] => format!("unknown field `{field}`, there are no fields"),
        _ => format!("unknown field `{field}`, expected {}", one_of(expected)),
    }
}

/// `unknown variant `x`, expected one of `a`, `b`, `c``.
pub(crate) fn unknown_variant(variant: &str, expected: &[&str]) -> String {
    match expected {
        [] => format!("unknown variant `{variant}`, there are no variants"),
        _ => format!("unknown variant `{variant}`, expected {}", one_of(expected)),
    }
}

/// `missing field `x``.
pub(crate) fn missing_field(field: &str) -> String {
    format!("missing field `{field}`")
}

/// `` `a` ``, `` `a` or `b` ``, `` one of `a`, `b`, `c` ``.
fn one_of(names: &[&str]) -> String {
    match names {
        [one] => format!("`{one}`"),
        [a, b] => format!("`{a}` or `{b}`"),
        _ => {
            let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            format!("one of {}", quoted.join(", "))
        }
    }
}

// What was found, as serde's `Unexpected` names it.

/// `boolean `true``.
pub(crate) fn boolean(b: bool) -> String {
    format!("boolean `{b}`")
}

/// `integer `5``.
pub(crate) fn integer(i: impl Display) -> String {
    format!("integer `{i}`")
}

/// `floating point `1.5``, as serde writes it: as Rust's `{}` writes `f`, with `.0` added
/// to a whole number (the object reader's wording, from serde's own `Unexpected`).
pub(crate) fn float(f: f64) -> String {
    let mut text = crate::yaml::display_float(f);
    if f.is_finite() && !text.contains('.') {
        text.push_str(".0");
    }
    format!("floating point `{text}`")
}

/// `floating point `1e16``, as serde_json writes it (Żmij's shortest form; the wording of
/// `json_read.rs`, whose messages were serde_json's).
pub(crate) fn json_float(f: f64) -> String {
    format!("floating point `{}`", zmij::Buffer::new().format(f))
}

/// `string "abc"`.
pub(crate) fn string(s: &str) -> String {
    format!("string {}", crate::validate::msg::quote(s))
}

/// `NaN cannot be represented in JSON`, for a float JSON has no form of.
pub(crate) fn not_json(f: f64) -> String {
    format!(
        "{} cannot be represented in JSON",
        crate::yaml::display_float(f)
    )
}
