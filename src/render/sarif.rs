//! SARIF 2.1.0, for code-scanning services (GitHub code scanning, GitLab, Azure DevOps).
//!
//! One run; `tool.driver.rules` is the whole rule registry in registry order, so a result's
//! `ruleIndex` is stable across runs. Columns are UTF-16 code units (`columnKind`), the
//! unit of [`Location`]; `endColumn` is exclusive in both. Artifact URIs are the input names
//! as given (relative to the working directory when the CLI was given relative paths),
//! percent-encoded; absolute paths become `file://` URIs.
//!
//! `partialFingerprints` identify a finding by rule, file, object and field path, not by line
//! (see `fingerprint.rs`), so moving a manifest around in its file does not open a new alert.

use crate::hash::HashMap;

use serde::Serialize;

use super::fingerprint::fingerprints;
use crate::diagnostic::{Diagnostic, Location, Report, Severity};
use crate::validate::{all_rules, Rule};

/// Where the SARIF 2.1.0 schema lives (what GitHub's and other tools' examples use).
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<RuleDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleDescriptor {
    id: &'static str,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    category: crate::diagnostic::Category,
    tags: [&'static str; 2],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<SarifLocation<'a>>,
    partial_fingerprints: PartialFingerprints,
    properties: ResultProperties<'a>,
}

/// `partialFingerprints`: one fingerprint of ours (see `fingerprint.rs`), under a key whose
/// version is bumped if the identity ever changes.
#[derive(Serialize)]
struct PartialFingerprints {
    #[serde(rename = "extsvcFinding/v1")]
    finding: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation<'a> {
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    fully_qualified_name: String,
    kind: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultProperties<'a> {
    category: crate::diagnostic::Category,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
}

/// The report as a pretty-printed SARIF log.
pub(super) fn report(report: &Report) -> Result<String, String> {
    log(report, all_rules())
}

/// The rule list alone (`extsvc rules --format sarif`): a log whose run has no results.
pub(super) fn rules(rules: &[Rule]) -> Result<String, String> {
    log(&Report::default(), rules)
}

fn log(report: &Report, rules: &[Rule]) -> Result<String, String> {
    let index: HashMap<&str, usize> = rules.iter().enumerate().map(|(i, r)| (r.code, i)).collect();
    let results = report
        .diagnostics
        .iter()
        .zip(fingerprints(&report.diagnostics))
        .map(|(d, fingerprint)| {
            let rule_index = index.get(d.code.as_str()).copied();
            let rule = rule_index.and_then(|i| rules.get(i));
            result(d, rule_index, rule, fingerprint)
        })
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "extsvc",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: env!("CARGO_PKG_REPOSITORY"),
                    rules: rules.iter().map(descriptor).collect(),
                },
            },
            column_kind: "utf16CodeUnits",
            results,
        }],
    };
    super::json::pretty(&log)
}

fn descriptor(r: &Rule) -> RuleDescriptor {
    let mut text = format!("{}\n\nWhy: {}", r.what, r.why);
    let mut markdown = format!("{}\n\n**Why.** {}", r.what, r.why);
    if !r.example.is_empty() {
        text.push_str(&format!("\n\nExample:\n{}", r.example));
        let example = r.example.trim_end_matches('\n');
        markdown.push_str(&format!("\n\n**Example.**\n\n```yaml\n{example}\n```"));
    }
    text.push_str(&format!("\n\nFix: {}", r.fix));
    markdown.push_str(&format!("\n\n**Fix.** {}", r.fix));
    RuleDescriptor {
        id: r.code,
        name: r.name(),
        short_description: Text {
            text: r.summary.to_string(),
        },
        full_description: Text {
            text: r.what.to_string(),
        },
        help: Help { text, markdown },
        default_configuration: Configuration {
            level: level(r.severity),
        },
        properties: RuleProperties {
            category: r.category,
            tags: ["kubernetes", category_tag(r.category)],
        },
    }
}

fn result<'a>(
    d: &'a Diagnostic,
    rule_index: Option<usize>,
    rule: Option<&Rule>,
    fingerprint: String,
) -> SarifResult<'a> {
    let mut text = d.message.clone();
    // Help written for this finding (not the rule's generic fix, which the rule's help
    // already shows) is part of what the reader needs.
    if let Some(help) = d
        .help
        .as_deref()
        .filter(|h| rule.is_none_or(|r| r.fix != *h))
    {
        text.push_str("\n\n");
        text.push_str(help);
    }
    let locations = d
        .file
        .as_deref()
        .map(|file| SarifLocation {
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation { uri: uri(file) },
                region: d.location.map(region),
            },
            logical_locations: d
                .object
                .iter()
                .filter(|o| !o.kind.is_empty())
                .map(|o| LogicalLocation {
                    name: o.name.as_deref(),
                    fully_qualified_name: format!(
                        "{}/{}/{}",
                        o.kind,
                        o.namespace.as_deref().unwrap_or(""),
                        o.name.as_deref().unwrap_or("")
                    ),
                    kind: "object",
                })
                .collect(),
        })
        .into_iter()
        .collect();
    SarifResult {
        rule_id: &d.code,
        rule_index,
        level: level(d.severity),
        message: Text { text },
        locations,
        partial_fingerprints: PartialFingerprints {
            finding: fingerprint,
        },
        properties: ResultProperties {
            category: d.category,
            path: d.path.as_deref(),
        },
    }
}

fn region(l: Location) -> Region {
    Region {
        start_line: l.line.max(1),
        start_column: l.column.max(1),
        end_line: l.end_line.max(l.line).max(1),
        end_column: l.end_column.max(1),
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn category_tag(c: crate::diagnostic::Category) -> &'static str {
    match c {
        crate::diagnostic::Category::Rejected => "rejected",
        crate::diagnostic::Category::Broken => "broken",
        crate::diagnostic::Category::Advice => "advice",
    }
}

/// An input name as a URI reference: `\` becomes `/`, absolute paths become `file://` URIs,
/// everything outside the URI path characters is percent-encoded (UTF-8), including `:`
/// so a relative `a:b.yaml` cannot read as a scheme.
fn uri(name: &str) -> String {
    let name = name.replace('\\', "/");
    let bytes = name.as_bytes();
    let drive = bytes.len() >= 3
        && bytes.first().is_some_and(u8::is_ascii_alphabetic)
        && bytes.get(1) == Some(&b':')
        && bytes.get(2) == Some(&b'/');
    if drive {
        let (letter, rest) = name.split_at(2);
        format!("file:///{letter}{}", encode(rest))
    } else if name.starts_with('/') {
        format!("file://{}", encode(&name))
    } else {
        encode(name.strip_prefix("./").unwrap_or(&name))
    }
}

fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        let keep = b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b);
        if keep {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris() {
        for (name, want) in [
            ("manifests/a.yaml", "manifests/a.yaml"),
            ("./a.yaml", "a.yaml"),
            ("dir with space/ä.yaml", "dir%20with%20space/%C3%A4.yaml"),
            ("a:b%.yaml", "a%3Ab%25.yaml"),
            ("/abs/x.yaml", "file:///abs/x.yaml"),
            ("C:\\repo\\x.yaml", "file:///C:/repo/x.yaml"),
            ("<stdin>", "%3Cstdin%3E"),
        ] {
            assert_eq!(uri(name), want, "{name:?}");
        }
    }
}
