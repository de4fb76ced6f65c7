//! The CI formats (`sarif`, `github`, `gitlab`) through the whole pipeline: a two-file run whose
//! findings sit after non-ASCII text (UTF-16 columns: `é` is one unit, `😀` two), a file name
//! with `,` `:` `%`, and a hand-made message with `%`, `:`, `,` and a newline.

use extsvc::render::{check, render, render_rules, CheckOptions, Format};
use extsvc::{rules, Category, Diagnostic, Location, Report, Severity, Source, ValidateOptions};
use serde_json::Value;

/// Service `db` in namespace `prod`, and an Endpoints whose name matches no Service; the
/// `metadata.name` value starts after `é` (1 unit) and `😀` (2 units).
const SERVICE: &str = "apiVersion: v1
kind: Service
metadata: {name: db, namespace: prod}
spec:
  ports: [{name: pg, port: 5432}]
";

const ENDPOINTS: &str = "apiVersion: v1
kind: Endpoints
metadata: {annotations: {note: é😀}, name: db-ep, namespace: prod}
subsets:
  - addresses: [{ip: 10.0.0.7}]
    ports: [{name: pg, port: 5432}]
";

/// Column of `db-ep` on its line: 1-based, UTF-16 units (42 chars, 43 units before it).
const NAME_COLUMN: u32 = 44;

const SERVICE_FILE: &str = "deploy/db/service.yaml";
const ENDPOINTS_FILE: &str = "deploy/ops,team/a:b%.yaml";

fn run(format: Format) -> String {
    let sources = [
        Source {
            name: SERVICE_FILE,
            text: SERVICE,
        },
        Source {
            name: ENDPOINTS_FILE,
            text: ENDPOINTS,
        },
    ];
    check(
        &sources,
        &ValidateOptions::default(),
        format,
        &CheckOptions::default(),
    )
    .expect("check")
    .output
}

#[test]
fn name_column_counts_utf16_units() {
    // `é` is 2 bytes and 1 unit, `😀` 4 bytes and 2 units.
    let before = "metadata: {annotations: {note: é😀}, name: ";
    assert_eq!(before.chars().count(), 42);
    assert_eq!(before.encode_utf16().count() + 1, NAME_COLUMN as usize);
    assert!(ENDPOINTS.contains(before));
}

#[test]
fn github_annotations_carry_line_and_utf16_columns() {
    let out = run(Format::Github);
    let lines: Vec<&str> = out.lines().collect();
    let name_match = lines
        .iter()
        .find(|l| l.contains("title=extsvc (EP-NAME-MATCH)"))
        .expect("EP-NAME-MATCH annotation");
    assert!(
        name_match.starts_with(&format!(
            "::error file=deploy/ops%2Cteam/a%3Ab%25.yaml,line=3,col={NAME_COLUMN},endLine=3,endColumn={},title=extsvc (EP-NAME-MATCH)::",
            NAME_COLUMN + 5
        )),
        "{name_match}"
    );
    assert!(lines.iter().all(|l| l.starts_with("::")), "{out}");
    insta::assert_snapshot!("ci_github", out);
}

#[test]
fn sarif_results_regions_and_fingerprints() {
    let out = run(Format::Sarif);
    let log: Value = serde_json::from_str(&out).expect("SARIF is JSON");
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    assert_eq!(run["tool"]["driver"]["name"], "extsvc");
    let descriptors = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert_eq!(descriptors.len(), rules().len());
    let results = run["results"].as_array().expect("results");
    let name_match = results
        .iter()
        .find(|r| r["ruleId"] == "EP-NAME-MATCH")
        .expect("EP-NAME-MATCH result");
    let index = name_match["ruleIndex"].as_u64().expect("ruleIndex") as usize;
    assert_eq!(descriptors[index]["id"], "EP-NAME-MATCH");
    let location = &name_match["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "deploy/ops,team/a%3Ab%25.yaml"
    );
    assert_eq!(
        location["region"],
        serde_json::json!({"startLine": 3, "startColumn": NAME_COLUMN, "endLine": 3, "endColumn": NAME_COLUMN + 5})
    );
    for r in results {
        let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(descriptors[index]["id"], r["ruleId"]);
    }
    // The whole results array, without `ruleIndex` (checked above; it moves whenever a rule
    // is added to the registry).
    let mut results = results.clone();
    for r in &mut results {
        r.as_object_mut().map(|o| o.remove("ruleIndex"));
    }
    insta::assert_snapshot!(
        "ci_sarif_results",
        serde_json::to_string_pretty(&results).expect("JSON")
    );
}

#[test]
fn sarif_fingerprints_ignore_lines() {
    let fingerprints = |prefix: &str| -> Vec<String> {
        let moved = format!("{prefix}{ENDPOINTS}");
        let sources = [
            Source {
                name: SERVICE_FILE,
                text: SERVICE,
            },
            Source {
                name: ENDPOINTS_FILE,
                text: &moved,
            },
        ];
        let out = check(
            &sources,
            &ValidateOptions::default(),
            Format::Sarif,
            &CheckOptions::default(),
        )
        .expect("check");
        let log: Value = serde_json::from_str(&out.output).expect("JSON");
        let results = log["runs"][0]["results"].as_array().cloned();
        results
            .unwrap_or_default()
            .iter()
            .map(|r| r["partialFingerprints"]["extsvcFinding/v1"].to_string())
            .collect()
    };
    let before = fingerprints("");
    assert!(!before.is_empty());
    assert_eq!(fingerprints("# moved down\n\n\n"), before);
}

#[test]
fn sarif_rule_descriptor_comes_from_the_registry() {
    let out = render_rules(rules(), Format::Sarif).expect("sarif rules");
    let log: Value = serde_json::from_str(&out).expect("JSON");
    let run = &log["runs"][0];
    assert_eq!(run["results"], serde_json::json!([]));
    let rule = run["tool"]["driver"]["rules"]
        .as_array()
        .and_then(|r| r.iter().find(|r| r["id"] == "EP-NAME-MATCH").cloned())
        .expect("EP-NAME-MATCH descriptor");
    let registry = rules()
        .iter()
        .find(|r| r.code == "EP-NAME-MATCH")
        .expect("registry");
    assert_eq!(rule["name"], "ep-name-match");
    assert_eq!(rule["shortDescription"]["text"], registry.summary);
    assert_eq!(rule["fullDescription"]["text"], registry.what);
    assert_eq!(rule["defaultConfiguration"]["level"], "error");
    let help = rule["help"]["markdown"].as_str().expect("markdown help");
    assert!(
        help.contains(&format!("**Why.** {}", registry.why)),
        "{help}"
    );
    assert!(help.contains("```yaml\nkind: Service\n"), "{help}");
    assert!(
        help.ends_with(&format!("**Fix.** {}", registry.fix)),
        "{help}"
    );
    assert!(render_rules(rules(), Format::Github).is_err());
}

/// A message with every character the workflow-command syntax reserves.
fn awkward() -> Report {
    let d = Diagnostic {
        code: "SVC-PORT-RANGE".to_string(),
        rule: "svc-port-range".to_string(),
        severity: Severity::Warning,
        category: Category::Rejected,
        message: "100% wrong: a, b\nsecond line".to_string(),
        object: None,
        path: Some("spec.ports[0].port".to_string()),
        location: Some(Location {
            line: 2,
            column: 3,
            end_line: 2,
            end_column: 9,
        }),
        help: Some("use 1–65535".to_string()),
        file: Some("x.yaml".to_string()),
    };
    let mut report = Report {
        diagnostics: vec![d],
        ..Report::default()
    };
    let diagnostics = report.diagnostics.clone();
    report.summary.count(&diagnostics);
    report
}

#[test]
fn github_escapes_data_and_properties() {
    let out = render(&awkward(), &[], Format::Github, false).expect("github");
    assert_eq!(
        out,
        "::warning file=x.yaml,line=2,col=3,endLine=2,endColumn=9,title=extsvc (SVC-PORT-RANGE)::100%25 wrong: a, b%0Asecond line%0A%0Ause 1–65535\n"
    );
}

#[test]
fn sarif_keeps_messages_verbatim() {
    let out = render(&awkward(), &[], Format::Sarif, false).expect("sarif");
    let log: Value = serde_json::from_str(&out).expect("JSON");
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["level"], "warning");
    assert_eq!(
        result["message"]["text"],
        "100% wrong: a, b\nsecond line\n\nuse 1–65535"
    );
    assert_eq!(result["properties"]["path"], "spec.ports[0].port");
}

#[test]
fn gitlab_code_quality_lines_and_fingerprints() {
    let out = run(Format::Gitlab);
    let issues: Value = serde_json::from_str(&out).expect("JSON");
    let issues = issues.as_array().expect("an array");
    let name_match = issues
        .iter()
        .find(|i| i["check_name"] == "EP-NAME-MATCH")
        .expect("EP-NAME-MATCH issue");
    assert_eq!(name_match["severity"], "major");
    assert_eq!(
        name_match["location"],
        serde_json::json!({"path": ENDPOINTS_FILE, "lines": {"begin": 3}})
    );
    // The same identities as the SARIF fingerprints.
    let sarif: Value = serde_json::from_str(&run(Format::Sarif)).expect("JSON");
    let sarif_fps: Vec<&Value> = sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| &r["partialFingerprints"]["extsvcFinding/v1"])
        .collect();
    let gitlab_fps: Vec<&Value> = issues.iter().map(|i| &i["fingerprint"]).collect();
    assert_eq!(gitlab_fps, sarif_fps);
    insta::assert_snapshot!("ci_gitlab", out);
}
