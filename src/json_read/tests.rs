//! The reader against serde's derived impls (which the public types keep for Rust users):
//! on inputs that use every field, and on every variant of them where one value is replaced
//! by a value of another type, both must give the same value or the same message.

use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use super::{from_value, FromJson};
use crate::config::Config;
use crate::field_path::JsonStep;
use crate::model::ExternalServiceSpec;
use crate::options::ValidateOptions;
use crate::render::{CheckOptions, Format, GenerateFormat};
use crate::transform::{FixOptions, MigrateOptions};

fn replacements() -> Vec<Value> {
    vec![
        json!(null),
        json!(true),
        json!(5),
        json!(-1),
        json!(1.5),
        json!(1e16),
        json!(1e-7),
        json!(-2.5e300),
        json!(u64::MAX),
        json!("abc"),
        json!("TCP"),
        json!("json"),
        json!([]),
        json!(["a"]),
        json!({}),
        json!({"x": 1}),
    ]
}

/// Every position in `value`, as a JSON pointer.
fn pointers(value: &Value, here: String, out: &mut Vec<String>) {
    out.push(here.clone());
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                pointers(v, format!("{here}/{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                pointers(v, format!("{here}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn compare<T: FromJson + DeserializeOwned + PartialEq + std::fmt::Debug>(base: Value) -> usize {
    let whole = from_value::<T>(&base).map_err(|e| e.message);
    assert!(whole.is_ok(), "{whole:?}");
    let mut all = Vec::new();
    pointers(&base, String::new(), &mut all);
    let mut compared = 0;
    for pointer in &all {
        for replacement in replacements() {
            let mut variant = base.clone();
            *variant.pointer_mut(pointer).unwrap() = replacement.clone();
            let ours = from_value::<T>(&variant).map_err(|e| e.message);
            let theirs = serde_json::from_value::<T>(variant.clone()).map_err(|e| e.to_string());
            match (&ours, &theirs) {
                // serde's derives also read a struct from an array, field by field; no
                // caller means that, so the reader refuses it.
                (Err(m), _)
                    if replacement.is_array()
                        && m.starts_with("invalid type: sequence, expected struct") => {}
                // serde_json reads `{"variant": ...}` as an enum; no unit enum here has data.
                (Err(m), _)
                    if replacement.is_object()
                        && m == "invalid type: map, expected string or map" => {}
                _ => assert_eq!(ours, theirs, "{pointer} = {replacement}"),
            }
            compared += 1;
        }
    }
    compared
}

#[test]
fn reads_as_the_serde_derives_read() {
    let spec = json!({
        "name": "db", "namespace": "prod", "addresses": ["192.0.2.1", "192.0.2.2"],
        "externalName": null, "headless": true, "endpointsApi": "Both",
        "labels": {"app": "db"}, "annotations": {"a": "b"}, "clusterDomain": "cluster.local",
        "ports": [{"name": "mysql", "port": 3306, "protocol": "UDP", "appProtocol": "mysql"}],
    });
    let config = json!({
        "$schema": "x", "kubeVersion": "1.33", "select": ["EP-"], "ignore": ["a"],
        "errorOnWarning": true, "format": "sarif", "exclude": ["charts"],
    });
    let compared = compare::<ExternalServiceSpec>(spec)
        + compare::<Config>(config)
        + compare::<ValidateOptions>(json!({"kubeVersion": "1.34", "select": ["EP-"],
            "ignore": ["x"], "errorOnWarning": true}))
        + compare::<CheckOptions>(json!({"color": true, "errorOnWarning": false}))
        + compare::<FixOptions>(json!({"unsafeFixes": true, "kubeVersion": "1.35"}))
        + compare::<MigrateOptions>(json!({"keepEndpoints": true, "kubeVersion": "1.36"}))
        + compare::<Format>(json!("gitlab"))
        + compare::<GenerateFormat>(json!("json"))
        + compare::<Vec<String>>(json!(["a", "b"]));
    assert!(compared > 600, "{compared}");
}

#[test]
fn errors_know_their_path() {
    let key = |k: &str| JsonStep::Key(k.to_string());
    let cases = [
        (json!({"name": 1}), vec![key("name")]),
        (
            json!({"ports": [{"port": 1}, {"port": "x"}]}),
            vec![key("ports"), JsonStep::Index(1), key("port")],
        ),
        (
            json!({"labels": {"x": null}}),
            vec![key("labels"), key("x")],
        ),
        // An unknown field is reported at its object (`generate/schema.rs` adds the name).
        (
            json!({"ports": [{"prot": 1}]}),
            vec![key("ports"), JsonStep::Index(0)],
        ),
        (json!({"nmae": 1}), vec![]),
    ];
    for (value, path) in cases {
        let err = from_value::<ExternalServiceSpec>(&value).expect_err("refused");
        assert_eq!(err.path, path, "{value}");
    }
}
