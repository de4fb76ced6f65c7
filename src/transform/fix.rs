//! `fix`: applies every safe (and, when asked, unsafe) repair as minimal text edits.
//!
//! Runs in passes until nothing is left to repair (a quoted value lets its object decode,
//! a renamed Endpoints pairs exactly, ...). Each pass keeps only edits that re-read as
//! intended (`verify.rs`) and that do not raise the number of error findings; so the
//! output is a fixed point, and fixing it again changes nothing.

use crate::diagnostic::{Diagnostic, ObjectRef};
use crate::options::ValidateOptions;
use crate::validate_text;
use crate::yaml::{Node, Span};

use super::edit::{apply_edits, Change, Edit};
use super::origin::{History, LineIndex};
use super::scan::{scan, Scan};
use super::verify::{select, Candidate};
use super::{ips, pairing, ports, repairs, split_bom, types, AppliedFix, FixOptions, FixResult};

/// Passes before giving up (each pass normally clears one layer of problems).
const MAX_PASSES: usize = 8;
/// Rounds of passes after the first, to reach a fixed point (see [`fix`]).
const MAX_ROUNDS: usize = 4;
/// Candidate subsets tried one by one when a pass as a whole raised the error count.
const MAX_SINGLE_TRIES: usize = 64;

/// One repair: edits, what they mean, and how to report them.
#[derive(Clone, Debug)]
pub(crate) struct Fix {
    pub code: &'static str,
    pub path: String,
    pub description: String,
    /// Applied without `unsafeFixes`.
    pub safe: bool,
    /// Index into the scan's documents.
    pub doc: usize,
    /// What the fix changes (or the mapping it inserts into), in the current text.
    pub span: Span,
    pub edits: Vec<Edit>,
    pub changes: Vec<Change>,
}

impl Candidate for Fix {
    fn doc(&self) -> usize {
        self.doc
    }
    fn edits(&self) -> &[Edit] {
        &self.edits
    }
    fn changes(&self) -> &[Change] {
        &self.changes
    }
}

/// Every repair the current text offers, in a stable order.
pub(crate) fn candidates(text: &str, scan: &Scan, kube_minor: u32) -> Vec<Fix> {
    let mut out = Vec::new();
    for inv in &scan.invalid {
        out.extend(types::quote_fix(text, inv));
    }
    let p = pairing::pair(&scan.items);
    repairs::pairing_fixes(text, &scan.items, &p, &mut out);
    ports::port_fixes(text, &scan.items, &p, &mut out);
    ips::ip_fixes(text, &scan.items, kube_minor, &mut out);
    crate::sort::sort_by_key(&mut out, |f| (f.span.start.offset, f.code));
    out
}

/// Error findings of `text`.
pub(crate) fn errors(text: &str, options: &ValidateOptions) -> Result<usize, String> {
    Ok(validate_text("<input>", text, options)?.summary.errors)
}

/// Diagnostics of `text`, without a file name (the caller knows it; `file` is `None`).
pub(crate) fn diagnostics(
    text: &str,
    options: &ValidateOptions,
) -> Result<Vec<Diagnostic>, String> {
    let mut all = validate_text("", text, options)?.diagnostics;
    for d in &mut all {
        d.file = None;
    }
    Ok(all)
}

/// The object a fix is on, read from its document's node.
fn object_ref(scan: &Scan, doc: usize, span: Span) -> Option<ObjectRef> {
    let d = scan.docs.get(doc)?;
    let root = d.root.as_ref()?;
    // The innermost `kind`-bearing mapping containing the span (a List item, or the root).
    let mut node: &Node = root;
    if let Some(items) = root.get("items") {
        if let crate::yaml::Value::Seq(list) = &items.value {
            if let Some(item) = list.iter().find(|n| {
                n.span.start.offset <= span.start.offset && span.end.offset <= n.span.end.offset
            }) {
                node = item;
            }
        }
    }
    let meta = node.get("metadata");
    let text = |key: &str| {
        meta.and_then(|m| m.get(key))
            .and_then(Node::as_str)
            .map(str::to_string)
    };
    Some(ObjectRef {
        kind: node
            .get("kind")
            .and_then(Node::as_str)
            .unwrap_or_default()
            .to_string(),
        namespace: text("namespace"),
        name: text("name"),
        index: d.index,
    })
}

/// Fixes `source` (see [`crate::transform`]). Errs only on bad options.
pub fn fix(source: &str, options: &FixOptions) -> Result<FixResult, String> {
    let vopts = ValidateOptions {
        kube_version: options.kube_version.clone(),
        ..ValidateOptions::default()
    };
    let minor = vopts.kube_minor()?;
    let (bom, text) = split_bom(source);
    let first = scan(text);
    if let Some(reason) = first.yaml_error {
        return Ok(FixResult {
            output: source.to_string(),
            applied: Vec::new(),
            unsafe_available: Vec::new(),
            remaining: diagnostics(text, &vopts)?,
            refused: Some(format!(
                "the input has YAML errors, so nothing was changed ({reason})"
            )),
        });
    }
    let index = LineIndex::new(text);
    let start = Run {
        output: text.to_string(),
        errors: errors(text, &vopts)?,
        applied: Vec::new(),
        history: History::default(),
        scan: first,
    };
    let mut run = round(&start, options, &vopts, &index)?;
    // A round can stop short of a fixed point: its checked passes refuse a step that
    // raises the error count on the way, and fixing the result again would then take
    // another way (found by fuzzing: tests/regressions/fix-idempotent-1.bin). Rounds
    // continue from the result while they change it, each no worse than its input, so
    // fixing the output again changes nothing. A first round that changed nothing is
    // that fixed point already.
    let rounds = if run.output == start.output {
        0
    } else {
        MAX_ROUNDS
    };
    for _ in 0..rounds {
        let next = round(&run, options, &vopts, &index)?;
        if next.output == run.output {
            break;
        }
        run = next;
    }
    let Run {
        output,
        applied,
        history,
        scan: sc,
        ..
    } = run;
    let unsafe_available = if options.unsafe_fixes {
        Vec::new()
    } else {
        candidates(&output, &sc, minor)
            .into_iter()
            .filter(|f| !f.safe)
            .map(|f| report(&f, &sc, &history, &index))
            .collect()
    };
    let remaining = diagnostics(&output, &vopts)?;
    Ok(FixResult {
        output: format!("{bom}{output}"),
        applied,
        unsafe_available,
        remaining,
        refused: None,
    })
}

/// The state after the passes.
struct Run {
    output: String,
    /// The error findings of `output`.
    errors: usize,
    applied: Vec<AppliedFix>,
    history: History,
    scan: Scan,
}

impl Run {
    /// A copy to continue from (the scan is read again from the output).
    fn fork(&self) -> Run {
        Run {
            output: self.output.clone(),
            errors: self.errors,
            applied: self.applied.clone(),
            history: self.history.clone(),
            scan: scan(&self.output),
        }
    }
}

/// One round of passes from `start`: first every pass as it comes (a quoted value lets
/// its object decode, which shows errors the next pass repairs, so a single pass may raise
/// the count on the way); if the result has more errors than `start`, again from `start`
/// checking every pass.
fn round(
    start: &Run,
    options: &FixOptions,
    vopts: &ValidateOptions,
    index: &LineIndex<'_>,
) -> Result<Run, String> {
    let run = passes(start.fork(), options, vopts, index, false)?;
    if run.errors <= start.errors {
        return Ok(run);
    }
    passes(start.fork(), options, vopts, index, true)
}

/// How a fix is reported, with its location in the original text.
fn report(f: &Fix, sc: &Scan, history: &History, index: &LineIndex<'_>) -> AppliedFix {
    let start = history.original(f.span.start.offset);
    let end = history.original(f.span.end.offset).max(start);
    AppliedFix {
        code: f.code.to_string(),
        path: f.path.clone(),
        description: f.description.clone(),
        location: index.location(start, end),
        object: object_ref(sc, f.doc, f.span),
    }
}

/// Runs passes until nothing more applies. When `checked`, a pass is kept only as far as it
/// leaves the error count no higher than before it.
fn passes(
    mut run: Run,
    options: &FixOptions,
    vopts: &ValidateOptions,
    index: &LineIndex<'_>,
    checked: bool,
) -> Result<Run, String> {
    let minor = vopts.kube_minor()?;
    for _ in 0..MAX_PASSES {
        let wanted: Vec<Fix> = candidates(&run.output, &run.scan, minor)
            .into_iter()
            .filter(|f| f.safe || options.unsafe_fixes)
            .collect();
        let chosen: Vec<Fix> = select(&run.output, &run.scan, &wanted)
            .into_iter()
            .filter_map(|i| wanted.get(i).cloned())
            .collect();
        let step = if checked {
            no_worse(&run.output, chosen, run.errors, vopts)?
        } else {
            let edits: Vec<Edit> = chosen.iter().flat_map(|f| f.edits.clone()).collect();
            apply_edits(&run.output, &edits)
                .filter(|_| !chosen.is_empty())
                .map(|next| (next, chosen, 0))
        };
        let Some((next, kept, next_errors)) = step else {
            break;
        };
        for f in &kept {
            let r = report(f, &run.scan, &run.history, index);
            run.applied.push(r);
        }
        run.history
            .push(kept.into_iter().flat_map(|f| f.edits).collect());
        run.output = next;
        run.errors = next_errors;
        run.scan = scan(&run.output);
    }
    if !checked {
        run.errors = errors(&run.output, vopts)?;
    }
    Ok(run)
}

/// Applies `chosen` to `text` if that does not raise the error count; otherwise keeps
/// the fixes that each leave it no worse. `None` when nothing is applied.
#[allow(clippy::type_complexity)]
fn no_worse(
    text: &str,
    chosen: Vec<Fix>,
    before: usize,
    vopts: &ValidateOptions,
) -> Result<Option<(String, Vec<Fix>, usize)>, String> {
    if chosen.is_empty() {
        return Ok(None);
    }
    let edits: Vec<Edit> = chosen.iter().flat_map(|f| f.edits.clone()).collect();
    if let Some(next) = apply_edits(text, &edits) {
        let e = errors(&next, vopts)?;
        if e <= before {
            return Ok(Some((next, chosen, e)));
        }
    }
    let mut kept: Vec<Fix> = Vec::new();
    let mut best = (text.to_string(), before);
    for f in chosen.into_iter().take(MAX_SINGLE_TRIES) {
        let mut edits: Vec<Edit> = kept.iter().flat_map(|k| k.edits.clone()).collect();
        edits.extend(f.edits.iter().cloned());
        let Some(next) = apply_edits(text, &edits) else {
            continue;
        };
        let e = errors(&next, vopts)?;
        if e <= before {
            kept.push(f);
            best = (next, e);
        }
    }
    Ok((!kept.is_empty()).then_some((best.0, kept, best.1)))
}
