//! JSON → [`ExternalServiceSpec`]: the shape check (unknown fields, JSON types, enum
//! values). serde stops at the first such problem, so this yields at most one diagnostic;
//! the semantic checks in `check.rs` then report every problem of a well-shaped spec.

use crate::field_path::JsonStep;
use crate::json_read;

use super::diag;
use crate::diagnostic::Diagnostic;
use crate::model::ExternalServiceSpec;

/// Decodes `value`, or returns the one diagnostic naming the first shape problem.
pub(crate) fn decode(value: &serde_json::Value) -> Result<ExternalServiceSpec, Box<Diagnostic>> {
    // serde also reads a struct from a JSON array, by position; a spec is never that.
    not_an_object(value, String::new())?;
    if let Some(serde_json::Value::Array(ports)) = value.get("ports") {
        for (i, port) in ports.iter().enumerate() {
            not_an_object(port, format!("ports[{i}]"))?;
        }
    }
    json_read::from_value(value).map_err(|err| {
        let mut segments: Vec<&JsonStep> = err.path.iter().collect();
        let message = err.message;
        let unknown = unknown_field(&message);
        let mut path = render(&segments);
        // Point at the unknown field itself, whether or not serde's path already does.
        if let Some(field) = &unknown {
            let last_is_field = matches!(segments.last(), Some(JsonStep::Key(key)) if key == field);
            if !last_is_field {
                path = join(&path, field);
            }
        }
        let code = match segments.pop() {
            Some(JsonStep::Key(key)) if key == "protocol" && unknown.is_none() => {
                "SPEC-PORT-PROTOCOL"
            }
            _ => "SPEC-SCHEMA",
        };
        Box::new(diag(code, path, tidy(&message)))
    })
}

fn not_an_object(value: &serde_json::Value, path: String) -> Result<(), Box<Diagnostic>> {
    use serde_json::Value as J;
    let kind = match value {
        J::Object(_) => return Ok(()),
        J::Null => "null",
        J::Bool(_) => "boolean",
        J::Number(_) => "number",
        J::String(_) => "string",
        J::Array(_) => "array",
    };
    Err(Box::new(diag(
        "SPEC-SCHEMA",
        path,
        format!("invalid type: {kind}, expected an object"),
    )))
}

/// `unknown field `adresses`, expected one of ...` → `adresses`.
fn unknown_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    rest.split_once('`').map(|(field, _)| field.to_string())
}

/// Renders serde's path the way the rest of extsvc prints paths: `ports[0].port`,
/// `labels[app.kubernetes.io/name]` (map keys in brackets, since they may contain dots).
fn render(segments: &[&JsonStep]) -> String {
    let mut out = String::new();
    let mut in_map = false;
    for segment in segments {
        match segment {
            JsonStep::Index(index) => out.push_str(&format!("[{index}]")),
            JsonStep::Key(key) if in_map => {
                out.push_str(&format!("[{key}]"));
                in_map = false;
                continue;
            }
            JsonStep::Key(key) => {
                out = join(&out, key);
                in_map = out == "labels" || out == "annotations";
                continue;
            }
        }
        in_map = false;
    }
    out
}

fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_string()
    } else {
        format!("{path}.{field}")
    }
}

/// serde's type names in JSON terms (`i64` → an integer, `map` → an object).
fn tidy(message: &str) -> String {
    let mut m = message.to_string();
    for (from, to) in [
        ("expected struct ExternalServiceSpec", "expected an object"),
        ("expected struct PortSpec", "expected an object"),
        ("expected i64", "expected an integer"),
        ("expected a sequence", "expected an array"),
        ("expected a map", "expected an object"),
        ("invalid type: sequence", "invalid type: array"),
        ("invalid type: map", "invalid type: object"),
        ("invalid type: unit value", "invalid type: null"),
    ] {
        m = crate::text::replace(&m, from, to);
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn err(v: serde_json::Value) -> (String, String, String) {
        let d = decode(&v).expect_err("should fail");
        (d.code, d.path.unwrap_or_default(), d.message)
    }

    #[test]
    fn paths_point_at_the_offending_field() {
        let (code, path, msg) = err(json!({"name": "a", "adresses": []}));
        assert_eq!((code.as_str(), path.as_str()), ("SPEC-SCHEMA", "adresses"));
        assert!(msg.starts_with("unknown field `adresses`"), "{msg}");

        let (code, path, _) = err(json!({"ports": [{"port": 1}, {"port": 2, "nme": "x"}]}));
        assert_eq!(
            (code.as_str(), path.as_str()),
            ("SPEC-SCHEMA", "ports[1].nme")
        );

        let (code, path, msg) = err(json!({"ports": [{"port": "3306"}]}));
        assert_eq!(
            (code.as_str(), path.as_str()),
            ("SPEC-SCHEMA", "ports[0].port")
        );
        assert_eq!(msg, "invalid type: string \"3306\", expected an integer");

        let (code, path, _) = err(json!({"labels": {"app.kubernetes.io/name": 5}}));
        assert_eq!(
            (code.as_str(), path.as_str()),
            ("SPEC-SCHEMA", "labels[app.kubernetes.io/name]")
        );

        let (code, path, _) = err(json!({"ports": [{"port": 53, "protocol": "udp"}]}));
        assert_eq!(
            (code.as_str(), path.as_str()),
            ("SPEC-PORT-PROTOCOL", "ports[0].protocol")
        );

        let (code, path, msg) = err(json!({"ports": [["p", 80]]}));
        assert_eq!((code.as_str(), path.as_str()), ("SPEC-SCHEMA", "ports[0]"));
        assert_eq!(msg, "invalid type: array, expected an object");

        let (code, path, msg) = err(json!({"endpointsApi": "Slices"}));
        assert_eq!(
            (code.as_str(), path.as_str()),
            ("SPEC-SCHEMA", "endpointsApi")
        );
        assert_eq!(
            msg,
            "Unsupported value: \"Slices\": supported values: \"Both\", \"EndpointSlice\", \"Endpoints\""
        );

        let (code, path, msg) = err(json!(["not", "an", "object"]));
        assert_eq!((code.as_str(), path.as_str()), ("SPEC-SCHEMA", ""));
        assert_eq!(msg, "invalid type: array, expected an object");
    }
}
