//! A DNS-name backend written as an FQDN EndpointSlice works only as an ExternalName
//! Service: kube-proxy ignores FQDN slices ("EndpointSlice address type not supported by
//! kube-proxy", `EndpointSliceUpdate`), and cluster DNS serves a CNAME only for
//! `type: ExternalName`. So a selectorless ClusterIP Service whose only backend is one
//! FQDN slice with a single address becomes `type: ExternalName` with that name, and the
//! slice is removed. Only when the port numbers agree (a CNAME keeps the client's port)
//! and the Service's fields that ExternalName forbids can be removed cleanly.

use k8s_openapi::api::core::v1::Service;
use k8s_openapi::api::discovery::v1::EndpointSlice;
use serde_json::Value as J;

use crate::object::Object;
use crate::validate::names;

use super::edit::{insert_entry, remove_entry, replace_scalar, Change, Edit};
use super::migrate::{carried_comments, leading_comments, Ctx, Step};
use super::pairing::Link;
use super::scan::{join, node_at, Item};
use super::verify::{select, Candidate};
use super::Migrated;

/// Fields `type: ExternalName` forbids (SVC-EXTERNALNAME-CLUSTERIP, -IPFAMILY).
const FORBIDDEN: &[&str] = &["clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy"];

struct Rewrite {
    doc: usize,
    edits: Vec<Edit>,
    changes: Vec<Change>,
}

impl Candidate for Rewrite {
    fn doc(&self) -> usize {
        self.doc
    }
    fn edits(&self) -> &[Edit] {
        &self.edits
    }
    fn changes(&self) -> &[Change] {
        &self.changes
    }
}

/// Every conversion the input allows.
pub(crate) fn steps(ctx: &Ctx<'_>) -> Vec<Step> {
    let mut out = Vec::new();
    for (s, svc) in ctx.pairing.services.iter().enumerate() {
        if svc.selector || svc.external_name {
            continue;
        }
        let backends = ctx.pairing.of_service(s);
        let [b] = backends else { continue };
        let exact =
            ctx.pairing.links.get(*b).copied().flatten().map(|(_, l)| l) == Some(Link::Exact);
        let Some(be) = ctx.pairing.backends.get(*b).filter(|_| exact) else {
            continue;
        };
        let (Some(svc_item), Some(slice_item)) =
            (ctx.scan.items.get(svc.item), ctx.scan.items.get(be.item))
        else {
            continue;
        };
        let (Object::Service(service), Object::EndpointSlice(slice)) =
            (&svc_item.object, &slice_item.object)
        else {
            continue;
        };
        // A misspelled field would be lost with the slice, or kept in a rewritten Service.
        if !svc_item.unknown.is_empty() || !slice_item.unknown.is_empty() {
            continue;
        }
        let Some(host) = single_fqdn(service, slice) else {
            continue;
        };
        if let Some(step) = step(ctx, svc_item, slice_item, &svc.name, &host) {
            out.push(step);
        }
    }
    out
}

/// The one address of an FQDN slice that can stand for `service`.
fn single_fqdn(service: &Service, slice: &EndpointSlice) -> Option<String> {
    if slice.address_type != "FQDN" {
        return None;
    }
    let [endpoint] = slice.endpoints.as_deref()? else {
        return None;
    };
    let [host] = endpoint.addresses.as_slice() else {
        return None;
    };
    if !names::dns1123_subdomain(host.trim_end_matches('.')).is_empty() || !host.contains('.') {
        return None;
    }
    let spec = service.spec.as_ref()?;
    if !matches!(spec.type_.as_deref(), None | Some("" | "ClusterIP")) {
        return None;
    }
    let externally = spec.external_ips.as_ref().is_some_and(|v| !v.is_empty())
        || spec.external_traffic_policy.is_some()
        || spec
            .session_affinity
            .as_deref()
            .is_some_and(|a| a != "None");
    if externally {
        return None;
    }
    // A CNAME keeps the port the client dials: each Service port must be the slice's.
    let slice_ports = slice.ports.as_deref().unwrap_or_default();
    let ports_agree = spec.ports.iter().flatten().all(|p| {
        let name = p.name.as_deref().unwrap_or_default();
        slice_ports.is_empty()
            || slice_ports.iter().any(|sp| {
                sp.name.as_deref().unwrap_or_default() == name
                    && sp.port.is_none_or(|n| n == p.port)
            })
    });
    ports_agree.then(|| host.clone())
}

fn step(ctx: &Ctx<'_>, svc_item: &Item, slice_item: &Item, name: &str, host: &str) -> Option<Step> {
    ctx.own_chunk(svc_item).ok()?;
    let slice_range = ctx.own_chunk(slice_item).ok()?;
    let spec = node_at(&svc_item.node, &join(&[], &["spec"]))?;
    let mut edits = Vec::new();
    let mut changes = Vec::new();
    let spec_path = |k: &str| join(&[], &["spec", k]);
    for key in FORBIDDEN {
        if spec.get(key).is_some() {
            edits.push(remove_entry(ctx.text, spec, key)?);
            changes.push(Change::Remove(spec_path(key)));
        }
    }
    edits.push(insert_entry(
        ctx.text,
        spec,
        "externalName",
        host,
        &["type"],
    )?);
    changes.push(Change::Set(spec_path("externalName"), J::from(host)));
    match spec.get("type") {
        Some(t) => edits.push(replace_scalar(ctx.text, t, "ExternalName")?),
        None => edits.push(insert_entry(ctx.text, spec, "type", "ExternalName", &[])?),
    }
    changes.push(Change::Set(spec_path("type"), J::from("ExternalName")));
    let rewrite = Rewrite {
        doc: svc_item.doc,
        edits,
        changes,
    };
    let candidates = [rewrite];
    if select(ctx.text, ctx.scan, &candidates).is_empty() {
        return None;
    }
    let [rewrite] = candidates;
    let mut edits = rewrite.edits;
    // Remove the slice's chunk and the separator line after it (comment lines leading it
    // are kept, as for a replaced Endpoints).
    let chunk = ctx.text.get(slice_range.clone())?;
    let after = ctx.text.get(slice_range.end..).unwrap_or_default();
    let sep_len = match after.find('\n') {
        Some(i) if after.starts_with("---") => i + 1,
        None if after.starts_with("---") => after.len(),
        _ => 0,
    };
    let lead = leading_comments(chunk);
    let slice_name = slice_item
        .object
        .metadata()
        .name
        .clone()
        .unwrap_or_default();
    let header =
        format!("Comments of the EndpointSlice \"{slice_name}\" Service \"{name}\" replaces:");
    let carried = carried_comments(chunk.get(lead.len()..).unwrap_or_default(), &header);
    edits.push(Edit {
        start: slice_range.start,
        // Comments left behind keep their own (comment-only) document.
        end: slice_range.end
            + if lead.is_empty() && carried.is_empty() {
                sep_len
            } else {
                0
            },
        text: format!("{lead}{carried}"),
    });
    Some(Step {
        edits,
        migrated: Migrated {
            code: "ES-FQDN-NOT-PROXIED".into(),
            object: ctx.object(svc_item),
            location: ctx
                .index
                .location(svc_item.node.span.start.offset, svc_item.node.span.end.offset),
            description: format!(
                "rewrote Service \"{name}\" as type ExternalName for \"{host}\" and removed EndpointSlice \"{}\" (kube-proxy ignores FQDN slices)",
                slice_item.object.metadata().name.as_deref().unwrap_or_default()
            ),
            created: vec![format!("Service/{name}")],
        },
    })
}
