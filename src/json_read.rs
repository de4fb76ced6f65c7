//! Reading extsvc's own JSON inputs (the generator's spec, the config file, and the options
//! and arguments the npm package passes) field by field, with the path of the first error
//! (`ports[0].port`) and serde_json's wording, so messages read as they did when serde's
//! derived impls read them (`unknown field `nmae`, expected one of `name`, ...`).
//!
//! Why not serde: a generic deserializer instantiated for every input type, with each
//! type's derived visitor, was about 40 KB of the uncompressed wasm (issue 7). The derives
//! stay on the public types for Rust users; `tests` checks this reader against them.
//! Messages are built by `wording.rs`.

use std::collections::BTreeMap;
use std::fmt;

use serde_json::Value;

use crate::wording;

use crate::field_path::JsonStep;

/// A reading error and where it happened: outermost segment first once [`from_value`]
/// returns it (empty: at the root, or at the object an unknown field is in).
#[derive(Debug)]
pub(crate) struct PathError {
    pub(crate) path: Vec<JsonStep>,
    pub(crate) message: String,
}

impl PathError {
    pub(crate) fn new(message: String) -> Self {
        PathError {
            path: Vec::new(),
            message,
        }
    }

    fn within(mut self, segment: JsonStep) -> Self {
        self.path.push(segment);
        self
    }
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PathError {}

pub(crate) type Read<T> = Result<T, PathError>;

/// A type read from JSON.
pub(crate) trait FromJson: Sized {
    /// Reads `value` (errors keep their path innermost first; see [`from_value`]).
    fn from_json(value: &Value) -> Read<Self>;
}

/// Reads `value` as a `T`.
pub(crate) fn from_value<T: FromJson>(value: &Value) -> Read<T> {
    T::from_json(value).map_err(|mut e| {
        e.path.reverse();
        e
    })
}

/// The members of an object whose field names are `known` (`what`: the type, for errors):
/// `each` sees them in the object's order; any other name is serde's `unknown field` error.
pub(crate) fn fields(
    value: &Value,
    what: &str,
    known: &'static [&'static str],
    each: &mut dyn FnMut(&str, &Value) -> Read<()>,
) -> Read<()> {
    let Value::Object(map) = value else {
        return Err(mismatch(value, what));
    };
    for (key, member) in map {
        if !known.contains(&key.as_str()) {
            return Err(PathError::new(wording::unknown_field(key, known)));
        }
        each(key, member).map_err(|e| e.within(JsonStep::Key(key.clone())))?;
    }
    Ok(())
}

/// An optional field: `null` is `None`.
pub(crate) fn opt<T: FromJson>(value: &Value) -> Read<Option<T>> {
    match value {
        Value::Null => Ok(None),
        _ => T::from_json(value).map(Some),
    }
}

/// One of `variants` (a unit enum's names).
pub(crate) fn variant(value: &Value, variants: &'static [&'static str]) -> Read<usize> {
    let Value::String(s) = value else {
        return Err(mismatch(value, "string or map"));
    };
    variants
        .iter()
        .position(|v| v == s)
        .ok_or_else(|| PathError::new(wording::unknown_variant(s, variants)))
}

/// serde_json's `invalid type` error for `value` where `expected` was wanted.
fn mismatch(value: &Value, expected: &str) -> PathError {
    let unexpected = match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => wording::boolean(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => wording::integer(u),
            (_, Some(i), _) => wording::integer(i),
            (_, _, f) => wording::json_float(f.unwrap_or(f64::NAN)),
        },
        Value::String(s) => wording::string(s),
        Value::Array(_) => "sequence".to_string(),
        Value::Object(_) => "map".to_string(),
    };
    PathError::new(wording::invalid_type(&unexpected, expected))
}

impl FromJson for String {
    fn from_json(value: &Value) -> Read<Self> {
        match value {
            Value::String(s) => Ok(s.clone()),
            _ => Err(mismatch(value, "a string")),
        }
    }
}

impl FromJson for bool {
    fn from_json(value: &Value) -> Read<Self> {
        match value {
            Value::Bool(b) => Ok(*b),
            _ => Err(mismatch(value, "a boolean")),
        }
    }
}

impl FromJson for i64 {
    fn from_json(value: &Value) -> Read<Self> {
        match value {
            Value::Number(n) => match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => Ok(i),
                (None, Some(u)) => Err(PathError::new(wording::invalid_value(
                    &wording::integer(u),
                    "i64",
                ))),
                _ => Err(mismatch(value, "i64")),
            },
            _ => Err(mismatch(value, "i64")),
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Value) -> Read<Self> {
        let Value::Array(items) = value else {
            return Err(mismatch(value, "a sequence"));
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            out.push(T::from_json(item).map_err(|e| e.within(JsonStep::Index(i)))?);
        }
        Ok(out)
    }
}

impl FromJson for BTreeMap<String, String> {
    fn from_json(value: &Value) -> Read<Self> {
        let Value::Object(map) = value else {
            return Err(mismatch(value, "a map"));
        };
        let mut out = BTreeMap::new();
        for (key, member) in map {
            let s = String::from_json(member).map_err(|e| e.within(JsonStep::Key(key.clone())))?;
            out.insert(key.clone(), s);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests;
