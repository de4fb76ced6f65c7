#!/usr/bin/env bash
# The CI-integration suites (SARIF schema, CLI exit codes and inputs, README recipes), run
# against the packed npm tarball installed in a fresh temp project, the way a CI job gets
# the package. Expects `make wasm` to have filled js/pkg/.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

# shellcheck source=../install-package.sh
source "$ROOT/tests/install-package.sh"
install_package extsvc-ci-tests

cp "$ROOT"/tests/ci/*.test.mjs "$ROOT"/tests/ci/helpers.mjs .
echo "== node --test tests/ci (installed from $(basename "$TARBALL"))"
EXTSVC_ROOT="$ROOT" node --test --test-reporter=spec ./*.test.mjs
