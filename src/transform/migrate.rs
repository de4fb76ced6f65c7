//! `migrate`: each Endpoints document is replaced in place by the EndpointSlices that say
//! the same (`slices.rs`), and a Service whose only backend is a one-address FQDN slice
//! becomes an ExternalName Service (`external_name.rs`). Other documents stay
//! byte-for-byte the same; comment lines leading a replaced document are kept.

use crate::hash::HashSet;

use serde_json::Value as J;

use crate::diagnostic::ObjectRef;
use crate::object::{Object, ToJson};
use crate::options::ValidateOptions;
use crate::yaml::{documents, emit_documents, Limits};

use super::edit::{apply_edits, Edit};
use super::fix::diagnostics;
use super::origin::LineIndex;
use super::pairing::{pair, Link, Pairing};
use super::scan::{scan, Item, Scan};
use super::{
    external_name, slices, split_bom, MigrateOptions, MigrateResult, Migrated, NotMigrated,
};

const SKIP_MIRROR_LABEL: &str = "endpointslice.kubernetes.io/skip-mirror";
const LEADER_ANNOTATION: &str = "control-plane.alpha.kubernetes.io/leader";

/// What one migration step produced.
pub(crate) struct Step {
    pub edits: Vec<Edit>,
    pub migrated: Migrated,
}

/// Shared state of one run.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub scan: &'a Scan,
    pub pairing: &'a Pairing,
    pub index: LineIndex<'a>,
    pub keep_endpoints: bool,
}

impl Ctx<'_> {
    /// The object reference of item `i`.
    pub fn object(&self, item: &Item) -> ObjectRef {
        let meta = item.object.metadata();
        ObjectRef {
            kind: item.object.kind().to_string(),
            namespace: meta.namespace.clone(),
            name: meta.name.clone(),
            index: self.scan.docs.get(item.doc).map_or(0, |d| d.index),
        }
    }

    /// The chunk (text between separator lines) of item `i`, when the item is a whole
    /// top-level document alone in its chunk (documents of one chunk are adjacent).
    pub fn own_chunk(&self, item: &Item) -> Result<std::ops::Range<usize>, String> {
        if !item.prefix.is_empty() {
            return Err("it is an item of a List".into());
        }
        let range = self
            .scan
            .docs
            .get(item.doc)
            .map(|d| d.range.clone())
            .ok_or("no document")?;
        let alone = |d: usize| self.scan.docs.get(d).is_none_or(|x| x.range != range);
        if !(alone(item.doc.wrapping_sub(1)) && alone(item.doc + 1)) {
            return Err(
                "its document shares its text with another (no `---` line between them)".into(),
            );
        }
        Ok(range)
    }
}

/// Migrates `source` (see [`crate::transform`]). Errs only on bad options.
pub fn migrate(source: &str, options: &MigrateOptions) -> Result<MigrateResult, String> {
    let vopts = ValidateOptions {
        kube_version: options.kube_version.clone(),
        ..ValidateOptions::default()
    };
    vopts.kube_minor()?;
    let (bom, text) = split_bom(source);
    let sc = scan(text);
    if let Some(reason) = &sc.yaml_error {
        return refused(
            source,
            text,
            &vopts,
            format!("the input has YAML errors, so nothing was changed ({reason})"),
        );
    }
    let pairing = pair(&sc.items);
    let ctx = Ctx {
        text,
        scan: &sc,
        pairing: &pairing,
        index: LineIndex::new(text),
        keep_endpoints: options.keep_endpoints,
    };
    let mut names: HashSet<String> = sc
        .items
        .iter()
        .filter(|i| matches!(i.object, Object::EndpointSlice(_)))
        .map(|i| {
            key(
                namespace(&i.object),
                i.object.metadata().name.as_deref().unwrap_or_default(),
            )
        })
        .collect();
    let mut edits = Vec::new();
    let mut migrated = Vec::new();
    let mut skipped = Vec::new();
    for (i, item) in sc.items.iter().enumerate() {
        let Object::Endpoints(_) = &item.object else {
            continue;
        };
        match endpoints_step(&ctx, i, item, &mut names) {
            Ok(step) => {
                edits.extend(step.edits);
                migrated.push(step.migrated);
            }
            Err(reason) => skipped.push(NotMigrated {
                object: ctx.object(item),
                location: ctx
                    .index
                    .location(item.node.span.start.offset, item.node.span.end.offset),
                reason,
            }),
        }
    }
    for step in external_name::steps(&ctx) {
        edits.extend(step.edits);
        migrated.push(step.migrated);
    }
    let output = apply_edits(text, &edits).unwrap_or_else(|| text.to_string());
    let remaining = diagnostics(&output, &vopts)?;
    Ok(MigrateResult {
        output: format!("{bom}{output}"),
        migrated,
        skipped,
        remaining,
        refused: None,
    })
}

/// The input left as it is, with why and the diagnostics of `text`.
fn refused(
    source: &str,
    text: &str,
    vopts: &ValidateOptions,
    reason: String,
) -> Result<MigrateResult, String> {
    Ok(MigrateResult {
        output: source.to_string(),
        migrated: Vec::new(),
        skipped: Vec::new(),
        remaining: diagnostics(text, vopts)?,
        refused: Some(reason),
    })
}

/// The namespace, as the API server keys an object (omitted: `default`).
fn namespace(o: &Object) -> &str {
    o.metadata()
        .namespace
        .as_deref()
        .filter(|n| !n.is_empty())
        .unwrap_or("default")
}

/// `namespace/name`, which identifies an object of a kind (neither part may hold a `/`).
/// One string rather than a pair: a set type the module already has.
fn key(namespace: &str, name: &str) -> String {
    format!("{namespace}/{name}")
}

fn endpoints_step(
    ctx: &Ctx<'_>,
    i: usize,
    item: &Item,
    names: &mut HashSet<String>,
) -> Result<Step, String> {
    let Object::Endpoints(ep) = &item.object else {
        return Err("not an Endpoints".into());
    };
    let range = ctx.own_chunk(item)?;
    // The slice is written from the decoded object, which has no place for such a field.
    if let Some(field) = item.unknown.first() {
        return Err(format!(
            "it has a field its type does not have, {}, which migrating would drop: correct it first",
            crate::validate::msg::quote(&field.path())
        ));
    }
    let meta = &ep.metadata;
    if meta
        .labels
        .as_ref()
        .and_then(|l| l.get(SKIP_MIRROR_LABEL))
        .is_some_and(|v| v == "true")
    {
        return Err(format!(
            "it is labelled {SKIP_MIRROR_LABEL}: \"true\" (not meant to be mirrored)"
        ));
    }
    if meta
        .annotations
        .as_ref()
        .is_some_and(|a| a.contains_key(LEADER_ANNOTATION))
    {
        return Err("it is a leader-election lock, not a list of endpoints".into());
    }
    let b = ctx.pairing.backend_of_item(i);
    let service = b
        .and_then(|b| ctx.pairing.links.get(b).copied().flatten())
        .filter(|(_, link)| *link == Link::Exact)
        .and_then(|(s, _)| ctx.pairing.services.get(s));
    if service.is_some_and(|s| s.selector) {
        return Err("its Service has a selector, so the controllers manage its endpoints".into());
    }
    let new = slices::convert(ep)?;
    let ns = namespace(&item.object);
    for s in &new {
        let name = s.metadata.name.as_deref().unwrap_or_default();
        if names.contains(&key(ns, name)) {
            return Err(format!("an EndpointSlice named \"{name}\" already exists"));
        }
    }
    let values: Vec<J> = new.iter().map(ToJson::to_json).collect();
    let emitted = emit_documents(&values);
    // The emitter is trusted, but what is written must read back as exactly these slices.
    let reread: Vec<J> = documents(&emitted, &Limits::default())
        .filter_map(|d| d.root.and_then(|r| r.to_json().ok()))
        .collect();
    if reread != values {
        return Err("the slices did not re-read as written (please report this)".into());
    }
    let name = meta.name.clone().unwrap_or_default();
    let chunk = ctx.text.get(range.clone()).unwrap_or_default();
    // The emitter writes `\n`; a CRLF file keeps CRLF throughout.
    let nl = super::edit::newline(ctx.text);
    let emitted = if nl == "\n" {
        emitted
    } else {
        emitted.replace('\n', nl)
    };
    let replacement = if ctx.keep_endpoints {
        let sep = if chunk.ends_with('\n') || chunk.is_empty() {
            ""
        } else {
            nl
        };
        format!("{chunk}{sep}---{nl}{emitted}")
    } else {
        let lead = leading_comments(chunk);
        let header = format!("Comments of the Endpoints \"{name}\" these EndpointSlices replace:");
        let carried = carried_comments(chunk.get(lead.len()..).unwrap_or_default(), &header);
        format!("{lead}{carried}{emitted}")
    };
    let created: Vec<String> = new
        .iter()
        .map(|s| {
            format!(
                "EndpointSlice/{}",
                s.metadata.name.as_deref().unwrap_or_default()
            )
        })
        .collect();
    for s in &new {
        names.insert(key(ns, s.metadata.name.as_deref().unwrap_or_default()));
    }
    let count: usize = new
        .iter()
        .map(|s| s.endpoints.as_ref().map_or(0, Vec::len))
        .sum();
    let name = meta.name.clone().unwrap_or_default();
    Ok(Step {
        edits: vec![Edit {
            start: range.start,
            end: range.end,
            text: replacement,
        }],
        migrated: Migrated {
            code: "EP-DEPRECATED".into(),
            object: ctx.object(item),
            location: ctx
                .index
                .location(item.node.span.start.offset, item.node.span.end.offset),
            description: format!(
                "{} Endpoints \"{name}\" as {} EndpointSlice(s) with {count} endpoint(s): {}",
                if ctx.keep_endpoints {
                    "copied"
                } else {
                    "replaced"
                },
                new.len(),
                created.join(", ")
            ),
            created,
        },
    })
}

/// The comment and blank lines that open a chunk (kept above the replacement). Lines end
/// where the YAML reader's do, at a lone CR too (found by fuzzing: a comment line ending in
/// a lone CR took the whole Endpoints along as "comment", and it stayed live).
pub(crate) fn leading_comments(chunk: &str) -> &str {
    let bytes = chunk.as_bytes();
    let mut end = 0;
    while end < bytes.len() {
        let next = bytes[end..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .map_or(bytes.len(), |at| end + at + 1);
        let t = chunk[end..next].trim();
        if !(t.is_empty() || t.starts_with('#')) {
            break;
        }
        end = next;
    }
    &chunk[..end]
}

/// The comments inside a replaced document, kept as a comment block above what replaces
/// it: each line that holds a comment, commented out whole, so the note keeps its context.
pub(crate) fn carried_comments(body: &str, header: &str) -> String {
    let nl = super::edit::newline(body);
    // Every line break the YAML reader knows, a lone CR included, ends a line here.
    let body = body.replace('\r', "\n");
    let lines: Vec<&str> = body.lines().filter(|l| has_comment(l)).collect();
    if lines.is_empty() {
        return String::new();
    }
    let mut out = format!("# {header}{nl}");
    for l in lines {
        out.push_str("#   ");
        out.push_str(l);
        out.push_str(nl);
    }
    out
}

/// Whether a YAML line holds a comment: a `#` at its start or after a blank, outside a
/// quoted scalar (a quote opens one only where a scalar can start, not inside `it's`).
fn has_comment(line: &str) -> bool {
    let (mut single, mut double) = (false, false);
    let mut prev = ' ';
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        let can_open = matches!(prev, ' ' | '\t' | '[' | '{' | ',' | ':' | '-');
        match c {
            '\\' if double => {
                chars.next();
            }
            '"' if double => double = false,
            '"' if !single && can_open => double = true,
            // `''` inside single quotes is an escaped quote.
            '\'' if single && chars.peek() == Some(&'\'') => {
                chars.next();
            }
            '\'' if single => single = false,
            '\'' if !double && can_open => single = true,
            '#' if !single && !double && matches!(prev, ' ' | '\t') => return true,
            _ => {}
        }
        prev = c;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_comments_outside_quotes() {
        let cases = [
            ("# whole line", true),
            ("  name: a # note", true),
            ("  name: a#b", false),
            ("  name: \"a # b\"", false),
            ("  name: 'it''s # x'", false),
            ("  name: 'a' # yes", true),
            ("  name: \"a\\\" # b\"", false),
            ("  note: it's # mine", true),
        ];
        for (line, expected) in cases {
            assert_eq!(has_comment(line), expected, "{line}");
        }
    }

    #[test]
    fn carries_comment_lines_and_keeps_leading_ones() {
        let chunk = "# lead\n\napiVersion: v1\nmetadata:\n  name: db # the db\n";
        let lead = leading_comments(chunk);
        assert_eq!(lead, "# lead\n\n");
        assert_eq!(
            carried_comments(
                &chunk[lead.len()..],
                "Comments of the Endpoints \"db\" these EndpointSlices replace:"
            ),
            "# Comments of the Endpoints \"db\" these EndpointSlices replace:\n#     name: db # the db\n"
        );
    }
}
