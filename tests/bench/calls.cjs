// Per-call cost of the playground's operations (validate, generate, fix, migrate) through
// the WASM binding in Node, on the seed example and its generator spec: the median of 500
// calls after 50 warm-up calls. Prints {validate, generate, fix, migrate} in milliseconds.
'use strict';
const { readFileSync } = require('node:fs');
const path = require('node:path');
const extsvc = require(path.join(__dirname, '..', '..', 'js', 'node.cjs'));

const examples = path.join(__dirname, '..', '..', 'www', 'examples');
const seed = readFileSync(path.join(examples, 'seed-mysql.yaml'), 'utf8');
const spec = JSON.parse(readFileSync(path.join(examples, 'mysql.json'), 'utf8'));

function median(call) {
  for (let i = 0; i < 50; i++) call();
  const times = [];
  for (let i = 0; i < 500; i++) {
    const t = process.hrtime.bigint();
    call();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

console.log(JSON.stringify({
  validate: median(() => extsvc.validate(seed, {})),
  generate: median(() => extsvc.generate(spec)),
  fix: median(() => extsvc.fix(seed, {})),
  migrate: median(() => extsvc.migrate(seed, {})),
}));
