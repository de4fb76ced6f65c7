//! Spec → k8s-openapi objects → YAML. Pure and deterministic.
//! (Stub: being implemented.)

use serde::Serialize;

use crate::diagnostic::Diagnostic;

/// DNS names clients in the cluster use.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DnsNames {
    /// `NAME.NAMESPACE.svc.cluster.local`.
    pub service: String,
    /// Other resolvable forms (`NAME`, `NAME.NAMESPACE`).
    pub short: Vec<String>,
    /// SRV names for named ports, e.g. `_mysql._tcp.mysql-svc.default.svc.cluster.local`.
    pub srv: Vec<String>,
}

/// What [`generate`] returns.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GenerateResult {
    /// The manifests as one multi-document YAML stream; `None` when the input is invalid.
    pub yaml: Option<String>,
    /// The same objects as JSON values (empty when the input is invalid).
    pub objects: Vec<serde_json::Value>,
    /// DNS names (absent when the input is invalid).
    pub dns: Option<DnsNames>,
    /// Problems with the input; `path` is the input field (`ports[1].port`, `addresses[0]`).
    pub diagnostics: Vec<Diagnostic>,
}

/// Generates manifests from a JSON spec (see [`crate::model::ExternalServiceSpec`]).
/// Never panics: malformed input gives diagnostics and no YAML.
pub fn generate(_spec: &serde_json::Value) -> GenerateResult {
    GenerateResult::default()
}
