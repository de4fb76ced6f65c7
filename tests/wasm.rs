//! The wasm-bindgen binding, compiled to wasm32 and run under Node by `make test-wasm` with
//! the pinned `wasm-bindgen-test-runner`. Plain `cargo test` skips this file (it is
//! wasm32-only), so the Makefile target runs it explicitly.
#![cfg(target_arch = "wasm32")]

use extsvc::wasm;
use extsvc::Report;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const SEED: &str = include_str!("../www/examples/seed-mysql.yaml");

const MYSQL_SPEC: &str = r#"{"name":"mysql-svc","namespace":"default","addresses":["114.32.146.154"],"ports":[{"name":"mysql","port":3306}]}"#;

fn get(value: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(key)).expect("property access")
}

fn json(text: &str) -> JsValue {
    js_sys::JSON::parse(text).expect("valid JSON")
}

fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        js_sys::Reflect::set(&o, &JsValue::from_str(k), v).expect("set");
    }
    o.into()
}

/// The `code` of a thrown error, and that it is a real `Error`.
fn error_code(result: Result<JsValue, JsValue>) -> String {
    let err = result.expect_err("misuse must throw");
    assert!(err.is_instance_of::<js_sys::Error>(), "{err:?} is an Error");
    get(&err, "code").as_string().expect("code is a string")
}

fn message(result: Result<JsValue, JsValue>) -> String {
    let err = result.expect_err("misuse must throw");
    get(&err, "message")
        .as_string()
        .expect("message is a string")
}

#[wasm_bindgen_test]
fn validate_reports_the_seed_mistakes_with_positions() {
    let out = wasm::validate(JsValue::from_str(SEED), JsValue::UNDEFINED).expect("validate");
    let json = js_sys::JSON::stringify(&out)
        .ok()
        .and_then(|s| s.as_string());
    let report: Report = serde_json::from_str(&json.expect("JSON")).expect("a Report");
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.code == "EP-NAME-MATCH")
        .expect("EP-NAME-MATCH");
    assert_eq!(d.path.as_deref(), Some("metadata.name"));
    assert_eq!(d.file.as_deref(), Some("<input>"));
    let loc = d.location.expect("location");
    assert_eq!(
        (loc.line, loc.column, loc.end_line, loc.end_column),
        (22, 9, 22, 17)
    );
    assert_eq!(report.summary.errors, 1);
    assert_eq!(report.summary.objects, 2);
}

#[wasm_bindgen_test]
fn validate_takes_named_inputs() {
    let files = json(&serde_json::json!([{ "name": "seed.yaml", "text": SEED }]).to_string());
    let options = object(&[("kubeVersion", JsValue::from_str("1.33"))]);
    let out = wasm::validate(files, options).expect("validate");
    let diagnostics = js_sys::Array::from(&get(&out, "diagnostics"));
    assert!(diagnostics.length() >= 2);
    assert_eq!(
        get(&diagnostics.get(0), "file").as_string().as_deref(),
        Some("seed.yaml")
    );
    // Absent optional fields are absent, not null, in the API objects.
    let out = wasm::validate(JsValue::from_str("a: [1\n"), JsValue::NULL).expect("validate");
    let first = js_sys::Array::from(&get(&out, "diagnostics")).get(0);
    assert_eq!(
        get(&first, "code").as_string().as_deref(),
        Some("YAML-SYNTAX")
    );
    assert!(get(&first, "object").is_undefined());
}

#[wasm_bindgen_test]
fn misuse_throws_errors_with_codes() {
    let invalid = "EXTSVC_INVALID_ARGUMENT";
    let none = JsValue::UNDEFINED;
    assert_eq!(
        error_code(wasm::validate(JsValue::from_f64(42.0), none.clone())),
        invalid
    );
    let bad_file = json(r#"[{"name": "a.yaml"}]"#);
    assert_eq!(error_code(wasm::validate(bad_file, none.clone())), invalid);
    let unknown = object(&[("kubeVersoin", JsValue::from_str("1.33"))]);
    let msg = message(wasm::validate(JsValue::from_str(""), unknown));
    assert!(msg.contains("unknown field `kubeVersoin`"), "{msg}");
    let old = object(&[("kubeVersion", JsValue::from_str("1.20"))]);
    assert_eq!(
        error_code(wasm::validate(JsValue::from_str(""), old)),
        invalid
    );
    let not_object = JsValue::from_str("strict");
    assert_eq!(
        error_code(wasm::validate(JsValue::from_str(""), not_object)),
        invalid
    );
    let files = js_sys::Array::new().into();
    let msg = message(wasm::check(files, none.clone(), "xml".into(), none.clone()));
    assert!(
        msg.starts_with("format: unknown variant `xml`, expected "),
        "{msg}"
    );
    assert_eq!(error_code(wasm::generate(JsValue::from_f64(1.0))), invalid);
    assert_eq!(error_code(wasm::generate(JsValue::NULL)), invalid);
}

#[wasm_bindgen_test]
fn generate_returns_plain_objects_and_validates_clean() {
    let from_object = wasm::generate(json(MYSQL_SPEC)).expect("generate");
    let from_text = wasm::generate(JsValue::from_str(MYSQL_SPEC)).expect("generate");
    assert_eq!(
        js_sys::JSON::stringify(&from_object).ok(),
        js_sys::JSON::stringify(&from_text).ok()
    );
    let objects = js_sys::Array::from(&get(&from_object, "objects"));
    assert_eq!(objects.length(), 2);
    let labels = get(&get(&objects.get(1), "metadata"), "labels");
    // JSON-compatible serialisation: maps are plain objects, not `Map`s.
    assert!(!labels.is_instance_of::<js_sys::Map>());
    assert_eq!(
        get(&labels, "kubernetes.io/service-name")
            .as_string()
            .as_deref(),
        Some("mysql-svc")
    );
    assert!(get(&from_object, "yaml").is_string());
    let yaml = get(&from_object, "yaml");
    let report = wasm::validate(yaml, JsValue::UNDEFINED).expect("validate");
    assert_eq!(
        js_sys::Array::from(&get(&report, "diagnostics")).length(),
        0
    );
    // A bad spec is diagnostics, with null YAML.
    let bad = wasm::generate(JsValue::from_str("{\"name\": ")).expect("generate");
    assert!(get(&bad, "yaml").is_null());
    let first = js_sys::Array::from(&get(&bad, "diagnostics")).get(0);
    assert_eq!(
        get(&first, "code").as_string().as_deref(),
        Some("SPEC-JSON")
    );
}

#[wasm_bindgen_test]
fn check_renders_and_decides_the_exit_code() {
    let files = json(&serde_json::json!([{ "name": "seed.yaml", "text": SEED }]).to_string());
    let strict = object(&[("errorOnWarning", JsValue::TRUE)]);
    let out = wasm::check(files, JsValue::UNDEFINED, "text".into(), strict).expect("check");
    assert_eq!(get(&out, "exitCode").as_f64(), Some(1.0));
    let text = get(&out, "output").as_string().expect("output");
    assert!(
        text.contains("seed.yaml:22:9: error[EP-NAME-MATCH]: "),
        "{text}"
    );
    assert!(!text.contains('\u{1b}'), "no colour unless asked");
    assert_eq!(get(&get(&out, "summary"), "errors").as_f64(), Some(1.0));
}

#[wasm_bindgen_test]
fn rules_version_and_defaults() {
    let rules = js_sys::Array::from(&wasm::rules().expect("rules"));
    assert_eq!(rules.length() as usize, extsvc::rules().len());
    let json_rules = wasm::render_rules("json".into()).expect("renderRules");
    assert_eq!(
        js_sys::Array::from(&json(&json_rules)).length(),
        rules.length()
    );
    let version = wasm::version().expect("version");
    assert_eq!(
        get(&version, "kubernetes").as_string().as_deref(),
        Some("1.37")
    );
    assert_eq!(
        get(&version, "k8sOpenapiFeature").as_string().as_deref(),
        Some("v1_37")
    );
    let supported = js_sys::Array::from(&get(&version, "supportedKubeVersions"));
    assert_eq!(supported.length(), 5);
    let defaults = wasm::default_options().expect("defaultOptions");
    assert_eq!(
        get(&defaults, "kubeVersion").as_string().as_deref(),
        Some("1.37")
    );
}

#[wasm_bindgen_test]
fn render_generate_prints_the_cli_output() {
    let out = wasm::render_generate(MYSQL_SPEC, "mysql.json", "yaml".into(), JsValue::NULL)
        .expect("renderGenerate");
    assert_eq!(get(&out, "exitCode").as_f64(), Some(0.0));
    assert_eq!(get(&out, "messages").as_string().as_deref(), Some(""));
    let yaml = get(&out, "output").as_string().expect("output");
    assert!(
        yaml.starts_with("apiVersion: v1\nkind: Service\n"),
        "{yaml}"
    );
    let bad = wasm::render_generate("{", "spec.json", "yaml".into(), JsValue::NULL)
        .expect("renderGenerate");
    assert_eq!(get(&bad, "exitCode").as_f64(), Some(1.0));
    let messages = get(&bad, "messages").as_string().expect("messages");
    assert!(
        messages.starts_with("spec.json:1:1: error[SPEC-JSON]: "),
        "{messages}"
    );
}

fn array(value: &JsValue, key: &str) -> js_sys::Array {
    js_sys::Array::from(&get(value, key))
}

fn string(value: &JsValue, key: &str) -> String {
    get(value, key).as_string().unwrap_or_default()
}

/// `(code, path)` of every error diagnostic in `value[key]`.
fn errors_in(value: &JsValue, key: &str) -> Vec<(String, String)> {
    array(value, key)
        .iter()
        .filter(|d| string(d, "severity") == "error")
        .map(|d| (string(&d, "code"), string(&d, "path")))
        .collect()
}

#[wasm_bindgen_test]
fn fix_repairs_the_seed_keeping_comments_and_is_idempotent() {
    let out = wasm::fix(JsValue::from_str(SEED), JsValue::UNDEFINED).expect("fix");
    let applied: Vec<(String, String, f64, f64)> = array(&out, "applied")
        .iter()
        .map(|a| {
            let loc = get(&a, "location");
            (
                string(&a, "code"),
                string(&a, "path"),
                get(&loc, "line").as_f64().unwrap_or_default(),
                get(&loc, "column").as_f64().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        applied,
        [
            ("EP-NAME-MATCH".into(), "metadata.name".into(), 22.0, 9.0),
            (
                "EP-PORT-NAME-MATCH".into(),
                "subsets[0].ports[0].name".into(),
                28.0,
                15.0
            ),
        ]
    );
    assert!(get(&out, "refused").is_undefined());
    assert_eq!(array(&out, "unsafeAvailable").length(), 0);
    assert_eq!(errors_in(&out, "remaining"), Vec::new());
    let output = string(&out, "output");
    assert!(output.contains("  name: mysql-svc  # Must match Service name\n"));
    assert!(output.contains("      - ip: 114.32.146.154 # External IP\n"));
    let report = wasm::validate(JsValue::from_str(&output), JsValue::UNDEFINED).expect("validate");
    assert_eq!(errors_in(&report, "diagnostics"), Vec::new());
    // Fixing the fixed text changes nothing.
    let again = wasm::fix(JsValue::from_str(&output), JsValue::NULL).expect("fix");
    assert_eq!(array(&again, "applied").length(), 0);
    assert_eq!(string(&again, "output"), output);
}

#[wasm_bindgen_test]
fn fix_offers_unsafe_fixes_only_when_asked_and_refuses_broken_yaml() {
    let selector = include_str!("../www/examples/mistake-selector.yaml");
    let safe = wasm::fix(JsValue::from_str(selector), JsValue::UNDEFINED).expect("fix");
    let offered: Vec<String> = array(&safe, "unsafeAvailable")
        .iter()
        .map(|a| string(&a, "code"))
        .collect();
    assert_eq!(offered, ["SVC-SELECTOR-PRESENT"]);
    assert!(!array(&safe, "applied")
        .iter()
        .any(|a| string(&a, "code") == "SVC-SELECTOR-PRESENT"));
    let options = object(&[("unsafeFixes", JsValue::TRUE)]);
    let all = wasm::fix(JsValue::from_str(selector), options).expect("fix");
    assert!(array(&all, "applied")
        .iter()
        .any(|a| string(&a, "code") == "SVC-SELECTOR-PRESENT"));
    assert_eq!(array(&all, "unsafeAvailable").length(), 0);

    let broken = "kind: Service\nmetadata: [\n";
    let refused = wasm::fix(JsValue::from_str(broken), JsValue::UNDEFINED).expect("fix");
    assert_eq!(string(&refused, "output"), broken);
    assert!(string(&refused, "refused").contains("YAML errors"));
    assert_eq!(array(&refused, "applied").length(), 0);
    assert!(errors_in(&refused, "remaining")
        .iter()
        .any(|(code, _)| code == "YAML-SYNTAX"));
}

#[wasm_bindgen_test]
fn migrate_moves_the_fixed_seed_to_an_endpoint_slice() {
    let fixed = string(
        &wasm::fix(JsValue::from_str(SEED), JsValue::UNDEFINED).expect("fix"),
        "output",
    );
    let out = wasm::migrate(JsValue::from_str(&fixed), JsValue::UNDEFINED).expect("migrate");
    let migrated = array(&out, "migrated");
    assert_eq!(migrated.length(), 1);
    let first = migrated.get(0);
    assert_eq!(string(&first, "code"), "EP-DEPRECATED");
    assert_eq!(
        string(&get(&first, "object"), "kind"),
        "Endpoints",
        "the object migrated"
    );
    let output = string(&out, "output");
    assert!(output.contains("kind: EndpointSlice\n"), "{output}");
    assert!(!output.contains("kind: Endpoints\n"), "{output}");
    let codes: Vec<String> = array(&out, "remaining")
        .iter()
        .map(|d| string(&d, "code"))
        .collect();
    assert!(!codes.iter().any(|c| c == "EP-DEPRECATED"), "{codes:?}");
    assert_eq!(errors_in(&out, "remaining"), Vec::new());

    let keep = object(&[("keepEndpoints", JsValue::TRUE)]);
    let kept = wasm::migrate(JsValue::from_str(&fixed), keep).expect("migrate");
    let output = string(&kept, "output");
    assert!(output.contains("kind: Endpoints\n") && output.contains("kind: EndpointSlice\n"));
}

#[wasm_bindgen_test]
fn unified_diff_and_transform_misuse() {
    let diff =
        wasm::unified_diff("a.yaml".into(), "x: 1\n".into(), "x: 2\n".into()).expect("unifiedDiff");
    assert_eq!(
        diff,
        "--- a/a.yaml\n+++ b/a.yaml\n@@ -1 +1 @@\n-x: 1\n+x: 2\n"
    );
    assert_eq!(
        wasm::unified_diff("a".into(), "same".into(), "same".into()).as_deref(),
        Ok("")
    );
    let invalid = "EXTSVC_INVALID_ARGUMENT";
    let none = JsValue::UNDEFINED;
    assert_eq!(
        error_code(wasm::fix(JsValue::from_f64(1.0), none.clone())),
        invalid
    );
    assert_eq!(
        error_code(wasm::migrate(JsValue::NULL, none.clone())),
        invalid
    );
    let typo = object(&[("unsafeFix", JsValue::TRUE)]);
    let msg = message(wasm::fix(JsValue::from_str(""), typo));
    assert!(msg.contains("unknown field `unsafeFix`"), "{msg}");
    let old = object(&[("kubeVersion", JsValue::from_str("1.20"))]);
    assert_eq!(
        error_code(wasm::migrate(JsValue::from_str(""), old)),
        invalid
    );
    assert_eq!(
        error_code(
            wasm::unified_diff(JsValue::from_f64(1.0), "".into(), "".into()).map(JsValue::from)
        ),
        invalid
    );
}
