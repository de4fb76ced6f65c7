//! Which findings a run reports: `select` and `ignore` (from `--select`/`--ignore`, the
//! config file or the JS options).
//!
//! A selector is a rule code (`EP-NAME-MATCH`) or rule name (`ep-name-match`) — the two
//! differ only in case, so matching is case-insensitive — or a prefix ending in `-`
//! (`EP-`, `ep-ip-`) that stands for every code starting with it. A finding is reported when
//! `select` is empty or one of its selectors matches, and no `ignore` selector matches:
//! `ignore` wins. A selector that matches no rule is an option error naming it, so a typo
//! never silently selects nothing.

use crate::validate::all_rules;

/// The compiled `select` / `ignore` lists of one run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Upper-cased selectors; empty means every rule.
    select: Vec<String>,
    /// Upper-cased selectors.
    ignore: Vec<String>,
}

impl Selection {
    /// Checks both lists against the rule registry. The error names every unknown selector:
    /// `unknown rule code or prefix in ignore: "EP-NAME", "FOO-" (see 'extsvc rules')`.
    pub fn new(select: &[String], ignore: &[String]) -> Result<Self, String> {
        let mut problems = Vec::new();
        let select = compile("select", select, &mut problems);
        let ignore = compile("ignore", ignore, &mut problems);
        if problems.is_empty() {
            Ok(Selection { select, ignore })
        } else {
            Err(format!("{} (see 'extsvc rules')", problems.join("; ")))
        }
    }

    /// Whether findings with `code` are reported.
    pub fn keeps(&self, code: &str) -> bool {
        (self.select.is_empty() || self.select.iter().any(|s| matches(s, code)))
            && !self.ignore.iter().any(|s| matches(s, code))
    }
}

/// Whether `selector` (upper case) matches `code`.
fn matches(selector: &str, code: &str) -> bool {
    if selector.ends_with('-') {
        code.len() > selector.len()
            && code
                .get(..selector.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(selector))
    } else {
        code.eq_ignore_ascii_case(selector)
    }
}

/// Whether `selector` names a rule or a prefix of at least one rule's code.
pub fn is_known(selector: &str) -> bool {
    let upper = selector.trim().to_ascii_uppercase();
    !upper.is_empty() && all_rules().iter().any(|r| matches(&upper, r.code))
}

fn compile(what: &str, selectors: &[String], problems: &mut Vec<String>) -> Vec<String> {
    let unknown: Vec<String> = selectors
        .iter()
        .filter(|s| !is_known(s))
        .map(|s| crate::validate::msg::quote(s))
        .collect();
    if !unknown.is_empty() {
        problems.push(format!(
            "unknown rule code or prefix in {what}: {}",
            unknown.join(", ")
        ));
    }
    selectors
        .iter()
        .map(|s| s.trim().to_ascii_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sel(select: &[&str], ignore: &[&str]) -> Selection {
        let v = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        Selection::new(&v(select), &v(ignore)).expect("known selectors")
    }

    #[test]
    fn keeps_by_code_name_and_prefix() {
        let cases: &[(&[&str], &[&str], &str, bool)] = &[
            (&[], &[], "EP-NAME-MATCH", true),
            (&["EP-NAME-MATCH"], &[], "EP-NAME-MATCH", true),
            (&["ep-name-match"], &[], "EP-NAME-MATCH", true),
            (&["ep-name-match"], &[], "EP-DEPRECATED", false),
            (&["EP-"], &[], "EP-DEPRECATED", true),
            (&["EP-"], &[], "ES-NAME-DNS1123", false),
            (&["EP-"], &["ep-deprecated"], "EP-DEPRECATED", false),
            (&[], &["EP-"], "EP-NAME-MATCH", false),
            (&[], &["EP-"], "SVC-NAME-DNS1035", true),
            (
                &["EP-DEPRECATED"],
                &["EP-DEPRECATED"],
                "EP-DEPRECATED",
                false,
            ),
            (&[" EP-DEPRECATED "], &[], "EP-DEPRECATED", true),
        ];
        for (select, ignore, code, want) in cases {
            assert_eq!(
                sel(select, ignore).keeps(code),
                *want,
                "{select:?} {ignore:?} {code}"
            );
        }
    }

    #[test]
    fn a_prefix_is_not_a_code() {
        // `EP` without the dash is neither a code nor a prefix.
        assert!(!is_known("EP"));
        assert!(is_known("EP-"));
        assert!(!is_known(""));
        assert!(!is_known("-"));
        assert!(!matches("EP-NAME-MATCH-", "EP-NAME-MATCH"));
    }

    #[test]
    fn unknown_selectors_are_named() {
        let v = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            Selection::new(&v(&["EP-NAME", "EP-"]), &v(&["FOO-", "yaml-syntax"])),
            Err("unknown rule code or prefix in select: \"EP-NAME\"; \
                 unknown rule code or prefix in ignore: \"FOO-\" (see 'extsvc rules')"
                .to_string())
        );
    }
}
