//! Generate from arbitrary JSON text: YAML or diagnostics (never both), never a panic; what
//! is generated validates without errors.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let result = extsvc::generate::generate_text(&text);
    assert!(
        result.yaml.is_none() || result.diagnostics.is_empty(),
        "YAML and diagnostics"
    );
    if let Some(yaml) = &result.yaml {
        let report = extsvc::validate_text("gen.yaml", yaml, &extsvc::ValidateOptions::default())
            .expect("default options are valid");
        assert_eq!(report.summary.errors, 0, "{yaml}\n{:?}", report.diagnostics);
    }
});
