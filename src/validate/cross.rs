//! Cross-object rules: how Services pair with Endpoints and EndpointSlices across all
//! documents of all inputs of one run.
//!
//! Objects are added one at a time while their document is alive; only a compact summary
//! (names, ports, address families, the locations findings may need) is kept, so memory
//! stays bounded by what pairing needs rather than by the size of the input. Pairing is
//! linear: hash maps keyed by (namespace, name).
//!
//! * `summary.rs`, `backend.rs`: the summaries; `shared.rs`: the strings they share and
//!   their compact object references; `loc.rs`: their packed locations.
//! * `pair.rs`: which Endpoints/slices belong to which Service, exactly (same namespace
//!   and name, as the mirroring controller and kube-proxy pair them) or evidently (a
//!   namespace or name mistake), and the findings about the pairing itself.
//! * `ports.rs`: Service ports against endpoint ports (kube-proxy's name + protocol key).
//! * `service.rs`: the other per-Service checks (selector, ExternalName, traffic policies,
//!   families, managed-by, FQDN slices) and the run-wide ones (cluster IPs as endpoints,
//!   Endpoints and slices for the same Service).

mod backend;
mod loc;
mod pair;
mod ports;
mod service;
mod shared;
mod summary;

use crate::hash::HashMap;
use std::net::{IpAddr, Ipv4Addr};

use crate::diagnostic::{Location, ObjectRef};
use crate::field_path::Segment;
use crate::object::Object;

use super::{Context, Finding};
use backend::{Backend, IpRef};
use loc::{Loc, Locator, Locs};
use shared::{At, Strings};
use summary::Svc;

/// Endpoint IPs kept for checks against cluster IPs of Services added later. Beyond this
/// many, an IP is only compared with the Services already seen (manifests usually list
/// the Service first), which keeps memory bounded on very large inputs.
const DEFERRED_IPS_MAX: usize = 200_000;

/// Where an object came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectAt {
    /// Index of the input in the run.
    pub file: usize,
    /// The object.
    pub object: ObjectRef,
}

/// An [`ObjectAt`] by reference: what [`CrossIndex::add_ref`] keeps of where an object
/// came from, without owned strings (most objects of a run have no finding, and their
/// reference is then never built).
#[derive(Clone, Copy, Debug)]
pub struct ObjectAtRef<'a> {
    /// Index of the input in the run.
    pub file: usize,
    /// Index of the document in its input.
    pub index: usize,
    /// The object's kind.
    pub kind: &'a str,
    /// Its namespace, if set.
    pub namespace: Option<&'a str>,
    /// Its name, if set.
    pub name: Option<&'a str>,
}

impl<'a> From<&'a ObjectAt> for ObjectAtRef<'a> {
    fn from(at: &'a ObjectAt) -> Self {
        ObjectAtRef {
            file: at.file,
            index: at.object.index,
            kind: &at.object.kind,
            namespace: at.object.namespace.as_deref(),
            name: at.object.name.as_deref(),
        }
    }
}

/// A cross-object finding placed on an object.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    /// The object the finding is reported on.
    pub at: ObjectAt,
    /// The finding.
    pub finding: Finding,
    /// Where in its input, when the input was text.
    pub location: Option<Location>,
}

/// Collects summaries of every object of a run, then reports how they pair.
#[derive(Debug)]
pub struct CrossIndex {
    _ctx: Context,
    strings: Strings,
    locs: Locs,
    services: Vec<Svc>,
    backends: Vec<Backend>,
    /// Cluster IP → the last Service (index) that declares it.
    cluster_ips: HashMap<IpAddr, usize>,
    /// Endpoint IPs not yet known to be a cluster IP: the IPv4 ones in 28 bytes each
    /// (against 44 for an [`IpRef`]), most of a large run's endpoints.
    deferred_v4: Vec<(IpRef4, Ipv4Addr)>,
    deferred_v6: Vec<IpRef>,
    /// Endpoint IPs that are the cluster IP of a Service (index) already seen.
    hits: Vec<(IpRef, usize)>,
}

impl CrossIndex {
    /// An empty index.
    pub fn new(ctx: Context) -> Self {
        CrossIndex {
            _ctx: ctx,
            strings: Strings::default(),
            locs: Locs::default(),
            services: Vec::new(),
            backends: Vec::new(),
            cluster_ips: HashMap::default(),
            deferred_v4: Vec::new(),
            deferred_v6: Vec::new(),
            hits: Vec::new(),
        }
    }

    /// Adds one object. `locate` resolves a field path of this object to its location.
    pub fn add(
        &mut self,
        object: &Object,
        at: ObjectAt,
        locate: &dyn Fn(&[Segment]) -> Option<Location>,
    ) {
        self.add_ref(object, ObjectAtRef::from(&at), locate);
    }

    /// [`Self::add`] with the object's reference borrowed.
    pub fn add_ref(
        &mut self,
        object: &Object,
        at: ObjectAtRef<'_>,
        locate: &dyn Fn(&[Segment]) -> Option<Location>,
    ) {
        let at = At::new(at, &mut self.strings);
        let strings = &mut self.strings;
        let locate = &mut Locator {
            locate,
            locs: &mut self.locs,
        };
        let (backend, ips) = match object {
            Object::Service(s) => {
                if let Some(svc) = Svc::new(s, at, strings, locate) {
                    let index = self.services.len();
                    for ip in &svc.cluster_ips {
                        self.cluster_ips.insert(*ip, index);
                    }
                    self.services.push(svc);
                }
                return;
            }
            Object::Endpoints(e) => Backend::endpoints(e, at, strings, locate),
            Object::EndpointSlice(s) => Backend::slice(s, at, strings, locate),
        };
        // Backends are counted in u32 (the wasm build's usize) at most.
        let index = u32::try_from(self.backends.len()).unwrap_or(u32::MAX);
        self.backends.push(backend);
        for (addr, ip) in ips {
            let entry = IpRef {
                backend: index,
                at: addr,
                ip,
                loc: Loc::none(),
            };
            if let Some(&svc) = self.cluster_ips.get(&ip) {
                let loc = addr.locate(locate);
                self.hits.push((IpRef { loc, ..entry }, svc));
            } else if self.deferred_v4.len() + self.deferred_v6.len() < DEFERRED_IPS_MAX {
                let loc = addr.locate(locate);
                match ip {
                    IpAddr::V4(v4) => self.deferred_v4.push((
                        IpRef4 {
                            backend: index,
                            at: addr,
                            loc,
                        },
                        v4,
                    )),
                    IpAddr::V6(_) => self.deferred_v6.push(IpRef { loc, ..entry }),
                }
            }
        }
    }

    /// The cross-object findings of the run.
    pub fn finish(self) -> Vec<Placed> {
        self.finish_with_published().0
    }

    /// [`Self::finish`], plus the backends paired with a Service that sets
    /// `publishNotReadyAddresses: true`: for them, having no ready address is intended
    /// (DNS publishes not-ready addresses), so the pipeline drops EP-NO-READY-ADDRESSES and
    /// ES-NOT-READY, which the single-object rules report without seeing the Service.
    pub fn finish_with_published(self) -> (Vec<Placed>, Vec<ObjectAt>) {
        let mut out = Vec::new();
        let mut published = Vec::new();
        let links = pair::pair(&self.services, &self.backends, &mut out);
        for (s, svc) in self.services.iter().enumerate() {
            if links.shadowed.get(s).copied().unwrap_or(false) {
                continue;
            }
            let linked: Vec<&Backend> = links
                .of_service(s)
                .iter()
                .filter_map(|&b| self.backends.get(b as usize))
                .collect();
            let mentioned = links.mentioned.get(s).copied().unwrap_or(false);
            if svc.publish_not_ready {
                published.extend(linked.iter().map(|b| b.at.object_at()));
            }
            service::check(svc, &linked, mentioned, &mut out);
        }
        service::both_kinds(&self.services, &links.by_key, &self.backends, &mut out);
        let mut hits = self.hits;
        let v4 = self.deferred_v4.into_iter().map(|(r, ip)| IpRef {
            backend: r.backend,
            at: r.at,
            ip: IpAddr::V4(ip),
            loc: r.loc,
        });
        let mut late: Vec<(IpRef, usize)> = v4
            .chain(self.deferred_v6)
            .filter_map(|ip| self.cluster_ips.get(&ip.ip).map(|&svc| (ip, svc)))
            .collect();
        // In the order they were added (IPv4 and IPv6 interleaved).
        crate::sort::sort_by_key(&mut late, |(ip, _)| (ip.backend, ip.at.order()));
        hits.extend(late);
        service::cluster_ip_hits(&self.services, &self.backends, &hits, &mut out);
        let placed = out
            .into_iter()
            .map(|f| Placed {
                at: f.at,
                finding: f.finding,
                location: self.locs.get(f.loc),
            })
            .collect();
        (placed, published)
    }
}

/// An [`IpRef`] without its IPv4 address, kept next to it.
#[derive(Debug)]
struct IpRef4 {
    backend: u32,
    at: backend::AddrAt,
    loc: Loc,
}

/// A [`Placed`] with its location still packed.
struct Found {
    at: ObjectAt,
    finding: Finding,
    loc: Loc,
}

/// A finding placed on `at`.
fn place(at: &At, finding: Finding, loc: Loc) -> Found {
    Found {
        at: at.object_at(),
        finding,
        loc,
    }
}

#[cfg(test)]
mod tests;
