//! Fixture runner for the single-object rules (Service, Endpoints, EndpointSlice).
//!
//! Each `tests/fixtures/<CODE>/<case>.yaml` starts with comment lines:
//!
//! * `# expect: <CODE> <path> <line>:<col>`: one expected finding (path `-` for none);
//! * `# expect-none: <CODE>`: the code must not fire;
//! * `# expect-clean`: no error or warning at all except the codes named in `expect:`
//!   and `allow:` lines;
//! * `# allow: <CODE>`: tolerated in `expect-clean` fixtures (e.g. EP-DEPRECATED);
//! * `# kube: 1.NN`: the target version (default: the newest).
//!
//! For every code named in `expect:`/`expect-none:` the runner asserts exactly the listed
//! (code, path, line:col) findings, in any order.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use extsvc::{validate_text, Severity, ValidateOptions};

#[derive(Debug, Default)]
struct Spec {
    expect: Vec<(String, String, String)>,
    none: BTreeSet<String>,
    allow: BTreeSet<String>,
    clean: bool,
    kube: Option<String>,
}

fn parse_header(text: &str) -> Result<Spec, String> {
    let mut spec = Spec::default();
    for line in text.lines().take_while(|l| l.starts_with('#')) {
        let body = line.trim_start_matches('#').trim();
        let mut words = body.split_whitespace();
        match words.next() {
            Some("expect:") => {
                let (Some(code), Some(path), Some(pos)) =
                    (words.next(), words.next(), words.next())
                else {
                    return Err(format!("bad expect line: {line}"));
                };
                let path = if path == "-" {
                    String::new()
                } else {
                    path.to_string()
                };
                spec.expect.push((code.to_string(), path, pos.to_string()));
            }
            Some("expect-none:") => spec.none.extend(words.map(str::to_string)),
            Some("allow:") => spec.allow.extend(words.map(str::to_string)),
            Some("expect-clean") => spec.clean = true,
            Some("kube:") => spec.kube = words.next().map(str::to_string),
            _ => {}
        }
    }
    Ok(spec)
}

/// The cross-object codes (tests/rules_cross.rs) share the `SVC-`/`EP-`/`ES-` prefixes.
const CROSS: &[&str] = &[
    "EP-NAME-MATCH",
    "EP-NAMESPACE-MATCH",
    "EP-PORT-NAME-MATCH",
    "ES-PORT-NAME-MATCH",
    "EP-PORT-PROTOCOL-MATCH",
    "EP-PORT-MISSING",
    "SVC-SELECTOR-PRESENT",
    "SVC-EXTERNALNAME-WITH-ENDPOINTS",
    "SVC-HEADLESS-PORT-MISMATCH",
    "SVC-ITP-LOCAL-EXTERNAL",
    "SVC-ETP-LOCAL-EXTERNAL",
    "ES-SERVICE-NAME-MATCH",
    "ES-NAMESPACE-MATCH",
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

fn is_single_object_code(dir: &str) -> bool {
    ["SVC-", "EP-", "ES-", "META-"]
        .iter()
        .any(|p| dir.starts_with(p))
        && !CROSS.contains(&dir)
}

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    let Ok(dirs) = std::fs::read_dir(&root) else {
        return out;
    };
    for dir in dirs.flatten() {
        // Only the single-object codes (the cross-object suite owns the other folders).
        let name = dir.file_name().to_string_lossy().to_string();
        if !is_single_object_code(&name) {
            continue;
        }
        let Ok(files) = std::fs::read_dir(dir.path()) else {
            continue;
        };
        for f in files.flatten() {
            let p = f.path();
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            if p.extension().is_some_and(|e| e == "yaml") && text.contains("# expect") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn check(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let spec = parse_header(&text)?;
    let mut options = ValidateOptions::default();
    if let Some(k) = &spec.kube {
        options.kube_version = k.clone();
    }
    let report = validate_text("fixture.yaml", &text, &options)?;
    let mut codes: BTreeSet<&str> = spec.none.iter().map(String::as_str).collect();
    codes.extend(spec.expect.iter().map(|(c, _, _)| c.as_str()));
    let mut got: Vec<(String, String, String)> = report
        .diagnostics
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
    let all: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| {
            let loc = d.location.map(|l| format!("{}:{}", l.line, l.column));
            format!(
                "{} {} {} {}",
                d.code,
                d.path.as_deref().unwrap_or("-"),
                loc.unwrap_or_default(),
                d.message
            )
        })
        .collect();
    if got != want {
        return Err(format!(
            "want {want:?}\n got {got:?}\n all:\n  {}",
            all.join("\n  ")
        ));
    }
    if spec.clean {
        let noisy: Vec<&String> = report
            .diagnostics
            .iter()
            .zip(&all)
            .filter(|(d, _)| d.severity != Severity::Info)
            .filter(|(d, _)| !codes.contains(d.code.as_str()) && !spec.allow.contains(&d.code))
            .map(|(_, line)| line)
            .collect();
        if !noisy.is_empty() {
            return Err(format!("expected a clean result, got {noisy:?}"));
        }
    }
    Ok(())
}

#[test]
fn single_object_fixtures() {
    let files = fixtures();
    assert!(files.len() > 50, "fixtures missing: {}", files.len());
    let failures: Vec<String> = files
        .iter()
        .filter_map(|f| check(f).err().map(|e| format!("{}:\n {e}", f.display())))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} fixtures failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n\n")
    );
}

#[test]
fn header_parsing() {
    let spec = parse_header("# x\n# expect: EP-IP-LOOPBACK subsets[0].addresses[0].ip 9:13\n# expect-none: EP-IP-INVALID\n# kube: 1.35\n# expect-clean\n# allow: EP-DEPRECATED\nkind: Endpoints\n# expect: IGNORED x 1:1\n")
        .unwrap_or_default();
    assert_eq!(
        spec.expect,
        vec![(
            "EP-IP-LOOPBACK".to_string(),
            "subsets[0].addresses[0].ip".to_string(),
            "9:13".to_string()
        )]
    );
    assert!(spec.none.contains("EP-IP-INVALID") && spec.allow.contains("EP-DEPRECATED"));
    assert!(spec.clean);
    assert_eq!(spec.kube.as_deref(), Some("1.35"));
}

/// `ValidateAnnotationsSize`: keys and values together may be 262,144 bytes (256 KiB), not
/// one more. Built here rather than kept as a fixture file of that size.
#[test]
fn annotations_over_256_kib_are_too_long() {
    let limit = 256 * 1024;
    // Two annotations; the keys count too.
    let service = |total: usize| {
        let (a, b) = ("example.com/a", "example.com/b");
        let first = "x".repeat(1000);
        let second = "y".repeat(total - a.len() - b.len() - first.len());
        format!("apiVersion: v1\nkind: Service\nmetadata:\n  name: db\n  annotations:\n    {a}: {first}\n    {b}: {second}\nspec:\n  ports:\n    - port: 3306\n")
    };
    let size_findings = |total: usize| -> Vec<(String, Option<String>, Option<u32>, String)> {
        let report = validate_text("db.yaml", &service(total), &ValidateOptions::default())
            .unwrap_or_default();
        report
            .diagnostics
            .into_iter()
            .filter(|d| d.code == "META-ANNOTATIONS-INVALID")
            .map(|d| (d.code, d.path, d.location.map(|l| l.line), d.message))
            .collect()
    };
    assert_eq!(size_findings(limit), vec![], "exactly at the limit");
    assert_eq!(
        size_findings(limit + 1),
        vec![(
            "META-ANNOTATIONS-INVALID".to_string(),
            Some("metadata.annotations".to_string()),
            Some(6),
            "Too long: may not be more than 262144 bytes".to_string()
        )]
    );
}
