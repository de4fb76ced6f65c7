//! Generating from the spec's JSON text (a file, stdin, the playground's editor): the same
//! as [`super::generate`], plus a [`Location`] on every diagnostic, and a diagnostic rather
//! than an error when the text is not JSON.
//!
//! serde_json decides what the text means; the YAML reader (JSON is YAML's flow style) is
//! only asked where each input field is, so positions use the crate's one convention
//! (1-based lines, UTF-16 columns). When it cannot read the text, diagnostics carry no
//! location.

use super::{diag, generate, GenerateResult};
use crate::diagnostic::Location;
use crate::field_path::FieldPath;
use crate::yaml::{documents, Limits, Node};

/// Generates from JSON text; diagnostics carry the location of their input field.
pub fn generate_text(text: &str) -> GenerateResult {
    // A byte-order mark (Windows editors write one) is not JSON, but the spec after it is.
    // Columns do not count it, as the YAML reader's do not.
    let json = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: serde_json::Value = match serde_json::from_str(json) {
        Ok(value) => value,
        Err(err) => {
            let mut d = diag("SPEC-JSON", "", format!("not valid JSON: {err}"));
            d.location = json_error_location(json, err.line(), err.column());
            return GenerateResult {
                diagnostics: vec![d],
                ..GenerateResult::default()
            };
        }
    };
    let mut result = generate(&value);
    if result.diagnostics.is_empty() {
        return result;
    }
    let root = documents(text, &Limits::default())
        .next()
        .filter(|doc| doc.errors.is_empty())
        .and_then(|doc| doc.root);
    if let Some(root) = root {
        for d in &mut result.diagnostics {
            let path = parse_path(d.path.as_deref().unwrap_or(""));
            d.location = Some(locate(&root, &path));
        }
    }
    result
}

/// The span of the field at `path`, or of its nearest existing ancestor. Unknown fields
/// and label/annotation entries are reported at their key, other fields at their value.
fn locate(root: &Node, path: &FieldPath) -> Location {
    use crate::field_path::Segment;
    if let [parents @ .., Segment::Key(last)] = path.segments() {
        let parent = FieldPath::of(parents.to_vec());
        if let Some(entry) = node_at(root, &parent).and_then(|n| n.entry(last)) {
            let in_map =
                matches!(parents, [Segment::Key(k)] if k == "labels" || k == "annotations");
            let span = if in_map || is_unknown_key(last) {
                entry.key_span
            } else {
                entry.value.span
            };
            return span.location();
        }
    }
    root.locate(path).location()
}

/// The node at exactly `path`, if it exists.
fn node_at<'a>(root: &'a Node, path: &FieldPath) -> Option<&'a Node> {
    use crate::field_path::Segment;
    use crate::yaml::Value;
    let mut node = root;
    for segment in path.segments() {
        node = match (segment, &node.value) {
            (Segment::Field(name), Value::Map(_)) => node.get(name)?,
            (Segment::Key(key), Value::Map(_)) => node.get(key)?,
            (Segment::Index(i), Value::Seq(items)) => items.get(*i)?,
            _ => return None,
        };
    }
    Some(node)
}

/// Fields of the spec and of its ports; anything else in their place is an unknown field.
fn is_unknown_key(key: &str) -> bool {
    use crate::model::{PORT_FIELDS, SPEC_FIELDS};
    !SPEC_FIELDS.contains(&key) && !PORT_FIELDS.contains(&key)
}

/// Reads a generator path (`ports[0].port`, `labels[app.kubernetes.io/name]`) back into
/// segments. Names become map keys, which [`Node::locate`] treats like fields.
fn parse_path(path: &str) -> FieldPath {
    let mut out = FieldPath::root();
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(inner) = rest.strip_prefix('[') {
            // Label keys cannot contain ']' when valid; an invalid one just locates less
            // precisely (at the nearest ancestor).
            let (content, tail) = inner.split_once(']').unwrap_or((inner, ""));
            out = match content.parse::<usize>() {
                Ok(i) => out.index(i),
                Err(_) => out.key(content),
            };
            rest = tail;
        } else {
            let rest_trimmed = rest.strip_prefix('.').unwrap_or(rest);
            let end = rest_trimmed.find(['.', '[']).unwrap_or(rest_trimmed.len());
            let (name, tail) = rest_trimmed.split_at(end);
            if !name.is_empty() {
                out = out.key(name);
            }
            rest = tail;
        }
    }
    out
}

/// serde_json's 1-based line and 1-based byte column (0 at a line start) → [`Location`]
/// with a UTF-16 column, one character wide.
fn json_error_location(text: &str, line: usize, column: usize) -> Option<Location> {
    let line_text = text.lines().nth(line.checked_sub(1)?).unwrap_or("");
    let mut bytes = column.saturating_sub(1).min(line_text.len());
    while !line_text.is_char_boundary(bytes) {
        bytes -= 1;
    }
    let prefix = line_text.get(..bytes).unwrap_or("");
    let col = u32::try_from(prefix.encode_utf16().count() + 1).ok()?;
    let line = u32::try_from(line).ok()?;
    Some(Location {
        line,
        column: col,
        end_line: line,
        end_column: col + 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::field_path::Segment;

    fn located(text: &str) -> Vec<(String, String, u32, u32)> {
        generate_text(text)
            .diagnostics
            .into_iter()
            .map(|d| {
                let l = d.location.expect("located");
                (d.code, d.path.unwrap_or_default(), l.line, l.column)
            })
            .collect()
    }

    #[test]
    fn paths_parse_back_into_segments() {
        use crate::field_path::Segment::{Index, Key};
        let cases: [(&str, Vec<Segment>); 4] = [
            ("name", vec![Key("name".into())]),
            (
                "ports[1].port",
                vec![Key("ports".into()), Index(1), Key("port".into())],
            ),
            (
                "labels[app.kubernetes.io/name]",
                vec![Key("labels".into()), Key("app.kubernetes.io/name".into())],
            ),
            ("ports[0]", vec![Key("ports".into()), Index(0)]),
        ];
        for (text, want) in cases {
            assert_eq!(parse_path(text).segments(), want.as_slice(), "{text}");
        }
    }

    #[test]
    fn diagnostics_point_into_the_text() {
        let text = "{\n  \"name\": \"1db\",\n  \"addresses\": [\"10.0.0.1\", \"127.0.0.1\"],\n  \"ports\": [{\"port\": 0}]\n}\n";
        assert_eq!(
            located(text),
            [
                ("SPEC-NAME".into(), "name".into(), 2, 11),
                ("SPEC-ADDRESS-SPECIAL".into(), "addresses[1]".into(), 3, 29),
                ("SPEC-PORT".into(), "ports[0].port".into(), 4, 22),
            ]
        );
    }

    #[test]
    fn unknown_fields_point_at_their_key_and_non_ascii_counts_utf16() {
        // "é" is one UTF-16 unit, "𝄞" two.
        let text = "{\"name\": \"a\", \"labels\": {\"x\": \"é𝄞\"}, \"adresses\": []}";
        assert_eq!(
            located(text),
            [("SPEC-SCHEMA".into(), "adresses".into(), 1, 39)]
        );
        let text = "{\"name\": \"a\", \"labels\": {\"t\": \"é𝄞 x\"}, \"addresses\": [\"10.0.0.1\"], \"ports\": [{\"port\": 1}]}";
        assert_eq!(
            located(text),
            [("SPEC-LABEL".into(), "labels[t]".into(), 1, 26)]
        );
    }

    #[test]
    fn text_that_is_not_json_is_a_located_diagnostic() {
        let result = generate_text("{\n  \"name\": \"é\" \"x\"\n}");
        let d = &result.diagnostics[0];
        assert_eq!(d.code, "SPEC-JSON");
        assert_eq!(d.path, None);
        let l = d.location.expect("location");
        assert_eq!((l.line, l.column), (2, 15));
        assert!(result.yaml.is_none());
    }
}
