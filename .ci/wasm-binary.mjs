// Reading and writing the few parts of the WebAssembly binary format the build's
// post-processing needs (strip-wasm-sections.mjs, shorten-import-names.mjs).

/** Unsigned LEB128 of `n`. */
export function leb(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return Buffer.from(out);
}

/** A name as the binary writes it: its length, then its UTF-8 bytes. */
export const encodeName = (name) => Buffer.concat([leb(Buffer.byteLength(name)), Buffer.from(name)]);

/** A cursor over `bytes` from `at`: LEB128 numbers, names, skips. */
export function reader(bytes, at) {
  return {
    get at() {
      return at;
    },
    u32() {
      let value = 0;
      let shift = 0;
      let byte;
      do {
        byte = bytes[at++];
        value += (byte & 0x7f) * 2 ** shift;
        shift += 7;
      } while (byte & 0x80);
      return value;
    },
    name() {
      const length = this.u32();
      at += length;
      return bytes.toString('utf8', at - length, at);
    },
    skip(n) {
      at += n;
    },
  };
}

/** Each section of a module: `{id, start, body, end}` (byte offsets; `body` after the size). */
export function* sections(bytes) {
  const r = reader(bytes, 8); // after the magic number and version
  while (r.at < bytes.length) {
    const start = r.at;
    const id = bytes[start];
    r.skip(1);
    const size = r.u32();
    const body = r.at;
    r.skip(size);
    if (r.at > bytes.length) throw new Error('truncated section');
    yield { id, start, body, end: r.at };
  }
}
