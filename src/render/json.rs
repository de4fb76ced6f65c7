//! The JSON format, for scripts: one object `{diagnostics, summary}`, pretty-printed with a
//! trailing newline. Unlike the JS API's objects, every diagnostic field is present, `null`
//! when absent, so consumers see one fixed shape.

use serde::Serialize;

use crate::diagnostic::{Category, Diagnostic, Location, ObjectRef, Report, Severity, Summary};

#[derive(Serialize)]
struct Output<'a> {
    diagnostics: Vec<Entry<'a>>,
    summary: &'a Summary,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Entry<'a> {
    code: &'a str,
    rule: &'a str,
    severity: Severity,
    category: Category,
    message: &'a str,
    object: Option<Object<'a>>,
    path: Option<&'a str>,
    location: Option<&'a Location>,
    help: Option<&'a str>,
    file: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Object<'a> {
    kind: &'a str,
    namespace: Option<&'a str>,
    name: Option<&'a str>,
    index: usize,
}

impl<'a> From<&'a Diagnostic> for Entry<'a> {
    fn from(d: &'a Diagnostic) -> Self {
        Entry {
            code: &d.code,
            rule: &d.rule,
            severity: d.severity,
            category: d.category,
            message: &d.message,
            object: d.object.as_ref().map(Object::from),
            path: d.path.as_deref(),
            location: d.location.as_ref(),
            help: d.help.as_deref(),
            file: d.file.as_deref(),
        }
    }
}

impl<'a> From<&'a ObjectRef> for Object<'a> {
    fn from(o: &'a ObjectRef) -> Self {
        Object {
            kind: &o.kind,
            namespace: o.namespace.as_deref(),
            name: o.name.as_deref(),
            index: o.index,
        }
    }
}

/// The report as pretty JSON.
pub(super) fn report(report: &Report) -> Result<String, String> {
    let output = Output {
        diagnostics: report.diagnostics.iter().map(Entry::from).collect(),
        summary: &report.summary,
    };
    pretty(&output)
}

/// `value` as pretty JSON with a trailing newline.
pub(super) fn pretty<T: Serialize + ?Sized>(value: &T) -> Result<String, String> {
    let mut s = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    s.push('\n');
    Ok(s)
}
