//! The configuration file: `extsvc.json`, or the `"extsvc"` field of a `package.json`.
//!
//! Finding the file (walking up from the working directory) and reading it is I/O and lives
//! in the CLI; what the content means and whether it is valid is decided here. Every key is
//! optional; an unknown key is an error naming it, never silently ignored, and so is a value
//! the run would reject later (an unsupported `kubeVersion`, an unknown rule in `select`,
//! a malformed `exclude` glob). `"$schema"` is allowed for editors and not interpreted.
//!
//! ```json
//! {
//!   "kubeVersion": "1.33",
//!   "select": ["EP-", "ES-"],
//!   "ignore": ["ep-deprecated"],
//!   "errorOnWarning": true,
//!   "format": "sarif",
//!   "exclude": ["charts", "**/*.values.yaml"]
//! }
//! ```
//!
//! Command-line flags override the file key by key (`--select` replaces `select`).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::glob::Pattern;
use crate::options::ValidateOptions;
use crate::policy::Selection;
use crate::render::Format;

/// The keys a config may have, in the order messages list them.
const KEYS: &[&str] = &[
    "$schema",
    "kubeVersion",
    "select",
    "ignore",
    "errorOnWarning",
    "format",
    "exclude",
];

/// The content of a config file. Absent keys are `None` (the default applies).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Config {
    /// A JSON Schema URL for editors; not interpreted.
    #[serde(rename = "$schema", skip_serializing_if = "Option::is_none", default)]
    pub schema: Option<String>,
    /// Target Kubernetes version (`--kube-version`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub kube_version: Option<String>,
    /// Rules to report (`--select`): codes, names or prefixes ending in `-`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub select: Option<Vec<String>>,
    /// Rules never to report (`--ignore`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub ignore: Option<Vec<String>>,
    /// Warnings fail the run too (`--error-on-warning`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub error_on_warning: Option<bool>,
    /// Output format of `validate` (`--format`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub format: Option<Format>,
    /// Globs of files and directories not to read when walking directories or expanding
    /// globs, relative to the config file's directory (gitignore-like, see `src/glob.rs`).
    /// Files named explicitly on the command line are always read.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub exclude: Option<Vec<String>>,
}

/// Parses and checks the text of an `extsvc.json`.
pub fn parse(text: &str) -> Result<Config, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
    from_value(&value)
}

/// Parses and checks the `"extsvc"` field of a `package.json`; `None` when there is none,
/// so the search goes on upwards.
pub fn parse_package_json(text: &str) -> Result<Option<Config>, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
    match value {
        Value::Object(map) => match map.get("extsvc") {
            Some(field) => from_value(field)
                .map(Some)
                .map_err(|e| format!("field \"extsvc\": {e}")),
            None => Ok(None),
        },
        _ => Ok(None),
    }
}

fn from_value(value: &Value) -> Result<Config, String> {
    let Value::Object(map) = value else {
        return Err("expected a JSON object".to_string());
    };
    let unknown: Vec<String> = map
        .keys()
        .filter(|k| !KEYS.contains(&k.as_str()))
        .map(|k| crate::validate::msg::quote(k))
        .collect();
    if !unknown.is_empty() {
        let s = if unknown.len() == 1 { "" } else { "s" };
        return Err(format!(
            "unknown key{s} {} (known keys: {})",
            unknown.join(", "),
            KEYS.join(", ")
        ));
    }
    let config: Config = crate::json_read::from_value(value).map_err(|e| {
        // Written as serde_path_to_error wrote paths: `select[1]`, `.` for the root.
        let mut path = crate::field_path::dotted(&e.path);
        if path.is_empty() {
            path.push('.');
        }
        format!("{path}: {}", e.message)
    })?;
    config.check()?;
    Ok(config)
}

impl Config {
    /// Checks the values the run would reject, so a bad config fails before any file is read.
    fn check(&self) -> Result<(), String> {
        if let Some(v) = &self.kube_version {
            ValidateOptions {
                kube_version: v.clone(),
                ..ValidateOptions::default()
            }
            .kube_minor()
            .map_err(|e| format!("kubeVersion: {e}"))?;
        }
        let none = Vec::new();
        Selection::new(
            self.select.as_ref().unwrap_or(&none),
            self.ignore.as_ref().unwrap_or(&none),
        )?;
        for pattern in self.exclude.iter().flatten() {
            Pattern::new(pattern).map_err(|e| format!("exclude: {e}"))?;
        }
        Ok(())
    }
}

impl crate::json_read::FromJson for Config {
    fn from_json(value: &Value) -> crate::json_read::Read<Self> {
        use crate::json_read::opt;
        let mut c = Config::default();
        crate::json_read::fields(value, "struct Config", KEYS, &mut |key, v| {
            match key {
                "$schema" => c.schema = opt(v)?,
                "kubeVersion" => c.kube_version = opt(v)?,
                "select" => c.select = opt(v)?,
                "ignore" => c.ignore = opt(v)?,
                "errorOnWarning" => c.error_on_warning = opt(v)?,
                "format" => c.format = opt(v)?,
                _ => c.exclude = opt(v)?,
            }
            Ok(())
        })?;
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key() {
        let config = parse(
            r#"{"$schema": "x", "kubeVersion": "1.33", "select": ["EP-"], "ignore": ["ep-deprecated"],
                "errorOnWarning": true, "format": "sarif", "exclude": ["charts"]}"#,
        );
        assert_eq!(
            config,
            Ok(Config {
                schema: Some("x".to_string()),
                kube_version: Some("1.33".to_string()),
                select: Some(vec!["EP-".to_string()]),
                ignore: Some(vec!["ep-deprecated".to_string()]),
                error_on_warning: Some(true),
                format: Some(Format::Sarif),
                exclude: Some(vec!["charts".to_string()]),
            })
        );
        assert_eq!(parse("{}"), Ok(Config::default()));
    }

    #[test]
    fn errors_name_what_is_wrong() {
        let known =
            "(known keys: $schema, kubeVersion, select, ignore, errorOnWarning, format, exclude)";
        let cases = [
            ("{\"selct\": []}", format!("unknown key \"selct\" {known}")),
            (
                "{\"b\": 1, \"a\": 2, \"select\": []}",
                format!("unknown keys \"a\", \"b\" {known}"),
            ),
            ("[]", "expected a JSON object".to_string()),
            (
                "{\"select\": \"EP-\"}",
                "select: invalid type: string \"EP-\", expected a sequence".to_string(),
            ),
            (
                "{\"kubeVersion\": \"1.20\"}",
                "kubeVersion: unsupported kubeVersion \"1.20\": supported are 1.33 to 1.37"
                    .to_string(),
            ),
            (
                "{\"ignore\": [\"EP-NOPE\"]}",
                "unknown rule code or prefix in ignore: \"EP-NOPE\" (see 'extsvc rules')"
                    .to_string(),
            ),
            (
                "{\"format\": \"xml\"}",
                "format: unknown variant `xml`, expected one of `text`, `json`, `sarif`, `github`, `gitlab`"
                    .to_string(),
            ),
            (
                "{\"exclude\": [\"a[\"]}",
                "exclude: invalid glob \"a[\": unclosed '['".to_string(),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(parse(text), Err(want), "{text}");
        }
        assert!(parse("{").is_err_and(|e| e.starts_with("invalid JSON: EOF")));
    }

    #[test]
    fn package_json_field() {
        assert_eq!(parse_package_json(r#"{"name": "x"}"#), Ok(None));
        assert_eq!(
            parse_package_json(r#"{"extsvc": {"errorOnWarning": true}}"#),
            Ok(Some(Config {
                error_on_warning: Some(true),
                ..Config::default()
            }))
        );
        assert_eq!(
            parse_package_json(r#"{"extsvc": {"x": 1}}"#),
            Err(format!(
                "field \"extsvc\": unknown key \"x\" (known keys: {})",
                KEYS.join(", ")
            ))
        );
    }
}
