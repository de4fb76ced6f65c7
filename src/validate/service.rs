//! Service rules: `ValidateService` after `SetDefaults_Service` and `normalizeClusterIPs`,
//! the node-port allocator's range, and the warnings of `GetWarningsForService`.
//! The IP fields live in `service_ips.rs`.

use crate::hash::{HashMap, HashSet};

use k8s_openapi::api::core::v1::{Service, ServicePort, ServiceSpec};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::endpoints::PROTOCOLS;
use super::meta::{self, MetaCodes, NameRule};
use super::{ip, msg, names, service_ips, service_warnings, Context, Finding};
use crate::field_path::At;

const META: MetaCodes = MetaCodes {
    name_required: "SVC-NAME-REQUIRED",
    name_invalid: "SVC-NAME-DNS1035",
    generate_name_invalid: "SVC-GENERATENAME-DNS1035",
    namespace_invalid: "SVC-NAMESPACE-DNS1123",
};

const TYPES: &[&str] = &["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
const AFFINITIES: &[&str] = &["ClientIP", "None"];
const TRAFFIC_POLICIES: &[&str] = &["Cluster", "Local"];
/// `MaxClientIPServiceAffinitySeconds`.
const MAX_AFFINITY_SECONDS: i32 = 86400;
/// The default `--service-node-port-range`.
const NODE_PORTS: std::ops::RangeInclusive<i32> = 30000..=32767;
const LB_ONLY: &str = "may only be used when `type` is 'LoadBalancer'";

/// A Service's fields after defaulting and `normalizeClusterIPs`.
#[derive(Debug)]
pub(crate) struct Effective<'a> {
    /// `spec.type`, `ClusterIP` when omitted.
    pub type_: &'a str,
    /// `spec.clusterIPs`, or `[clusterIP]` when only `clusterIP` was given.
    pub cluster_ips: Vec<&'a str>,
    /// `isHeadlessService`: `clusterIPs == ["None"]`.
    pub headless: bool,
    /// `spec.sessionAffinity`, `None` when omitted.
    pub session_affinity: &'a str,
}

impl<'a> Effective<'a> {
    /// The defaulted view of `spec`.
    pub(crate) fn of(spec: &'a ServiceSpec) -> Self {
        let non_empty =
            |s: &'a Option<String>, d: &'a str| s.as_deref().filter(|v| !v.is_empty()).unwrap_or(d);
        let mut cluster_ips: Vec<&str> = spec
            .cluster_ips
            .as_deref()
            .unwrap_or_default()
            .iter()
            .map(String::as_str)
            .collect();
        if cluster_ips.is_empty() {
            if let Some(ip) = spec.cluster_ip.as_deref().filter(|s| !s.is_empty()) {
                cluster_ips.push(ip);
            }
        }
        let headless = cluster_ips.len() == 1 && cluster_ips[0] == "None";
        Effective {
            type_: non_empty(&spec.type_, "ClusterIP"),
            cluster_ips,
            headless,
            session_affinity: non_empty(&spec.session_affinity, "None"),
        }
    }

    /// `ExternallyAccessible`.
    fn externally_accessible(&self, spec: &ServiceSpec) -> bool {
        matches!(self.type_, "LoadBalancer" | "NodePort")
            || (self.type_ == "ClusterIP"
                && spec.external_ips.as_ref().is_some_and(|v| !v.is_empty()))
    }
}

/// Collects the single-object findings for a Service.
pub(crate) fn check(service: &Service, ctx: &Context, out: &mut Vec<Finding>) {
    meta::check(&service.metadata, NameRule::Dns1035Label, &META, out);
    let default_spec = ServiceSpec::default();
    let spec = service.spec.as_ref().unwrap_or(&default_spec);
    let eff = Effective::of(spec);
    let spec_path = At::fields("spec");
    let ports = spec.ports.as_deref().unwrap_or_default();
    if ports.is_empty() && !eff.headless && eff.type_ != "ExternalName" {
        out.push(Finding::at(
            "SVC-PORTS-REQUIRED",
            spec_path.field("ports"),
            msg::required(""),
        ));
    }
    match eff.type_ {
        t @ ("LoadBalancer" | "NodePort") if eff.headless => out.push(Finding::at(
            "SVC-HEADLESS-TYPE",
            spec_path.field("clusterIPs").index(0),
            msg::invalid_str(
                "None",
                &[format!("may not be set to 'None' for {t} services")],
            ),
        )),
        "ExternalName" => check_external_name(spec, &eff, out),
        _ => {}
    }
    check_ports(ports, &eff, out);
    if let Some(selector) = &spec.selector {
        meta::check_labels(
            selector,
            &spec_path.field("selector"),
            "SVC-SELECTOR-INVALID",
            out,
        );
    }
    check_affinity(spec, &eff, out);
    if eff.type_ != "ExternalName" {
        service_ips::check(spec, &eff, ctx, out);
    }
    service_ips::check_external_ips(spec, ctx, out);
    if !TYPES.contains(&eff.type_) {
        out.push(Finding::at(
            "SVC-TYPE-INVALID",
            spec_path.field("type"),
            msg::unsupported(eff.type_, TYPES),
        ));
    }
    check_lb_only(spec, &eff, out);
    check_traffic(spec, &eff, ctx, out);
    service_warnings::check(spec, &eff, out);
}

/// The ExternalName branch of `ValidateService`, plus the DNS pitfalls of a CNAME target.
fn check_external_name(spec: &ServiceSpec, eff: &Effective<'_>, out: &mut Vec<Finding>) {
    let spec_path = At::fields("spec");
    const ONLY: &str = "may not be set for ExternalName services";
    if !eff.cluster_ips.is_empty() {
        out.push(Finding::at(
            "SVC-EXTERNALNAME-CLUSTERIP",
            spec_path.field("clusterIPs"),
            msg::forbidden(ONLY),
        ));
    }
    if spec.ip_families.as_ref().is_some_and(|f| !f.is_empty()) {
        out.push(Finding::at(
            "SVC-EXTERNALNAME-IPFAMILY",
            spec_path.field("ipFamilies"),
            msg::forbidden(ONLY),
        ));
    }
    if spec.ip_family_policy.is_some() {
        out.push(Finding::at(
            "SVC-EXTERNALNAME-IPFAMILY",
            spec_path.field("ipFamilyPolicy"),
            msg::forbidden(ONLY),
        ));
    }
    let path = spec_path.field("externalName");
    let raw = spec.external_name.as_deref().unwrap_or("");
    // The value (a CNAME) may have one trailing dot to mark it fully qualified.
    let cname = raw.strip_suffix('.').unwrap_or(raw);
    if cname.is_empty() {
        out.push(Finding::at(
            "SVC-EXTERNALNAME-REQUIRED",
            path,
            msg::required(""),
        ));
        return;
    }
    let errs = names::dns1123_subdomain(cname);
    if !errs.is_empty() {
        out.push(Finding::at(
            "SVC-EXTERNALNAME-DNS1123",
            path,
            msg::invalid_str(cname, &errs),
        ));
    } else if ip::parse(cname).is_some() {
        out.push(Finding::at(
            "SVC-EXTERNALNAME-IP",
            path,
            format!("externalName {} is an IP address: DNS answers with a CNAME to it, which resolvers do not resolve; use a selectorless Service with an EndpointSlice instead", msg::quote(raw)),
        ));
    } else if !cname.contains('.') {
        out.push(Finding::at(
            "SVC-EXTERNALNAME-SINGLE-LABEL",
            path,
            format!("externalName {} is a single label: the CNAME target is absolute (no search path applies), so it normally does not resolve; use the fully qualified name", msg::quote(raw)),
        ));
    }
}

/// `validateServicePort` for each port, duplicates, node ports.
fn check_ports(ports: &[ServicePort], eff: &Effective<'_>, out: &mut Vec<Finding>) {
    let root = At::fields("spec.ports");
    let require_name = ports.len() > 1;
    // Duplicates need two ports; most Services have one, and then the sets stay unallocated.
    let several = ports.len() > 1;
    let mut names_seen = HashSet::default();
    let mut port_keys: HashMap<(&str, i32), usize> = HashMap::default();
    let mut node_port_keys: HashMap<(&str, i32), usize> = HashMap::default();
    for (i, p) in ports.iter().enumerate() {
        let pp = root.index(i);
        let name = p.name.as_deref().unwrap_or("");
        if require_name && name.is_empty() {
            out.push(Finding::at(
                "SVC-PORT-NAME-REQUIRED",
                pp.field("name"),
                msg::required(""),
            ));
        } else if !name.is_empty() {
            let errs = names::dns1123_label(name);
            if !errs.is_empty() {
                out.push(Finding::at(
                    "SVC-PORT-NAME-DNS1123",
                    pp.field("name"),
                    msg::invalid_str(name, &errs),
                ));
            }
            if several && !names_seen.insert(name) {
                out.push(Finding::at(
                    "SVC-PORT-NAME-DUPLICATE",
                    pp.field("name"),
                    msg::duplicate_str(name),
                ));
            }
        }
        let errs = names::port_num(i64::from(p.port));
        if !errs.is_empty() {
            out.push(Finding::at(
                "SVC-PORT-RANGE",
                pp.field("port"),
                msg::invalid_int(i64::from(p.port), &errs),
            ));
        }
        // Omitted or empty: defaulted to TCP.
        let protocol = p
            .protocol
            .as_deref()
            .filter(|s| !s.is_empty())
            .unwrap_or("TCP");
        if !PROTOCOLS.contains(&protocol) {
            out.push(Finding::at(
                "SVC-PORT-PROTOCOL",
                pp.field("protocol"),
                msg::unsupported(protocol, PROTOCOLS),
            ));
        }
        check_target_port(p, &pp, out);
        if let Some(app) = p.app_protocol.as_deref() {
            let errs = names::qualified_name(app);
            if !errs.is_empty() {
                out.push(Finding::at(
                    "SVC-APPPROTOCOL-INVALID",
                    pp.field("appProtocol"),
                    msg::invalid_str(app, &errs),
                ));
            }
        }
        if several && port_keys.insert((protocol, p.port), i).is_some() {
            out.push(Finding::at(
                "SVC-PORT-DUPLICATE",
                pp,
                msg::duplicate_raw(&format!(
                    "{{\"Name\":\"\",\"Protocol\":{},\"AppProtocol\":null,\"Port\":{},\"TargetPort\":0,\"NodePort\":0}}",
                    msg::quote(protocol),
                    p.port
                )),
            ));
        }
        let node_port = p.node_port.unwrap_or(0);
        if node_port == 0 {
            continue;
        }
        if eff.type_ == "ClusterIP" {
            out.push(Finding::at(
                "SVC-NODEPORT-CLUSTERIP",
                pp.field("nodePort"),
                msg::forbidden("may not be used when `type` is 'ClusterIP'"),
            ));
        } else if matches!(eff.type_, "NodePort" | "LoadBalancer")
            && !NODE_PORTS.contains(&node_port)
        {
            out.push(Finding::at(
                "SVC-NODEPORT-RANGE",
                pp.field("nodePort"),
                msg::invalid_int(
                    i64::from(node_port),
                    &["provided port is not in the valid range. The range of valid ports is 30000-32767".into()],
                ),
            ));
        }
        if several && node_port_keys.insert((protocol, node_port), i).is_some() {
            out.push(Finding::at(
                "SVC-NODEPORT-DUPLICATE",
                pp.field("nodePort"),
                msg::duplicate_raw(&node_port.to_string()),
            ));
        }
    }
}

/// The effective `targetPort` (`0` and `""` default to `port`).
pub(crate) fn target_port(p: &ServicePort) -> IntOrString {
    match &p.target_port {
        None | Some(IntOrString::Int(0)) => IntOrString::Int(p.port),
        Some(IntOrString::String(s)) if s.is_empty() => IntOrString::Int(p.port),
        Some(t) => t.clone(),
    }
}

/// `ValidatePortNumOrName` on the defaulted `targetPort`.
fn check_target_port(p: &ServicePort, pp: &At<'_>, out: &mut Vec<Finding>) {
    let target = target_port(p);
    let errs = match &target {
        IntOrString::Int(n) => names::port_num(i64::from(*n)),
        IntOrString::String(s) => names::port_name(s),
    };
    if !errs.is_empty() {
        let rendered = match &target {
            IntOrString::Int(n) => n.to_string(),
            IntOrString::String(s) => msg::quote(s),
        };
        out.push(Finding::at(
            "SVC-TARGETPORT-INVALID",
            pp.field("targetPort"),
            msg::invalid_raw(&rendered, &errs.join("; ")),
        ));
    }
}

/// `sessionAffinity` and `validateClientIPAffinityConfig` (a missing config is defaulted).
fn check_affinity(spec: &ServiceSpec, eff: &Effective<'_>, out: &mut Vec<Finding>) {
    let spec_path = At::fields("spec");
    if !AFFINITIES.contains(&eff.session_affinity) {
        out.push(Finding::at(
            "SVC-SESSIONAFFINITY-INVALID",
            spec_path.field("sessionAffinity"),
            msg::unsupported(eff.session_affinity, AFFINITIES),
        ));
    }
    if eff.session_affinity != "ClientIP" {
        return;
    }
    let timeout = spec
        .session_affinity_config
        .as_ref()
        .and_then(|c| c.client_ip.as_ref())
        .and_then(|c| c.timeout_seconds);
    if let Some(t) = timeout.filter(|t| *t <= 0 || *t > MAX_AFFINITY_SECONDS) {
        out.push(Finding::at(
            "SVC-SESSIONAFFINITY-INVALID",
            spec_path
                .field("sessionAffinityConfig")
                .field("clientIP")
                .field("timeoutSeconds"),
            msg::invalid_int(
                i64::from(t),
                &[format!(
                    "must be greater than 0 and less than {MAX_AFFINITY_SECONDS}"
                )],
            ),
        ));
    }
}

/// Fields allowed only on LoadBalancer Services.
fn check_lb_only(spec: &ServiceSpec, eff: &Effective<'_>, out: &mut Vec<Finding>) {
    let spec_path = At::fields("spec");
    let lb = eff.type_ == "LoadBalancer";
    if !lb
        && spec
            .load_balancer_source_ranges
            .as_ref()
            .is_some_and(|r| !r.is_empty())
    {
        // Sic: upstream spells this path with a capital L.
        out.push(Finding::at(
            "SVC-LB-ONLY-FIELD",
            spec_path.field("LoadBalancerSourceRanges"),
            msg::forbidden(LB_ONLY),
        ));
    }
    if !lb && spec.allocate_load_balancer_node_ports.is_some() {
        out.push(Finding::at(
            "SVC-LB-ONLY-FIELD",
            spec_path.field("allocateLoadBalancerNodePorts"),
            msg::forbidden(LB_ONLY),
        ));
    }
    if let Some(class) = spec.load_balancer_class.as_deref() {
        let path = spec_path.field("loadBalancerClass");
        if !lb {
            out.push(Finding::at(
                "SVC-LB-ONLY-FIELD",
                path,
                msg::forbidden(LB_ONLY),
            ));
        }
        let errs = names::qualified_name(class);
        if !errs.is_empty() {
            out.push(Finding::at(
                "SVC-LB-ONLY-FIELD",
                path,
                msg::invalid_str(class, &errs),
            ));
        }
    }
}

/// External and internal traffic policy, traffic distribution.
fn check_traffic(spec: &ServiceSpec, eff: &Effective<'_>, ctx: &Context, out: &mut Vec<Finding>) {
    let spec_path = At::fields("spec");
    let etp = spec.external_traffic_policy.as_deref().unwrap_or("");
    if !eff.externally_accessible(spec) {
        if !etp.is_empty() {
            out.push(Finding::at(
                "SVC-ETP-NOT-EXTERNAL",
                spec_path.field("externalTrafficPolicy"),
                msg::invalid_str(
                    etp,
                    &["may only be set for externally-accessible services".into()],
                ),
            ));
        }
    } else if !etp.is_empty() && !TRAFFIC_POLICIES.contains(&etp) {
        out.push(Finding::at(
            "SVC-ETP-INVALID",
            spec_path.field("externalTrafficPolicy"),
            msg::unsupported(etp, TRAFFIC_POLICIES),
        ));
    }
    check_health_check_node_port(spec, eff, etp, out);
    if let Some(itp) = spec.internal_traffic_policy.as_deref() {
        if !TRAFFIC_POLICIES.contains(&itp) {
            out.push(Finding::at(
                "SVC-ITP-INVALID",
                spec_path.field("internalTrafficPolicy"),
                msg::unsupported(itp, TRAFFIC_POLICIES),
            ));
        }
    }
    if let Some(td) = spec.traffic_distribution.as_deref() {
        // PreferSameZone/PreferSameNode arrive with PreferSameTrafficDistribution (beta, on, 1.34).
        let supported: &[&str] = if ctx.kube_minor >= 34 {
            &["PreferClose", "PreferSameNode", "PreferSameZone"]
        } else {
            &["PreferClose"]
        };
        if !supported.contains(&td) {
            out.push(Finding::at(
                "SVC-TRAFFICDISTRIBUTION-INVALID",
                spec_path.field("trafficDistribution"),
                msg::unsupported(td, supported),
            ));
        } else if td == "PreferClose" && ctx.kube_minor >= 34 {
            // warnings.go `GetWarningsForService`, once PreferSameZone can be used.
            out.push(Finding::at(
                "SVC-TRAFFICDISTRIBUTION-DEPRECATED",
                spec_path.field("trafficDistribution"),
                "spec.trafficDistribution: \"PreferClose\" is deprecated; use \"PreferSameZone\"",
            ));
        }
    }
}

/// `healthCheckNodePort` (the second half of `validateServiceExternalTrafficPolicy`): only a
/// LoadBalancer with `externalTrafficPolicy: Local` has one (`NeedsHealthCheck`); there the
/// node-port allocator, which runs before validation, takes a requested port only from its
/// range, as for `nodePort`. Omitted (0), the allocator picks one.
fn check_health_check_node_port(
    spec: &ServiceSpec,
    eff: &Effective<'_>,
    etp: &str,
    out: &mut Vec<Finding>,
) {
    let port = spec.health_check_node_port.unwrap_or(0);
    if port == 0 {
        return;
    }
    let spec_path = At::fields("spec");
    let path = spec_path.field("healthCheckNodePort");
    let needs_health_check = eff.type_ == "LoadBalancer" && etp == "Local";
    if !needs_health_check {
        out.push(Finding::at(
            "SVC-HEALTHCHECK-NODEPORT",
            path,
            msg::invalid_int(
                i64::from(port),
                &["may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'".into()],
            ),
        ));
    } else if !NODE_PORTS.contains(&port) {
        out.push(Finding::at(
            "SVC-NODEPORT-RANGE",
            path,
            msg::invalid_int(
                i64::from(port),
                &["provided port is not in the valid range. The range of valid ports is 30000-32767".into()],
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(v: serde_json::Value) -> ServiceSpec {
        serde_json::from_value(v).unwrap_or_default()
    }

    #[test]
    fn effective_applies_defaulting_and_normalization() {
        let s = spec(serde_json::json!({"clusterIP": "None"}));
        let e = Effective::of(&s);
        assert_eq!((e.type_, e.session_affinity), ("ClusterIP", "None"));
        assert_eq!(e.cluster_ips, vec!["None"]);
        assert!(e.headless);
        // clusterIPs is never copied back into clusterIP, and None with a second IP is not headless.
        let s = spec(serde_json::json!({"clusterIPs": ["None", "2001::1"], "type": ""}));
        let e = Effective::of(&s);
        assert_eq!(e.cluster_ips, vec!["None", "2001::1"]);
        assert!(!e.headless);
        assert_eq!(e.type_, "ClusterIP");
        let s = spec(serde_json::json!({"type": "NodePort"}));
        assert!(Effective::of(&s).externally_accessible(&s));
        let s = spec(serde_json::json!({"externalIPs": ["203.0.113.1"]}));
        assert!(Effective::of(&s).externally_accessible(&s));
        let s = spec(serde_json::json!({"type": "ExternalName", "externalIPs": ["203.0.113.1"]}));
        assert!(!Effective::of(&s).externally_accessible(&s));
    }

    #[test]
    fn target_port_defaults_to_port() {
        let port =
            |v: serde_json::Value| -> ServicePort { serde_json::from_value(v).unwrap_or_default() };
        assert_eq!(
            target_port(&port(serde_json::json!({"port": 80}))),
            IntOrString::Int(80)
        );
        assert_eq!(
            target_port(&port(serde_json::json!({"port": 80, "targetPort": 0}))),
            IntOrString::Int(80)
        );
        assert_eq!(
            target_port(&port(serde_json::json!({"port": 80, "targetPort": ""}))),
            IntOrString::Int(80)
        );
        assert_eq!(
            target_port(&port(serde_json::json!({"port": 80, "targetPort": "http"}))),
            IntOrString::String("http".into())
        );
    }
}
