//! Stub — being implemented.
/// A resolved plain scalar.
pub type Scalar = super::Value;
/// Resolves a plain scalar with YAML 1.1 (go-yaml v2) rules.
pub fn resolve_plain(s: &str) -> Scalar {
    super::Value::Str(s.to_string())
}
