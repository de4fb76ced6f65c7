//! The `ports` of a spec, checked the way `ValidateService` checks Service ports (names,
//! numbers, duplicates) plus the EndpointSlice rule that only one port may be unnamed.

use crate::hash::HashMap;

use super::diag;
use crate::diagnostic::Diagnostic;
use crate::field_path::FieldPath;
use crate::model::{PortSpec, Protocol};
use crate::validate::{msg, names};

/// A checked port: the Service port, target port and endpoint port are all `port`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Port {
    /// Name; `None` for the single unnamed port.
    pub name: Option<String>,
    /// 1..=65535.
    pub port: i32,
    /// Protocol.
    pub protocol: Protocol,
    /// Application protocol, when given (an empty one counts as absent).
    pub app_protocol: Option<String>,
}

/// Checks every port, pushing a diagnostic for every problem.
pub(crate) fn check(ports: &[PortSpec], out: &mut Vec<Diagnostic>) -> Option<Vec<Port>> {
    let before = out.len();
    let base = FieldPath::fields("ports");
    // Hash maps, not B-trees: lookups only, and each B-tree key type costs WASM size.
    let mut names_seen: HashMap<&str, usize> = HashMap::default();
    // Keyed as the Service rules key ports: one copy of the map's code in the module.
    let mut numbers_seen: HashMap<(&str, i32), usize> = HashMap::default();
    let mut checked = Vec::new();
    for (i, p) in ports.iter().enumerate() {
        let at = base.index(i);
        if p.name.is_empty() {
            if ports.len() > 1 {
                out.push(diag(
                    "SPEC-PORT-NAME-REQUIRED",
                    at.field("name").to_string(),
                    msg::required("every port needs a name when there is more than one"),
                ));
            }
        } else {
            let errs = names::dns1123_label(&p.name);
            if !errs.is_empty() {
                out.push(diag(
                    "SPEC-PORT-NAME",
                    at.field("name").to_string(),
                    msg::invalid_str(&p.name, &errs),
                ));
            } else if let Some(first) = names_seen.get(p.name.as_str()) {
                out.push(diag(
                    "SPEC-PORT-NAME-DUPLICATE",
                    at.field("name").to_string(),
                    format!(
                        "{}: the same name as ports[{first}]",
                        msg::duplicate_str(&p.name)
                    ),
                ));
            } else {
                names_seen.insert(&p.name, i);
            }
        }
        let number = match p.port {
            0 => {
                out.push(diag(
                    "SPEC-PORT",
                    at.field("port").to_string(),
                    msg::required("the backend's port number"),
                ));
                None
            }
            n => match i32::try_from(n) {
                Ok(n32) if names::port_num(n).is_empty() => Some(n32),
                _ => {
                    out.push(diag(
                        "SPEC-PORT",
                        at.field("port").to_string(),
                        msg::invalid_int(n, &names::port_num(n)),
                    ));
                    None
                }
            },
        };
        if let Some(n32) = number {
            let key = (p.protocol.as_str(), n32);
            if let Some(first) = numbers_seen.get(&key) {
                out.push(diag(
                    "SPEC-PORT-DUPLICATE",
                    at.to_string(),
                    msg::duplicate_raw(&format!(
                        "{}/{}: the same port and protocol as ports[{first}]",
                        p.port,
                        p.protocol.as_str()
                    )),
                ));
            } else {
                numbers_seen.insert(key, i);
            }
        }
        let app_protocol = p.app_protocol.as_deref().filter(|a| !a.is_empty());
        if let Some(app) = app_protocol {
            let errs = names::qualified_name(app);
            if !errs.is_empty() {
                out.push(diag(
                    "SPEC-APPPROTOCOL",
                    at.field("appProtocol").to_string(),
                    msg::invalid_str(app, &errs),
                ));
            }
        }
        if let Some(port) = number {
            checked.push(Port {
                name: (!p.name.is_empty()).then(|| p.name.clone()),
                port,
                protocol: p.protocol,
                app_protocol: app_protocol.map(str::to_string),
            });
        }
    }
    (out.len() == before).then_some(checked)
}
