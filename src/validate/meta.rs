//! `ValidateObjectMeta` for the three kinds: name / generateName / namespace grammars,
//! label and annotation keys and values. The name grammar differs per kind (Service:
//! DNS-1035 label; Endpoints and EndpointSlice: DNS-1123 subdomain).

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::{msg, names, Finding};
use crate::field_path::At;

/// Which name grammar a kind uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NameRule {
    /// `NameIsDNS1035Label` (Service).
    Dns1035Label,
    /// `NameIsDNSSubdomain` (Endpoints, EndpointSlice).
    Dns1123Subdomain,
}

impl NameRule {
    fn check(self, name: &str) -> Vec<String> {
        match self {
            NameRule::Dns1035Label => names::dns1035_label(name),
            NameRule::Dns1123Subdomain => names::dns1123_subdomain(name),
        }
    }
}

/// The codes one kind reports its metadata findings under.
#[derive(Clone, Copy, Debug)]
pub(crate) struct MetaCodes {
    /// Neither `name` nor `generateName`.
    pub name_required: &'static str,
    /// `name` fails the grammar.
    pub name_invalid: &'static str,
    /// `generateName` fails the grammar (trailing dash masked).
    pub generate_name_invalid: &'static str,
    /// `namespace` is not a DNS-1123 label.
    pub namespace_invalid: &'static str,
}

/// Label and annotation findings (same codes for every kind).
pub(crate) const LABELS_INVALID: &str = "META-LABELS-INVALID";
/// See [`LABELS_INVALID`].
pub(crate) const ANNOTATIONS_INVALID: &str = "META-ANNOTATIONS-INVALID";

/// `TotalAnnotationSizeLimitB`: keys and values of all annotations together, in bytes
/// (apimachinery `ValidateAnnotationsSize`).
pub(crate) const ANNOTATIONS_MAX_BYTES: usize = 256 * 1024;

/// The API server's `Too long` detail for annotations over [`ANNOTATIONS_MAX_BYTES`].
pub(crate) fn annotations_too_long() -> String {
    format!("Too long: may not be more than {ANNOTATIONS_MAX_BYTES} bytes")
}

/// Runs `ValidateObjectMeta` on `meta`.
pub(crate) fn check(meta: &ObjectMeta, rule: NameRule, codes: &MetaCodes, out: &mut Vec<Finding>) {
    let path = At::fields("metadata");
    let generate_name = meta.generate_name.as_deref().unwrap_or("");
    if !generate_name.is_empty() {
        let errs = rule.check(&names::mask_trailing_dash(generate_name));
        if !errs.is_empty() {
            out.push(Finding::at(
                codes.generate_name_invalid,
                path.field("generateName"),
                msg::invalid_str(generate_name, &errs),
            ));
        }
    }
    match meta.name.as_deref() {
        None | Some("") if generate_name.is_empty() => out.push(Finding::at(
            codes.name_required,
            path.field("name"),
            msg::required("name or generateName is required"),
        )),
        // The server generates the name from generateName before validation.
        None | Some("") => {}
        Some(name) => {
            let errs = rule.check(name);
            if !errs.is_empty() {
                out.push(Finding::at(
                    codes.name_invalid,
                    path.field("name"),
                    msg::invalid_str(name, &errs),
                ));
            }
        }
    }
    // An omitted or empty namespace is filled in from the request context.
    if let Some(ns) = meta.namespace.as_deref().filter(|ns| !ns.is_empty()) {
        let errs = names::dns1123_label(ns);
        if !errs.is_empty() {
            out.push(Finding::at(
                codes.namespace_invalid,
                path.field("namespace"),
                msg::invalid_str(ns, &errs),
            ));
        }
    }
    if let Some(labels) = &meta.labels {
        check_labels(labels, &path.field("labels"), LABELS_INVALID, out);
    }
    if let Some(annotations) = &meta.annotations {
        let mut total = 0usize;
        for (key, value) in annotations {
            total = total.saturating_add(key.len()).saturating_add(value.len());
            // ValidateAnnotations checks the lower-cased key and reports the original.
            let errs = if key.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
                names::qualified_name(key)
            } else {
                names::qualified_name(&go_to_lower(key))
            };
            if !errs.is_empty() {
                out.push(Finding::at(
                    ANNOTATIONS_INVALID,
                    path.field("annotations").entry_key(key),
                    msg::invalid_str(key, &errs),
                ));
            }
        }
        // `ValidateAnnotations` then `field.TooLong(metadata.annotations)` on the total.
        if total > ANNOTATIONS_MAX_BYTES {
            out.push(Finding::at(
                ANNOTATIONS_INVALID,
                path.field("annotations"),
                annotations_too_long(),
            ));
        }
    }
}

/// `ValidateLabels`: every key must be a qualified name and every value a label value.
/// Upstream reports both at the map's own path (not `[key]`); the finding is placed on the
/// entry's key or value.
pub(crate) fn check_labels(
    labels: &BTreeMap<String, String>,
    path: &At<'_>,
    code: &'static str,
    out: &mut Vec<Finding>,
) {
    for (key, value) in labels {
        let errs = names::qualified_name(key);
        if !errs.is_empty() {
            out.push(Finding::at(
                code,
                path.entry_key(key),
                msg::invalid_str(key, &errs),
            ));
        }
        let errs = names::label_value(value);
        if !errs.is_empty() {
            let at = path.entry_value(key);
            out.push(Finding::at(code, at, msg::invalid_str(value, &errs)));
        }
    }
}

/// Go's `strings.ToLower` as far as `ValidateAnnotations` can tell: ASCII letters, and the
/// two characters whose lower case is ASCII (`İ` → `i`, the Kelvin sign → `k`), so a key
/// valid after Go lower-cases it is valid here too. Other non-ASCII characters stay as
/// they are: they make the key invalid either way; only a length message can differ,
/// where lower-casing changes a character's UTF-8 length. (`str::to_lowercase` would link
/// Unicode's case tables, about 8 KB of the gzipped wasm, for that message.)
fn go_to_lower(key: &str) -> String {
    key.chars()
        .map(|c| match c {
            '\u{130}' => 'i',
            '\u{212a}' => 'k',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODES: MetaCodes = MetaCodes {
        name_required: "N-REQ",
        name_invalid: "N-INV",
        generate_name_invalid: "G-INV",
        namespace_invalid: "NS-INV",
    };

    fn run(meta: serde_json::Value, rule: NameRule) -> Vec<(String, String)> {
        let meta: ObjectMeta = serde_json::from_value(meta).unwrap_or_default();
        let mut out = Vec::new();
        check(&meta, rule, &CODES, &mut out);
        out.into_iter()
            .map(|f| (f.code.to_string(), f.path.to_string()))
            .collect()
    }

    fn pair(code: &str, path: &str) -> Vec<(String, String)> {
        vec![(code.to_string(), path.to_string())]
    }

    #[test]
    fn names_per_grammar() {
        let dns1035 = NameRule::Dns1035Label;
        let sub = NameRule::Dns1123Subdomain;
        assert_eq!(
            run(serde_json::json!({}), dns1035),
            pair("N-REQ", "metadata.name")
        );
        assert!(run(serde_json::json!({"generateName": "svc-"}), dns1035).is_empty());
        assert_eq!(
            run(serde_json::json!({"generateName": "1svc-"}), dns1035),
            pair("G-INV", "metadata.generateName")
        );
        assert_eq!(
            run(serde_json::json!({"name": "1mysql"}), dns1035),
            pair("N-INV", "metadata.name")
        );
        assert!(run(serde_json::json!({"name": "1mysql.db"}), sub).is_empty());
        assert_eq!(
            run(serde_json::json!({"name": "My"}), sub),
            pair("N-INV", "metadata.name")
        );
        assert_eq!(
            run(serde_json::json!({"name": "a", "namespace": "a.b"}), sub),
            pair("NS-INV", "metadata.namespace")
        );
        assert_eq!(
            run(
                serde_json::json!({"name": "a", "labels": {"a/b/c": "x"}}),
                sub
            ),
            pair(LABELS_INVALID, "metadata.labels")
        );
        assert_eq!(
            run(serde_json::json!({"name": "a", "labels": {"a": "-x"}}), sub),
            pair(LABELS_INVALID, "metadata.labels")
        );
        assert!(run(
            serde_json::json!({"name": "a", "annotations": {"Example.com/Key": "x"}}),
            sub
        )
        .is_empty());
        assert_eq!(
            run(
                serde_json::json!({"name": "a", "annotations": {"-bad": "x"}}),
                sub
            ),
            pair(ANNOTATIONS_INVALID, "metadata.annotations")
        );
    }

    /// ValidateAnnotations lower-cases with Go's `strings.ToLower`, whose simple case
    /// mapping takes the Kelvin sign to `k` and `İ` to `i`: such keys are valid there.
    #[test]
    fn annotation_keys_are_lower_cased_as_go_does() {
        let sub = NameRule::Dns1123Subdomain;
        for key in ["\u{212a}ey", "example.com/\u{130}d", "EXAMPLE.com/Key"] {
            let meta = serde_json::json!({"name": "a", "annotations": {key: "x"}});
            assert!(run(meta, sub).is_empty(), "{key}");
        }
        for key in ["\u{e9}t\u{e9}", "example.com/\u{c4}"] {
            let meta = serde_json::json!({"name": "a", "annotations": {key: "x"}});
            assert_eq!(
                run(meta, sub),
                pair(ANNOTATIONS_INVALID, "metadata.annotations"),
                "{key}"
            );
        }
    }
}
