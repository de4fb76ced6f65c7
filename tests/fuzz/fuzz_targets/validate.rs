//! Parse + validate arbitrary text: diagnostics, never a panic; every location is inside
//! the input and every code is registered.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let report = extsvc::validate_text("fuzz.yaml", &text, &extsvc::ValidateOptions::default())
        .expect("default options are valid");
    // Line breaks as YAML counts them: \n, \r\n and a lone \r.
    let lines = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .matches('\n')
        .count() as u32
        + 1;
    for d in &report.diagnostics {
        assert!(
            extsvc::rules().iter().any(|r| r.code == d.code),
            "unregistered {}",
            d.code
        );
        if let Some(l) = d.location {
            assert!(
                l.line >= 1 && l.line <= lines && l.end_line >= l.line,
                "{l:?}"
            );
        }
    }
});
