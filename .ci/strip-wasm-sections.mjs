// Drops the `target_features` custom section from the .wasm files named on the command
// line (`make wasm` runs it after wasm-bindgen). Browsers and Node ignore the section; it
// only tells tools which proposals the code uses. wasm-opt drops it too, but it is not in
// this build (TOOLCHAIN.md), and its bytes count against issue 7's size cap.
import { readFileSync, writeFileSync } from 'node:fs';

const DROPPED = new Set(['target_features']);

function strip(bytes) {
  let at = 8; // magic and version
  const keep = [bytes.subarray(0, 8)];
  const leb = () => {
    let value = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[at++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  };
  while (at < bytes.length) {
    const start = at;
    const id = bytes[at++];
    const size = leb();
    const body = at;
    let name = null;
    if (id === 0) {
      const length = leb();
      name = new TextDecoder().decode(bytes.subarray(at, at + length));
    }
    at = body + size;
    if (at > bytes.length) throw new Error('truncated section');
    if (!DROPPED.has(name)) keep.push(bytes.subarray(start, at));
  }
  return Buffer.concat(keep);
}

for (const file of process.argv.slice(2)) {
  const out = strip(readFileSync(file));
  if (!WebAssembly.validate(out)) throw new Error(`${file}: not valid after stripping`);
  writeFileSync(file, out);
}
