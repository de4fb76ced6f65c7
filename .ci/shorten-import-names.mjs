// Shortens the names of the module's imports, in the .wasm and in its wasm-bindgen glue
// (`make wasm` runs it on each target's pair after wasm-opt): `node shorten-import-names.mjs
// extsvc_bg.wasm extsvc.js`. wasm-bindgen names each import after its JS function plus a
// 16-digit hash (`__wbg_stringify_9af4966a2bf64a3e`), from module "./extsvc_bg.js". The
// hashes cannot be compressed: with the module name they cost 349 bytes of the gzipped
// module, against issue 7's size cap. Each such name is the key of one function in the
// glue's import object, so renaming it there and in the import section together changes
// nothing else.
import { readFileSync, writeFileSync } from 'node:fs';

import { encodeName, leb, reader, sections } from './wasm-binary.mjs';

const HASHED = /^__wbg_[A-Za-z0-9_]*_[0-9a-f]{16}$/;
const MODULE = './extsvc_bg.js';

/** The import section rewritten with short names, and the renames made. */
function shortenImports(body) {
  const r = reader(body, 0);
  const count = r.u32();
  const parts = [leb(count)];
  const renames = new Map();
  for (let i = 0; i < count; i++) {
    const module = r.name();
    const field = r.name();
    const start = r.at;
    const kind = body[start];
    r.skip(1);
    if (kind === 0) r.u32(); // function: type index
    else if (kind === 1 || kind === 2) {
      if (kind === 1) r.skip(1); // table: element type
      const flags = body[r.at];
      r.skip(1);
      r.u32();
      if (flags & 1) r.u32();
    } else if (kind === 3) r.skip(2); // global: value type, mutability
    else throw new Error(`import ${module}.${field}: unknown kind ${kind}`);
    let short = field;
    if (HASHED.test(field)) {
      short = `w${renames.size.toString(36)}`;
      renames.set(field, short);
    }
    parts.push(encodeName(module === MODULE ? 'x' : module), encodeName(short), body.subarray(start, r.at));
  }
  if (r.at !== body.length) throw new Error('import section: unexpected trailing bytes');
  return { section: Buffer.concat(parts), renames };
}

function shorten(wasm, glue) {
  const out = [wasm.subarray(0, 8)];
  let renames = new Map();
  for (const { id, start, body, end } of sections(wasm)) {
    if (id === 2) {
      const shortened = shortenImports(wasm.subarray(body, end));
      renames = shortened.renames;
      out.push(Buffer.from([2]), leb(shortened.section.length), shortened.section);
    } else {
      out.push(wasm.subarray(start, end));
    }
  }
  let js = glue;
  for (const [long, short] of renames) {
    const key = new RegExp(`\\b${long}:`, 'g');
    const found = js.match(key)?.length ?? 0;
    if (found !== 1) throw new Error(`glue: import ${long} found ${found} times, expected once`);
    js = js.replace(key, `${short}:`);
  }
  const moduleKey = `"${MODULE}": import0`;
  if (js.split(moduleKey).length !== 2) throw new Error(`glue: ${moduleKey} not found once`);
  js = js.replace(moduleKey, '"x": import0');
  return { wasm: Buffer.concat(out), js };
}

const [wasmFile, glueFile] = process.argv.slice(2);
const { wasm, js } = shorten(readFileSync(wasmFile), readFileSync(glueFile, 'utf8'));
if (!WebAssembly.validate(wasm)) throw new Error(`${wasmFile}: not valid after shortening`);
writeFileSync(wasmFile, wasm);
writeFileSync(glueFile, js);
