//! Text edits on the original source: replace a scalar, insert a mapping entry, remove one.
//!
//! Every edit is a byte-range replacement, so whatever it does not touch (comments, key
//! order, blank lines, other documents) stays byte-for-byte the same. The helpers refuse
//! (`None`) whenever the layout is not the plain block style they understand (flow
//! collections, block scalars, anchors, aliases, tags); the caller then reports the fix as
//! not applicable instead of risking a broken file. Whatever they produce is re-read and
//! compared with the intended value before it is kept (see `verify.rs`).

use serde_json::Value as J;

use crate::field_path::JsonStep;

use crate::yaml::{needs_quotes, Entry, Node, Span, Value};

/// Replace `start..end` (byte offsets into the text without its byte-order mark) by `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Edit {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// What an edit is meant to do to the document's JSON value.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Change {
    /// Set the value at the path, creating missing mappings on the way.
    Set(Vec<JsonStep>, J),
    /// Remove the mapping entry at the path.
    Remove(Vec<JsonStep>),
}

/// Applies `changes` to `json`; `false` when a path does not fit the value.
pub(crate) fn apply_changes(json: &mut J, changes: &[Change]) -> bool {
    changes.iter().all(|c| apply_change(json, c))
}

fn apply_change(json: &mut J, change: &Change) -> bool {
    let (path, last) = match change {
        Change::Set(p, _) | Change::Remove(p) => match p.split_last() {
            Some((last, rest)) => (rest, last),
            None => return false,
        },
    };
    let mut at = json;
    for seg in path {
        let next = match (seg, at) {
            (JsonStep::Key(k), J::Object(m)) => m
                .entry(k.clone())
                .or_insert_with(|| J::Object(Default::default())),
            (JsonStep::Index(i), J::Array(v)) => match v.get_mut(*i) {
                Some(n) => n,
                None => return false,
            },
            _ => return false,
        };
        if next.is_null() {
            *next = J::Object(Default::default());
        }
        at = next;
    }
    match (change, last, at) {
        (Change::Set(_, value), JsonStep::Key(k), J::Object(m)) => {
            m.insert(k.clone(), value.clone());
            true
        }
        (Change::Set(_, value), JsonStep::Index(i), J::Array(v)) => match v.get_mut(*i) {
            Some(slot) => {
                *slot = value.clone();
                true
            }
            None => false,
        },
        (Change::Remove(_), JsonStep::Key(k), J::Object(m)) => {
            // Rebuilt rather than `remove`d: a B-tree's removal (rebalancing, merging)
            // would be compiled for this one call (issue 7).
            if !m.contains_key(k.as_str()) {
                return false;
            }
            for (key, v) in std::mem::take(m) {
                if key != *k {
                    m.insert(key, v);
                }
            }
            true
        }
        _ => false,
    }
}

/// Applies non-overlapping `edits` (any order) to `text`; `None` if two overlap or one is
/// out of bounds.
pub(crate) fn apply_edits(text: &str, edits: &[Edit]) -> Option<String> {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    crate::sort::sort_by_key(&mut sorted, |e| (e.start, e.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in sorted {
        if e.start < at || e.end < e.start {
            return None;
        }
        out.push_str(text.get(at..e.start)?);
        out.push_str(&e.text);
        at = e.end;
    }
    out.push_str(text.get(at..)?);
    Some(out)
}

/// A string as a YAML scalar that reads back as this string in a block or flow context.
pub(crate) fn scalar(s: &str) -> String {
    if needs_quotes(s) || s.contains([',', '[', ']', '{', '}', '#', '\'', '"', '\\']) {
        // A JSON string literal is a valid YAML double-quoted scalar with the same value.
        crate::yaml::double_quoted(s)
    } else {
        s.to_string()
    }
}

/// The byte offset where the scalar `node` really ends. The reader's span of a quoted
/// scalar runs on to the end of its line (over a trailing comment), so a quoted scalar
/// is measured here up to its closing quote.
pub(crate) fn scalar_end(text: &str, node: &Node) -> usize {
    let (start, end) = (node.span.start.offset, node.span.end.offset);
    let Some(src) = text.get(start..end) else {
        return end;
    };
    let mut chars = src.char_indices();
    match chars.next() {
        Some((_, '"')) => {
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => {
                        chars.next();
                    }
                    '"' => return start + i + 1,
                    _ => {}
                }
            }
            end
        }
        Some((_, '\'')) => {
            let mut rest = chars.peekable();
            while let Some((i, c)) = rest.next() {
                if c == '\'' {
                    if rest.peek().is_some_and(|(_, n)| *n == '\'') {
                        rest.next();
                    } else {
                        return start + i + 1;
                    }
                }
            }
            end
        }
        _ => end,
    }
}

/// `node`'s span, ending where its scalar really ends (see [`scalar_end`]).
pub(crate) fn tight(text: &str, node: &Node) -> Span {
    let mut span = node.span;
    if !matches!(node.value, Value::Seq(_) | Value::Map(_)) {
        span.end.offset = scalar_end(text, node);
    }
    span
}

/// The source text of the scalar `node`, when its span is a valid range of `text`.
pub(crate) fn source<'t>(text: &'t str, node: &Node) -> Option<&'t str> {
    text.get(node.span.start.offset..scalar_end(text, node))
}

/// Replaces the scalar `node` by the string `value`, keeping its quoting style.
pub(crate) fn replace_scalar(text: &str, node: &Node, value: &str) -> Option<Edit> {
    if matches!(node.value, Value::Seq(_) | Value::Map(_)) {
        return None;
    }
    let src = source(text, node)?;
    if src.contains(['\n', '\r']) {
        return None;
    }
    let new = match src.chars().next() {
        Some('"') => crate::yaml::double_quoted(value),
        Some('\'') if !value.contains(['\n', '\r']) => format!("'{}'", value.replace('\'', "''")),
        // Block scalars, aliases, anchors and tags: not a plain value we can swap.
        Some('|' | '>' | '*' | '&' | '!' | '\'') => return None,
        // An empty value (`key:`) has an empty span: write after the colon.
        None => format!(" {}", scalar(value)),
        Some(_) => scalar(value),
    };
    Some(Edit {
        start: node.span.start.offset,
        end: node.span.start.offset + src.len(),
        text: new,
    })
}

/// The line ending the text uses: that of its first line (CRLF, a lone CR or LF).
pub(crate) fn newline(text: &str) -> &'static str {
    let bytes = text.as_bytes();
    match bytes
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map(|i| &bytes[i..])
    {
        Some([b'\r', b'\n', ..]) => "\r\n",
        Some([b'\r', ..]) => "\r",
        _ => "\n",
    }
}

fn line_start(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1)
}

/// Offset just after the line break that ends the line containing `offset` (or the end
/// of the text), and whether a line break was found.
fn line_end(text: &str, offset: usize) -> (usize, bool) {
    match text.get(offset..).and_then(|t| t.find('\n')) {
        Some(i) => (offset + i + 1, true),
        None => (text.len(), false),
    }
}

/// The entries of a block mapping (not `{...}`), with the indentation of its keys.
fn block_entries<'n>(text: &str, map: &'n Node) -> Option<(&'n [Entry], String)> {
    let Value::Map(entries) = &map.value else {
        return None;
    };
    let first = entries.first()?;
    if text[..].get(map.span.start.offset..)?.starts_with('{') {
        return None;
    }
    let key_at = first.key_span.start.offset;
    let prefix = text.get(line_start(text, key_at)..key_at)?;
    // `  - key:` (the first key of a sequence item) indents like `    key:`.
    if !prefix.chars().all(|c| c == ' ' || c == '-') {
        return None;
    }
    // Every key of the map must start its own line at that indentation.
    for e in entries {
        let at = e.key_span.start.offset;
        let p = text.get(line_start(text, at)..at)?;
        if p.chars().count() != prefix.chars().count() || !p.chars().all(|c| c == ' ' || c == '-') {
            return None;
        }
    }
    Some((entries, " ".repeat(prefix.chars().count())))
}

/// Where a new entry goes: after the line of `after`'s value if that key exists, else
/// after the last entry. Returns the offset and whether a line break must come first.
fn insertion_point(text: &str, entries: &[Entry], after: &[&str]) -> Option<(usize, bool)> {
    let anchor = after
        .iter()
        .find_map(|k| entries.iter().find(|e| e.key == *k))
        .or_else(|| entries.last())?;
    let end = anchor.value.span.end.offset.max(anchor.key_span.end.offset);
    let (at, found) = line_end(text, end);
    Some((at, !found))
}

/// Inserts `key: value` (a string) into the block mapping `map`, after the entry `after`
/// when it exists. `None` if the key exists or the mapping is not block style.
pub(crate) fn insert_entry(
    text: &str,
    map: &Node,
    key: &str,
    value: &str,
    after: &[&str],
) -> Option<Edit> {
    insert_lines(text, map, key, after, |indent, nl| {
        format!("{indent}{}: {}{nl}", scalar(key), scalar(value))
    })
}

/// Inserts `key:` holding the one-entry mapping `child: value` into the block mapping `map`.
pub(crate) fn insert_nested(
    text: &str,
    map: &Node,
    key: &str,
    child: &str,
    value: &str,
    after: &[&str],
) -> Option<Edit> {
    insert_lines(text, map, key, after, |indent, nl| {
        format!(
            "{indent}{}:{nl}{indent}  {}: {}{nl}",
            scalar(key),
            scalar(child),
            scalar(value)
        )
    })
}

/// Inserts the lines `render(indent, newline)` for a new `key` into the block mapping
/// `map` (after the entry `after` when it exists); `None` if the key exists or the mapping
/// is not block style.
fn insert_lines(
    text: &str,
    map: &Node,
    key: &str,
    after: &[&str],
    render: impl FnOnce(&str, &str) -> String,
) -> Option<Edit> {
    if map.entry(key).is_some() {
        return None;
    }
    let (entries, indent) = block_entries(text, map)?;
    let (at, break_first) = insertion_point(text, entries, after)?;
    let nl = newline(text);
    let lead = if break_first { nl } else { "" };
    Some(Edit {
        start: at,
        end: at,
        text: format!("{lead}{}", render(&indent, nl)),
    })
}

/// Removes the entry `key` (its whole lines) from the block mapping `map`. `None` when it
/// is the only entry (the mapping would become null), or shares a line with other content.
pub(crate) fn remove_entry(text: &str, map: &Node, key: &str) -> Option<Edit> {
    let (entries, _) = block_entries(text, map)?;
    if entries.len() < 2 {
        return None;
    }
    let entry = entries.iter().find(|e| e.key == key)?;
    let key_at = entry.key_span.start.offset;
    let start = line_start(text, key_at);
    if !text.get(start..key_at)?.chars().all(|c| c == ' ') {
        return None;
    }
    let end = entry.value.span.end.offset.max(entry.key_span.end.offset);
    let (stop, _) = line_end(text, end);
    // The reader ends a flow collection at its last item: its closing brackets follow.
    let rest = text
        .get(end..stop)?
        .trim_start_matches([']', '}', ',', ' ', '\t']);
    let rest = rest.trim();
    if !(rest.is_empty() || rest.starts_with('#')) {
        return None;
    }
    Some(Edit {
        start,
        end: stop,
        text: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{documents, Limits};

    fn root(text: &str) -> Node {
        documents(text, &Limits::default())
            .next()
            .and_then(|d| d.root)
            .unwrap_or(Node {
                value: Value::Null,
                span: Default::default(),
            })
    }

    #[test]
    fn replaces_scalars_keeping_their_style() {
        let text = "a: x # c\nb: \"y\" # d\nc: 'z' # e\n";
        let r = root(text);
        let cases = [
            ("a", "new", "a: new # c\n"),
            ("b", "yes", "b: \"yes\" # d\n"),
            ("c", "it's", "c: 'it''s' # e\n"),
        ];
        for (key, value, line) in cases {
            let node = r.get(key).cloned().unwrap_or(r.clone());
            let edit = replace_scalar(text, &node, value);
            let out = edit
                .and_then(|e| apply_edits(text, &[e]))
                .unwrap_or_default();
            assert!(out.contains(line), "{key}: {out}");
        }
        let plain = r.get("a").cloned().unwrap_or(r.clone());
        let edit = replace_scalar(text, &plain, "on");
        let out = edit
            .and_then(|e| apply_edits(text, &[e]))
            .unwrap_or_default();
        assert_eq!(out, "a: \"on\" # c\nb: \"y\" # d\nc: 'z' # e\n");
    }

    #[test]
    fn inserts_with_the_siblings_indentation() {
        let text = "m:\n    a: 1 # one\n    b:\n      c: 2\nz: 3\n";
        let r = root(text);
        let m = r.get("m").cloned().unwrap_or(r.clone());
        let out = insert_entry(text, &m, "k", "v", &[])
            .and_then(|e| apply_edits(text, &[e]))
            .unwrap_or_default();
        assert_eq!(
            out,
            "m:\n    a: 1 # one\n    b:\n      c: 2\n    k: v\nz: 3\n"
        );
        let out = insert_entry(text, &m, "k", "v", &["a"])
            .and_then(|e| apply_edits(text, &[e]))
            .unwrap_or_default();
        assert_eq!(
            out,
            "m:\n    a: 1 # one\n    k: v\n    b:\n      c: 2\nz: 3\n"
        );
        let out = insert_nested(text, &m, "labels", "x/y", "yes", &[])
            .and_then(|e| apply_edits(text, &[e]))
            .unwrap_or_default();
        assert_eq!(
            out,
            "m:\n    a: 1 # one\n    b:\n      c: 2\n    labels:\n      x/y: \"yes\"\nz: 3\n"
        );
    }

    #[test]
    fn inserts_into_a_sequence_item_and_at_the_end_without_newline() {
        let text = "- a: 1\n  b: 2";
        let r = root(text);
        let item = match &r.value {
            Value::Seq(items) => items.first().cloned(),
            _ => None,
        };
        let out = item
            .and_then(|m| insert_entry(text, &m, "c", "3", &[]))
            .and_then(|e| apply_edits(text, &[e]))
            .unwrap_or_default();
        assert_eq!(out, "- a: 1\n  b: 2\n  c: \"3\"\n");
    }

    #[test]
    fn refuses_flow_mappings() {
        let text = "m: {a: 1}\n";
        let r = root(text);
        let m = r.get("m").cloned().unwrap_or(r.clone());
        assert_eq!(insert_entry(text, &m, "k", "v", &[]), None);
        assert_eq!(remove_entry(text, &m, "a"), None);
    }

    #[test]
    fn removes_whole_entry_lines() {
        let text = "spec:\n  selector:\n    app: x # pods\n  ports: []\n";
        let r = root(text);
        let spec = r.get("spec").cloned().unwrap_or(r.clone());
        let out = remove_entry(text, &spec, "selector")
            .and_then(|e| apply_edits(text, &[e]))
            .unwrap_or_default();
        assert_eq!(out, "spec:\n  ports: []\n");
    }

    #[test]
    fn changes_apply_to_json() {
        let mut j = serde_json::json!({"metadata": {"name": "a"}});
        let ok = apply_changes(
            &mut j,
            &[
                Change::Set(
                    vec![
                        JsonStep::Key("metadata".into()),
                        JsonStep::Key("labels".into()),
                        JsonStep::Key("k".into()),
                    ],
                    J::from("v"),
                ),
                Change::Remove(vec![
                    JsonStep::Key("metadata".into()),
                    JsonStep::Key("name".into()),
                ]),
            ],
        );
        assert!(ok);
        assert_eq!(j, serde_json::json!({"metadata": {"labels": {"k": "v"}}}));
    }
}
