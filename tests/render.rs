//! Golden tests of the renderers: exact bytes for hand-made reports (every layout case of
//! the text format, the fixed JSON shape, colour), and insta snapshots of the seed example
//! through the whole pipeline, which is what the CLI prints for it.

use extsvc::render::{
    self, check, generated, render_rules, CheckOptions, Format, GenerateFormat, EXIT_FINDINGS,
    EXIT_OK,
};
use extsvc::{
    Category, Diagnostic, GenerateResult, Location, ObjectRef, Report, Rule, Severity, Source,
    Summary, ValidateOptions,
};

const SEED: &str = include_str!("../www/examples/seed-mysql.yaml");

fn diag(code: &str, severity: Severity, message: &str) -> Diagnostic {
    Diagnostic {
        code: code.to_string(),
        rule: code.to_ascii_lowercase(),
        severity,
        category: Category::Rejected,
        message: message.to_string(),
        object: None,
        path: None,
        location: None,
        help: None,
        file: Some("a.yaml".to_string()),
    }
}

fn at(line: u32, column: u32, end_line: u32, end_column: u32) -> Option<Location> {
    Some(Location {
        line,
        column,
        end_line,
        end_column,
    })
}

fn endpoints(name: Option<&str>) -> Option<ObjectRef> {
    Some(ObjectRef {
        kind: "Endpoints".to_string(),
        namespace: name.map(|_| "default".to_string()),
        name: name.map(str::to_string),
        index: 1,
    })
}

fn report(diagnostics: Vec<Diagnostic>, files: usize, objects: usize) -> Report {
    let mut summary = Summary {
        files,
        objects,
        ..Summary::default()
    };
    summary.count(&diagnostics);
    Report {
        diagnostics,
        summary,
    }
}

fn text(report: &Report, sources: &[Source<'_>], color: bool) -> String {
    render::render(report, sources, Format::Text, color).expect("text renders")
}

/// Line 3 holds non-ASCII text before the span, line 4 a tab.
const SOURCE: &str = "apiVersion: v1\nkind: Endpoints\nmetadata: {name: \"数据库😀\", namespace: default}\n\tports: x\nsubsets:\n  - a\n";

#[test]
fn text_layout_cases() {
    let sources = [Source {
        name: "a.yaml",
        text: SOURCE,
    }];
    let mut error = diag("EP-NAME-MATCH", Severity::Error, "no Service \"数据库😀\"");
    // `"数据库😀"` starts at UTF-16 column 18 and is 7 units long (the emoji takes two).
    error.location = at(3, 18, 3, 25);
    error.path = Some("metadata.name".to_string());
    error.object = endpoints(Some("数据库😀"));
    error.help = Some("Rename it.\nOr add the Service.".to_string());
    let mut tab = diag("X-TAB", Severity::Warning, "tab");
    tab.location = at(4, 2, 4, 7);
    let mut multi = diag("X-MULTI", Severity::Info, "runs over lines");
    multi.location = at(5, 1, 7, 1);
    multi.object = endpoints(None);
    let mut elsewhere = diag("X-ELSEWHERE", Severity::Error, "not in the sources");
    elsewhere.file = Some("b.yaml".to_string());
    elsewhere.location = at(1, 1, 1, 2);
    elsewhere.path = Some("spec.ports[0]".to_string());
    let mut bare = diag("SKIPPED-KIND", Severity::Info, "skipped\n2 documents");
    bare.file = None;
    let report = report(vec![error, tab, multi, elsewhere, bare], 2, 3);

    let expected = r#"a.yaml:3:18: error[EP-NAME-MATCH]: no Service "数据库😀"
  |
3 | metadata: {name: "数据库😀", namespace: default}
  |                  ^^^^^^^^^^ metadata.name (Endpoints default/数据库😀)
  = help: Rename it.
          Or add the Service.

a.yaml:4:2: warning[X-TAB]: tab
  |
4 |     ports: x
  |     ^^^^^

a.yaml:5:1: info[X-MULTI]: runs over lines
  |
5 | subsets:
  | ^^^^^^^^ Endpoints (document 2)

b.yaml:1:1: error[X-ELSEWHERE]: not in the sources
  = at: spec.ports[0]

<input>: info[SKIPPED-KIND]: skipped 2 documents

2 errors, 1 warning, 2 infos in 2 files (3 objects).
"#;
    assert_eq!(text(&report, &sources, false), expected);
}

#[test]
fn text_summary_wording() {
    let clean = report(vec![], 2, 0);
    assert_eq!(
        text(&clean, &[], false),
        "No problems found in 2 files (0 objects).\n"
    );
    let mut quiet = report(vec![], 1, 2);
    quiet.summary.suppressed = 3;
    assert_eq!(
        text(&quiet, &[], false),
        "No problems found in 1 file (2 objects, 3 suppressed).\n"
    );
    let one = report(vec![diag("A", Severity::Error, "m")], 1, 1);
    assert!(
        text(&one, &[], false).ends_with("\n1 error, 0 warnings, 0 infos in 1 file (1 object).\n")
    );
}

#[test]
fn text_colour_is_ansi_only_when_asked() {
    let sources = [Source {
        name: "a.yaml",
        text: "kind: Service\n",
    }];
    let mut d = diag("SVC-X", Severity::Warning, "bad kind");
    d.location = at(1, 7, 1, 14);
    d.path = Some("kind".to_string());
    d.help = Some("Fix it.".to_string());
    let report = report(vec![d], 1, 1);
    let expected = "\x1b[1ma.yaml\x1b[0m\x1b[1m:1:7\x1b[0m: \x1b[1;33mwarning[SVC-X]\x1b[0m: \x1b[1mbad kind\x1b[0m\n  \x1b[1;34m|\x1b[0m\n\x1b[1;34m1\x1b[0m \x1b[1;34m|\x1b[0m kind: Service\n  \x1b[1;34m|\x1b[0m       \x1b[1;33m^^^^^^^\x1b[0m kind\n  \x1b[1;34m= help:\x1b[0m Fix it.\n\n0 errors, \x1b[1;33m1 warning\x1b[0m, 0 infos in 1 file (1 object).\n";
    assert_eq!(text(&report, &sources, true), expected);
    assert!(!text(&report, &sources, false).contains('\x1b'));
}

#[test]
fn text_neutralises_control_characters_from_the_input() {
    let sources = [Source {
        name: "a.yaml",
        text: "name: \"\x1b[2Jx\"\n",
    }];
    let mut d = diag("X", Severity::Error, "name \"\x1b[2Jx\" is invalid");
    d.location = at(1, 7, 1, 14);
    let out = text(&report(vec![d], 1, 1), &sources, false);
    assert!(!out.contains('\x1b'), "{out:?}");
    assert!(out.contains("name \"\u{FFFD}[2Jx\" is invalid"), "{out}");
}

#[test]
fn json_has_every_field_in_a_fixed_order() {
    let mut full = diag("EP-NAME-MATCH", Severity::Error, "m");
    full.category = Category::Broken;
    full.location = at(22, 9, 22, 17);
    full.path = Some("metadata.name".to_string());
    full.object = endpoints(Some("mysql-ep"));
    full.help = Some("h".to_string());
    let mut bare = diag("SKIPPED-KIND", Severity::Info, "s");
    bare.category = Category::Advice;
    bare.file = None;
    let report = report(vec![full, bare], 1, 2);
    let out = render::render(&report, &[], Format::Json, true).expect("json");
    let expected = r#"{
  "diagnostics": [
    {
      "code": "EP-NAME-MATCH",
      "rule": "ep-name-match",
      "severity": "error",
      "category": "broken",
      "message": "m",
      "object": {
        "kind": "Endpoints",
        "namespace": "default",
        "name": "mysql-ep",
        "index": 1
      },
      "path": "metadata.name",
      "location": {
        "line": 22,
        "column": 9,
        "endLine": 22,
        "endColumn": 17
      },
      "help": "h",
      "file": "a.yaml"
    },
    {
      "code": "SKIPPED-KIND",
      "rule": "skipped-kind",
      "severity": "info",
      "category": "advice",
      "message": "s",
      "object": null,
      "path": null,
      "location": null,
      "help": null,
      "file": null
    }
  ],
  "summary": {
    "errors": 1,
    "warnings": 0,
    "infos": 1,
    "files": 1,
    "objects": 2,
    "suppressed": 0
  }
}
"#;
    assert_eq!(out, expected);
}

#[test]
fn rules_table_is_aligned() {
    let rule = |code: &'static str, severity, category, summary| Rule {
        code,
        severity,
        category,
        summary,
        what: "",
        why: "",
        example: "",
        fix: "",
        source: "",
    };
    let rules = [
        rule("A", Severity::Error, Category::Rejected, "First."),
        rule("LONG-CODE-X", Severity::Info, Category::Advice, "Second."),
    ];
    let expected = "\
CODE         SEVERITY  CATEGORY  SUMMARY
A            error     rejected  First.
LONG-CODE-X  info      advice    Second.
";
    assert_eq!(render_rules(&rules, Format::Text).expect("text"), expected);
    let json: serde_json::Value =
        serde_json::from_str(&render_rules(&rules, Format::Json).expect("json")).expect("JSON");
    assert_eq!(json[1]["code"], "LONG-CODE-X");
    assert_eq!(json[1]["severity"], "info");
}

#[test]
fn generated_output_per_format_and_failure() {
    let ok = GenerateResult {
        yaml: Some("kind: Service\n".to_string()),
        objects: vec![serde_json::json!({"kind": "Service"})],
        ..GenerateResult::default()
    };
    let spec = Source {
        name: "spec.json",
        text: "{\"name\": \"x\"}",
    };
    let yaml = generated(&ok, spec, GenerateFormat::Yaml, false).expect("yaml");
    assert_eq!(
        (yaml.output.as_str(), yaml.messages.as_str(), yaml.exit_code),
        ("kind: Service\n", "", EXIT_OK)
    );
    let json = generated(&ok, spec, GenerateFormat::Json, false).expect("json");
    assert_eq!(
        json.output,
        "{\n  \"apiVersion\": \"v1\",\n  \"items\": [\n    {\n      \"kind\": \"Service\"\n    }\n  ],\n  \"kind\": \"List\"\n}\n"
    );

    let mut d = diag("SPEC-NAME", Severity::Error, "bad name");
    d.file = None;
    d.location = at(1, 10, 1, 13);
    d.path = Some("name".to_string());
    let failed = GenerateResult {
        diagnostics: vec![d],
        ..GenerateResult::default()
    };
    let out = generated(&failed, spec, GenerateFormat::Yaml, false).expect("failed");
    assert_eq!(out.output, "");
    assert_eq!(out.exit_code, EXIT_FINDINGS);
    assert_eq!(
        out.messages,
        "spec.json:1:10: error[SPEC-NAME]: bad name\n  |\n1 | {\"name\": \"x\"}\n  |          ^^^ name\n\n"
    );
}

#[test]
fn format_names() {
    assert_eq!("json".parse::<Format>(), Ok(Format::Json));
    assert_eq!("yaml".parse::<GenerateFormat>(), Ok(GenerateFormat::Yaml));
    let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
    assert_eq!(
        "xml".parse::<Format>(),
        Err(format!(
            "unknown format \"xml\": expected one of {}",
            names.join(", ")
        ))
    );
}

fn seed_check(format: Format, options: &CheckOptions) -> render::CheckOutput {
    let sources = [Source {
        name: "seed-mysql.yaml",
        text: SEED,
    }];
    check(&sources, &ValidateOptions::default(), format, options).expect("check")
}

#[test]
fn seed_example_text() {
    let out = seed_check(Format::Text, &CheckOptions::default());
    assert_eq!(out.exit_code, EXIT_FINDINGS);
    assert!(out
        .output
        .contains("seed-mysql.yaml:22:9: error[EP-NAME-MATCH]: "));
    insta::assert_snapshot!("seed_text", out.output);
}

#[test]
fn seed_example_json() {
    let out = seed_check(Format::Json, &CheckOptions::default());
    let value: serde_json::Value = serde_json::from_str(&out.output).expect("JSON");
    assert_eq!(value["summary"]["errors"], 1);
    insta::assert_snapshot!("seed_json", out.output);
}

#[test]
fn error_on_warning_changes_only_the_exit_code() {
    let relaxed = seed_check(Format::Text, &CheckOptions::default());
    let fixed = SEED.replace("name: mysql-ep", "name: mysql-svc");
    let sources = [Source {
        name: "seed-mysql.yaml",
        text: &fixed,
    }];
    let options = ValidateOptions::default();
    let warn = check(&sources, &options, Format::Text, &CheckOptions::default()).expect("check");
    assert_eq!((warn.summary.errors, warn.exit_code), (0, EXIT_OK));
    assert!(warn.summary.warnings > 0);
    let strict = CheckOptions {
        error_on_warning: true,
        ..CheckOptions::default()
    };
    let strict = check(&sources, &options, Format::Text, &strict).expect("check");
    assert_eq!(strict.exit_code, EXIT_FINDINGS);
    assert_eq!(strict.output, warn.output);
    assert_eq!(relaxed.exit_code, EXIT_FINDINGS);
}
