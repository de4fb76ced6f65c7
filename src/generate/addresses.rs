//! What `addresses` and `externalName` say about the backend: IP endpoints, or one DNS
//! name for an ExternalName Service.
//!
//! An entry that parses as an IP address (`ParseIPSloppy`, what the API server uses) is an
//! IP; an entry that only looks like one (digits and dots, or a `:`) is a broken IP; any
//! other entry is a DNS name. A DNS name must be alone: it makes the Service an ExternalName
//! (a CNAME), which has no endpoints.

use super::diag;
use crate::diagnostic::Diagnostic;
use crate::field_path::FieldPath;
use crate::hash::HashMap;
use crate::model::ExternalServiceSpec;
use crate::validate::ip::{self, Family};
use crate::validate::{msg, names};

/// At most this many endpoints fit one EndpointSlice (ES-ENDPOINTS-TOO-MANY), and the
/// mirroring controller copies at most this many addresses of a subset (EP-MIRROR-MAX-1000).
pub(crate) const MAX_ADDRESSES: usize = 1000;

/// One endpoint address, in canonical form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Addr {
    /// Go's `net.IP.String()` of the address (what the API server stores and compares).
    pub text: String,
    /// Its family.
    pub family: Family,
}

/// Where the traffic goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// Endpoints at these addresses, in input order.
    Ips(Vec<Addr>),
    /// A CNAME to this DNS name (as given, trailing dot included).
    ExternalName(String),
}

/// Reads the backend from `spec`, pushing a diagnostic for every problem.
pub(crate) fn target(spec: &ExternalServiceSpec, out: &mut Vec<Diagnostic>) -> Option<Target> {
    let addresses = FieldPath::fields("addresses");
    if let Some(name) = spec.external_name.as_deref().filter(|n| !n.is_empty()) {
        if !spec.addresses.is_empty() {
            out.push(diag(
                "SPEC-ADDRESS-MIXED",
                "externalName",
                "externalName and addresses are mutually exclusive: a DNS name makes an ExternalName Service, which has no endpoints",
            ));
            return None;
        }
        return external_name(name, "externalName", out).map(Target::ExternalName);
    }
    if spec.addresses.is_empty() {
        out.push(diag(
            "SPEC-ADDRESSES-REQUIRED",
            "addresses",
            "Required value: give the backend's IP addresses, or its DNS name",
        ));
        return None;
    }
    if let [single] = spec.addresses.as_slice() {
        let single = single.trim();
        if !looks_like_ip(single) {
            let path = addresses.index(0).to_string();
            return external_name(single, &path, out).map(Target::ExternalName);
        }
    }
    ips(&spec.addresses, out).map(Target::Ips)
}

/// Digits and dots only, or a `:`, or brackets: meant as an IP address, never a DNS name
/// (an all-numeric "name" is a valid subdomain that no resolver resolves: SVC-EXTERNALNAME-IP).
fn looks_like_ip(s: &str) -> bool {
    s.contains([':', '[', ']'])
        || (!s.is_empty() && s.bytes().all(|c| c.is_ascii_digit() || c == b'.'))
        || s.contains('/') && s.split('/').next().is_some_and(|a| ip::parse(a).is_some())
}

fn ips(entries: &[String], out: &mut Vec<Diagnostic>) -> Option<Vec<Addr>> {
    let path = FieldPath::fields("addresses");
    let before = out.len();
    // Canonical address and its first index, in the map type the YAML reader already uses
    // (a BTreeMap would add its own copy of the B-tree code to the .wasm, issue 7).
    let mut seen: HashMap<String, usize> = HashMap::default();
    let mut addrs = Vec::new();
    for (i, raw) in entries.iter().enumerate() {
        let at = path.index(i).to_string();
        let text = raw.trim();
        let Some(parsed) = ip::parse(text) else {
            let (code, detail) = if !looks_like_ip(text)
                && names::dns1123_subdomain(text).is_empty()
            {
                (
                    "SPEC-ADDRESS-MIXED",
                    "a DNS name cannot be mixed with IP addresses; one DNS name alone makes an ExternalName Service".to_string(),
                )
            } else {
                ("SPEC-ADDRESS", invalid_ip_detail(text))
            };
            out.push(diag(code, at, msg::invalid_str(raw, &[detail])));
            continue;
        };
        let canonical = parsed.canonical();
        if !parsed.is_strict() || parsed.is_4in6() {
            // Ambiguous (leading zeros read as decimal here, as octal by some tools) or a
            // family in disguise: say what to write rather than guess.
            let detail = format!("non-standard IP address; use {}", msg::quote(&canonical));
            out.push(diag("SPEC-ADDRESS", at, msg::invalid_str(raw, &[detail])));
            continue;
        }
        let mut special = parsed.special_errors(text);
        if special.is_empty() {
            special.extend(nonunicast(&canonical));
        }
        if !special.is_empty() {
            out.push(diag(
                "SPEC-ADDRESS-SPECIAL",
                at,
                msg::invalid_str(raw, &special),
            ));
            continue;
        }
        if let Some(first) = seen.get(&canonical) {
            out.push(diag(
                "SPEC-ADDRESS-DUPLICATE",
                at,
                format!(
                    "{}: the same address as addresses[{first}]",
                    msg::duplicate_str(raw)
                ),
            ));
            continue;
        }
        seen.insert(canonical.clone(), i);
        addrs.push(Addr {
            family: parsed.family(),
            text: canonical,
        });
    }
    if entries.len() > MAX_ADDRESSES {
        out.push(diag(
            "SPEC-ADDRESSES-TOO-MANY",
            "addresses",
            msg::too_many(entries.len(), MAX_ADDRESSES),
        ));
    }
    (out.len() == before).then_some(addrs)
}

/// The API server's detail, plus a hint for the usual mistakes.
fn invalid_ip_detail(text: &str) -> String {
    let base = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";
    let hint = if text.contains('/') {
        "; a CIDR is not an address"
    } else if text.starts_with('[') || text.matches(':').count() == 1 {
        "; give the port in ports, not in the address"
    } else if text.contains('%') {
        "; a zone index is not allowed"
    } else {
        ""
    };
    format!("{base}{hint}")
}

/// Multicast outside the link-local block and the IPv4 broadcast address: accepted by the
/// API server, but never a backend (EP-IP-NONUNICAST).
fn nonunicast(canonical: &str) -> Option<String> {
    let ip = ip::parse(canonical)?;
    let v4 = ip.family() == Family::V4;
    if ip.is_multicast() {
        Some(if v4 {
            "may not be a multicast address (224.0.0.0/4)".into()
        } else {
            "may not be a multicast address (ff00::/8)".into()
        })
    } else if ip.is_broadcast() {
        Some("may not be the broadcast address".into())
    } else {
        None
    }
}

/// An ExternalName target: a lowercase RFC 1123 subdomain (one trailing dot allowed, as
/// the API server strips it), of at least two labels, and not an IP address.
fn external_name(raw: &str, path: &str, out: &mut Vec<Diagnostic>) -> Option<String> {
    let name = raw.trim();
    let bare = name.strip_suffix('.').unwrap_or(name);
    let errs = if ip::parse(bare).is_some() {
        vec!["an IP address is not a DNS name; give IP addresses in addresses".to_string()]
    } else if looks_like_ip(bare) {
        vec![invalid_ip_detail(bare)]
    } else {
        let mut errs = names::dns1123_subdomain(bare);
        if errs.is_empty() && !bare.contains('.') {
            errs.push(
                "must be a fully qualified DNS name with at least two labels (a single-label CNAME target does not resolve)"
                    .to_string(),
            );
        }
        if !errs.is_empty() && bare != bare.to_ascii_lowercase() {
            errs.push(format!(
                "DNS names are case-insensitive: use {}",
                msg::quote(&name.to_ascii_lowercase())
            ));
        }
        errs
    };
    if errs.is_empty() {
        return Some(name.to_string());
    }
    let code = if path == "externalName" {
        "SPEC-EXTERNALNAME"
    } else {
        "SPEC-ADDRESS"
    };
    out.push(diag(code, path, msg::invalid_str(raw, &errs)));
    None
}
