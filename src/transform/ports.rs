//! Port repairs: kube-proxy pairs a Service port with endpoint ports by name and protocol
//! (`endpointInfoByServicePort`), never by number, so an endpoint port with the Service
//! port's number but another name is renamed (safe: a port name is only a key), and one
//! with the right name but another protocol gets the Service's protocol (unsafe: the
//! protocol says what the backend speaks, and the Service may be the side that is wrong).
//! The search mirrors `validate/cross/ports.rs`.

use crate::object::Object;
use crate::validate::names;
use crate::yaml::Node;

use super::edit::{insert_entry, replace_scalar, tight, Change};
use super::fix::Fix;
use super::pairing::{Pairing, MANAGED_BY_LABEL};
use super::repairs::On;
use super::scan::{node_at, Item};
use crate::field_path::{dotted, JsonStep};

const MIRRORING_MANAGER: &str = "endpointslicemirroring-controller.k8s.io";

/// One endpoint port.
struct BPort {
    /// Index into the items.
    item: usize,
    /// Path of the port within the object, and of its group (subset or slice).
    path: Vec<JsonStep>,
    group: Vec<JsonStep>,
    /// How many ports the group has.
    group_len: usize,
    name: String,
    protocol: String,
    port: Option<i32>,
}

fn protocol(p: Option<&str>) -> String {
    match p {
        Some(p) if !p.is_empty() => p.to_string(),
        _ => "TCP".to_string(),
    }
}

fn ports_of(i: usize, item: &Item, out: &mut Vec<BPort>) {
    match &item.object {
        Object::Endpoints(ep) => {
            for (s, subset) in ep.subsets.iter().flatten().enumerate() {
                let ports = subset.ports.as_deref().unwrap_or_default();
                let group = vec![JsonStep::Key("subsets".into()), JsonStep::Index(s)];
                for (j, p) in ports.iter().enumerate() {
                    let mut path = group.clone();
                    path.extend([JsonStep::Key("ports".into()), JsonStep::Index(j)]);
                    out.push(BPort {
                        item: i,
                        path,
                        group: group.clone(),
                        group_len: ports.len(),
                        name: p.name.clone().unwrap_or_default(),
                        protocol: protocol(p.protocol.as_deref()),
                        port: Some(p.port),
                    });
                }
            }
        }
        Object::EndpointSlice(es) => {
            let ports = es.ports.as_deref().unwrap_or_default();
            for (j, p) in ports.iter().enumerate() {
                out.push(BPort {
                    item: i,
                    path: vec![JsonStep::Key("ports".into()), JsonStep::Index(j)],
                    group: Vec::new(),
                    group_len: ports.len(),
                    name: p.name.clone().unwrap_or_default(),
                    protocol: protocol(p.protocol.as_deref()),
                    port: p.port.filter(|n| *n != 0),
                });
            }
        }
        Object::Service(_) => {}
    }
}

/// Whether the backend's ports take part in pairing (FQDN slices and slices claimed by
/// the mirroring controller do not; their own findings say why).
fn usable(item: &Item) -> bool {
    match &item.object {
        Object::EndpointSlice(es) => {
            es.address_type != "FQDN"
                && es
                    .metadata
                    .labels
                    .as_ref()
                    .and_then(|l| l.get(MANAGED_BY_LABEL))
                    .is_none_or(|v| v != MIRRORING_MANAGER)
        }
        _ => true,
    }
}

/// Port fixes for every selectorless Service and its linked backends.
pub(crate) fn port_fixes(text: &str, items: &[Item], p: &Pairing, out: &mut Vec<Fix>) {
    for (s, svc) in p.services.iter().enumerate() {
        if svc.selector || svc.external_name {
            continue;
        }
        let Some(Object::Service(service)) = items.get(svc.item).map(|i| &i.object) else {
            continue;
        };
        let mut bports = Vec::new();
        for &b in p.of_service(s) {
            let Some(be) = p.backends.get(b) else {
                continue;
            };
            if let Some(item) = items.get(be.item).filter(|i| usable(i)) {
                ports_of(be.item, item, &mut bports);
            }
        }
        let sports: Vec<(String, String, i32)> = service
            .spec
            .as_ref()
            .and_then(|sp| sp.ports.as_ref())
            .into_iter()
            .flatten()
            .map(|sp| {
                (
                    sp.name.clone().unwrap_or_default(),
                    protocol(sp.protocol.as_deref()),
                    sp.port,
                )
            })
            .collect();
        let serves = |bp: &BPort| {
            sports
                .iter()
                .any(|(n, pr, _)| *n == bp.name && *pr == bp.protocol)
        };
        // Endpoint port → the Service ports that want it renamed (a table by endpoint port,
        // in order, rather than a hash map: one map type fewer in the module).
        let mut renames: Vec<Vec<usize>> = vec![Vec::new(); bports.len()];
        for (k, (name, proto, number)) in sports.iter().enumerate() {
            if bports
                .iter()
                .any(|bp| bp.name == *name && bp.protocol == *proto)
            {
                continue;
            }
            let other_protocol: Vec<&BPort> = bports.iter().filter(|bp| bp.name == *name).collect();
            if !other_protocol.is_empty() {
                // "The port of that name" must be one port: with two Service ports of one
                // name (itself an error) each would ask for its protocol in turn, and
                // fixing would flip the endpoint port back and forth (found by fuzzing).
                let unique = sports.iter().filter(|(n, ..)| n == name).count() == 1;
                for bp in other_protocol.into_iter().filter(|_| unique) {
                    out.extend(protocol_fix(text, items, bp, proto, &svc.name));
                }
                continue;
            }
            for (j, bp) in bports.iter().enumerate() {
                if bp.port == Some(*number) && bp.protocol == *proto && !serves(bp) {
                    renames[j].push(k);
                }
            }
        }
        for (j, wanted) in renames.into_iter().enumerate() {
            let ([k], Some(bp)) = (wanted.as_slice(), bports.get(j)) else {
                continue;
            };
            let Some((name, _, _)) = sports.get(*k) else {
                continue;
            };
            // Two ports of one subset or slice may not both be unnamed.
            let unnamed_ok = !name.is_empty() || bp.group_len == 1;
            let taken = bports
                .iter()
                .any(|o| o.item == bp.item && o.group == bp.group && o.name == *name);
            if unnamed_ok && !taken && (name.is_empty() || names::dns1123_label(name).is_empty()) {
                out.extend(rename_fix(text, items, bp, name, &svc.name));
            }
        }
    }
}

fn port_node<'a>(items: &'a [Item], bp: &BPort) -> Option<(&'a Item, &'a Node)> {
    let item = items.get(bp.item)?;
    Some((item, node_at(&item.node, &bp.path)?))
}

fn rename_fix(text: &str, items: &[Item], bp: &BPort, name: &str, svc: &str) -> Option<Fix> {
    let (item, port) = port_node(items, bp)?;
    let on = On { text, item };
    let slice = matches!(item.object, Object::EndpointSlice(_));
    let code = if slice {
        "ES-PORT-NAME-MATCH"
    } else {
        "EP-PORT-NAME-MATCH"
    };
    let (edit, span) = match port.get("name") {
        Some(n) => (replace_scalar(text, n, name), tight(text, n)),
        None => (insert_entry(text, port, "name", name, &[]), port.span),
    };
    let mut path = bp.path.clone();
    path.push(JsonStep::Key("name".into()));
    on.fix(
        code,
        format!("{}.name", dotted(&bp.path)),
        {
            let number = bp.port.unwrap_or_default();
            let what = if bp.name.is_empty() {
                format!("named the unnamed endpoint port ({} {number})", bp.protocol)
            } else {
                format!(
                    "renamed endpoint port \"{}\" ({} {number}) to",
                    bp.name, bp.protocol
                )
            };
            format!("{what} \"{name}\", the name of the matching port of Service \"{svc}\"")
        },
        true,
        span,
        edit,
        Change::Set(path, serde_json::Value::from(name)),
    )
}

fn protocol_fix(text: &str, items: &[Item], bp: &BPort, proto: &str, svc: &str) -> Option<Fix> {
    let (item, port) = port_node(items, bp)?;
    let on = On { text, item };
    let (edit, span) = match port.get("protocol") {
        Some(n) => (replace_scalar(text, n, proto), tight(text, n)),
        None => (
            insert_entry(text, port, "protocol", proto, &["port", "name"]),
            port.span,
        ),
    };
    let mut path = bp.path.clone();
    path.push(JsonStep::Key("protocol".into()));
    on.fix(
        "EP-PORT-PROTOCOL-MATCH",
        format!("{}.protocol", dotted(&bp.path)),
        format!(
            "changed the protocol of endpoint port \"{}\" from {} to {proto}, the protocol of the port of that name of Service \"{svc}\"",
            bp.name, bp.protocol
        ),
        false,
        span,
        edit,
        Change::Set(path, serde_json::Value::from(proto)),
    )
}
