#!/usr/bin/env bash
# Playground end-to-end tests: playwright-core + Debian's Chromium, page served under a
# sub-path by tests/www/server.mjs. Expects `make wasm` to have filled www/pkg/.
# EXTSVC_WWW_ROOT=DIR tests another copy of the page; CHROMIUM=PATH another Chromium.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ ! -f "${EXTSVC_WWW_ROOT:-www}/pkg/browser.js" ]; then
  echo "tests/www: ${EXTSVC_WWW_ROOT:-www}/pkg/browser.js is missing; run 'make wasm' first" >&2
  exit 2
fi
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "tests/www: Chromium not found at ${CHROMIUM:-/usr/bin/chromium} (apt-get install -y chromium)" >&2
  exit 2
fi
if [ ! -d tests/node_modules/playwright-core ] || [ ! -d tests/node_modules/axe-core ]; then
  (cd tests && npm ci --no-audit --no-fund)
fi
mkdir -p tests/out/screenshots
# One file at a time: three Chromiums at once on a small machine skew the timings.
exec node --test --test-concurrency=1 --test-reporter=spec tests/www/*.test.mjs
