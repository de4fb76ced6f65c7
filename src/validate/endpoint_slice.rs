//! EndpointSlice rules (API-server validation and warnings): `ValidateEndpointSlice`
//! (`ValidateObjectMeta(NameIsDNSSubdomain)`, `validateAddressType`, `validateEndpoints`,
//! `validatePorts`), the strategy's warnings (`warnOnDeprecatedAddressType`,
//! `warnOnBadIPs`), and what kube-proxy makes of one slice on its own.
//!
//! Addresses of an IPv4/IPv6 slice go through `IsValidIPv4Address`/`IsValidIPv6Address`,
//! which parse with `ParseIPSloppy` too: leading zeros are accepted (with a warning), and
//! `::ffff:1.2.3.4` counts as IPv4 (it is rejected in an IPv6 slice).

use crate::hash::HashSet;

use k8s_openapi::api::discovery::v1::{Endpoint, EndpointHints, EndpointPort, EndpointSlice};

use super::endpoints::PROTOCOLS;
use super::meta::{self, MetaCodes, NameRule};
use super::{ip, msg, names, Context, Finding};
use crate::field_path::At;

const META: MetaCodes = MetaCodes {
    name_required: "ES-NAME-DNS1123SUBDOMAIN",
    name_invalid: "ES-NAME-DNS1123SUBDOMAIN",
    generate_name_invalid: "ES-NAME-DNS1123SUBDOMAIN",
    namespace_invalid: "ES-NAMESPACE-DNS1123",
};

const ADDRESS_TYPES: &[&str] = &["FQDN", "IPv4", "IPv6"];
const MAX_ENDPOINTS: usize = 1000;
const MAX_ADDRESSES: usize = 100;
const MAX_PORTS: usize = 20000;
const MAX_TOPOLOGY_LABELS: usize = 16;
const MAX_HINTS: usize = 8;

/// The label kube-proxy and DNS pair a slice with its Service by.
pub(crate) const SERVICE_NAME_LABEL: &str = "kubernetes.io/service-name";
/// The label naming a slice's manager.
pub(crate) const MANAGED_BY_LABEL: &str = "endpointslice.kubernetes.io/managed-by";
/// The EndpointSlice controller's manager value.
pub(crate) const CONTROLLER: &str = "endpointslice-controller.k8s.io";
/// The mirroring controller's manager value.
pub(crate) const MIRRORING_CONTROLLER: &str = "endpointslicemirroring-controller.k8s.io";

/// Collects the single-object findings for an EndpointSlice.
pub(crate) fn check(slice: &EndpointSlice, ctx: &Context, out: &mut Vec<Finding>) {
    meta::check(&slice.metadata, NameRule::Dns1123Subdomain, &META, out);
    let address_type = slice.address_type.as_str();
    if address_type.is_empty() {
        out.push(Finding::at(
            "ES-ADDRESSTYPE-REQUIRED",
            At::fields("addressType"),
            msg::required(""),
        ));
    } else if !ADDRESS_TYPES.contains(&address_type) {
        out.push(Finding::at(
            "ES-ADDRESSTYPE-INVALID",
            At::fields("addressType"),
            msg::unsupported(address_type, ADDRESS_TYPES),
        ));
    } else if address_type == "FQDN" {
        out.push(Finding::at(
            "ES-FQDN-DEPRECATED",
            At::fields("addressType"),
            "FQDN endpoints are deprecated",
        ));
    }
    let labels = slice.metadata.labels.as_ref();
    let managed_by = labels
        .and_then(|l| l.get(MANAGED_BY_LABEL))
        .map(String::as_str);
    // warnOnBadIPs skips the slices the controllers write.
    let warn_ips = !matches!(managed_by, Some(CONTROLLER | MIRRORING_CONTROLLER));
    let endpoints = slice.endpoints.as_deref().unwrap_or_default();
    let root = At::fields("endpoints");
    if endpoints.len() > MAX_ENDPOINTS {
        // validateEndpoints stops here.
        out.push(Finding::at(
            "ES-ENDPOINTS-TOO-MANY",
            root,
            msg::too_many(endpoints.len(), MAX_ENDPOINTS),
        ));
    } else {
        for (i, ep) in endpoints.iter().enumerate() {
            check_endpoint(ep, address_type, &root.index(i), ctx, warn_ips, out);
        }
    }
    if !endpoints.is_empty()
        && endpoints
            .iter()
            .all(|e| e.conditions.as_ref().and_then(|c| c.ready) == Some(false))
    {
        out.push(Finding::at(
            "ES-NOT-READY",
            root,
            "every endpoint has conditions.ready: false: kube-proxy and DNS skip not-ready endpoints, so this slice gives the Service no backend",
        ));
    }
    check_ports(slice.ports.as_deref().unwrap_or_default(), out);
    check_labels(
        managed_by,
        labels.and_then(|l| l.get(SERVICE_NAME_LABEL)),
        out,
    );
}

/// One `endpoints[i]` entry.
fn check_endpoint(
    ep: &Endpoint,
    address_type: &str,
    path: &At<'_>,
    ctx: &Context,
    warn_ips: bool,
    out: &mut Vec<Finding>,
) {
    let ap = path.field("addresses");
    if ep.addresses.is_empty() {
        out.push(Finding::at(
            "ES-ADDRESSES-REQUIRED",
            ap,
            msg::required("must contain at least 1 address"),
        ));
    } else if ep.addresses.len() > MAX_ADDRESSES {
        out.push(Finding::at(
            "ES-ADDRESSES-TOO-MANY",
            ap,
            msg::too_many(ep.addresses.len(), MAX_ADDRESSES),
        ));
    }
    for (j, address) in ep.addresses.iter().enumerate() {
        let p = ap.index(j);
        match address_type {
            "IPv4" => check_ip(address, ip::Family::V4, &p, ctx, warn_ips, out),
            "IPv6" => check_ip(address, ip::Family::V6, &p, ctx, warn_ips, out),
            "FQDN" => {
                if let Err(m) = names::fqdn(address) {
                    out.push(Finding::at("ES-ADDRESS-FQDN", p, m));
                }
            }
            // Unknown address types are not validated (ES-ADDRESSTYPE-INVALID covers them).
            _ => {}
        }
    }
    if ep.addresses.len() > 1 {
        out.push(Finding::at(
            "ES-MULTI-ADDRESS-ENDPOINT",
            ap.index(1),
            format!(
                "endpoint lists {} addresses: kube-proxy uses only addresses[0] ({}); give each backend its own endpoint",
                ep.addresses.len(),
                msg::quote(&ep.addresses[0])
            ),
        ));
    }
    if let Some(n) = ep.node_name.as_deref() {
        let errs = names::dns1123_subdomain(n);
        if !errs.is_empty() {
            out.push(Finding::at(
                "ES-NODENAME-INVALID",
                path.field("nodeName"),
                msg::invalid_str(n, &errs),
            ));
        }
    }
    if let Some(topology) = ep.deprecated_topology.as_ref() {
        check_topology(topology, &path.field("deprecatedTopology"), out);
    }
    if let Some(h) = ep.hostname.as_deref() {
        let errs = names::dns1123_label(h);
        if !errs.is_empty() {
            out.push(Finding::at(
                "ES-HOSTNAME-DNS1123",
                path.field("hostname"),
                msg::invalid_str(h, &errs),
            ));
        }
    }
    if let Some(hints) = ep.hints.as_ref() {
        check_hints(hints, &path.field("hints"), ctx, out);
    }
}

/// `IsValidIPv4Address`/`IsValidIPv6Address` + `ValidateEndpointIP` + `warnOnBadIPs`.
fn check_ip(
    address: &str,
    family: ip::Family,
    path: &At<'_>,
    ctx: &Context,
    warn_ips: bool,
    out: &mut Vec<Finding>,
) {
    let (code, detail) = match family {
        ip::Family::V4 => ("ES-ADDRESS-IPV4", "must be a valid IPv4 address"),
        ip::Family::V6 => ("ES-ADDRESS-IPV6", "must be a valid IPv6 address"),
    };
    let Some(parsed) = ip::parse(address).filter(|p| p.family() == family) else {
        // ValidateEndpointIP adds "must be a valid IP address" for garbage: one finding.
        out.push(Finding::at(
            code,
            path,
            msg::invalid_str(address, &[detail.to_string()]),
        ));
        return;
    };
    let strict = parsed.strict_errors();
    if ip::strict_by_default(ctx.kube_minor) && !strict.is_empty() {
        out.push(Finding::at(
            "ES-IP-STRICT",
            path,
            msg::invalid_str(address, &strict),
        ));
    } else if let Some(w) = parsed.warning(address).filter(|_| warn_ips) {
        out.push(Finding::at("ES-IP-NONSTANDARD", path, w));
    }
    let special = parsed.special_errors(address);
    if !special.is_empty() {
        out.push(Finding::at(
            "ES-ADDRESS-SPECIAL",
            path,
            msg::invalid_str(address, &special),
        ));
    }
}

/// `deprecatedTopology`: validated as labels, but `dropTopologyOnV1` discards the field on
/// create through discovery.k8s.io/v1 before validation, so this is advice only.
fn check_topology(
    topology: &std::collections::BTreeMap<String, String>,
    path: &At<'_>,
    out: &mut Vec<Finding>,
) {
    let mut details = Vec::new();
    if topology.len() > MAX_TOPOLOGY_LABELS {
        details.push(msg::too_many(topology.len(), MAX_TOPOLOGY_LABELS));
    }
    let mut bad = Vec::new();
    meta::check_labels(topology, path, "ES-TOPOLOGY-INVALID", &mut bad);
    details.extend(bad.into_iter().map(|f| f.message));
    if !details.is_empty() {
        out.push(Finding::at(
            "ES-TOPOLOGY-INVALID",
            path,
            format!(
                "{} (discovery.k8s.io/v1 drops deprecatedTopology on create, so it is ignored)",
                details.join("; ")
            ),
        ));
    }
}

/// `validateHints`: `forZones` (label values) and `forNodes` (node names), at most 8 each,
/// no duplicates. Before 1.34 `forNodes` is dropped before validation
/// (`dropDisabledFieldsOnCreate`: the PreferSameTrafficDistribution gate is off in 1.33).
fn check_hints(hints: &EndpointHints, path: &At<'_>, ctx: &Context, out: &mut Vec<Finding>) {
    let zones: Vec<&str> = hints
        .for_zones
        .as_deref()
        .unwrap_or_default()
        .iter()
        .map(|z| z.name.as_str())
        .collect();
    let nodes: Vec<&str> = hints
        .for_nodes
        .as_deref()
        .unwrap_or_default()
        .iter()
        .map(|n| n.name.as_str())
        .collect();
    hint_list(&zones, &path.field("forZones"), names::label_value, out);
    if ctx.kube_minor >= 34 {
        hint_list(
            &nodes,
            &path.field("forNodes"),
            names::dns1123_subdomain,
            out,
        );
    }
}

fn hint_list(
    items: &[&str],
    path: &At<'_>,
    grammar: fn(&str) -> Vec<String>,
    out: &mut Vec<Finding>,
) {
    if items.len() > MAX_HINTS {
        out.push(Finding::at(
            "ES-HINTS-INVALID",
            path,
            msg::too_many(items.len(), MAX_HINTS),
        ));
        return;
    }
    let mut seen = HashSet::default();
    for (i, name) in items.iter().enumerate() {
        let item = path.index(i);
        let p = item.field("name");
        if !seen.insert(*name) {
            out.push(Finding::at("ES-HINTS-INVALID", p, msg::duplicate_str(name)));
        }
        let errs = grammar(name);
        if !errs.is_empty() {
            out.push(Finding::at(
                "ES-HINTS-INVALID",
                p,
                msg::invalid_str(name, &errs),
            ));
        }
    }
}

/// `validatePorts`.
fn check_ports(ports: &[EndpointPort], out: &mut Vec<Finding>) {
    let root = At::fields("ports");
    if ports.len() > MAX_PORTS {
        out.push(Finding::at(
            "ES-PORTS-TOO-MANY",
            root,
            msg::too_many(ports.len(), MAX_PORTS),
        ));
        return;
    }
    let mut seen = HashSet::default();
    for (i, p) in ports.iter().enumerate() {
        let pp = root.index(i);
        // discovery/v1 defaults an omitted name to "": two unnamed ports are duplicates.
        let name = p.name.as_deref().unwrap_or("");
        if !name.is_empty() {
            let errs = names::dns1123_label(name);
            if !errs.is_empty() {
                out.push(Finding::at(
                    "ES-PORT-NAME-DNS1123",
                    pp.field("name"),
                    msg::invalid_str(name, &errs),
                ));
            }
        }
        // One port cannot be a duplicate: the set stays unallocated.
        if ports.len() > 1 && !seen.insert(name) {
            out.push(Finding::at(
                "ES-PORT-NAME-DUPLICATE",
                pp.field("name"),
                msg::duplicate_str(name),
            ));
        }
        // An omitted protocol is defaulted to TCP; an explicit "" is not.
        if let Some(proto) = p.protocol.as_deref() {
            if !PROTOCOLS.contains(&proto) {
                out.push(Finding::at(
                    "ES-PORT-PROTOCOL",
                    pp.field("protocol"),
                    msg::unsupported(proto, PROTOCOLS),
                ));
            }
        }
        if let Some(app) = p.app_protocol.as_deref() {
            let errs = names::qualified_name(app);
            if !errs.is_empty() {
                out.push(Finding::at(
                    "ES-APPPROTOCOL-INVALID",
                    pp.field("appProtocol"),
                    msg::invalid_str(app, &errs),
                ));
            }
        }
    }
}

/// ES-SERVICE-NAME-LABEL (missing or empty) and ES-MANAGED-BY-MIRRORING.
fn check_labels(managed_by: Option<&str>, service_name: Option<&String>, out: &mut Vec<Finding>) {
    let labels = At::fields("metadata.labels");
    match service_name.map(String::as_str) {
        None => out.push(Finding::at(
            "ES-SERVICE-NAME-LABEL",
            labels.key(SERVICE_NAME_LABEL),
            format!("label {SERVICE_NAME_LABEL} is missing: kube-proxy and DNS never associate this slice with a Service"),
        )),
        Some("") => out.push(Finding::at(
            "ES-SERVICE-NAME-LABEL",
            labels.key(SERVICE_NAME_LABEL),
            format!("label {SERVICE_NAME_LABEL} is empty: kube-proxy and DNS never associate this slice with a Service"),
        )),
        Some(_) => {}
    }
    if managed_by == Some(MIRRORING_CONTROLLER) {
        out.push(Finding::at(
            "ES-MANAGED-BY-MIRRORING",
            labels.key(MANAGED_BY_LABEL),
            format!("{MANAGED_BY_LABEL}: {MIRRORING_CONTROLLER} claims the slice for the mirroring controller, which finds no Endpoints to mirror and deletes it"),
        ));
    }
}
