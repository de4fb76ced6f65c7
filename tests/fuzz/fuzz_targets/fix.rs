//! Fix arbitrary text (unsafe fixes included): never a panic, never more errors than before,
//! idempotent.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let options = extsvc::transform::FixOptions {
        unsafe_fixes: true,
        ..Default::default()
    };
    let Ok(first) = extsvc::transform::fix(&text, &options) else {
        return;
    };
    let errors = |t: &str| {
        extsvc::validate_text("f.yaml", t, &extsvc::ValidateOptions::default())
            .map(|r| r.summary.errors)
            .unwrap_or(0)
    };
    assert!(errors(&first.output) <= errors(&text));
    let Ok(second) = extsvc::transform::fix(&first.output, &options) else {
        return;
    };
    assert_eq!(second.output, first.output, "fix is not idempotent");
});
