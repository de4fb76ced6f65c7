//! Transforms of manifest text: [`fix`] repairs what the rules find, [`migrate`] moves
//! Endpoints to EndpointSlices. Both edit the original text in place — byte-range
//! replacements computed from the spanned YAML tree — so comments, key order, blank lines
//! and untouched documents stay byte-for-byte the same, and every edit is re-read and
//! checked against its intended value before it is kept. Input with YAML errors is
//! refused (the output is the input). [`unified_diff`] shows what changed.
//!
//! * `scan.rs`: documents → decoded objects; `pairing.rs`: which Service each backend is
//!   meant for (as the cross rules decide it).
//! * `edit.rs`: the text edits; `verify.rs`: re-reading them; `origin.rs`: positions in
//!   the original text across passes.
//! * `fix.rs` (passes, safety net), with the repairs in `repairs.rs` (names, namespaces,
//!   labels, selector), `ports.rs` (port names, protocols), `ips.rs` (non-standard IPs)
//!   and `types.rs` (quoting).
//! * `migrate.rs` (documents replaced), `slices.rs` (Endpoints → EndpointSlices),
//!   `external_name.rs` (FQDN slice → ExternalName Service).
//! * `diff.rs`: the unified diff.
//!
//! Fixes (reported under the rule's code; "unsafe" ones only with `unsafeFixes`):
//!
//! | code | repair | class |
//! |---|---|---|
//! | EP-NAME-MATCH | rename the Endpoints to its evident Service | safe |
//! | ES-SERVICE-NAME-MATCH, ES-SERVICE-NAME-LABEL | set the `kubernetes.io/service-name` label | safe |
//! | EP-NAMESPACE-MATCH, ES-NAMESPACE-MATCH | move the backend to the Service's namespace | safe |
//! | EP-PORT-NAME-MATCH, ES-PORT-NAME-MATCH | rename the endpoint port with the Service port's number | safe |
//! | ES-MANAGED-BY-MIRRORING, ES-MANAGED-BY-RESERVED | set managed-by to [`MANAGED_BY`] | safe |
//! | YAML-TYPE | quote a YAML 1.1 boolean/number in a string field, as written | safe |
//! | EP/ES-IP-NONSTANDARD, EP/ES-IP-STRICT | write the IP the way Kubernetes reads it | safe |
//! | EP-PORT-PROTOCOL-MATCH | give the endpoint port the Service port's protocol | unsafe |
//! | SVC-SELECTOR-PRESENT | remove the Service's selector | unsafe |
//!
//! Pairing is only repaired when it is unambiguous (see `pairing.rs`); layouts the edits
//! do not understand (flow mappings, block scalars, anchors shared with other objects) are
//! left as they are, and the finding stays in `remaining`.

mod diff;
mod edit;
mod external_name;
mod fix;
mod ips;
mod migrate;
mod origin;
mod pairing;
mod ports;
mod repairs;
mod scan;
mod slices;
mod types;
mod verify;

pub use diff::unified_diff;
#[cfg(feature = "wasm")]
pub(crate) use diff::unified_diff_within;
pub use fix::fix;
pub use migrate::migrate;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Location, ObjectRef};
use crate::options::DEFAULT_KUBE_VERSION;

/// The `endpointslice.kubernetes.io/managed-by` value of the EndpointSlices extsvc writes
/// (the generator writes the same): neither controller's reserved value, so neither
/// controller deletes or rewrites the slice.
pub const MANAGED_BY: &str = "extsvc";

/// Options of [`fix`]. Unknown fields are rejected.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct FixOptions {
    /// Also apply fixes that may change what the manifests mean (ruff's `--unsafe-fixes`):
    /// removing a Service's selector, aligning an endpoint port's protocol.
    pub unsafe_fixes: bool,
    /// Target Kubernetes version, `"1.33"` to `"1.37"` (for the remaining diagnostics).
    pub kube_version: String,
}

impl Default for FixOptions {
    fn default() -> Self {
        FixOptions {
            unsafe_fixes: false,
            kube_version: DEFAULT_KUBE_VERSION.to_string(),
        }
    }
}

/// One fix, applied or available.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppliedFix {
    /// The code of the rule the fix answers (e.g. `EP-NAME-MATCH`).
    pub code: String,
    /// Field path of what changed (`metadata.name`, `subsets[0].ports[0].name`).
    pub path: String,
    /// One sentence: what was changed, from what to what.
    pub description: String,
    /// What the fix changed (or the mapping it inserted into), in the ORIGINAL text.
    pub location: Location,
    /// The object changed.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub object: Option<ObjectRef>,
}

/// The result of [`fix`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FixResult {
    /// The fixed text (the input itself when nothing applied or the input was refused).
    pub output: String,
    /// The fixes applied, in the order applied.
    pub applied: Vec<AppliedFix>,
    /// Fixes not applied because they are unsafe: available with the option
    /// `unsafeFixes: true` (empty when it was set).
    pub unsafe_available: Vec<AppliedFix>,
    /// The diagnostics of the output (`file` unset: the caller knows the input's name).
    pub remaining: Vec<Diagnostic>,
    /// Why nothing was changed, when the input was refused (YAML errors).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub refused: Option<String>,
}

/// Options of [`migrate`]. Unknown fields are rejected.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct MigrateOptions {
    /// Keep each migrated Endpoints (the new slices follow it) instead of replacing it.
    pub keep_endpoints: bool,
    /// Target Kubernetes version, `"1.33"` to `"1.37"` (for the remaining diagnostics).
    pub kube_version: String,
}

impl Default for MigrateOptions {
    fn default() -> Self {
        MigrateOptions {
            keep_endpoints: false,
            kube_version: DEFAULT_KUBE_VERSION.to_string(),
        }
    }
}

/// One object migrated.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Migrated {
    /// `EP-DEPRECATED` (Endpoints → EndpointSlices) or `ES-FQDN-NOT-PROXIED` (FQDN slice
    /// → ExternalName Service).
    pub code: String,
    /// The object migrated.
    pub object: ObjectRef,
    /// Its document, in the ORIGINAL text.
    pub location: Location,
    /// One sentence.
    pub description: String,
    /// The objects written instead, as `Kind/name`.
    pub created: Vec<String>,
}

/// One object that could not be migrated, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NotMigrated {
    /// The object.
    pub object: ObjectRef,
    /// Its document, in the ORIGINAL text.
    pub location: Location,
    /// Why it was left as it is.
    pub reason: String,
}

/// The result of [`migrate`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MigrateResult {
    /// The migrated text (the input itself when nothing applied or it was refused).
    pub output: String,
    /// What was migrated.
    pub migrated: Vec<Migrated>,
    /// Endpoints left as they are, with the reason.
    pub skipped: Vec<NotMigrated>,
    /// The diagnostics of the output (`file` unset: the caller knows the input's name).
    pub remaining: Vec<Diagnostic>,
    /// Why nothing was changed, when the input was refused (YAML errors).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub refused: Option<String>,
}

/// Splits a leading byte-order mark off (positions count from after it).
fn split_bom(source: &str) -> (&'static str, &str) {
    match source.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", source),
    }
}

impl crate::json_read::FromJson for FixOptions {
    fn from_json(value: &serde_json::Value) -> crate::json_read::Read<Self> {
        let mut o = FixOptions::default();
        let known = &["unsafeFixes", "kubeVersion"];
        crate::json_read::fields(value, "struct FixOptions", known, &mut |key, v| {
            match key {
                "unsafeFixes" => o.unsafe_fixes = bool::from_json(v)?,
                _ => o.kube_version = String::from_json(v)?,
            }
            Ok(())
        })?;
        Ok(o)
    }
}

impl crate::json_read::FromJson for MigrateOptions {
    fn from_json(value: &serde_json::Value) -> crate::json_read::Read<Self> {
        let mut o = MigrateOptions::default();
        let known = &["keepEndpoints", "kubeVersion"];
        crate::json_read::fields(value, "struct MigrateOptions", known, &mut |key, v| {
            match key {
                "keepEndpoints" => o.keep_endpoints = bool::from_json(v)?,
                _ => o.kube_version = String::from_json(v)?,
            }
            Ok(())
        })?;
        Ok(o)
    }
}
