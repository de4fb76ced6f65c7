//! Per-Service checks on a Service and the backends paired with it, and the run-wide
//! checks (endpoint IPs that are cluster IPs; Endpoints and slices for one Service).

use crate::hash::HashMap;
use std::net::IpAddr;

use crate::diagnostic::Severity;
use crate::path;
use crate::validate::Finding;

use super::backend::{AddrAt, AddrType, Backend, BackendKind, FirstAddr, IpRef};
use super::loc::Loc;
use super::pair::describe;
use super::summary::{Svc, SvcType, CONTROLLER_MANAGER, MANAGED_BY_LABEL, MIRRORING_MANAGER};
use super::{place, ports, Found};

/// Checks `svc` against the `backends` paired with it. `mentioned`: a pairing finding
/// already names the Service (so it is not reported as having no backends).
pub(super) fn check(svc: &Svc, backends: &[&Backend], mentioned: bool, out: &mut Vec<Found>) {
    if backends.is_empty() {
        if svc.selector.is_none() && svc.kind != SvcType::ExternalName && !mentioned {
            out.push(no_backends(svc));
        }
        return;
    }
    if svc.kind == SvcType::ExternalName {
        out.push(external_name(svc, backends));
        return;
    }
    let managed =
        |b: &Backend, value: &str| b.managed_by.as_ref().is_some_and(|(v, _)| &**v == value);
    if let Some(selector_loc) = svc.selector {
        for b in backends.iter().filter(|b| managed(b, CONTROLLER_MANAGER)) {
            out.push(managed_by(svc, b, true));
        }
        let endpoints = backends.iter().any(|b| b.kind == BackendKind::Endpoints);
        let manual_slices = backends
            .iter()
            .any(|b| b.kind == BackendKind::Slice && !managed(b, CONTROLLER_MANAGER));
        if endpoints || manual_slices {
            out.push(selector_present(svc, backends, endpoints, selector_loc));
        }
        // The controllers own these endpoints: port and family details are moot.
        return;
    }
    for b in backends.iter().filter(|b| managed(b, CONTROLLER_MANAGER)) {
        out.push(managed_by(svc, b, false));
    }
    let mut usable: Vec<&Backend> = Vec::new();
    for b in backends {
        if b.addr_type == AddrType::Fqdn {
            out.push(fqdn(svc, b));
        } else if !managed(b, MIRRORING_MANAGER) && b.mirrored {
            // A manual slice claiming the mirroring controller is deleted by it
            // (ES-MANAGED-BY-MIRRORING), and an Endpoints it skips is never mirrored
            // (EP-MIRROR-SKIPPED); both are single-object rules: nothing to pair here.
            usable.push(b);
        }
    }
    if usable.is_empty() {
        // Only FQDN, mirroring-managed or unmirrored backends: their own findings say it all.
        return;
    }
    ports::check(svc, &usable, out);
    families(svc, &usable, out);
    traffic_policies(svc, &usable, out);
}

fn no_backends(svc: &Svc) -> Found {
    let message = format!(
        "selectorless Service \"{}\" has no Endpoints or EndpointSlice in this input; if none exists in the cluster, it has no endpoints and connections to it are rejected",
        svc.name
    );
    place(
        &svc.at,
        Finding::new("SVC-NO-BACKENDS", path!("metadata.name"), message),
        svc.name_loc,
    )
}

fn external_name(svc: &Svc, backends: &[&Backend]) -> Found {
    let names: Vec<String> = backends.iter().take(2).map(|b| describe(b)).collect();
    let message = format!(
        "ExternalName Service \"{}\" ignores {}: DNS answers with a CNAME and kube-proxy does not program ExternalName Services, so these endpoints are never used",
        svc.name,
        names.join(" and ")
    );
    place(
        &svc.at,
        Finding::new(
            "SVC-EXTERNALNAME-WITH-ENDPOINTS",
            path!("spec.type"),
            message,
        ),
        svc.type_loc,
    )
}

fn selector_present(
    svc: &Svc,
    backends: &[&Backend],
    endpoints: bool,
    loc: super::loc::Loc,
) -> Found {
    // With Endpoints, name only them: the Endpoints controller does not touch slices.
    let names: Vec<String> = backends
        .iter()
        .filter(|b| !endpoints || b.kind == BackendKind::Endpoints)
        .take(2)
        .map(|b| describe(b))
        .collect();
    let (message, severity) = if endpoints {
        (
            format!(
                "Service \"{}\" has a selector, so the Endpoints controller rewrites {} from matching Pods (empty if none match) and nothing is mirrored",
                svc.name,
                names.join(" and ")
            ),
            None,
        )
    } else {
        (
            format!(
                "Service \"{}\" has a selector and a hand-written {}: kube-proxy mixes Pod endpoints with the manual ones",
                svc.name,
                names.join(" and ")
            ),
            Some(Severity::Warning),
        )
    };
    let finding = Finding::new("SVC-SELECTOR-PRESENT", path!("spec.selector"), message);
    let finding = match severity {
        Some(s) => finding.severity(s),
        None => finding,
    };
    place(&svc.at, finding, loc)
}

fn managed_by(svc: &Svc, b: &Backend, selector: bool) -> Found {
    let path = path!("metadata.labels").key(MANAGED_BY_LABEL);
    let loc = b
        .managed_by
        .as_ref()
        .map_or(super::loc::Loc::none(), |(_, l)| *l);
    let finding = if selector {
        Finding::new(
            "ES-MANAGED-BY-CONTROLLER",
            path,
            format!(
                "{} claims {MANAGED_BY_LABEL}: {CONTROLLER_MANAGER}, and Service \"{}\" has a selector, so the EndpointSlice controller reconciles the hand-written slice away",
                describe(b),
                svc.name
            ),
        )
    } else {
        Finding::new(
            "ES-MANAGED-BY-RESERVED",
            path,
            format!(
                "{} uses the reserved {MANAGED_BY_LABEL} value {CONTROLLER_MANAGER}; it works only while Service \"{}\" stays selectorless",
                describe(b),
                svc.name
            ),
        )
    };
    place(&b.at, finding, loc)
}

fn fqdn(svc: &Svc, b: &Backend) -> Found {
    let headless = svc.kind == SvcType::Headless;
    let message = if headless {
        format!(
            "{} has addressType FQDN; headless Service \"{}\" gets no A/AAAA records from it (kube-proxy ignores FQDN slices and cluster DNS support varies)",
            describe(b),
            svc.name
        )
    } else {
        format!(
            "{} has addressType FQDN, which kube-proxy does not support, so Service \"{}\" gets no endpoints from it",
            describe(b),
            svc.name
        )
    };
    let finding = Finding::new("ES-FQDN-NOT-PROXIED", path!("addressType"), message);
    let finding = if headless {
        finding.severity(Severity::Warning)
    } else {
        finding
    };
    place(&b.at, finding, b.addr_type_loc)
}

fn families(svc: &Svc, backends: &[&Backend], out: &mut Vec<Found>) {
    let (SvcType::Proxied, Some(f)) = (svc.kind, svc.families) else {
        return;
    };
    let only = if f.v4 { "IPv4" } else { "IPv6" };
    for b in backends {
        let mut report = |family: &str, count: u32, first: Option<(AddrAt, IpAddr, Loc)>| {
            let Some((at, ip, loc)) = first else { return };
            let message = format!(
                "{} has {count} {family} address(es) (first \"{}\") but Service \"{}\" serves only {only}, so kube-proxy drops them",
                describe(b),
                crate::validate::ip::Ip::canonical_of(ip),
                svc.name
            );
            out.push(place(
                &b.at,
                Finding::new("EP-IPFAMILY-MISMATCH", at.path(), message),
                loc,
            ));
        };
        match b.addr_type {
            AddrType::Mixed => {
                if !f.v4 {
                    report("IPv4", b.v4, b.first_v4.as_ref().map(FirstAddr::get));
                }
                if !f.v6 {
                    report("IPv6", b.v6, b.first_v6.as_deref().map(FirstAddr::get));
                }
            }
            AddrType::IPv4 | AddrType::IPv6 => {
                let (family, served) = if b.addr_type == AddrType::IPv4 {
                    ("IPv4", f.v4)
                } else {
                    ("IPv6", f.v6)
                };
                if !served {
                    let message = format!(
                        "{} has addressType {family} but Service \"{}\" serves only {only}, so kube-proxy drops its endpoints",
                        describe(b),
                        svc.name
                    );
                    out.push(place(
                        &b.at,
                        Finding::new("EP-IPFAMILY-MISMATCH", path!("addressType"), message),
                        b.addr_type_loc,
                    ));
                }
            }
            AddrType::Fqdn | AddrType::Other => {}
        }
    }
}

fn traffic_policies(svc: &Svc, backends: &[&Backend], out: &mut Vec<Found>) {
    if svc.kind != SvcType::Proxied {
        return;
    }
    let addresses: u64 = backends.iter().map(|b| u64::from(b.addresses)).sum();
    let with_node: u64 = backends.iter().map(|b| u64::from(b.with_node)).sum();
    if addresses == 0 || with_node > 0 {
        return;
    }
    if let Some(loc) = svc.itp_local {
        let message = format!(
            "Service \"{}\" has internalTrafficPolicy Local, but none of its endpoints names a node, so no endpoint is local and in-cluster traffic is dropped",
            svc.name
        );
        out.push(place(
            &svc.at,
            Finding::new(
                "SVC-ITP-LOCAL-EXTERNAL",
                path!("spec.internalTrafficPolicy"),
                message,
            ),
            loc,
        ));
    }
    if let Some(loc) = svc.etp_local {
        let message = format!(
            "Service \"{}\" has externalTrafficPolicy Local, but none of its endpoints names a node, so no endpoint is local and external traffic is dropped",
            svc.name
        );
        out.push(place(
            &svc.at,
            Finding::new(
                "SVC-ETP-LOCAL-EXTERNAL",
                path!("spec.externalTrafficPolicy"),
                message,
            ),
            loc,
        ));
    }
}

/// EP-AND-ES-BOTH: an Endpoints and a hand-written slice for the same (namespace, name).
/// Not for a Service of the input with a selector (the mirroring controller's
/// `syncEndpoints` mirrors nothing then: SVC-SELECTOR-PRESENT) or of type ExternalName
/// (kube-proxy merges nothing: SVC-EXTERNALNAME-WITH-ENDPOINTS).
/// `by_key`: the Service that wins each (namespace, name), from pairing.
pub(super) fn both_kinds(
    services: &[Svc],
    by_key: &HashMap<(&str, &str), usize>,
    backends: &[Backend],
    out: &mut Vec<Found>,
) {
    // Whether the Service (the last of its namespace and name) merges backends.
    let merged = |key: &(&str, &str)| {
        by_key
            .get(key)
            .and_then(|&i| services.get(i))
            .map(|s| s.selector.is_none() && s.kind != SvcType::ExternalName)
    };
    // Backend indices, not references: the key and value types of `by_key`, so the map's
    // code is in the module once.
    let mut slices: HashMap<(&str, &str), usize> = HashMap::default();
    for (i, b) in backends.iter().enumerate() {
        let manual = b
            .managed_by
            .as_ref()
            .is_none_or(|(v, _)| &**v != MIRRORING_MANAGER);
        if let (BackendKind::Slice, true, Some(t)) = (b.kind, manual, b.target.as_deref()) {
            slices.entry((b.ns.effective.as_ref(), t)).or_insert(i);
        }
    }
    for b in backends
        .iter()
        .filter(|b| b.kind == BackendKind::Endpoints && b.mirrored)
    {
        let Some(t) = b.target.as_deref() else {
            continue;
        };
        let key = (b.ns.effective.as_ref(), t);
        if merged(&key) == Some(false) {
            continue;
        }
        if let Some(slice) = slices.get(&key).and_then(|&i| backends.get(i)) {
            let message = format!(
                "{} and {} both provide endpoints for Service \"{t}\": kube-proxy merges the mirrored copy of the Endpoints with the slice, two sources of truth",
                describe(b),
                describe(slice)
            );
            out.push(place(
                &b.at,
                Finding::new("EP-AND-ES-BOTH", path!("metadata.name"), message),
                b.target_loc,
            ));
        }
    }
}

/// EP-IP-CLUSTERIP for every endpoint IP that is a Service's cluster IP.
pub(super) fn cluster_ip_hits(
    services: &[Svc],
    backends: &[Backend],
    hits: &[(IpRef, usize)],
    out: &mut Vec<Found>,
) {
    for (ip, s) in hits {
        let (Some(b), Some(svc)) = (backends.get(ip.backend as usize), services.get(*s)) else {
            continue;
        };
        let message = format!(
            "{} address \"{}\" is the cluster IP of Service \"{}\": kube-proxy does not support virtual IPs as a destination",
            describe(b),
            crate::validate::ip::Ip::canonical_of(ip.ip),
            svc.name
        );
        out.push(place(
            &b.at,
            Finding::new("EP-IP-CLUSTERIP", ip.at.path(), message),
            ip.loc,
        ));
    }
}
