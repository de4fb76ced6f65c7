//! Spec → k8s-openapi objects → YAML. Pure and deterministic.
//!
//! * `schema.rs`: JSON → [`ExternalServiceSpec`] (shape: unknown fields, JSON types).
//! * `check.rs` (with `addresses.rs`, `ports.rs`): every semantic problem of the spec, with
//!   the validator's own grammars; a clean spec becomes a `Plan`.
//! * `service.rs`, `slices.rs`, `endpoints.rs`: the objects; `dns.rs`: the client names.
//! * `text.rs`: [`generate_text`], the same from JSON text, with located diagnostics.
//!
//! Decisions (see also the README):
//! * A single DNS name in `addresses` means the same as `externalName`: an ExternalName
//!   Service (the playground has one "Addresses" field). A DNS name next to IP addresses,
//!   or two DNS names, is an error (SPEC-ADDRESS-MIXED); `endpointsApi` is ignored then.
//! * IP backends: a Service without selector, then one EndpointSlice per family
//!   (`<name>-ipv4`, `<name>-ipv6`, in order of first appearance) and/or one Endpoints
//!   named exactly like the Service. Labels go on every object, annotations on the
//!   Service only.
//! * Output order: Service, EndpointSlices, Endpoints.
//!
//! Invariant (property-tested): whatever is generated validates with no finding, except
//! the deprecation warning EP-DEPRECATED (and EP-AND-ES-BOTH for `Both`) when the spec
//! asked for an Endpoints.

mod addresses;
mod check;
mod dns;
mod endpoints;
mod ports;
mod schema;
mod service;
mod slices;
mod text;

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::Serialize;

use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::model::ExternalServiceSpec;
use crate::object::ToJson;
use addresses::Target;
use check::Plan;
pub use text::generate_text;

/// DNS names clients in the cluster use.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DnsNames {
    /// `NAME.NAMESPACE.svc.cluster.local` (with the spec's cluster domain).
    pub service: String,
    /// Shorter forms the pod's DNS search path resolves: `NAME` (same namespace),
    /// `NAME.NAMESPACE`, `NAME.NAMESPACE.svc`.
    pub short: Vec<String>,
    /// SRV names for named ports, e.g. `_mysql._tcp.mysql-svc.default.svc.cluster.local`
    /// (none for an ExternalName Service).
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
/// Never panics: malformed input gives diagnostics (codes `SPEC-*`) and no YAML.
pub fn generate(spec: &serde_json::Value) -> GenerateResult {
    let spec = match schema::decode(spec) {
        Ok(spec) => spec,
        Err(d) => return failed(vec![*d]),
    };
    generate_spec(&spec)
}

/// Generates manifests from an already decoded spec.
pub fn generate_spec(spec: &ExternalServiceSpec) -> GenerateResult {
    let plan = match check::check(spec) {
        Ok(plan) => plan,
        Err(diagnostics) => return failed(diagnostics),
    };
    let objects = objects(&plan);
    GenerateResult {
        yaml: Some(crate::yaml::emit_documents(&objects)),
        objects,
        dns: Some(dns::dns_names(&plan)),
        diagnostics: Vec::new(),
    }
}

fn failed(diagnostics: Vec<Diagnostic>) -> GenerateResult {
    GenerateResult {
        diagnostics,
        ..GenerateResult::default()
    }
}

fn objects(plan: &Plan<'_>) -> Vec<serde_json::Value> {
    let mut out = vec![service::service(plan).to_json()];
    if let Target::Ips(addrs) = &plan.target {
        if plan.api.slices() {
            out.extend(slices::slices(plan, addrs).iter().map(ToJson::to_json));
        }
        if plan.api.endpoints() {
            out.push(endpoints::endpoints(plan, addrs).to_json());
        }
    }
    out
}

/// Metadata shared by every generated object.
fn meta(plan: &Plan<'_>, name: &str, labels: BTreeMap<String, String>) -> ObjectMeta {
    ObjectMeta {
        name: Some(name.to_string()),
        namespace: Some(plan.namespace.to_string()),
        labels: (!labels.is_empty()).then_some(labels),
        ..ObjectMeta::default()
    }
}

/// A generator diagnostic for `code` (a `SPEC-*` rule) at input field `path`.
fn diag(code: &'static str, path: impl Into<String>, message: impl Into<String>) -> Diagnostic {
    // The conversions here, the rest compiled once (issue 7's size cap).
    diagnostic(code, path.into(), message.into())
}

fn diagnostic(code: &'static str, path: String, message: String) -> Diagnostic {
    let rule = crate::validate::rule(code);
    debug_assert!(rule.is_some(), "unregistered code {code}");
    Diagnostic {
        code: code.to_string(),
        rule: rule.map_or_else(|| code.to_ascii_lowercase(), |r| r.name()),
        severity: rule.map_or(Severity::Error, |r| r.severity),
        category: rule.map_or(Category::Rejected, |r| r.category),
        message,
        object: None,
        path: (!path.is_empty()).then_some(path),
        location: None,
        help: rule.map(|r| r.fix.to_string()),
        file: None,
    }
}
