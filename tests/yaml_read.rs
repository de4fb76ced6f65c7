//! The YAML reader: positions (UTF-16 columns), YAML 1.1 scalars, duplicate keys,
//! merge keys, document splitting, errors.

use extsvc::yaml::{documents, Limits, Node, Value, YamlErrorKind};

fn docs(text: &str) -> Vec<extsvc::yaml::Document> {
    documents(text, &Limits::default()).collect()
}

fn root(text: &str) -> Node {
    let d = docs(text);
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(d[0].errors.is_empty(), "{:?}", d[0].errors);
    d[0].root.clone().expect("root")
}

#[test]
fn value_positions_are_one_based_lines_and_columns() {
    let text = std::fs::read_to_string("www/examples/seed-mysql.yaml").unwrap();
    let d = docs(&text);
    assert_eq!(d.len(), 2);
    assert_eq!((d[0].index, d[1].index), (0, 1));
    let ep = d[1].root.as_ref().unwrap();
    let name = ep.get("metadata").unwrap().get("name").unwrap();
    assert_eq!(name.value, Value::Str("mysql-ep".into()));
    assert_eq!((name.span.start.line, name.span.start.column), (22, 9));
    assert_eq!((name.span.end.line, name.span.end.column), (22, 17));
    let port_name = ep.locate(
        &extsvc::field_path::FieldPath::root()
            .field("subsets")
            .index(0)
            .field("ports")
            .index(0)
            .field("name"),
    );
    assert_eq!((port_name.start.line, port_name.start.column), (28, 15));
}

#[test]
fn columns_count_utf16_code_units() {
    // "é" is 1 UTF-16 unit, "😀" is 2 (a surrogate pair); both are more than 1 UTF-8 byte.
    let r = root("a: \"é😀\"\nb: [é😀, x]\n");
    let b = r.get("b").unwrap();
    let Value::Seq(items) = &b.value else {
        panic!()
    };
    assert_eq!(items[1].span.start.line, 2);
    assert_eq!(items[1].span.start.column, 10); // `b: [` 4 + `é` 1 + `😀` 2 + `, ` 2 → col 10
}

#[test]
fn crlf_and_bom_keep_columns_right() {
    let r = root("\u{feff}a: 1\r\nb:\r\n  c: x\r\n");
    let c = r.get("b").unwrap().get("c").unwrap();
    assert_eq!((c.span.start.line, c.span.start.column), (3, 6));
    let a = r.get("a").unwrap();
    assert_eq!((a.span.start.line, a.span.start.column), (1, 4));
}

#[test]
fn yaml_1_1_booleans_and_quoted_strings() {
    let r = root("a: yes\nb: 'yes'\nc: off\nd: 0x10\ne: \"3306\"\nf: ~\n");
    assert_eq!(r.get("a").unwrap().value, Value::Bool(true));
    assert_eq!(r.get("b").unwrap().value, Value::Str("yes".into()));
    assert_eq!(r.get("c").unwrap().value, Value::Bool(false));
    assert_eq!(r.get("d").unwrap().value, Value::Int(16));
    assert_eq!(r.get("e").unwrap().value, Value::Str("3306".into()));
    assert_eq!(r.get("f").unwrap().value, Value::Null);
}

#[test]
fn duplicate_keys_are_reported_at_the_second_key() {
    let d = docs("metadata:\n  name: a\n  name: b\n");
    assert_eq!(d[0].errors.len(), 1);
    let e = &d[0].errors[0];
    assert_eq!(e.kind, YamlErrorKind::DuplicateKey);
    assert_eq!((e.span.start.line, e.span.start.column), (3, 3));
    assert!(
        e.message.contains("\"name\"") && e.message.contains("line 2"),
        "{}",
        e.message
    );
}

#[test]
fn merge_keys_are_honoured_and_explicit_keys_win() {
    let r = root("base: &b {port: 80, protocol: UDP}\nport:\n  protocol: TCP\n  <<: *b\n");
    let p = r.get("port").unwrap();
    assert_eq!(p.get("protocol").unwrap().value, Value::Str("TCP".into()));
    assert_eq!(p.get("port").unwrap().value, Value::Int(80));
}

#[test]
fn documents_split_on_separator_lines_and_skip_empty_ones() {
    let d = docs("---\n# only a comment\n---\na: 1\n---   # trailing comment\n\n---\nb: 2\n");
    assert_eq!(d.len(), 2);
    assert_eq!(d[1].index, 1);
    let b = d[1].root.as_ref().unwrap().get("b").unwrap();
    assert_eq!(b.span.start.line, 8);
}

#[test]
fn a_separator_line_with_more_than_a_comment_is_kubectls_error() {
    // YAMLReader (apimachinery util/yaml): "We only allow comments and spaces following the
    // yaml doc separator": `--- |` once swallowed the next document as a block scalar,
    // and `---apiVersion: v1` comes from templates that trim a line break.
    let d = docs("a: 1\n--- |\nb: 2\n---apiVersion: v1\r\nc: 3\n--- # fine\nd: 4\n");
    let shape: Vec<(usize, bool, Option<String>)> = d
        .iter()
        .map(|x| {
            (
                x.index,
                x.root.is_some(),
                x.errors.first().map(|e| e.message.clone()),
            )
        })
        .collect();
    let bad = |s: &str| Some(format!("invalid Yaml document separator: {s}"));
    assert_eq!(
        shape,
        [
            (0, true, None),
            (1, false, bad("|")),
            (2, true, None),
            (3, false, bad("apiVersion: v1")),
            (4, true, None),
            (5, true, None),
        ]
    );
    let span = d[3].errors[0].span;
    assert_eq!((span.start.line, span.start.column), (4, 1));
    assert_eq!(span.start.offset, "a: 1\n--- |\nb: 2\n".len());
    assert_eq!(d[3].errors[0].kind, YamlErrorKind::Syntax);
    assert_eq!(
        d[4].root
            .as_ref()
            .unwrap()
            .get("c")
            .unwrap()
            .span
            .start
            .line,
        5
    );
}

#[test]
fn bad_separator_lines_count_towards_the_document_limit() {
    // Found in review: each `---x` line was an error document past the limit, so 256 MiB of
    // them would have made some 53 million diagnostics.
    let limits = Limits {
        max_documents: 3,
        ..Limits::default()
    };
    let d: Vec<_> = documents(&"---x\n".repeat(10), &limits).collect();
    let kinds: Vec<YamlErrorKind> = d.iter().map(|x| x.errors[0].kind).collect();
    use YamlErrorKind::{Limit, Syntax};
    assert_eq!(kinds, [Syntax, Syntax, Syntax, Limit]);
    assert_eq!(d[3].errors[0].span.start.line, 4);
}

#[test]
fn a_syntax_error_does_not_hide_the_next_document() {
    let d = docs("a: [1, 2\n---\nb: 2\n");
    assert_eq!(d.len(), 2);
    assert_eq!(d[0].errors[0].kind, YamlErrorKind::Syntax);
    assert!(d[0].root.is_none());
    assert!(d[1].errors.is_empty() && d[1].root.is_some());
}

#[test]
fn tabs_in_indentation_are_a_syntax_error() {
    let d = docs("a:\n\tb: 1\n");
    assert!(
        d[0].errors.iter().any(|e| e.kind == YamlErrorKind::Syntax),
        "{d:?}"
    );
}

#[test]
fn alias_bombs_hit_the_node_limit() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let p = i - 1;
        text.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let d = docs(&text);
    assert!(
        d[0].errors.iter().any(|e| e.kind == YamlErrorKind::Limit),
        "{:?}",
        d[0].errors
    );
    assert!(d[0].root.is_none());
}

#[test]
fn deep_nesting_hits_the_depth_limit() {
    let text = "[".repeat(100_000);
    let d = docs(&text);
    assert!(
        d[0].errors
            .iter()
            .any(|e| matches!(e.kind, YamlErrorKind::Limit | YamlErrorKind::Syntax)),
        "{:?}",
        d[0].errors
    );
    let block: String = (0..100_000)
        .map(|i| format!("{}a:\n", " ".repeat(i % 2000)))
        .collect();
    let d = docs(&block);
    assert!(!d.is_empty());
}

#[test]
fn non_scalar_keys_are_unsupported() {
    let d = docs("? [a, b]\n: c\n");
    assert_eq!(d[0].errors[0].kind, YamlErrorKind::Unsupported);
}

#[test]
fn json_conversion_follows_go() {
    let r = root("a: 3306.0\nb: .nan\n");
    assert_eq!(
        r.get("a").unwrap().to_json().unwrap(),
        serde_json::json!(3306)
    );
    assert!(r.get("b").unwrap().to_json().is_err());
}

#[test]
fn emitted_yaml_rereads_to_the_same_json() {
    let doc = serde_json::json!({
        "apiVersion": "v1", "kind": "Service",
        "metadata": {"name": "n", "labels": {"on": "yes", "x": "0777", "e": "", "q": "a: b", "u": "é😀"}},
        "spec": {"ports": [{"name": "p", "port": 1}, {"name": "q", "port": 2}], "list": [[1, 2], []], "empty": {}, "n": null, "f": 1.5, "b": false}
    });
    let text = extsvc::yaml::emit_documents(&[doc.clone(), doc.clone()]);
    let back: Vec<_> = docs(&text)
        .into_iter()
        .map(|d| d.root.unwrap().to_json().unwrap())
        .collect();
    assert_eq!(back, vec![doc.clone(), doc], "{text}");
}

#[test]
fn byte_offsets_and_document_ranges_address_the_input() {
    let text = "\u{feff}a: é\n---\nb: 😀x\n";
    let body = text.strip_prefix('\u{feff}').unwrap();
    let d = docs(text);
    assert_eq!(&body[d[0].range.clone()], "a: é\n");
    assert_eq!(&body[d[1].range.clone()], "b: 😀x\n");
    let b = d[1].root.as_ref().unwrap().get("b").unwrap();
    assert_eq!(&body[b.span.start.offset..b.span.end.offset], "😀x");
    assert_eq!((b.span.start.column, b.span.end.column), (4, 7));
}

#[test]
fn quoted_scalar_spans_end_at_the_closing_quote() {
    let r =
        root("a: \"x y\"  # comment\nb: 'it''s'   # c\nc: \"multi\n  line\" # c\nd: plain # c\n");
    let span = |k: &str| {
        let s = r.get(k).unwrap().span;
        (s.start.line, s.start.column, s.end.line, s.end.column)
    };
    assert_eq!(span("a"), (1, 4, 1, 9));
    assert_eq!(span("b"), (2, 4, 2, 11));
    assert_eq!(span("c"), (3, 4, 4, 8));
    assert_eq!(span("d"), (5, 4, 5, 9));
}

#[test]
fn a_lone_carriage_return_is_a_line_break_across_documents_too() {
    // Found by fuzzing: saphyr counts a lone CR as a line break inside a document, so the
    // line offsets of later documents must count it as well.
    let d = docs("a: 1\r\rb: 2\n---\nc: 3\n");
    let c = d[1].root.as_ref().unwrap().get("c").unwrap();
    assert_eq!(c.span.start.line, 5);
}

#[test]
fn an_error_at_the_end_of_input_is_placed_on_the_last_line() {
    // Found by fuzzing: saphyr put an end-of-input error one line past the last line when
    // the input does not end in a newline.
    let d = docs("a: 1\nb: [x\nme k");
    let e = &d[0].errors[0];
    assert_eq!(e.kind, YamlErrorKind::Syntax);
    assert!(e.span.start.line <= 3, "{e:?}");
}

#[test]
fn old_mac_line_endings_split_documents_and_count_lines() {
    // A file with lone-CR line endings once read as one comment line, silently empty.
    let text = "# comment\rapiVersion: v1\rkind: Service\r---\rapiVersion: v1\rkind: Endpoints\r";
    let d = docs(text);
    assert_eq!(d.len(), 2, "{d:?}");
    let kind = d[1].root.as_ref().unwrap().get("kind").unwrap();
    assert_eq!((kind.span.start.line, kind.span.start.column), (6, 7));
    let crlf = docs("a: 1\r\n---\r\nb: 2\r\n");
    assert_eq!(crlf.len(), 2);
    assert_eq!(
        crlf[1]
            .root
            .as_ref()
            .unwrap()
            .get("b")
            .unwrap()
            .span
            .start
            .line,
        3
    );
}

#[test]
fn a_stream_of_json_objects_is_read_value_by_value() {
    // kubectl accepts several JSON objects one after another (YAMLOrJSONDecoder); found in
    // review: this was one YAML document with a syntax error.
    let d = docs("{\"a\": \"}\\\"{\", \"b\": [1, {\"c\": 2}]}\n{\"d\": 3}\n\n  {\"e\":\n 4}");
    assert_eq!(d.len(), 3, "{d:?}");
    assert!(d.iter().all(|d| d.errors.is_empty()), "{d:?}");
    assert_eq!(
        d[0].root.as_ref().unwrap().get("a").unwrap().value,
        Value::Str("}\"{".into())
    );
    let e = d[2].root.as_ref().unwrap().get("e").unwrap();
    assert_eq!((e.span.start.line, e.span.start.column), (5, 2));
    let broken = docs("{\"a\": [1, 2}\n{\"b\": 1}\n");
    assert!(broken.iter().any(|d| !d.errors.is_empty()));
}

/// go-yaml (kubectl) takes a tab after a `:` indicator as the blank it needs; saphyr alone
/// refuses `key:<TAB>value`. Values and positions are those of the same text with spaces;
/// a tab inside a quoted value stays a tab.
#[test]
fn a_tab_after_a_colon_is_a_blank_as_in_go_yaml() {
    let tabbed = "metadata:\n  name:\tmysql-svc\n  note: \"a:\tb\"\nspec:\n  ports:\n    - name:\t\tdb\n      port: 3306\n";
    let spaced = tabbed.replace(":\t\t", ":  ").replace("name:\t", "name: ");
    let (t, s) = (root(tabbed), root(&spaced));
    assert_eq!(t, s, "same tree, spans included");
    let note = t.get("metadata").and_then(|m| m.get("note"));
    assert_eq!(
        note.map(|n| n.value.clone()),
        Some(Value::Str("a:\tb".into()))
    );
    // Many such tabs in one document stay bounded: the re-reading has a budget, after which
    // the error is reported (never a hang).
    let many: String = (0..3000).map(|i| format!("k{i}:\tv{i}\n")).collect();
    let d = docs(&many);
    assert_eq!(d.len(), 1);
    assert!(d[0].root.is_none(), "over the budget");
    assert_eq!(d[0].errors.len(), 1);
    assert_eq!(d[0].errors[0].kind, YamlErrorKind::Syntax);
}

/// JSON values back to back on one line (`{...}{...}`, as some tools concatenate them):
/// each value's columns count from the start of the line, not from where the value starts.
#[test]
fn json_values_on_one_line_keep_their_columns() {
    let text = "{\"a\":\"é\"}{\"b\":1} {\"c\":\n\"x\"}{\"d\":2}\n";
    let d = docs(text);
    assert_eq!(d.len(), 4, "{d:?}");
    let at = |i: usize, key: &str| {
        let node = d[i].root.as_ref().and_then(|r| r.get(key)).expect("value");
        (node.span.start.line, node.span.start.column)
    };
    // `{"a":"é"}` is 9 UTF-16 units: `{"b":1}` starts at column 10, its value at 15.
    assert_eq!(at(0, "a"), (1, 6));
    assert_eq!(at(1, "b"), (1, 15));
    assert_eq!(at(2, "c"), (2, 1));
    // After a value that spans lines, the next one counts from its own line's start.
    assert_eq!(at(3, "d"), (2, 10));
}
