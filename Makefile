# extsvc — `make run` and `make test` are all a fresh Debian machine needs.
# Build layout: js/pkg/node (wasm-bindgen --target nodejs) and js/pkg/web (--target web)
# hold the one release .wasm; www/pkg is a copy of the browser build for the playground.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
WASM_BINDGEN_VERSION := 0.2.130
WASM := target/wasm32-unknown-unknown/release/extsvc.wasm
PORT ?= 8080
# binaryen's wasm-opt (npm `binaryen`, pinned in tests/package.json; never Debian's, which
# corrupts modules: TOOLCHAIN.md). Only passes that shrink LLVM's output without making it
# compress worse: `-Oz` as a whole, or general inlining, or local CSE, make the gzipped
# module larger (README "Size and speed" has the figures). Inlining only functions of at
# most 3 instructions (accessors that opt-level z leaves as calls) saves 155 B, and the
# local passes before the stack IR 142 B more. Features come from the module's
# target_features section, which make wasm strips afterwards.
WASM_OPT := tests/node_modules/.bin/wasm-opt
WASM_OPT_PASSES := --optimize-level=2 --shrink-level=2 \
  --always-inline-max-function-size=3 --one-caller-inline-max-function-size=0 \
  --flexible-inline-max-function-size=0 --inlining \
  --optimize-instructions --duplicate-function-elimination --rse --code-folding --vacuum \
  --remove-unused-module-elements --duplicate-function-elimination --remove-unused-brs \
  --reorder-locals --optimize-instructions --duplicate-function-elimination --reorder-locals \
  --merge-blocks --remove-unused-names --precompute --simplify-locals-nostructure \
  --coalesce-locals-learning --generate-stack-ir --optimize-stack-ir
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: run test setup wasm test-rust test-wasm test-js test-www lint bench fuzz serve clean

run: setup wasm
	@echo "== extsvc validate www/examples/seed-mysql.yaml (the widely copied example) =="
	node js/bin/extsvc.js validate www/examples/seed-mysql.yaml || true
	@echo
	@echo "== extsvc fix --diff www/examples/seed-mysql.yaml (safe repairs, comments kept) =="
	node js/bin/extsvc.js fix --diff www/examples/seed-mysql.yaml || true
	@echo
	@echo "== extsvc generate www/examples/mysql.json =="
	node js/bin/extsvc.js generate www/examples/mysql.json | tee target/generated-mysql.yaml
	@echo "== extsvc validate of that output =="
	node js/bin/extsvc.js validate target/generated-mysql.yaml
	@$(MAKE) --no-print-directory serve

test: setup wasm lint test-rust test-wasm test-js test-www

setup:
	bash .ci/setup.sh

# One release build of the core for wasm32, bound twice (Node and web loaders), each
# shrunk by wasm-opt's passes above.
# Panic locations in the .wasm name the dependencies' source files: `c/` stands for the
# crates' registry directory (cargo metadata says where saphyr-parser is), which holds this
# machine's home directory, so the module is the same wherever it is built, and 66 B
# smaller gzipped (issue 7's size cap). Without that directory, or with a space in it
# (RUSTFLAGS splits at spaces), the build goes on unmapped.
wasm:
	@test -x $(WASM_OPT) || { echo "make wasm: $(WASM_OPT) is missing; run make setup" >&2; exit 1; }
	registry=$$(cargo metadata --format-version 1 --filter-platform wasm32-unknown-unknown \
	  | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const p=JSON.parse(s).packages.find(p=>p.name==="saphyr-parser");if(p)console.log(require("path").dirname(require("path").dirname(p.manifest_path)))})'); \
	  case "$$registry" in ""|*" "*) remap= ;; *) remap="--remap-path-prefix=$$registry=c" ;; esac; \
	  RUSTFLAGS="$(RUSTFLAGS) $$remap" cargo build --release --target wasm32-unknown-unknown --features wasm
	rm -rf js/pkg www/pkg
	wasm-bindgen --target nodejs --remove-name-section --remove-producers-section --out-dir js/pkg/node $(WASM)
	wasm-bindgen --target web --remove-name-section --remove-producers-section --out-dir js/pkg/web $(WASM)
	for module in js/pkg/node/extsvc_bg.wasm js/pkg/web/extsvc_bg.wasm; do \
	  $(WASM_OPT) $(WASM_OPT_PASSES) $$module -o $$module.opt && mv $$module.opt $$module; done
	node .ci/strip-wasm-sections.mjs js/pkg/node/extsvc_bg.wasm js/pkg/web/extsvc_bg.wasm
	for target in node web; do node .ci/shorten-import-names.mjs js/pkg/$$target/extsvc_bg.wasm js/pkg/$$target/extsvc.js; done
	mkdir -p www/pkg && cp js/pkg/web/* js/browser.js www/pkg/

lint:
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --all-targets --features wasm -- -D warnings

test-rust:
	cargo test

# wasm-bindgen tests under Node with the pinned runner (plain `cargo test` skips them).
test-wasm:
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  cargo test --target wasm32-unknown-unknown --features wasm --test wasm

test-js:
	bash tests/js/run.sh
	bash tests/ci/run.sh

test-www:
	bash tests/www/run.sh

bench: setup wasm
	bash tests/bench/run.sh

fuzz:
	bash tests/fuzz/run.sh $${FUZZ_SECONDS:-60}

serve:
	@echo "Playground: http://127.0.0.1:$(PORT)/  (Ctrl-C to stop)"
	cd www && python3 -m http.server $(PORT) --bind 127.0.0.1

clean:
	cargo clean
	rm -rf js/pkg www/pkg js/node_modules tests/node_modules
