//! The core/v1 Endpoints: exactly the Service's name (the only link; EP-NAME-MATCH), one
//! subset holding every address and every port. Deprecated since 1.33; kube-proxy sees it
//! only through the EndpointSlice mirroring controller.

use k8s_openapi::api::core::v1::{EndpointAddress, EndpointPort, EndpointSubset, Endpoints};

use super::addresses::Addr;
use super::check::Plan;
use super::meta;

/// Builds the Endpoints of `plan`.
pub(crate) fn endpoints(plan: &Plan<'_>, addrs: &[Addr]) -> Endpoints {
    let addresses = addrs
        .iter()
        .map(|a| EndpointAddress {
            ip: a.text.clone(),
            ..EndpointAddress::default()
        })
        .collect();
    let ports: Vec<EndpointPort> = plan
        .ports
        .iter()
        .map(|p| EndpointPort {
            name: p.name.clone(),
            port: p.port,
            protocol: Some(p.protocol.as_str().to_string()),
            app_protocol: p.app_protocol.clone(),
        })
        .collect();
    Endpoints {
        metadata: meta(plan, plan.name, plan.labels.clone()),
        subsets: Some(vec![EndpointSubset {
            addresses: Some(addresses),
            not_ready_addresses: None,
            ports: (!ports.is_empty()).then_some(ports),
        }]),
    }
}
