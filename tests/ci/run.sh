#!/usr/bin/env bash
# The CI-integration suites (SARIF schema, CLI exit codes and inputs, README recipes), run
# against the packed npm tarball installed in a fresh temp project, the way a CI job gets
# the package. Expects `make wasm` to have filled js/pkg/.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

if [ ! -f js/pkg/node/extsvc_bg.wasm ]; then
  echo "tests/ci: js/pkg is missing; run 'make wasm' first" >&2
  exit 1
fi
if [ ! -d tests/node_modules/ajv ] || [ ! -d tests/node_modules/js-yaml ]; then
  (cd tests && npm ci --no-audit --no-fund --loglevel=error)
fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

(cd js && npm pack --silent --pack-destination "$TMP" >/dev/null)
TARBALL=$(ls "$TMP"/extsvc-*.tgz)
mkdir "$TMP/app"
cd "$TMP/app"
printf '{ "name": "extsvc-ci-tests", "private": true }\n' > package.json
# No dependencies, so this needs no network.
npm install --offline --no-audit --no-fund --loglevel=error "$TARBALL" >/dev/null

cp "$ROOT"/tests/ci/*.test.mjs "$ROOT"/tests/ci/helpers.mjs .
echo "== node --test tests/ci (installed from $(basename "$TARBALL"))"
EXTSVC_ROOT="$ROOT" node --test --test-reporter=spec ./*.test.mjs
