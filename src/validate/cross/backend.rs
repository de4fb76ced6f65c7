//! Compact summaries of Endpoints and EndpointSlices (the "backends" of a Service): the
//! Service they name, their ports, address families and counts, and the locations
//! findings may point at.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::rc::Rc;

use k8s_openapi::api::core::v1::Endpoints;
use k8s_openapi::api::discovery::v1::EndpointSlice;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use crate::field_path::FieldPath;
use crate::field_path::Segment::{self, Field, Index, Key};

use super::loc::{Loc, Locator};
use super::shared::{At, Strings};
use super::summary::{parse_ip, protocol, Ns, MANAGED_BY_LABEL, SERVICE_NAME_LABEL};

/// An index in a list of an object, in 32 bits (the wasm build's usize; no document
/// holds more items).
fn idx(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// Where an endpoint port is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum PortAt {
    /// `subsets[i].ports[j]` of an Endpoints.
    Subset(u32, u32),
    /// `ports[j]` of an EndpointSlice.
    Slice(u32),
}

impl PortAt {
    /// The path of this port's `field`.
    pub fn path(self, field: &'static str) -> FieldPath {
        FieldPath::of(self.segments(field).to_vec())
    }

    /// The location of this port's `field`.
    pub fn locate(self, field: &'static str, locate: &mut Locator<'_>) -> Loc {
        locate.at(&self.segments(field))
    }

    fn segments(self, field: &'static str) -> Segments {
        match self {
            PortAt::Subset(i, j) => Segments::five([
                Field("subsets"),
                Index(i as usize),
                Field("ports"),
                Index(j as usize),
                Field(field),
            ]),
            PortAt::Slice(j) => Segments::three([Field("ports"), Index(j as usize), Field(field)]),
        }
    }
}

/// A path of at most five segments, on the stack.
struct Segments {
    items: [Segment; 5],
    len: usize,
}

impl Segments {
    fn five(items: [Segment; 5]) -> Segments {
        Segments { items, len: 5 }
    }

    fn four([a, b, c, d]: [Segment; 4]) -> Segments {
        Segments {
            items: [a, b, c, d, Index(0)],
            len: 4,
        }
    }

    fn three([a, b, c]: [Segment; 3]) -> Segments {
        Segments {
            items: [a, b, c, Index(0), Index(0)],
            len: 3,
        }
    }
}

impl std::ops::Deref for Segments {
    type Target = [Segment];

    fn deref(&self) -> &[Segment] {
        &self.items[..self.len]
    }
}

/// One endpoint port.
#[derive(Debug)]
pub(super) struct BPort {
    pub at: PortAt,
    pub name: Rc<str>,
    pub protocol: Rc<str>,
    /// `None` for a slice port without a number (or 0).
    pub port: Option<i32>,
    pub name_loc: Loc,
    pub protocol_loc: Loc,
    pub port_loc: Loc,
}

impl BPort {
    fn new(
        at: PortAt,
        name: Option<&str>,
        proto: Option<&str>,
        port: Option<i32>,
        strings: &mut Strings,
        locate: &mut Locator<'_>,
    ) -> BPort {
        BPort {
            name: strings.get(name.unwrap_or_default()),
            protocol: strings.get(protocol(proto)),
            port: port.filter(|p| *p != 0),
            name_loc: at.locate("name", locate),
            protocol_loc: at.locate("protocol", locate),
            port_loc: at.locate("port", locate),
            at,
        }
    }
}

/// Where an endpoint address is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum AddrAt {
    /// `subsets[i].addresses[j].ip`.
    Ready(u32, u32),
    /// `subsets[i].notReadyAddresses[j].ip`.
    NotReady(u32, u32),
    /// `endpoints[i].addresses[j]` of an EndpointSlice.
    Slice(u32, u32),
}

impl AddrAt {
    /// Sorts the addresses of one object in the order they are read.
    pub fn order(self) -> (u32, bool, u32) {
        match self {
            AddrAt::Ready(i, j) | AddrAt::Slice(i, j) => (i, false, j),
            AddrAt::NotReady(i, j) => (i, true, j),
        }
    }

    /// The path of the address.
    pub fn path(self) -> FieldPath {
        FieldPath::of(self.segments().to_vec())
    }

    /// The location of the address.
    pub fn locate(self, locate: &mut Locator<'_>) -> Loc {
        locate.at(&self.segments())
    }

    fn segments(self) -> Segments {
        let (list, i, items, j) = match self {
            AddrAt::Ready(i, j) => ("subsets", i, "addresses", j),
            AddrAt::NotReady(i, j) => ("subsets", i, "notReadyAddresses", j),
            AddrAt::Slice(i, j) => ("endpoints", i, "addresses", j),
        };
        let (i, j) = (Index(i as usize), Index(j as usize));
        match self {
            AddrAt::Slice(..) => Segments::four([Field(list), i, Field(items), j]),
            _ => Segments::five([Field(list), i, Field(items), j, Field("ip")]),
        }
    }
}

/// One endpoint IP, kept for EP-IP-CLUSTERIP.
#[derive(Debug)]
pub(super) struct IpRef {
    pub backend: u32,
    pub at: AddrAt,
    pub ip: IpAddr,
    pub loc: Loc,
}

/// The first address of a family in a backend (`A`: `Ipv4Addr` or `Ipv6Addr`).
#[derive(Debug)]
pub(super) struct FirstAddr<A> {
    pub at: AddrAt,
    pub ip: A,
    pub loc: Loc,
}

impl<A: Copy + Into<IpAddr>> FirstAddr<A> {
    /// Where, which IP, and its location.
    pub fn get(&self) -> (AddrAt, IpAddr, Loc) {
        (self.at, self.ip.into(), self.loc)
    }
}

/// `addressType` of an EndpointSlice; an Endpoints carries any family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum AddrType {
    /// Endpoints: each IP has its own family.
    Mixed,
    IPv4,
    IPv6,
    Fqdn,
    /// Invalid or missing (reported by the single-object rules).
    Other,
}

/// Endpoints or EndpointSlice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum BackendKind {
    Endpoints,
    Slice,
}

/// What the cross rules keep of an Endpoints or an EndpointSlice.
#[derive(Debug)]
pub(super) struct Backend {
    pub at: At,
    pub kind: BackendKind,
    /// The object's own name (for messages).
    pub name: Rc<str>,
    /// The Service it names: the Endpoints' name, or the slice's service-name label.
    pub target: Option<Rc<str>>,
    /// Location of `metadata.name` or of the service-name label.
    pub target_loc: Loc,
    pub ns: Ns,
    /// Location of `metadata.namespace` (or of `metadata` when omitted).
    pub ns_loc: Loc,
    pub addr_type: AddrType,
    pub addr_type_loc: Loc,
    /// The managed-by label and its location.
    pub managed_by: Option<(Rc<str>, Loc)>,
    /// False for an Endpoints the mirroring controller skips (`shouldMirror`): label
    /// `endpointslice.kubernetes.io/skip-mirror: "true"` or the leader-election
    /// annotation. Such an Endpoints reaches neither kube-proxy nor DNS (EP-MIRROR-SKIPPED).
    pub mirrored: bool,
    pub ports: Box<[BPort]>,
    /// Ready addresses (Endpoints `addresses`, slice endpoints) and how many name a node.
    pub addresses: u32,
    pub with_node: u32,
    /// The first IPv4 and IPv6 address (all addresses of an Endpoints, `addresses[0]`
    /// of each slice endpoint, which is all kube-proxy reads).
    pub first_v4: Option<FirstAddr<Ipv4Addr>>,
    /// Boxed: most backends have none, and inline it would take 36 bytes in each.
    pub first_v6: Option<Box<FirstAddr<Ipv6Addr>>>,
    pub v4: u32,
    pub v6: u32,
}

impl Backend {
    fn empty(
        meta: &ObjectMeta,
        kind: BackendKind,
        at: At,
        strings: &mut Strings,
        locate: &mut Locator<'_>,
    ) -> Backend {
        let name = strings.reuse(at.name(), meta.name.as_deref().unwrap_or_default());
        let ns = Ns::of(meta, at.namespace(), strings);
        Backend {
            at,
            kind,
            name,
            target: None,
            target_loc: Loc::none(),
            ns,
            ns_loc: locate.at(&[Field("metadata"), Field("namespace")]),
            addr_type: AddrType::Mixed,
            addr_type_loc: Loc::none(),
            managed_by: None,
            ports: Box::default(),
            addresses: 0,
            with_node: 0,
            mirrored: true,
            first_v4: None,
            first_v6: None,
            v4: 0,
            v6: 0,
        }
    }

    /// Counts a ready address and whether it names a node.
    fn count_address(&mut self, node: Option<&str>) {
        self.addresses = self.addresses.saturating_add(1);
        let named = node.is_some_and(|n| !n.is_empty());
        self.with_node = self.with_node.saturating_add(u32::from(named));
    }

    /// Counts `ip` at `addr` and returns it parsed.
    fn address(&mut self, addr: AddrAt, ip: &str, locate: &mut Locator<'_>) -> Option<IpAddr> {
        let parsed = parse_ip(ip)?;
        match parsed {
            IpAddr::V4(ip) => {
                self.v4 = self.v4.saturating_add(1);
                if self.first_v4.is_none() {
                    let loc = addr.locate(locate);
                    self.first_v4 = Some(FirstAddr { at: addr, ip, loc });
                }
            }
            IpAddr::V6(ip) => {
                self.v6 = self.v6.saturating_add(1);
                if self.first_v6.is_none() {
                    let loc = addr.locate(locate);
                    self.first_v6 = Some(Box::new(FirstAddr { at: addr, ip, loc }));
                }
            }
        }
        Some(parsed)
    }

    /// The summary of an Endpoints and its IPs.
    pub fn endpoints(
        ep: &Endpoints,
        at: At,
        strings: &mut Strings,
        locate: &mut Locator<'_>,
    ) -> (Backend, Vec<(AddrAt, IpAddr)>) {
        let mut b = Backend::empty(&ep.metadata, BackendKind::Endpoints, at, strings, locate);
        b.target = (ep.metadata.name.as_deref())
            .filter(|n| !n.is_empty())
            .map(|n| strings.reuse(Some(&b.name), n));
        b.target_loc = locate.at(&[Field("metadata"), Field("name")]);
        let meta = &ep.metadata;
        let skip = meta
            .labels
            .as_ref()
            .and_then(|l| l.get("endpointslice.kubernetes.io/skip-mirror"))
            .is_some_and(|v| v == "true");
        let leader = meta
            .annotations
            .as_ref()
            .is_some_and(|a| a.contains_key("control-plane.alpha.kubernetes.io/leader"));
        b.mirrored = !skip && !leader;
        let mut ips = Vec::new();
        let mut ports = Vec::new();
        for (i, subset) in ep.subsets.iter().flatten().enumerate() {
            for (j, p) in subset.ports.iter().flatten().enumerate() {
                let port = BPort::new(
                    PortAt::Subset(idx(i), idx(j)),
                    p.name.as_deref(),
                    p.protocol.as_deref(),
                    Some(p.port),
                    strings,
                    locate,
                );
                ports.push(port);
            }
            for (j, a) in subset.addresses.iter().flatten().enumerate() {
                b.count_address(a.node_name.as_deref());
                let addr = AddrAt::Ready(idx(i), idx(j));
                if let Some(ip) = b.address(addr, &a.ip, locate) {
                    ips.push((addr, ip));
                }
            }
            for (j, a) in subset.not_ready_addresses.iter().flatten().enumerate() {
                let addr = AddrAt::NotReady(idx(i), idx(j));
                if let Some(ip) = b.address(addr, &a.ip, locate) {
                    ips.push((addr, ip));
                }
            }
        }
        // Kept for the whole run: no spare capacity.
        b.ports = ports.into_boxed_slice();
        (b, ips)
    }

    /// The summary of an EndpointSlice and its IPs.
    pub fn slice(
        es: &EndpointSlice,
        at: At,
        strings: &mut Strings,
        locate: &mut Locator<'_>,
    ) -> (Backend, Vec<(AddrAt, IpAddr)>) {
        let mut b = Backend::empty(&es.metadata, BackendKind::Slice, at, strings, locate);
        let labels = es.metadata.labels.as_ref();
        let label = |key: &str| {
            labels
                .and_then(|l| l.get(key))
                .filter(|v| !v.is_empty())
                .map(String::as_str)
        };
        b.target = strings.opt(label(SERVICE_NAME_LABEL));
        b.target_loc = locate.at(&[
            Field("metadata"),
            Field("labels"),
            Key(SERVICE_NAME_LABEL.into()),
        ]);
        b.managed_by = label(MANAGED_BY_LABEL).map(|v| {
            (
                strings.get(v),
                locate.at(&[
                    Field("metadata"),
                    Field("labels"),
                    Key(MANAGED_BY_LABEL.into()),
                ]),
            )
        });
        b.addr_type = match es.address_type.as_str() {
            "IPv4" => AddrType::IPv4,
            "IPv6" => AddrType::IPv6,
            "FQDN" => AddrType::Fqdn,
            _ => AddrType::Other,
        };
        b.addr_type_loc = locate.at(&[Field("addressType")]);
        // From a slice, so the box is allocated once at its exact size.
        b.ports = es
            .ports
            .as_deref()
            .unwrap_or_default()
            .iter()
            .enumerate()
            .map(|(j, p)| {
                BPort::new(
                    PortAt::Slice(idx(j)),
                    p.name.as_deref(),
                    p.protocol.as_deref(),
                    p.port,
                    strings,
                    locate,
                )
            })
            .collect();
        let mut ips = Vec::new();
        for (i, e) in es.endpoints.iter().flatten().enumerate() {
            b.count_address(e.node_name.as_deref());
            if matches!(b.addr_type, AddrType::Fqdn | AddrType::Other) {
                continue;
            }
            // kube-proxy uses only addresses[0] (`addEndpoints`).
            if let Some(a) = e.addresses.first() {
                let addr = AddrAt::Slice(idx(i), 0);
                if let Some(ip) = b.address(addr, a, locate) {
                    ips.push((addr, ip));
                }
            }
        }
        (b, ips)
    }
}
