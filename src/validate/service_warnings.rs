//! Service warnings: `GetWarningsForService` (headless Services ignoring fields,
//! `externalName` on a non-ExternalName Service), the deprecated `externalIPs`, and a
//! headless `targetPort` that nothing remaps.

use k8s_openapi::api::core::v1::ServiceSpec;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::service::{target_port, Effective};
use super::{msg, Finding};
use crate::field_path::At;

/// `GetWarningsForService` and the headless/ExternalName pitfalls that need only the Service.
pub(crate) fn check(spec: &ServiceSpec, eff: &Effective<'_>, out: &mut Vec<Finding>) {
    let spec_path = At::fields("spec");
    let external_ips = spec.external_ips.as_ref().is_some_and(|v| !v.is_empty());
    // warnings.go `isHeadlessService`: only a ClusterIP Service counts (an ExternalName or
    // NodePort one with `clusterIP: None` is refused for that anyway).
    if eff.headless && eff.type_ == "ClusterIP" {
        let ignored = "is ignored for headless services";
        if spec
            .load_balancer_ip
            .as_ref()
            .is_some_and(|s| !s.is_empty())
        {
            out.push(Finding::at(
                "SVC-HEADLESS-IGNORED-FIELDS",
                spec_path.field("loadBalancerIP"),
                format!("spec.loadBalancerIP {ignored}"),
            ));
        }
        if external_ips {
            out.push(Finding::at(
                "SVC-HEADLESS-IGNORED-FIELDS",
                spec_path.field("externalIPs"),
                format!("spec.externalIPs {ignored}"),
            ));
        }
        if eff.session_affinity != "None" {
            out.push(Finding::at(
                "SVC-HEADLESS-IGNORED-FIELDS",
                spec_path.field("sessionAffinity"),
                format!("spec.SessionAffinity {ignored}"),
            ));
        }
        for (i, p) in spec.ports.as_deref().unwrap_or_default().iter().enumerate() {
            let target = target_port(p);
            if target != IntOrString::Int(p.port) {
                let shown = match &target {
                    IntOrString::Int(n) => n.to_string(),
                    IntOrString::String(s) => msg::quote(s),
                };
                out.push(Finding::at(
                    "SVC-HEADLESS-TARGETPORT",
                    spec_path.field("ports").index(i).field("targetPort"),
                    format!(
                        "targetPort {shown} differs from port {} on a headless Service: nothing remaps ports, clients connect to the endpoint port",
                        p.port
                    ),
                ));
            }
        }
    } else if external_ips && eff.type_ != "ExternalName" {
        out.push(Finding::at(
            "SVC-EXTERNALIPS-DEPRECATED",
            spec_path.field("externalIPs"),
            "spec.externalIPs is deprecated and may no longer be implemented in some clusters",
        ));
    }
    if eff.type_ != "ExternalName" && spec.external_name.as_ref().is_some_and(|s| !s.is_empty()) {
        out.push(Finding::at(
            "SVC-EXTERNALNAME-FIELD-IGNORED",
            spec_path.field("externalName"),
            "spec.externalName is ignored when spec.type is not \"ExternalName\"",
        ));
    }
}
