// Prints the benchmark table of issue 7: for each corpus, wall time, documents/s, MB/s and
// peak RSS of `extsvc validate --format json` (CLI: Node + WASM) and of the native core,
// next to js-yaml `loadAll` on the same file, measured in this run; then the ratios,
// start-up, size and the playground's per-call cost (calls.cjs).
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, mkdtempSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const dir = process.argv[2];
const rssFile = join(mkdtempSync(join(tmpdir(), 'extsvc-bench-')), 'rss');
const cli = join(root, 'js', 'bin', 'extsvc.js');
const native = join(root, 'target', 'release', 'examples', 'validate-native');

function timed(cmd, args, env = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { env: { ...process.env, ...env, RSS_OUT: rssFile }, maxBuffer: 1 << 30, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { seconds, stdout: r.stdout };
}
function rss() { try { return Number(readFileSync(rssFile, 'utf8')); } catch { return NaN; } }
function median(xs) { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; }
function measure(run, runs) {
  const all = Array.from({ length: runs }, run);
  const best = all.reduce((a, b) => (a.seconds <= b.seconds ? a : b));
  return { ...best, seconds: median(all.map((x) => x.seconds)) };
}

const corpora = [['docs-100.yaml', 100, 5], ['docs-10000.yaml', 10000, 3], ['docs-100000.yaml', 100000, 1],
  ['endpoints-1000.yaml', 2, 5], ['slice-1000.yaml', 2, 5]];
const rows = [];
for (const [file, docs, runs] of corpora) {
  const path = join(dir, file);
  const mb = statSync(path).size / 1e6;
  const c = measure(() => { const r = timed('node', ['--require', join(here, 'rss.cjs'), cli, 'validate', '--format', 'json', path]); return { ...r, rss: rss() }; }, runs);
  const n = measure(() => { const r = timed(native, [path]); return { ...r, rss: JSON.parse(r.stdout).maxRssKb }; }, runs);
  const j = measure(() => { const r = timed('node', ['--require', join(here, 'rss.cjs'), join(here, 'jsyaml.cjs'), path]); return { ...r, rss: rss(), parse: JSON.parse(r.stdout).parseSeconds }; }, runs);
  rows.push({ file, docs, mb, c, n, j });
}

const f = (x, d = 3) => x.toFixed(d);
console.log('\n| corpus | MB | tool | wall s | docs/s | MB/s | peak RSS MB |');
console.log('|---|---:|---|---:|---:|---:|---:|');
for (const { file, docs, mb, c, n, j } of rows) {
  for (const [tool, m, secs] of [['extsvc CLI (WASM)', c, c.seconds], ['extsvc native core', n, n.seconds], ['js-yaml loadAll (process)', j, j.seconds], ['js-yaml loadAll (parse only)', j, j.parse]]) {
    console.log(`| ${file} | ${f(mb, 1)} | ${tool} | ${f(secs)} | ${Math.round(docs / secs)} | ${f(mb / secs, 1)} | ${f(m.rss / 1024, 1)} |`);
  }
}
const by = Object.fromEntries(rows.map((r) => [r.file, r]));
const k10 = by['docs-10000.yaml'];
const k100 = by['docs-100000.yaml'];
const start = measure(() => timed('node', [cli, 'validate', '--format', 'json', join(dir, 'two-docs.yaml')]), 11).seconds;
const bare = measure(() => timed('node', ['-e', '0']), 11).seconds;
const wasm = readFileSync(join(root, 'js', 'pkg', 'node', 'extsvc_bg.wasm'));
const gz = gzipSync(wasm, { level: 9 }).length;
// The playground's budget is one frame (16 ms) per operation on a typical manifest.
const calls = JSON.parse(timed('node', [join(here, 'calls.cjs')]).stdout);
const slowest = Math.max(...Object.values(calls));
const ratios = [
  ['CLI 10k / js-yaml parse-only 10k (target <= 1.0)', k10.c.seconds / k10.j.parse, 1.0],
  ['CLI 10k / js-yaml whole process 10k', k10.c.seconds / k10.j.seconds, null],
  ['CLI per-doc cost 100k / 10k (target <= 1.25)', (k100.c.seconds / 100000) / (k10.c.seconds / 10000), 1.25],
  // What 10,000 more documents cost the CLI, without Node's and the module's start-up and
  // V8's warm-up, which a run of 10,000 pays once and js-yaml's in-process time does not.
  ['CLI marginal cost per 10k docs ((100k - 10k) / 9) / js-yaml parse-only 10k', (k100.c.seconds - k10.c.seconds) / 9 / k10.j.parse, null],
  ['native per-doc cost 100k / 10k', (k100.n.seconds / 100000) / (k10.n.seconds / 10000), null],
  ['CLI peak RSS 100k / input size (target < 4)', (k100.c.rss * 1024) / (k100.mb * 1e6), 4],
  ['CLI start-up on 2 docs / bare node -e 0 (target <= 1.5)', start / bare, 1.5],
  ['release .wasm gzip -9 KB / 250 KB (target <= 1.0)', gz / 1024 / 250, 1.0],
  ['slowest playground call on the seed example / 16 ms (target < 1.0)', slowest / 16, 1.0],
];
console.log('\n| ratio | value | target met |');
console.log('|---|---:|---|');
for (const [name, v, target] of ratios) console.log(`| ${name} | ${f(v, 2)} | ${target == null ? '-' : v <= target ? 'yes' : 'NO'} |`);
console.log(`\nper call through WASM (median of 500, ms): ${Object.entries(calls).map(([k, v]) => `${k} ${f(v)}`).join(', ')}`);
console.log(`release .wasm: ${wasm.length} bytes raw, ${gz} bytes gzip -9; bare node start ${f(bare * 1000, 0)} ms, CLI on 2 docs ${f(start * 1000, 0)} ms`);
