//! The native Rust core as a command, for `make bench`: validates the files given and
//! prints one JSON line {seconds, diagnostics, errors, maxRssKb}.

use std::time::Instant;

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let start = Instant::now();
    let texts: Vec<(String, String)> = paths
        .iter()
        .map(|p| {
            (
                p.clone(),
                std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{p}: {e}")),
            )
        })
        .collect();
    let sources: Vec<extsvc::Source<'_>> = texts
        .iter()
        .map(|(name, text)| extsvc::Source { name, text })
        .collect();
    let report = extsvc::validate_sources(&sources, &extsvc::ValidateOptions::default())
        .expect("default options are valid");
    let json = serde_json::to_string(&report).expect("report serializes");
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "{{\"seconds\":{seconds},\"diagnostics\":{},\"errors\":{},\"bytes\":{},\"maxRssKb\":{}}}",
        report.diagnostics.len(),
        report.summary.errors,
        json.len(),
        max_rss_kb()
    );
}

/// Peak resident set size (VmHWM) of this process, from /proc.
fn max_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}
