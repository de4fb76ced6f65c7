//! The fast YAML reader against the full one on arbitrary text: wherever the fast reader
//! does not give up, both build the same documents (values, keys, spans). See
//! tests/yaml_fast.rs for the same comparison on fixtures and generated near-YAML.
#![no_main]

use extsvc::yaml::{documents_with, Limits, Readers};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let read = |readers| -> Vec<String> {
        documents_with(&text, &Limits::default(), readers)
            .map(|d| format!("{d:?}"))
            .collect()
    };
    assert_eq!(
        read(Readers::Both),
        read(Readers::Full),
        "the readers disagree"
    );
});
