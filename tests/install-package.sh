# Sourced by tests/js/run.sh and tests/ci/run.sh (with ROOT set to the repository): packs js/
# with `npm pack` and installs the tarball into a fresh temp project, the way a user gets the
# package, leaving the shell in that project with TMP and TARBALL set (TMP is removed on exit).
# Needs `make wasm` to have filled js/pkg/.
install_package() {
  local project=$1
  if [ ! -f "$ROOT/js/pkg/node/extsvc_bg.wasm" ] || [ ! -f "$ROOT/js/pkg/web/extsvc_bg.wasm" ]; then
    echo "$project: js/pkg is missing; run 'make wasm' first" >&2
    exit 1
  fi
  if [ ! -x "$ROOT/tests/node_modules/.bin/tsc" ] || [ ! -d "$ROOT/tests/node_modules/ajv" ]; then
    (cd "$ROOT/tests" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  TMP=$(mktemp -d)
  trap 'rm -rf "$TMP"' EXIT
  (cd "$ROOT/js" && npm pack --silent --pack-destination "$TMP" >/dev/null)
  TARBALL=$(ls "$TMP"/extsvc-*.tgz)
  mkdir "$TMP/app"
  cd "$TMP/app"
  printf '{ "name": "%s", "private": true }\n' "$project" > package.json
  # No dependencies, so this needs no network.
  npm install --offline --no-audit --no-fund --loglevel=error "$TARBALL" >/dev/null
}
