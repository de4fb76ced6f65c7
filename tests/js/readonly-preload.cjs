// Loaded with `node --require` by fix.test.mjs: any file named `b.yaml` is not writable,
// for root too (who may write a read-only file), so a failed `--write` is tested as any user.
const fs = require('node:fs');
const path = require('node:path');

const access = fs.accessSync;
fs.accessSync = (file, mode) => {
  if (path.basename(String(file)) === 'b.yaml' && mode & fs.constants.W_OK) {
    throw Object.assign(new Error(`EACCES: permission denied, access '${file}'`), { code: 'EACCES' });
  }
  return access(file, mode);
};
