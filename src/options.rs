//! Options of a validation run, as the CLI, the npm package and the playground pass them.

use serde::{Deserialize, Serialize};

/// The Kubernetes minor versions (1.x) whose behaviour extsvc models.
pub const SUPPORTED_MINORS: std::ops::RangeInclusive<u32> = 33..=37;

/// The newest supported Kubernetes version, the default.
pub const DEFAULT_KUBE_VERSION: &str = "1.37";

/// Options for [`crate::validate_sources`]. Unknown fields are rejected.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct ValidateOptions {
    /// Target Kubernetes version, `"1.33"` to `"1.37"`.
    pub kube_version: String,
    /// Report only these rules: codes, names or prefixes ending in `-` (`EP-`); empty means
    /// all. See `src/policy.rs`.
    pub select: Vec<String>,
    /// Never report these rules (codes, names or prefixes); wins over `select`.
    pub ignore: Vec<String>,
    /// Warnings fail the run too (exit code 1 from `check`).
    pub error_on_warning: bool,
}

impl Default for ValidateOptions {
    fn default() -> Self {
        ValidateOptions {
            kube_version: DEFAULT_KUBE_VERSION.to_string(),
            select: Vec::new(),
            ignore: Vec::new(),
            error_on_warning: false,
        }
    }
}

impl ValidateOptions {
    /// The minor version (`37` for `"1.37"`), or an error message naming the bad value.
    pub fn kube_minor(&self) -> Result<u32, String> {
        let minor = self
            .kube_version
            .trim_start_matches('v')
            .strip_prefix("1.")
            .and_then(|m| m.split('.').next())
            .and_then(|m| m.parse::<u32>().ok());
        match minor {
            Some(m) if SUPPORTED_MINORS.contains(&m) => Ok(m),
            _ => Err(format!(
                "unsupported kubeVersion \"{}\": supported are 1.{} to 1.{}",
                self.kube_version,
                SUPPORTED_MINORS.start(),
                SUPPORTED_MINORS.end()
            )),
        }
    }
}

impl crate::json_read::FromJson for ValidateOptions {
    fn from_json(value: &serde_json::Value) -> crate::json_read::Read<Self> {
        let mut o = ValidateOptions::default();
        let known = &["kubeVersion", "select", "ignore", "errorOnWarning"];
        crate::json_read::fields(value, "struct ValidateOptions", known, &mut |key, v| {
            match key {
                "kubeVersion" => o.kube_version = String::from_json(v)?,
                "select" => o.select = Vec::from_json(v)?,
                "ignore" => o.ignore = Vec::from_json(v)?,
                _ => o.error_on_warning = bool::from_json(v)?,
            }
            Ok(())
        })?;
        Ok(o)
    }
}
