//! Selection and suppression through the whole pipeline: `select` / `ignore` by code, name
//! and prefix; `ignore-check.extsvc.io/<rule>` annotations on objects (also for cross-object
//! findings placed on them, across files); the findings about malformed suppressions; and
//! `errorOnWarning` from the options.

use extsvc::render::{check, CheckOptions, Format, EXIT_FINDINGS, EXIT_OK};
use extsvc::{validate_sources, Report, Source, ValidateOptions};

const SEED: &str = include_str!("../www/examples/seed-mysql.yaml");

/// (code, path, line, column) of one finding.
type Row = (String, String, u32, u32);

/// (code, path, line, column) of every finding, in report order.
fn found(report: &Report) -> Vec<Row> {
    report
        .diagnostics
        .iter()
        .map(|d| {
            let (line, column) = d.location.map_or((0, 0), |l| (l.line, l.column));
            (
                d.code.clone(),
                d.path.clone().unwrap_or_default(),
                line,
                column,
            )
        })
        .collect()
}

fn row(code: &str, path: &str, line: u32, column: u32) -> Row {
    (code.to_string(), path.to_string(), line, column)
}

fn options(select: &[&str], ignore: &[&str]) -> ValidateOptions {
    ValidateOptions {
        select: select.iter().map(|s| s.to_string()).collect(),
        ignore: ignore.iter().map(|s| s.to_string()).collect(),
        ..ValidateOptions::default()
    }
}

fn seed(options: &ValidateOptions) -> Result<Report, String> {
    validate_sources(
        &[Source {
            name: "seed.yaml",
            text: SEED,
        }],
        options,
    )
}

/// What the seed reports with no selection.
fn seed_all() -> Vec<Row> {
    vec![
        row("EP-DEPRECATED", "", 19, 1),
        row("EP-NAME-MATCH", "metadata.name", 22, 9),
        row("EP-PORT-NAME-MATCH", "subsets[0].ports[0].name", 28, 15),
    ]
}

#[test]
fn select_and_ignore_by_code_name_and_prefix() {
    let all = seed_all();
    let pick = |idx: &[usize]| idx.iter().map(|i| all[*i].clone()).collect::<Vec<_>>();
    let cases: &[(&[&str], &[&str], Vec<Row>)] = &[
        (&[], &[], pick(&[0, 1, 2])),
        (&["EP-NAME-MATCH"], &[], pick(&[1])),
        (&["ep-name-match", "ep-deprecated"], &[], pick(&[0, 1])),
        (&["EP-"], &["EP-PORT-"], pick(&[0, 1])),
        (&[], &["ep-deprecated"], pick(&[1, 2])),
        (&["SVC-"], &[], pick(&[])),
        // ignore wins over select.
        (&["EP-NAME-MATCH"], &["EP-NAME-MATCH"], pick(&[])),
    ];
    for (select, ignore, want) in cases {
        let report = seed(&options(select, ignore)).expect("known selectors");
        assert_eq!(&found(&report), want, "select {select:?} ignore {ignore:?}");
        let s = &report.summary;
        assert_eq!(s.errors + s.warnings + s.infos, want.len());
        assert_eq!(s.suppressed, 0, "unselected is not suppressed");
    }
}

#[test]
fn unknown_selectors_are_an_option_error_naming_them() {
    assert_eq!(
        seed(&options(&["EP-NAME-MATCH", "EP-NAME"], &["nope-"])),
        Err("unknown rule code or prefix in select: \"EP-NAME\"; \
             unknown rule code or prefix in ignore: \"nope-\" (see 'extsvc rules')"
            .to_string())
    );
}

/// The seed's Endpoints with `annotations` lines inserted after its `namespace`.
fn seed_with_annotations(lines: &[&str]) -> String {
    let mut block = String::from("  namespace: default\n  annotations:\n");
    for l in lines {
        block.push_str("    ");
        block.push_str(l);
        block.push('\n');
    }
    // The second `namespace: default` is the Endpoints'.
    let at = SEED
        .rfind("  namespace: default\n")
        .expect("Endpoints namespace");
    format!(
        "{}{}{}",
        &SEED[..at],
        block,
        &SEED[at + "  namespace: default\n".len()..]
    )
}

#[test]
fn annotation_suppresses_on_that_object_and_is_counted() {
    let text = seed_with_annotations(&[
        "ignore-check.extsvc.io/ep-name-match: \"renamed by kustomize at deploy time\"",
        "ignore-check.extsvc.io/EP-DEPRECATED: \"cluster is 1.20\"",
    ]);
    let report = validate_sources(
        &[Source {
            name: "seed.yaml",
            text: &text,
        }],
        &ValidateOptions::default(),
    )
    .expect("report");
    // Two lines were added above the port name.
    assert_eq!(
        found(&report),
        vec![row(
            "EP-PORT-NAME-MATCH",
            "subsets[0].ports[0].name",
            31,
            15
        )]
    );
    assert_eq!(report.summary.suppressed, 2);
    assert_eq!(report.summary.warnings, 1);
    assert_eq!(report.summary.errors, 0);
}

#[test]
fn empty_reason_still_suppresses_but_is_reported_and_unknown_rules_are_reported() {
    let text = seed_with_annotations(&[
        "ignore-check.extsvc.io/ep-name-match: \"\"",
        "ignore-check.extsvc.io/ep-nope: \"typo\"",
    ]);
    let report = validate_sources(
        &[Source {
            name: "seed.yaml",
            text: &text,
        }],
        &ValidateOptions::default(),
    )
    .expect("report");
    assert_eq!(
        found(&report),
        vec![
            row("EP-DEPRECATED", "", 19, 1),
            row(
                "SUPPRESSION-NO-REASON",
                "metadata.annotations[ignore-check.extsvc.io/ep-name-match]",
                25,
                43
            ),
            row(
                "SUPPRESSION-UNKNOWN-RULE",
                "metadata.annotations[ignore-check.extsvc.io/ep-nope]",
                26,
                37
            ),
            row("EP-PORT-NAME-MATCH", "subsets[0].ports[0].name", 31, 15),
        ]
    );
    assert_eq!(report.summary.suppressed, 1);
    // The suppression findings answer to `ignore` like any other.
    let quiet = validate_sources(
        &[Source {
            name: "seed.yaml",
            text: &text,
        }],
        &options(&[], &["SUPPRESSION-"]),
    )
    .expect("report");
    assert_eq!(found(&quiet).len(), 2);
}

#[test]
fn cross_object_findings_are_suppressed_where_they_are_placed() {
    // The Service and the Endpoints in two files; EP-NAME-MATCH is placed on the Endpoints.
    let split = SEED.find("---").expect("two documents");
    let (service, endpoints) = SEED.split_at(split);
    let note = "ignore-check.extsvc.io/ep-name-match: \"renamed by kustomize\"";
    let annotate = |text: &str| {
        text.replacen(
            "  namespace: default\n",
            &format!("  namespace: default\n  annotations:\n    {note}\n"),
            1,
        )
    };
    let run = |service: &str, endpoints: &str| {
        let report = validate_sources(
            &[
                Source {
                    name: "svc.yaml",
                    text: service,
                },
                Source {
                    name: "ep.yaml",
                    text: endpoints,
                },
            ],
            &options(&["EP-NAME-MATCH"], &[]),
        )
        .expect("report");
        let files: Vec<Option<String>> =
            report.diagnostics.iter().map(|d| d.file.clone()).collect();
        (files, report.summary.suppressed)
    };
    assert_eq!(
        run(service, endpoints),
        (vec![Some("ep.yaml".to_string())], 0)
    );
    // On the Service, the annotation does not reach a finding placed on the Endpoints.
    assert_eq!(
        run(&annotate(service), endpoints),
        (vec![Some("ep.yaml".to_string())], 0)
    );
    assert_eq!(run(service, &annotate(endpoints)), (vec![], 1));
}

#[test]
fn list_items_are_suppressed_one_by_one() {
    // Two Endpoints in one `kind: List` document share the document index.
    let list = "apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Endpoints
    metadata:
      name: a
      annotations: {ignore-check.extsvc.io/ep-deprecated: \"legacy\"}
    subsets: [{addresses: [{ip: 10.0.0.1}], ports: [{port: 80}]}]
  - apiVersion: v1
    kind: Endpoints
    metadata: {name: b}
    subsets: [{addresses: [{ip: 10.0.0.2}], ports: [{port: 80}]}]
";
    let report = validate_sources(
        &[Source {
            name: "list.yaml",
            text: list,
        }],
        &options(&["EP-DEPRECATED"], &[]),
    )
    .expect("report");
    let names: Vec<Option<String>> = report
        .diagnostics
        .iter()
        .map(|d| d.object.as_ref().and_then(|o| o.name.clone()))
        .collect();
    assert_eq!(names, vec![Some("b".to_string())]);
    assert_eq!(report.summary.suppressed, 1);
}

#[test]
fn error_on_warning_in_the_options_fails_the_run() {
    let fixed = SEED.replace("name: mysql-ep", "name: mysql-svc");
    let sources = [Source {
        name: "seed.yaml",
        text: &fixed,
    }];
    let run = |options: &ValidateOptions| {
        check(&sources, options, Format::Text, &CheckOptions::default())
            .expect("check")
            .exit_code
    };
    assert_eq!(run(&ValidateOptions::default()), EXIT_OK);
    let strict = ValidateOptions {
        error_on_warning: true,
        ..ValidateOptions::default()
    };
    assert_eq!(run(&strict), EXIT_FINDINGS);
    // …unless the warnings are ignored.
    let ignored = ValidateOptions {
        ignore: vec!["EP-".to_string()],
        ..strict
    };
    assert_eq!(run(&ignored), EXIT_OK);
}
