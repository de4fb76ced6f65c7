//! Name grammars of `k8s.io/apimachinery/pkg/util/validation` (`IsDNS1035Label`,
//! `IsDNS1123Label`, `IsDNS1123Subdomain`, `IsQualifiedName`, `IsValidLabelValue`,
//! `IsValidPortName`, `IsValidPortNum`, `IsFullyQualifiedDomainName`), returning the exact
//! upstream detail strings. Each function returns every detail the upstream one returns
//! (empty = valid). Lengths are counted in bytes, as Go's `len` does.

use std::borrow::Cow;

const DNS1035_LABEL_FMT: &str = "[a-z]([-a-z0-9]*[a-z0-9])?";
const DNS1035_LABEL_MSG: &str = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const DNS1123_LABEL_FMT: &str = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_LABEL_MSG: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_FMT: &str =
    "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
const DNS1123_SUBDOMAIN_MSG: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const QUALIFIED_NAME_FMT: &str = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const QUALIFIED_NAME_MSG: &str = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT: &str = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";
const LABEL_VALUE_MSG: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/// Maximum length of a DNS-1035 or DNS-1123 label.
pub(crate) const LABEL_MAX: usize = 63;
/// Maximum length of a DNS-1123 subdomain.
pub(crate) const SUBDOMAIN_MAX: usize = 253;

/// `MaxLenError`.
fn max_len(n: usize) -> String {
    format!("must be no more than {n} characters")
}

/// `RegexError`: note the upstream double space after the first example's comma.
fn regex_error(msg: &str, fmt: &str, examples: &[&str]) -> String {
    if examples.is_empty() {
        return format!("{msg} (regex used for validation is '{fmt}')");
    }
    let mut out = format!("{msg} (e.g. ");
    for (i, e) in examples.iter().enumerate() {
        if i > 0 {
            out.push_str(" or ");
        }
        out.push('\'');
        out.push_str(e);
        out.push_str("', ");
    }
    out.push_str(&format!("regex used for validation is '{fmt}')"));
    out
}

fn lower_alnum(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

/// Matches `[a-z0-9]([-a-z0-9]*[a-z0-9])?` exactly.
fn matches_dns1123_label(v: &str) -> bool {
    let b = v.as_bytes();
    match (b.first(), b.last()) {
        (Some(&f), Some(&l)) => {
            lower_alnum(f) && lower_alnum(l) && b.iter().all(|&c| lower_alnum(c) || c == b'-')
        }
        _ => false,
    }
}

/// Matches the DNS-1123 subdomain regex exactly (labels of any length, joined by dots).
/// One pass over the bytes: every label starts and ends with `[a-z0-9]`.
fn matches_dns1123_subdomain(v: &str) -> bool {
    // The byte before the current one; a dot "before" the start opens the first label.
    let mut prev = b'.';
    for &c in v.as_bytes() {
        let ok = match c {
            b'.' => lower_alnum(prev),
            b'-' => prev != b'.',
            c => lower_alnum(c),
        };
        if !ok {
            return false;
        }
        prev = c;
    }
    lower_alnum(prev)
}

/// Matches `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]` exactly.
fn matches_qualified_name(v: &str) -> bool {
    let b = v.as_bytes();
    match (b.first(), b.last()) {
        (Some(&f), Some(&l)) => {
            f.is_ascii_alphanumeric()
                && l.is_ascii_alphanumeric()
                && b.iter()
                    .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
        }
        _ => false,
    }
}

/// `IsDNS1035Label`: Service names.
pub(crate) fn dns1035_label(v: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if v.len() > LABEL_MAX {
        errs.push(max_len(LABEL_MAX));
    }
    let b = v.as_bytes();
    let ok = b.first().is_some_and(u8::is_ascii_lowercase) && matches_dns1123_label(v);
    if !ok {
        errs.push(regex_error(
            DNS1035_LABEL_MSG,
            DNS1035_LABEL_FMT,
            &["my-name", "abc-123"],
        ));
    }
    errs
}

/// `IsDNS1123Label`: namespaces, port names, hostnames.
pub(crate) fn dns1123_label(v: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if v.len() > LABEL_MAX {
        errs.push(max_len(LABEL_MAX));
    }
    if !matches_dns1123_label(v) {
        if matches_dns1123_subdomain(v) {
            // A valid subdomain but not a label: since the length was checked, it has dots.
            errs.push("must not contain dots".to_string());
        } else {
            errs.push(regex_error(
                DNS1123_LABEL_MSG,
                DNS1123_LABEL_FMT,
                &["my-name", "123-abc"],
            ));
        }
    }
    errs
}

/// `IsDNS1123Subdomain`: Endpoints/EndpointSlice names, node names, `externalName`.
pub(crate) fn dns1123_subdomain(v: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if v.len() > SUBDOMAIN_MAX {
        errs.push(max_len(SUBDOMAIN_MAX));
    }
    if !matches_dns1123_subdomain(v) {
        errs.push(regex_error(
            DNS1123_SUBDOMAIN_MSG,
            DNS1123_SUBDOMAIN_FMT,
            &["example.com"],
        ));
    }
    errs
}

/// `maskTrailingDash`: how a `generateName` prefix is checked (upstream replaces the
/// last two characters with `a` when the prefix ends in `-`).
pub(crate) fn mask_trailing_dash(v: &str) -> Cow<'_, str> {
    if v.len() > 1 && v.ends_with('-') {
        let cut = v.len() - 2;
        match v.get(..cut) {
            Some(head) => Cow::Owned(format!("{head}a")),
            None => Cow::Borrowed(v),
        }
    } else {
        Cow::Borrowed(v)
    }
}

/// `IsQualifiedName`: label keys, annotation keys (lower-cased first), `appProtocol`.
pub(crate) fn qualified_name(v: &str) -> Vec<String> {
    let mut errs = Vec::new();
    let slash = v.bytes().position(|b| b == b'/');
    let name = match slash.map(|i| (&v[..i], &v[i + 1..])) {
        None => v,
        Some((prefix, name)) if !name.bytes().any(|b| b == b'/') => {
            if prefix.is_empty() {
                errs.push("prefix part must be non-empty".to_string());
            } else {
                for m in dns1123_subdomain(prefix) {
                    errs.push(format!("prefix part {m}"));
                }
            }
            name
        }
        Some(_) => {
            errs.push(format!(
                "a qualified name {} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
                regex_error(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, &["MyName", "my.name", "123-abc"])
            ));
            return errs;
        }
    };
    if name.is_empty() {
        errs.push("name part must be non-empty".to_string());
    } else if name.len() > LABEL_MAX {
        errs.push(format!("name part {}", max_len(LABEL_MAX)));
    }
    if !matches_qualified_name(name) {
        errs.push(format!(
            "name part {}",
            regex_error(
                QUALIFIED_NAME_MSG,
                QUALIFIED_NAME_FMT,
                &["MyName", "my.name", "123-abc"]
            )
        ));
    }
    errs
}

/// `IsValidLabelValue`.
pub(crate) fn label_value(v: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if v.len() > LABEL_MAX {
        errs.push(max_len(LABEL_MAX));
    }
    if !(v.is_empty() || matches_qualified_name(v)) {
        errs.push(regex_error(
            LABEL_VALUE_MSG,
            LABEL_VALUE_FMT,
            &["MyValue", "my_value", "12345"],
        ));
    }
    errs
}

/// `IsValidPortNum`.
pub(crate) fn port_num(port: i64) -> Vec<String> {
    if (1..=65535).contains(&port) {
        Vec::new()
    } else {
        vec!["must be between 1 and 65535, inclusive".to_string()]
    }
}

/// `IsValidPortName`: an IANA service name (a string `targetPort`). At most 15
/// characters, `[-a-z0-9]`, at least one letter, no `--`, no leading or trailing `-`.
pub(crate) fn port_name(v: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if v.len() > 15 {
        errs.push(max_len(15));
    }
    if v.is_empty()
        || !v
            .bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
    {
        errs.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)".into());
    }
    if !v.bytes().any(|c| c.is_ascii_lowercase()) {
        errs.push("must contain at least one letter (a-z)".into());
    }
    if crate::text::contains(v, "--") {
        errs.push("must not contain consecutive hyphens".into());
    }
    if v.starts_with('-') || v.ends_with('-') {
        errs.push("must not begin or end with a hyphen".into());
    }
    errs
}

/// `IsFullyQualifiedDomainName` (EndpointSlice FQDN addresses): `Err` carries the
/// offending value (upstream reports the trimmed name, or the bad label) and the
/// rendered field-error text.
pub(crate) fn fqdn(v: &str) -> Result<(), String> {
    use super::msg;
    if v.is_empty() {
        return Err(msg::required(""));
    }
    let name = v.strip_suffix('.').unwrap_or(v);
    let errs = dns1123_subdomain(name);
    if !errs.is_empty() {
        return Err(msg::invalid_str(name, &[errs.join(",")]));
    }
    if name.split('.').count() < 2 {
        return Err(msg::invalid_str(
            name,
            &["should be a domain with at least two segments separated by dots".into()],
        ));
    }
    for label in name.split('.') {
        let errs = dns1123_label(label);
        if !errs.is_empty() {
            return Err(msg::invalid_str(label, &[errs.join(",")]));
        }
    }
    Ok(())
}

/// Whether `v` is a valid Service name (DNS-1035 label; `RelaxedServiceNameValidation`
/// is off by default in every supported version).
pub(crate) fn is_service_name(v: &str) -> bool {
    dns1035_label(v).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dns1035_label_table() {
        for ok in ["a", "mysql-svc", "a1", &"a".repeat(63)] {
            assert!(dns1035_label(ok).is_empty(), "{ok}");
        }
        for bad in ["", "1mysql", "my_svc", "My", "a.b", "a-", "-a"] {
            assert_eq!(dns1035_label(bad).len(), 1, "{bad}");
        }
        assert_eq!(
            dns1035_label("1mysql"),
            vec!["a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')".to_string()]
        );
        assert_eq!(
            dns1035_label(&"a".repeat(64)),
            vec!["must be no more than 63 characters".to_string()]
        );
    }

    #[test]
    fn dns1123_label_and_subdomain_table() {
        for ok in ["a", "1a", "123", "my-name", &"a".repeat(63)] {
            assert!(dns1123_label(ok).is_empty(), "{ok}");
        }
        assert_eq!(
            dns1123_label("a.b"),
            vec!["must not contain dots".to_string()]
        );
        assert_eq!(dns1123_label("INVALID").len(), 1);
        assert_eq!(dns1123_label(&"a".repeat(64)).len(), 1);
        for ok in ["a", "1mysql", "a.b.c", "mysql-ep.db", &"a".repeat(253)] {
            assert!(dns1123_subdomain(ok).is_empty(), "{ok}");
        }
        for bad in [
            "",
            "-_Invliad^&Characters",
            "a..b",
            ".a",
            "a.",
            "A",
            "a_b",
            "*.a",
        ] {
            assert_eq!(dns1123_subdomain(bad).len(), 1, "{bad}");
        }
        assert_eq!(dns1123_subdomain(&"a".repeat(254)).len(), 1);
        assert!(dns1123_subdomain("-_Invliad^&Characters")[0]
            .ends_with("regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"));
    }

    #[test]
    fn qualified_name_and_label_value_table() {
        for ok in [
            "a",
            "kubernetes.io/service-name",
            "MyName",
            "my.name",
            "a_b",
            "k8s.io/h2c",
        ] {
            assert!(qualified_name(ok).is_empty(), "{ok}");
        }
        assert_eq!(qualified_name("~https").len(), 1);
        assert_eq!(qualified_name("--").len(), 1);
        assert_eq!(
            qualified_name("/a"),
            vec!["prefix part must be non-empty".to_string()]
        );
        assert_eq!(qualified_name("a/").len(), 2);
        assert_eq!(qualified_name("a/b/c").len(), 1);
        assert_eq!(qualified_name(&"a".repeat(64)).len(), 1);
        assert!(label_value("").is_empty());
        assert!(label_value("my_value").is_empty());
        assert_eq!(label_value("-a").len(), 1);
        assert_eq!(label_value(&"a".repeat(64)).len(), 1);
    }

    #[test]
    fn port_name_and_number_table() {
        for ok in ["http", "mysql", "a1", "h2c", "x-y", &"a".repeat(15)] {
            assert!(port_name(ok).is_empty(), "{ok}");
        }
        assert_eq!(port_name(&"a".repeat(16)).len(), 1);
        assert_eq!(port_name("123").len(), 1);
        assert_eq!(port_name("a--b").len(), 1);
        assert_eq!(port_name("-a").len(), 1);
        assert_eq!(port_name("HTTP").len(), 2);
        assert!(port_num(1).is_empty() && port_num(65535).is_empty());
        assert_eq!(port_num(0).len(), 1);
        assert_eq!(port_num(65536).len(), 1);
    }

    #[test]
    fn fqdn_and_masking() {
        assert!(fqdn("db.example.com").is_ok());
        assert!(fqdn("db.example.com.").is_ok());
        assert_eq!(fqdn(""), Err("Required value".to_string()));
        assert!(fqdn("localhost")
            .unwrap_err()
            .contains("at least two segments"));
        assert!(fqdn("*.example.com").is_err());
        assert!(fqdn("Db.example.com").is_err());
        assert!(fqdn(&format!("{}.com", "a".repeat(64))).is_err());
        assert_eq!(mask_trailing_dash("foo-"), "foa");
        assert_eq!(mask_trailing_dash("-"), "-");
        assert!(is_service_name("mysql-svc") && !is_service_name("mysql.svc"));
    }

    proptest::proptest! {
        /// The one-pass subdomain matcher agrees with its definition: labels joined by dots.
        #[test]
        fn subdomain_matcher_is_labels_joined_by_dots(s in "[a-z0-9.A-Z_-]{0,12}") {
            proptest::prop_assert_eq!(
                matches_dns1123_subdomain(&s),
                s.split('.').all(matches_dns1123_label)
            );
        }
    }
}
