//! Compact summaries of Services (names, namespace, type, ports, families, traffic
//! policies) and what Services and backends share (namespace, labels, IP parsing). Only
//! what pairing and the cross-object rules need is kept, never the objects.

use std::net::IpAddr;
use std::rc::Rc;

use k8s_openapi::api::core::v1::{Service, ServiceSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use crate::field_path::Segment::{Field, Index};

use super::loc::{Loc, Locator};
use super::shared::{At, Strings};

/// Label naming the Service an EndpointSlice belongs to (`discovery.LabelServiceName`).
pub(super) const SERVICE_NAME_LABEL: &str = "kubernetes.io/service-name";
/// Label naming the controller that manages an EndpointSlice (`discovery.LabelManagedBy`).
pub(super) const MANAGED_BY_LABEL: &str = "endpointslice.kubernetes.io/managed-by";
/// The EndpointSlice controller's managed-by value (`endpointslice-controller.k8s.io`).
pub(super) const CONTROLLER_MANAGER: &str = "endpointslice-controller.k8s.io";
/// The mirroring controller's managed-by value.
pub(super) const MIRRORING_MANAGER: &str = "endpointslicemirroring-controller.k8s.io";

/// The namespace an object lands in.
#[derive(Debug)]
pub(super) struct Ns {
    /// The namespace used for pairing: an omitted namespace is the context namespace,
    /// taken to be `default` (what `kubectl apply -f` uses without `-n`).
    pub effective: Rc<str>,
    /// Whether `metadata.namespace` was written.
    pub explicit: bool,
}

impl Ns {
    /// The namespace of `meta`; `known` is the shared copy of it, if there is one.
    pub fn of(meta: &ObjectMeta, known: Option<&Rc<str>>, strings: &mut Strings) -> Ns {
        match meta.namespace.as_deref().filter(|n| !n.is_empty()) {
            Some(n) => Ns {
                effective: strings.reuse(known, n),
                explicit: true,
            },
            None => Ns {
                effective: strings.get("default"),
                explicit: false,
            },
        }
    }

    /// `"prod"`, or `"default" (omitted: the context namespace)` for messages.
    pub fn describe(&self) -> String {
        if self.explicit {
            format!("namespace \"{}\"", self.effective)
        } else {
            "no namespace (the context namespace, usually \"default\")".to_string()
        }
    }
}

/// How a Service is served.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum SvcType {
    /// `ClusterIP` (the default), `NodePort` or `LoadBalancer` with a cluster IP: proxied.
    Proxied,
    /// `clusterIP: None`: DNS only, never proxied.
    Headless,
    /// `type: ExternalName`: a DNS CNAME.
    ExternalName,
}

/// Which IP families a Service serves, when that is known from the manifest alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Families {
    pub v4: bool,
    pub v6: bool,
}

/// An explicit `targetPort` (a defaulted one, 0 or `""`, is `None`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Target {
    Int(i32),
    Name(Rc<str>),
}

/// One Service port.
#[derive(Debug)]
pub(super) struct SvcPort {
    pub index: usize,
    pub name: Rc<str>,
    pub protocol: Rc<str>,
    pub port: i32,
    pub target: Option<Target>,
    pub loc: Loc,
    pub target_loc: Loc,
}

/// What the cross rules keep of a Service.
#[derive(Debug)]
pub(super) struct Svc {
    pub at: At,
    pub name: Rc<str>,
    pub name_loc: Loc,
    pub ns: Ns,
    pub kind: SvcType,
    pub type_loc: Loc,
    /// `Some(location of spec.selector)` when the selector has at least one entry.
    pub selector: Option<Loc>,
    pub families: Option<Families>,
    pub cluster_ips: Box<[IpAddr]>,
    /// `Some(location)` when `internalTrafficPolicy: Local`.
    pub itp_local: Option<Loc>,
    /// `Some(location)` when externally accessible with `externalTrafficPolicy: Local`.
    pub etp_local: Option<Loc>,
    pub ports: Box<[SvcPort]>,
    /// `spec.publishNotReadyAddresses: true`: DNS serves not-ready endpoints too.
    pub publish_not_ready: bool,
}

impl Svc {
    /// The summary of `svc`, or `None` when it has no name (nothing can pair with it).
    pub fn new(
        svc: &Service,
        at: At,
        strings: &mut Strings,
        locate: &mut Locator<'_>,
    ) -> Option<Svc> {
        let name = strings.reuse(
            at.name(),
            svc.metadata.name.as_deref().filter(|n| !n.is_empty())?,
        );
        let ns = Ns::of(&svc.metadata, at.namespace(), strings);
        let no_spec = ServiceSpec::default();
        let spec = svc.spec.as_ref().unwrap_or(&no_spec);
        let type_ = spec.type_.as_deref().filter(|t| !t.is_empty());
        let first_ip = spec
            .cluster_ip
            .as_deref()
            .filter(|ip| !ip.is_empty())
            .or_else(|| {
                spec.cluster_ips
                    .as_ref()
                    .and_then(|v| v.first())
                    .map(String::as_str)
            });
        let kind = match (type_, first_ip) {
            (Some("ExternalName"), _) => SvcType::ExternalName,
            (_, Some("None")) => SvcType::Headless,
            _ => SvcType::Proxied,
        };
        let mut cluster_ips: Vec<IpAddr> = spec
            .cluster_ips
            .iter()
            .flatten()
            .chain(spec.cluster_ip.iter())
            .filter_map(|ip| parse_ip(ip))
            .collect();
        cluster_ips.dedup();
        // The controllers test `Selector != nil`; an empty `selector: {}` is stored as
        // protobuf, where an empty map reads back as nil, so only a non-empty one counts.
        let selector = spec
            .selector
            .as_ref()
            .filter(|s| !s.is_empty())
            .map(|_| locate.at(&[Field("spec"), Field("selector")]));
        let externally_accessible = matches!(type_, Some("NodePort" | "LoadBalancer"))
            || spec.external_ips.as_ref().is_some_and(|v| !v.is_empty());
        let itp_local = (spec.internal_traffic_policy.as_deref() == Some("Local"))
            .then(|| locate.at(&[Field("spec"), Field("internalTrafficPolicy")]));
        let etp_local = (externally_accessible
            && spec.external_traffic_policy.as_deref() == Some("Local"))
        .then(|| locate.at(&[Field("spec"), Field("externalTrafficPolicy")]));
        // From a slice, so the box is allocated once at its exact size.
        let ports = spec
            .ports
            .as_deref()
            .unwrap_or_default()
            .iter()
            .enumerate()
            .map(|(index, p)| SvcPort {
                index,
                name: strings.get(p.name.as_deref().unwrap_or_default()),
                protocol: strings.get(protocol(p.protocol.as_deref())),
                port: p.port,
                target: match &p.target_port {
                    Some(IntOrString::Int(n)) if *n != 0 => Some(Target::Int(*n)),
                    Some(IntOrString::String(s)) if !s.is_empty() => {
                        Some(Target::Name(strings.get(s)))
                    }
                    _ => None,
                },
                loc: locate.at(&[Field("spec"), Field("ports"), Index(index)]),
                target_loc: locate.at(&[
                    Field("spec"),
                    Field("ports"),
                    Index(index),
                    Field("targetPort"),
                ]),
            })
            .collect();
        Some(Svc {
            name_loc: locate.at(&[Field("metadata"), Field("name")]),
            ns,
            type_loc: locate.at(&[Field("spec"), Field("type")]),
            families: families(
                spec.ip_families.as_deref(),
                spec.ip_family_policy.as_deref(),
                &cluster_ips,
            ),
            at,
            name,
            kind,
            selector,
            cluster_ips: cluster_ips.into_boxed_slice(),
            itp_local,
            etp_local,
            publish_not_ready: spec.publish_not_ready_addresses == Some(true),
            ports,
        })
    }
}

/// The families a Service serves, when the manifest alone says. A dual-stack policy with
/// fewer than two families depends on the cluster, and no families at all means the
/// cluster's default: both are unknown.
fn families(
    ip_families: Option<&[String]>,
    policy: Option<&str>,
    cluster_ips: &[IpAddr],
) -> Option<Families> {
    let mut f = Families {
        v4: false,
        v6: false,
    };
    match ip_families.filter(|v| !v.is_empty()) {
        Some(list) => {
            for family in list {
                match family.as_str() {
                    "IPv4" => f.v4 = true,
                    "IPv6" => f.v6 = true,
                    // An invalid family is a rejection reported elsewhere; say nothing.
                    _ => return None,
                }
            }
        }
        None if !cluster_ips.is_empty() => {
            for ip in cluster_ips {
                match ip {
                    IpAddr::V4(_) => f.v4 = true,
                    IpAddr::V6(_) => f.v6 = true,
                }
            }
        }
        None => return None,
    }
    let dual_policy = matches!(policy, Some("PreferDualStack" | "RequireDualStack"));
    if dual_policy && !(f.v4 && f.v6) {
        return None;
    }
    Some(f)
}

/// An IP as the API server and kube-proxy read it (`ParseIPSloppy`: `010.1.2.3` is
/// 10.1.2.3; an IPv4-mapped IPv6 address is IPv4, as Go's `To4` says).
pub(super) fn parse_ip(text: &str) -> Option<IpAddr> {
    crate::validate::ip::parse(text).map(|ip| ip.std_addr())
}

/// A defaulted protocol (an omitted or empty one is TCP, `SetDefaults_*`).
pub(super) fn protocol(p: Option<&str>) -> &str {
    match p {
        Some(p) if !p.is_empty() => p,
        _ => "TCP",
    }
}
