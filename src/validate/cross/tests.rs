//! Pairing and cross-object rules on objects built from JSON (no YAML involved).

use serde_json::{json, Value};

use crate::diagnostic::{ObjectRef, Severity};
use crate::object::Object;
use crate::validate::{rule, Context};

use super::{CrossIndex, ObjectAt};

fn object(v: Value) -> Object {
    let kind = v["kind"].as_str().unwrap_or_default().to_string();
    match kind.as_str() {
        "Service" => Object::Service(Box::new(serde_json::from_value(v).unwrap())),
        "Endpoints" => Object::Endpoints(Box::new(serde_json::from_value(v).unwrap())),
        _ => Object::EndpointSlice(Box::new(serde_json::from_value(v).unwrap())),
    }
}

/// (code, object name, path, effective severity) of every finding, sorted.
fn run(objects: &[Value]) -> Vec<(String, String, String, Severity)> {
    let mut index = CrossIndex::new(Context { kube_minor: 37 });
    for (i, v) in objects.iter().enumerate() {
        let o = object(v.clone());
        let at = ObjectAt {
            file: 0,
            object: ObjectRef {
                kind: o.kind().to_string(),
                namespace: o.metadata().namespace.clone(),
                name: o.metadata().name.clone(),
                index: i,
            },
        };
        index.add(&o, at, &|_| None);
    }
    let mut out: Vec<_> = index
        .finish()
        .into_iter()
        .map(|p| {
            let registered = rule(p.finding.code).expect("registered code");
            (
                p.finding.code.to_string(),
                p.at.object.name.unwrap_or_default(),
                p.finding.path.to_string(),
                p.finding.severity.unwrap_or(registered.severity),
            )
        })
        .collect();
    out.sort_by(|a, b| (&a.0, &a.1, &a.2).cmp(&(&b.0, &b.1, &b.2)));
    out
}

fn f(code: &str, name: &str, path: &str, sev: Severity) -> (String, String, String, Severity) {
    (code.into(), name.into(), path.into(), sev)
}

fn svc(name: &str, spec: Value) -> Value {
    json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": name}, "spec": spec})
}

fn ep(name: &str, ip: &str, ports: Value) -> Value {
    json!({"apiVersion": "v1", "kind": "Endpoints", "metadata": {"name": name},
           "subsets": [{"addresses": [{"ip": ip}], "ports": ports}]})
}

fn slice(name: &str, service: &str, family: &str, ip: &str, ports: Value) -> Value {
    json!({"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
           "metadata": {"name": name, "labels": {"kubernetes.io/service-name": service}},
           "addressType": family, "endpoints": [{"addresses": [ip]}], "ports": ports})
}

use Severity::{Error, Info, Warning};

#[test]
fn seed_example_name_and_port_name() {
    let got = run(&[
        svc(
            "mysql-svc",
            json!({"clusterIP": "None", "ports": [{"name": "default-ep", "port": 3306, "targetPort": 3306}]}),
        ),
        ep(
            "mysql-ep",
            "114.32.146.154",
            json!([{"name": "mysql", "port": 3306}]),
        ),
    ]);
    assert_eq!(
        got,
        vec![
            f("EP-NAME-MATCH", "mysql-ep", "metadata.name", Error),
            f(
                "EP-PORT-NAME-MATCH",
                "mysql-ep",
                "subsets[0].ports[0].name",
                Warning
            ),
        ]
    );
}

#[test]
fn correct_pairs_are_clean() {
    let got = run(&[
        svc("db", json!({"ports": [{"port": 5432}]})),
        ep("db", "192.0.2.10", json!([{"port": 5432}])),
        svc(
            "multi",
            json!({"ports": [{"name": "a", "port": 80}, {"name": "b", "port": 53, "protocol": "UDP"}]}),
        ),
        slice(
            "multi-1",
            "multi",
            "IPv6",
            "2001:db8::1",
            json!([{"name": "a", "port": 8080}, {"name": "b", "port": 53, "protocol": "UDP"}]),
        ),
        svc(
            "ext",
            json!({"type": "ExternalName", "externalName": "db.example.com"}),
        ),
    ]);
    assert_eq!(got, vec![]);
}

#[test]
fn proxied_port_name_mismatch_is_an_error() {
    let got = run(&[
        svc("db", json!({"ports": [{"name": "pg", "port": 5432}]})),
        slice(
            "db-1",
            "db",
            "IPv4",
            "192.0.2.1",
            json!([{"name": "postgres", "port": 5432}]),
        ),
    ]);
    assert_eq!(
        got,
        vec![f("ES-PORT-NAME-MATCH", "db-1", "ports[0].name", Error)]
    );
}

#[test]
fn protocol_and_missing_ports() {
    let got = run(&[
        svc(
            "dns",
            json!({"ports": [{"name": "dns", "port": 53, "protocol": "UDP"}, {"name": "admin", "port": 9000}]}),
        ),
        ep("dns", "192.0.2.1", json!([{"name": "dns", "port": 53}])),
    ]);
    assert_eq!(
        got,
        vec![
            f("EP-PORT-MISSING", "dns", "spec.ports[1]", Error),
            f(
                "EP-PORT-PROTOCOL-MATCH",
                "dns",
                "subsets[0].ports[0].protocol",
                Error
            ),
        ]
    );
}

#[test]
fn namespace_mismatch_with_omitted_namespace() {
    let mut s = svc("db", json!({"ports": [{"port": 5432}]}));
    s["metadata"]["namespace"] = json!("prod");
    let got = run(&[s, ep("db", "192.0.2.1", json!([{"port": 5432}]))]);
    assert_eq!(
        got,
        vec![f("EP-NAMESPACE-MATCH", "db", "metadata.namespace", Error)]
    );
}

#[test]
fn omitted_and_default_namespace_pair() {
    let mut s = svc("db", json!({"ports": [{"port": 5432}]}));
    s["metadata"]["namespace"] = json!("default");
    let got = run(&[s, ep("db", "192.0.2.1", json!([{"port": 5432}]))]);
    assert_eq!(got, vec![]);
}

#[test]
fn endpoints_alone_are_not_reported() {
    assert_eq!(
        run(&[ep("db", "192.0.2.1", json!([{"port": 5432}]))]),
        vec![]
    );
}

#[test]
fn ambiguous_and_unknown_pairing_say_less() {
    let got = run(&[
        svc("a", json!({"ports": [{"port": 1}]})),
        svc("b", json!({"ports": [{"port": 2}]})),
        ep("c", "192.0.2.1", json!([{"port": 1}])),
    ]);
    assert_eq!(got, vec![f("EP-NAME-MATCH", "c", "metadata.name", Warning)]);
    let got = run(&[
        svc("a", json!({"ports": [{"port": 1}]})),
        ep("a", "192.0.2.1", json!([{"port": 1}])),
        ep("z", "192.0.2.2", json!([{"port": 1}])),
    ]);
    assert_eq!(got, vec![f("EP-NAME-MATCH", "z", "metadata.name", Info)]);
}

#[test]
fn selector_external_name_and_no_backends() {
    let got = run(&[
        svc(
            "sel",
            json!({"selector": {"app": "x"}, "ports": [{"port": 1}]}),
        ),
        ep("sel", "192.0.2.1", json!([{"port": 1}])),
        svc(
            "en",
            json!({"type": "ExternalName", "externalName": "x.example.com"}),
        ),
        slice("en-1", "en", "IPv4", "192.0.2.2", json!([{"port": 1}])),
        svc("lonely", json!({"ports": [{"port": 1}]})),
    ]);
    assert_eq!(
        got,
        vec![
            f("SVC-EXTERNALNAME-WITH-ENDPOINTS", "en", "spec.type", Error),
            f("SVC-NO-BACKENDS", "lonely", "metadata.name", Info),
            f("SVC-SELECTOR-PRESENT", "sel", "spec.selector", Error),
        ]
    );
}

#[test]
fn headless_port_number_and_target_port() {
    let got = run(&[
        svc(
            "h",
            json!({"clusterIP": "None", "ports": [{"name": "m", "port": 3306}]}),
        ),
        ep("h", "192.0.2.1", json!([{"name": "m", "port": 3307}])),
        svc("p", json!({"ports": [{"port": 80, "targetPort": 8080}]})),
        ep("p", "192.0.2.2", json!([{"port": 9090}])),
    ]);
    assert_eq!(
        got,
        vec![
            f(
                "SVC-HEADLESS-PORT-MISMATCH",
                "h",
                "subsets[0].ports[0].port",
                Warning
            ),
            f(
                "SVC-TARGETPORT-IGNORED",
                "p",
                "spec.ports[0].targetPort",
                Warning
            ),
        ]
    );
}

#[test]
fn families_cluster_ips_and_policies() {
    let got = run(&[
        svc(
            "v4",
            json!({"clusterIP": "10.96.0.20", "internalTrafficPolicy": "Local", "ports": [{"port": 1}]}),
        ),
        json!({"apiVersion": "v1", "kind": "Endpoints", "metadata": {"name": "v4"},
               "subsets": [{"addresses": [{"ip": "192.0.2.1"}, {"ip": "2001:db8::1"}, {"ip": "10.96.0.20"}],
                            "ports": [{"port": 1}]}]}),
        svc(
            "v6",
            json!({"ipFamilies": ["IPv6"], "type": "NodePort", "externalTrafficPolicy": "Local", "ports": [{"port": 1}]}),
        ),
        slice("v6-1", "v6", "IPv4", "192.0.2.3", json!([{"port": 1}])),
    ]);
    assert_eq!(
        got,
        vec![
            f("EP-IP-CLUSTERIP", "v4", "subsets[0].addresses[2].ip", Error),
            f(
                "EP-IPFAMILY-MISMATCH",
                "v4",
                "subsets[0].addresses[1].ip",
                Error
            ),
            f("EP-IPFAMILY-MISMATCH", "v6-1", "addressType", Error),
            f(
                "SVC-ETP-LOCAL-EXTERNAL",
                "v6",
                "spec.externalTrafficPolicy",
                Error
            ),
            f(
                "SVC-ITP-LOCAL-EXTERNAL",
                "v4",
                "spec.internalTrafficPolicy",
                Error
            ),
        ]
    );
}

#[test]
fn cluster_ip_found_when_service_comes_later() {
    let got = run(&[
        ep("a", "10.96.0.30", json!([{"port": 1}])),
        svc("a", json!({"ports": [{"port": 1}]})),
        svc(
            "dns",
            json!({"clusterIP": "10.96.0.30", "ports": [{"port": 53}]}),
        ),
        ep("dns", "192.0.2.9", json!([{"port": 53}])),
    ]);
    assert_eq!(
        got,
        vec![f(
            "EP-IP-CLUSTERIP",
            "a",
            "subsets[0].addresses[0].ip",
            Error
        )]
    );
}

#[test]
fn slices_managed_by_fqdn_port_number_and_both_kinds() {
    let mut reserved = slice("r-1", "r", "IPv4", "192.0.2.1", json!([{"port": 1}]));
    reserved["metadata"]["labels"]["endpointslice.kubernetes.io/managed-by"] =
        json!("endpointslice-controller.k8s.io");
    let got = run(&[
        svc("r", json!({"ports": [{"port": 1}]})),
        reserved,
        ep("r", "192.0.2.1", json!([{"port": 1}])),
        svc("f", json!({"ports": [{"port": 1}]})),
        slice("f-1", "f", "FQDN", "db.example.com", json!([{"port": 1}])),
        svc("n", json!({"ports": [{"name": "x", "port": 1}]})),
        slice("n-1", "n", "IPv4", "192.0.2.5", json!([{"name": "x"}])),
    ]);
    assert_eq!(
        got,
        vec![
            f("EP-AND-ES-BOTH", "r", "metadata.name", Warning),
            f("ES-FQDN-NOT-PROXIED", "f-1", "addressType", Error),
            f(
                "ES-MANAGED-BY-RESERVED",
                "r-1",
                "metadata.labels[endpointslice.kubernetes.io/managed-by]",
                Warning
            ),
            f("ES-PORT-NUMBER-MISSING", "n-1", "ports[0].port", Error),
        ]
    );
}

#[test]
fn slice_name_mismatch_and_controller_managed() {
    let mut owned = slice("s-1", "s", "IPv4", "192.0.2.1", json!([{"port": 1}]));
    owned["metadata"]["labels"]["endpointslice.kubernetes.io/managed-by"] =
        json!("endpointslice-controller.k8s.io");
    let got = run(&[
        svc(
            "s",
            json!({"selector": {"app": "s"}, "ports": [{"port": 1}]}),
        ),
        owned,
        svc("mysql", json!({"ports": [{"port": 3306}]})),
        slice(
            "mysql-1",
            "mysql-ep",
            "IPv4",
            "192.0.2.2",
            json!([{"port": 3306}]),
        ),
    ]);
    assert_eq!(
        got,
        vec![
            f(
                "ES-MANAGED-BY-CONTROLLER",
                "s-1",
                "metadata.labels[endpointslice.kubernetes.io/managed-by]",
                Error
            ),
            f(
                "ES-SERVICE-NAME-MATCH",
                "mysql-1",
                "metadata.labels[kubernetes.io/service-name]",
                Error
            ),
        ]
    );
}

#[test]
fn pairing_is_linear_on_large_runs() {
    // 40,000 unpaired Endpoints next to 40,000 selectorless Services in one namespace
    // (the ambiguous case), plus 40,000 exact pairs: quadratic pairing would take minutes.
    let mut index = CrossIndex::new(Context { kube_minor: 37 });
    let at = |i: usize| ObjectAt {
        file: 0,
        object: ObjectRef {
            kind: String::new(),
            namespace: None,
            name: None,
            index: i,
        },
    };
    let n = 40_000;
    let start = std::time::Instant::now();
    for i in 0..n {
        index.add(
            &object(svc(&format!("s{i}"), json!({"ports": [{"port": 1}]}))),
            at(i),
            &|_| None,
        );
        index.add(
            &object(ep(&format!("e{i}"), "192.0.2.1", json!([{"port": 1}]))),
            at(i),
            &|_| None,
        );
        let mut paired = svc(&format!("p{i}"), json!({"ports": [{"port": 1}]}));
        paired["metadata"]["namespace"] = json!("other");
        index.add(&object(paired), at(i), &|_| None);
        let mut e = ep(&format!("p{i}"), "192.0.2.2", json!([{"port": 1}]));
        e["metadata"]["namespace"] = json!("other");
        index.add(&object(e), at(i), &|_| None);
    }
    let found = index.finish();
    assert_eq!(found.len(), n);
    assert!(found
        .iter()
        .all(|p| p.finding.code == "EP-NAME-MATCH" && p.finding.severity == Some(Warning)));
    assert!(found[0]
        .finding
        .message
        .ends_with("\"s0\", \"s1\", \"s2\" and 39997 more"));
    assert!(start.elapsed().as_secs() < 60, "took {:?}", start.elapsed());
}

#[test]
fn a_repeated_service_is_one_service() {
    let got = run(&[
        svc("db", json!({"ports": [{"port": 1}]})),
        svc("db", json!({"ports": [{"name": "pg", "port": 1}]})),
        ep("db", "192.0.2.1", json!([{"name": "pg", "port": 1}])),
    ]);
    assert_eq!(got, vec![]);
}

#[test]
fn headless_unnamed_service_port_needs_no_name_match() {
    let got = run(&[
        svc("h", json!({"clusterIP": "None", "ports": [{"port": 3306}]})),
        ep("h", "192.0.2.1", json!([{"name": "mysql", "port": 3306}])),
    ]);
    assert_eq!(got, vec![]);
}

#[test]
fn unmirrored_endpoints_are_not_paired_in_detail() {
    let mut skipped = ep("db", "192.0.2.1", json!([{"name": "x", "port": 1}]));
    skipped["metadata"]["labels"] = json!({"endpointslice.kubernetes.io/skip-mirror": "true"});
    let got = run(&[
        svc("db", json!({"ports": [{"port": 1}]})),
        skipped,
        slice("db-1", "db", "IPv4", "192.0.2.1", json!([{"port": 1}])),
    ]);
    // No EP-PORT-NAME-MATCH on the skipped Endpoints, no EP-AND-ES-BOTH.
    assert_eq!(got, vec![]);
}

#[test]
fn namespace_help_names_the_side_to_change() {
    let mut e = ep("db", "192.0.2.1", json!([{"port": 1}]));
    e["metadata"]["namespace"] = json!("prod");
    let mut index = CrossIndex::new(Context { kube_minor: 37 });
    for (i, v) in [svc("db", json!({"ports": [{"port": 1}]})), e]
        .into_iter()
        .enumerate()
    {
        let o = object(v);
        let at = ObjectAt {
            file: 0,
            object: ObjectRef {
                kind: o.kind().to_string(),
                namespace: None,
                name: None,
                index: i,
            },
        };
        index.add(&o, at, &|_| None);
    }
    let found = index.finish();
    assert_eq!(found.len(), 1);
    let finding = &found[0].finding;
    assert_eq!(finding.code, "EP-NAMESPACE-MATCH");
    assert!(finding
        .help
        .as_deref()
        .is_some_and(|h| h.contains("give Service \"db\" metadata.namespace \"prod\" too")));
}

#[test]
fn an_unlabelled_slice_holds_back_no_backends() {
    let mut unlabelled = slice("search-1", "x", "IPv4", "192.0.2.1", json!([{"port": 1}]));
    unlabelled["metadata"]["labels"] = json!({});
    let got = run(&[svc("search", json!({"ports": [{"port": 1}]})), unlabelled]);
    assert_eq!(got, vec![]);
}
