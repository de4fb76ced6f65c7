//! A serde `Deserializer` over a spanned YAML [`Node`], with the semantics of Go's
//! `encoding/json` as the API server applies them after sigs.k8s.io/yaml's YAML→JSON step:
//! an integral float is an integer (`port: 3306.0` decodes into an int32), NaN and
//! infinities have no JSON form, unknown fields are ignored.
//!
//! Reading typed objects straight from the tree (instead of through `serde_json::Value`)
//! saves a copy of every document, and every error knows its node's span and field path.

use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use crate::yaml::{json_integer, Entry, Node, Span, Value};

/// A decoding error with the span of the node it concerns and its JSON path. Boxed: every
/// value decoded travels in a `Result<_, DeError>`, so the error is kept one pointer wide.
#[derive(Debug)]
pub(crate) struct DeError(Box<Details>);

#[derive(Debug)]
struct Details {
    message: String,
    span: Option<Span>,
    /// Innermost segment last once the error has bubbled up.
    path: Vec<Segment>,
}

#[derive(Debug)]
enum Segment {
    Key(String),
    Index(usize),
}

impl DeError {
    /// The JSON path as serde_path_to_error and the API server's decoder print it:
    /// `spec.ports[0].port`.
    pub(crate) fn path(&self) -> String {
        let mut out = String::new();
        for segment in self.0.path.iter().rev() {
            match segment {
                Segment::Key(k) if out.is_empty() => out.push_str(k),
                Segment::Key(k) => {
                    out.push('.');
                    out.push_str(k);
                }
                Segment::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }

    /// What went wrong.
    pub(crate) fn message(&self) -> &str {
        &self.0.message
    }

    /// Where, when known.
    pub(crate) fn span(&self) -> Option<Span> {
        self.0.span
    }

    fn at(mut self, span: Span) -> Self {
        self.0.span.get_or_insert(span);
        self
    }

    fn within(mut self, segment: Segment) -> Self {
        self.0.path.push(segment);
        self
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError(Box::new(Details {
            message: msg.to_string(),
            span: None,
            path: Vec::new(),
        }))
    }
}

/// Deserializes a node.
pub(crate) struct NodeDe<'a>(pub(crate) &'a Node);

impl<'de> de::Deserializer<'de> for NodeDe<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let node = self.0;
        let result = match &node.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Int(i) => visitor.visit_i64(*i),
            // Go's encoder writes an integral float64 without a fraction.
            Value::Float(f) => match json_integer(*f) {
                Some(i) => visitor.visit_i64(i),
                None if f.is_finite() => visitor.visit_f64(*f),
                None => Err(not_json(*f)),
            },
            Value::Str(s) => visitor.visit_borrowed_str(s),
            Value::Seq(items) => visitor.visit_seq(Items {
                items: items.iter(),
                index: 0,
            }),
            Value::Map(entries) => visitor.visit_map(Entries {
                entries: entries.iter(),
                value: None,
            }),
        };
        result.map_err(|e| e.at(node.span))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let span = self.0.span;
        visitor.visit_newtype_struct(self).map_err(|e| e.at(span))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        // A struct is a JSON object. serde's derived visitors would also take an array
        // (field by field); Go's decoder and k8s-openapi's visitors do not.
        self.deserialize_map(visitor)
    }

    // Collections go straight to the one `visit_*` their visitors implement; anything else
    // is the error the others would give. Through `deserialize_any`, every visitor type
    // would compile all seven `visit_*` paths (issue 7: about a third of this module's WASM).
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let node = self.0;
        match &node.value {
            Value::Map(entries) => visitor
                .visit_map(Entries {
                    entries: entries.iter(),
                    value: None,
                })
                .map_err(|e| e.at(node.span)),
            _ => Err(mismatch(node, &visitor)),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let node = self.0;
        match &node.value {
            Value::Seq(items) => visitor
                .visit_seq(Items {
                    items: items.iter(),
                    index: 0,
                })
                .map_err(|e| e.at(node.span)),
            _ => Err(mismatch(node, &visitor)),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        // Unknown fields are skipped without walking them.
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct tuple tuple_struct enum identifier
    }
}

/// The error serde's default `visit_*` methods give for `node` where `expected` was wanted.
fn mismatch(node: &Node, expected: &dyn de::Expected) -> DeError {
    let unexpected = match &node.value {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(b) => de::Unexpected::Bool(*b),
        Value::Int(i) => de::Unexpected::Signed(*i),
        Value::Float(f) => match json_integer(*f) {
            Some(i) => de::Unexpected::Signed(i),
            None if f.is_finite() => de::Unexpected::Float(*f),
            None => return not_json(*f).at(node.span),
        },
        Value::Str(s) => de::Unexpected::Str(s),
        Value::Seq(_) => de::Unexpected::Seq,
        Value::Map(_) => de::Unexpected::Map,
    };
    let err: DeError = de::Error::invalid_type(unexpected, expected);
    err.at(node.span)
}

/// NaN and infinities have no JSON form.
fn not_json(f: f64) -> DeError {
    de::Error::custom(format!("{f} cannot be represented in JSON"))
}

struct Items<'a> {
    items: std::slice::Iter<'a, Node>,
    index: usize,
}

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        let Some(node) = self.items.next() else {
            return Ok(None);
        };
        let index = self.index;
        self.index += 1;
        seed.deserialize(NodeDe(node))
            .map(Some)
            .map_err(|e| e.within(Segment::Index(index)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Entries<'a> {
    entries: std::slice::Iter<'a, Entry>,
    value: Option<&'a Entry>,
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some(entry) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(entry);
        let key = de::value::BorrowedStrDeserializer::<DeError>::new(entry.key.as_str());
        seed.deserialize(key)
            .map(Some)
            .map_err(|e| e.at(entry.key_span))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let Some(entry) = self.value.take() else {
            return Err(de::Error::custom("value requested before key"));
        };
        seed.deserialize(NodeDe(&entry.value))
            .map_err(|e| e.within(Segment::Key(entry.key.clone())))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}
