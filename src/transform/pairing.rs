//! Which Service each Endpoints and EndpointSlice is meant for, decided the way the
//! cross-object rules decide it (`validate/cross/pair.rs`): exactly by (namespace, name);
//! else *evidently* — the same name in exactly one other namespace, or a single unpaired
//! target next to a single selectorless Service without endpoints in the same namespace.
//! Anything ambiguous stays unpaired, and nothing is repaired on a guess.
//!
//! One addition: a slice without a `kubernetes.io/service-name` label belongs to the only
//! selectorless Service of its namespace whose name prefixes the slice name (`<service>-...`,
//! how the controllers and the generator name slices), or else to the namespace's only
//! selectorless Service when no other endpoints feed it.

use crate::hash::{HashMap, HashSet};

use crate::object::Object;

use super::scan::Item;

/// Label naming the Service of an EndpointSlice (`discovery.LabelServiceName`).
pub(crate) const SERVICE_NAME_LABEL: &str = "kubernetes.io/service-name";
/// Label naming the manager of an EndpointSlice (`discovery.LabelManagedBy`).
pub(crate) const MANAGED_BY_LABEL: &str = "endpointslice.kubernetes.io/managed-by";

/// How a backend is linked to its Service.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Link {
    /// Same namespace and name: nothing to repair.
    Exact,
    /// Same name, the Service is in another namespace (EP/ES-NAMESPACE-MATCH).
    Namespace,
    /// Same namespace, another name (EP-NAME-MATCH, ES-SERVICE-NAME-MATCH).
    Name,
    /// A slice without the service-name label (ES-SERVICE-NAME-LABEL).
    Label,
}

/// What pairing needs of a Service.
#[derive(Debug)]
pub(crate) struct Svc {
    pub item: usize,
    pub name: String,
    pub ns: String,
    pub ns_explicit: bool,
    pub selector: bool,
    pub external_name: bool,
}

/// What pairing needs of an Endpoints or an EndpointSlice.
#[derive(Debug)]
pub(crate) struct Backend {
    pub item: usize,
    pub slice: bool,
    /// The Endpoints' name, or the slice's service-name label (non-empty).
    pub target: Option<String>,
    pub name: String,
    pub ns: String,
}

/// The pairing of one run.
#[derive(Debug, Default)]
pub(crate) struct Pairing {
    pub services: Vec<Svc>,
    pub backends: Vec<Backend>,
    /// For each backend: its Service (index into `services`) and how it is linked.
    pub links: Vec<Option<(usize, Link)>>,
    /// For each Service: its backends.
    by_service: Vec<Vec<usize>>,
    /// Item index → backend index (a table, not a hash map: one map type fewer in the
    /// module, issue 7's size cap).
    by_item: Vec<Option<usize>>,
}

impl Pairing {
    /// The backends (indices) linked to Service `s`.
    pub fn of_service(&self, s: usize) -> &[usize] {
        self.by_service.get(s).map_or(&[], Vec::as_slice)
    }

    /// The backend index of item `item`, if it is a backend.
    pub fn backend_of_item(&self, item: usize) -> Option<usize> {
        self.by_item.get(item).copied().flatten()
    }
}

fn namespace(meta: &k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta) -> (String, bool) {
    match meta.namespace.as_deref().filter(|n| !n.is_empty()) {
        Some(n) => (n.to_string(), true),
        None => ("default".to_string(), false),
    }
}

/// Pairs the backends of `items` with its Services.
pub(crate) fn pair(items: &[Item]) -> Pairing {
    let mut p = Pairing::default();
    for (i, item) in items.iter().enumerate() {
        let meta = item.object.metadata();
        let (ns, ns_explicit) = namespace(meta);
        let name = meta.name.clone().unwrap_or_default();
        match &item.object {
            Object::Service(s) => {
                if name.is_empty() {
                    continue;
                }
                let spec = s.spec.clone().unwrap_or_default();
                p.services.push(Svc {
                    item: i,
                    name,
                    ns,
                    ns_explicit,
                    selector: spec.selector.as_ref().is_some_and(|m| !m.is_empty()),
                    external_name: spec.type_.as_deref() == Some("ExternalName"),
                });
            }
            Object::Endpoints(_) => p.backends.push(Backend {
                item: i,
                slice: false,
                target: Some(name.clone()).filter(|n| !n.is_empty()),
                name,
                ns,
            }),
            Object::EndpointSlice(_) => p.backends.push(Backend {
                item: i,
                slice: true,
                target: meta
                    .labels
                    .as_ref()
                    .and_then(|l| l.get(SERVICE_NAME_LABEL))
                    .filter(|v| !v.is_empty())
                    .cloned(),
                name,
                ns,
            }),
        }
    }
    p.links = vec![None; p.backends.len()];
    link(&mut p);
    p.by_service = vec![Vec::new(); p.services.len()];
    for (b, l) in p.links.iter().enumerate() {
        if let Some(v) = l.and_then(|(s, _)| p.by_service.get_mut(s)) {
            v.push(b);
        }
    }
    let items = p.backends.iter().map(|be| be.item + 1).max().unwrap_or(0);
    p.by_item = vec![None; items];
    for (b, be) in p.backends.iter().enumerate() {
        p.by_item[be.item] = Some(b);
    }
    p
}

/// A Service an unpaired backend may evidently belong to: selectorless, not ExternalName.
fn candidate(s: &Svc) -> bool {
    !s.selector && !s.external_name
}

fn link(p: &mut Pairing) {
    // The last Service of a (namespace, name) wins, as the last `kubectl apply` would.
    let mut by_key: HashMap<(&str, &str), usize> = HashMap::default();
    for (i, s) in p.services.iter().enumerate() {
        by_key.insert((s.ns.as_str(), s.name.as_str()), i);
    }
    let mut links = vec![None; p.backends.len()];
    for (b, be) in p.backends.iter().enumerate() {
        if let Some(t) = be.target.as_deref() {
            if let Some(&s) = by_key.get(&(be.ns.as_str(), t)) {
                links[b] = Some((s, Link::Exact));
            }
        }
    }
    let linked = |links: &[Option<(usize, Link)>]| {
        let mut v = vec![false; p.services.len()];
        for (s, _) in links.iter().flatten() {
            if let Some(f) = v.get_mut(*s) {
                *f = true;
            }
        }
        v
    };
    let free: Vec<bool> = linked(&links).into_iter().map(|l| !l).collect();
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::default();
    for (&(_, name), &s) in &by_key {
        by_name.entry(name).or_default().push(s);
    }
    // Same name, exactly one other namespace.
    for (b, be) in p.backends.iter().enumerate() {
        let Some(t) = be.target.as_deref().filter(|_| links[b].is_none()) else {
            continue;
        };
        let mut others = by_name.get(t).into_iter().flatten().filter(|&&s| {
            p.services
                .get(s)
                .is_some_and(|svc| svc.ns != be.ns && candidate(svc))
                && free.get(s).copied().unwrap_or(false)
        });
        if let (Some(&s), None) = (others.next(), others.next()) {
            links[b] = Some((s, Link::Namespace));
        }
    }
    // Another name in the same namespace: one free Service, one unpaired target.
    let winner = |i: usize, s: &Svc| by_key.get(&(s.ns.as_str(), s.name.as_str())) == Some(&i);
    let mut free_by_ns: HashMap<&str, Vec<usize>> = HashMap::default();
    let has = linked(&links);
    for (i, s) in p.services.iter().enumerate() {
        if winner(i, s) && candidate(s) && !has.get(i).copied().unwrap_or(true) {
            free_by_ns.entry(s.ns.as_str()).or_default().push(i);
        }
    }
    let mut targets: HashMap<&str, HashSet<&str>> = HashMap::default();
    for (b, be) in p.backends.iter().enumerate() {
        if let Some(t) = be.target.as_deref().filter(|_| links[b].is_none()) {
            targets.entry(be.ns.as_str()).or_default().insert(t);
        }
    }
    for (b, be) in p.backends.iter().enumerate() {
        if be.target.is_none() || links[b].is_some() {
            continue;
        }
        let n = targets.get(be.ns.as_str()).map_or(0, HashSet::len);
        if let (Some([s]), 1) = (free_by_ns.get(be.ns.as_str()).map(Vec::as_slice), n) {
            links[b] = Some((*s, Link::Name));
        }
    }
    // Slices without the label.
    let mut candidates_by_ns: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, s) in p.services.iter().enumerate() {
        if candidate(s) && winner(i, s) {
            candidates_by_ns.entry(s.ns.as_str()).or_default().push(i);
        }
    }
    let busy = linked(&links);
    let mut chosen: Vec<(usize, usize)> = Vec::new();
    for (b, be) in p.backends.iter().enumerate() {
        if !be.slice || be.target.is_some() {
            continue;
        }
        let in_ns = candidates_by_ns
            .get(be.ns.as_str())
            .map_or(&[][..], Vec::as_slice);
        // The Service whose name prefixes the slice's (`<service>-...`) ...
        let mut prefixed = in_ns.iter().filter(|&&s| {
            p.services.get(s).is_some_and(|svc| {
                be.name
                    .strip_prefix(svc.name.as_str())
                    .is_some_and(|rest| rest.starts_with('-'))
            })
        });
        let pick = match (prefixed.next(), prefixed.next()) {
            (Some(&s), None) => Some(s),
            (Some(_), Some(_)) => None,
            // ... else the namespace's only candidate, if nothing else feeds it.
            (None, _) => match in_ns {
                [s] if !busy.get(*s).copied().unwrap_or(true) => Some(*s),
                _ => None,
            },
        };
        if let Some(s) = pick {
            chosen.push((b, s));
        }
    }
    for (b, s) in chosen {
        if let Some(l) = links.get_mut(b) {
            *l = Some((s, Link::Label));
        }
    }
    p.links = links;
}
