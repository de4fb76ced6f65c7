//! Stub — being implemented.
/// Emits documents.
pub fn emit_documents(_docs: &[serde_json::Value]) -> String {
    String::new()
}
/// Emits one value.
pub fn emit_value(_v: &serde_json::Value) -> String {
    String::new()
}
/// Whether a string must be quoted.
pub fn needs_quotes(_s: &str) -> bool {
    true
}
