//! Service IP fields: `ValidateServiceClusterIPsRelatedFields` (clusterIP/clusterIPs,
//! ipFamilies, ipFamilyPolicy), `externalIPs`, the allocator's refusals that do not depend
//! on the cluster (SingleStack with two families), and the IP warnings of
//! `GetWarningsForService`.

use k8s_openapi::api::core::v1::ServiceSpec;

use super::service::Effective;
use super::{ip, msg, Context, Finding};
use crate::field_path::At;

const FAMILIES: &[&str] = &["IPv4", "IPv6"];
const POLICIES: &[&str] = &["PreferDualStack", "RequireDualStack", "SingleStack"];
const INVALID_IP: &str = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";

/// Collects the findings on the IP-related fields of a non-ExternalName Service.
pub(crate) fn check(
    spec: &ServiceSpec,
    eff: &Effective<'_>,
    ctx: &Context,
    out: &mut Vec<Finding>,
) {
    let start = out.len();
    let spec_path = At::fields("spec");
    let ips_path = spec_path.field("clusterIPs");
    let cluster_ip = spec.cluster_ip.as_deref().unwrap_or("");
    let given: &[String] = spec.cluster_ips.as_deref().unwrap_or_default();
    let ips = &eff.cluster_ips;
    // Rendered only when a finding quotes it.
    let rendered = || msg::json_list(&ips.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    if !cluster_ip.is_empty() {
        if ips.first().is_some_and(|first| *first != cluster_ip) {
            out.push(Finding::at(
                "SVC-CLUSTERIPS-MISMATCH",
                ips_path,
                msg::invalid_raw(&rendered(), "first value must match `clusterIP`"),
            ));
        }
    } else if !given.is_empty() {
        out.push(Finding::at(
            "SVC-CLUSTERIPS-WITHOUT-CLUSTERIP",
            ips_path,
            msg::invalid_raw(
                &rendered(),
                "must be empty when `clusterIP` is not specified",
            ),
        ));
    }
    let families: &[String] = spec.ip_families.as_deref().unwrap_or_default();
    let mut seen = Vec::new();
    for (i, fam) in families.iter().enumerate() {
        let families = spec_path.field("ipFamilies");
        let p = families.index(i);
        if !FAMILIES.contains(&fam.as_str()) {
            out.push(Finding::at(
                "SVC-IPFAMILIES-INVALID",
                p,
                msg::unsupported(fam, FAMILIES),
            ));
        }
        if seen.contains(&fam) {
            out.push(Finding::at(
                "SVC-IPFAMILIES-INVALID",
                p,
                msg::duplicate_str(fam),
            ));
        }
        seen.push(fam);
    }
    if let Some(policy) = spec.ip_family_policy.as_deref() {
        if !POLICIES.contains(&policy) {
            out.push(Finding::at(
                "SVC-IPFAMILYPOLICY-INVALID",
                spec_path.field("ipFamilyPolicy"),
                msg::unsupported(policy, POLICIES),
            ));
        }
    }
    let mut has_invalid = false;
    let strict = ip::strict_by_default(ctx.kube_minor);
    let mut parsed = Vec::new();
    for (i, text) in ips.iter().enumerate() {
        if i == 0 && *text == "None" {
            if ips.len() > 1 {
                has_invalid = true;
                out.push(Finding::at(
                    "SVC-CLUSTERIPS-NONE-ONLY",
                    ips_path,
                    msg::invalid_raw(&rendered(), "'None' must be the first and only value"),
                ));
            }
            continue;
        }
        match ip::parse(text) {
            None => {
                has_invalid = true;
                out.push(Finding::at(
                    "SVC-CLUSTERIP-INVALID",
                    ips_path.index(i),
                    msg::invalid_str(text, &[INVALID_IP.into()]),
                ));
            }
            Some(p) if strict && !p.strict_errors().is_empty() => {
                has_invalid = true;
                out.push(Finding::at(
                    "SVC-CLUSTERIP-INVALID",
                    ips_path.index(i),
                    msg::invalid_str(text, &p.strict_errors()),
                ));
            }
            Some(p) => {
                if let Some(w) = p.warning(text) {
                    out.push(Finding::at("SVC-IP-NONSTANDARD", ips_path.index(i), w));
                }
                parsed.push((i, p));
            }
        }
    }
    if ips.len() > 2 {
        out.push(Finding::at(
            "SVC-CLUSTERIPS-DUALSTACK",
            ips_path,
            msg::invalid_raw(&rendered(), "may only hold up to 2 values"),
        ));
    }
    // Upstream stops here when an IP was invalid, so later messages are not skewed.
    if has_invalid {
        return;
    }
    if ips.len() > 1 {
        let v6 = parsed
            .iter()
            .filter(|(_, p)| p.family() == ip::Family::V6)
            .count();
        let dual = v6 > 0 && v6 < parsed.len();
        if !dual {
            out.push(Finding::at(
                "SVC-CLUSTERIPS-DUALSTACK",
                ips_path,
                msg::invalid_raw(
                    &rendered(),
                    "may specify no more than one IP for each IP family",
                ),
            ));
        }
    }
    if !eff.headless {
        for (i, p) in &parsed {
            let Some(fam) = families.get(*i) else {
                continue;
            };
            let expected = match (fam.as_str(), p.family()) {
                ("IPv4", ip::Family::V6) => "IPv4",
                ("IPv6", ip::Family::V4) => "IPv6",
                _ => continue,
            };
            out.push(Finding::at(
                "SVC-IPFAMILY-CLUSTERIP-MISMATCH",
                ips_path.index(*i),
                msg::invalid_str(
                    ips.get(*i).copied().unwrap_or(""),
                    &[format!(
                        "expected an {expected} value as indicated by `ipFamilies[{i}]`"
                    )],
                ),
            ));
        }
    }
    // The allocator validates these fields first (`ValidateServiceClusterIPsRelatedFields`)
    // and stops on an error; a warning does not stop it.
    let validated = out[start..].iter().all(|f| f.code == "SVC-IP-NONSTANDARD");
    check_alloc(spec, eff, validated, &parsed, out);
}

/// The allocator's refusals that do not depend on the cluster's configuration, and the
/// reminder that an explicit cluster IP must fit the cluster's service CIDR.
///
/// `initIPFamilyFields` (pkg/registry/core/service/storage/alloc.go) first gives an absent
/// `ipFamilyPolicy` its default, SingleStack, or RequireDualStack for a headless Service
/// without selector; under SingleStack it then refuses two cluster IPs or two families
/// before it looks at the cluster.
fn check_alloc(
    spec: &ServiceSpec,
    eff: &Effective<'_>,
    validated: bool,
    parsed: &[(usize, ip::Ip)],
    out: &mut Vec<Finding>,
) {
    let spec_path = At::fields("spec");
    let selectorless = spec.selector.as_ref().is_none_or(|s| s.is_empty());
    let policy = spec.ip_family_policy.as_deref().or_else(|| {
        let dual_by_default = eff.headless && selectorless;
        (!dual_by_default).then_some("SingleStack")
    });
    if validated && policy == Some("SingleStack") {
        let what = if spec.ip_families.as_ref().is_some_and(|f| f.len() > 1) {
            Some("IP families")
        } else if eff.cluster_ips.len() > 1 {
            Some("cluster IPs")
        } else {
            None
        };
        if let Some(what) = what {
            out.push(Finding::at(
                "SVC-IPFAMILY-ALLOC",
                spec_path.field("ipFamilyPolicy"),
                msg::invalid_str(
                    "SingleStack",
                    &[format!("must be 'RequireDualStack' or 'PreferDualStack' when multiple {what} are specified")],
                ),
            ));
        }
    }
    for (i, p) in parsed {
        let text = eff.cluster_ips.get(*i).copied().unwrap_or("");
        out.push(Finding::at(
            "SVC-CLUSTERIP-RANGE",
            spec_path.field("clusterIPs").index(*i),
            format!(
                "explicit cluster IP {} must lie inside this cluster's service CIDR and be free, or the allocator refuses it (\"failed to allocate IP {}\")",
                msg::quote(text),
                p.canonical()
            ),
        ));
    }
}

/// `externalIPs`: `IsValidIPForLegacyField` then `ValidateNonSpecialIP`, plus warnings.
pub(crate) fn check_external_ips(spec: &ServiceSpec, ctx: &Context, out: &mut Vec<Finding>) {
    let path = At::fields("spec.externalIPs");
    let strict = ip::strict_by_default(ctx.kube_minor);
    for (i, text) in spec
        .external_ips
        .as_deref()
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let p = path.index(i);
        let details = match ip::parse(text) {
            None => vec![INVALID_IP.to_string()],
            Some(ip) if strict && !ip.strict_errors().is_empty() => ip.strict_errors(),
            Some(ip) => {
                if let Some(w) = ip.warning(text) {
                    out.push(Finding::at("SVC-IP-NONSTANDARD", p, w));
                }
                ip.special_errors(text)
            }
        };
        if !details.is_empty() {
            out.push(Finding::at(
                "SVC-EXTERNALIPS-INVALID",
                p,
                msg::invalid_str(text, &details),
            ));
        }
    }
    if let Some(lb_ip) = spec.load_balancer_ip.as_deref().filter(|s| !s.is_empty()) {
        if let Some(w) = ip::parse(lb_ip).and_then(|p| p.warning(lb_ip)) {
            out.push(Finding::at(
                "SVC-IP-NONSTANDARD",
                At::fields("spec.loadBalancerIP"),
                w,
            ));
        }
    }
}
