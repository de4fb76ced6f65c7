//! `migrate`: golden fixtures (`tests/fixtures/migrate/<case>/input.yaml` →
//! `expected.yaml`, with what was migrated, skipped and the errors left in `report.txt`;
//! a file `keep` in the case keeps the Endpoints) and the done-when check on the seed.
//!
//! `UPDATE_GOLDEN=1 cargo test --test migrate` rewrites the expected files.

mod common;

use std::fmt::Write as _;

use extsvc::{
    fix, migrate, validate_text, FixOptions, MigrateOptions, MigrateResult, Severity,
    ValidateOptions,
};

const SEED: &str = include_str!("../www/examples/seed-mysql.yaml");

fn diagnostics(text: &str) -> Vec<(String, Option<String>, Severity)> {
    validate_text("t.yaml", text, &ValidateOptions::default())
        .map(|r| r.diagnostics)
        .unwrap_or_default()
        .into_iter()
        .map(|d| (d.code, d.path, d.severity))
        .collect()
}

fn report(r: &MigrateResult) -> String {
    let mut out = String::new();
    for m in &r.migrated {
        let l = m.location;
        let _ = writeln!(
            out,
            "migrated {} {} at {}:{}: {}",
            m.code,
            m.object.name.as_deref().unwrap_or("-"),
            l.line,
            l.column,
            m.description
        );
    }
    for s in &r.skipped {
        let l = s.location;
        let _ = writeln!(
            out,
            "skipped {} at {}:{}: {}",
            s.object.name.as_deref().unwrap_or("-"),
            l.line,
            l.column,
            s.reason
        );
    }
    for d in &r.remaining {
        let sev = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        let _ = writeln!(out, "{sev} {} {}", d.code, d.path.as_deref().unwrap_or("-"));
    }
    out
}

#[test]
fn fixtures() {
    let cases = common::cases("migrate", 4);
    let mut failures = Vec::new();
    for case in cases {
        let input = std::fs::read_to_string(case.join("input.yaml")).unwrap_or_default();
        let options = MigrateOptions {
            keep_endpoints: case.join("keep").exists(),
            ..MigrateOptions::default()
        };
        let Ok(r) = migrate(&input, &options) else {
            failures.push(format!("{}: options refused", case.display()));
            continue;
        };
        common::golden(&case.join("expected.yaml"), &r.output, &mut failures);
        common::golden(&case.join("report.txt"), &report(&r), &mut failures);
        let errors = |t: &str| {
            diagnostics(t)
                .into_iter()
                .filter(|d| d.2 == Severity::Error)
                .count()
        };
        if errors(&r.output) > errors(&input) {
            failures.push(format!("{}: more errors after migrate", case.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn fixed_seed_migrates_to_a_clean_endpoint_slice_manifest() {
    let fixed = fix(SEED, &FixOptions::default())
        .expect("valid options")
        .output;
    let r = migrate(&fixed, &MigrateOptions::default()).expect("valid options");
    assert_eq!(r.refused, None);
    assert_eq!(diagnostics(&r.output), Vec::new());
    assert!(r.output.contains("kind: EndpointSlice\n"));
    assert!(!r.output.contains("kind: Endpoints\n"));
    // The Service document, its comments included, is untouched.
    let service_doc = fixed.split("\n---\n").next().unwrap_or_default();
    assert!(r.output.starts_with(service_doc));
    // The comments of the replaced Endpoints are carried over above the slices.
    for comment in fixed.lines().filter_map(|l| l.find('#').map(|i| &l[i..])) {
        assert!(r.output.contains(comment), "lost comment {comment:?}");
    }
    assert!(r.output.contains(
        "# Comments of the Endpoints \"mysql-svc\" these EndpointSlices replace:\n#     name: mysql-svc  # Must match Service name\n"
    ));
    let names: Vec<&[String]> = r.migrated.iter().map(|m| m.created.as_slice()).collect();
    assert_eq!(names, [["EndpointSlice/mysql-svc-ipv4".to_string()]]);
    // Migrating again changes nothing: there is no Endpoints left.
    let again = migrate(&r.output, &MigrateOptions::default()).expect("valid options");
    assert_eq!(again.output, r.output);
}

#[test]
fn more_than_1000_addresses_are_split_not_dropped() {
    let mut text = String::from(
        "apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: big\nsubsets:\n  - addresses:\n",
    );
    for i in 0..2500 {
        let _ = writeln!(text, "      - ip: 10.0.{}.{}", i / 250, i % 250 + 1);
    }
    text.push_str("    ports:\n      - port: 80\n");
    let r = migrate(&text, &MigrateOptions::default()).expect("valid options");
    let created: Vec<String> = r.migrated.iter().flat_map(|m| m.created.clone()).collect();
    assert_eq!(
        created,
        [
            "EndpointSlice/big-ipv4-1",
            "EndpointSlice/big-ipv4-2",
            "EndpointSlice/big-ipv4-3"
        ]
    );
    assert_eq!(r.output.matches("- addresses:").count(), 2500);
    assert!(
        !r.remaining
            .iter()
            .any(|d| d.code == "ES-ENDPOINTS-TOO-MANY"),
        "{:?}",
        r.remaining
    );
}

#[test]
fn yaml_errors_are_refused() {
    let input = "apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: \"db\n";
    let r = migrate(input, &MigrateOptions::default()).expect("valid options");
    assert_eq!(r.output, input);
    assert!(r.refused.is_some());
    assert!(r.migrated.is_empty());
}

#[test]
fn options_reject_unknown_fields() {
    let parsed: Result<MigrateOptions, _> = serde_json::from_str(r#"{"keepEndpoints": true}"#);
    assert_eq!(parsed.ok().map(|o| o.keep_endpoints), Some(true));
    let parsed: Result<MigrateOptions, _> = serde_json::from_str(r#"{"keep": true}"#);
    assert!(parsed.is_err());
}

#[test]
fn slices_carry_the_same_managed_by_as_generated_ones() {
    let spec =
        serde_json::json!({"name": "db", "addresses": ["192.0.2.1"], "ports": [{"port": 5432}]});
    let generated = extsvc::generate(&spec);
    let values: Vec<String> = generated
        .objects
        .iter()
        .filter_map(|o| o["metadata"]["labels"]["endpointslice.kubernetes.io/managed-by"].as_str())
        .map(str::to_string)
        .collect();
    assert_eq!(values, [extsvc::transform::MANAGED_BY]);
}

#[test]
fn crlf_files_stay_crlf_and_keep_their_byte_order_mark() {
    let input = "\u{feff}apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: db\r\nspec:\r\n  ports:\r\n    - port: 5432\r\n---\r\napiVersion: v1\r\nkind: Endpoints\r\nmetadata:\r\n  name: db # primary\r\nsubsets:\r\n  - addresses:\r\n      - ip: 192.0.2.1\r\n    ports:\r\n      - port: 5432\r\n";
    for keep in [false, true] {
        let options = MigrateOptions {
            keep_endpoints: keep,
            ..MigrateOptions::default()
        };
        let r = migrate(input, &options).expect("valid options");
        assert_eq!(r.migrated.len(), 1);
        assert!(r.output.starts_with("\u{feff}apiVersion: v1\r\n"));
        assert!(r.output.contains("kind: EndpointSlice\r\n"));
        assert_eq!(
            r.output.matches('\n').count(),
            r.output.matches("\r\n").count(),
            "{:?}",
            r.output
        );
        assert_eq!(r.output.contains("kind: Endpoints\r\n"), keep);
    }
}

#[test]
fn lone_cr_files_stay_lone_cr_and_read_back_as_the_migrated_manifest() {
    // Found in review: the Endpoints' comments were carried as one "line" (`str::lines`
    // breaks only at `\n`), so all but its first line stayed live YAML and merged into the
    // slice after it (duplicate `kind` and `metadata` keys).
    let fixed = fix(SEED, &FixOptions::default())
        .expect("valid options")
        .output;
    let lf = migrate(&fixed, &MigrateOptions::default())
        .expect("valid options")
        .output;
    let input = fixed.replace('\n', "\r");
    let r = migrate(&input, &MigrateOptions::default()).expect("valid options");
    assert_eq!(r.migrated.len(), 1);
    assert!(!r.output.contains('\n'), "{:?}", r.output);
    assert_eq!(r.output, lf.replace('\n', "\r"));
    assert_eq!(diagnostics(&r.output), diagnostics(&lf));
}
