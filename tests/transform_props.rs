//! Property tests of `fix` and `migrate`:
//!
//! * hand-written-style valid manifests (Service + Endpoints, comments, 2- or 4-space
//!   indentation, quoted or plain scalars) and generator output: migrate's output
//!   validates with no error and no EP-DEPRECATED;
//! * the same manifests with typical mistakes: fix never raises the error count, repairs
//!   every mistake it has a fix for, is idempotent, and keeps every comment;
//! * any text (and any corruption of a valid manifest): fix and migrate never panic, and
//!   refused input comes back unchanged.

use std::fmt::Write as _;

mod common;

use extsvc::generate::generate;
use extsvc::{fix, migrate, validate_text, FixOptions, MigrateOptions, Severity, ValidateOptions};
use proptest::prelude::*;
use serde_json::json;

fn errors(text: &str) -> Vec<String> {
    validate_text("p.yaml", text, &ValidateOptions::default())
        .map(|r| r.diagnostics)
        .unwrap_or_default()
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{} {}", d.code, d.path.unwrap_or_default()))
        .collect()
}

fn codes(text: &str) -> Vec<String> {
    validate_text("p.yaml", text, &ValidateOptions::default())
        .map(|r| r.diagnostics)
        .unwrap_or_default()
        .into_iter()
        .map(|d| d.code)
        .collect()
}

/// An endpoint address and its hostname.
type Addr = (String, Option<String>);

/// A manifest written by hand, and the mistakes to put in it.
#[derive(Clone, Debug)]
struct Case {
    name: String,
    namespace: Option<String>,
    headless: bool,
    /// (name, port, protocol).
    ports: Vec<(String, u16, &'static str)>,
    /// Per subset: ready and not-ready addresses (ip, hostname).
    subsets: Vec<(Vec<Addr>, Vec<Addr>)>,
    indent: usize,
    quote: bool,
    comments: bool,
    mistakes: Mistakes,
}

#[derive(Clone, Debug, Default)]
struct Mistakes {
    rename_endpoints: bool,
    rename_port: bool,
    other_namespace: bool,
    yes_label: bool,
    protocol: bool,
    selector: bool,
}

fn label(max_middle: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!("[a-z]([a-z0-9-]{{0,{max_middle}}}[a-z0-9])?"))
        .expect("valid regex")
        // Plain, these are YAML 1.1 booleans or null (the YAML-TYPE fix's own subject).
        .prop_filter("YAML 1.1 keyword", |s| {
            !matches!(
                s.as_str(),
                "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null"
            )
        })
}

fn ip() -> impl Strategy<Value = String> {
    prop_oneof![
        (1..255u8).prop_map(|n| format!("192.0.2.{n}")),
        (1..255u8).prop_map(|n| format!("198.51.100.{n}")),
        (1..0xffffu16).prop_map(|n| format!("2001:db8::{n:x}")),
    ]
}

fn family(ip: &str) -> bool {
    ip.contains(':')
}

fn case() -> impl Strategy<Value = Case> {
    let ports = proptest::collection::vec(
        (label(8), 1..65535u16, prop_oneof![Just("TCP"), Just("UDP")]),
        1..4,
    )
    .prop_map(|mut ports| {
        // Distinct names and (port, protocol); a single port may be unnamed.
        let mut seen = std::collections::HashSet::new();
        ports.retain(|(n, p, pr)| seen.insert(n.clone()) && seen.insert(format!("{p}/{pr}")));
        if ports.len() == 1 {
            if let Some(p) = ports.first_mut() {
                if p.0.len() % 2 == 0 {
                    p.0.clear();
                }
            }
        }
        ports
    });
    let addr = || (ip(), proptest::option::of(label(6)));
    let subset = (
        proptest::collection::vec(addr(), 1..4),
        proptest::collection::vec(addr(), 0..3),
    );
    let mistakes = any::<[bool; 6]>().prop_map(|m| Mistakes {
        rename_endpoints: m[0],
        rename_port: m[1],
        other_namespace: m[2],
        yes_label: m[3],
        protocol: m[4],
        selector: m[5],
    });
    (
        label(12),
        proptest::option::of(label(8)),
        any::<bool>(),
        ports,
        proptest::collection::vec(subset, 1..3),
        prop_oneof![Just(2usize), Just(4usize)],
        any::<(bool, bool)>(),
        mistakes,
    )
        .prop_map(
            |(
                name,
                namespace,
                headless,
                ports,
                mut subsets,
                indent,
                (quote, comments),
                mistakes,
            )| {
                // No duplicate IPs; a not-ready address only in a family that has ready ones
                // (a slice of only not-ready endpoints is its own finding, ES-NOT-READY).
                let mut seen = std::collections::HashSet::new();
                for (ready, _) in &mut subsets {
                    ready.retain(|(ip, _)| seen.insert(ip.clone()));
                }
                let families: Vec<bool> = subsets
                    .iter()
                    .flat_map(|(r, _)| r.iter().map(|(ip, _)| family(ip)))
                    .collect();
                for (_, not_ready) in &mut subsets {
                    not_ready.retain(|(ip, _)| {
                        families.contains(&family(ip)) && seen.insert(ip.clone())
                    });
                }
                subsets.retain(|(r, _)| !r.is_empty());
                Case {
                    name,
                    namespace,
                    headless,
                    ports,
                    subsets,
                    indent,
                    quote,
                    comments,
                    mistakes,
                }
            },
        )
        .prop_filter("no addresses left", |c| !c.subsets.is_empty())
}

impl Case {
    fn text(&self, with_mistakes: bool) -> String {
        let m = if with_mistakes {
            self.mistakes.clone()
        } else {
            Mistakes::default()
        };
        let i = " ".repeat(self.indent);
        let s = |v: &str| {
            if self.quote {
                format!("\"{v}\"")
            } else {
                v.to_string()
            }
        };
        let c = |t: &str| {
            if self.comments {
                format!(" # {t}")
            } else {
                String::new()
            }
        };
        let mut out = String::new();
        if self.comments {
            out.push_str("# generated by a property test\n");
        }
        let _ = writeln!(
            out,
            "apiVersion: v1\nkind: Service\nmetadata:\n{i}name: {}{}",
            s(&self.name),
            c("the Service")
        );
        if let Some(ns) = &self.namespace {
            let _ = writeln!(out, "{i}namespace: {}", s(ns));
        }
        if m.yes_label {
            let _ = writeln!(out, "{i}labels:\n{i}{i}exposed: yes");
        }
        let _ = writeln!(out, "spec:");
        if self.headless {
            let _ = writeln!(out, "{i}clusterIP: None");
        }
        if m.selector {
            let _ = writeln!(
                out,
                "{i}selector:\n{i}{i}app: {}{}",
                self.name,
                c("left over")
            );
        }
        let _ = writeln!(out, "{i}ports:");
        for (name, port, proto) in &self.ports {
            let _ = write!(out, "{i}{i}- port: {port}\n{i}{i}  protocol: {proto}\n");
            if !name.is_empty() {
                let _ = writeln!(out, "{i}{i}  name: {}", s(name));
            }
        }
        out.push_str("---\n");
        if self.comments {
            out.push_str("# the backend\n");
        }
        let ep_name = if m.rename_endpoints {
            format!("{}-ep", self.name)
        } else {
            self.name.clone()
        };
        let _ = writeln!(
            out,
            "apiVersion: v1\nkind: Endpoints\nmetadata:\n{i}name: {}{}",
            s(&ep_name),
            c("must match")
        );
        let ns = match (&self.namespace, m.other_namespace) {
            (Some(ns), true) => Some(format!("{ns}-x")),
            (None, true) => Some("elsewhere".to_string()),
            (ns, false) => ns.clone(),
        };
        if let Some(ns) = ns {
            let _ = writeln!(out, "{i}namespace: {}", s(&ns));
        }
        let _ = writeln!(out, "subsets:");
        for (ready, not_ready) in &self.subsets {
            let mut first = true;
            for (key, list) in [("addresses", ready), ("notReadyAddresses", not_ready)] {
                if list.is_empty() {
                    continue;
                }
                let lead = if first { "- " } else { "  " };
                first = false;
                let _ = writeln!(out, "{i}{lead}{key}:");
                for (addr, host) in list {
                    let _ = writeln!(out, "{i}{i}  - ip: {}{}", s(addr), c("backend"));
                    if let Some(h) = host {
                        let _ = writeln!(out, "{i}{i}    hostname: {h}");
                    }
                }
            }
            let _ = writeln!(out, "{i}  ports:");
            let last = self.ports.len().saturating_sub(1);
            for (k, (name, port, proto)) in self.ports.iter().enumerate() {
                let name = if m.rename_port && k == 0 {
                    format!("{name}x")
                } else {
                    name.clone()
                };
                let proto = match (m.protocol && k == last, *proto) {
                    (true, "TCP") => "UDP",
                    (true, _) => "TCP",
                    (false, p) => p,
                };
                let _ = write!(out, "{i}{i}  - port: {port}\n{i}{i}    protocol: {proto}\n");
                if !name.is_empty() {
                    let _ = writeln!(out, "{i}{i}    name: {}", s(&name));
                }
            }
        }
        out
    }

    /// Whether every mistake in the case has a fix (safe, or unsafe when allowed).
    fn all_fixable(&self, unsafe_fixes: bool) -> bool {
        let m = &self.mistakes;
        let same_port = m.rename_port && m.protocol && self.ports.len() == 1;
        let ambiguous = m.rename_endpoints && m.other_namespace;
        !(ambiguous || same_port) && (unsafe_fixes || !(m.selector || m.protocol))
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn valid_manifests_migrate_clean(case in case(), keep in any::<bool>()) {
        let text = case.text(false);
        prop_assert_eq!(errors(&text), Vec::<String>::new(), "{}", text);
        let r = migrate(&text, &MigrateOptions { keep_endpoints: keep, ..MigrateOptions::default() })
            .expect("valid options");
        prop_assert_eq!(r.migrated.len(), 1, "{:?}", r.skipped);
        prop_assert_eq!(errors(&r.output), Vec::<String>::new(), "{}", r.output);
        let left = codes(&r.output);
        prop_assert_eq!(left.contains(&"EP-DEPRECATED".to_string()), keep, "{:?}", left);
        // Migrating again changes nothing (kept Endpoints: its slices exist already).
        let again = migrate(&r.output, &MigrateOptions { keep_endpoints: keep, ..MigrateOptions::default() })
            .expect("valid options");
        prop_assert_eq!(&again.output, &r.output);
        // The Service document is untouched.
        let service = text.split("---\n").next().unwrap_or_default();
        prop_assert!(r.output.starts_with(service));
        // Fixing a valid manifest changes nothing.
        let f = fix(&text, &FixOptions::default()).expect("valid options");
        prop_assert_eq!(&f.output, &text);
    }

    #[test]
    fn fix_repairs_mistakes_without_raising_errors(case in case(), unsafe_fixes in any::<bool>()) {
        let text = case.text(true);
        let before = errors(&text);
        let options = FixOptions { unsafe_fixes, ..FixOptions::default() };
        let r = fix(&text, &options).expect("valid options");
        let after = errors(&r.output);
        prop_assert!(after.len() <= before.len(), "{}\n{:?}\n{}\n{:?}", text, before, r.output, after);
        if case.all_fixable(unsafe_fixes) {
            prop_assert_eq!(&after, &Vec::<String>::new(), "{}\n{}", text, r.output);
        }
        let again = fix(&r.output, &options).expect("valid options");
        prop_assert_eq!(&again.output, &r.output);
        prop_assert!(again.applied.is_empty());
        for comment in text.lines().filter_map(|l| l.find(" # ").map(|i| &l[i..])) {
            if !comment.contains("left over") || !unsafe_fixes {
                prop_assert!(r.output.contains(comment), "lost {comment:?}");
            }
        }
        // Migrating the fixed manifest leaves no Endpoints and no new error.
        let m = migrate(&r.output, &MigrateOptions::default()).expect("valid options");
        if after.is_empty() {
            prop_assert_eq!(errors(&m.output), Vec::<String>::new(), "{}", m.output);
            prop_assert!(!codes(&m.output).contains(&"EP-DEPRECATED".to_string()));
        }
    }

    #[test]
    fn generated_endpoints_migrate_clean(
        name in label(12),
        ips in proptest::collection::vec(ip(), 1..5),
        port in 1..65535u16,
    ) {
        let spec = json!({"name": name, "addresses": ips, "endpointsApi": "Endpoints", "ports": [{"name": "p", "port": port}]});
        let generated = generate(&spec);
        prop_assume!(generated.yaml.is_some());
        let yaml = generated.yaml.unwrap_or_default();
        let r = migrate(&yaml, &MigrateOptions::default()).expect("valid options");
        prop_assert_eq!(codes(&r.output), Vec::<String>::new(), "{}", r.output);
    }

    #[test]
    fn any_text_never_panics(text in "[a-zA-Z0-9:{}\\[\\],#&*!|>'\" \n-]{0,200}") {
        let r = fix(&text, &FixOptions { unsafe_fixes: true, ..FixOptions::default() }).expect("valid options");
        if r.refused.is_some() {
            prop_assert_eq!(&r.output, &text);
        }
        prop_assert!(errors(&r.output).len() <= errors(&text).len());
        let m = migrate(&text, &MigrateOptions::default()).expect("valid options");
        if m.refused.is_some() {
            prop_assert_eq!(&m.output, &text);
        }
    }

    #[test]
    fn corrupted_manifests_never_panic(case in case(), cuts in proptest::collection::vec((any::<prop::sample::Index>(), 0..4usize, "[a-z:{}\\[\\] #\n-]{0,3}"), 1..4)) {
        let mut text = case.text(true);
        for (at, len, insert) in cuts {
            let start = at.index(text.len() + 1);
            let end = (start + len).min(text.len());
            if text.is_char_boundary(start) && text.is_char_boundary(end) {
                text.replace_range(start..end, &insert);
            }
        }
        let r = fix(&text, &FixOptions { unsafe_fixes: true, ..FixOptions::default() }).expect("valid options");
        prop_assert!(errors(&r.output).len() <= errors(&text).len(), "{}\n---- fixed:\n{}", text, r.output);
        let again = fix(&r.output, &FixOptions { unsafe_fixes: true, ..FixOptions::default() }).expect("valid options");
        prop_assert_eq!(&again.output, &r.output);
        let _ = migrate(&text, &MigrateOptions { keep_endpoints: true, ..MigrateOptions::default() });
    }
}

/// Inputs fuzzing found `fix` not idempotent on (tests/regressions/fix-*.bin): fixing the
/// output again changes nothing, and the error count never rises.
#[test]
fn fix_regressions_are_fixed_points() {
    for (name, text) in common::regressions("fix-", 1) {
        let options = FixOptions {
            unsafe_fixes: true,
            ..Default::default()
        };
        let first = fix(&text, &options).expect("valid options");
        assert!(errors(&first.output).len() <= errors(&text).len(), "{name}");
        let second = fix(&first.output, &options).expect("valid options");
        assert_eq!(second.output, first.output, "{name}: fix is not idempotent");
        assert!(second.applied.is_empty(), "{name}: {:?}", second.applied);
    }
}

/// Inputs fuzzing found `migrate` writing text that does not read back on
/// (tests/regressions/migrate-*.bin): what it migrates reads back as YAML.
#[test]
fn migrate_regressions_read_back() {
    for (name, text) in common::regressions("migrate-", 1) {
        let r = migrate(&text, &MigrateOptions::default()).expect("valid options");
        assert!(!r.migrated.is_empty(), "{name}: nothing migrated");
        let unreadable: Vec<&str> = r
            .remaining
            .iter()
            .map(|d| d.code.as_str())
            .filter(|c| matches!(*c, "YAML-SYNTAX" | "YAML-DUPLICATE-KEY"))
            .collect();
        assert!(
            unreadable.is_empty(),
            "{name}: {unreadable:?}\n{}",
            r.output
        );
    }
}
