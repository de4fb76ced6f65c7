//! Stable identities of findings for code-scanning services (SARIF `partialFingerprints`,
//! GitLab Code Quality `fingerprint`), so a finding keeps its alert across commits.
//!
//! A finding is identified by rule, file, object (kind, namespace, name) and field path —
//! not by line, so moving a manifest around in its file does not open a new alert, and not
//! by message, which quotes values. Findings with the same identity are numbered in report
//! order: `0123456789abcdef:1`, `…:2`.

use crate::hash::HashMap;

use crate::diagnostic::Diagnostic;

/// The fingerprint of each diagnostic, in order.
pub(super) fn fingerprints(diagnostics: &[Diagnostic]) -> Vec<String> {
    // Keyed by the hash's text: a map type the module already has (each costs WASM size).
    let mut seen: HashMap<String, usize> = HashMap::default();
    diagnostics
        .iter()
        .map(|d| {
            let hash = format!("{:016x}", identity(d));
            let n = seen.entry(hash.clone()).or_default();
            *n += 1;
            format!("{hash}:{n}")
        })
        .collect()
}

/// What makes a finding the same finding across commits: rule, file, object, field path.
fn identity(d: &Diagnostic) -> u64 {
    let object = d.object.as_ref();
    let parts = [
        d.code.as_str(),
        &d.file.as_deref().unwrap_or("").replace('\\', "/"),
        object.map_or("", |o| o.kind.as_str()),
        object.and_then(|o| o.namespace.as_deref()).unwrap_or(""),
        object.and_then(|o| o.name.as_deref()).unwrap_or(""),
        d.path.as_deref().unwrap_or(""),
    ];
    let mut hash = Fnv1a::default();
    for part in parts {
        hash.write(part.as_bytes());
        // A separator that cannot occur in the parts, so ("ab", "c") ≠ ("a", "bc").
        hash.write(&[0]);
    }
    hash.0
}

/// FNV-1a, 64 bits: small, stable across platforms and versions (unlike std's hasher).
struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv1a {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_reference_vectors() {
        // From the FNV reference test suite (draft-eastlake-fnv).
        for (input, want) in [
            ("", 0xcbf2_9ce4_8422_2325_u64),
            ("a", 0xaf63_dc4c_8601_ec8c),
            ("foobar", 0x8594_4171_f739_67e8),
        ] {
            let mut h = Fnv1a::default();
            h.write(input.as_bytes());
            assert_eq!(h.0, want, "{input:?}");
        }
    }

    #[test]
    fn same_identity_is_numbered() {
        let d = Diagnostic {
            code: "EP-NAME-MATCH".to_string(),
            rule: "ep-name-match".to_string(),
            severity: crate::Severity::Error,
            category: crate::Category::Broken,
            message: "m".to_string(),
            object: None,
            path: None,
            location: None,
            help: None,
            file: Some("a.yaml".to_string()),
        };
        let mut other = d.clone();
        other.file = Some("b.yaml".to_string());
        let fps = fingerprints(&[d.clone(), other, d]);
        assert!(fps[0].ends_with(":1") && fps[1].ends_with(":1") && fps[2].ends_with(":2"));
        assert_eq!(fps[0].split(':').next(), fps[2].split(':').next());
        assert_ne!(fps[0], fps[1]);
    }
}
