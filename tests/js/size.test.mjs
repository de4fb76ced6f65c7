// Size budget of the release .wasm the package ships (gzip -9, what a browser downloads).
// Issue 7 set a target of 250 KB that this build does not meet yet (about 259 KB: our own
// float reader and writer, Go's lower-casing, fewer B-tree map types, and field-by-field
// readers of objects and of our JSON inputs instead of serde's took the standard float
// parser's and formatter's and Unicode's tables, two B-tree copies and the serde
// Deserialize impls out of the 307 KB of three sessions before; see README, "Size and
// speed");
// BUDGET_KB is a regression guard set just above today's size, so growth is a deliberate
// change to this number, never an accident.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { it } from 'node:test';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 261;

it(`the shipped .wasm is within ${BUDGET_KB} KB gzipped`, () => {
  const require = createRequire(path.join(process.cwd(), 'package.json'));
  const pkg = path.dirname(require.resolve('extsvc/package.json'));
  for (const target of ['node', 'web']) {
    const wasm = readFileSync(path.join(pkg, 'pkg', target, 'extsvc_bg.wasm'));
    const kb = gzipSync(wasm, { level: 9 }).length / 1024;
    console.log(`pkg/${target}/extsvc_bg.wasm: ${(wasm.length / 1024).toFixed(1)} KB raw, ${kb.toFixed(1)} KB gzip -9`);
    assert.ok(kb <= BUDGET_KB, `${target}: ${kb.toFixed(1)} KB gzipped exceeds ${BUDGET_KB} KB`);
  }
});
