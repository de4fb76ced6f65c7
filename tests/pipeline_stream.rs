//! A streamed run (`Validation::begin/push/end`, what the CLI uses for machine formats)
//! gives the same report as the whole inputs do (`validate_sources`), however the bytes
//! are cut: inputs are split only where a `---` separator line starts.

mod common;

use extsvc::{validate_sources, Source, ValidateOptions, Validation};

fn whole(files: &[(String, Vec<u8>)]) -> String {
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|(n, b)| (n.clone(), String::from_utf8_lossy(b).into_owned()))
        .collect();
    let sources: Vec<Source<'_>> = texts
        .iter()
        .map(|(name, text)| Source { name, text })
        .collect();
    let report = validate_sources(&sources, &ValidateOptions::default()).unwrap();
    serde_json::to_string_pretty(&report).unwrap()
}

fn streamed(files: &[(String, Vec<u8>)], piece: usize) -> String {
    let mut run = Validation::new(&ValidateOptions::default()).unwrap();
    for (name, bytes) in files {
        run.begin(name);
        for chunk in bytes.chunks(piece) {
            run.push(chunk);
        }
        run.end();
    }
    serde_json::to_string_pretty(&run.finish()).unwrap()
}

fn assert_same(files: &[(String, Vec<u8>)]) {
    let expected = whole(files);
    for piece in [1, 2, 3, 7, 64, 1000, 1 << 20] {
        let got = streamed(files, piece);
        assert!(
            got == expected,
            "pieces of {piece} bytes: the reports differ for {:?}\n--- whole\n{expected}\n--- streamed\n{got}",
            files.iter().map(|(n, _)| n).collect::<Vec<_>>()
        );
    }
}

#[test]
fn every_fixture_streamed_in_pieces_gives_the_whole_report() {
    let mut seen = 0;
    for path in common::yaml_files(&["tests/fixtures", "www/examples"]) {
        let bytes = std::fs::read(&path).unwrap();
        assert_same(&[(path.display().to_string(), bytes)]);
        seen += 1;
    }
    assert!(seen > 300, "only {seen} fixtures");
}

#[test]
fn inputs_that_cross_files_stream_the_same() {
    // Pairing across inputs (a Service in one, its Endpoints in another), with a BOM, CRLF,
    // a lone CR, invalid UTF-8, a JSON stream, a `--- value` line and comments at cuts.
    let files = vec![
        (
            "svc.yaml".to_string(),
            b"\xef\xbb\xbfapiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: db\r\nspec:\r\n  ports:\r\n  - port: 5432\r\n---\r\n# next\r\n--- # a comment\nkind: ConfigMap\napiVersion: v1\nmetadata: {name: x}\n".to_vec(),
        ),
        (
            "ep.yaml".to_string(),
            b"apiVersion: v1\rkind: Endpoints\rmetadata:\r  name: db\rsubsets:\r- addresses:\r  - ip: 10.0.0.1\r  ports:\r  - port: 5432\r---\rbad: \xff\xfe\n--- x\n---\n---\n".to_vec(),
        ),
        (
            "stream.json".to_string(),
            br#"  {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "j"}, "spec": {"ports": [{"port": 1}]}}
{"apiVersion": "v1", "kind": "Endpoints", "metadata": {"name": "j"}}
"#.to_vec(),
        ),
        ("empty.yaml".to_string(), b"".to_vec()),
        ("blank.yaml".to_string(), b"\n\n   \n---\n".to_vec()),
    ];
    assert_same(&files);
}

#[test]
fn a_large_generated_input_streams_the_same() {
    let mut text = String::new();
    for i in 0..300 {
        text.push_str(&format!(
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: s{i}\n  namespace: n{}\nspec:\n  ports:\n  - name: p\n    port: {}\n---\napiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: s{i}-a\n  namespace: n{}\n  labels:\n    kubernetes.io/service-name: s{}\naddressType: IPv4\nendpoints:\n- addresses: [\"10.0.{}.{}\"]\nports:\n- name: {}\n  port: 80\n---\n",
            i % 7, 1000 + i, i % 7, if i % 13 == 0 { i + 1 } else { i }, i % 250, i % 200, if i % 11 == 0 { "q" } else { "p" }
        ));
    }
    assert_same(&[("big.yaml".to_string(), text.into_bytes())]);
}
