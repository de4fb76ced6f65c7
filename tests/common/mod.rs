//! Helpers shared by the golden-file suites (tests/fix.rs, tests/migrate.rs).

use std::path::{Path, PathBuf};

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
