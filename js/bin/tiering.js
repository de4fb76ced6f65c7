'use strict';
// V8's WebAssembly tiering budget for the CLI's short runs.
//
// V8 first runs WebAssembly as baseline (Liftoff) code and recompiles a function with its
// optimizing compiler, on background threads, once the function has run for a budget of
// "bytes executed". Node 20 and 21 (V8 11) start every function with 1,800,000; V8's
// current source starts it with 13,000,000 (`wasm_tiering_budget` in flag-definitions.h).
// With the small budget a CLI run recompiles hundreds of functions whose optimized code
// arrives too late to pay back, and on a 2-core machine the compiler threads compete with
// the run. Measured with Node 20 (medians of alternating runs, README "Size and speed"):
// 100 documents 110 → 87 ms, 10,000 documents 266 → 247 ms, 100,000 1.53 → 1.51 s. So on
// V8 11 the CLI uses the larger budget, set before the module is compiled. Other V8
// versions keep their own default (no flag is passed that a V8 might not know), and so
// does a budget given on the command line (`node --wasm-tiering-budget=N`). Only the CLI
// does this: the library, which may live in a long-running process, never changes V8's
// flags.

/** The budget V8's current source starts every function with. */
const NEWER_BUDGET = 13_000_000;

/**
 * The flag the CLI sets for V8 version `v8Version` (`process.versions.v8`) when Node was
 * started with `execArgv`, or `null` to leave V8's budget as it is.
 */
function tieringFlag(v8Version, execArgv = []) {
  const major = /^(\d+)\./.exec(String(v8Version))?.[1];
  const given = execArgv.some((a) => /^--wasm[-_]tiering[-_]budget(=|$)/.test(a));
  return major === '11' && !given ? `--wasm-tiering-budget=${NEWER_BUDGET}` : null;
}

/** Sets the flag for this process; call it before anything loads the WebAssembly module. */
function useNewerTieringBudget() {
  const flag = tieringFlag(process.versions.v8, process.execArgv);
  if (flag !== null) require('node:v8').setFlagsFromString(flag);
}

module.exports = { tieringFlag, useNewerTieringBudget, NEWER_BUDGET };
