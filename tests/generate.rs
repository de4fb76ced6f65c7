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
fn dual_stack_service_prefers_dual_stack_without_naming_families() {
    let result = generate(&json!({
        "name": "api", "addresses": ["2001:DB8::1", "192.0.2.1"],
        "ports": [{"port": 80}]
    }));
    assert!(result.diagnostics.is_empty(), "{:?}", result.diagnostics);
    let spec = &result.objects[0]["spec"];
    assert_eq!(spec["ipFamilyPolicy"], "PreferDualStack");
    // Naming both families would make a single-stack cluster refuse the Service
    // (alloc.go initIPFamilyFields: "not configured on this cluster").
    assert_eq!(spec.get("ipFamilies"), None);
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

#[test]
fn a_spec_may_start_with_a_byte_order_mark() {
    // Found in review: a spec saved by a Windows editor was "not valid JSON" (the config
    // loader already skipped the mark).
    let spec = r#"{"name": "db", "addresses": ["10.0.0.1"], "ports": [{"port": 5432}]}"#;
    let plain = extsvc::generate::generate_text(spec);
    let marked = extsvc::generate::generate_text(&format!("\u{feff}{spec}"));
    assert!(marked.diagnostics.is_empty(), "{:?}", marked.diagnostics);
    assert_eq!(marked.yaml, plain.yaml);
    // Columns do not count the mark, as the YAML reader's do not.
    let column = |text: &str| {
        let r = extsvc::generate::generate_text(text);
        r.diagnostics[0].location.map(|l| l.column)
    };
    let without = column("{\"name\": }").expect("located");
    assert_eq!(column("\u{feff}{\"name\": }"), Some(without));
}
