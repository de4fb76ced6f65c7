#!/usr/bin/env bash
# The JS suites, run against the packed npm tarball installed in a fresh temp project (the
# way a user gets the package): node:test suites for both loaders and the CLI, then tsc
# over a usage file of the type declarations. Expects `make wasm` to have filled js/pkg/.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

# shellcheck source=../install-package.sh
source "$ROOT/tests/install-package.sh"
install_package extsvc-js-tests

# The suites resolve `extsvc` from this project's node_modules, as a user's code would.
cp "$ROOT"/tests/js/*.test.mjs "$ROOT"/tests/js/helpers.mjs "$ROOT"/tests/js/*-preload.cjs .
echo "== node --test (installed from $(basename "$TARBALL"))"
# The package has no "type" (its Node glue is CommonJS), so Node warns that browser.js is
# ES module syntax when a test imports the browser build on Node; expected, silenced.
EXTSVC_ROOT="$ROOT" node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON --test --test-reporter=spec ./*.test.mjs

echo "== tsc --noEmit over tests/js/types (ES module and CommonJS consumers)"
mkdir types
cp "$ROOT"/tests/js/types/* types/
# actual.ts: real results typed by the declarations (catches drift from the Rust types).
EXTSVC_ROOT="$ROOT" node types/emit-actual.mjs
"$ROOT"/tests/node_modules/.bin/tsc --noEmit -p types/tsconfig.json
echo "tsc: ok"
