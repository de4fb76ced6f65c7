//! Micro-benchmarks of the core (parse, validate, generate), `cargo bench --bench core`.
//! A small fixed-iteration harness (median of runs) instead of criterion, to keep the
//! dev-dependency tree and CI build time small; figures are reported, never asserted.

use std::hint::black_box;
use std::time::{Duration, Instant};

fn median(mut f: impl FnMut(), runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    let seed = include_str!("../../www/examples/seed-mysql.yaml");
    let many: String = vec![seed; 500].join("---\n");
    let opts = extsvc::ValidateOptions::default();
    let limits = extsvc::yaml::Limits::default();
    let spec = serde_json::json!({"name": "mysql-svc", "namespace": "default",
        "addresses": ["114.32.146.154", "2001:db8::1"], "ports": [{"name": "mysql", "port": 3306}]});

    let rows: Vec<(&str, usize, Duration)> = vec![
        (
            "parse seed (2 docs)",
            2,
            median(
                || {
                    black_box(extsvc::yaml::documents(black_box(seed), &limits).count());
                },
                2001,
            ),
        ),
        (
            "validate seed (2 docs)",
            2,
            median(
                || {
                    black_box(extsvc::validate_text("s", black_box(seed), &opts).ok());
                },
                2001,
            ),
        ),
        (
            "parse 1,000 docs",
            1000,
            median(
                || {
                    black_box(extsvc::yaml::documents(black_box(&many), &limits).count());
                },
                31,
            ),
        ),
        (
            "parse 1,000 docs, full reader",
            1000,
            median(
                || {
                    let docs = extsvc::yaml::documents_with(
                        black_box(&many),
                        &limits,
                        extsvc::yaml::Readers::Full,
                    );
                    black_box(docs.count());
                },
                31,
            ),
        ),
        (
            "validate 1,000 docs",
            1000,
            median(
                || {
                    black_box(extsvc::validate_text("s", black_box(&many), &opts).ok());
                },
                31,
            ),
        ),
        (
            "generate mysql (dual-stack)",
            1,
            median(
                || {
                    black_box(extsvc::generate(black_box(&spec)));
                },
                2001,
            ),
        ),
    ];
    println!(
        "{:<32} {:>12} {:>14}",
        "benchmark", "median", "per document"
    );
    for (name, docs, t) in rows {
        println!(
            "{name:<32} {:>10.1}µs {:>12.2}µs",
            t.as_secs_f64() * 1e6,
            t.as_secs_f64() * 1e6 / docs as f64
        );
    }
}
