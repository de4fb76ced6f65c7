//! Rule data for the policy family: problems with inline suppressions
//! (`ignore-check.extsvc.io/<rule>` annotations, see `src/suppress.rs`).

use crate::diagnostic::{Category, Severity};
use crate::validate::registry::Rule;

use Category::Advice;
use Severity::Warning;

/// The policy rules.
pub(crate) static RULES: &[Rule] = &[
    Rule {
        code: "SUPPRESSION-NO-REASON",
        severity: Warning,
        category: Advice,
        summary: "An inline suppression gives no reason.",
        what: "An `ignore-check.extsvc.io/<rule>` annotation whose value (the reason) is empty or only whitespace. The suppression still applies.",
        why: "A suppression without a reason cannot be reviewed: nobody can later tell whether the finding was a false positive, an accepted risk or a shortcut.",
        example: "metadata:\n  annotations:\n    ignore-check.extsvc.io/ep-deprecated: \"\"\n",
        fix: "Say why the finding does not apply as the annotation's value, e.g. `ignore-check.extsvc.io/ep-deprecated: \"cluster runs 1.20\"`.",
        source: "extsvc (the convention of kube-linter's `ignore-check.kube-linter.io/<check>`)",
    },
    Rule {
        code: "SUPPRESSION-UNKNOWN-RULE",
        severity: Warning,
        category: Advice,
        summary: "An inline suppression names no known rule.",
        what: "An `ignore-check.extsvc.io/<rule>` annotation whose `<rule>` is neither a rule code nor a rule name (`extsvc rules` lists them).",
        why: "It suppresses nothing, so the finding it was meant for is still reported; usually a typo.",
        example: "metadata:\n  annotations:\n    ignore-check.extsvc.io/ep-deprecate: \"cluster runs 1.20\"\n",
        fix: "Use the code or name the finding is reported with, e.g. `ignore-check.extsvc.io/ep-deprecated`.",
        source: "extsvc",
    },
];
