//! Which Endpoints and EndpointSlices belong to which Service.
//!
//! The mirroring controller (`syncEndpoints`) mirrors Endpoints `ns/N` only for a Service
//! `ns/N`; kube-proxy (`endpointSliceCacheKeys`) attaches a slice to the Service named by
//! its `kubernetes.io/service-name` label in the slice's own namespace. So the only link
//! is (namespace, name). Pairing here is exact first; what stays unpaired is then linked
//! *evidently* when the manifests leave one reading: the same name in exactly one other
//! namespace (EP/ES-NAMESPACE-MATCH), or a single unpaired backend target next to a single
//! selectorless Service without endpoints in the same namespace (EP-NAME-MATCH,
//! ES-SERVICE-NAME-MATCH). Ambiguous cases are reported without a link.

use crate::hash::{HashMap, HashSet};

use crate::diagnostic::Severity;
use crate::field_path::FieldPath;
use crate::path;
use crate::validate::Finding;

use super::backend::{Backend, BackendKind};
use super::summary::{Svc, SvcType, SERVICE_NAME_LABEL};
use super::{place, Found};

/// The backends of each Service.
#[derive(Debug)]
pub(super) struct Links<'a> {
    /// (namespace, name) → the Service that wins it (the last one).
    pub by_key: HashMap<(&'a str, &'a str), usize>,
    /// (service, backend) in the order they were linked; grouped by service in
    /// `by_service` once pairing is done (one flat list, not a `Vec` per Service).
    pairs: Vec<(u32, u32)>,
    /// How many backends each Service has so far.
    counts: Vec<u32>,
    /// The backends of Service `s` are `by_service[starts[s]..starts[s + 1]]`.
    starts: Vec<u32>,
    by_service: Vec<u32>,
    /// Services named by a pairing finding (no SVC-NO-BACKENDS for them).
    pub mentioned: Vec<bool>,
    /// Services replaced by a later one of the same namespace and name: never paired,
    /// never reported on (the later `kubectl apply` wins).
    pub shadowed: Vec<bool>,
}

impl Links<'_> {
    /// The backends (indices) linked to Service `s`.
    pub fn of_service(&self, s: usize) -> &[u32] {
        let start = self.starts.get(s).map_or(0, |&i| i as usize);
        let end = self.starts.get(s + 1).map_or(0, |&i| i as usize);
        self.by_service.get(start..end).unwrap_or_default()
    }

    /// Whether Service `s` has no backend yet.
    fn unlinked(&self, s: usize) -> bool {
        self.counts.get(s).is_none_or(|&n| n == 0)
    }

    fn link(&mut self, b: usize, s: usize) {
        // Services and backends are counted in u32 (the wasm build's usize) at most.
        let (Ok(b), Ok(s32)) = (u32::try_from(b), u32::try_from(s)) else {
            return;
        };
        if let Some(n) = self.counts.get_mut(s) {
            *n += 1;
            self.pairs.push((s32, b));
        }
    }

    /// Groups the links by Service, keeping the order they were made in.
    fn group(&mut self) {
        let mut next = Vec::with_capacity(self.counts.len() + 1);
        let mut total = 0u32;
        for &n in &self.counts {
            next.push(total);
            total += n;
        }
        next.push(total);
        self.starts = next.clone();
        let mut by_service = vec![0; total as usize];
        for &(s, b) in &self.pairs {
            if let Some(slot) = next.get_mut(s as usize) {
                if let Some(entry) = by_service.get_mut(*slot as usize) {
                    *entry = b;
                }
                *slot += 1;
            }
        }
        self.by_service = by_service;
        self.pairs = Vec::new();
        self.counts = Vec::new();
    }
}

/// Whether an unpaired backend could evidently belong to `svc`: a selectorless Service
/// (the controllers leave its endpoints alone) that is not ExternalName.
fn candidate(svc: &Svc) -> bool {
    svc.selector.is_none() && svc.kind != SvcType::ExternalName
}

/// Pairs `backends` with `services`, reporting pairing mistakes into `out`.
pub(super) fn pair<'a>(
    services: &'a [Svc],
    backends: &[Backend],
    out: &mut Vec<Found>,
) -> Links<'a> {
    // The last Service of a (namespace, name) wins, as the last `kubectl apply` would.
    let mut by_key: HashMap<(&str, &str), usize> =
        HashMap::with_capacity_and_hasher(services.len(), Default::default());
    for (i, s) in services.iter().enumerate() {
        by_key.insert((s.ns.effective.as_ref(), s.name.as_ref()), i);
    }
    let mut links = Links {
        by_key: HashMap::default(),
        pairs: Vec::new(),
        counts: vec![0; services.len()],
        starts: Vec::new(),
        by_service: Vec::new(),
        mentioned: vec![false; services.len()],
        shadowed: (0..services.len())
            .map(|i| {
                services.get(i).is_some_and(|s| {
                    by_key.get(&(s.ns.effective.as_ref(), s.name.as_ref())) != Some(&i)
                })
            })
            .collect(),
    };
    let mut linked = vec![false; backends.len()];

    for (b, be) in backends.iter().enumerate() {
        let Some(target) = be.target.as_deref() else {
            continue;
        };
        if let Some(&s) = by_key.get(&(be.ns.effective.as_ref(), target)) {
            links.link(b, s);
            linked[b] = true;
        }
    }
    // The Services by name, for the names unpaired backends give (usually few).
    let unpaired: HashSet<&str> = backends
        .iter()
        .enumerate()
        .filter(|&(b, _)| !linked[b])
        .filter_map(|(_, be)| be.target.as_deref())
        .collect();
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::default();
    for (&(_, name), &i) in &by_key {
        if unpaired.contains(name) {
            by_name.entry(name).or_default().push(i);
        }
    }
    drop(unpaired);

    // Same name, other namespace: only Services that got nothing from exact pairing.
    let free: Vec<bool> = (0..services.len()).map(|s| links.unlinked(s)).collect();
    for (b, be) in backends.iter().enumerate() {
        let Some(target) = be.target.as_deref().filter(|_| !linked[b]) else {
            continue;
        };
        let mut others = by_name.get(target).into_iter().flatten().filter(|&&s| {
            services
                .get(s)
                .is_some_and(|svc| svc.ns.effective != be.ns.effective && candidate(svc) && free[s])
        });
        if let (Some(&s), None) = (others.next(), others.next()) {
            if let Some(svc) = services.get(s) {
                out.push(namespace_mismatch(be, svc));
                links.link(b, s);
                links.mentioned[s] = true;
                linked[b] = true;
            }
        }
    }

    // Other name, same namespace.
    let mut free_by_ns: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, svc) in services.iter().enumerate() {
        let winner = by_key.get(&(svc.ns.effective.as_ref(), svc.name.as_ref())) == Some(&i);
        if winner && candidate(svc) && links.unlinked(i) {
            free_by_ns
                .entry(svc.ns.effective.as_ref())
                .or_default()
                .push(i);
        }
    }
    // A slice without the service-name label (ES-SERVICE-NAME-LABEL, a single-object
    // rule) is evidently meant for a Service of its namespace; which one is a guess, so
    // only SVC-NO-BACKENDS is held back for the Services there.
    let unlabelled: HashSet<&str> = backends
        .iter()
        .filter(|b| b.kind == BackendKind::Slice && b.target.is_none())
        .map(|b| b.ns.effective.as_ref())
        .collect();
    for ns in unlabelled {
        for &s in free_by_ns.get(ns).into_iter().flatten() {
            if let Some(m) = links.mentioned.get_mut(s) {
                *m = true;
            }
        }
    }
    let mut targets_by_ns: HashMap<&str, HashSet<&str>> = HashMap::default();
    for (b, be) in backends.iter().enumerate() {
        if let Some(target) = be.target.as_deref().filter(|_| !linked[b]) {
            targets_by_ns
                .entry(be.ns.effective.as_ref())
                .or_default()
                .insert(target);
        }
    }
    // Indices into `shown`, not the lists themselves: a map type the module already has.
    let mut shown: Vec<String> = Vec::new();
    let mut shown_by_ns: HashMap<&str, usize> = HashMap::default();
    for (b, be) in backends.iter().enumerate() {
        let Some(target) = be.target.as_deref().filter(|_| !linked[b]) else {
            continue;
        };
        let ns = be.ns.effective.as_ref();
        let free = free_by_ns.get(ns).map_or(&[][..], Vec::as_slice);
        let targets = targets_by_ns.get(ns).map_or(0, HashSet::len);
        match free {
            [s] if targets == 1 => {
                if let Some(svc) = services.get(*s) {
                    out.push(name_mismatch(be, target, svc));
                    links.link(b, *s);
                    links.mentioned[*s] = true;
                }
            }
            [] => {
                // The Service may exist in the cluster: worth a note only when the run
                // has Services at all (otherwise the input is just the endpoints).
                if !services.is_empty() {
                    out.push(no_service(be, target));
                }
            }
            several => {
                // Listed once per namespace (not per backend), so that many unpaired
                // backends next to many Services stay linear.
                let at = *shown_by_ns.entry(ns).or_insert_with(|| {
                    for &s in several {
                        if let Some(m) = links.mentioned.get_mut(s) {
                            *m = true;
                        }
                    }
                    shown.push(candidates(services, several));
                    shown.len() - 1
                });
                out.push(ambiguous(be, target, &shown[at]));
            }
        }
    }
    links.group();
    links.by_key = by_key;
    links
}

/// `Endpoints "x"` or `EndpointSlice "x"`.
pub(super) fn describe(be: &Backend) -> String {
    match be.kind {
        BackendKind::Endpoints => format!("Endpoints \"{}\"", be.name),
        BackendKind::Slice => format!("EndpointSlice \"{}\"", be.name),
    }
}

/// The code and path of a name mismatch, and how the backend names its Service.
fn name_rule(be: &Backend, target: &str) -> (&'static str, FieldPath, String) {
    match be.kind {
        BackendKind::Endpoints => (
            "EP-NAME-MATCH",
            path!("metadata.name"),
            format!("Endpoints \"{target}\""),
        ),
        BackendKind::Slice => (
            "ES-SERVICE-NAME-MATCH",
            path!("metadata.labels").key(SERVICE_NAME_LABEL),
            format!(
                "EndpointSlice \"{}\" names Service \"{target}\" in its {SERVICE_NAME_LABEL} label, which",
                be.name
            ),
        ),
    }
}

fn name_mismatch(be: &Backend, target: &str, svc: &Svc) -> Found {
    let (code, path, subject) = name_rule(be, target);
    let message = format!(
        "{subject} does not match any Service; the selectorless Service \"{}\" gets no endpoints",
        svc.name
    );
    let help = match be.kind {
        BackendKind::Endpoints => format!(
            "Rename the Endpoints to \"{}\": the mirroring controller pairs Endpoints only with the Service of the same name and namespace, and the Endpoints controller deletes Endpoints that have no Service.",
            svc.name
        ),
        BackendKind::Slice => format!(
            "Set the label {SERVICE_NAME_LABEL} to \"{}\": kube-proxy and cluster DNS attach a slice to the Service this label names, in the slice's namespace.",
            svc.name
        ),
    };
    place(
        &be.at,
        Finding::new(code, path, message).help(help),
        be.target_loc,
    )
}

/// `"a", "b", "c" and 2 more`.
fn candidates(services: &[Svc], several: &[usize]) -> String {
    let shown: Vec<String> = several
        .iter()
        .take(3)
        .filter_map(|&s| services.get(s).map(|svc| format!("\"{}\"", svc.name)))
        .collect();
    match several.len().saturating_sub(3) {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

fn ambiguous(be: &Backend, target: &str, candidates: &str) -> Found {
    let (code, path, subject) = name_rule(be, target);
    let message = format!(
        "{subject} does not match any Service in namespace \"{}\"; selectorless Services there without endpoints: {candidates}",
        be.ns.effective
    );
    let help = match be.kind {
        BackendKind::Endpoints => "Rename the Endpoints to the name of the Service it is meant for.",
        BackendKind::Slice => {
            "Set the label kubernetes.io/service-name to the name of the Service the slice is meant for."
        }
    };
    place(
        &be.at,
        Finding::new(code, path, message)
            .severity(Severity::Warning)
            .help(help),
        be.target_loc,
    )
}

fn no_service(be: &Backend, target: &str) -> Found {
    let (code, path, subject) = name_rule(be, target);
    let message = format!(
        "{subject} matches no Service in namespace \"{}\" of this input; it is used only if a selectorless Service \"{target}\" exists there in the cluster",
        be.ns.effective
    );
    let help = format!(
        "Nothing to fix if Service \"{target}\" exists in the cluster; otherwise add it (selectorless), or the endpoints are never used."
    );
    place(
        &be.at,
        Finding::new(code, path, message)
            .severity(Severity::Info)
            .help(help),
        be.target_loc,
    )
}

fn namespace_mismatch(be: &Backend, svc: &Svc) -> Found {
    let code = match be.kind {
        BackendKind::Endpoints => "EP-NAMESPACE-MATCH",
        BackendKind::Slice => "ES-NAMESPACE-MATCH",
    };
    let message = format!(
        "{} is in {} but Service \"{}\" is in {}, so the Service gets no endpoints",
        describe(be),
        be.ns.describe(),
        svc.name,
        svc.ns.describe()
    );
    let help = if svc.ns.explicit {
        format!(
            "Put both objects in the same namespace: set metadata.namespace to \"{}\" here (or move the Service).",
            svc.ns.effective
        )
    } else {
        format!(
            "Put both objects in the same namespace: give Service \"{}\" metadata.namespace \"{}\" too (an omitted namespace is the kubectl context's), or remove it here.",
            svc.name, be.ns.effective
        )
    };
    place(
        &be.at,
        Finding::new(code, path!("metadata.namespace"), message).help(help),
        be.ns_loc,
    )
}
