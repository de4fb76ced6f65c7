'use strict';
// V8's tiering budget for the CLI's short runs.
//
// V8 first runs WebAssembly as baseline (Liftoff) code and recompiles a function with its
// optimizing compiler once it has run for a budget of "bytes executed", on background
// threads. Node 20 and 21 (V8 11) start every function with a budget of 1,800,000; newer V8
// starts with 13,000,000 (`wasm_tiering_budget` in V8's flag-definitions.h). With the
// small budget a CLI run recompiles hundreds of functions whose optimized code arrives too
// late to pay back, and on a 2-core machine the compiler threads compete with the run:
// measured with Node 20, 100 documents took 110 ms with the small budget and 90 ms with
// the newer one, 10,000 took 270 ms and 248 ms, 100,000 took 1.60 s and 1.56 s (medians of
// alternating runs; README "Size and speed"). So on V8 11 the CLI uses the newer default,
// set before the module is compiled; elsewhere it keeps V8's. Only the CLI does this: the
// library, which may live in a long-running process, never changes V8's flags.

/** The budget newer V8 starts every function with. */
const NEWER_BUDGET = 13_000_000;

/**
 * The flag the CLI sets for the V8 version `v8Version` (`process.versions.v8`), or `null`
 * where the default is already the newer one (or the version is not recognised, so a flag
 * V8 might not know is never passed).
 */
function tieringFlag(v8Version) {
  const major = /^(\d+)\./.exec(String(v8Version))?.[1];
  return major === '11' ? `--wasm-tiering-budget=${NEWER_BUDGET}` : null;
}

/** Sets the flag for this process, before anything compiles the WebAssembly module. */
function useNewerTieringBudget() {
  const flag = tieringFlag(process.versions.v8);
  if (flag !== null) require('node:v8').setFlagsFromString(flag);
}

module.exports = { tieringFlag, useNewerTieringBudget, NEWER_BUDGET };
