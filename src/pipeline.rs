//! One validation run: text inputs → documents → typed objects → rules → diagnostics.
//!
//! Each document is read, checked and dropped before the next one is read; only the
//! cross-object index outlives it.

use std::collections::BTreeMap;

use crate::diagnostic::{Category, Diagnostic, Location, ObjectRef, Report, Severity};
use crate::object::{decode, Decoded, Object};
use crate::options::ValidateOptions;
use crate::policy::Selection;
use crate::suppress::Suppressions;
use crate::validate::{check_object, rule, Context, CrossIndex, Finding, ObjectAt};
use crate::yaml::{documents, Limits, Node, YamlErrorKind};

/// One text input of a run.
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    /// The name findings are reported under (a file path, `<stdin>`, ...).
    pub name: &'a str,
    /// The YAML or JSON text.
    pub text: &'a str,
}

/// Validates all `sources` together: cross-object rules see every document of every input.
///
/// Errs only on bad options (an unsupported `kubeVersion`, an unknown rule in `select` or
/// `ignore`); bad input is diagnostics.
pub fn validate_sources(
    sources: &[Source<'_>],
    options: &ValidateOptions,
) -> Result<Report, String> {
    let ctx = Context {
        kube_minor: options.kube_minor()?,
    };
    let selection = Selection::new(&options.select, &options.ignore)?;
    let mut run = Run {
        ctx,
        cross: CrossIndex::new(ctx),
        report: Report::default(),
        suppressions: Suppressions::default(),
    };
    for (file, source) in sources.iter().enumerate() {
        run.source(file, source);
    }
    let Run {
        cross,
        mut report,
        suppressions,
        ..
    } = run;
    let (placed_findings, published) = cross.finish_with_published();
    if !published.is_empty() {
        // Keyed by file, document, kind and name (items of one `List` share a document).
        let key = |file: &'_ str, o: &'_ ObjectRef| {
            (file.to_string(), o.index, o.kind.clone(), o.name.clone())
        };
        let published: std::collections::HashSet<_> = published
            .iter()
            .map(|at| key(sources[at.file].name, &at.object))
            .collect();
        report.diagnostics.retain(|d| {
            let not_ready = d.code == "EP-NO-READY-ADDRESSES" || d.code == "ES-NOT-READY";
            let published_here = match (&d.object, d.file.as_deref()) {
                (Some(o), Some(f)) => published.contains(&key(f, o)),
                _ => false,
            };
            !(not_ready && published_here)
        });
    }
    for placed in placed_findings {
        let name = sources[placed.at.file].name;
        report.diagnostics.push(diagnostic(
            placed.finding,
            Some(placed.at.object),
            placed.location,
            name,
        ));
    }
    // Unselected findings are never reported, so they are not counted as suppressed either.
    if !selection.is_all() {
        report.diagnostics.retain(|d| selection.keeps(&d.code));
    }
    report.summary.suppressed = suppressions.apply(&mut report.diagnostics);
    let file_order: BTreeMap<&str, usize> = sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name, i))
        .collect();
    report.diagnostics.sort_by(|a, b| {
        let fa = a.file.as_deref().and_then(|f| file_order.get(f));
        let fb = b.file.as_deref().and_then(|f| file_order.get(f));
        (fa, a.location, &a.code).cmp(&(fb, b.location, &b.code))
    });
    report.summary.files = sources.len();
    report.summary.count(&report.diagnostics);
    Ok(report)
}

struct Run {
    ctx: Context,
    cross: CrossIndex,
    report: Report,
    suppressions: Suppressions,
}

impl Run {
    fn source(&mut self, file: usize, source: &Source<'_>) {
        let mut skipped: BTreeMap<String, usize> = BTreeMap::new();
        let mut first_skipped: Option<Location> = None;
        for doc in documents(source.text, &Limits::default()) {
            for err in &doc.errors {
                let code = match err.kind {
                    YamlErrorKind::Syntax => "YAML-SYNTAX",
                    YamlErrorKind::DuplicateKey => "YAML-DUPLICATE-KEY",
                    YamlErrorKind::Limit => "YAML-LIMIT",
                    YamlErrorKind::Unsupported => "YAML-UNSUPPORTED",
                };
                let object = ObjectRef {
                    kind: String::new(),
                    namespace: None,
                    name: None,
                    index: doc.index,
                };
                let finding = Finding::new(code, Default::default(), err.message.clone());
                let mut d = diagnostic(
                    finding,
                    Some(object),
                    Some(err.span.location()),
                    source.name,
                );
                d.object = None;
                d.path = None;
                self.report.diagnostics.push(d);
            }
            let Some(root) = &doc.root else { continue };
            let mut items = vec![root];
            while let Some(node) = items.pop() {
                match decode(node) {
                    Decoded::Object(object) => {
                        self.object(file, source.name, doc.index, node, &object)
                    }
                    Decoded::List(list) => items.extend(list.iter().rev()),
                    Decoded::Other { kind } => {
                        first_skipped.get_or_insert(node.span.location());
                        *skipped.entry(kind).or_default() += 1;
                    }
                    Decoded::NotKubernetes => {}
                    Decoded::Invalid(err) => {
                        let object = object_ref(&err.kind, node, doc.index);
                        let finding = Finding {
                            path: Default::default(),
                            ..Finding::new(err.code, Default::default(), err.message)
                        };
                        let mut d = diagnostic(
                            finding,
                            Some(object),
                            Some(err.span.location()),
                            source.name,
                        );
                        d.path = (!err.path.is_empty()).then_some(err.path);
                        self.report.diagnostics.push(d);
                    }
                }
            }
        }
        if !skipped.is_empty() {
            let total: usize = skipped.values().sum();
            let kinds: Vec<String> = skipped
                .iter()
                .map(|(k, n)| {
                    if *n > 1 {
                        format!("{k} ×{n}")
                    } else {
                        k.clone()
                    }
                })
                .collect();
            let finding = Finding::new(
                "SKIPPED-KIND",
                Default::default(),
                format!(
                    "skipped {total} document(s) of other kinds: {}",
                    kinds.join(", ")
                ),
            );
            let mut d = diagnostic(finding, None, first_skipped, source.name);
            d.path = None;
            self.report.diagnostics.push(d);
        }
    }

    fn object(&mut self, file: usize, name: &str, index: usize, node: &Node, object: &Object) {
        self.report.summary.objects += 1;
        let meta = object.metadata();
        let at = ObjectRef {
            kind: object.kind().to_string(),
            namespace: meta.namespace.clone(),
            name: meta.name.clone(),
            index,
        };
        let mut findings = check_object(object, &self.ctx);
        findings.extend(self.suppressions.add(name, &at, meta.annotations.as_ref()));
        for finding in findings {
            let location = node.locate(&finding.path).location();
            self.report.diagnostics.push(diagnostic(
                finding,
                Some(at.clone()),
                Some(location),
                name,
            ));
        }
        let locate = |p: &crate::field_path::FieldPath| Some(node.locate(p).location());
        self.cross
            .add(object, ObjectAt { file, object: at }, &locate);
    }
}

fn object_ref(kind: &str, node: &Node, index: usize) -> ObjectRef {
    let meta = node.get("metadata");
    let text = |key: &str| {
        meta.and_then(|m| m.get(key))
            .and_then(Node::as_str)
            .map(str::to_string)
    };
    ObjectRef {
        kind: kind.to_string(),
        namespace: text("namespace"),
        name: text("name"),
        index,
    }
}

/// Turns a finding into a diagnostic, taking severity, category and help from the registry.
fn diagnostic(
    finding: Finding,
    object: Option<ObjectRef>,
    location: Option<Location>,
    file: &str,
) -> Diagnostic {
    let rule = rule(finding.code);
    debug_assert!(
        rule.is_some(),
        "finding with unregistered code {}",
        finding.code
    );
    let path = finding.path.to_string();
    Diagnostic {
        code: finding.code.to_string(),
        rule: rule.map_or_else(|| finding.code.to_ascii_lowercase(), |r| r.name.to_string()),
        severity: finding
            .severity
            .unwrap_or(rule.map_or(Severity::Error, |r| r.severity)),
        category: rule.map_or(Category::Rejected, |r| r.category),
        message: finding.message,
        object,
        path: (!path.is_empty()).then_some(path),
        location,
        help: finding.help.or_else(|| rule.map(|r| r.fix.to_string())),
        file: Some(file.to_string()),
    }
}
