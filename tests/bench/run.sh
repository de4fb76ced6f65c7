#!/usr/bin/env bash
# `make bench`: corpora, then the table of issue 7 (see tests/bench/report.mjs).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=target/bench
mkdir -p "$out"
node tests/bench/corpus.mjs "$out"
cargo build --release --example validate-native
node tests/bench/report.mjs "$out"
cargo bench --bench core
