//! GitLab Code Quality (the subset of the Code Climate format GitLab reads from
//! `artifacts:reports:codequality`): a JSON array, one object per finding.
//!
//! ```json
//! [{"description": "EP-NAME-MATCH: Endpoints \"mysql-ep\" …", "check_name": "EP-NAME-MATCH",
//!   "fingerprint": "…:1", "severity": "major",
//!   "location": {"path": "seed.yaml", "lines": {"begin": 22}}}]
//! ```
//!
//! error → `major`, warning → `minor`, info → `info`. GitLab shows findings by line only, so
//! columns are left out. A finding without a file or location is put on line 1 of its file
//! (or of `<input>`): GitLab requires both.

use serde::Serialize;

use super::fingerprint::fingerprints;
use crate::diagnostic::{Report, Severity};

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: u32,
}

/// The report as a pretty JSON array.
pub(super) fn report(report: &Report) -> Result<String, String> {
    let issues: Vec<Issue<'_>> = report
        .diagnostics
        .iter()
        .zip(fingerprints(&report.diagnostics))
        .map(|(d, fingerprint)| Issue {
            description: format!("{}: {}", d.code, d.message),
            check_name: &d.code,
            fingerprint,
            severity: match d.severity {
                Severity::Error => "major",
                Severity::Warning => "minor",
                Severity::Info => "info",
            },
            location: Location {
                path: d
                    .file
                    .as_deref()
                    .map_or("<input>", |f| f.strip_prefix("./").unwrap_or(f)),
                lines: Lines {
                    begin: d.location.map_or(1, |l| l.line.max(1)),
                },
            },
        })
        .collect();
    super::json::pretty(&issues)
}
