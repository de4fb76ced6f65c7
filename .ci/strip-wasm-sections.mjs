// Drops the `target_features` custom section from the .wasm files named on the command
// line (`make wasm` runs it after wasm-bindgen). Browsers and Node ignore the section; it
// only tells tools which proposals the code uses. wasm-opt drops it too, but it is not in
// this build (TOOLCHAIN.md), and its bytes count against issue 7's size cap.
import { readFileSync, writeFileSync } from 'node:fs';

import { reader, sections } from './wasm-binary.mjs';

const DROPPED = new Set(['target_features']);

function strip(bytes) {
  const keep = [bytes.subarray(0, 8)];
  for (const { id, start, body, end } of sections(bytes)) {
    const name = id === 0 ? reader(bytes, body).name() : null;
    if (!DROPPED.has(name)) keep.push(bytes.subarray(start, end));
  }
  return Buffer.concat(keep);
}

for (const file of process.argv.slice(2)) {
  const out = strip(readFileSync(file));
  if (!WebAssembly.validate(out)) throw new Error(`${file}: not valid after stripping`);
  writeFileSync(file, out);
}
