//! What `extsvc generate` prints: the manifests on stdout (YAML, or a JSON `v1 List` that
//! `kubectl apply -f` accepts), the generator's diagnostics in the text format for stderr.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Severity};
use crate::generate::GenerateResult;
use crate::pipeline::Source;

use super::{text, EXIT_FINDINGS, EXIT_OK};

/// An output format of generated manifests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum GenerateFormat {
    /// A multi-document YAML stream.
    Yaml,
    /// One `{"apiVersion": "v1", "kind": "List", "items": [...]}` object.
    Json,
}

impl GenerateFormat {
    /// Every format, in the order `--help` lists them.
    pub const ALL: &'static [GenerateFormat] = &[GenerateFormat::Yaml, GenerateFormat::Json];

    /// The name used on the command line and in the JS API.
    pub fn name(self) -> &'static str {
        match self {
            GenerateFormat::Yaml => "yaml",
            GenerateFormat::Json => "json",
        }
    }
}

impl fmt::Display for GenerateFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for GenerateFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        GenerateFormat::ALL
            .iter()
            .copied()
            .find(|f| f.name() == s)
            .ok_or_else(|| super::unknown("format", s, Self::ALL.iter().map(|f| f.name())))
    }
}

/// What [`generated`] returns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GenerateOutput {
    /// The manifests (stdout); empty when the spec has errors.
    pub output: String,
    /// The generator's diagnostics in the text format (stderr); empty when there are none.
    pub messages: String,
    /// [`EXIT_FINDINGS`] when the spec has errors, else [`EXIT_OK`].
    pub exit_code: u8,
}

/// Renders a generator result. `spec` is the input as the user wrote it (its name labels the
/// diagnostics, its text is quoted when a diagnostic has a location).
pub fn generated(
    result: &GenerateResult,
    spec: Source<'_>,
    format: GenerateFormat,
    color: bool,
) -> Result<GenerateOutput, String> {
    let failed = result.yaml.is_none()
        || result
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error);
    let diagnostics: Vec<Diagnostic> = result
        .diagnostics
        .iter()
        .map(|d| Diagnostic {
            file: d.file.clone().or_else(|| Some(spec.name.to_string())),
            ..d.clone()
        })
        .collect();
    let messages = text::diagnostics(&diagnostics, &[spec], color);
    if failed {
        return Ok(GenerateOutput {
            output: String::new(),
            messages,
            exit_code: EXIT_FINDINGS,
        });
    }
    let output = match format {
        GenerateFormat::Yaml => result.yaml.clone().unwrap_or_default(),
        GenerateFormat::Json => super::json::pretty(&serde_json::json!({
            "apiVersion": "v1",
            "kind": "List",
            "items": result.objects,
        }))?,
    };
    Ok(GenerateOutput {
        output,
        messages,
        exit_code: EXIT_OK,
    })
}

impl crate::json_read::FromJson for GenerateFormat {
    fn from_json(value: &serde_json::Value) -> crate::json_read::Read<Self> {
        const NAMES: &[&str] = &["yaml", "json"];
        Ok(GenerateFormat::ALL[crate::json_read::variant(value, NAMES)?])
    }
}
