//! extsvc: generate and validate the Kubernetes manifests that expose a backend outside
//! the cluster — a selectorless Service with a hand-written EndpointSlice or Endpoints of
//! the same name, or an ExternalName Service.
//!
//! The core is pure Rust and has no WebAssembly dependency; `src/wasm.rs` (feature `wasm`)
//! is a thin binding over the functions re-exported here. See ARCHITECTURE.md.

pub mod config;
pub mod diagnostic;
pub mod field_path;
pub mod generate;
pub mod glob;
mod hash;
#[cfg(test)]
mod json_de;
mod json_read;
pub mod model;
pub mod object;
pub mod options;
mod pipeline;
pub mod policy;
pub mod render;
mod sort;
pub mod suppress;
mod text;
pub mod transform;
pub mod validate;
mod wording;
pub mod yaml;

#[cfg(feature = "wasm")]
pub mod wasm;

pub use diagnostic::{Category, Diagnostic, Location, ObjectRef, Report, Severity, Summary};
pub use options::ValidateOptions;
pub use pipeline::{validate_sources, Source, Validation};
pub use validate::Rule;

/// The k8s-openapi feature this build was compiled with (the newest Kubernetes API it knows).
pub const K8S_OPENAPI_FEATURE: &str = "v1_37";

/// Validates one text input named `name`. See [`validate_sources`] for several inputs.
pub fn validate_text(name: &str, text: &str, options: &ValidateOptions) -> Result<Report, String> {
    validate_sources(&[Source { name, text }], options)
}

/// Every rule extsvc knows, with its documentation.
pub fn rules() -> &'static [Rule] {
    validate::all_rules()
}

pub use generate::{generate, GenerateResult};
pub use transform::{
    fix, migrate, unified_diff, AppliedFix, FixOptions, FixResult, MigrateOptions, MigrateResult,
};
