//! YAML-UNKNOWN-FIELD: a member its API type does not have. kubectl validates strictly by
//! default (`AddValidateFlags`, `--validate=strict`), and the API server's strict decoder
//! (sigs.k8s.io/json `UnmarshalStrict`, `DisallowUnknownFields`, case-sensitive) refuses
//! the object: `strict decoding error: unknown field "spec.ports[0].targetport"`.

use extsvc::{validate_text, Diagnostic, Severity, ValidateOptions};

const CODE: &str = "YAML-UNKNOWN-FIELD";

fn unknown(text: &str) -> Vec<(String, (u32, u32))> {
    run(text, &ValidateOptions::default())
        .iter()
        .filter(|d| d.code == CODE)
        .map(|d| {
            let l = d.location.expect("location");
            (d.path.clone().expect("path"), (l.line, l.column))
        })
        .collect()
}

fn run(text: &str, options: &ValidateOptions) -> Vec<Diagnostic> {
    validate_text("in.yaml", text, options)
        .expect("options")
        .diagnostics
}

fn owned(expected: &[(&str, (u32, u32))]) -> Vec<(String, (u32, u32))> {
    expected
        .iter()
        .map(|(p, at)| (p.to_string(), *at))
        .collect()
}

#[test]
fn misspelled_and_miscased_fields_are_reported_at_their_keys() {
    let text = "\
apiVersion: v1
kind: Service
metadata:
  name: db
  lables:
    app: db
spec:
  clusterIp: None
  ports:
    - port: 3306
      targetport: 3306
";
    let d = run(text, &ValidateOptions::default());
    let found: Vec<&Diagnostic> = d.iter().filter(|d| d.code == CODE).collect();
    assert_eq!(found.len(), 3, "{d:#?}");
    let first = found[0];
    assert_eq!(
        first.message,
        "strict decoding error: unknown field \"metadata.lables\""
    );
    assert_eq!(first.severity, Severity::Error);
    assert_eq!(
        first
            .object
            .as_ref()
            .map(|o| (o.kind.as_str(), o.name.as_deref())),
        Some(("Service", Some("db")))
    );
    assert_eq!(
        unknown(text),
        owned(&[
            ("metadata.lables", (5, 3)),
            ("spec.clusterIp", (8, 3)),
            ("spec.ports[0].targetport", (11, 7)),
        ])
    );
}

#[test]
fn a_field_indented_under_the_wrong_parent_is_unknown_there() {
    // `ports` one level too deep belongs to the address, which has no such field; `subset`
    // at the top is a misspelling of `subsets`.
    let text = "\
apiVersion: v1
kind: Endpoints
metadata:
  name: db
subsets:
  - addresses:
      - ip: 192.0.2.10
        ports:
          - port: 3306
subset: []
";
    assert_eq!(
        unknown(text),
        owned(&[
            ("subsets[0].addresses[0].ports", (8, 9)),
            ("subset", (10, 1)),
        ])
    );
}

#[test]
fn endpoint_slice_fields_are_checked_to_the_leaves() {
    let text = "\
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: db-1
  labels:
    kubernetes.io/service-name: db
addressType: IPv4
endpoints:
  - addresses: [192.0.2.10]
    conditions: {Ready: true}
    hints:
      forZones:
        - zone: a
ports:
  - {name: mysql, port: 3306, protocl: TCP}
";
    assert_eq!(
        unknown(text),
        owned(&[
            ("endpoints[0].conditions.Ready", (10, 18)),
            ("endpoints[0].hints.forZones[0].zone", (13, 11)),
            ("ports[0].protocl", (15, 31)),
        ])
    );
}

#[test]
fn merged_and_aliased_fields_are_reported_at_each_path_they_reach() {
    // The API server sees the expanded document: an anchored port used twice is two
    // unknown fields, both pointing at the anchor's key.
    let text = "\
apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  ports:
    - &p {port: 3306, targetprot: 3306}
    - <<: *p
      name: other
";
    assert_eq!(
        unknown(text),
        owned(&[
            ("spec.ports[0].targetprot", (7, 23)),
            ("spec.ports[1].targetprot", (7, 23)),
        ])
    );
}

#[test]
fn list_items_are_checked_from_their_own_root() {
    let text = "\
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Service
    metadata: {name: db}
    spec:
      ports: [{port: 3306}]
      selecter: {app: db}
";
    assert_eq!(unknown(text), owned(&[("spec.selecter", (9, 7))]));
}

#[test]
fn only_the_outermost_unknown_member_is_reported() {
    // The strict decoder does not look inside a field it does not know.
    let text = "\
apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  ports: [{port: 3306}]
  extra:
    ports: [{bogus: 1}]
";
    assert_eq!(unknown(text), owned(&[("spec.extra", (6, 3))]));
}

#[test]
fn an_object_that_fails_to_decode_leaves_nothing_for_the_next() {
    // A wrong type stops decoding (YAML-TYPE); the unknown field met before it must not
    // be reported on the following, correct, document.
    let text = "\
apiVersion: v1
kind: Service
metadata: {name: a}
spec:
  extra: 1
  ports: [{port: abc}]
---
apiVersion: v1
kind: Service
metadata: {name: b}
spec:
  ports: [{port: 3306}]
";
    let d = run(text, &ValidateOptions::default());
    assert!(d.iter().all(|d| d.code != CODE), "{d:#?}");
    assert_eq!(d.iter().filter(|d| d.code == "YAML-TYPE").count(), 1);
}

#[test]
fn the_rule_can_be_ignored_like_any_other() {
    let text = "apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec:\n  ports: [{port: 3306, prot: 1}]\n";
    assert_eq!(unknown(text).len(), 1);
    let options = ValidateOptions {
        ignore: vec![CODE.to_string()],
        ..ValidateOptions::default()
    };
    assert!(run(text, &options).iter().all(|d| d.code != CODE));
}

#[test]
fn the_help_names_the_field_meant_when_one_stands_out() {
    let text = "apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec:\n  ports: [{port: 3306, targetport: 1, protocl: TCP, bogus: 1}]\n";
    let helps: Vec<(String, Option<String>)> = run(text, &ValidateOptions::default())
        .into_iter()
        .filter(|d| d.code == CODE)
        .map(|d| (d.path.unwrap_or_default(), d.help))
        .collect();
    let rule_fix = extsvc::rules()
        .iter()
        .find(|r| r.code == CODE)
        .map(|r| r.fix.to_string());
    assert_eq!(
        helps,
        vec![
            (
                "spec.ports[0].targetport".to_string(),
                Some("Did you mean \"targetPort\"? Field names are case-sensitive.".to_string())
            ),
            (
                "spec.ports[0].protocl".to_string(),
                Some("Did you mean \"protocol\"? Field names are case-sensitive.".to_string())
            ),
            ("spec.ports[0].bogus".to_string(), rule_fix),
        ]
    );
}
