//! The only code that knows the YAML crate (saphyr-parser).
//!
//! * [`documents`] splits a stream the way Kubernetes' own `YAMLReader` does (on `---`
//!   separator lines) and reads each document into a [`Node`] tree that keeps a source
//!   [`Span`] for every node, with YAML 1.1 scalar semantics as go-yaml v2 resolves them
//!   (what `kubectl` and the API server use): `yes/no/on/off/y/n` are booleans, `0x1F` and
//!   `0777` are integers, `~` is null. Merge keys (`<<`) are honoured.
//! * [`emit`] writes deterministic, kubectl-style YAML that re-reads to the same values.
//!
//! Hostile input is cut short by [`Limits`] and reported as [`YamlError`]s, never a panic.

mod byte_search;
mod emit;
mod fast;
mod float;
mod lines;
mod parse;
mod scalar;

pub(crate) use emit::double_quoted;
pub use emit::{emit_documents, emit_value, needs_quotes};
pub(crate) use float::display_float;
pub(crate) use parse::{count_lines, is_separator, too_large};
pub use parse::{documents, documents_from, documents_with, Documents, Readers, Start};
pub(crate) use scalar::json_integer;
pub use scalar::{resolve_plain, Scalar};

use crate::diagnostic::Location;
use crate::field_path::{FieldPath, Segment};

/// A position in the source: 1-based line, 1-based column in UTF-16 code units, and the
/// byte offset in the input (what text edits need).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, UTF-16 code units.
    pub column: u32,
    /// 0-based byte offset in the input (after a leading byte-order mark, if any).
    pub offset: usize,
}

/// A source range (`end` exclusive).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    /// First character.
    pub start: Pos,
    /// Just after the last character.
    pub end: Pos,
}

impl Span {
    /// As a diagnostic [`Location`].
    pub fn location(&self) -> Location {
        Location {
            line: self.start.line,
            column: self.start.column,
            end_line: self.end.line,
            end_column: self.end.column,
        }
    }
}

/// A value in a YAML document, after YAML 1.1 scalar resolution.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `~`, `null`, empty.
    Null,
    /// `true`, `yes`, `on`, ...
    Bool(bool),
    /// An integer that fits in i64.
    Int(i64),
    /// Any other number (including integers beyond i64).
    Float(f64),
    /// A string.
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping in source order; keys are unique (duplicates are reported and dropped).
    Map(Vec<Entry>),
}

/// One `key: value` pair of a mapping.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The key, as a string (Kubernetes' YAML-to-JSON conversion stringifies keys).
    pub key: String,
    /// Where the key is.
    pub key_span: Span,
    /// The value.
    pub value: Node,
}

/// A value with its source range.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Where it is.
    pub span: Span,
}

impl Node {
    /// The value of `key` if this is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    /// The entry of `key` if this is a mapping that has it.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|e| e.key == key),
            _ => None,
        }
    }

    /// The string value, if this is a string scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The source range of the deepest node along `path` (the whole path if it exists,
    /// otherwise the nearest existing ancestor, so a missing field points at its parent).
    pub fn locate(&self, path: &FieldPath) -> Span {
        self.locate_segments(path.segments())
    }

    /// [`Self::locate`] for a path given as its segments.
    pub fn locate_segments(&self, segments: &[Segment]) -> Span {
        let mut node = self;
        for segment in segments {
            let next = match (segment, &node.value) {
                (Segment::Field(name), Value::Map(_)) => node.get(name),
                (Segment::Key(key) | Segment::EntryValue(key), Value::Map(_)) => node.get(key),
                (Segment::EntryKey(key), Value::Map(_)) => match node.entry(key) {
                    Some(entry) => return entry.key_span,
                    None => None,
                },
                (Segment::Index(i), Value::Seq(items)) => items.get(*i),
                _ => None,
            };
            match next {
                Some(n) => node = n,
                None => break,
            }
        }
        node.span
    }

    /// The JSON value Kubernetes would decode from this node (sigs.k8s.io/yaml converts
    /// YAML to JSON first). Errors name the first value JSON cannot hold (NaN, infinity).
    pub fn to_json(&self) -> Result<serde_json::Value, (Span, String)> {
        use serde_json::Value as J;
        Ok(match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            // Go's encoding/json writes an integral float64 without a fraction (`3306`),
            // which then decodes into an int32 field: `port: 3306.0` is accepted.
            Value::Float(f) => match (json_integer(*f), serde_json::Number::from_f64(*f)) {
                (Some(i), _) => J::from(i),
                (None, Some(n)) => J::Number(n),
                (None, None) => return Err((self.span, crate::wording::not_json(*f))),
            },
            Value::Str(s) => J::String(s.clone()),
            Value::Seq(items) => {
                J::Array(items.iter().map(Node::to_json).collect::<Result<_, _>>()?)
            }
            Value::Map(entries) => {
                let mut map = serde_json::Map::new();
                for e in entries {
                    map.insert(e.key.clone(), e.value.to_json()?);
                }
                J::Object(map)
            }
        })
    }
}

/// Bounds that keep hostile input cheap. Exceeding one is a [`YamlError`] with
/// [`YamlErrorKind::Limit`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Total input size in bytes.
    pub max_input_bytes: usize,
    /// Number of documents in one input.
    pub max_documents: usize,
    /// Nesting depth of collections within one document.
    pub max_depth: usize,
    /// Nodes one document may hold after alias expansion (billion-laughs guard).
    pub max_nodes: usize,
    /// Length of one scalar, in bytes.
    pub max_scalar_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 256 * 1024 * 1024,
            max_documents: 1_000_000,
            max_depth: 64,
            max_nodes: 1_000_000,
            max_scalar_bytes: 1024 * 1024,
        }
    }
}

/// What went wrong while reading YAML.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YamlErrorKind {
    /// Not well-formed YAML.
    Syntax,
    /// A key appears twice in one mapping.
    DuplicateKey,
    /// A [`Limits`] bound was exceeded.
    Limit,
    /// A construct Kubernetes cannot read (a non-scalar mapping key, NaN, an unknown anchor).
    Unsupported,
}

/// A problem found while reading one document.
#[derive(Clone, Debug, PartialEq)]
pub struct YamlError {
    /// Which kind of problem.
    pub kind: YamlErrorKind,
    /// One sentence.
    pub message: String,
    /// Where.
    pub span: Span,
}

/// One document of a stream.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// 0-based index of the document in its input.
    pub index: usize,
    /// Byte range of the document's text in the input (between separator lines; offsets
    /// count from after a leading byte-order mark).
    pub range: std::ops::Range<usize>,
    /// The root node; `None` for an empty or comment-only document.
    pub root: Option<Node>,
    /// Problems found. A document with a syntax or limit error has no root.
    pub errors: Vec<YamlError>,
}
