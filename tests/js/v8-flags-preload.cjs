// Loaded with `node --require` by cli.test.mjs: records every V8 flag the process sets
// (one per line, in the file named by EXTSVC_V8_FLAGS_LOG), then sets it as asked.
const fs = require('node:fs');
const v8 = require('node:v8');

const set = v8.setFlagsFromString;
v8.setFlagsFromString = (flags) => {
  fs.appendFileSync(process.env.EXTSVC_V8_FLAGS_LOG, `${flags}\n`);
  return set(flags);
};
