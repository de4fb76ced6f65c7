//! EndpointSlices: one per address family (a slice holds one `addressType`), named
//! `<service>-ipv4` / `<service>-ipv6`, labelled so kube-proxy and DNS attach them to the
//! Service, and managed by `extsvc` (not a controller's reserved value, which would let
//! that controller delete or rewrite them: ES-MANAGED-BY-*).

use std::collections::BTreeMap;

use k8s_openapi::api::discovery::v1::{Endpoint, EndpointConditions, EndpointPort, EndpointSlice};

use super::addresses::Addr;
use super::check::{Plan, MANAGED_BY, MANAGED_BY_LABEL, SERVICE_NAME_LABEL};
use super::meta;
use super::service::families;
use crate::validate::ip::Family;

/// The slice name for `family`: a DNS subdomain, deterministic, and distinct from the
/// controllers' generated `<service>-<random>` names.
pub(crate) fn slice_name(service: &str, family: Family) -> String {
    match family {
        Family::V4 => format!("{service}-ipv4"),
        Family::V6 => format!("{service}-ipv6"),
    }
}

/// Builds one EndpointSlice per family of `addrs`, in order of first appearance.
pub(crate) fn slices(plan: &Plan<'_>, addrs: &[Addr]) -> Vec<EndpointSlice> {
    families(addrs.iter().map(|a| a.family))
        .into_iter()
        .map(|family| slice(plan, family, addrs))
        .collect()
}

fn slice(plan: &Plan<'_>, family: Family, addrs: &[Addr]) -> EndpointSlice {
    let mut labels: BTreeMap<String, String> = plan.labels.clone();
    labels.insert(SERVICE_NAME_LABEL.to_string(), plan.name.to_string());
    labels.insert(MANAGED_BY_LABEL.to_string(), MANAGED_BY.to_string());
    let endpoints = addrs
        .iter()
        .filter(|a| a.family == family)
        // One address per endpoint: kube-proxy uses only addresses[0]
        // (ES-MULTI-ADDRESS-ENDPOINT).
        .map(|a| Endpoint {
            addresses: vec![a.text.clone()],
            conditions: Some(EndpointConditions {
                ready: Some(true),
                serving: None,
                terminating: None,
            }),
            ..Endpoint::default()
        })
        .collect();
    let ports: Vec<EndpointPort> = plan
        .ports
        .iter()
        .map(|p| EndpointPort {
            // Same name and protocol as the Service port: that pair is how kube-proxy
            // matches them (ES-PORT-NAME-MATCH, EP-PORT-PROTOCOL-MATCH).
            name: p.name.clone(),
            port: Some(p.port),
            protocol: Some(p.protocol.as_str().to_string()),
            app_protocol: p.app_protocol.clone(),
        })
        .collect();
    EndpointSlice {
        metadata: meta(plan, &slice_name(plan.name, family), labels),
        address_type: family.as_str().to_string(),
        endpoints: Some(endpoints),
        ports: (!ports.is_empty()).then_some(ports),
    }
}
