//! Inline suppressions, the kube-linter convention: an annotation on the object
//!
//! ```yaml
//! metadata:
//!   annotations:
//!     ignore-check.extsvc.io/ep-deprecated: "cluster still runs 1.20"
//! ```
//!
//! drops the findings of that rule (code or name, any case) reported on that object,
//! including cross-object findings placed on it. The value is the reason and is required:
//! an empty one is a `SUPPRESSION-NO-REASON` warning (the suppression still applies, so a
//! missing reason never turns a reviewed exception back into a failure), and a rule that does
//! not exist is a `SUPPRESSION-UNKNOWN-RULE` warning. Those two cannot themselves be
//! suppressed by annotation (use `ignore`).
//!
//! Only objects that carry such an annotation are remembered, keyed by input, document and
//! object, so memory stays proportional to the suppressions, not to the input.

use std::collections::BTreeMap;

use crate::hash::HashMap;

use crate::diagnostic::{Diagnostic, ObjectRef};
use crate::field_path::FieldPath;
use crate::validate::{rule, Finding};

/// The annotation prefix; the rest of the key is the rule code or name.
pub const PREFIX: &str = "ignore-check.extsvc.io/";

/// Codes of the findings about suppressions themselves, which annotations cannot suppress.
const OWN_PREFIX: &str = "SUPPRESSION-";

/// (input name, document index, kind, namespace, name): one object of one run.
type Key = (String, usize, String, Option<String>, Option<String>);

fn key(file: &str, object: &ObjectRef) -> Key {
    (
        file.to_string(),
        object.index,
        object.kind.clone(),
        object.namespace.clone(),
        object.name.clone(),
    )
}

/// The suppressions of one run.
#[derive(Debug, Default)]
pub struct Suppressions {
    by_object: HashMap<Key, Vec<&'static str>>,
}

impl Suppressions {
    /// Remembers the suppression annotations of `object` in input `file` and returns
    /// findings about malformed ones (no reason, unknown rule), at the annotation's path.
    pub fn add(
        &mut self,
        file: &str,
        object: &ObjectRef,
        annotations: Option<&BTreeMap<String, String>>,
    ) -> Vec<Finding> {
        let mut findings = Vec::new();
        let mut codes = Vec::new();
        for (annotation, reason) in annotations.into_iter().flatten() {
            let Some(target) = annotation.strip_prefix(PREFIX) else {
                continue;
            };
            let path = FieldPath::fields("metadata.annotations").key(annotation.as_str());
            match rule(&target.to_ascii_uppercase()) {
                Some(r) => {
                    codes.push(r.code);
                    if reason.trim().is_empty() {
                        findings.push(Finding::new(
                            "SUPPRESSION-NO-REASON",
                            path,
                            format!("suppression of {} gives no reason", r.code),
                        ));
                    }
                }
                None => findings.push(Finding::new(
                    "SUPPRESSION-UNKNOWN-RULE",
                    path,
                    format!(
                        "suppression names no known rule: {}",
                        crate::validate::msg::quote(target)
                    ),
                )),
            }
        }
        if !codes.is_empty() {
            self.by_object
                .entry(key(file, object))
                .or_default()
                .extend(codes);
        }
        findings
    }

    /// Whether `d` is suppressed by an annotation on its object.
    pub fn covers(&self, d: &Diagnostic) -> bool {
        if self.by_object.is_empty() || d.code.starts_with(OWN_PREFIX) {
            return false;
        }
        let (Some(file), Some(object)) = (&d.file, &d.object) else {
            return false;
        };
        self.by_object
            .get(&key(file, object))
            .is_some_and(|codes| codes.contains(&d.code.as_str()))
    }

    /// Drops the suppressed diagnostics and returns how many there were.
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>) -> usize {
        let before = diagnostics.len();
        diagnostics.retain(|d| !self.covers(d));
        before - diagnostics.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(name: &str) -> ObjectRef {
        ObjectRef {
            kind: "Endpoints".to_string(),
            namespace: None,
            name: Some(name.to_string()),
            index: 1,
        }
    }

    fn diag(code: &str, file: &str, object: ObjectRef) -> Diagnostic {
        Diagnostic {
            code: code.to_string(),
            rule: code.to_ascii_lowercase(),
            severity: crate::Severity::Error,
            category: crate::Category::Broken,
            message: String::new(),
            object: Some(object),
            path: None,
            location: None,
            help: None,
            file: Some(file.to_string()),
        }
    }

    fn annotations(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn suppresses_by_code_or_name_on_that_object_only() {
        let mut s = Suppressions::default();
        let a = annotations(&[
            ("ignore-check.extsvc.io/ep-name-match", "legacy name"),
            ("ignore-check.extsvc.io/EP-DEPRECATED", "1.20 cluster"),
            ("other.io/ep-port-missing", ""),
        ]);
        assert_eq!(s.add("a.yaml", &object("db"), Some(&a)), vec![]);
        let cases = [
            (diag("EP-NAME-MATCH", "a.yaml", object("db")), true),
            (diag("EP-DEPRECATED", "a.yaml", object("db")), true),
            (diag("EP-PORT-MISSING", "a.yaml", object("db")), false),
            (diag("EP-NAME-MATCH", "b.yaml", object("db")), false),
            (diag("EP-NAME-MATCH", "a.yaml", object("web")), false),
        ];
        for (d, want) in &cases {
            assert_eq!(s.covers(d), *want, "{} {:?} {:?}", d.code, d.file, d.object);
        }
        let mut all: Vec<Diagnostic> = cases.into_iter().map(|(d, _)| d).collect();
        assert_eq!(s.apply(&mut all), 2);
        assert_eq!(all.len(), 3);
    }

    #[test]
    fn empty_reason_and_unknown_rule_are_findings() {
        let mut s = Suppressions::default();
        let a = annotations(&[
            ("ignore-check.extsvc.io/ep-deprecated", "  "),
            ("ignore-check.extsvc.io/ep-deprecate", "typo"),
        ]);
        let found: Vec<(&str, String, String)> = s
            .add("a.yaml", &object("db"), Some(&a))
            .into_iter()
            .map(|f| (f.code, f.path.to_string(), f.message))
            .collect();
        assert_eq!(
            found,
            vec![
                (
                    "SUPPRESSION-UNKNOWN-RULE",
                    "metadata.annotations[ignore-check.extsvc.io/ep-deprecate]".to_string(),
                    "suppression names no known rule: \"ep-deprecate\"".to_string()
                ),
                (
                    "SUPPRESSION-NO-REASON",
                    "metadata.annotations[ignore-check.extsvc.io/ep-deprecated]".to_string(),
                    "suppression of EP-DEPRECATED gives no reason".to_string()
                ),
            ]
        );
        // Still applies without a reason; never to its own findings.
        assert!(s.covers(&diag("EP-DEPRECATED", "a.yaml", object("db"))));
        let mut own = diag("SUPPRESSION-NO-REASON", "a.yaml", object("db"));
        assert!(!s.covers(&own));
        own.code = "SUPPRESSION-UNKNOWN-RULE".to_string();
        assert!(!s.covers(&own));
    }
}
