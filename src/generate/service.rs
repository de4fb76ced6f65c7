//! The Service: selectorless for IP backends (so no controller touches its endpoints),
//! `type: ExternalName` for a DNS name.

use k8s_openapi::api::core::v1::{Service, ServicePort, ServiceSpec};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::addresses::Target;
use super::check::Plan;
use super::meta;
use crate::validate::ip::Family;

/// Builds the Service of `plan`.
pub(crate) fn service(plan: &Plan<'_>) -> Service {
    let mut metadata = meta(plan, plan.name, plan.labels.clone());
    if !plan.annotations.is_empty() {
        metadata.annotations = Some(plan.annotations.clone());
    }
    let spec = match &plan.target {
        Target::ExternalName(host) => ServiceSpec {
            type_: Some("ExternalName".to_string()),
            external_name: Some(host.clone()),
            // Ports are documentation here (nothing proxies an ExternalName Service), so
            // there is no targetPort to set.
            ports: ports(plan, false),
            ..ServiceSpec::default()
        },
        Target::Ips(_) if plan.headless => ServiceSpec {
            // No selector: neither the Endpoints nor the EndpointSlice controller touches
            // the endpoint objects. Headless: DNS answers with the endpoint addresses. The
            // ipFamilyPolicy of a selectorless headless Service defaults to
            // RequireDualStack on dual-stack clusters (dual-stack.md), so both A and AAAA
            // records work without setting it.
            cluster_ip: Some("None".to_string()),
            ports: ports(plan, true),
            ..ServiceSpec::default()
        },
        Target::Ips(addrs) => {
            let families = families(addrs.iter().map(|a| a.family));
            let dual = families.len() > 1;
            ServiceSpec {
                // kube-proxy drops endpoints of a family the Service does not serve
                // (EP-IPFAMILY-MISMATCH). One family is named: the cluster default might be
                // the other one. Two are not: a single-stack cluster refuses a family it does
                // not serve (`initIPFamilyFields`), while PreferDualStack alone takes both on
                // a dual-stack cluster and the cluster's own family elsewhere (the other
                // family's slice then goes unused).
                ip_family_policy: Some(
                    if dual {
                        "PreferDualStack"
                    } else {
                        "SingleStack"
                    }
                    .to_string(),
                ),
                ip_families: (!dual)
                    .then(|| families.iter().map(|f| f.as_str().to_string()).collect()),
                ports: ports(plan, true),
                ..ServiceSpec::default()
            }
        }
    };
    Service {
        metadata,
        spec: Some(spec),
        status: None,
    }
}

/// The families in order of first appearance.
pub(crate) fn families(all: impl Iterator<Item = Family>) -> Vec<Family> {
    let mut out = Vec::new();
    for f in all {
        if !out.contains(&f) {
            out.push(f);
        }
    }
    out
}

fn ports(plan: &Plan<'_>, target_port: bool) -> Option<Vec<ServicePort>> {
    if plan.ports.is_empty() {
        return None;
    }
    Some(
        plan.ports
            .iter()
            .map(|p| ServicePort {
                name: p.name.clone(),
                port: p.port,
                protocol: Some(p.protocol.as_str().to_string()),
                app_protocol: p.app_protocol.clone(),
                // The endpoint port is the port: a headless Service does no remapping
                // (SVC-HEADLESS-TARGETPORT), and a selectorless one ignores targetPort
                // (SVC-TARGETPORT-IGNORED), so any other value would mislead.
                target_port: target_port.then_some(IntOrString::Int(p.port)),
                node_port: None,
            })
            .collect(),
    )
}
