//! The semantic checks of a well-shaped spec: every problem becomes a diagnostic (nothing
//! stops at the first), and a spec without any becomes a [`Plan`] the builders can trust.
//!
//! The grammars are the validator's (`validate::names`, `validate::ip`), so what the
//! generator accepts is exactly what the validator then accepts.

use std::collections::BTreeMap;

use super::addresses::{self, Target};
use super::diag;
use super::ports::{self, Port};
use crate::diagnostic::Diagnostic;
use crate::field_path::FieldPath;
use crate::model::{EndpointsApi, ExternalServiceSpec};
use crate::validate::meta::{annotations_too_long, ANNOTATIONS_MAX_BYTES};
use crate::validate::{msg, names};

/// Labels the generator sets itself, or that change how the objects are routed.
pub(crate) const RESERVED_LABELS: &[&str] = &[
    SERVICE_NAME_LABEL,
    MANAGED_BY_LABEL,
    // Stops the mirroring controller (EP-MIRROR-SKIPPED).
    "endpointslice.kubernetes.io/skip-mirror",
    // Set by the control plane on headless Services' slices.
    "service.kubernetes.io/headless",
    // kube-proxy ignores Services carrying it (they belong to another proxy).
    "service.kubernetes.io/service-proxy-name",
];

/// Links an EndpointSlice to its Service (the only link kube-proxy and DNS use).
pub(crate) const SERVICE_NAME_LABEL: &str = "kubernetes.io/service-name";
/// Who manages an EndpointSlice; ours is neither controller's value.
pub(crate) const MANAGED_BY_LABEL: &str = "endpointslice.kubernetes.io/managed-by";
/// Our `managed-by` value.
pub(crate) const MANAGED_BY: &str = "extsvc";

/// A spec that passed every check, with defaults applied.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Plan<'a> {
    /// Service name (and Endpoints name, and slice-name stem).
    pub name: &'a str,
    /// Namespace of every object.
    pub namespace: &'a str,
    /// Where traffic goes.
    pub target: Target,
    /// Ports (possibly empty for headless and ExternalName).
    pub ports: Vec<Port>,
    /// `clusterIP: None`.
    pub headless: bool,
    /// Which endpoint objects to write.
    pub api: EndpointsApi,
    /// Labels for every object.
    pub labels: &'a BTreeMap<String, String>,
    /// Annotations for the Service.
    pub annotations: &'a BTreeMap<String, String>,
    /// Cluster DNS domain, without a trailing dot.
    pub cluster_domain: &'a str,
}

/// Checks `spec`; `Err` holds every diagnostic found.
pub(crate) fn check(spec: &ExternalServiceSpec) -> Result<Plan<'_>, Vec<Diagnostic>> {
    let mut out = Vec::new();
    check_name(&spec.name, &mut out);
    let namespace = spec.namespace_or_default();
    let errs = names::dns1123_label(namespace);
    if !errs.is_empty() {
        out.push(diag(
            "SPEC-NAMESPACE",
            "namespace",
            msg::invalid_str(namespace, &errs),
        ));
    }
    let target = addresses::target(spec, &mut out);
    let ports = ports::check(&spec.ports, &mut out);
    let is_external = matches!(target, Some(Target::ExternalName(_)));
    if is_external && spec.headless {
        out.push(diag(
            "SPEC-EXTERNALNAME-HEADLESS",
            "headless",
            msg::forbidden("an ExternalName Service (a DNS name) cannot be headless"),
        ));
    }
    if matches!(target, Some(Target::Ips(_))) && !spec.headless && spec.ports.is_empty() {
        out.push(diag(
            "SPEC-PORTS-REQUIRED",
            "ports",
            msg::required("a Service that is not headless needs at least one port"),
        ));
    }
    check_labels(&spec.labels, &mut out);
    check_annotations(&spec.annotations, &mut out);
    let domain = spec.cluster_domain_or_default();
    let cluster_domain = domain.strip_suffix('.').unwrap_or(domain);
    let errs = names::dns1123_subdomain(cluster_domain);
    if !errs.is_empty() {
        out.push(diag(
            "SPEC-CLUSTER-DOMAIN",
            "clusterDomain",
            msg::invalid_str(domain, &errs),
        ));
    }
    match (target, ports) {
        (Some(target), Some(ports)) if out.is_empty() => Ok(Plan {
            name: &spec.name,
            namespace,
            target,
            ports,
            headless: spec.headless,
            api: spec.endpoints_api,
            labels: &spec.labels,
            annotations: &spec.annotations,
            cluster_domain,
        }),
        _ => Err(out),
    }
}

fn check_name(name: &str, out: &mut Vec<Diagnostic>) {
    if name.is_empty() {
        out.push(diag("SPEC-NAME", "name", msg::required("the Service name")));
        return;
    }
    let errs = names::dns1035_label(name);
    if !errs.is_empty() {
        out.push(diag("SPEC-NAME", "name", msg::invalid_str(name, &errs)));
    }
}

fn check_labels(labels: &BTreeMap<String, String>, out: &mut Vec<Diagnostic>) {
    let base = FieldPath::fields("labels");
    for (key, value) in labels {
        let at = base.key(key.as_str()).to_string();
        if RESERVED_LABELS.contains(&key.as_str()) {
            out.push(diag(
                "SPEC-LABEL-RESERVED",
                at,
                msg::forbidden(&format!(
                    "{} is set by the generator or changes routing",
                    msg::quote(key)
                )),
            ));
            continue;
        }
        let errs = names::qualified_name(key);
        if !errs.is_empty() {
            out.push(diag("SPEC-LABEL", at, msg::invalid_str(key, &errs)));
            continue;
        }
        let errs = names::label_value(value);
        if !errs.is_empty() {
            out.push(diag("SPEC-LABEL", at, msg::invalid_str(value, &errs)));
        }
    }
}

fn check_annotations(annotations: &BTreeMap<String, String>, out: &mut Vec<Diagnostic>) {
    let base = FieldPath::fields("annotations");
    let mut total = 0usize;
    for (key, value) in annotations {
        total = total.saturating_add(key.len()).saturating_add(value.len());
        // ValidateAnnotations checks the lower-cased key.
        let errs = names::qualified_name(&key.to_ascii_lowercase());
        if !errs.is_empty() {
            out.push(diag(
                "SPEC-ANNOTATION",
                base.key(key.as_str()).to_string(),
                msg::invalid_str(key, &errs),
            ));
        }
    }
    if total > ANNOTATIONS_MAX_BYTES {
        out.push(diag(
            "SPEC-ANNOTATION",
            "annotations",
            format!("{} (got {total})", annotations_too_long()),
        ));
    }
}
