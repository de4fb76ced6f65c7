// Loaded with `node --require` by cli.test.mjs: makes the installed package's validation
// entry points trap for real (through the wrapper), to see the CLI turn EXTSVC_INTERNAL
// into exit code 3.
const path = require('node:path');

const api = require(require.resolve('extsvc', { paths: [path.join(__dirname)] }));
api.check = () => api.__trap();
api.__inputs = () => api.__trap();
