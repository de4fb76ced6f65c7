//! Every rule as data. Feeds `rules()`, the SARIF rule list, the README rule table,
//! `--select/--ignore` and the severity/category of every finding.
//!
//! Codes are the ids of the rule catalogue (`shared/spec/k8s-rules.md`) and are never
//! reused; input-level codes (`YAML-*`, `API-VERSION`, `SKIPPED-KIND`) are extsvc's own.

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::diagnostic::{Category, Severity};

use super::docs;

/// One rule. Serialized with its [`Rule::name`] after the code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    /// Stable code, e.g. `EP-NAME-MATCH`.
    pub code: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// rejected | broken | advice.
    pub category: Category,
    /// One line: what the rule checks.
    pub summary: &'static str,
    /// What the rule detects.
    pub what: &'static str,
    /// Why it matters (what the cluster does).
    pub why: &'static str,
    /// A minimal YAML example that triggers it.
    pub example: &'static str,
    /// How to fix it.
    pub fix: &'static str,
    /// Where the behaviour comes from in the Kubernetes source.
    pub source: &'static str,
}

impl Rule {
    /// Kebab-case name: the code in lower case, e.g. `ep-name-match`. Computed, not stored:
    /// 157 stored names were 1.3 KB of the gzipped wasm (issue 7).
    pub fn name(&self) -> String {
        self.code.to_ascii_lowercase()
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Rule", 10)?;
        s.serialize_field("code", self.code)?;
        s.serialize_field("name", &self.name())?;
        s.serialize_field("severity", &self.severity)?;
        s.serialize_field("category", &self.category)?;
        s.serialize_field("summary", self.summary)?;
        s.serialize_field("what", self.what)?;
        s.serialize_field("why", self.why)?;
        s.serialize_field("example", self.example)?;
        s.serialize_field("fix", self.fix)?;
        s.serialize_field("source", self.source)?;
        s.end()
    }
}

use Category::{Advice, Rejected};
use Severity::{Error, Info};

/// Input-level rules (YAML reading, decoding, skipped documents).
pub(crate) static INPUT_RULES: &[Rule] = &[
    Rule {
        code: "YAML-SYNTAX",
        severity: Error,
        category: Rejected,
        summary: "The document is not well-formed YAML.",
        what: "A YAML syntax error (bad indentation, a tab used for indentation, an unclosed quote or flow collection).",
        why: "kubectl cannot decode the document, so nothing in it is applied.",
        example: "metadata:\n  name: [mysql-svc\n",
        fix: "Correct the YAML at the reported position.",
        source: "k8s.io/apimachinery/pkg/util/yaml (YAMLReader), sigs.k8s.io/yaml",
    },
    Rule {
        code: "YAML-DUPLICATE-KEY",
        severity: Error,
        category: Rejected,
        summary: "A mapping has the same key twice.",
        what: "Two entries with the same key in one mapping.",
        why: "kubectl's strict decoding refuses duplicate fields (`json: duplicate field`); lenient readers silently keep the last one, so what you read is not what is applied.",
        example: "metadata:\n  name: a\n  name: b\n",
        fix: "Keep one of the entries.",
        source: "sigs.k8s.io/yaml strict decoding (UnmarshalStrict)",
    },
    Rule {
        code: "YAML-TYPE",
        severity: Error,
        category: Rejected,
        summary: "A field has a value of the wrong type.",
        what: "A value whose JSON type does not match the API type (a string where an integer is expected, a boolean where a string is expected, ...).",
        why: "The API server cannot decode the object (`cannot unmarshal string into Go struct field`). YAML 1.1 reads `yes`, `no`, `on`, `off` as booleans, so `name: on` is a boolean.",
        example: "ports:\n  - port: \"abc\"\n",
        fix: "Use the expected type; quote strings that YAML 1.1 would read as booleans or numbers.",
        source: "sigs.k8s.io/yaml YAMLToJSON, encoding/json",
    },
    Rule {
        code: "YAML-UNKNOWN-FIELD",
        severity: Error,
        category: Rejected,
        summary: "A field the object's type does not have.",
        what: "A key that is not a field of its API type at that place: a misspelling, a wrong case (`targetport`, `clusterIp`), or a field indented under the wrong parent.",
        why: "kubectl validates strictly by default (`--validate=strict`), so the API server refuses the object: `strict decoding error: unknown field \"spec.ports[0].targetport\"`. Without strict validation the field is silently dropped, and with it what it said.",
        example: "spec:\n  ports:\n    - port: 3306\n      targetport: 3306\n",
        fix: "Correct the spelling or the indentation; field names are case-sensitive.",
        source: "apimachinery runtime/serializer/json (sigs.k8s.io/json UnmarshalStrict, DisallowUnknownFields); kubectl AddValidateFlags (default strict)",
    },
    Rule {
        code: "YAML-LIMIT",
        severity: Error,
        category: Rejected,
        summary: "The input exceeds a safety limit.",
        what: "Alias expansion, nesting depth, nodes (flow entries too), document count, scalar length, total size or findings (100,000 per run) beyond extsvc's limits.",
        why: "Such input is hostile or broken (a billion-laughs alias bomb); the API server also bounds request sizes.",
        example: "a: &a [x, x]\nb: &b [*a, *a]\n# ... repeated",
        fix: "Remove aliases, split the input, or fix the most frequent findings.",
        source: "extsvc limits; the API server's request size limit",
    },
    Rule {
        code: "YAML-UNSUPPORTED",
        severity: Error,
        category: Rejected,
        summary: "A YAML construct Kubernetes cannot decode.",
        what: "A complex mapping key, an unknown alias, or a number JSON cannot represent (NaN, infinity).",
        why: "Kubernetes converts YAML to JSON before decoding; these have no JSON form.",
        example: "? [a, b]\n: c\n",
        fix: "Use plain string keys and finite numbers.",
        source: "sigs.k8s.io/yaml YAMLToJSON",
    },
    Rule {
        code: "API-VERSION",
        severity: Error,
        category: Rejected,
        summary: "The apiVersion and kind name no type the API server serves.",
        what: "A Service or Endpoints that is not `v1`, an EndpointSlice that is not `discovery.k8s.io/v1` (v1beta1 was removed in 1.25), one of them without `apiVersion`, or a `kind` in `v1` or `discovery.k8s.io` that misspells one of them (`service`, `Endpoint`).",
        why: "kubectl answers `no matches for kind ... in version ...` (or `apiVersion not set`) and applies nothing.",
        example: "apiVersion: v1\nkind: Endpoint\n",
        fix: "Use `v1` for Service and Endpoints, `discovery.k8s.io/v1` for EndpointSlice, and spell the kind exactly.",
        source: "API discovery (kind names are case-sensitive); kubectl validation `apiVersion not set`; discovery.k8s.io/v1beta1 removed in 1.25",
    },
    Rule {
        code: "SKIPPED-KIND",
        severity: Info,
        category: Advice,
        summary: "Documents of other kinds were skipped.",
        what: "Kubernetes objects that are not Service, Endpoints or EndpointSlice.",
        why: "extsvc checks only the objects that expose external backends; the rest is not looked at.",
        example: "kind: Deployment\n",
        fix: "Nothing to fix.",
        source: "extsvc",
    },
];

/// Every rule, ordered by family: input, Service, Endpoints, EndpointSlice, cross-object,
/// generator input, inline suppressions.
pub fn all() -> &'static [Rule] {
    static ALL: std::sync::OnceLock<Vec<Rule>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        [
            INPUT_RULES,
            docs::SERVICE,
            docs::ENDPOINTS,
            docs::ENDPOINT_SLICE,
            docs::CROSS,
            docs::SPEC,
            docs::POLICY,
        ]
        .concat()
    })
}

/// The rule with `code`, if there is one.
pub fn rule(code: &str) -> Option<&'static Rule> {
    all().iter().find(|r| r.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_serialize_with_their_name_after_the_code() {
        let r = all()
            .iter()
            .find(|r| r.code == "EP-NAME-MATCH")
            .expect("registered");
        let json = serde_json::to_string(r).unwrap();
        assert!(
            json.starts_with(r#"{"code":"EP-NAME-MATCH","name":"ep-name-match","severity":"#),
            "{json}"
        );
        let keys: Vec<String> = match serde_json::to_value(r).unwrap() {
            serde_json::Value::Object(map) => map.keys().cloned().collect(),
            _ => Vec::new(),
        };
        assert_eq!(keys.len(), 10, "{keys:?}");
    }

    #[test]
    fn codes_are_unique_and_documented() {
        let mut codes = std::collections::BTreeSet::new();
        for r in all() {
            assert!(codes.insert(r.code), "duplicate code {}", r.code);
            assert!(
                !r.what.is_empty() && !r.why.is_empty() && !r.fix.is_empty(),
                "{}",
                r.code
            );
        }
    }
}
