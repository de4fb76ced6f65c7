//! The generator: golden cases (`tests/golden/<case>/input.json` → `expected.yaml`), the
//! issue's acceptance case, DNS names, and the diagnostics for invalid specs (exact code
//! and input path).
//!
//! `UPDATE_GOLDEN=1 cargo test --test generate` rewrites the expected files; review the diff.

use std::path::Path;

use extsvc::generate::generate;
use extsvc::{validate_text, Severity, ValidateOptions};
use serde_json::{json, Value};

/// Codes a generated manifest may draw, by case: only what the spec asked for.
fn allowed_findings(spec: &Value) -> &'static [&'static str] {
    match spec.get("endpointsApi").and_then(Value::as_str) {
        Some("Endpoints") => &["EP-DEPRECATED"],
        Some("Both") => &["EP-DEPRECATED", "EP-AND-ES-BOTH"],
        _ => &[],
    }
}

/// Every finding the validator reports on `yaml` that `spec` did not ask for.
fn unexpected_findings(spec: &Value, yaml: &str) -> Vec<String> {
    let report = validate_text("generated.yaml", yaml, &ValidateOptions::default())
        .expect("default options are valid");
    let allowed = allowed_findings(spec);
    let mut unexpected: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| !(allowed.contains(&d.code.as_str()) && d.severity != Severity::Error))
        .map(|d| format!("{} {:?} {}", d.code, d.path, d.message))
        .collect();
    // The validator really saw the objects: every document decoded, and the deprecation
    // warning is there when an Endpoints was asked for.
    let documents = yaml.matches("\nkind: ").count() + usize::from(yaml.starts_with("kind: "));
    if report.summary.objects != documents {
        unexpected.push(format!(
            "validator saw {} objects, YAML has {documents}",
            report.summary.objects
        ));
    }
    if allowed.contains(&"EP-DEPRECATED")
        && !report.diagnostics.iter().any(|d| d.code == "EP-DEPRECATED")
    {
        unexpected.push("EP-DEPRECATED missing for an Endpoints".to_string());
    }
    unexpected
}

#[test]
fn golden_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .expect("tests/golden exists")
        .map(|e| e.expect("readable entry").path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 9, "golden cases missing: {cases:?}");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    for case in &cases {
        let input = std::fs::read_to_string(case.join("input.json")).expect("input.json");
        let spec: Value = serde_json::from_str(&input).expect("input.json is JSON");
        let result = generate(&spec);
        assert!(
            result.diagnostics.is_empty(),
            "{}: {:?}",
            case.display(),
            result.diagnostics
        );
        let yaml = result.yaml.expect("YAML for a valid spec");
        let expected_path = case.join("expected.yaml");
        if update {
            std::fs::write(&expected_path, &yaml).expect("write expected.yaml");
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if yaml != expected {
            failures.push(format!(
                "{}: output differs\n--- expected\n{expected}\n--- actual\n{yaml}",
                case.display()
            ));
        }
        let unexpected = unexpected_findings(&spec, &yaml);
        if !unexpected.is_empty() {
            failures.push(format!(
                "{}: validator findings {unexpected:#?}",
                case.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn acceptance_case_gives_selectorless_service_and_matching_slice() {
    let result = generate(&json!({
        "name": "mysql-svc", "namespace": "default",
        "addresses": ["114.32.146.154"],
        "ports": [{"name": "mysql", "port": 3306}]
    }));
    assert!(result.diagnostics.is_empty(), "{:?}", result.diagnostics);
    let [service, slice] = result.objects.as_slice() else {
        panic!(
            "expected Service + EndpointSlice, got {:#?}",
            result.objects
        );
    };
    assert_eq!(service["kind"], "Service");
    assert_eq!(service["metadata"]["name"], "mysql-svc");
    assert_eq!(service["metadata"]["namespace"], "default");
    assert!(service["spec"].get("selector").is_none());
    assert!(service["spec"].get("clusterIP").is_none());
    assert_eq!(
        service["spec"]["ports"],
        json!([{"name": "mysql", "port": 3306, "protocol": "TCP", "targetPort": 3306}])
    );
    assert_eq!(service["spec"]["ipFamilies"], json!(["IPv4"]));

    assert_eq!(slice["apiVersion"], "discovery.k8s.io/v1");
    assert_eq!(slice["kind"], "EndpointSlice");
    assert_eq!(slice["metadata"]["name"], "mysql-svc-ipv4");
    assert_eq!(
        slice["metadata"]["labels"],
        json!({
            "kubernetes.io/service-name": "mysql-svc",
            "endpointslice.kubernetes.io/managed-by": "extsvc"
        })
    );
    assert_eq!(slice["addressType"], "IPv4");
    assert_eq!(
        slice["endpoints"],
        json!([{"addresses": ["114.32.146.154"], "conditions": {"ready": true}}])
    );
    assert_eq!(
        slice["ports"],
        json!([{"name": "mysql", "port": 3306, "protocol": "TCP"}])
    );

    let dns = result.dns.expect("dns names");
    assert_eq!(dns.service, "mysql-svc.default.svc.cluster.local");
    assert_eq!(
        dns.short,
        ["mysql-svc", "mysql-svc.default", "mysql-svc.default.svc"]
    );
    assert_eq!(dns.srv, ["_mysql._tcp.mysql-svc.default.svc.cluster.local"]);
}

#[test]
fn dual_stack_service_accepts_both_families_in_address_order() {
    let result = generate(&json!({
        "name": "api", "addresses": ["2001:DB8::1", "192.0.2.1"],
        "ports": [{"port": 80}]
    }));
    assert!(result.diagnostics.is_empty(), "{:?}", result.diagnostics);
    let spec = &result.objects[0]["spec"];
    assert_eq!(spec["ipFamilyPolicy"], "PreferDualStack");
    assert_eq!(spec["ipFamilies"], json!(["IPv6", "IPv4"]));
    let names: Vec<&Value> = result.objects[1..]
        .iter()
        .map(|o| &o["metadata"]["name"])
        .collect();
    assert_eq!(names, [&json!("api-ipv6"), &json!("api-ipv4")]);
    // Canonical (RFC 5952) form, as the API server stores it.
    assert_eq!(
        result.objects[1]["endpoints"][0]["addresses"],
        json!(["2001:db8::1"])
    );
}

#[test]
fn headless_sets_cluster_ip_none_and_no_families() {
    let result = generate(&json!({
        "name": "db", "addresses": ["10.0.0.1", "2001:db8::1"], "headless": true,
        "ports": [{"name": "pg", "port": 5432}]
    }));
    let spec = &result.objects[0]["spec"];
    assert_eq!(spec["clusterIP"], "None");
    assert!(spec.get("ipFamilyPolicy").is_none() && spec.get("ipFamilies").is_none());
    assert_eq!(spec["ports"][0]["targetPort"], 5432);
}

#[test]
fn a_single_dns_name_in_addresses_is_an_external_name_service() {
    let via_addresses = generate(&json!({"name": "db", "addresses": ["db.example.com"]}));
    let via_field = generate(&json!({"name": "db", "externalName": "db.example.com"}));
    assert!(
        via_addresses.diagnostics.is_empty(),
        "{:?}",
        via_addresses.diagnostics
    );
    assert_eq!(via_addresses.objects, via_field.objects);
    assert_eq!(
        via_addresses.objects,
        [json!({
            "apiVersion": "v1", "kind": "Service",
            "metadata": {"name": "db", "namespace": "default"},
            "spec": {"type": "ExternalName", "externalName": "db.example.com"}
        })]
    );
    let dns = via_addresses.dns.expect("dns");
    assert_eq!(dns.service, "db.default.svc.cluster.local");
    assert!(dns.srv.is_empty());
}

#[test]
fn endpoints_api_writes_one_endpoints_named_like_the_service() {
    let result = generate(&json!({
        "name": "legacy", "addresses": ["192.0.2.1", "2001:db8::1"],
        "ports": [{"port": 8080}], "endpointsApi": "Endpoints"
    }));
    let kinds: Vec<&Value> = result.objects.iter().map(|o| &o["kind"]).collect();
    assert_eq!(kinds, [&json!("Service"), &json!("Endpoints")]);
    assert_eq!(
        result.objects[1]["subsets"],
        json!([{
            "addresses": [{"ip": "192.0.2.1"}, {"ip": "2001:db8::1"}],
            "ports": [{"port": 8080, "protocol": "TCP"}]
        }])
    );
    assert_eq!(result.objects[1]["metadata"]["name"], "legacy");
}

#[test]
fn cluster_domain_and_protocols_shape_dns_names() {
    let result = generate(&json!({
        "name": "sip", "namespace": "voice", "clusterDomain": "corp.internal.",
        "addresses": ["192.0.2.9"],
        "ports": [{"name": "sip", "port": 5060, "protocol": "UDP"}, {"name": "sips", "port": 5061}]
    }));
    let dns = result.dns.expect("dns");
    assert_eq!(dns.service, "sip.voice.svc.corp.internal");
    assert_eq!(
        dns.srv,
        [
            "_sip._udp.sip.voice.svc.corp.internal",
            "_sips._tcp.sip.voice.svc.corp.internal"
        ]
    );
}

/// (spec, expected [(code, path)]) for invalid specs.
fn invalid_cases() -> Vec<(Value, Vec<(&'static str, &'static str)>)> {
    let ok_ports = json!([{"name": "p", "port": 80}]);
    vec![
        (
            json!({"addresses": ["10.0.0.1"], "ports": ok_ports}),
            vec![("SPEC-NAME", "name")],
        ),
        (
            json!({"name": "1mysql", "addresses": ["10.0.0.1"], "ports": ok_ports}),
            vec![("SPEC-NAME", "name")],
        ),
        (
            json!({"name": "My.Svc", "addresses": ["10.0.0.1"], "ports": ok_ports}),
            vec![("SPEC-NAME", "name")],
        ),
        (
            json!({"name": "a", "namespace": "Prod_1", "addresses": ["10.0.0.1"], "ports": ok_ports}),
            vec![("SPEC-NAMESPACE", "namespace")],
        ),
        (
            json!({"name": "a", "ports": ok_ports}),
            vec![("SPEC-ADDRESSES-REQUIRED", "addresses")],
        ),
        (
            json!({"name": "a", "addresses": ["10.0.0.1", "10.0.0.256"], "ports": ok_ports}),
            vec![("SPEC-ADDRESS", "addresses[1]")],
        ),
        (
            json!({"name": "a", "addresses": ["10.0.0.1:3306"], "ports": ok_ports}),
            vec![("SPEC-ADDRESS", "addresses[0]")],
        ),
        (
            json!({"name": "a", "addresses": ["[2001:db8::1]"], "ports": ok_ports}),
            vec![("SPEC-ADDRESS", "addresses[0]")],
        ),
        (
            json!({"name": "a", "addresses": ["10.0.0.0/8"], "ports": ok_ports}),
            vec![("SPEC-ADDRESS", "addresses[0]")],
        ),
        (
            json!({"name": "a", "addresses": ["010.0.0.1"], "ports": ok_ports}),
            vec![("SPEC-ADDRESS", "addresses[0]")],
        ),
        (
            json!({"name": "a", "addresses": ["::ffff:10.0.0.1"], "ports": ok_ports}),
            vec![("SPEC-ADDRESS", "addresses[0]")],
        ),
        (
            json!({"name": "a", "addresses": ["dbhost"], "ports": ok_ports}),
            vec![("SPEC-ADDRESS", "addresses[0]")],
        ),
        (
            json!({"name": "a", "addresses": ["DB.example.com"]}),
            vec![("SPEC-ADDRESS", "addresses[0]")],
        ),
        (
            json!({"name": "a", "addresses": ["127.0.0.1", "169.254.0.1", "0.0.0.0", "::1", "fe80::1", "224.0.0.1", "ff02::1", "239.1.2.3", "255.255.255.255"], "ports": ok_ports}),
            vec![
                ("SPEC-ADDRESS-SPECIAL", "addresses[0]"),
                ("SPEC-ADDRESS-SPECIAL", "addresses[1]"),
                ("SPEC-ADDRESS-SPECIAL", "addresses[2]"),
                ("SPEC-ADDRESS-SPECIAL", "addresses[3]"),
                ("SPEC-ADDRESS-SPECIAL", "addresses[4]"),
                ("SPEC-ADDRESS-SPECIAL", "addresses[5]"),
                ("SPEC-ADDRESS-SPECIAL", "addresses[6]"),
                ("SPEC-ADDRESS-SPECIAL", "addresses[7]"),
                ("SPEC-ADDRESS-SPECIAL", "addresses[8]"),
            ],
        ),
        (
            json!({"name": "a", "addresses": ["2001:db8::1", "2001:DB8:0::1"], "ports": ok_ports}),
            vec![("SPEC-ADDRESS-DUPLICATE", "addresses[1]")],
        ),
        (
            json!({"name": "a", "addresses": ["10.0.0.1", "db.example.com"], "ports": ok_ports}),
            vec![("SPEC-ADDRESS-MIXED", "addresses[1]")],
        ),
        (
            json!({"name": "a", "addresses": ["a.example.com", "b.example.com"]}),
            vec![
                ("SPEC-ADDRESS-MIXED", "addresses[0]"),
                ("SPEC-ADDRESS-MIXED", "addresses[1]"),
            ],
        ),
        (
            json!({"name": "a", "addresses": ["10.0.0.1"], "externalName": "db.example.com"}),
            vec![("SPEC-ADDRESS-MIXED", "externalName")],
        ),
        (
            json!({"name": "a", "externalName": "10.0.0.1"}),
            vec![("SPEC-EXTERNALNAME", "externalName")],
        ),
        (
            json!({"name": "a", "externalName": "db_1.example.com"}),
            vec![("SPEC-EXTERNALNAME", "externalName")],
        ),
        (
            json!({"name": "a", "externalName": "db.example.com", "headless": true}),
            vec![("SPEC-EXTERNALNAME-HEADLESS", "headless")],
        ),
        (
            json!({"name": "a", "addresses": ["10.0.0.1"]}),
            vec![("SPEC-PORTS-REQUIRED", "ports")],
        ),
        (
            json!({"name": "a", "addresses": ["10.0.0.1"], "ports": [{"name": "p"}]}),
            vec![("SPEC-PORT", "ports[0].port")],
        ),
        (
            json!({"name": "a", "addresses": ["10.0.0.1"], "ports": [{"port": 65536}]}),
            vec![("SPEC-PORT", "ports[0].port")],
        ),
        (
            json!({"name": "a", "addresses": ["10.0.0.1"], "ports": [{"port": -1}]}),
            vec![("SPEC-PORT", "ports[0].port")],
        ),
        (
            json!({"name": "a", "addresses": ["10.0.0.1"], "ports": [{"name": "a", "port": 80}, {"port": 81}]}),
            vec![("SPEC-PORT-NAME-REQUIRED", "ports[1].name")],
        ),
        (
            json!({"name": "a", "addresses": ["10.0.0.1"], "ports": [{"name": "dns", "port": 53}, {"name": "dns", "port": 53, "protocol": "UDP"}]}),
            vec![("SPEC-PORT-NAME-DUPLICATE", "ports[1].name")],
        ),
        (
            json!({"name": "a", "addresses": ["10.0.0.1"], "ports": [{"name": "a", "port": 80}, {"name": "b", "port": 80}]}),
            vec![("SPEC-PORT-DUPLICATE", "ports[1]")],
        ),
        (
            json!({"name": "a", "addresses": ["10.0.0.1"], "ports": [{"name": "My_Port", "port": 80}]}),
            vec![("SPEC-PORT-NAME", "ports[0].name")],
        ),
        (
            json!({"name": "a", "addresses": ["10.0.0.1"], "ports": [{"port": 80, "protocol": "tcp"}]}),
            vec![("SPEC-PORT-PROTOCOL", "ports[0].protocol")],
        ),
        (
            json!({"name": "a", "addresses": ["10.0.0.1"], "ports": [{"port": 80, "appProtocol": "~http"}]}),
            vec![("SPEC-APPPROTOCOL", "ports[0].appProtocol")],
        ),
        (
            json!({"name": "a", "addresses": ["10.0.0.1"], "ports": ok_ports, "labels": {"a b": "x"}}),
            vec![("SPEC-LABEL", "labels[a b]")],
        ),
        (
            json!({"name": "a", "addresses": ["10.0.0.1"], "ports": ok_ports, "labels": {"team": "data platform"}}),
            vec![("SPEC-LABEL", "labels[team]")],
        ),
        (
            json!({"name": "a", "addresses": ["10.0.0.1"], "ports": ok_ports, "labels": {"kubernetes.io/service-name": "b"}}),
            vec![("SPEC-LABEL-RESERVED", "labels[kubernetes.io/service-name]")],
        ),
        (
            json!({"name": "a", "addresses": ["10.0.0.1"], "ports": ok_ports, "annotations": {"-x": "y"}}),
            vec![("SPEC-ANNOTATION", "annotations[-x]")],
        ),
        (
            json!({"name": "a", "addresses": ["10.0.0.1"], "ports": ok_ports, "clusterDomain": "Cluster_Local"}),
            vec![("SPEC-CLUSTER-DOMAIN", "clusterDomain")],
        ),
        (
            json!({"name": "a", "adresses": ["10.0.0.1"]}),
            vec![("SPEC-SCHEMA", "adresses")],
        ),
        (
            json!({"name": "a", "ports": [{"port": "80"}]}),
            vec![("SPEC-SCHEMA", "ports[0].port")],
        ),
        (json!({"name": 5}), vec![("SPEC-SCHEMA", "name")]),
        (
            json!({"name": "a", "headless": "yes"}),
            vec![("SPEC-SCHEMA", "headless")],
        ),
        (
            json!({"name": "a", "endpointsApi": "Slices"}),
            vec![("SPEC-SCHEMA", "endpointsApi")],
        ),
        (json!("mysql"), vec![("SPEC-SCHEMA", "")]),
        // Several problems at once: every one is reported.
        (
            json!({"name": "Bad", "addresses": ["10.0.0.1", "127.0.0.1"], "ports": [{"name": "x", "port": 0}, {"port": 80}]}),
            vec![
                ("SPEC-NAME", "name"),
                ("SPEC-ADDRESS-SPECIAL", "addresses[1]"),
                ("SPEC-PORT", "ports[0].port"),
                ("SPEC-PORT-NAME-REQUIRED", "ports[1].name"),
            ],
        ),
    ]
}

#[test]
fn invalid_specs_give_exact_diagnostics_and_no_yaml() {
    let mut failures = Vec::new();
    for (spec, expected) in invalid_cases() {
        let result = generate(&spec);
        let got: Vec<(String, String)> = result
            .diagnostics
            .iter()
            .map(|d| (d.code.clone(), d.path.clone().unwrap_or_default()))
            .collect();
        let want: Vec<(String, String)> = expected
            .iter()
            .map(|(c, p)| (c.to_string(), p.to_string()))
            .collect();
        if got != want {
            failures.push(format!("{spec}\n  want {want:?}\n  got  {got:?}"));
        }
        if result.yaml.is_some() || !result.objects.is_empty() || result.dns.is_some() {
            failures.push(format!("{spec}: output despite diagnostics"));
        }
        for d in &result.diagnostics {
            let rule = extsvc::rules().iter().find(|r| r.code == d.code);
            if rule.is_none() || d.severity != Severity::Error || d.message.is_empty() {
                failures.push(format!("{spec}: bad diagnostic {d:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn messages_name_the_offending_value() {
    let result = generate(&json!({
        "name": "1mysql", "addresses": ["127.0.0.1"], "ports": [{"port": 70000}]
    }));
    let messages: Vec<&str> = result
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "Invalid value: \"1mysql\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
            "Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)",
            "Invalid value: 70000: must be between 1 and 65535, inclusive",
        ]
    );
}

#[test]
fn too_many_addresses() {
    let addresses: Vec<String> = (0..1001)
        .map(|i| format!("10.1.{}.{}", i / 250, i % 250 + 1))
        .collect();
    let result = generate(&json!({"name": "a", "addresses": addresses, "ports": [{"port": 80}]}));
    let got: Vec<(&str, Option<&str>)> = result
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.path.as_deref()))
        .collect();
    assert_eq!(got, [("SPEC-ADDRESSES-TOO-MANY", Some("addresses"))]);
}

#[test]
fn unicast_ipv6_starting_with_ff_hex_digits_validates_clean() {
    // "ff0::1" is 0x0ff0::1, not multicast (found by the property test).
    let spec = json!({"name": "v6", "addresses": ["ff0::1", "ffe::2"], "ports": [{"port": 80}],
        "endpointsApi": "Both"});
    let result = generate(&spec);
    assert!(result.diagnostics.is_empty(), "{:?}", result.diagnostics);
    let yaml = result.yaml.expect("yaml");
    assert_eq!(unexpected_findings(&spec, &yaml), Vec::<String>::new());
}

#[test]
fn playground_example_specs_generate_clean_manifests() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/examples");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return; // No playground in this checkout.
    };
    let mut checked = 0;
    for entry in entries {
        let path = entry.expect("entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        // Examples of mistakes are meant to draw diagnostics.
        if !name.ends_with(".json") || name.starts_with("mistake") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("readable");
        let result = extsvc::generate::generate_text(&text);
        assert!(
            result.diagnostics.is_empty(),
            "{name}: {:?}",
            result.diagnostics
        );
        let spec: Value = serde_json::from_str(&text).expect("JSON");
        let unexpected = unexpected_findings(&spec, &result.yaml.expect("yaml"));
        assert!(unexpected.is_empty(), "{name}: {unexpected:#?}");
        checked += 1;
    }
    assert!(checked > 0, "no example specs in {}", dir.display());
}
