//! Diagnostics as data: what every rule, the YAML reader and the generator report.
//!
//! Positions are 1-based lines and 1-based columns counted in UTF-16 code units,
//! the unit browser editors and SARIF `utf16CodeUnits` use. `endColumn` is exclusive.

use serde::{Deserialize, Serialize};

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The API server refuses the object, or traffic/DNS does not work.
    Error,
    /// Works only partly (e.g. SRV records only), or is deprecated.
    Warning,
    /// Informational.
    Info,
}

/// Why a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// The API server refuses the object (HTTP 422) or its allocator does.
    Rejected,
    /// The object is stored, but traffic or DNS does not work as intended.
    Broken,
    /// Deprecation, fragile patterns, things worth knowing.
    Advice,
}

/// The object a finding is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectRef {
    /// `Service`, `Endpoints`, `EndpointSlice` (or the kind of a skipped document).
    pub kind: String,
    /// `metadata.namespace`, when given.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub namespace: Option<String>,
    /// `metadata.name`, when given.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub name: Option<String>,
    /// 0-based index of the YAML document in its file.
    pub index: usize,
}

/// A range in the source text. Lines and columns are 1-based; columns count UTF-16 code units.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    /// First line (1-based).
    pub line: u32,
    /// First column (1-based, UTF-16 code units).
    pub column: u32,
    /// Last line (1-based).
    pub end_line: u32,
    /// Column just after the range (1-based, UTF-16 code units, exclusive).
    pub end_column: u32,
}

impl Location {
    /// From `line:column` to `end_line:end_column`.
    pub const fn new(line: u32, column: u32, end_line: u32, end_column: u32) -> Self {
        Location {
            line,
            column,
            end_line,
            end_column,
        }
    }
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    /// Stable code, never reused (the rule catalogue id, e.g. `EP-NAME-MATCH`).
    pub code: String,
    /// Kebab-case rule name (e.g. `ep-name-match`).
    pub rule: String,
    /// Severity of this finding (may differ from the rule's default, e.g. headless variants).
    pub severity: Severity,
    /// rejected | broken | advice.
    pub category: Category,
    /// One sentence naming the offending value.
    pub message: String,
    /// The object concerned, when there is one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub object: Option<ObjectRef>,
    /// Field path as the API server prints it (`spec.ports[1].name`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub path: Option<String>,
    /// Where in the source text, when the input was text.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub location: Option<Location>,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub help: Option<String>,
    /// Name of the input file (as given by the caller), when there is one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub file: Option<String>,
}

/// Counts over one run.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Findings with severity error.
    pub errors: usize,
    /// Findings with severity warning.
    pub warnings: usize,
    /// Findings with severity info.
    pub infos: usize,
    /// Inputs read.
    pub files: usize,
    /// Kubernetes objects examined (Service, Endpoints, EndpointSlice).
    pub objects: usize,
    /// Findings dropped by inline suppressions (`ignore-check.extsvc.io/<rule>`), not
    /// counted above.
    pub suppressed: usize,
}

impl Summary {
    /// Counts the severities of `diagnostics` into this summary.
    pub fn count(&mut self, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }
}

/// The result of validating one or more inputs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// All findings, ordered by file, then position.
    pub diagnostics: Vec<Diagnostic>,
    /// Counts.
    pub summary: Summary,
}
