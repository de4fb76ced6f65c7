//! Property tests of the generator's invariants:
//!
//! * everything generated validates with no finding at all (except EP-DEPRECATED, and
//!   EP-AND-ES-BOTH for `Both`, when the spec asked for an Endpoints);
//! * generation is deterministic;
//! * the emitted YAML re-reads (`extsvc::yaml::documents`) to exactly the generated objects;
//! * any JSON input gives either YAML or diagnostics, never a panic, never both.

use std::collections::BTreeSet;
use std::net::{Ipv4Addr, Ipv6Addr};

use extsvc::generate::generate;
use extsvc::yaml::{documents, Limits};
use extsvc::{validate_text, Severity, ValidateOptions};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// A routable unicast IPv4 address (what the generator accepts).
fn ipv4() -> impl Strategy<Value = String> {
    any::<u32>()
        .prop_map(Ipv4Addr::from)
        .prop_filter("special address", |ip| {
            !(ip.is_unspecified()
                || ip.is_loopback()
                || ip.is_link_local()
                || ip.is_multicast()
                || ip.is_broadcast())
        })
        .prop_map(|ip| ip.to_string())
}

/// A unicast IPv6 address, sometimes written non-canonically (upper case, uncompressed),
/// which the generator normalizes.
fn ipv6() -> impl Strategy<Value = String> {
    (any::<u128>(), 0..3u8)
        .prop_map(|(bits, style)| (Ipv6Addr::from(bits), style))
        .prop_filter("special or IPv4-mapped address", |(ip, _)| {
            let s = ip.segments();
            !(ip.is_unspecified()
                || ip.is_loopback()
                || ip.is_multicast()
                || s[0] & 0xffc0 == 0xfe80
                || ip.to_ipv4_mapped().is_some())
        })
        .prop_map(|(ip, style)| match style {
            0 => ip.to_string(),
            1 => ip.to_string().to_ascii_uppercase(),
            _ => {
                let s = ip.segments();
                s.iter()
                    .map(|g| format!("{g:04x}"))
                    .collect::<Vec<_>>()
                    .join(":")
            }
        })
}

fn label(max_middle: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!("[a-z]([a-z0-9-]{{0,{max_middle}}}[a-z0-9])?"))
        .expect("valid regex")
}

fn dns_name() -> impl Strategy<Value = String> {
    (proptest::collection::vec(label(10), 2..4), any::<bool>()).prop_map(|(labels, dot)| {
        let name = labels.join(".");
        if dot {
            name + "."
        } else {
            name
        }
    })
}

fn ports(min: usize) -> impl Strategy<Value = Vec<Value>> {
    let port = (
        1..=65535i64,
        prop_oneof![Just("TCP"), Just("UDP"), Just("SCTP")],
        proptest::option::of(prop_oneof![
            Just("http"),
            Just("kubernetes.io/h2c"),
            Just("example.com/custom")
        ]),
        any::<bool>(),
    );
    proptest::collection::vec(port, min..5).prop_map(|ports| {
        let mut seen = BTreeSet::new();
        let ports: Vec<_> = ports
            .into_iter()
            .filter(|(n, proto, _, _)| seen.insert((*n, *proto)))
            .collect();
        let single = ports.len() == 1;
        ports
            .into_iter()
            .enumerate()
            .map(|(i, (n, proto, app, explicit_proto))| {
                let mut p = Map::new();
                // A single port may stay unnamed; several need unique names.
                if !(single && explicit_proto) {
                    p.insert(
                        "name".into(),
                        json!(format!("p{i}-{}", proto.to_lowercase())),
                    );
                }
                p.insert("port".into(), json!(n));
                if explicit_proto || proto != "TCP" {
                    p.insert("protocol".into(), json!(proto));
                }
                if let Some(app) = app {
                    p.insert("appProtocol".into(), json!(app));
                }
                Value::Object(p)
            })
            .collect()
    })
}

fn labels() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        label(8),
        label(8).prop_map(|k| format!("example.com/{k}")),
        Just("app.kubernetes.io/name".to_string()),
    ];
    // Values include YAML 1.1 booleans and numbers, which the emitter must quote.
    let value = prop_oneof![
        label(8),
        Just("yes".to_string()),
        Just("on".to_string()),
        Just("0777".to_string()),
        Just("1e3".to_string()),
        Just(String::new()),
    ];
    proptest::collection::btree_map(key, value, 0..3).prop_map(|m| json!(m))
}

/// A valid spec: IP backends or one DNS name.
fn spec() -> impl Strategy<Value = Value> {
    let ips = proptest::collection::vec(prop_oneof![ipv4(), ipv6()], 1..6).prop_map(|ips| {
        let mut seen = BTreeSet::new();
        ips.into_iter()
            .filter(|ip| {
                seen.insert(
                    ip.parse::<std::net::IpAddr>()
                        .map(|a| a.to_string())
                        .unwrap_or_default(),
                )
            })
            .collect::<Vec<_>>()
    });
    let ip_backend = (ips, any::<bool>(), ports(0), ports(1)).prop_map(
        |(ips, headless, some_ports, at_least_one)| {
            let ports = if headless { some_ports } else { at_least_one };
            json!({"addresses": ips, "headless": headless, "ports": ports})
        },
    );
    let dns_backend =
        (dns_name(), any::<bool>(), ports(0)).prop_map(|(name, in_addresses, ports)| {
            if in_addresses {
                json!({"addresses": [name], "ports": ports})
            } else {
                json!({"externalName": name, "ports": ports})
            }
        });
    (
        label(20),
        proptest::option::of(label(10)),
        prop_oneof![ip_backend, dns_backend],
        prop_oneof![Just("EndpointSlice"), Just("Endpoints"), Just("Both")],
        labels(),
        labels(),
    )
        .prop_map(|(name, namespace, backend, api, labels, annotations)| {
            let mut spec = backend.as_object().cloned().unwrap_or_default();
            spec.insert("name".into(), json!(name));
            if let Some(ns) = namespace {
                spec.insert("namespace".into(), json!(ns));
            }
            spec.insert("endpointsApi".into(), json!(api));
            spec.insert("labels".into(), labels);
            spec.insert("annotations".into(), annotations);
            Value::Object(spec)
        })
}

fn allowed(objects: &[Value]) -> &'static [&'static str] {
    let has_endpoints = objects.iter().any(|o| o["kind"] == "Endpoints");
    let has_slices = objects.iter().any(|o| o["kind"] == "EndpointSlice");
    match (has_endpoints, has_slices) {
        (true, true) => &["EP-DEPRECATED", "EP-AND-ES-BOTH"],
        (true, false) => &["EP-DEPRECATED"],
        _ => &[],
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn generated_manifests_validate_clean_and_round_trip(
        spec in spec(),
        minor in extsvc::options::SUPPORTED_MINORS,
    ) {
        let result = generate(&spec);
        prop_assert!(result.diagnostics.is_empty(), "{spec}: {:?}", result.diagnostics);
        let yaml = result.yaml.clone().expect("yaml");

        // Deterministic.
        prop_assert_eq!(&generate(&spec), &result);

        // Re-reads to the same objects.
        let reread: Vec<Value> = documents(&yaml, &Limits::default())
            .map(|d| {
                assert!(d.errors.is_empty(), "{:?}\n{yaml}", d.errors);
                d.root.expect("non-empty document").to_json().expect("JSON-compatible")
            })
            .collect();
        prop_assert_eq!(&reread, &result.objects, "{}", yaml);

        // Validates clean (bar what the spec asked for).
        // Clean for every Kubernetes version extsvc models.
        let options = ValidateOptions { kube_version: format!("1.{minor}"), ..ValidateOptions::default() };
        let report = validate_text("gen.yaml", &yaml, &options).expect("supported version");
        prop_assert_eq!(report.summary.objects, result.objects.len());
        let allowed = allowed(&result.objects);
        let unexpected: Vec<String> = report
            .diagnostics
            .iter()
            .filter(|d| !(allowed.contains(&d.code.as_str()) && d.severity != Severity::Error))
            .map(|d| format!("{} {:?} {}", d.code, d.path, d.message))
            .collect();
        prop_assert!(unexpected.is_empty(), "{spec}\n{yaml}\n{unexpected:#?}");
        if result.objects.iter().any(|o| o["kind"] == "Endpoints") {
            prop_assert!(report.diagnostics.iter().any(|d| d.code == "EP-DEPRECATED"));
        }
    }

    #[test]
    fn an_out_of_range_port_is_reported_at_its_path(
        spec in spec().prop_filter("has ports", |s| s["ports"].as_array().is_some_and(|p| !p.is_empty())),
        bad in prop_oneof![i64::MIN..=0, 65536..=i64::MAX],
        pick in any::<prop::sample::Index>(),
    ) {
        let mut spec = spec;
        let n = spec["ports"].as_array().map_or(0, Vec::len);
        let i = pick.index(n);
        spec["ports"][i]["port"] = json!(bad);
        let result = generate(&spec);
        let got: Vec<(String, Option<String>)> = result
            .diagnostics
            .iter()
            .map(|d| (d.code.clone(), d.path.clone()))
            .collect();
        prop_assert_eq!(got, vec![("SPEC-PORT".to_string(), Some(format!("ports[{i}].port")))]);
        prop_assert!(result.yaml.is_none());
    }

    #[test]
    fn any_json_gives_yaml_xor_diagnostics(input in arbitrary_json()) {
        let result = generate(&input);
        prop_assert_eq!(result.yaml.is_some(), result.diagnostics.is_empty());
        prop_assert_eq!(result.dns.is_some(), result.diagnostics.is_empty());
    }

    #[test]
    fn generate_text_agrees_with_generate(spec in spec(), key in field_name(), value in arbitrary_json(), pretty in any::<bool>()) {
        let mut spec = spec;
        spec[key.as_str()] = value;
        let text = if pretty {
            serde_json::to_string_pretty(&spec)
        } else {
            serde_json::to_string(&spec)
        }
        .expect("serializable");
        let from_text = extsvc::generate::generate_text(&text);
        let from_value = generate(&spec);
        for d in &from_text.diagnostics {
            prop_assert!(d.location.is_some(), "{text}: {d:?}");
        }
        // Messages may differ in a float's last digit (serde_json's text round trip).
        let key = |r: &extsvc::GenerateResult| {
            let diags: Vec<(String, Option<String>)> =
                r.diagnostics.iter().map(|d| (d.code.clone(), d.path.clone())).collect();
            (r.yaml.clone(), r.objects.clone(), r.dns.clone(), diags)
        };
        prop_assert_eq!(key(&from_text), key(&from_value));
    }

    #[test]
    fn any_text_gives_yaml_xor_diagnostics(text in ".{0,64}") {
        let result = extsvc::generate::generate_text(&text);
        prop_assert_eq!(result.yaml.is_some(), result.diagnostics.is_empty());
    }

    #[test]
    fn mutated_specs_never_panic(spec in spec(), key in field_name(), value in arbitrary_json()) {
        let mut spec = spec;
        spec[key.as_str()] = value;
        let result = generate(&spec);
        prop_assert_eq!(result.yaml.is_some(), result.diagnostics.is_empty());
        for d in &result.diagnostics {
            prop_assert!(d.code.starts_with("SPEC-"));
            prop_assert!(extsvc::rules().iter().any(|r| r.code == d.code));
        }
    }
}

fn field_name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("name"),
        Just("namespace"),
        Just("addresses"),
        Just("externalName"),
        Just("ports"),
        Just("headless"),
        Just("endpointsApi"),
        Just("labels"),
        Just("annotations"),
        Just("clusterDomain"),
        Just("bogus"),
    ]
    .prop_map(str::to_string)
}

fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,12}".prop_map(Value::from),
        prop_oneof![ipv4(), ipv6(), dns_name(), label(5)].prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map(field_name(), inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}
