//! From a YAML [`Node`] to a typed k8s-openapi object, the way the API server decodes:
//! YAML → JSON (sigs.k8s.io/yaml) → typed struct (`typed.rs` does both steps at once), where
//! a JSON value of the wrong type is an error (`port: "abc"`), and a missing field is Go's zero value (k8s-openapi defaults
//! required fields, so a missing `port` decodes as 0 and is then reported by validation).

use k8s_openapi::api::core::v1::{Endpoints, Service};
use k8s_openapi::api::discovery::v1::EndpointSlice;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

#[cfg(test)]
mod samples;
mod time;
mod typed;
mod write;

pub use write::ToJson;

use crate::yaml::{Node, Span, Value};

/// A Kubernetes object extsvc checks.
#[derive(Clone, Debug, PartialEq)]
pub enum Object {
    /// core/v1 Service.
    Service(Box<Service>),
    /// core/v1 Endpoints.
    Endpoints(Box<Endpoints>),
    /// discovery.k8s.io/v1 EndpointSlice.
    EndpointSlice(Box<EndpointSlice>),
}

impl Object {
    /// `Service`, `Endpoints` or `EndpointSlice`.
    pub fn kind(&self) -> &'static str {
        match self {
            Object::Service(_) => "Service",
            Object::Endpoints(_) => "Endpoints",
            Object::EndpointSlice(_) => "EndpointSlice",
        }
    }

    /// The object's metadata.
    pub fn metadata(&self) -> &ObjectMeta {
        match self {
            Object::Service(o) => &o.metadata,
            Object::Endpoints(o) => &o.metadata,
            Object::EndpointSlice(o) => &o.metadata,
        }
    }
}

/// What one document (or `List` item) turned out to be.
#[derive(Debug)]
pub enum Decoded<'a> {
    /// An object extsvc checks, with the members its types do not have (document order).
    Object(Object, Vec<UnknownField>),
    /// A `kind: List` (or `*List`): check each item.
    List(&'a [Node]),
    /// Another Kubernetes kind (`Deployment`, ...): skipped.
    Other {
        /// Its `kind`.
        kind: String,
    },
    /// Not a Kubernetes object at all (no `apiVersion`/`kind`): CI configs, Helm values.
    NotKubernetes,
    /// One of our kinds that cannot be decoded.
    Invalid(DecodeError),
}

/// Why a Service/Endpoints/EndpointSlice document could not be decoded.
#[derive(Clone, Debug, PartialEq)]
pub struct DecodeError {
    /// `YAML-TYPE` (a value of the wrong type) or `API-VERSION` (a version not served).
    pub code: &'static str,
    /// The kind the document declared.
    pub kind: String,
    /// JSON path of the offending field, as the decoder prints it (`spec.ports[0].port`).
    pub path: String,
    /// One sentence.
    pub message: String,
    /// Where.
    pub span: Span,
}

/// A member the object's API type does not have: Go's decoder drops it, and the API
/// server refuses the object in strict mode (kubectl's default): `YAML-UNKNOWN-FIELD`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UnknownField {
    /// Its path, innermost step first.
    steps: Vec<crate::field_path::JsonStep>,
    /// Where its key is.
    key_span: Option<Span>,
    /// The field of its type it most likely stands for (`targetPort` for `targetport`).
    suggestion: Option<&'static str>,
    /// While decoding: the address of the node its path so far starts from.
    under: usize,
}

impl UnknownField {
    /// The JSON path as the strict decoder prints it: `spec.ports[0].targetport`.
    pub fn path(&self) -> String {
        crate::field_path::dotted_innermost_first(&self.steps)
    }

    /// Where its key is.
    pub fn span(&self) -> Span {
        self.key_span.unwrap_or_default()
    }

    /// The field of its type it most likely stands for: the one differing only in case,
    /// else the only one within two edits (`protocl` → `protocol`).
    pub fn suggestion(&self) -> Option<&'static str> {
        self.suggestion
    }
}

/// The kinds extsvc checks.
const KINDS: &[&str] = &["Service", "Endpoints", "EndpointSlice"];

/// The one apiVersion the API server serves `kind` in, for the kinds extsvc checks.
fn served_version(kind: &str) -> Option<&'static str> {
    match kind {
        "Service" | "Endpoints" => Some("v1"),
        "EndpointSlice" => Some("discovery.k8s.io/v1"),
        _ => None,
    }
}

/// API-VERSION at the document's field `path` (`apiVersion` or `kind`; at `kind` when
/// there is no `apiVersion`).
fn version_error<'a>(root: &Node, kind: &str, path: &str, message: String) -> Decoded<'a> {
    let at = root.get(path).or_else(|| root.get("kind"));
    Decoded::Invalid(DecodeError {
        code: "API-VERSION",
        kind: kind.to_string(),
        path: path.into(),
        message,
        span: at.map_or(root.span, |n| n.span),
    })
}

/// Decodes one document root (or list item).
pub fn decode(root: &Node) -> Decoded<'_> {
    if !matches!(root.value, Value::Map(_)) {
        return Decoded::NotKubernetes;
    }
    let Some(kind) = root.get("kind").and_then(Node::as_str) else {
        return Decoded::NotKubernetes;
    };
    let Some(api_version) = root.get("apiVersion").and_then(Node::as_str) else {
        // kubectl: `error validating data: apiVersion not set`. Only for our kinds: other
        // YAML may well have a `kind` of its own.
        return match served_version(kind).filter(|_| root.get("apiVersion").is_none()) {
            Some(expected) => version_error(
                root,
                kind,
                "apiVersion",
                format!("apiVersion not set: use apiVersion \"{expected}\""),
            ),
            None => Decoded::NotKubernetes,
        };
    };
    if kind.ends_with("List") {
        if let Some(Node {
            value: Value::Seq(items),
            ..
        }) = root.get("items")
        {
            return Decoded::List(items);
        }
    }
    // Another API group's kind, even if named like ours (Knative's `Service`).
    if api_version.contains('/') && !api_version.starts_with("discovery.k8s.io/") {
        return Decoded::Other {
            kind: kind.to_string(),
        };
    }
    // Formatted only for a finding: this runs for every object.
    let no_matches = || format!("no matches for kind \"{kind}\" in version \"{api_version}\"");
    let Some(expected) = served_version(kind) else {
        // `kind: service` or `Endpoint` in the core group or discovery.k8s.io (other groups
        // were left above): kubectl finds no such type.
        if let Some(meant) = typed::unknown::suggest(kind, KINDS) {
            let message = format!(
                "{}: use kind \"{meant}\" (apiVersion \"{}\")",
                no_matches(),
                served_version(meant).unwrap_or_default()
            );
            return version_error(root, kind, "kind", message);
        }
        return Decoded::Other {
            kind: kind.to_string(),
        };
    };
    if api_version != expected {
        return version_error(
            root,
            kind,
            "apiVersion",
            format!("{}: use apiVersion \"{expected}\"", no_matches()),
        );
    }
    typed::unknown::take(); // what an earlier object left when its decoding failed
    let result = match kind {
        "Service" => typed::service(root).map(|o| Object::Service(Box::new(o))),
        "Endpoints" => typed::endpoints(root).map(|o| Object::Endpoints(Box::new(o))),
        _ => typed::endpoint_slice(root).map(|o| Object::EndpointSlice(Box::new(o))),
    };
    match result {
        Ok(object) => Decoded::Object(object, typed::unknown::take()),
        Err(err) => {
            let path = err.path();
            Decoded::Invalid(DecodeError {
                code: "YAML-TYPE",
                kind: kind.to_string(),
                message: if path.is_empty() {
                    err.message().to_string()
                } else {
                    format!("{path}: {}", err.message())
                },
                path,
                span: err.span().unwrap_or(root.span),
            })
        }
    }
}
