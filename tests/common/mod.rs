//! Helpers shared by the test suites (golden files for tests/fix.rs and tests/migrate.rs,
//! the repository's YAML files for tests/yaml_fast.rs and tests/pipeline_stream.rs, the
//! fuzz regression inputs).
// Each suite uses some of these helpers, never all.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// Every `.yaml`, `.yml` and `.json` file below `dirs` (relative to the crate root), sorted;
/// `node_modules`, build and test output (`target`, `out`) and hidden directories are skipped.
pub fn yaml_files(dirs: &[&str]) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    let mut pending: Vec<PathBuf> = dirs.iter().map(|d| root.join(d)).collect();
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if path.is_dir() {
                if !["node_modules", "target", "out"].contains(&name.as_str())
                    && !name.starts_with('.')
                {
                    pending.push(path);
                }
            } else if [".yaml", ".yml", ".json"].iter().any(|e| name.ends_with(e)) {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The inputs fuzzing once broke (`tests/regressions/<target>-*.bin`) whose file name starts
/// with `prefix` ("" for all), as (file name, text decoded as the fuzz targets decode it),
/// sorted; at least `min` of them.
pub fn regressions(prefix: &str, min: usize) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("tests/regressions")
        .map(|entry| entry.expect("entry").path())
        .filter_map(|path| {
            let name = path.file_name()?.to_string_lossy().to_string();
            let bytes = std::fs::read(&path).expect("read");
            name.starts_with(prefix)
                .then(|| (name, String::from_utf8_lossy(&bytes).into_owned()))
        })
        .collect();
    out.sort();
    assert!(
        out.len() >= min,
        "the {prefix}* regression inputs are missing"
    );
    out
}

/// The case folders under `tests/fixtures/<suite>`, sorted; at least `min` of them.
pub fn cases(suite: &str, min: usize) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(suite);
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    cases.sort();
    assert!(cases.len() >= min, "fixtures missing in {}", root.display());
    cases
}

/// Compares `actual` with the golden file at `path` (a diff in `failures` when they
/// differ); `UPDATE_GOLDEN=1` rewrites the file instead.
pub fn golden(path: &Path, actual: &str, failures: &mut Vec<String>) {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let _ = std::fs::write(path, actual);
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    if expected != actual {
        failures.push(format!(
            "{}:\n{}",
            path.display(),
            extsvc::unified_diff("expected", &expected, actual)
        ));
    }
}
