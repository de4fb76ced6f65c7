//! Deterministic, kubectl-style YAML: `apiVersion`, `kind`, `metadata` first, then the
//! other top-level fields, keys sorted below that; 2-space indent; sequences indented
//! under their key. Any string a YAML 1.1 reader would take as something else (`yes`,
//! `0777`, `~`, `1e3`, ...) is double-quoted, so the output re-reads to the same values.

use std::fmt::Write;

use serde_json::Value as J;

use super::scalar::resolve_plain;
use super::Value;

/// Emits each value as one document, separated by `---` lines.
pub fn emit_documents(docs: &[J]) -> String {
    let mut out = String::new();
    for (i, doc) in docs.iter().enumerate() {
        if i > 0 {
            out.push_str("---\n");
        }
        out.push_str(&emit_value(doc));
    }
    out
}

/// Emits one value as a YAML document (ending in a newline).
pub fn emit_value(value: &J) -> String {
    let mut out = String::new();
    match value {
        J::Object(map) if !map.is_empty() => {
            let keys = top_level_order(map);
            block_map(&mut out, map, &keys, 0);
        }
        J::Array(items) if !items.is_empty() => block_seq(&mut out, items, 0),
        scalar => {
            inline(&mut out, scalar);
            out.push('\n');
        }
    }
    out
}

/// `apiVersion`, `kind`, `metadata`, then the rest in key order (kubectl's layout).
fn top_level_order(map: &serde_json::Map<String, J>) -> Vec<&String> {
    const FIRST: [&str; 3] = ["apiVersion", "kind", "metadata"];
    let mut keys: Vec<&String> = map.keys().collect();
    crate::sort::sort_by_key(&mut keys, |k| {
        (
            FIRST.iter().position(|f| f == k).unwrap_or(FIRST.len()),
            k.as_str(),
        )
    });
    keys
}

fn block_map(out: &mut String, map: &serde_json::Map<String, J>, keys: &[&String], indent: usize) {
    for (i, key) in keys.iter().enumerate() {
        if i > 0 || !out.ends_with("- ") {
            pad(out, indent);
        }
        string(out, key);
        out.push(':');
        value_after_key(out, &map[key.as_str()], indent);
    }
}

fn value_after_key(out: &mut String, value: &J, indent: usize) {
    match value {
        J::Object(m) if !m.is_empty() => {
            out.push('\n');
            let mut keys: Vec<&String> = m.keys().collect();
            crate::sort::sort_by(&mut keys, Ord::cmp);
            block_map(out, m, &keys, indent + 2);
        }
        J::Array(items) if !items.is_empty() => {
            out.push('\n');
            block_seq(out, items, indent + 2);
        }
        scalar => {
            out.push(' ');
            inline(out, scalar);
            out.push('\n');
        }
    }
}

fn block_seq(out: &mut String, items: &[J], indent: usize) {
    for item in items {
        pad(out, indent);
        out.push_str("- ");
        match item {
            J::Object(m) if !m.is_empty() => {
                let mut keys: Vec<&String> = m.keys().collect();
                crate::sort::sort_by(&mut keys, Ord::cmp);
                block_map(out, m, &keys, indent + 2);
            }
            J::Array(inner) if !inner.is_empty() => {
                out.push('\n');
                block_seq(out, inner, indent + 2);
            }
            scalar => {
                inline(out, scalar);
                out.push('\n');
            }
        }
    }
}

fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// A scalar or an empty collection on one line.
fn inline(out: &mut String, value: &J) {
    match value {
        J::Null => out.push_str("null"),
        J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        J::Number(n) => {
            let _ = write!(out, "{n}");
        }
        J::String(s) => string(out, s),
        J::Array(_) => out.push_str("[]"),
        J::Object(_) => out.push_str("{}"),
    }
}

fn string(out: &mut String, s: &str) {
    if needs_quotes(s) {
        out.push_str(&double_quoted(s));
    } else {
        out.push_str(s);
    }
}

/// `s` as a JSON string literal, which is a YAML double-quoted scalar with the same value.
/// Written by the serializer the JS binding and the reports use (the pretty one; a string
/// is the same in both layouts), so that no second one is compiled (issue 7).
pub(crate) fn double_quoted(s: &str) -> String {
    let json = serde_json::to_string_pretty(s).unwrap_or_else(|_| String::from("\"\""));
    // Nearly always: no copy.
    if !json.contains(raw_breaks_yaml) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 8);
    for c in json.chars() {
        if raw_breaks_yaml(c) {
            use std::fmt::Write;
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// Characters JSON leaves as they are that a YAML reader does not: go-yaml v2 (kubectl)
/// refuses a stream holding DEL, a C1 control other than NEL, U+FFFE or U+FFFF, and reads
/// NEL, U+2028 and U+2029 as line breaks (a quoted value folds them). `\uXXXX` reads back.
fn raw_breaks_yaml(c: char) -> bool {
    matches!(
        c,
        '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{fffe}' | '\u{ffff}'
    )
}

/// Whether `s` must be quoted to be read back as this string: it resolves to another
/// type under YAML 1.1 (or 1.2), looks like a number, date or sexagesimal, starts with
/// an indicator, or contains characters that end or break a plain scalar.
pub fn needs_quotes(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return true;
    };
    // `<<` is the merge key and `=` the YAML 1.1 value key.
    if !matches!(resolve_plain(s), Value::Str(_)) || s == "<<" || s == "=" {
        return true;
    }
    // Numbers, dates and sexagesimals of other YAML readers all start with a digit or sign.
    if first.is_ascii_digit() && s.contains(['-', ':', '.', '_', 'e', 'E']) && !is_plain_ip_like(s)
    {
        return true;
    }
    if "-?:,[]{}#&*!|>'\"%@` \t".contains(first) || s.ends_with([' ', '\t', ':']) {
        return true;
    }
    crate::text::contains(s, ": ")
        || crate::text::contains(s, " #")
        || s.chars()
            .any(|c| c.is_control() || c == '\u{feff}' || raw_breaks_yaml(c))
}

/// Dotted IPv4 addresses (`10.0.0.1`) are plain strings to every YAML reader.
fn is_plain_ip_like(s: &str) -> bool {
    s.split('.').count() == 4
        && s.split('.')
            .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn kubectl_layout() {
        let doc = json!({
            "spec": {"ports": [{"port": 3306, "name": "mysql"}], "clusterIP": "None"},
            "metadata": {"name": "mysql-svc", "labels": {}},
            "kind": "Service",
            "apiVersion": "v1",
        });
        let want = "apiVersion: v1\nkind: Service\nmetadata:\n  labels: {}\n  name: mysql-svc\nspec:\n  clusterIP: None\n  ports:\n    - name: mysql\n      port: 3306\n";
        assert_eq!(emit_value(&doc), want);
    }

    #[test]
    fn ambiguous_strings_are_quoted() {
        for s in [
            "yes",
            "on",
            "N",
            "~",
            "null",
            "",
            "0777",
            "1e3",
            "1_000",
            "12:30",
            "2001-12-14",
            "<<",
            "- x",
            "a: b",
            "a #b",
            " x",
            "x:",
            "true",
            "3306",
            ".5",
            "0x1F",
            "*x",
            "line\nbreak",
            "a\u{fffe}",
        ] {
            assert!(needs_quotes(s), "{s:?} must be quoted");
        }
        for s in [
            "mysql",
            "mysql-svc",
            "10.0.0.1",
            "fe80::1",
            "TCP",
            "kubernetes.io/service-name",
            "db.example.com",
            "yesterday",
        ] {
            assert!(!needs_quotes(s), "{s:?} can stay plain");
        }
    }

    #[test]
    fn characters_yaml_breaks_or_refuses_are_escaped() {
        // JSON escaping left them raw: a generated annotation `"\u{2028}\u{85} \t#"` read
        // back from kubectl's YAML as `"\u{2028}\n\t#"` (helper's report, issue 7).
        for c in [
            '\u{7f}', '\u{80}', '\u{85}', '\u{9f}', '\u{2028}', '\u{2029}', '\u{fffe}', '\u{ffff}',
        ] {
            let value = format!("a{c} b");
            let quoted = double_quoted(&value);
            assert!(!quoted.contains(c), "{c:?} raw in {quoted}");
            assert_eq!(quoted, format!("\"a\\u{:04x} b\"", u32::from(c)));
            let doc = format!("k: {quoted}\n");
            let read = crate::yaml::documents(&doc, &Default::default())
                .next()
                .and_then(|d| d.root);
            assert_eq!(
                read.and_then(|r| r.get("k").and_then(|n| n.as_str().map(str::to_string))),
                Some(value)
            );
        }
        assert_eq!(double_quoted("plain é \u{a0}"), "\"plain é \u{a0}\"");
    }
}
