//! Migrate arbitrary text: never a panic; input with YAML errors is returned unchanged, and
//! what migrate writes reads back as YAML (lone CR line breaks once broke that).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let options = extsvc::transform::MigrateOptions::default();
    if let Ok(result) = extsvc::transform::migrate(&text, &options) {
        if result.refused.is_some() {
            assert_eq!(result.output, text.as_ref());
        } else if !result.migrated.is_empty() {
            let unreadable = result
                .remaining
                .iter()
                .find(|d| matches!(d.code.as_str(), "YAML-SYNTAX" | "YAML-DUPLICATE-KEY"));
            assert!(unreadable.is_none(), "{unreadable:?}\n{}", result.output);
        }
    }
});
