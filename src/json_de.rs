//! Test-only: decoding a `serde_json::Value` through a type's serde `Deserialize` impl,
//! with the path of the first error (`ports[0].port`). The oracle the object reader
//! (`object/typed.rs`) is checked against, with k8s-openapi's own impls. (It was the
//! decoder of the spec and config until `json_read.rs` replaced it, issue 7.)

use std::cell::RefCell;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};
use serde_json::{Error, Value};

use crate::field_path::JsonStep;

/// A decoding error and where it happened, outermost segment first (empty: at the root).
#[derive(Debug)]
pub(crate) struct PathError {
    pub(crate) path: Vec<JsonStep>,
    pub(crate) error: Error,
}

/// Decodes `value` as a `T`.
pub(crate) fn from_value<T: DeserializeOwned>(value: &Value) -> Result<T, PathError> {
    let path = RefCell::new(Vec::new());
    T::deserialize(ValueDe { value, path: &path }).map_err(|error| {
        let mut path = path.into_inner();
        path.reverse();
        PathError { path, error }
    })
}

/// Deserializes one value; an error leaving a member or element adds that step to `path`
/// (innermost first, as it bubbles up).
#[derive(Clone, Copy)]
struct ValueDe<'a> {
    value: &'a Value,
    path: &'a RefCell<Vec<JsonStep>>,
}

impl<'de> de::Deserializer<'de> for ValueDe<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    visitor.visit_u64(u)
                } else if let Some(i) = n.as_i64() {
                    visitor.visit_i64(i)
                } else {
                    visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => self.array(items, visitor),
            Value::Object(map) => self.object(map, visitor),
        }
    }

    // Collections go straight to the `visit_*` their visitors implement, as serde_json's
    // own `Value` deserializer does; through `deserialize_any`, every visitor type would
    // compile all its `visit_*` paths.
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Array(items) => self.array(items, visitor),
            other => Err(de::Error::invalid_type(unexpected(other), &visitor)),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Object(map) => self.object(map, visitor),
            other => Err(de::Error::invalid_type(unexpected(other), &visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.value {
            Value::Array(items) => self.array(items, visitor),
            Value::Object(map) => self.object(map, visitor),
            other => Err(de::Error::invalid_type(unexpected(other), &visitor)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        // As serde_json: a unit variant is a string (the only kind extsvc's types have).
        match self.value {
            Value::String(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            other => Err(de::Error::invalid_type(unexpected(other), &"string or map")),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct tuple tuple_struct identifier
    }
}

impl<'de> ValueDe<'de> {
    fn array<V: Visitor<'de>>(self, items: &'de [Value], visitor: V) -> Result<V::Value, Error> {
        let mut seq = Items {
            items: items.iter(),
            index: 0,
            path: self.path,
        };
        let out = visitor.visit_seq(&mut seq)?;
        match seq.items.len() {
            0 => Ok(out),
            _ => Err(de::Error::invalid_length(
                items.len(),
                &"fewer elements in array",
            )),
        }
    }

    fn object<V: Visitor<'de>>(
        self,
        map: &'de serde_json::Map<String, Value>,
        visitor: V,
    ) -> Result<V::Value, Error> {
        let mut entries = Entries {
            entries: map.iter(),
            value: None,
            path: self.path,
        };
        let out = visitor.visit_map(&mut entries)?;
        match entries.entries.len() {
            0 => Ok(out),
            _ => Err(de::Error::invalid_length(
                map.len(),
                &"fewer elements in map",
            )),
        }
    }
}

fn unexpected(value: &Value) -> de::Unexpected<'_> {
    match value {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(b) => de::Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => de::Unexpected::Unsigned(u),
            (_, Some(i)) => de::Unexpected::Signed(i),
            _ => de::Unexpected::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => de::Unexpected::Str(s),
        Value::Array(_) => de::Unexpected::Seq,
        Value::Object(_) => de::Unexpected::Map,
    }
}

struct Items<'a> {
    items: std::slice::Iter<'a, Value>,
    index: usize,
    path: &'a RefCell<Vec<JsonStep>>,
}

impl<'de> de::SeqAccess<'de> for Items<'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some(value) = self.items.next() else {
            return Ok(None);
        };
        let index = self.index;
        self.index += 1;
        let de = ValueDe {
            value,
            path: self.path,
        };
        seed.deserialize(de).map(Some).inspect_err(|_| {
            self.path.borrow_mut().push(JsonStep::Index(index));
        })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Entries<'a> {
    entries: serde_json::map::Iter<'a>,
    value: Option<(&'a String, &'a Value)>,
    path: &'a RefCell<Vec<JsonStep>>,
}

impl<'de> de::MapAccess<'de> for Entries<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some(entry) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(entry);
        let key = de::value::BorrowedStrDeserializer::<Error>::new(entry.0);
        seed.deserialize(key).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some((key, value)) = self.value.take() else {
            return Err(de::Error::custom("value is missing"));
        };
        let de = ValueDe {
            value,
            path: self.path,
        };
        seed.deserialize(de).inspect_err(|_| {
            self.path.borrow_mut().push(JsonStep::Key(key.clone()));
        })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;
    use std::collections::BTreeMap;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields, rename_all = "camelCase")]
    struct Spec {
        name: String,
        #[serde(default)]
        ports: Vec<Port>,
        #[serde(default)]
        labels: BTreeMap<String, String>,
        kind: Option<Kind>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Port {
        port: u16,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    enum Kind {
        A,
        B,
    }

    /// The same value or the same message as serde_json, and the path of the error.
    #[test]
    fn reads_as_serde_json_and_knows_where() {
        let cases = [
            (
                json!({"name": "a", "ports": [{"port": 1}], "labels": {"x": "y"}, "kind": "B"}),
                vec![],
            ),
            (json!({"name": 1}), vec![JsonStep::Key("name".into())]),
            (
                json!({"name": "a", "ports": [{"port": 1}, {"port": 70000}]}),
                vec![
                    JsonStep::Key("ports".into()),
                    JsonStep::Index(1),
                    JsonStep::Key("port".into()),
                ],
            ),
            (
                json!({"name": "a", "ports": [{"port": -1.5}]}),
                vec![
                    JsonStep::Key("ports".into()),
                    JsonStep::Index(0),
                    JsonStep::Key("port".into()),
                ],
            ),
            (json!({"name": "a", "nmae": 1}), vec![]),
            (json!({"ports": []}), vec![]),
            (
                json!({"name": "a", "kind": "C"}),
                vec![JsonStep::Key("kind".into())],
            ),
            (
                json!({"name": "a", "kind": 5}),
                vec![JsonStep::Key("kind".into())],
            ),
            (
                json!({"name": "a", "labels": {"x": null}}),
                vec![JsonStep::Key("labels".into()), JsonStep::Key("x".into())],
            ),
            (json!({"name": null}), vec![JsonStep::Key("name".into())]),
            (json!([1]), vec![JsonStep::Index(0)]),
        ];
        for (value, path) in cases {
            let ours = from_value::<Spec>(&value);
            let theirs = serde_json::from_value::<Spec>(value.clone());
            match (ours, theirs) {
                (Ok(a), Ok(b)) => assert_eq!(a, b, "{value}"),
                (Err(a), Err(b)) => {
                    assert_eq!(a.error.to_string(), b.to_string(), "{value}");
                    assert_eq!(a.path, path, "{value}");
                }
                (a, b) => panic!("{value}: {a:?} / {b:?}"),
            }
        }
    }
}
