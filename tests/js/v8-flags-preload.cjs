// Loaded with `node --require` by cli.test.mjs: records every V8 flag the process sets,
// one per line in the file named by EXTSVC_V8_FLAGS_LOG, with whether the package's
// WebAssembly glue was already loaded then (a flag read at compile time must come first).
const fs = require('node:fs');
const path = require('node:path');
const v8 = require('node:v8');

const GLUE = `${path.sep}pkg${path.sep}node${path.sep}extsvc.js`;
const set = v8.setFlagsFromString;
v8.setFlagsFromString = (flags) => {
  const loaded = Object.keys(require.cache).some((f) => f.endsWith(GLUE));
  fs.appendFileSync(process.env.EXTSVC_V8_FLAGS_LOG, `${flags} ${loaded ? 'after' : 'before'} the module\n`);
  return set(flags);
};
