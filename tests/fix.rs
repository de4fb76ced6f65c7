//! `fix`: golden fixtures (`tests/fixtures/fix/<case>/input.yaml` → `expected.yaml`, with
//! the fixes applied and the errors left in `report.txt`; a file `unsafe` in the case
//! turns on unsafe fixes) and the done-when checks on the seed example.
//!
//! `UPDATE_GOLDEN=1 cargo test --test fix` rewrites the expected files (review the diff).

mod common;

use std::fmt::Write as _;

use extsvc::{fix, validate_text, FixOptions, FixResult, Severity, ValidateOptions};

const SEED: &str = include_str!("../www/examples/seed-mysql.yaml");

fn errors(text: &str) -> Vec<(String, Option<String>)> {
    validate_text("t.yaml", text, &ValidateOptions::default())
        .map(|r| r.diagnostics)
        .unwrap_or_default()
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.code, d.path))
        .collect()
}

fn report(r: &FixResult) -> String {
    let mut out = String::new();
    for a in &r.applied {
        let l = a.location;
        let _ = writeln!(
            out,
            "applied {} {} at {}:{}-{}:{}: {}",
            a.code, a.path, l.line, l.column, l.end_line, l.end_column, a.description
        );
    }
    for a in &r.unsafe_available {
        let _ = writeln!(out, "unsafe {} {}: {}", a.code, a.path, a.description);
    }
    for d in r.remaining.iter().filter(|d| d.severity == Severity::Error) {
        let _ = writeln!(out, "error {} {}", d.code, d.path.as_deref().unwrap_or("-"));
    }
    out
}

#[test]
fn fixtures() {
    let cases = common::cases("fix", 8);
    let mut failures = Vec::new();
    for case in cases {
        let input = std::fs::read_to_string(case.join("input.yaml")).unwrap_or_default();
        let options = FixOptions {
            unsafe_fixes: case.join("unsafe").exists(),
            ..FixOptions::default()
        };
        let Ok(r) = fix(&input, &options) else {
            failures.push(format!("{}: options refused", case.display()));
            continue;
        };
        common::golden(&case.join("expected.yaml"), &r.output, &mut failures);
        common::golden(&case.join("report.txt"), &report(&r), &mut failures);
        // Idempotent: the output is a fixed point.
        match fix(&r.output, &options) {
            Ok(again) if again.output == r.output && again.applied.is_empty() => {}
            _ => failures.push(format!("{}: fixing the output changed it", case.display())),
        }
        if errors(&r.output).len() > errors(&input).len() {
            failures.push(format!("{}: more errors after fix", case.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn seed_example_is_fixed_keeping_comments_and_fix_is_idempotent() {
    let before = errors(SEED);
    assert!(
        before.contains(&(
            "EP-NAME-MATCH".to_string(),
            Some("metadata.name".to_string())
        )),
        "{before:?}"
    );
    let r = fix(SEED, &FixOptions::default()).expect("default options are valid");
    assert_eq!(r.refused, None);
    assert_eq!(errors(&r.output), Vec::new());
    let applied: Vec<(&str, &str, u32, u32)> = r
        .applied
        .iter()
        .map(|a| {
            (
                a.code.as_str(),
                a.path.as_str(),
                a.location.line,
                a.location.column,
            )
        })
        .collect();
    assert_eq!(
        applied,
        [
            ("EP-NAME-MATCH", "metadata.name", 22, 9),
            ("EP-PORT-NAME-MATCH", "subsets[0].ports[0].name", 28, 15)
        ]
    );
    for comment in SEED.lines().filter_map(|l| l.find('#').map(|i| &l[i..])) {
        assert!(r.output.contains(comment), "lost comment {comment:?}");
    }
    // Only the two scalars changed: every other line is byte-for-byte the same.
    let changed: Vec<(&str, &str)> = SEED
        .lines()
        .zip(r.output.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        changed,
        [
            (
                "  name: mysql-ep  # Must match Service name",
                "  name: mysql-svc  # Must match Service name"
            ),
            ("      - name: mysql", "      - name: default-ep"),
        ]
    );
    assert_eq!(SEED.lines().count(), r.output.lines().count());
    let again = fix(&r.output, &FixOptions::default()).expect("valid options");
    assert_eq!(again.output, r.output);
    assert!(again.applied.is_empty(), "{:?}", again.applied);
}

#[test]
fn yaml_errors_are_refused_and_nothing_changes() {
    let input = "apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: [db\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: x\n";
    let r = fix(input, &FixOptions::default()).expect("valid options");
    assert_eq!(r.output, input);
    assert!(r.applied.is_empty());
    assert!(
        r.refused.as_deref().is_some_and(|m| m.contains("YAML")),
        "{:?}",
        r.refused
    );
    assert!(r.remaining.iter().any(|d| d.code == "YAML-SYNTAX"));
    let dup = "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  name: b\n";
    let r = fix(dup, &FixOptions::default()).expect("valid options");
    assert_eq!((r.output.as_str(), r.refused.is_some()), (dup, true));
}

#[test]
fn bad_options_are_an_error() {
    let options = FixOptions {
        kube_version: "1.20".into(),
        ..FixOptions::default()
    };
    assert!(fix(SEED, &options).is_err());
    let parsed: Result<FixOptions, _> =
        serde_json::from_str(r#"{"unsafeFixes": true, "bogus": 1}"#);
    assert!(parsed.is_err());
    let parsed: Result<FixOptions, _> = serde_json::from_str(r#"{"unsafeFixes": true}"#);
    assert_eq!(parsed.ok().map(|o| o.unsafe_fixes), Some(true));
}

#[test]
fn byte_order_mark_crlf_and_non_ascii_positions() {
    // A BOM is kept (and not counted); CRLF line ends are kept; columns count UTF-16
    // units (the emoji before the namespace is 2 units), as the validator's do.
    let input = "\u{feff}apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: web\r\n  namespace: prod\r\nspec:\r\n  ports:\r\n    - port: 80\r\n---\r\napiVersion: v1\r\nkind: Endpoints\r\nmetadata: {annotations: {note: \"😀\"}, name: web, namespace: default}\r\nsubsets:\r\n  - addresses:\r\n      - ip: 192.0.2.1\r\n    ports:\r\n      - port: 80\r\n";
    let r = fix(input, &FixOptions::default()).expect("valid options");
    let expected = input.replace("namespace: default}", "namespace: prod}");
    assert_eq!(r.output, expected);
    let a: Vec<_> = r
        .applied
        .iter()
        .map(|a| (a.code.as_str(), a.location.line, a.location.column))
        .collect();
    assert_eq!(a, [("EP-NAMESPACE-MATCH", 12, 61)]);
    let found = validate_text("t", input, &ValidateOptions::default())
        .map(|r| r.diagnostics)
        .unwrap_or_default()
        .into_iter()
        .find(|d| d.code == "EP-NAMESPACE-MATCH")
        .and_then(|d| d.location);
    assert_eq!(found, r.applied.first().map(|a| a.location));
}

#[test]
fn layouts_the_edits_cannot_handle_are_left_alone() {
    // An anchor shared by two objects: renaming the port through the anchor would also
    // rename the other Endpoints' port, so the re-read check refuses the edit.
    let shared = "apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Service
    metadata: {name: db}
    spec:
      ports:
        - name: pg
          port: 5432
  - apiVersion: v1
    kind: Endpoints
    metadata: {name: db}
    subsets:
      - addresses: [{ip: 192.0.2.1}]
        ports: &p
          - name: postgres
            port: 5432
  - apiVersion: v1
    kind: Service
    metadata: {name: other}
    spec:
      ports:
        - name: postgres
          port: 5432
  - apiVersion: v1
    kind: Endpoints
    metadata: {name: other}
    subsets:
      - addresses: [{ip: 192.0.2.2}]
        ports: *p
";
    // A folded block scalar and a tagged scalar: not plain values to swap.
    let block = "apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  ports:\n    - port: 1\n---\napiVersion: v1\nkind: Endpoints\nmetadata:\n  name: >-\n    db-ep\nsubsets:\n  - addresses:\n      - ip: 192.0.2.1\n    ports:\n      - port: 1\n";
    let tagged = block.replace("name: >-\n    db-ep", "name: !!str db-ep");
    let cases = [
        (shared, "EP-PORT-NAME-MATCH"),
        (block, "EP-NAME-MATCH"),
        (tagged.as_str(), "EP-NAME-MATCH"),
    ];
    for (input, code) in cases {
        // The finding is there (so a fix was wanted), and nothing is changed.
        assert!(errors(input).iter().any(|(c, _)| c == code), "{input}");
        let r = fix(input, &FixOptions::default()).expect("valid options");
        assert_eq!(r.output, input);
        assert!(r.applied.is_empty(), "{:?}", r.applied);
    }
}
