//! The fast YAML reader (src/yaml/fast.rs) against the full one (saphyr): wherever the
//! fast reader does not give up, both must build the same documents — values, keys and
//! every span. Checked on every YAML file in the repository, on generated near-YAML, and
//! (with the same comparison) by the `yaml_readers` fuzz target.

mod common;

use extsvc::yaml::{documents_with, Document, Limits, Readers};
use proptest::prelude::*;

/// Debug text of the documents (NaN-safe, unlike `==` on floats).
fn read(text: &str, readers: Readers) -> Vec<String> {
    documents_with(text, &Limits::default(), readers)
        .map(|d: Document| format!("{d:?}"))
        .collect()
}

fn assert_same(text: &str) {
    let fast = read(text, Readers::Both);
    let full = read(text, Readers::Full);
    assert_eq!(fast, full, "the readers disagree on:\n{text}");
}

/// How many documents of `text` the fast reader reads, and how many there are.
fn fast_share(text: &str) -> (usize, usize) {
    let docs: Vec<Document> = documents_with(text, &Limits::default(), Readers::Fast).collect();
    let read = docs.iter().filter(|d| d.root.is_some()).count();
    (read, docs.len())
}

#[test]
fn both_readers_agree_on_every_yaml_file_of_the_repository() {
    let files = common::yaml_files(&["tests", "www/examples"]);
    assert!(files.len() > 300, "found only {} files", files.len());
    let (mut fast, mut total) = (0, 0);
    for file in &files {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue; // not UTF-8: the pipeline reports it before any reader runs
        };
        assert_same(&text);
        let (f, t) = fast_share(&text);
        fast += f;
        total += t;
    }
    // The fixtures include hostile and exotic YAML on purpose, yet most documents are
    // the plain block style the fast reader exists for.
    assert!(
        fast * 10 >= total * 8,
        "the fast reader read only {fast} of {total} documents"
    );
}

#[test]
fn the_fast_reader_reads_the_examples_whole() {
    for name in [
        "seed-mysql.yaml",
        "postgres-multiport.yaml",
        "redis-dual-stack.yaml",
    ] {
        let path = format!("www/examples/{name}");
        let Ok(text) = std::fs::read_to_string(&path) else {
            panic!("{path} is missing");
        };
        let (read, total) = fast_share(&text);
        assert!(total > 0 && read == total, "{name}: {read} of {total}");
    }
}

#[test]
fn the_fast_reader_gives_up_on_what_it_does_not_handle() {
    let cases: &[&str] = &[
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "a: |\n  text\n",
        "a: >-\n  text\n",
        "a: one\n  two\n",
        "a: \"one\n  two\"\n",
        "a: {b: 1}\n",
        "a:\tb\n",
        "a: b\rc: d\r",
        "a: 1\na: 2\n",
        "<<: {a: 1}\n",
        "? a\n: b\n",
        "a: b: c\n",
        "- - a\n",
        "a: [b, [c]]\n",
        "a: \"\\q\"\n",
        "%YAML 1.1\n--- a\n",
        "plain scalar\n",
        // Implicit keys are limited to 1024 characters.
        &format!("{}: 1\n", "k".repeat(1100)),
    ];
    for text in cases {
        let (read, total) = fast_share(text);
        assert_eq!(
            read, 0,
            "the fast reader should leave {text:?} to the full reader ({total} docs)"
        );
        assert_same(text);
    }
}

#[test]
fn the_fast_reader_reads_the_usual_block_style() {
    let text = "apiVersion: v1\nkind: Service  # a comment\nmetadata:\n  name: 'it''s'\n  labels:\n    app.kubernetes.io/name: \"x\\ty\"\n    é: ü\nspec:\n  clusterIP: None\n  ipFamilies: [IPv4, \"IPv6\"]\n  selector: {}\n  ports:\n  - name: a\n    port: 0x10\n  -   port: 2\n      targetPort: yes\n  -\n    port: 3\n  empty:\n  list: []\n";
    let (read, total) = fast_share(text);
    assert_eq!((read, total), (1, 1));
    assert_same(text);
    // Windows line endings too (columns and offsets as the full reader counts them).
    let crlf = text.replace('\n', "\r\n");
    assert_eq!(fast_share(&crlf), (1, 1));
    assert_same(&crlf);
}

/// One line of near-YAML: indentation, then an entry, item, scalar or comment built from
/// pieces chosen to sit on the fast reader's edges.
fn line() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        Just("a"),
        Just("b"),
        Just("name"),
        Just("\"q\""),
        Just("'s'"),
        Just("yes"),
        Just("1"),
        Just("<<"),
        Just("a b"),
        Just("a:b"),
        Just("\"a\" "),
        Just("~"),
        Just("-k"),
        Just("?k"),
        Just("é"),
        Just("a#b"),
        Just("[a]"),
        Just("\"x\\\"y\""),
        Just("k "),
        Just("0x1F"),
    ];
    let value = prop_oneof![
        Just(""),
        Just("v"),
        Just("1"),
        Just("-1"),
        Just("3.0"),
        Just("yes"),
        Just("~"),
        Just("null"),
        Just("\"a\\\"b\""),
        Just("'it''s'"),
        Just("[a, b]"),
        Just("[]"),
        Just("[ ]"),
        Just("{}"),
        Just("{a: 1}"),
        Just("a #c"),
        Just("a#c"),
        Just(":x"),
        Just("é ü"),
        Just("\"\\u00e9\""),
        Just("\"\\x41\\N\""),
        Just("a: b"),
        Just("&x a"),
        Just("*x"),
        Just("!!str 1"),
        Just("|"),
        Just(">-"),
        Just("\"open"),
        Just("'open"),
        Just("a,b"),
        Just("[a, b,]"),
        Just("[a,]"),
        Just("x  "),
        Just("\"x\" #c"),
        Just("\"x\"#c"),
        Just("a\tb"),
        Just("- x"),
        Just("[a: b]"),
        Just("[\"a\", 'b' , c]"),
        Just("[-1, -]"),
        Just("[a #c]"),
        Just(".inf"),
        Just(".nan"),
        Just("0o17"),
        Just("1_000"),
        Just("\"\""),
        Just("''"),
        Just("? x"),
        Just("-"),
        Just("[a]]"),
    ];
    let indent = prop_oneof![Just(0usize), Just(1), Just(2), Just(3), Just(4), Just(6)];
    let body = prop_oneof![
        4 => (key.clone(), value.clone()).prop_map(|(k, v)| if v.is_empty() { format!("{k}:") } else { format!("{k}: {v}") }),
        2 => (key.clone(), value.clone()).prop_map(|(k, v)| format!("- {k}: {v}")),
        2 => value.clone().prop_map(|v| format!("- {v}")),
        1 => value.prop_map(|v| v.to_string()),
        1 => Just("# comment".to_string()),
        1 => Just(String::new()),
        1 => prop_oneof![Just("-"), Just("- # c"), Just("-   "), Just("k: # c")].prop_map(str::to_string),
        1 => prop_oneof![Just("--- x"), Just("---"), Just("..."), Just("%TAG ! x"), Just("---x")].prop_map(str::to_string),
        1 => key.prop_map(|k| format!("{k}:   # c")),
    ];
    (indent, body).prop_map(|(n, b)| format!("{}{b}", " ".repeat(n)))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]

    #[test]
    fn both_readers_agree_on_generated_near_yaml(
        lines in proptest::collection::vec(line(), 1..12),
        end in prop_oneof![Just(""), Just("\n"), Just("\r\n")],
        crlf in any::<bool>(),
    ) {
        let text = format!("{}{end}", lines.join(if crlf { "\r\n" } else { "\n" }));
        assert_same(&text);
    }
}

/// Inputs the `yaml_readers` fuzz target found the readers disagreeing on
/// (tests/regressions/yaml-readers-*.bin), and the other fuzz finds for good measure.
#[test]
fn both_readers_agree_on_the_fuzz_regressions() {
    for (_, text) in common::regressions("", 4) {
        assert_same(&text);
    }
}
