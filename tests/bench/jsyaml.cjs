// Reference: js-yaml loadAll on the same file, timed inside a warm process.
// Prints {parseSeconds, documents}.
const { readFileSync } = require('node:fs');
const path = require('node:path');
const yaml = require(path.join(__dirname, '..', 'node_modules', 'js-yaml'));
const text = readFileSync(process.argv[2], 'utf8');
const head = text.slice(0, 20000);
yaml.loadAll(head.slice(0, Math.max(0, head.lastIndexOf('\n---\n')))); // warm up the JIT on whole documents
const t = process.hrtime.bigint();
let documents = 0;
yaml.loadAll(text, () => { documents += 1; });
const parseSeconds = Number(process.hrtime.bigint() - t) / 1e9;
console.log(JSON.stringify({ parseSeconds, documents }));
