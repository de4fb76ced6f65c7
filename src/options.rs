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
        // `1.37`, `v1.37`, `1.37.2`, or a `gitVersion` such as `v1.37.2+k3s1` or
        // `v1.35.4-eks-a737599`: numbers as Kubernetes writes them (no sign, no leading
        // zero), so `1.037` or `1.+37` is refused rather than read as 1.37.
        let version = self
            .kube_version
            .strip_prefix('v')
            .unwrap_or(&self.kube_version);
        let (minor, patch) = match version.strip_prefix("1.") {
            Some(rest) => rest.split_once('.').unwrap_or((rest, "0")),
            None => ("", ""),
        };
        let patch = patch.split(['-', '+']).next().unwrap_or_default();
        let plain =
            |n: &str| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && !n.starts_with('0');
        let minor = Some(minor)
            .filter(|&m| plain(m) && (patch == "0" || plain(patch)))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn minor(version: &str) -> Result<u32, String> {
        ValidateOptions {
            kube_version: version.to_string(),
            ..ValidateOptions::default()
        }
        .kube_minor()
    }

    #[test]
    fn versions_as_kubernetes_writes_them_are_read() {
        let newest = *SUPPORTED_MINORS.end();
        for version in [
            format!("1.{newest}"),
            format!("v1.{newest}"),
            format!("1.{newest}.0"),
            format!("v1.{newest}.12"),
        ] {
            assert_eq!(minor(&version), Ok(newest), "{version}");
        }
    }

    #[test]
    fn numbers_kubernetes_never_writes_are_refused() {
        let newest = *SUPPORTED_MINORS.end();
        for version in [
            format!("1.0{newest}"),
            format!("1.+{newest}"),
            format!("01.{newest}"),
            format!("1.{newest}.01"),
            format!("1.{newest}.x"),
            format!("1.{newest}.0.0"),
            format!("1.{newest}-rc.1"),
            format!("1.{newest}.+1"),
            format!("1.{newest}."),
            format!("vv1.{newest}"),
            format!(" 1.{newest}"),
            "1.".to_string(),
            String::new(),
        ] {
            let err = minor(&version).expect_err(&version);
            assert!(
                err.starts_with(&format!("unsupported kubeVersion \"{version}\"")),
                "{err}"
            );
        }
    }
}
