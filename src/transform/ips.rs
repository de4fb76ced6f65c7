//! Non-standard IP addresses (`010.1.2.3`, `::ffff:10.1.2.3`, `2001:DB8::1`): the API
//! server reads them with `ParseIPSloppy` (leading zeros are decimal) and warns
//! "will be considered invalid in a future Kubernetes release: use ..." (EP/ES-IP-NONSTANDARD),
//! or rejects them once `StrictIPCIDRValidation` is on (EP/ES-IP-STRICT). Writing the
//! address the way the warning says — Go's `net.IP.String()` of what Kubernetes already
//! reads — keeps its meaning exactly: a safe fix.

use crate::object::Object;
use crate::validate::ip;

use super::edit::{replace_scalar, tight, Change};
use super::fix::Fix;
use super::repairs::On;
use super::scan::{node_at, Item};
use crate::field_path::{dotted, JsonStep};

/// Canonicalizing fixes for every Endpoints and EndpointSlice address.
pub(crate) fn ip_fixes(text: &str, items: &[Item], kube_minor: u32, out: &mut Vec<Fix>) {
    for item in items {
        let (prefix, addresses): (&str, Vec<(Vec<JsonStep>, &str)>) = match &item.object {
            Object::Endpoints(ep) => {
                let mut v = Vec::new();
                for (i, subset) in ep.subsets.iter().flatten().enumerate() {
                    let lists = [
                        ("addresses", subset.addresses.as_deref()),
                        ("notReadyAddresses", subset.not_ready_addresses.as_deref()),
                    ];
                    for (key, list) in lists {
                        for (j, a) in list.unwrap_or_default().iter().enumerate() {
                            let path = vec![
                                JsonStep::Key("subsets".into()),
                                JsonStep::Index(i),
                                JsonStep::Key(key.into()),
                                JsonStep::Index(j),
                                JsonStep::Key("ip".into()),
                            ];
                            v.push((path, a.ip.as_str()));
                        }
                    }
                }
                ("EP", v)
            }
            Object::EndpointSlice(es) if matches!(es.address_type.as_str(), "IPv4" | "IPv6") => {
                let mut v = Vec::new();
                for (i, e) in es.endpoints.iter().flatten().enumerate() {
                    for (j, a) in e.addresses.iter().enumerate() {
                        let path = vec![
                            JsonStep::Key("endpoints".into()),
                            JsonStep::Index(i),
                            JsonStep::Key("addresses".into()),
                            JsonStep::Index(j),
                        ];
                        v.push((path, a.as_str()));
                    }
                }
                ("ES", v)
            }
            _ => continue,
        };
        for (path, text_ip) in addresses {
            out.extend(canonical_fix(
                text, item, prefix, &path, text_ip, kube_minor,
            ));
        }
    }
}

fn canonical_fix(
    text: &str,
    item: &Item,
    family: &str,
    path: &[JsonStep],
    address: &str,
    kube_minor: u32,
) -> Option<Fix> {
    let parsed = ip::parse(address)?;
    // In a slice, an IPv4-mapped address would turn into an IPv4 one: not for an IPv6 slice.
    if family == "ES" && parsed.is_4in6() {
        return None;
    }
    parsed.warning(address)?;
    let canonical = parsed.canonical();
    let strict = ip::strict_by_default(kube_minor) && !parsed.strict_errors().is_empty();
    let code = match (family, strict) {
        ("EP", true) => "EP-IP-STRICT",
        ("EP", false) => "EP-IP-NONSTANDARD",
        (_, true) => "ES-IP-STRICT",
        (_, false) => "ES-IP-NONSTANDARD",
    };
    let node = node_at(&item.node, path)?;
    let on = On { text, item };
    on.fix(
        code,
        dotted(path),
        format!(
            "wrote IP address \"{address}\" as \"{canonical}\", the form Kubernetes reads it as"
        ),
        true,
        tight(text, node),
        replace_scalar(text, node, &canonical),
        Change::Set(path.to_vec(), serde_json::Value::from(canonical.as_str())),
    )
}
