//! Endpoints → EndpointSlices, the way the mirroring controller converts them
//! (`pkg/controller/endpointslicemirroring`: `reconciler.reconcile`, `utils.go`
//! `newEndpointSlice`, `addressToEndpoint`), but lossless and named deterministically:
//!
//! * one slice per address family and set of ports (subsets with the same ports are one
//!   group, as the old `RepackSubsets` merged them), split every 1,000 endpoints
//!   (`maxEndpoints`; the controller would drop the rest);
//! * `addresses` → `ready: true`, `notReadyAddresses` → `ready: false`; `hostname`,
//!   `nodeName` and `targetRef` carried over; IPs re-stringified canonically;
//! * ports with name, protocol (defaulted TCP) and appProtocol;
//! * labels copied (minus `skip-mirror` and the Endpoints controller's managed-by), then
//!   `kubernetes.io/service-name` and our managed-by; annotations copied minus
//!   `last-change-trigger-time` and `last-applied-configuration`;
//! * names `<service>-ipv4` / `<service>-ipv6`, or `<service>-ipv4-<n>` (from 1) when a
//!   family needs several slices.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{EndpointAddress, Endpoints};
use k8s_openapi::api::discovery::v1::{Endpoint, EndpointConditions, EndpointPort, EndpointSlice};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use crate::validate::ip::{self, Family};

use super::pairing::{MANAGED_BY_LABEL, SERVICE_NAME_LABEL};
use super::MANAGED_BY;

/// `maxEndpoints` of discovery validation.
pub(crate) const MAX_ENDPOINTS: usize = 1000;
/// `IsDNS1123Subdomain` length limit.
const NAME_MAX: usize = 253;

const SKIP_MIRROR_LABEL: &str = "endpointslice.kubernetes.io/skip-mirror";
const ENDPOINTS_MANAGED_BY_LABEL: &str = "endpoints.kubernetes.io/managed-by";
const DROPPED_ANNOTATIONS: &[&str] = &[
    "endpoints.kubernetes.io/last-change-trigger-time",
    "kubectl.kubernetes.io/last-applied-configuration",
    "endpoints.kubernetes.io/over-capacity",
];

/// The EndpointSlices that replace `ep`, or why it cannot be converted.
pub(crate) fn convert(ep: &Endpoints) -> Result<Vec<EndpointSlice>, String> {
    let name = ep
        .metadata
        .name
        .clone()
        .filter(|n| !n.is_empty())
        .ok_or("the Endpoints has no name")?;
    // One group of endpoints per (subset, family), in order of first appearance.
    let mut groups: Vec<(Family, Vec<Endpoint>, Vec<EndpointPort>)> = Vec::new();
    for subset in ep.subsets.iter().flatten() {
        let ports: Vec<EndpointPort> = subset
            .ports
            .iter()
            .flatten()
            .map(|p| EndpointPort {
                name: p.name.clone().filter(|n| !n.is_empty()),
                port: Some(p.port),
                protocol: Some(
                    p.protocol
                        .clone()
                        .filter(|x| !x.is_empty())
                        .unwrap_or_else(|| "TCP".into()),
                ),
                app_protocol: p.app_protocol.clone(),
            })
            .collect();
        let addrs = subset.addresses.iter().flatten().map(|a| (a, true)).chain(
            subset
                .not_ready_addresses
                .iter()
                .flatten()
                .map(|a| (a, false)),
        );
        for (a, ready) in addrs {
            let (family, endpoint) = endpoint(a, ready)?;
            // Subsets with the same ports say the same thing per endpoint: one group.
            let pos = groups
                .iter()
                .position(|(f, _, p)| *f == family && *p == ports);
            match pos {
                Some(p) => {
                    if let Some(g) = groups.get_mut(p) {
                        g.1.push(endpoint);
                    }
                }
                None => groups.push((family, vec![endpoint], ports.clone())),
            }
        }
    }
    if groups.is_empty() {
        return Err("the Endpoints has no addresses, so there is nothing to migrate".into());
    }
    let mut chunks: Vec<(Family, Vec<Endpoint>, Vec<EndpointPort>)> = Vec::new();
    for (family, endpoints, ports) in groups {
        for chunk in endpoints.chunks(MAX_ENDPOINTS) {
            chunks.push((family, chunk.to_vec(), ports.clone()));
        }
    }
    let count = |f: Family| chunks.iter().filter(|(x, _, _)| *x == f).count();
    let (n4, n6) = (count(Family::V4), count(Family::V6));
    let mut seen = (0, 0);
    let mut out = Vec::new();
    for (family, endpoints, ports) in chunks {
        let (stem, n, total) = match family {
            Family::V4 => {
                seen.0 += 1;
                ("ipv4", seen.0, n4)
            }
            Family::V6 => {
                seen.1 += 1;
                ("ipv6", seen.1, n6)
            }
        };
        let slice_name = if total > 1 {
            format!("{name}-{stem}-{n}")
        } else {
            format!("{name}-{stem}")
        };
        if slice_name.len() > NAME_MAX {
            return Err(format!(
                "the slice name \"{slice_name}\" would be longer than {NAME_MAX} characters"
            ));
        }
        out.push(EndpointSlice {
            metadata: metadata(&ep.metadata, &name, slice_name),
            address_type: family.as_str().to_string(),
            endpoints: Some(endpoints),
            ports: (!ports.is_empty()).then_some(ports),
        });
    }
    Ok(out)
}

fn endpoint(a: &EndpointAddress, ready: bool) -> Result<(Family, Endpoint), String> {
    let parsed =
        ip::parse(&a.ip).ok_or_else(|| format!("\"{}\" is not a valid IP address", a.ip))?;
    Ok((
        parsed.family(),
        Endpoint {
            addresses: vec![parsed.canonical()],
            conditions: Some(EndpointConditions {
                ready: Some(ready),
                serving: None,
                terminating: None,
            }),
            hostname: a.hostname.clone().filter(|h| !h.is_empty()),
            node_name: a.node_name.clone().filter(|n| !n.is_empty()),
            target_ref: a.target_ref.clone(),
            ..Endpoint::default()
        },
    ))
}

fn metadata(from: &ObjectMeta, service: &str, name: String) -> ObjectMeta {
    // Built by inserting what is kept: a filtered `collect` would compile a sort, and
    // `retain` a B-tree's removal (rebalancing, merging), for these two maps alone.
    let kept = |map: &Option<BTreeMap<String, String>>, keep: &dyn Fn(&str) -> bool| {
        let mut out = BTreeMap::new();
        for (k, v) in map.iter().flatten() {
            if keep(k) {
                out.insert(k.clone(), v.clone());
            }
        }
        out
    };
    let mut labels = kept(&from.labels, &|k| {
        k != SKIP_MIRROR_LABEL && k != ENDPOINTS_MANAGED_BY_LABEL
    });
    labels.insert(SERVICE_NAME_LABEL.into(), service.into());
    labels.insert(MANAGED_BY_LABEL.into(), MANAGED_BY.into());
    let annotations = kept(&from.annotations, &|k| !DROPPED_ANNOTATIONS.contains(&k));
    ObjectMeta {
        name: Some(name),
        namespace: from.namespace.clone().filter(|n| !n.is_empty()),
        labels: Some(labels),
        annotations: (!annotations.is_empty()).then_some(annotations),
        owner_references: from.owner_references.clone().filter(|o| !o.is_empty()),
        ..ObjectMeta::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::core::v1::EndpointSubset;

    fn addr(ip: &str) -> EndpointAddress {
        EndpointAddress {
            ip: ip.into(),
            ..EndpointAddress::default()
        }
    }

    #[test]
    fn splits_by_family_and_size() {
        let mut ready: Vec<EndpointAddress> = (0..1001)
            .map(|i| addr(&format!("10.0.{}.{}", i / 250, i % 250 + 1)))
            .collect();
        ready.push(addr("2001:DB8::1"));
        let ep = Endpoints {
            metadata: ObjectMeta {
                name: Some("db".into()),
                ..ObjectMeta::default()
            },
            subsets: Some(vec![EndpointSubset {
                addresses: Some(ready),
                not_ready_addresses: Some(vec![addr("010.1.2.3")]),
                ports: None,
            }]),
        };
        let slices = convert(&ep).unwrap_or_default();
        let names: Vec<_> = slices
            .iter()
            .filter_map(|s| s.metadata.name.clone())
            .collect();
        assert_eq!(names, ["db-ipv4-1", "db-ipv4-2", "db-ipv6"]);
        let sizes: Vec<_> = slices
            .iter()
            .map(|s| s.endpoints.as_ref().map_or(0, Vec::len))
            .collect();
        assert_eq!(sizes, [1000, 2, 1]);
        let last_v4 = slices
            .get(1)
            .and_then(|s| s.endpoints.as_ref())
            .and_then(|e| e.last());
        assert_eq!(
            last_v4.map(|e| e.addresses.clone()),
            Some(vec!["10.1.2.3".to_string()])
        );
        assert_eq!(
            last_v4
                .and_then(|e| e.conditions.as_ref())
                .and_then(|c| c.ready),
            Some(false)
        );
        let v6 = slices
            .get(2)
            .and_then(|s| s.endpoints.as_ref())
            .and_then(|e| e.first());
        assert_eq!(
            v6.map(|e| e.addresses.clone()),
            Some(vec!["2001:db8::1".to_string()])
        );
    }

    #[test]
    fn refuses_invalid_ips_and_empty_endpoints() {
        let mut ep = Endpoints {
            metadata: ObjectMeta {
                name: Some("db".into()),
                ..ObjectMeta::default()
            },
            subsets: None,
        };
        assert!(convert(&ep).is_err());
        ep.subsets = Some(vec![EndpointSubset {
            addresses: Some(vec![addr("db.example.com")]),
            ..EndpointSubset::default()
        }]);
        assert_eq!(
            convert(&ep).err(),
            Some("\"db.example.com\" is not a valid IP address".to_string())
        );
    }
}
