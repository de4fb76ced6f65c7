//! Fixture runner for the cross-object rules (Service ↔ Endpoints/EndpointSlice pairing).
//!
//! `tests/fixtures/<CODE>/<case>.yaml` for every cross-object code, in the header format
//! shared with tests/rules_single.rs (leading comment lines):
//!
//! * `# expect: <CODE> <path> <line>:<col>`: one expected finding (path `-` for none);
//! * `# expect-none: <CODE>`: the code must not fire;
//! * `# expect-severity: <CODE> <error|warning|info>`: every finding of that code has it;
//! * `# expect-clean`: no error or warning at all except the codes named in `expect:` and
//!   `allow:` lines; `# allow: <CODE>`: tolerated there (e.g. EP-DEPRECATED);
//! * `# kube: 1.NN`: the target version (default: the newest).
//!
//! A sub-folder `tests/fixtures/<CODE>/<case>/` is one run over several inputs (each
//! `*.yaml` a `Source` named by its file name), each file with its own header.
//!
//! For every code named in the header *and every cross-object code*, the runner asserts
//! exactly the listed (code, path, line:col) findings, in any order: a cross-object
//! finding nobody expected fails the fixture.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use extsvc::{validate_sources, Diagnostic, Severity, Source, ValidateOptions};

/// The codes this suite owns (src/validate/docs/cross.rs).
const CROSS: &[&str] = &[
    "EP-NAME-MATCH",
    "EP-NAMESPACE-MATCH",
    "ES-SERVICE-NAME-MATCH",
    "ES-NAMESPACE-MATCH",
    "EP-PORT-NAME-MATCH",
    "ES-PORT-NAME-MATCH",
    "EP-PORT-PROTOCOL-MATCH",
    "EP-PORT-MISSING",
    "SVC-SELECTOR-PRESENT",
    "SVC-EXTERNALNAME-WITH-ENDPOINTS",
    "SVC-HEADLESS-PORT-MISMATCH",
    "SVC-ITP-LOCAL-EXTERNAL",
    "SVC-ETP-LOCAL-EXTERNAL",
    "ES-MANAGED-BY-CONTROLLER",
    "ES-MANAGED-BY-RESERVED",
    "ES-FQDN-NOT-PROXIED",
    "ES-PORT-NUMBER-MISSING",
    "EP-IPFAMILY-MISMATCH",
    "EP-IP-CLUSTERIP",
    "EP-AND-ES-BOTH",
    "SVC-NO-BACKENDS",
    "SVC-TARGETPORT-IGNORED",
];

type Finding = (String, String, String);

/// (code, path, (line, column), severity) of a diagnostic.
type Placed<'a> = (&'a str, Option<&'a str>, Option<(u32, u32)>, Severity);

#[derive(Debug, Default)]
struct Spec {
    expect: Vec<Finding>,
    none: BTreeSet<String>,
    severity: Vec<(String, Severity)>,
    allow: BTreeSet<String>,
    clean: bool,
    kube: Option<String>,
}

fn parse_header(text: &str) -> Result<Spec, String> {
    let mut spec = Spec::default();
    for line in text.lines().take_while(|l| l.starts_with('#')) {
        let mut words = line.trim_start_matches('#').split_whitespace();
        match words.next() {
            Some("expect:") => {
                let (Some(code), Some(path), Some(pos)) =
                    (words.next(), words.next(), words.next())
                else {
                    return Err(format!("bad expect line: {line}"));
                };
                let path = if path == "-" { "" } else { path };
                spec.expect
                    .push((code.to_string(), path.to_string(), pos.to_string()));
            }
            Some("expect-none:") => spec.none.extend(words.map(str::to_string)),
            Some("expect-severity:") => {
                let severity = match (words.next(), words.next()) {
                    (Some(code), Some("error")) => (code, Severity::Error),
                    (Some(code), Some("warning")) => (code, Severity::Warning),
                    (Some(code), Some("info")) => (code, Severity::Info),
                    _ => return Err(format!("bad expect-severity line: {line}")),
                };
                spec.severity.push((severity.0.to_string(), severity.1));
            }
            Some("allow:") => spec.allow.extend(words.map(str::to_string)),
            Some("expect-clean") => spec.clean = true,
            Some("kube:") => spec.kube = words.next().map(str::to_string),
            _ => {}
        }
    }
    Ok(spec)
}

/// One run: a single file, or every `*.yaml` of a case folder.
fn cases() -> Vec<Vec<PathBuf>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let yaml = |p: &Path| p.extension().is_some_and(|e| e == "yaml");
    let mut out = Vec::new();
    for code in CROSS {
        let Ok(entries) = std::fs::read_dir(root.join(code)) else {
            continue;
        };
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                let mut files: Vec<PathBuf> = std::fs::read_dir(&p)
                    .into_iter()
                    .flatten()
                    .flatten()
                    .map(|e| e.path())
                    .filter(|f| yaml(f))
                    .collect();
                files.sort();
                out.push(files);
            } else if yaml(&p) {
                out.push(vec![p]);
            }
        }
    }
    out.sort();
    out
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default()
}

fn line(d: &Diagnostic) -> String {
    let loc = d.location.map(|l| format!("{}:{}", l.line, l.column));
    format!(
        "{} {} {} {:?} {}",
        d.code,
        d.path.as_deref().unwrap_or("-"),
        loc.unwrap_or_default(),
        d.severity,
        d.message
    )
}

/// Checks one file's expectations against the diagnostics reported for it.
fn check_file(spec: &Spec, diagnostics: &[&Diagnostic]) -> Result<(), String> {
    let mut codes: BTreeSet<&str> = CROSS.iter().copied().collect();
    codes.extend(spec.none.iter().map(String::as_str));
    codes.extend(spec.expect.iter().map(|(c, _, _)| c.as_str()));
    let mut got: Vec<Finding> = diagnostics
        .iter()
        .filter(|d| codes.contains(d.code.as_str()))
        .map(|d| {
            let pos = d
                .location
                .map_or_else(|| "-".to_string(), |l| format!("{}:{}", l.line, l.column));
            (d.code.clone(), d.path.clone().unwrap_or_default(), pos)
        })
        .collect();
    let mut want = spec.expect.clone();
    got.sort();
    want.sort();
    let all: Vec<String> = diagnostics.iter().map(|d| line(d)).collect();
    if got != want {
        return Err(format!(
            "want {want:?}\n got {got:?}\n all:\n  {}",
            all.join("\n  ")
        ));
    }
    for (code, severity) in &spec.severity {
        let found: Vec<&&Diagnostic> = diagnostics.iter().filter(|d| &d.code == code).collect();
        if found.is_empty() || found.iter().any(|d| d.severity != *severity) {
            return Err(format!(
                "{code}: want severity {severity:?}, all:\n  {}",
                all.join("\n  ")
            ));
        }
    }
    if spec.clean {
        let noisy: Vec<String> = diagnostics
            .iter()
            .filter(|d| d.severity != Severity::Info)
            .filter(|d| !codes.contains(d.code.as_str()) && !spec.allow.contains(&d.code))
            .map(|d| line(d))
            .collect();
        if !noisy.is_empty() {
            return Err(format!("expected a clean result, got {noisy:?}"));
        }
    }
    Ok(())
}

fn check(files: &[PathBuf]) -> Result<(), String> {
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).map(|t| (file_name(f), t)))
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;
    let specs: Vec<Spec> = texts
        .iter()
        .map(|(_, t)| parse_header(t))
        .collect::<Result<_, _>>()?;
    let mut options = ValidateOptions::default();
    if let Some(k) = specs.iter().find_map(|s| s.kube.clone()) {
        options.kube_version = k;
    }
    let sources: Vec<Source<'_>> = texts
        .iter()
        .map(|(name, text)| Source { name, text })
        .collect();
    let report = validate_sources(&sources, &options)?;
    for ((name, _), spec) in texts.iter().zip(&specs) {
        let mine: Vec<&Diagnostic> = report
            .diagnostics
            .iter()
            .filter(|d| d.file.as_deref() == Some(name.as_str()))
            .collect();
        check_file(spec, &mine).map_err(|e| format!("{name}: {e}"))?;
    }
    Ok(())
}

#[test]
fn cross_object_fixtures() {
    let cases = cases();
    assert!(cases.len() >= 40, "fixtures missing: {}", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|files| {
            check(files).err().map(|e| {
                let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
                format!("{}:\n {e}", names.join(" + "))
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} fixtures failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

/// Every cross-object code has a fixture where it fires.
#[test]
fn every_code_has_a_positive_fixture() {
    let mut fired = BTreeSet::new();
    for files in cases() {
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            let spec = parse_header(&text).unwrap_or_default();
            fired.extend(spec.expect.into_iter().map(|(c, _, _)| c));
        }
    }
    let missing: Vec<&&str> = CROSS.iter().filter(|c| !fired.contains(**c)).collect();
    assert!(missing.is_empty(), "no fixture expects {missing:?}");
    let registered: BTreeSet<&str> = extsvc::rules().iter().map(|r| r.code).collect();
    let unregistered: Vec<&&str> = CROSS.iter().filter(|c| !registered.contains(**c)).collect();
    assert!(
        unregistered.is_empty(),
        "not in the registry: {unregistered:?}"
    );
}

/// The bundled seed example (www/examples) yields exactly these three findings.
#[test]
fn seed_example_exactly() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/examples/seed-mysql.yaml");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let report = extsvc::validate_text("seed-mysql.yaml", &text, &ValidateOptions::default())
        .unwrap_or_default();
    let got: Vec<Placed<'_>> = report
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.code.as_str(),
                d.path.as_deref(),
                d.location.map(|l| (l.line, l.column)),
                d.severity,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("EP-DEPRECATED", None, Some((19, 1)), Severity::Warning),
            (
                "EP-NAME-MATCH",
                Some("metadata.name"),
                Some((22, 9)),
                Severity::Error
            ),
            (
                "EP-PORT-NAME-MATCH",
                Some("subsets[0].ports[0].name"),
                Some((28, 15)),
                Severity::Warning
            ),
        ]
    );
    let port = report
        .diagnostics
        .iter()
        .find(|d| d.code == "EP-PORT-NAME-MATCH");
    let message = port.map(|d| d.message.as_str()).unwrap_or_default();
    assert!(
        message.contains("\"mysql\"")
            && message.contains("\"default-ep\"")
            && message.contains("headless")
            && message.contains("SRV"),
        "{message}"
    );
    let name = report
        .diagnostics
        .iter()
        .find(|d| d.code == "EP-NAME-MATCH");
    assert_eq!(
        name.map(|d| d.message.as_str()),
        Some("Endpoints \"mysql-ep\" does not match any Service; the selectorless Service \"mysql-svc\" gets no endpoints")
    );
    assert!(name
        .and_then(|d| d.help.as_deref())
        .is_some_and(|h| h.starts_with("Rename the Endpoints to \"mysql-svc\"")));
}

#[test]
fn header_parsing() {
    let spec = parse_header(
        "# expect: EP-NAME-MATCH metadata.name 3:9\n# expect: EP-DEPRECATED - 1:1\n# expect-none: EP-PORT-MISSING\n# expect-severity: EP-NAME-MATCH warning\n# expect-clean\n# allow: EP-DEPRECATED\n# kube: 1.35\nkind: Endpoints\n# expect: IGNORED x 1:1\n",
    )
    .unwrap_or_default();
    assert_eq!(
        spec.expect,
        vec![
            ("EP-NAME-MATCH".into(), "metadata.name".into(), "3:9".into()),
            ("EP-DEPRECATED".into(), String::new(), "1:1".into()),
        ]
    );
    assert!(spec.none.contains("EP-PORT-MISSING") && spec.allow.contains("EP-DEPRECATED"));
    assert_eq!(
        spec.severity,
        vec![("EP-NAME-MATCH".to_string(), Severity::Warning)]
    );
    assert!(spec.clean);
    assert_eq!(spec.kube.as_deref(), Some("1.35"));
}
