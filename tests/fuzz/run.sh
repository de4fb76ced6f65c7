#!/usr/bin/env bash
# `make fuzz`: coverage-guided fuzzing (libFuzzer via cargo-fuzz) of parse+validate,
# the fast YAML reader against the full one, generate, fix and migrate, SECONDS each (default 60). Seeds come from the fixtures.
# Runs on stable Rust: no sanitizer (the crate forbids unsafe code; libFuzzer still finds
# panics, aborts, timeouts and out-of-memory). A crash is saved under
# tests/fuzz/artifacts/<target>/ — turn it into a regression fixture under tests/fixtures.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
targets=${FUZZ_TARGETS:-validate yaml_readers generate fix migrate}
export PATH="$HOME/.cargo/bin:$PATH"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --version 0.13.2

for target in $targets; do
  corpus=tests/fuzz/corpus/$target
  mkdir -p "$corpus"
  case $target in
    generate) cp tests/golden/*/input.json "$corpus"/ 2>/dev/null || true ;;
    *) find tests/fixtures www/examples -name '*.yaml' -size -64k -exec cp {} "$corpus"/ \; ;;
  esac
  # Build first, so a build failure stops the run instead of passing for a quiet fuzz run.
  cargo fuzz build --fuzz-dir tests/fuzz --sanitizer none -O "$target"
  echo "== fuzz $target for ${seconds}s"
  log=$(mktemp)
  cargo fuzz run --fuzz-dir tests/fuzz --sanitizer none -O "$target" "$corpus" -- \
    -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    >"$log" 2>&1 || true
  grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb|==|SUMMARY|.*panicked)' "$log" || true
  if ! grep -q '^stat::number_of_executed_units' "$log"; then
    tail -n 30 "$log" >&2
    echo "fuzz $target: libFuzzer did not finish a run (see above)" >&2
    exit 1
  fi
  rm -f "$log"
  found=$(find tests/fuzz/artifacts/"$target" -type f \( -name 'crash-*' -o -name 'oom-*' -o -name 'timeout-*' \) 2>/dev/null | head -n 1)
  if [ -n "$found" ]; then
    echo "fuzz $target: found a failing input: $found" >&2
    exit 1
  fi
done
