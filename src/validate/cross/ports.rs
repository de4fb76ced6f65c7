//! Service ports against endpoint ports.
//!
//! kube-proxy keys endpoints by `ServicePortName{namespace/name, port name, protocol}`
//! (`endpointInfoByServicePort`, pkg/proxy/endpointslicecache.go): a Service port gets the
//! endpoints of every endpoint port (in any subset or slice) with the same name (`""`
//! equals `""`) and protocol, and traffic goes to that endpoint port's number; the number
//! never takes part in the match. Headless Services are not proxied: cluster DNS serves
//! A/AAAA records for the endpoints whatever the port names, and SRV records per endpoint
//! port name, so a mismatch there only affects SRV.

use crate::diagnostic::Severity;
use crate::path;
use crate::validate::Finding;

use super::backend::{BPort, Backend, BackendKind};
use super::pair::describe;
use super::summary::{Svc, SvcPort, SvcType, Target};
use super::{place, Found};

/// Checks every port of `svc` against the ports of its `backends`.
pub(super) fn check(svc: &Svc, backends: &[&Backend], out: &mut Vec<Found>) {
    let headless = svc.kind == SvcType::Headless;
    let all: Vec<(&Backend, &BPort)> = backends
        .iter()
        .flat_map(|b| b.ports.iter().map(move |p| (*b, p)))
        .collect();
    let serves = |p: &BPort| {
        svc.ports
            .iter()
            .any(|sp| sp.name == p.name && sp.protocol == p.protocol)
    };
    for sp in &svc.ports {
        let matched: Vec<(&Backend, &BPort)> = all
            .iter()
            .copied()
            .filter(|(_, p)| p.name == sp.name && p.protocol == sp.protocol)
            .collect();
        if !matched.is_empty() {
            paired(svc, sp, &matched, out);
            continue;
        }
        if headless && sp.name.is_empty() {
            // An unnamed port has no SRV record, and A/AAAA records do not depend on
            // port names: nothing is affected.
            continue;
        }
        let other_protocol: Vec<(&Backend, &BPort)> = all
            .iter()
            .copied()
            .filter(|(_, p)| p.name == sp.name)
            .collect();
        for (b, p) in &other_protocol {
            out.push(protocol_mismatch(svc, sp, b, p, headless));
        }
        if !other_protocol.is_empty() {
            continue;
        }
        let same_number: Vec<(&Backend, &BPort)> = all
            .iter()
            .copied()
            .filter(|(_, p)| p.port == Some(sp.port) && p.protocol == sp.protocol && !serves(p))
            .collect();
        for (b, p) in &same_number {
            out.push(name_mismatch(svc, sp, b, p, headless));
        }
        if same_number.is_empty() {
            out.push(missing(svc, sp, backends, headless));
        }
    }
}

/// `"name"` for messages (`""` for the unnamed port).
fn quoted(name: &str) -> String {
    format!("\"{name}\"")
}

/// What a headless or proxied mismatch breaks, for messages.
fn consequence(svc: &Svc, sp: &SvcPort, headless: bool) -> String {
    if headless {
        let srv = format!(
            "SRV _{}._{}.{}.{}.svc gets no records",
            sp.name,
            sp.protocol.to_ascii_lowercase(),
            svc.name,
            svc.ns.effective
        );
        format!(
            "the Service is headless, so only SRV is affected ({srv}; A/AAAA records still work)"
        )
    } else {
        format!(
            "kube-proxy finds no endpoints for Service port {} and rejects its connections",
            quoted(&sp.name)
        )
    }
}

fn severity(headless: bool) -> Option<Severity> {
    headless.then_some(Severity::Warning)
}

fn with_severity(finding: Finding, headless: bool) -> Finding {
    match severity(headless) {
        Some(s) => finding.severity(s),
        None => finding,
    }
}

fn name_mismatch(svc: &Svc, sp: &SvcPort, b: &Backend, p: &BPort, headless: bool) -> Found {
    let code = match b.kind {
        BackendKind::Endpoints => "EP-PORT-NAME-MATCH",
        BackendKind::Slice => "ES-PORT-NAME-MATCH",
    };
    let message = format!(
        "{} port {} does not match Service \"{}\" port {} ({} {}): ports pair by name, and {}",
        describe(b),
        quoted(&p.name),
        svc.name,
        quoted(&sp.name),
        sp.protocol,
        sp.port,
        consequence(svc, sp, headless)
    );
    let help = if sp.name.is_empty() {
        "Remove the endpoint port's name: the Service port is unnamed.".to_string()
    } else {
        format!(
            "Rename the endpoint port to {} to match the Service port.",
            quoted(&sp.name)
        )
    };
    let finding = Finding::new(code, p.at.path("name"), message).help(help);
    place(&b.at, with_severity(finding, headless), p.name_loc)
}

fn protocol_mismatch(svc: &Svc, sp: &SvcPort, b: &Backend, p: &BPort, headless: bool) -> Found {
    let message = format!(
        "{} port {} is {} but Service \"{}\" port {} is {}: ports pair by name and protocol, and {}",
        describe(b),
        quoted(&p.name),
        p.protocol,
        svc.name,
        quoted(&sp.name),
        sp.protocol,
        consequence(svc, sp, headless)
    );
    let help = format!(
        "Use protocol {} on the endpoint port (or add a {} port of that name).",
        sp.protocol, sp.protocol
    );
    let finding = Finding::new("EP-PORT-PROTOCOL-MATCH", p.at.path("protocol"), message).help(help);
    place(&b.at, with_severity(finding, headless), p.protocol_loc)
}

fn missing(svc: &Svc, sp: &SvcPort, backends: &[&Backend], headless: bool) -> Found {
    let names: Vec<String> = backends.iter().take(2).map(|b| describe(b)).collect();
    let more = backends.len().saturating_sub(2);
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    let message = format!(
        "Service \"{}\" port {} ({} {}) has no endpoint port of that name and protocol in {}{more}, so {}",
        svc.name,
        quoted(&sp.name),
        sp.protocol,
        sp.port,
        names.join(", "),
        consequence(svc, sp, headless)
    );
    let help = format!(
        "Add a port named {} with protocol {} to the endpoints (the port the backend listens on), or remove this Service port.",
        quoted(&sp.name),
        sp.protocol
    );
    let finding = Finding::new(
        "EP-PORT-MISSING",
        path!("spec.ports").index(sp.index),
        message,
    )
    .help(help);
    place(&svc.at, with_severity(finding, headless), sp.loc)
}

/// Checks on a Service port that has endpoint ports.
fn paired(svc: &Svc, sp: &SvcPort, matched: &[(&Backend, &BPort)], out: &mut Vec<Found>) {
    for (b, p) in matched {
        match (svc.kind, p.port) {
            (SvcType::Proxied, None) if b.kind == BackendKind::Slice => {
                let message = format!(
                    "{} port {} has no port number, and kube-proxy ignores it (\"Ignoring invalid endpoint port\"), so Service \"{}\" port {} gets no endpoints from it",
                    describe(b),
                    quoted(&p.name),
                    svc.name,
                    quoted(&sp.name)
                );
                out.push(place(
                    &b.at,
                    Finding::new("ES-PORT-NUMBER-MISSING", p.at.path("port"), message),
                    p.port_loc,
                ));
            }
            (SvcType::Headless, Some(n)) if n != sp.port => {
                let message = format!(
                    "{} port {} is {n} but headless Service \"{}\" port {} is {}: nothing remaps a headless Service's port, so clients that connect to {}:{} reach nothing (SRV clients get {n})",
                    describe(b),
                    quoted(&p.name),
                    svc.name,
                    quoted(&sp.name),
                    sp.port,
                    svc.name,
                    sp.port
                );
                let help = format!(
                    "Use the same number on both sides: set the endpoint port to {}, or the Service port to {n}.",
                    sp.port
                );
                out.push(place(
                    &b.at,
                    Finding::new("SVC-HEADLESS-PORT-MISMATCH", p.at.path("port"), message)
                        .help(help),
                    p.port_loc,
                ));
            }
            _ => {}
        }
    }
    if svc.kind != SvcType::Proxied {
        return;
    }
    let numbers: Vec<i32> = matched.iter().filter_map(|(_, p)| p.port).collect();
    let Some(&first) = numbers.first() else {
        return;
    };
    let ignored = match &sp.target {
        Some(Target::Int(t)) => !numbers.contains(t),
        Some(Target::Name(_)) => true,
        None => false,
    };
    if ignored {
        let target = match &sp.target {
            Some(Target::Int(t)) => t.to_string(),
            Some(Target::Name(n)) => quoted(n),
            None => String::new(),
        };
        let message = format!(
            "Service \"{}\" port {} has targetPort {target}, which a selectorless Service ignores: traffic goes to the endpoint port ({first})",
            svc.name,
            quoted(&sp.name)
        );
        let help = format!(
            "Remove targetPort (or set it to {first}) so the manifest says where traffic goes."
        );
        out.push(place(
            &svc.at,
            Finding::new(
                "SVC-TARGETPORT-IGNORED",
                path!("spec.ports").index(sp.index).field("targetPort"),
                message,
            )
            .help(help),
            sp.target_loc,
        ));
    }
}
