//! Endpoints rules (API-server validation and warnings): `ValidateEndpoints` =
//! `ValidateObjectMeta(NameIsDNSSubdomain)` + `validateEndpointSubsets`, the
//! `endpointsWarnings` of the registry strategy, and what the mirroring controller makes of
//! one Endpoints on its own.

use crate::hash::HashMap;

use k8s_openapi::api::core::v1::{EndpointAddress, EndpointPort, Endpoints};

use super::meta::{self, MetaCodes, NameRule};
use super::{ip, msg, names, Context, Finding};
use crate::field_path::{At, FieldPath};

const META: MetaCodes = MetaCodes {
    name_required: "EP-NAME-REQUIRED",
    name_invalid: "EP-NAME-DNS1123SUBDOMAIN",
    generate_name_invalid: "EP-NAME-DNS1123SUBDOMAIN",
    namespace_invalid: "EP-NAMESPACE-DNS1123",
};

/// The protocols `supportedPortProtocols` allows, sorted as upstream lists them.
pub(crate) const PROTOCOLS: &[&str] = &["SCTP", "TCP", "UDP"];

/// `--mirroring-max-endpoints-per-subset` default.
const MIRROR_MAX: usize = 1000;

const SKIP_MIRROR_LABEL: &str = "endpointslice.kubernetes.io/skip-mirror";
const LEADER_ANNOTATION: &str = "control-plane.alpha.kubernetes.io/leader";
/// `endpointsWarnings` skips objects written by the Endpoints controller.
const MANAGED_BY_LABEL: &str = "endpoints.kubernetes.io/managed-by";
const ENDPOINT_CONTROLLER: &str = "endpoint-controller";

/// Collects the single-object findings for an Endpoints.
pub(crate) fn check(endpoints: &Endpoints, ctx: &Context, out: &mut Vec<Finding>) {
    let md = &endpoints.metadata;
    meta::check(md, NameRule::Dns1123Subdomain, &META, out);
    check_naming(endpoints, out);
    // Every supported version (1.33+) answers every v1 Endpoints write with this warning.
    if ctx.kube_minor >= 33 {
        out.push(Finding::at(
            "EP-DEPRECATED",
            FieldPath::root(),
            "v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice",
        ));
    }
    let labels = md.labels.as_ref();
    let warn_ips = labels
        .and_then(|l| l.get(MANAGED_BY_LABEL))
        .map(String::as_str)
        != Some(ENDPOINT_CONTROLLER);
    let subsets = endpoints.subsets.as_deref().unwrap_or_default();
    let root = At::fields("subsets");
    for (i, subset) in subsets.iter().enumerate() {
        let path = root.index(i);
        let ready = subset.addresses.as_deref().unwrap_or_default();
        let not_ready = subset.not_ready_addresses.as_deref().unwrap_or_default();
        if ready.is_empty() && not_ready.is_empty() {
            out.push(Finding::at(
                "EP-SUBSET-NO-ADDRESSES",
                path,
                msg::required("must specify `addresses` or `notReadyAddresses`"),
            ));
        }
        for (j, a) in ready.iter().enumerate() {
            check_address(a, &path.field("addresses").index(j), ctx, warn_ips, out);
        }
        for (j, a) in not_ready.iter().enumerate() {
            check_address(
                a,
                &path.field("notReadyAddresses").index(j),
                ctx,
                warn_ips,
                out,
            );
        }
        let ports = subset.ports.as_deref().unwrap_or_default();
        check_ports(ports, &path.field("ports"), out);
        if ready.len() + not_ready.len() > MIRROR_MAX {
            out.push(Finding::at(
                "EP-MIRROR-MAX-1000",
                path,
                format!(
                    "subset has {} addresses: only the first {MIRROR_MAX} are mirrored to EndpointSlices, {} are skipped",
                    ready.len() + not_ready.len(),
                    ready.len() + not_ready.len() - MIRROR_MAX
                ),
            ));
        }
    }
    if !subsets
        .iter()
        .any(|s| s.addresses.as_ref().is_some_and(|a| !a.is_empty()))
    {
        let (path, what) = if subsets.is_empty() {
            (FieldPath::root(), "Endpoints has no subsets")
        } else {
            (
                root.path(),
                "no subset lists `addresses` (not-ready addresses are skipped)",
            )
        };
        out.push(Finding::at(
            "EP-NO-READY-ADDRESSES",
            path,
            format!("{what}: no ready address, so kube-proxy and DNS have nothing to route to"),
        ));
    }
    check_mirror_skipped(endpoints, out);
}

/// EP-GENERATENAME and EP-NAME-NOT-SERVICE-NAME: names that can never pair with a Service.
fn check_naming(endpoints: &Endpoints, out: &mut Vec<Finding>) {
    let md = &endpoints.metadata;
    let name = md.name.as_deref().unwrap_or("");
    let generate_name = md.generate_name.as_deref().unwrap_or("");
    if name.is_empty() && !generate_name.is_empty() {
        out.push(Finding::at(
            "EP-GENERATENAME",
            At::fields("metadata.generateName"),
            format!(
                "generateName {} gives a random name, which matches no Service: Endpoints pair with the Service of the same name",
                msg::quote(generate_name)
            ),
        ));
    }
    if !name.is_empty()
        && names::dns1123_subdomain(name).is_empty()
        && !names::is_service_name(name)
    {
        out.push(Finding::at(
            "EP-NAME-NOT-SERVICE-NAME",
            At::fields("metadata.name"),
            format!(
                "name {} is a valid Endpoints name but not a valid Service name (a DNS-1035 label), so no Service can ever have this name",
                msg::quote(name)
            ),
        ));
    }
}

/// `validateEndpointAddress` plus the IP warnings of `endpointsWarnings`.
fn check_address(
    a: &EndpointAddress,
    path: &At<'_>,
    ctx: &Context,
    warn_ips: bool,
    out: &mut Vec<Finding>,
) {
    let ip_path = path.field("ip");
    match ip::parse(&a.ip) {
        // ValidateNonSpecialIP repeats "must be a valid IP address" here: one finding.
        None => out.push(Finding::at(
            "EP-IP-INVALID",
            ip_path,
            msg::invalid_str(
                &a.ip,
                &["must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)".into()],
            ),
        )),
        Some(parsed) => {
            let strict = parsed.strict_errors();
            let rejected = ip::strict_by_default(ctx.kube_minor) && !strict.is_empty();
            if rejected {
                out.push(Finding::at(
                    "EP-IP-STRICT",
                    ip_path,
                    msg::invalid_str(&a.ip, &strict),
                ));
            } else if let Some(w) = parsed.warning(&a.ip).filter(|_| warn_ips) {
                out.push(Finding::at("EP-IP-NONSTANDARD", ip_path, w));
            }
            special_findings(&parsed, &a.ip, &ip_path, out);
            if let Some(v4) = nonunicast(&parsed, &a.ip) {
                out.push(Finding::at("EP-IP-NONUNICAST", ip_path, v4));
            }
        }
    }
    if let Some(h) = a.hostname.as_deref().filter(|h| !h.is_empty()) {
        let errs = names::dns1123_label(h);
        if !errs.is_empty() {
            out.push(Finding::at(
                "EP-HOSTNAME-DNS1123",
                path.field("hostname"),
                msg::invalid_str(h, &errs),
            ));
        }
    }
    if let Some(n) = a.node_name.as_deref() {
        let errs = names::dns1123_subdomain(n);
        if !errs.is_empty() {
            out.push(Finding::at(
                "EP-NODENAME-INVALID",
                path.field("nodeName"),
                msg::invalid_str(n, &errs),
            ));
        }
    }
}

/// One finding per `ValidateNonSpecialIP` detail, each under its own code.
fn special_findings(parsed: &ip::Ip, text: &str, path: &At<'_>, out: &mut Vec<Finding>) {
    let checks: [(bool, &'static str); 4] = [
        (parsed.is_unspecified(), "EP-IP-UNSPECIFIED"),
        (parsed.is_loopback(), "EP-IP-LOOPBACK"),
        (parsed.is_link_local_unicast(), "EP-IP-LINKLOCAL"),
        (
            parsed.is_link_local_multicast(),
            "EP-IP-LINKLOCAL-MULTICAST",
        ),
    ];
    let details = parsed.special_errors(text);
    for ((_, code), detail) in checks.iter().filter(|(hit, _)| *hit).zip(details) {
        out.push(Finding::at(code, path, msg::invalid_str(text, &[detail])));
    }
}

/// Broadcast or multicast outside 224.0.0.0/24 / ff02::/16: accepted, useless as a backend.
fn nonunicast(parsed: &ip::Ip, text: &str) -> Option<String> {
    if parsed.is_link_local_multicast() {
        return None;
    }
    if parsed.is_broadcast() {
        return Some(format!(
            "{} is the broadcast address, not a unicast backend",
            msg::quote(text)
        ));
    }
    parsed.is_multicast().then(|| {
        format!(
            "{} is a multicast address: accepted, but it is not a unicast backend a connection can reach",
            msg::quote(text)
        )
    })
}

/// `validateEndpointPort` for each port, plus duplicate names (not checked by the API
/// server, but the mirrored EndpointSlice would be rejected).
fn check_ports(ports: &[EndpointPort], path: &At<'_>, out: &mut Vec<Finding>) {
    let require_name = ports.len() > 1;
    let mut seen: HashMap<&str, usize> = HashMap::default();
    for (k, p) in ports.iter().enumerate() {
        let pp = path.index(k);
        let name = p.name.as_deref().unwrap_or("");
        if require_name && name.is_empty() {
            out.push(Finding::at(
                "EP-PORT-NAME-REQUIRED",
                pp.field("name"),
                msg::required(""),
            ));
        } else if !name.is_empty() {
            let errs = names::dns1123_label(name);
            if !errs.is_empty() {
                out.push(Finding::at(
                    "EP-PORT-NAME-DNS1123",
                    pp.field("name"),
                    msg::invalid_str(name, &errs),
                ));
            }
            if let Some(first) = seen.get(name) {
                out.push(Finding::at(
                    "EP-PORT-NAME-DUPLICATE",
                    pp.field("name"),
                    format!(
                        "port name {} is also used by ports[{first}]: accepted here, but the mirrored EndpointSlice is rejected (duplicate port name), so nothing is mirrored",
                        msg::quote(name)
                    ),
                ));
            } else if require_name {
                // One port cannot repeat a name: the map stays unallocated.
                seen.insert(name, k);
            }
        }
        let errs = names::port_num(i64::from(p.port));
        if !errs.is_empty() {
            out.push(Finding::at(
                "EP-PORT-RANGE",
                pp.field("port"),
                msg::invalid_int(i64::from(p.port), &errs),
            ));
        }
        // An omitted or empty protocol is defaulted to TCP before validation.
        if let Some(proto) = p.protocol.as_deref().filter(|s| !s.is_empty()) {
            if !PROTOCOLS.contains(&proto) {
                out.push(Finding::at(
                    "EP-PORT-PROTOCOL",
                    pp.field("protocol"),
                    msg::unsupported(proto, PROTOCOLS),
                ));
            }
        }
        if let Some(app) = p.app_protocol.as_deref() {
            let errs = names::qualified_name(app);
            if !errs.is_empty() {
                out.push(Finding::at(
                    "EP-APPPROTOCOL-INVALID",
                    pp.field("appProtocol"),
                    msg::invalid_str(app, &errs),
                ));
            }
        }
    }
}

/// EP-MIRROR-SKIPPED: the mirroring controller's `shouldMirror` says no.
fn check_mirror_skipped(endpoints: &Endpoints, out: &mut Vec<Finding>) {
    let md = &endpoints.metadata;
    if md
        .labels
        .as_ref()
        .and_then(|l| l.get(SKIP_MIRROR_LABEL))
        .is_some_and(|v| v == "true")
    {
        out.push(Finding::at(
            "EP-MIRROR-SKIPPED",
            At::fields("metadata.labels").key(SKIP_MIRROR_LABEL),
            format!("label {SKIP_MIRROR_LABEL}: \"true\" stops the mirroring controller: no EndpointSlice is made, so kube-proxy and DNS never see these addresses"),
        ));
    }
    if md
        .annotations
        .as_ref()
        .is_some_and(|a| a.contains_key(LEADER_ANNOTATION))
    {
        out.push(Finding::at(
            "EP-MIRROR-SKIPPED",
            At::fields("metadata.annotations").key(LEADER_ANNOTATION),
            format!("annotation {LEADER_ANNOTATION} marks a leader-election lock, which the mirroring controller skips: no EndpointSlice is made"),
        ));
    }
}
