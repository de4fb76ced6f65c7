//! The validation pipeline around the rules: decoding, input-level findings, lists,
//! skipped documents, ordering and counting.

use extsvc::{validate_sources, validate_text, Diagnostic, Severity, Source, ValidateOptions};

fn run(text: &str) -> Vec<Diagnostic> {
    validate_text("in.yaml", text, &ValidateOptions::default())
        .expect("options")
        .diagnostics
}

fn only(diags: &[Diagnostic], code: &str) -> Vec<Diagnostic> {
    diags.iter().filter(|d| d.code == code).cloned().collect()
}

fn at(d: &Diagnostic) -> (u32, u32) {
    let l = d.location.expect("location");
    (l.line, l.column)
}

#[test]
fn a_wrong_type_is_reported_at_its_field() {
    let text = "apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  ports:\n    - port: \"abc\"\n";
    let d = only(&run(text), "YAML-TYPE");
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].path.as_deref(), Some("spec.ports[0].port"));
    assert_eq!(at(&d[0]), (7, 13));
    assert_eq!(d[0].severity, Severity::Error);
    assert!(d[0].message.contains("abc"), "{}", d[0].message);
    assert_eq!(
        d[0].object.as_ref().map(|o| o.name.as_deref()),
        Some(Some("db"))
    );
}

#[test]
fn a_collection_of_the_wrong_type_names_what_was_expected() {
    // Structs, lists and maps each take one JSON type; anything else is refused with
    // serde's wording, at the field and on the line of the value.
    let cases: &[(&str, &str, &str, (u32, u32))] = &[
        (
            "spec: abc",
            "spec",
            "invalid type: string \"abc\", expected ServiceSpec",
            (5, 7),
        ),
        (
            "spec:\n  ports: 5",
            "spec.ports",
            "invalid type: integer `5`, expected a sequence",
            (6, 10),
        ),
        (
            "spec:\n  ports: {a: 1}",
            "spec.ports",
            "invalid type: map, expected a sequence",
            (6, 10),
        ),
        (
            "spec:\n  selector: [a]",
            "spec.selector",
            "invalid type: sequence, expected a map",
            (6, 13),
        ),
        (
            "spec:\n  ports: [1.5]",
            "spec.ports[0]",
            "invalid type: floating point `1.5`, expected ServicePort",
            (6, 11),
        ),
        (
            "spec:\n  ports: [.inf]",
            "spec.ports[0]",
            "inf cannot be represented in JSON",
            (6, 11),
        ),
        (
            "spec:\n  ports: [true]",
            "spec.ports[0]",
            "invalid type: boolean `true`, expected ServicePort",
            (6, 11),
        ),
    ];
    for (spec, path, message, line_column) in cases {
        let text = format!("apiVersion: v1\nkind: Service\nmetadata:\n  name: db\n{spec}\n");
        let d = only(&run(&text), "YAML-TYPE");
        assert_eq!(d.len(), 1, "{spec}: {d:?}");
        assert_eq!(d[0].path.as_deref(), Some(*path), "{spec}");
        assert_eq!(d[0].message, format!("{path}: {message}"), "{spec}");
        assert_eq!(at(&d[0]), *line_column, "{spec}");
    }
}

#[test]
fn yaml_1_1_booleans_are_booleans_for_string_fields() {
    // `name: on` is a boolean to Kubernetes' YAML reader: the API server cannot decode it.
    let text = "apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  ports:\n    - name: on\n      port: 80\n";
    let d = only(&run(text), "YAML-TYPE");
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].path.as_deref(), Some("spec.ports[0].name"));
    assert_eq!(at(&d[0]), (7, 13));
}

#[test]
fn integral_floats_decode_into_integer_fields_like_go() {
    let text =
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  ports:\n    - port: 80.0\n";
    assert!(only(&run(text), "YAML-TYPE").is_empty());
    let text = text.replace("80.0", "80.5");
    assert_eq!(only(&run(&text), "YAML-TYPE").len(), 1);
}

#[test]
fn other_kinds_are_skipped_with_one_info_and_non_kubernetes_yaml_quietly() {
    let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: c}\n---\nreplicaCount: 3\nimage: {tag: latest}\n";
    let all = run(text);
    let d = only(&all, "SKIPPED-KIND");
    assert_eq!(d.len(), 1, "{all:?}");
    assert_eq!(d[0].severity, Severity::Info);
    assert!(d[0].message.contains("3 document"), "{}", d[0].message);
    assert!(
        d[0].message.contains("Deployment ×2") && d[0].message.contains("ConfigMap"),
        "{}",
        d[0].message
    );
    assert_eq!(all.len(), 1, "{all:?}");
}

#[test]
fn list_items_are_checked_as_objects() {
    let text = "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: db}\n    spec:\n      ports:\n        - port: \"x\"\n";
    let d = only(&run(text), "YAML-TYPE");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].path.as_deref(), Some("spec.ports[0].port"));
    assert_eq!(at(&d[0]), (9, 17));
}

#[test]
fn endpoint_slice_v1beta1_is_not_served() {
    let text = "apiVersion: discovery.k8s.io/v1beta1\nkind: EndpointSlice\nmetadata: {name: db}\naddressType: IPv4\nendpoints: []\n";
    let d = only(&run(text), "API-VERSION");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].path.as_deref(), Some("apiVersion"));
    assert_eq!(at(&d[0]), (1, 13));
}

#[test]
fn yaml_errors_become_diagnostics_and_later_documents_are_still_checked() {
    let text = "apiVersion: v1\nkind: Service\nmetadata: {name: [db\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: db\n  name: db2\nspec:\n  ports: [{port: \"p\"}]\n";
    let all = run(text);
    assert_eq!(only(&all, "YAML-SYNTAX").len(), 1, "{all:?}");
    let dup = only(&all, "YAML-DUPLICATE-KEY");
    assert_eq!(dup.len(), 1);
    assert_eq!(at(&dup[0]), (9, 3));
    assert_eq!(only(&all, "YAML-TYPE").len(), 1);
}

#[test]
fn findings_are_ordered_by_file_then_position_and_counted() {
    let a = "apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  ports: [{port: \"p\"}]\n";
    let b = "x: [\n";
    let report = validate_sources(
        &[
            Source {
                name: "b.yaml",
                text: b,
            },
            Source {
                name: "a.yaml",
                text: a,
            },
        ],
        &ValidateOptions::default(),
    )
    .unwrap();
    let files: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| d.file.clone().unwrap())
        .collect();
    assert_eq!(files.first().map(String::as_str), Some("b.yaml"));
    assert_eq!(report.summary.files, 2);
    assert_eq!(
        report.summary.errors,
        report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    );
    assert!(report.summary.errors >= 2);
}

#[test]
fn unsupported_kube_version_is_an_option_error() {
    let opts = ValidateOptions {
        kube_version: "1.20".into(),
        ..ValidateOptions::default()
    };
    let err = validate_text("x", "", &opts).unwrap_err();
    assert!(err.contains("1.20") && err.contains("1.33"), "{err}");
    let opts = ValidateOptions {
        kube_version: "1.35".into(),
        ..ValidateOptions::default()
    };
    assert!(validate_text("x", "", &opts).is_ok());
}

#[test]
fn a_null_label_value_is_the_empty_label_the_api_server_stores() {
    // Go's decoder reads `null` in a map or list as the zero value, so `app:` with nothing
    // after it is the label app="" (valid), not a type error.
    let text = "apiVersion: v1\nkind: Service\nmetadata:\n  name: db\n  labels:\n    app:\nspec:\n  ports:\n    - port: 3306\n";
    assert!(only(&run(text), "YAML-TYPE").is_empty(), "{:?}", run(text));
}

#[test]
fn a_misspelled_kind_in_our_groups_is_not_served() {
    // kubectl: `no matches for kind "Endpoint" in version "v1"`; nothing is applied.
    let cases: &[(&str, &str)] = &[
        ("apiVersion: v1\nkind: Endpoint\n", "no matches for kind \"Endpoint\" in version \"v1\": use kind \"Endpoints\" (apiVersion \"v1\")"),
        ("apiVersion: v1\nkind: service\n", "no matches for kind \"service\" in version \"v1\": use kind \"Service\" (apiVersion \"v1\")"),
        ("apiVersion: discovery.k8s.io/v1\nkind: EndpointSlices\n", "no matches for kind \"EndpointSlices\" in version \"discovery.k8s.io/v1\": use kind \"EndpointSlice\" (apiVersion \"discovery.k8s.io/v1\")"),
    ];
    for (text, message) in cases {
        let all = run(text);
        let d = only(&all, "API-VERSION");
        assert_eq!(d.len(), 1, "{text}: {all:?}");
        assert_eq!(d[0].path.as_deref(), Some("kind"));
        assert_eq!(at(&d[0]), (2, 7));
        assert_eq!(&d[0].message, message);
        assert!(only(&all, "SKIPPED-KIND").is_empty());
    }
    // Other kinds, and kinds near ours in other groups (KubeEdge's `Device`), are skipped.
    for text in [
        "apiVersion: v1\nkind: ConfigMap\n",
        "apiVersion: v1\nkind: Secret\n",
        "apiVersion: devices.kubeedge.io/v1beta1\nkind: Device\n",
        "apiVersion: example.com/v1\nkind: Services\n",
        // Knative's (and Cloud Run's) Service: another group's kind of the same name.
        "apiVersion: serving.knative.dev/v1\nkind: Service\nspec: {template: {}}\n",
        "apiVersion: example.com/v1\nkind: EndpointSlice\n",
    ] {
        let all = run(text);
        assert!(only(&all, "API-VERSION").is_empty(), "{text}: {all:?}");
        assert_eq!(only(&all, "SKIPPED-KIND").len(), 1, "{text}: {all:?}");
    }
}

#[test]
fn one_of_our_kinds_without_api_version_is_refused() {
    // kubectl: `error validating data: apiVersion not set`. Before, such a document was
    // taken for other YAML and skipped, with all its mistakes.
    let text = "kind: Service\nmetadata: {name: db}\nspec:\n  ports: [{port: abc}]\n";
    let all = run(text);
    let d = only(&all, "API-VERSION");
    assert_eq!(d.len(), 1, "{all:?}");
    assert_eq!(d[0].message, "apiVersion not set: use apiVersion \"v1\"");
    assert_eq!(d[0].path.as_deref(), Some("apiVersion"));
    assert_eq!(at(&d[0]), (1, 7));
    // A `kind` of some other YAML (no apiVersion) is not a Kubernetes object, and an
    // apiVersion that is there but not a string is not "not set".
    assert!(run("kind: feature\nname: x\n").is_empty());
    assert!(only(&run("apiVersion: 1\nkind: Service\n"), "API-VERSION").is_empty());
}
