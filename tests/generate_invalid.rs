//! The generator's diagnostics for invalid specs: exact code and input path for each
//! problem, every problem at once, no output, and the API server's wording.

use extsvc::generate::generate;
use extsvc::Severity;
use serde_json::{json, Value};

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
