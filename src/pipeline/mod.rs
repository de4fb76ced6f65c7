//! One validation run: text inputs → documents → typed objects → rules → diagnostics.
//!
//! Each document is read, checked and dropped before the next one is read; only the
//! cross-object index outlives it. An input is either given whole ([`validate_sources`]) or
//! streamed in pieces ([`Validation::push`], `stream.rs`), so a large file never has to
//! be held at once: only the document being read is.

mod stream;

use crate::diagnostic::{Category, Diagnostic, Location, ObjectRef, Report, Severity};
use crate::hash::HashMap;
use crate::object::{decode, Decoded, Object, UnknownField};
use crate::options::ValidateOptions;
use crate::policy::Selection;
use crate::suppress::Suppressions;
use crate::validate::{check_object, rule, Context, CrossIndex, Finding, ObjectAtRef};
use crate::yaml::{documents, Documents, Limits, Node, YamlErrorKind};

use stream::Carry;

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
    let mut run = Validation::new(options)?;
    for source in sources {
        run.text(source.name, source.text);
    }
    Ok(run.finish())
}

/// A validation run over inputs given one after another, each whole ([`Self::text`]) or in
/// pieces ([`Self::begin`], [`Self::push`], [`Self::end`]); [`Self::finish`] gives the same
/// report [`validate_sources`] gives for the same inputs.
pub struct Validation {
    run: Run,
    /// Input names, in order.
    names: Vec<String>,
    /// The input being streamed.
    streamed: Option<Streamed>,
}

/// What a run keeps of the input being streamed.
struct Streamed {
    file: usize,
    carry: Carry,
    /// Where the bytes in `carry` start, in the input.
    start: crate::yaml::Start,
    /// Whether the byte-order mark check is behind us.
    started: bool,
    /// Bytes received, for the input size limit.
    received: usize,
    skipped: Skipped,
}

impl Validation {
    /// A run with `options`. Errs on bad options, as [`validate_sources`] does.
    pub fn new(options: &ValidateOptions) -> Result<Self, String> {
        let ctx = Context {
            kube_minor: options.kube_minor()?,
        };
        Ok(Validation {
            run: Run {
                ctx,
                cross: CrossIndex::new(ctx),
                report: Report::default(),
                suppressions: Suppressions::default(),
                selection: Selection::new(&options.select, &options.ignore)?,
                unkept: 0,
            },
            names: Vec::new(),
            streamed: None,
        })
    }

    /// Adds one whole input.
    pub fn text(&mut self, name: &str, text: &str) {
        self.end();
        let file = self.names.len();
        self.names.push(name.to_string());
        let mut skipped = Skipped::default();
        let mut docs = documents(text, &Limits::default());
        self.run.documents(file, name, &mut docs, &mut skipped);
        self.run.skipped(name, skipped);
    }

    /// Starts an input whose bytes come in pieces ([`Self::push`]); ends the one before.
    pub fn begin(&mut self, name: &str) {
        self.end();
        self.streamed = Some(Streamed {
            file: self.names.len(),
            carry: Carry::default(),
            start: Default::default(),
            started: false,
            received: 0,
            skipped: Skipped::default(),
        });
        self.names.push(name.to_string());
    }

    /// The next bytes of the input begun last. Whole documents are read as soon as the
    /// separator line after them has arrived; the rest waits for more bytes.
    pub fn push(&mut self, bytes: &[u8]) {
        let Some(s) = self.streamed.as_mut() else {
            return;
        };
        s.received = s.received.saturating_add(bytes.len());
        if s.received > Limits::default().max_input_bytes {
            // Past the limit nothing more is read; `end` reports it.
            s.carry.clear();
            return;
        }
        s.carry.push(bytes);
        let name = &self.names[s.file];
        self.run.segment(s, name, false);
    }

    /// Whether the input begun last still takes bytes: once it is over the size limit, the
    /// rest would only be dropped, so a reader may stop reading (an endless input ends).
    pub fn wants_more(&self) -> bool {
        self.streamed
            .as_ref()
            .is_none_or(|s| s.received <= Limits::default().max_input_bytes)
    }

    /// Ends the input begun last: reads what is left of it.
    pub fn end(&mut self) {
        let Some(mut s) = self.streamed.take() else {
            return;
        };
        let name = self.names[s.file].clone();
        let limit = Limits::default().max_input_bytes;
        if s.received > limit {
            let message = crate::yaml::too_large(limit);
            let finding = Finding::new("YAML-LIMIT", Default::default(), message);
            let at = Location {
                line: 1,
                column: 1,
                end_line: 1,
                end_column: 1,
            };
            let mut d = diagnostic(finding, None, Some(at), &name);
            d.path = None;
            self.run.push(d);
        } else {
            self.run.segment(&mut s, &name, true);
        }
        self.run.skipped(&name, s.skipped);
    }

    /// The report: cross-object findings, policy, suppressions, order and counts.
    pub fn finish(mut self) -> Report {
        self.end();
        let Validation { run, names, .. } = self;
        let Run {
            cross,
            mut report,
            suppressions,
            selection,
            mut unkept,
            ..
        } = run;
        let (placed_findings, published) = cross.finish_with_published();
        if !published.is_empty() {
            // Keyed by file, document, kind and name (items of one `List` share a document).
            let key = |file: &'_ str, o: &'_ ObjectRef| {
                (file.to_string(), o.index, o.kind.clone(), o.name.clone())
            };
            let published: crate::hash::HashSet<_> = published
                .iter()
                .map(|at| key(&names[at.file], &at.object))
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
        // Cross-object findings have a budget of their own: found last, they would otherwise
        // be the first dropped.
        let mut placed_kept = 0;
        for placed in placed_findings {
            if !selection.keeps(placed.finding.code) {
                continue;
            }
            if placed_kept == MAX_FINDINGS {
                unkept += 1;
                continue;
            }
            placed_kept += 1;
            let name = &names[placed.at.file];
            report.diagnostics.push(diagnostic(
                placed.finding,
                Some(placed.at.object),
                placed.location,
                name,
            ));
        }
        if unkept > 0 {
            let message = format!("more than {MAX_FINDINGS} findings: {unkept} more were not kept");
            let finding = Finding::new("YAML-LIMIT", Default::default(), message);
            let mut d = diagnostic(
                finding,
                None,
                None,
                names.first().map_or("", String::as_str),
            );
            d.path = None;
            report.diagnostics.push(d);
        }
        // Unselected findings were never kept, so they are not counted as suppressed either.
        report.summary.suppressed = suppressions.apply(&mut report.diagnostics);
        let file_order: crate::hash::HashMap<&str, usize> = names
            .iter()
            .enumerate()
            .map(|(i, s)| (s.as_str(), i))
            .collect();
        crate::sort::sort_by(&mut report.diagnostics, |a, b| {
            let fa = a.file.as_deref().and_then(|f| file_order.get(f));
            let fb = b.file.as_deref().and_then(|f| file_order.get(f));
            (fa, a.location, &a.code).cmp(&(fb, b.location, &b.code))
        });
        report.summary.files = names.len();
        report.summary.count(&report.diagnostics);
        report
    }
}

/// Documents of other kinds seen in one input, reported once as SKIPPED-KIND.
#[derive(Default)]
struct Skipped {
    /// Documents per kind: one entry per kind, however many documents. The map type the
    /// YAML reader already uses (a BTreeMap of its own would add a copy of the B-tree code
    /// to the .wasm, issue 7); sorted when reported.
    kinds: HashMap<String, usize>,
    first: Option<Location>,
}

struct Run {
    ctx: Context,
    cross: CrossIndex,
    report: Report,
    suppressions: Suppressions,
    selection: Selection,
    /// Selected findings dropped by [`MAX_FINDINGS`].
    unkept: usize,
}

/// Selected findings one run keeps (and as many cross-object ones). Far more than a real
/// project has, and few enough that every output format stays a string JS can hold: three
/// findings can come from 35 bytes of YAML, so without a bound a 15 MB input made an 800 MB
/// report, and a SARIF log too large to build (a trap). Kept in input order; a YAML-LIMIT
/// finding counts the rest.
const MAX_FINDINGS: usize = 100_000;

impl Run {
    /// Keeps `d` if it is selected and fewer than [`MAX_FINDINGS`] are kept; counts it if not.
    fn push(&mut self, d: Diagnostic) {
        if !self.selection.keeps(&d.code) {
            return;
        }
        if self.report.diagnostics.len() < MAX_FINDINGS {
            self.report.diagnostics.push(d);
        } else {
            self.unkept += 1;
        }
    }

    /// Reads a segment of an input that is complete ([`Validation::end`]) or ends where a
    /// separator line starts, and moves `s` past it.
    fn segment(&mut self, s: &mut Streamed, name: &str, last: bool) {
        if s.started && s.start.index >= Limits::default().max_documents {
            s.carry.clear();
            return;
        }
        let len = if last {
            s.carry.len()
        } else {
            s.carry.complete_len()
        };
        if len == 0 {
            return;
        }
        let bytes = s.carry.take(len);
        // Node decodes a file the same way: an invalid sequence becomes U+FFFD. A cut is
        // always at a line start, so no sequence is ever split.
        // `from_utf8` checks a word at a time; the lossy decoder goes byte by byte, so it
        // only runs on input that is not valid UTF-8.
        let text = match std::str::from_utf8(&bytes) {
            Ok(text) => std::borrow::Cow::Borrowed(text),
            Err(_) => String::from_utf8_lossy(&bytes),
        };
        let mut text: &str = &text;
        if !s.started {
            // As `documents` does for a whole input: a leading mark is not counted.
            text = text.strip_prefix('\u{feff}').unwrap_or(text);
            s.started = true;
        }
        let mut docs = crate::yaml::documents_from(text, &Limits::default(), s.start);
        self.documents(s.file, name, &mut docs, &mut s.skipped);
        // Lazily: counting the lines is a pass over the whole segment, and `end` nearly
        // always knows where the documents stopped.
        s.start = docs.end().unwrap_or_else(|| crate::yaml::Start {
            line: s.start.line + stream::count_lines(text),
            offset: s.start.offset + text.len(),
            index: docs.next_index(),
        });
    }

    /// Checks the documents `docs` of input `file`.
    fn documents(
        &mut self,
        file: usize,
        name: &str,
        docs: &mut Documents<'_>,
        skipped: &mut Skipped,
    ) {
        for doc in docs {
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
                let mut d = diagnostic(finding, Some(object), Some(err.span.location()), name);
                d.object = None;
                d.path = None;
                self.push(d);
            }
            let Some(root) = &doc.root else { continue };
            let mut items = vec![root];
            while let Some(node) = items.pop() {
                match decode(node) {
                    Decoded::Object(object, unknown) => {
                        self.object(file, name, doc.index, node, &object, unknown);
                    }
                    Decoded::List(list) => items.extend(list.iter().rev()),
                    Decoded::Other { kind } => {
                        skipped.first.get_or_insert(node.span.location());
                        *skipped.kinds.entry(kind).or_default() += 1;
                    }
                    Decoded::NotKubernetes => {}
                    Decoded::Invalid(err) => {
                        let object = object_ref(&err.kind, node, doc.index);
                        let finding = Finding {
                            path: Default::default(),
                            ..Finding::new(err.code, Default::default(), err.message)
                        };
                        let mut d =
                            diagnostic(finding, Some(object), Some(err.span.location()), name);
                        d.path = (!err.path.is_empty()).then_some(err.path);
                        self.push(d);
                    }
                }
            }
        }
    }

    /// SKIPPED-KIND for one input, if it had documents of other kinds.
    fn skipped(&mut self, name: &str, skipped: Skipped) {
        if !skipped.kinds.is_empty() {
            let total: usize = skipped.kinds.values().sum();
            let mut counted: Vec<(String, usize)> = skipped.kinds.into_iter().collect();
            crate::sort::sort_by(&mut counted, |a, b| a.0.cmp(&b.0));
            let kinds: Vec<String> = counted
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
            let mut d = diagnostic(finding, None, skipped.first, name);
            d.path = None;
            self.push(d);
        }
    }

    fn object(
        &mut self,
        file: usize,
        name: &str,
        index: usize,
        node: &Node,
        object: &Object,
        unknown: Vec<UnknownField>,
    ) {
        self.report.summary.objects += 1;
        let meta = object.metadata();
        let mut findings = check_object(object, &self.ctx);
        // The owned reference only for objects that get a finding or may suppress one.
        let annotated = meta.annotations.as_ref().is_some_and(|a| !a.is_empty());
        let noted = !findings.is_empty() || !unknown.is_empty();
        let at = (noted || annotated).then(|| ObjectRef {
            kind: object.kind().to_string(),
            namespace: meta.namespace.clone(),
            name: meta.name.clone(),
            index,
        });
        if let Some(at) = &at {
            findings.extend(self.suppressions.add(name, at, meta.annotations.as_ref()));
        }
        for finding in findings {
            let location = node.locate(&finding.path).location();
            self.push(diagnostic(finding, at.clone(), Some(location), name));
        }
        // The API server's words (kubectl adds `<Kind> in version ... cannot be handled`).
        for field in unknown {
            let path = field.path();
            let message = format!(
                "strict decoding error: unknown field {}",
                crate::validate::msg::quote(&path)
            );
            let mut finding = Finding::new("YAML-UNKNOWN-FIELD", Default::default(), message);
            if let Some(meant) = field.suggestion() {
                finding.help = Some(format!(
                    "Did you mean {}? Field names are case-sensitive.",
                    crate::validate::msg::quote(meant)
                ));
            }
            let mut d = diagnostic(finding, at.clone(), Some(field.span().location()), name);
            d.path = Some(path);
            self.push(d);
        }
        let locate = |p: &[crate::field_path::Segment]| Some(node.locate_segments(p).location());
        let at = ObjectAtRef {
            file,
            index,
            kind: object.kind(),
            namespace: meta.namespace.as_deref(),
            name: meta.name.as_deref(),
        };
        self.cross.add_ref(object, at, &locate);
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
        rule: rule.map_or_else(|| finding.code.to_ascii_lowercase(), |r| r.name()),
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
