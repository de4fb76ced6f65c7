//! Output renderers: a [`Report`] (or a rule list, or a generator result) to the exact
//! bytes the CLI prints. They live in Rust so the Rust tests, the npm package and the CLI
//! print the same output, and one snapshot suite covers them all.
//!
//! One module per format: `text.rs` (for people), `json.rs` (for scripts), `sarif.rs`
//! (code scanning), `github.rs` (GitHub Actions annotations), `gitlab.rs` (GitLab Code
//! Quality). A new format is a new [`Format`] variant and a new module.

mod fingerprint;
mod generated;
mod github;
mod gitlab;
mod json;
mod rules;
mod sarif;
mod text;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Report, Summary};
use crate::options::ValidateOptions;
use crate::pipeline::{validate_sources, Source};
use crate::validate::Rule;

pub use generated::{generated, GenerateFormat, GenerateOutput};

/// Exit code: no error findings.
pub const EXIT_OK: u8 = 0;
/// Exit code: error findings (or warnings with `errorOnWarning`).
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: usage, configuration or I/O error (bad flag, missing file, bad options).
pub const EXIT_USAGE: u8 = 2;
/// Exit code: internal failure (a WebAssembly trap).
pub const EXIT_INTERNAL: u8 = 3;

/// An output format of a validation report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Format {
    /// `file:line:col: severity[CODE]: message`, the source line, a caret span and help.
    Text,
    /// One JSON object `{diagnostics, summary}`, every diagnostic field present (null when absent).
    Json,
    /// SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps).
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…,line=…::…`), one per finding.
    Github,
    /// GitLab Code Quality JSON (`artifacts:reports:codequality`).
    Gitlab,
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: &'static [Format] = &[
        Format::Text,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Gitlab,
    ];

    /// The name used on the command line and in the JS API.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Gitlab => "gitlab",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Format::ALL
            .iter()
            .copied()
            .find(|f| f.name() == s)
            .ok_or_else(|| unknown("format", s, Format::ALL.iter().map(|f| f.name())))
    }
}

/// "unknown format \"xml\": expected one of text, json".
fn unknown<'a>(what: &str, value: &str, expected: impl Iterator<Item = &'a str>) -> String {
    let expected: Vec<&str> = expected.collect();
    format!(
        "unknown {what} {}: expected one of {}",
        crate::validate::msg::quote(value),
        expected.join(", ")
    )
}

/// How a report is rendered and judged. Unknown fields are rejected.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct CheckOptions {
    /// ANSI colour in the text format (the CLI sets it on a TTY without `NO_COLOR`).
    pub color: bool,
    /// Exit with [`EXIT_FINDINGS`] on warnings too.
    pub error_on_warning: bool,
}

/// What [`check`] returns: the rendered report, its counts and the exit code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckOutput {
    /// The report in the requested format (what the CLI prints on stdout).
    pub output: String,
    /// Counts.
    pub summary: Summary,
    /// [`EXIT_OK`] or [`EXIT_FINDINGS`].
    pub exit_code: u8,
}

/// Validates `sources` and renders the report in one call, so a CLI run over thousands of
/// documents never materialises the diagnostics as JS objects.
///
/// Errs only on bad options (an unsupported `kubeVersion`).
pub fn check(
    sources: &[Source<'_>],
    options: &ValidateOptions,
    format: Format,
    check: &CheckOptions,
) -> Result<CheckOutput, String> {
    let report = validate_sources(sources, options)?;
    check_report(&report, sources, options, format, check)
}

/// [`check`] for a report made already (a streamed run); `sources` are what the `text`
/// format quotes (none for a streamed run, whose text is gone).
pub fn check_report(
    report: &crate::diagnostic::Report,
    sources: &[Source<'_>],
    options: &ValidateOptions,
    format: Format,
    check: &CheckOptions,
) -> Result<CheckOutput, String> {
    let output = render(report, sources, format, check.color)?;
    Ok(CheckOutput {
        output,
        exit_code: exit_code(
            &report.summary,
            check.error_on_warning || options.error_on_warning,
        ),
        summary: report.summary.clone(),
    })
}

/// Renders `report` in `format`. `sources` give the text the `text` format quotes; a
/// diagnostic whose file is not among them is printed without its source line.
///
/// Errs only if JSON serialisation fails, which the types here rule out.
pub fn render(
    report: &Report,
    sources: &[Source<'_>],
    format: Format,
    color: bool,
) -> Result<String, String> {
    match format {
        Format::Text => Ok(text::report(report, sources, color)),
        Format::Json => json::report(report),
        Format::Sarif => sarif::report(report),
        Format::Github => Ok(github::report(report)),
        Format::Gitlab => gitlab::report(report),
    }
}

/// Renders the rule list (`extsvc rules`). `sarif` is a log with the registry's rules and no
/// results; `github` has no rule list and is an error.
pub fn render_rules(rules: &[Rule], format: Format) -> Result<String, String> {
    match format {
        Format::Text => Ok(rules::text(rules)),
        Format::Json => rules::json(rules),
        Format::Sarif => sarif::rules(rules),
        Format::Github | Format::Gitlab => Err(format!(
            "format {format} has no rule list: use text, json or sarif"
        )),
    }
}

/// The exit code for a run with `summary`: findings of severity error fail it, and so do
/// warnings when `error_on_warning` is set. Infos never do.
pub fn exit_code(summary: &Summary, error_on_warning: bool) -> u8 {
    if summary.errors > 0 || (error_on_warning && summary.warnings > 0) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

impl crate::json_read::FromJson for Format {
    fn from_json(value: &serde_json::Value) -> crate::json_read::Read<Self> {
        const NAMES: &[&str] = &["text", "json", "sarif", "github", "gitlab"];
        Ok(Format::ALL[crate::json_read::variant(value, NAMES)?])
    }
}

impl crate::json_read::FromJson for CheckOptions {
    fn from_json(value: &serde_json::Value) -> crate::json_read::Read<Self> {
        let mut o = CheckOptions::default();
        let known = &["color", "errorOnWarning"];
        crate::json_read::fields(value, "struct CheckOptions", known, &mut |key, v| {
            let b = <bool as crate::json_read::FromJson>::from_json(v)?;
            match key {
                "color" => o.color = b,
                _ => o.error_on_warning = b,
            }
            Ok(())
        })?;
        Ok(o)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip() {
        for f in Format::ALL {
            assert_eq!(f.name().parse::<Format>(), Ok(*f));
        }
        assert_eq!(
            "xml".parse::<Format>(),
            Err(
                "unknown format \"xml\": expected one of text, json, sarif, github, gitlab"
                    .to_string()
            )
        );
    }

    #[test]
    fn exit_codes() {
        let s = |errors, warnings, infos| Summary {
            errors,
            warnings,
            infos,
            ..Summary::default()
        };
        let cases = [
            (s(0, 0, 0), false, EXIT_OK),
            (s(0, 0, 3), true, EXIT_OK),
            (s(0, 2, 0), false, EXIT_OK),
            (s(0, 2, 0), true, EXIT_FINDINGS),
            (s(1, 0, 0), false, EXIT_FINDINGS),
        ];
        for (summary, strict, want) in cases {
            assert_eq!(exit_code(&summary, strict), want, "{summary:?} {strict}");
        }
    }
}
