//! Field paths printed the way the API server prints them (`field.Path.String()`):
//! `spec.ports[1].name`, `subsets[0].addresses[0].ip`,
//! `metadata.labels[kubernetes.io/service-name]`.

use std::fmt;

/// One step of a path.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Segment {
    /// A struct field: `.name`.
    Field(&'static str),
    /// A list index: `[3]`.
    Index(usize),
    /// A map key: `[kubernetes.io/service-name]`.
    Key(String),
    /// Where in a map a finding about one entry is: its key. Not printed, since the API
    /// server reports such errors at the map itself (`metadata.labels`), but it puts the
    /// finding on the entry's line.
    EntryKey(String),
    /// As [`Segment::EntryKey`], at the entry's value.
    EntryValue(String),
}

/// One step of a path into a JSON value (or the YAML tree read as one): an object member
/// or an array element. What the JSON readers report errors at and the fix's edits walk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum JsonStep {
    /// An object member.
    Key(String),
    /// An array element.
    Index(usize),
}

/// A JSON path as the API server's decoder and serde_path_to_error print it:
/// `subsets[0].ports[1]` (outermost step first).
pub(crate) fn dotted(path: &[JsonStep]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            JsonStep::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            JsonStep::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
    out
}

/// [`dotted`] for steps collected innermost first (as errors travel outwards).
pub(crate) fn dotted_innermost_first(path: &[JsonStep]) -> String {
    let outermost_first: Vec<JsonStep> = path.iter().rev().cloned().collect();
    dotted(&outermost_first)
}

/// A path from the root of an object to one of its fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct FieldPath(Vec<Segment>);

impl FieldPath {
    /// The empty path (the object itself).
    pub fn root() -> Self {
        FieldPath(Vec::new())
    }

    /// Parses a dotted path literal such as `spec.ports` (fields only, no indices).
    pub fn fields(dotted: &'static str) -> Self {
        // Built on every object added to a run: one exact allocation, no string searcher.
        let dots = dotted.bytes().filter(|&b| b == b'.').count();
        let mut segments = Vec::with_capacity(dots + 1);
        let mut start = 0;
        for end in (0..dotted.len()).filter(|&i| dotted.as_bytes()[i] == b'.') {
            if end > start {
                segments.push(Segment::Field(&dotted[start..end]));
            }
            start = end + 1;
        }
        if start < dotted.len() {
            segments.push(Segment::Field(&dotted[start..]));
        }
        FieldPath(segments)
    }

    /// The path of these steps, in one allocation (for paths built per address or port
    /// on every run, where extending a path step by step would copy it at each step).
    pub(crate) fn of(segments: Vec<Segment>) -> Self {
        FieldPath(segments)
    }

    /// This path followed by the field `name`.
    pub fn field(&self, name: &'static str) -> Self {
        self.with(Segment::Field(name))
    }

    /// This path followed by the list index `i`.
    pub fn index(&self, i: usize) -> Self {
        self.with(Segment::Index(i))
    }

    /// This path followed by the map key `key`.
    pub fn key(&self, key: impl Into<String>) -> Self {
        self.with(Segment::Key(key.into()))
    }

    /// The steps of this path.
    pub fn segments(&self) -> &[Segment] {
        &self.0
    }

    /// Whether this is the root path.
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    fn with(&self, segment: Segment) -> Self {
        let mut v = Vec::with_capacity(self.0.len() + 1);
        v.extend_from_slice(&self.0);
        v.push(segment);
        FieldPath(v)
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, s) in self.0.iter().enumerate() {
            match s {
                Segment::Field(name) if i == 0 => f.write_str(name)?,
                Segment::Field(name) => write!(f, ".{name}")?,
                Segment::Index(n) => write!(f, "[{n}]")?,
                Segment::Key(k) => write!(f, "[{k}]")?,
                Segment::EntryKey(_) | Segment::EntryValue(_) => {}
            }
        }
        Ok(())
    }
}

/// A path while rules walk an object: a chain of borrowed steps on the stack, so extending
/// one costs nothing. Rules look at every field and report few, so the [`FieldPath`] (which
/// allocates) is built only when a finding takes it (`Finding::new` accepts either).
#[derive(Clone, Copy, Debug)]
pub struct At<'a> {
    parent: Option<&'a At<'a>>,
    step: Step<'a>,
}

#[derive(Clone, Copy, Debug)]
enum Step<'a> {
    /// A dotted literal (`spec.ports`), split when the path is built.
    Fields(&'static str),
    Field(&'static str),
    Index(usize),
    Key(&'a str),
    EntryKey(&'a str),
    EntryValue(&'a str),
}

impl<'a> At<'a> {
    /// A path from a dotted literal such as `spec.ports` (fields only, no indices).
    pub fn fields(dotted: &'static str) -> At<'static> {
        At {
            parent: None,
            step: Step::Fields(dotted),
        }
    }

    /// This path followed by the field `name`.
    pub fn field(&'a self, name: &'static str) -> At<'a> {
        self.then(Step::Field(name))
    }

    /// This path followed by the list index `i`.
    pub fn index(&'a self, i: usize) -> At<'a> {
        self.then(Step::Index(i))
    }

    /// This path followed by the map key `key`.
    pub fn key(&'a self, key: &'a str) -> At<'a> {
        self.then(Step::Key(key))
    }

    /// This map's entry `key`, located at its key but printed as the map (see
    /// [`Segment::EntryKey`]).
    pub fn entry_key(&'a self, key: &'a str) -> At<'a> {
        self.then(Step::EntryKey(key))
    }

    /// This map's entry `key`, located at its value but printed as the map.
    pub fn entry_value(&'a self, key: &'a str) -> At<'a> {
        self.then(Step::EntryValue(key))
    }

    /// The [`FieldPath`] this stands for.
    pub fn path(&self) -> FieldPath {
        let mut out = match self.parent {
            Some(parent) => parent.path(),
            None => FieldPath::root(),
        };
        match self.step {
            Step::Fields(dotted) => out.0.extend(
                dotted
                    .split('.')
                    .filter(|s| !s.is_empty())
                    .map(Segment::Field),
            ),
            Step::Field(name) => out.0.push(Segment::Field(name)),
            Step::Index(i) => out.0.push(Segment::Index(i)),
            Step::Key(k) => out.0.push(Segment::Key(k.to_string())),
            Step::EntryKey(k) => out.0.push(Segment::EntryKey(k.to_string())),
            Step::EntryValue(k) => out.0.push(Segment::EntryValue(k.to_string())),
        }
        out
    }

    fn then(&'a self, step: Step<'a>) -> At<'a> {
        At {
            parent: Some(self),
            step,
        }
    }
}

impl From<At<'_>> for FieldPath {
    fn from(at: At<'_>) -> FieldPath {
        at.path()
    }
}

impl From<&At<'_>> for FieldPath {
    fn from(at: &At<'_>) -> FieldPath {
        at.path()
    }
}

/// Builds a [`FieldPath`] from a dotted literal, e.g. `path!("spec.ports")`.
#[macro_export]
macro_rules! path {
    ($dotted:literal) => {
        $crate::field_path::FieldPath::fields($dotted)
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_literals_split_into_fields() {
        assert_eq!(FieldPath::fields("").segments(), &[]);
        assert_eq!(
            FieldPath::fields(".spec..ports.").segments(),
            &[Segment::Field("spec"), Segment::Field("ports")]
        );
        assert_eq!(
            FieldPath::fields("metadata.labels").to_string(),
            "metadata.labels"
        );
    }

    #[test]
    fn prints_like_the_api_server() {
        let p = FieldPath::fields("spec.ports").index(1).field("name");
        assert_eq!(p.to_string(), "spec.ports[1].name");
        let p = FieldPath::fields("metadata.labels").key("kubernetes.io/service-name");
        assert_eq!(p.to_string(), "metadata.labels[kubernetes.io/service-name]");
        let p = FieldPath::root()
            .field("subsets")
            .index(0)
            .field("addresses")
            .index(2)
            .field("ip");
        assert_eq!(p.to_string(), "subsets[0].addresses[2].ip");
        assert_eq!(FieldPath::root().to_string(), "");
    }

    #[test]
    fn at_builds_the_same_paths() {
        let spec = At::fields("spec");
        let ports = spec.field("ports");
        let port = ports.index(1);
        assert_eq!(
            port.field("name").path(),
            FieldPath::fields("spec.ports").index(1).field("name")
        );
        let labels = At::fields("metadata.labels");
        assert_eq!(
            FieldPath::from(labels.key("a/b")),
            FieldPath::fields("metadata.labels").key("a/b")
        );
        assert!(At::fields("").path().is_root());
    }
}
