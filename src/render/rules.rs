//! The rule list (`extsvc rules`): an aligned table, or the registry as JSON.

use std::fmt::Write;

use crate::diagnostic::{Category, Severity};
use crate::validate::Rule;

/// `CODE  SEVERITY  CATEGORY  SUMMARY`, one rule a line, columns aligned.
pub(super) fn text(rules: &[Rule]) -> String {
    let width = rules.iter().map(|r| r.code.len()).max().unwrap_or(0).max(4);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:width$}  {:8}  {:8}  SUMMARY",
        "CODE", "SEVERITY", "CATEGORY"
    );
    for r in rules {
        let _ = writeln!(
            out,
            "{:width$}  {:8}  {:8}  {}",
            r.code,
            severity(r.severity),
            category(r.category),
            r.summary
        );
    }
    out
}

/// Every field of every rule, as a pretty JSON array.
pub(super) fn json(rules: &[Rule]) -> Result<String, String> {
    super::json::pretty(rules)
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn category(c: Category) -> &'static str {
    match c {
        Category::Rejected => "rejected",
        Category::Broken => "broken",
        Category::Advice => "advice",
    }
}
