//! The DNS names clients in the cluster use (the Kubernetes DNS spec; catalogue section 6).

use super::addresses::Target;
use super::check::Plan;
use super::DnsNames;

/// The names `plan`'s Service answers to.
pub(crate) fn dns_names(plan: &Plan<'_>) -> DnsNames {
    let fqdn = format!(
        "{}.{}.svc.{}",
        plan.name, plan.namespace, plan.cluster_domain
    );
    // SRV records exist only for named ports. The DNS spec defines none for ExternalName
    // Services (CoreDNS answers them anyway), so none are promised there.
    let srv = match plan.target {
        Target::ExternalName(_) => Vec::new(),
        Target::Ips(_) => plan
            .ports
            .iter()
            .filter_map(|p| {
                let name = p.name.as_deref()?;
                Some(format!(
                    "_{name}._{}.{fqdn}",
                    p.protocol.as_str().to_ascii_lowercase()
                ))
            })
            .collect(),
    };
    DnsNames {
        service: fqdn,
        short: vec![
            plan.name.to_string(),
            format!("{}.{}", plan.name, plan.namespace),
            format!("{}.{}.svc", plan.name, plan.namespace),
        ],
        srv,
    }
}
