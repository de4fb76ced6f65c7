//! The input as the transforms see it: documents with their spanned trees, and the
//! Services, Endpoints and EndpointSlices decoded from them (including `List` items).

use crate::object::{decode, DecodeError, Decoded, Object, UnknownField};
use crate::yaml::{documents, Document, Limits, Node, Span, Value};

use crate::field_path::JsonStep;

/// One decoded object and where it sits.
#[derive(Debug)]
pub(crate) struct Item {
    /// Index into [`Scan::docs`].
    pub doc: usize,
    /// Path from the document root to the object (empty, or `items[i]` of a `List`).
    pub prefix: Vec<JsonStep>,
    /// The object's node.
    pub node: Node,
    /// The typed object.
    pub object: Object,
    /// Its members that its types do not have.
    pub unknown: Vec<UnknownField>,
}

/// A document of one of our kinds that does not decode (a value of the wrong type).
#[derive(Debug)]
pub(crate) struct Invalid {
    pub doc: usize,
    pub prefix: Vec<JsonStep>,
    pub node: Node,
    pub error: DecodeError,
}

/// Everything read from one text.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    pub docs: Vec<Document>,
    pub items: Vec<Item>,
    pub invalid: Vec<Invalid>,
    /// The first YAML error (syntax, duplicate key, limit, unsupported construct), if any.
    pub yaml_error: Option<String>,
}

/// Reads `text` (without a byte-order mark).
pub(crate) fn scan(text: &str) -> Scan {
    let mut out = Scan::default();
    for doc in documents(text, &Limits::default()) {
        if let (None, Some(err)) = (&out.yaml_error, doc.errors.first()) {
            out.yaml_error = Some(format!("line {}: {}", err.span.start.line, err.message));
        }
        let d = out.docs.len();
        if let Some(root) = &doc.root {
            let mut stack: Vec<(Vec<JsonStep>, &Node)> = vec![(Vec::new(), root)];
            while let Some((prefix, node)) = stack.pop() {
                match decode(node) {
                    Decoded::Object(object, unknown) => out.items.push(Item {
                        doc: d,
                        prefix,
                        node: node.clone(),
                        object,
                        unknown,
                    }),
                    Decoded::List(list) => {
                        for (i, n) in list.iter().enumerate().rev() {
                            let mut p = prefix.clone();
                            p.push(JsonStep::Key("items".into()));
                            p.push(JsonStep::Index(i));
                            stack.push((p, n));
                        }
                    }
                    Decoded::Invalid(error) => out.invalid.push(Invalid {
                        doc: d,
                        prefix,
                        node: node.clone(),
                        error,
                    }),
                    Decoded::Other { .. } | Decoded::NotKubernetes => {}
                }
            }
        }
        out.docs.push(doc);
    }
    out
}

/// The JSON path (from `node`) of the descendant whose span is `span`, preferring the
/// deepest match (a scalar shares its start with nothing bigger than itself when plain).
pub(crate) fn path_to(node: &Node, span: Span) -> Option<(Vec<JsonStep>, &Node)> {
    if node.span == span && !matches!(node.value, Value::Map(_) | Value::Seq(_)) {
        return Some((Vec::new(), node));
    }
    let children: Vec<(JsonStep, &Node)> = match &node.value {
        Value::Map(entries) => entries
            .iter()
            .map(|e| (JsonStep::Key(e.key.clone()), &e.value))
            .collect(),
        Value::Seq(items) => items
            .iter()
            .enumerate()
            .map(|(i, n)| (JsonStep::Index(i), n))
            .collect(),
        _ => return None,
    };
    for (seg, child) in children {
        let inside = child.span.start.offset <= span.start.offset
            && span.end.offset <= child.span.end.offset;
        if !inside {
            continue;
        }
        if let Some((mut rest, found)) = path_to(child, span) {
            rest.insert(0, seg);
            return Some((rest, found));
        }
    }
    None
}

/// The child of `node` at `path`.
pub(crate) fn node_at<'n>(node: &'n Node, path: &[JsonStep]) -> Option<&'n Node> {
    let mut at = node;
    for seg in path {
        at = match (seg, &at.value) {
            (JsonStep::Key(k), Value::Map(_)) => at.get(k)?,
            (JsonStep::Index(i), Value::Seq(items)) => items.get(*i)?,
            _ => return None,
        };
    }
    Some(at)
}

/// `prefix` followed by `rest`.
pub(crate) fn join(prefix: &[JsonStep], rest: &[&str]) -> Vec<JsonStep> {
    let mut p = prefix.to_vec();
    p.extend(rest.iter().map(|k| JsonStep::Key((*k).to_string())));
    p
}
