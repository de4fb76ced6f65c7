//! Catalogue coverage: every rule id of the catalogue (`shared/spec/k8s-rules.md`, one id a
//! line in `tests/fixtures/catalogue-ids.txt`) is either
//!
//! * implemented: a code of `extsvc::rules()`, with a firing fixture (a
//!   `# expect: <ID> <path> <line>:<col>` header line) and a non-firing one
//!   (`# expect-none: … <ID> …`, or `# expect-clean` without an `expect:` or `allow:` of
//!   the id) somewhere under `tests/fixtures/<ID>/`, each run by a fixture runner; or
//! * left out: listed under the README heading `### Rules left out` as
//!   ``- `<ID>` — reason``.
//!
//! Which files a runner runs is read from the runners themselves: `tests/rules_cross.rs`
//! runs the folders of its `CROSS` codes (`*.yaml` and `<case>/*.yaml`), and
//! `tests/rules_single.rs` runs `*.yaml` files containing `# expect` directly in the other
//! `SVC-`/`EP-`/`ES-`/`META-` folders. A fixture nobody runs proves nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use extsvc::Severity;

const CATALOGUE: &str = include_str!("fixtures/catalogue-ids.txt");
const README: &str = include_str!("../README.md");
const CROSS_RUNNER: &str = include_str!("rules_cross.rs");
const SINGLE_RUNNER: &str = include_str!("rules_single.rs");

/// The README heading of the rules that are deliberately not implemented.
const LEFT_OUT_HEADING: &str = "### Rules left out";

/// The catalogue ids, in file order (blank lines and `#` comments skipped).
fn catalogue(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// The ids listed under [`LEFT_OUT_HEADING`] with their reasons, and the list items that
/// do not read as ``- `ID` — reason``.
fn left_out(readme: &str) -> (BTreeMap<String, String>, Vec<String>) {
    let mut ids = BTreeMap::new();
    let mut bad = Vec::new();
    let section = readme
        .lines()
        .skip_while(|l| l.trim() != LEFT_OUT_HEADING)
        .skip(1)
        .take_while(|l| !l.starts_with('#'));
    for line in section {
        let Some(item) = line.trim().strip_prefix("- ") else {
            continue;
        };
        let mut parts = item.splitn(3, '`');
        let (Some(""), Some(id), Some(rest)) = (parts.next(), parts.next(), parts.next()) else {
            bad.push(line.to_string());
            continue;
        };
        let reason = rest.trim_start_matches(|c: char| c.is_whitespace() || "—–-:".contains(c));
        if id.is_empty() || reason.trim().is_empty() {
            bad.push(line.to_string());
        } else {
            ids.insert(id.to_string(), reason.trim().to_string());
        }
    }
    (ids, bad)
}

/// The string literals of `const <name>: &[&str] = &[ … ];` in a runner's source.
fn const_list(source: &str, name: &str) -> Option<BTreeSet<String>> {
    let head = format!("const {name}: &[&str] = &[");
    let body = source.get(source.find(&head)? + head.len()..)?;
    let body = body.get(..body.find("];")?)?;
    Some(
        body.split('"')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect(),
    )
}

/// What one fixture file says about one id.
#[derive(Debug, Default, PartialEq)]
struct Claims {
    fires: bool,
    quiet: bool,
}

/// Reads the leading `#` header of a fixture as the runners do. `info`: the id's findings
/// are info by default, which `expect-clean` does not check in the single-object runner;
/// `exact`: the runner asserts the id's findings whatever the header says (cross codes).
fn claims(text: &str, id: &str, info: bool, exact: bool) -> Claims {
    let (mut fires, mut none, mut clean, mut allowed) = (false, false, false, false);
    for line in text.lines().take_while(|l| l.starts_with('#')) {
        let mut words = line.trim_start_matches('#').split_whitespace();
        match words.next() {
            // The runners reject an `expect:` without path and position.
            Some("expect:") => fires |= words.next() == Some(id) && words.count() >= 2,
            Some("expect-none:") => none |= words.any(|w| w == id),
            Some("allow:") => allowed |= words.any(|w| w == id),
            Some("expect-clean") => clean = true,
            _ => {}
        }
    }
    let clean_checks_id = exact || (!allowed && !info);
    Claims {
        fires,
        quiet: none || (clean && !fires && clean_checks_id),
    }
}

/// Which fixture files the runners run.
struct Runners {
    cross: BTreeSet<String>,
    single_skips: BTreeSet<String>,
}

impl Runners {
    /// Whether a runner runs `file` of folder `tests/fixtures/<id>`.
    fn runs(&self, id: &str, dir: &Path, file: &Path, text: &str) -> bool {
        let depth = file.strip_prefix(dir).map_or(0, |p| p.components().count());
        if self.cross.contains(id) {
            return depth == 1 || depth == 2;
        }
        let single = ["SVC-", "EP-", "ES-", "META-"]
            .iter()
            .any(|p| id.starts_with(p))
            && !self.single_skips.contains(id);
        single && depth == 1 && text.contains("# expect")
    }
}

/// Every `*.yaml` under `dir`, recursively, sorted.
fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                todo.push(p);
            } else if p.extension().is_some_and(|e| e == "yaml") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The problems of one implemented id's fixtures (empty when covered).
fn fixture_problems(id: &str, runners: &Runners, info: bool) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let dir = root.join(id);
    let (mut fires, mut quiet, mut unrun) = (false, false, Vec::new());
    for file in yaml_files(&dir) {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let c = claims(&text, id, info, runners.cross.contains(id));
        if c == Claims::default() {
            continue;
        }
        let name = file.strip_prefix(&root).unwrap_or(&file).display();
        if runners.runs(id, &dir, &file, &text) {
            fires |= c.fires;
            quiet |= c.quiet;
        } else {
            unrun.push(format!(
                "{name} is not run by rules_single.rs or rules_cross.rs"
            ));
        }
    }
    let mut out = Vec::new();
    if !fires {
        out.push(format!(
            "no firing fixture (`# expect: {id} <path> <line>:<col>`) in tests/fixtures/{id}/"
        ));
    }
    if !quiet {
        out.push(format!("no non-firing fixture (`# expect-none: {id}` or `# expect-clean`) in tests/fixtures/{id}/"));
    }
    if !(fires && quiet) {
        out.extend(unrun);
    }
    out
}

#[test]
fn every_catalogue_id_is_implemented_with_fixtures_or_left_out() {
    let ids = catalogue(CATALOGUE);
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(
        unique.len(),
        ids.len(),
        "duplicate ids in catalogue-ids.txt"
    );
    let registered: BTreeMap<&str, Severity> = extsvc::rules()
        .iter()
        .map(|r| (r.code, r.severity))
        .collect();
    let (left, bad_items) = left_out(README);
    let (Some(cross), Some(single_skips)) = (
        const_list(CROSS_RUNNER, "CROSS"),
        const_list(SINGLE_RUNNER, "CROSS"),
    ) else {
        panic!("no `const CROSS: &[&str]` in tests/rules_cross.rs or tests/rules_single.rs: update tests/catalogue.rs to how they pick fixtures");
    };
    let runners = Runners {
        cross,
        single_skips,
    };
    let mut problems: Vec<String> = bad_items
        .iter()
        .map(|l| format!("README.md: not ``- `ID` — reason``: {l}"))
        .collect();
    problems.extend(
        left.keys()
            .filter(|id| !unique.contains(id.as_str()))
            .map(|id| format!("{id}: listed under '{LEFT_OUT_HEADING}' but not a catalogue id")),
    );
    let mut implemented = 0;
    for id in &ids {
        match (registered.get(id), left.contains_key(*id)) {
            (None, false) => problems.push(format!(
                "{id}: not a code of extsvc::rules() and not listed under '{LEFT_OUT_HEADING}' in README.md"
            )),
            (Some(_), true) => problems.push(format!(
                "{id}: a code of extsvc::rules() but listed under '{LEFT_OUT_HEADING}' in README.md"
            )),
            (None, true) => {}
            (Some(severity), false) => {
                implemented += 1;
                let info = *severity == Severity::Info;
                for p in fixture_problems(id, &runners, info) {
                    problems.push(format!("{id}: {p}"));
                }
            }
        }
    }
    println!(
        "{} catalogue ids: {implemented} implemented, {} left out",
        ids.len(),
        left.len()
    );
    assert!(
        problems.is_empty(),
        "{} catalogue problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn catalogue_file_lists_ids() {
    let ids = catalogue(CATALOGUE);
    let bad: Vec<&&str> = ids
        .iter()
        .filter(|id| {
            !id.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
        })
        .collect();
    assert!(bad.is_empty(), "not ids: {bad:?}");
    assert_eq!(ids.len(), 117, "the catalogue has 117 ids");
}

#[test]
fn left_out_section_parsing() {
    let readme = "## Rules\n- `EP-NAME-MATCH` — not this section\n### Rules left out\n\nWhy:\n- `ES-ADDRESSTYPE-IMMUTABLE` — needs the stored object\n- `X-Y`: reason two\n- `NO-REASON` —\n- plain words\n## Next\n- `LATER` — after the section\n";
    let (ids, bad) = left_out(readme);
    let got: Vec<(&str, &str)> = ids.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(
        got,
        vec![
            ("ES-ADDRESSTYPE-IMMUTABLE", "needs the stored object"),
            ("X-Y", "reason two")
        ]
    );
    assert_eq!(bad, vec!["- `NO-REASON` —", "- plain words"]);
    assert_eq!(
        left_out("# README\n- `A-B` — r\n"),
        (BTreeMap::new(), vec![])
    );
}

#[test]
fn header_claims() {
    let fire = "# expect: EP-PORT-MISSING spec.ports[1] 13:7\n# expect-clean\nkind: Service\n";
    let none = "# expect-none: EP-AND-ES-BOTH EP-PORT-MISSING\nkind: Service\n";
    let allowed = "# expect-clean\n# allow: EP-PORT-MISSING\n";
    let clean = "# expect-clean\n";
    let late = "kind: Service\n# expect: EP-PORT-MISSING spec.ports[1] 13:7\n";
    let short = "# expect: EP-PORT-MISSING spec.ports[1]\n";
    let c = |text: &str, info: bool, exact: bool| {
        let c = claims(text, "EP-PORT-MISSING", info, exact);
        (c.fires, c.quiet)
    };
    assert_eq!(c(fire, false, false), (true, false));
    assert_eq!(c(none, true, false), (false, true));
    assert_eq!(c(allowed, false, false), (false, false));
    assert_eq!(c(allowed, false, true), (false, true));
    assert_eq!(c(clean, false, false), (false, true));
    assert_eq!(c(clean, true, false), (false, false));
    assert_eq!(c(late, false, false), (false, false));
    assert_eq!(c(short, false, false), (false, false));
    assert_eq!(
        claims(
            "# expect: EP-PORT-MISSING a 1:1\n# expect-none: EP-PORT-MISSING\n",
            "EP-PORT",
            false,
            false
        ),
        Claims::default(),
        "ids match whole words"
    );
}

#[test]
fn runner_lists_are_found() {
    let cross = const_list(CROSS_RUNNER, "CROSS").expect("tests/rules_cross.rs has `const CROSS`");
    let single =
        const_list(SINGLE_RUNNER, "CROSS").expect("tests/rules_single.rs has `const CROSS`");
    assert!(cross.contains("EP-NAME-MATCH") && cross.contains("SVC-TARGETPORT-IGNORED"));
    // A code in the single runner's skip list that the cross runner does not run would
    // leave its fixtures unrun.
    let orphans: Vec<&String> = single.difference(&cross).collect();
    assert!(orphans.is_empty(), "run by neither runner: {orphans:?}");
    assert_eq!(
        const_list("const CROSS: &[&str] = &[\n    \"A\", // x\n    \"B-C\",\n];\nconst D: &[&str] = &[\"E\"];", "CROSS"),
        Some(["A".to_string(), "B-C".to_string()].into())
    );
}
