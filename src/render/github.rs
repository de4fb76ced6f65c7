//! GitHub Actions workflow commands, one line per finding; the runner turns them into
//! annotations on the pull request's changed lines:
//!
//! ```text
//! ::error file=seed.yaml,line=22,col=9,endLine=22,endColumn=17,title=extsvc (EP-NAME-MATCH)::Endpoints "mysql-ep" has no Service of that name%0A%0AGive the Endpoints the Service's name.
//! ```
//!
//! error → `::error`, warning → `::warning`, info → `::notice`. `col`/`endColumn` count
//! UTF-16 code units like every extsvc position, `endColumn` exclusive. Nothing else is
//! printed (no summary), so the whole output is commands. Escaping follows the runner's
//! parser (actions/toolkit `command.ts`): in data `%`, CR and LF; in property values also
//! `:` and `,`. With CR and LF escaped, text from a manifest cannot start a command of its own.

use std::fmt::Write;

use crate::diagnostic::{Diagnostic, Report, Severity};

/// Every diagnostic as a workflow command.
pub(super) fn report(report: &Report) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        command(&mut out, d);
    }
    out
}

fn command(out: &mut String, d: &Diagnostic) {
    let name = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut props: Vec<(&str, String)> = Vec::new();
    if let Some(file) = &d.file {
        props.push(("file", file.clone()));
        if let Some(l) = d.location {
            props.push(("line", l.line.to_string()));
            props.push(("col", l.column.to_string()));
            props.push(("endLine", l.end_line.to_string()));
            props.push(("endColumn", l.end_column.to_string()));
        }
    }
    props.push(("title", format!("extsvc ({})", d.code)));
    let props: Vec<String> = props
        .iter()
        .map(|(k, v)| format!("{k}={}", property(v)))
        .collect();
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\n\n");
        message.push_str(help);
    }
    let _ = writeln!(out, "::{name} {}::{}", props.join(","), data(&message));
}

/// Escapes a command's message (actions/toolkit `escapeData`).
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (actions/toolkit `escapeProperty`).
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(data("100% a:b, c\r\nd"), "100%25 a:b, c%0D%0Ad");
        assert_eq!(property("100% a:b, c\r\nd"), "100%25 a%3Ab%2C c%0D%0Ad");
        // `%` first, so an escape already in the text is not decoded by the runner.
        assert_eq!(data("%0A"), "%250A");
    }
}
