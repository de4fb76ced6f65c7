#!/usr/bin/env bash
# Installs everything `make run` and `make test` need on a fresh Debian machine.
# Idempotent: each step is skipped when its tool is already there.
set -euo pipefail
export PATH="$HOME/.cargo/bin:$PATH"
WASM_BINDGEN_VERSION=0.2.130
cd "$(dirname "$0")/.."

rustup target add wasm32-unknown-unknown >/dev/null
rustup component add clippy rustfmt >/dev/null 2>&1 || true

# The CLI must match the pinned `wasm-bindgen = "=0.2.130"` exactly. No --locked: its
# lockfile pins a crate version the registry mirror lacks (TOOLCHAIN.md).
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# Debian's Chromium for the playground tests (never a downloaded browser).
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# Test tooling (typescript, playwright-core, axe-core, js-yaml) from the lock file.
if [ -f tests/package-lock.json ]; then
  (cd tests && npm ci --no-audit --no-fund --loglevel=error)
fi
