// fix, migrate and unifiedDiff through every loader, and `extsvc fix` / `extsvc migrate` as
// installed: what is printed where, --diff, --write (atomic, refusing broken files), exit codes.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, linkSync, lstatSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import * as esm from 'extsvc';

import { SEED, SEED_PATH, SELECTOR, SELECTOR_PATH } from './helpers.mjs';

const require = createRequire(import.meta.url);
const cjs = require('extsvc');
const web = await import('extsvc/browser');
await web.init(readFileSync(new URL('./node_modules/extsvc/pkg/web/extsvc_bg.wasm', import.meta.url)));

const BIN = fileURLToPath(new URL('./node_modules/.bin/extsvc', import.meta.url));
const PRELOAD_READONLY = fileURLToPath(new URL('./readonly-preload.cjs', import.meta.url));

/** The seed with its two mistakes repaired, nothing else changed. */
const FIXED = SEED.replace('  name: mysql-ep  # Must match', '  name: mysql-svc  # Must match').replace(
  '      - name: mysql\n',
  '      - name: default-ep\n',
);
const BROKEN = 'apiVersion: v1\nkind: Endpoints\nmetadata: [\n  name: x\n';
const COMMENTS = SEED.split('\n').filter((l) => l.includes('#')).map((l) => l.slice(l.indexOf('#')));

const errors = (api, text) => api.validate(text).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
const codes = (list) => list.map((d) => d.code);

for (const [loader, api] of Object.entries({ 'import (node)': esm, 'require (node)': cjs, 'browser build': web })) {
  describe(`fix and migrate through ${loader}`, () => {
    it('fix repairs the seed in place, keeping its comments, and is idempotent', () => {
      const r = api.fix(SEED);
      assert.deepEqual(
        r.applied.map((a) => [a.code, a.path, a.location.line, a.location.column, a.object?.kind]),
        [
          ['EP-NAME-MATCH', 'metadata.name', 22, 9, 'Endpoints'],
          ['EP-PORT-NAME-MATCH', 'subsets[0].ports[0].name', 28, 15, 'Endpoints'],
        ],
      );
      assert.equal(r.output, FIXED);
      for (const comment of COMMENTS) assert.ok(r.output.includes(comment), `keeps ${comment}`);
      assert.deepEqual(errors(api, r.output), []);
      assert.deepEqual(r.remaining.filter((d) => d.severity === 'error'), []);
      assert.deepEqual(r.unsafeAvailable, []);
      assert.equal(r.refused, undefined);
      const again = api.fix(r.output);
      assert.deepEqual([again.output, again.applied], [r.output, []]);
    });

    it('unsafe fixes are offered, and applied only with unsafeFixes', () => {
      const offered = api.fix(SELECTOR);
      assert.deepEqual(codes(offered.unsafeAvailable), ['SVC-SELECTOR-PRESENT']);
      assert.equal(offered.output, SELECTOR);
      assert.deepEqual(errors(api, offered.output), ['SVC-SELECTOR-PRESENT']);
      const applied = api.fix(SELECTOR, { unsafeFixes: true });
      assert.deepEqual(codes(applied.applied), ['SVC-SELECTOR-PRESENT']);
      assert.deepEqual(applied.unsafeAvailable, []);
      assert.doesNotMatch(applied.output, /selector:/);
      assert.deepEqual(errors(api, applied.output), []);
    });

    it('broken YAML is refused: output is the input, the syntax error remains', () => {
      for (const r of [api.fix(BROKEN), api.migrate(BROKEN)]) {
        assert.equal(r.output, BROKEN);
        assert.match(r.refused, /YAML errors/);
        assert.ok(codes(r.remaining).includes('YAML-SYNTAX'), codes(r.remaining).join());
      }
    });

    it('migrate turns the fixed seed into an EndpointSlice with no errors and no deprecation', () => {
      const r = api.migrate(FIXED);
      assert.deepEqual(
        r.migrated.map((m) => [m.code, m.object.kind, m.object.name, m.created]),
        [['EP-DEPRECATED', 'Endpoints', 'mysql-svc', ['EndpointSlice/mysql-svc-ipv4']]],
      );
      assert.match(r.output, /\nkind: EndpointSlice\n/);
      assert.doesNotMatch(r.output, /\nkind: Endpoints\n/);
      assert.match(r.output, /\n    kubernetes\.io\/service-name: mysql-svc\n/);
      assert.deepEqual(errors(api, r.output), []);
      assert.ok(!codes(api.validate(r.output).diagnostics).includes('EP-DEPRECATED'));
      assert.ok(!codes(r.remaining).includes('EP-DEPRECATED'));
      const kept = api.migrate(FIXED, { keepEndpoints: true });
      assert.match(kept.output, /\nkind: Endpoints\n[^]*\nkind: EndpointSlice\n/);
      assert.deepEqual(errors(api, kept.output), []);
    });

    it('unifiedDiff prints diff -u hunks, empty for equal texts', () => {
      assert.equal(api.unifiedDiff('a.yaml', 'x: 1\n', 'x: 2\n'), '--- a/a.yaml\n+++ b/a.yaml\n@@ -1 +1 @@\n-x: 1\n+x: 2\n');
      assert.equal(api.unifiedDiff('a.yaml', SEED, SEED), '');
    });

    it('misuse throws EXTSVC_INVALID_ARGUMENT', () => {
      assert.throws(() => api.fix(42), { code: 'EXTSVC_INVALID_ARGUMENT', message: /source: expected a string/ });
      assert.throws(() => api.migrate(SEED, { keepEndpoint: true }), { code: 'EXTSVC_INVALID_ARGUMENT', message: /keepEndpoint/ });
      assert.throws(() => api.fix(SEED, { kubeVersion: '1.2' }), { code: 'EXTSVC_INVALID_ARGUMENT' });
      assert.throws(() => api.unifiedDiff('a', 'b'), { code: 'EXTSVC_INVALID_ARGUMENT', message: /new: expected a string/ });
    });
  });
}

describe('inputs over the limit', () => {
  it('fix and migrate refuse 400 M non-ASCII characters with YAML-LIMIT, output the caller\'s string, no trap', () => {
    // 800 MB of UTF-8: the input, a copy as `output` and that copy's JSON took more than
    // wasm32's 4 GB, and the call trapped (EXTSVC_INTERNAL).
    const huge = `a: ${'é'.repeat(400_000_000)}\n`;
    for (const r of [cjs.fix(huge), cjs.migrate(huge)]) {
      // Not assert.equal: a failure would print both 800 MB strings.
      assert.ok(r.output === huge, `output differs (length ${r.output.length})`);
      assert.match(r.refused, /larger than the limit/);
      assert.deepEqual(codes(r.remaining), ['YAML-LIMIT']);
    }
    assert.equal(cjs.fix('a: 1\n').output, 'a: 1\n');
  });
});

describe('node entries', () => {
  it('import and require share fix, migrate and unifiedDiff', () => {
    assert.equal(esm.fix, cjs.fix);
    assert.equal(esm.migrate, cjs.migrate);
    assert.equal(esm.unifiedDiff, cjs.unifiedDiff);
  });
});

function extsvc(args, { input, cwd, preload } = {}) {
  const [command, argv] = preload ? [process.execPath, ['--require', preload, BIN, ...args]] : [BIN, args];
  const r = spawnSync(command, argv, { input, cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempDir() {
  return mkdtempSync(path.join(tmpdir(), 'extsvc-fix-'));
}

describe('extsvc fix', () => {
  it('prints the fixed manifest on stdout and the summary on stderr', () => {
    const r = extsvc(['fix', SEED_PATH]);
    assert.deepEqual(r, { code: 0, stdout: FIXED, stderr: 'fixed 2 findings in 1 file\n' });
    const check = extsvc(['validate', '-'], { input: r.stdout });
    assert.equal(check.code, 0, check.stdout);
    assert.doesNotMatch(check.stdout, /error\[/);
  });

  it('fixing the fixed output changes nothing (stdin to stdout)', () => {
    assert.deepEqual(extsvc(['fix', '-'], { input: FIXED }), { code: 0, stdout: FIXED, stderr: 'nothing to fix\n' });
  });

  it('--diff prints a unified diff of the two changed lines', () => {
    const r = extsvc(['fix', '--diff', SEED_PATH]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, 'would fix 2 findings in 1 file\n');
    assert.equal(r.stdout, esm.unifiedDiff(SEED_PATH, SEED, FIXED));
    const lines = r.stdout.trimEnd().split('\n');
    assert.deepEqual(lines.slice(0, 3), [`--- a/${SEED_PATH}`, `+++ b/${SEED_PATH}`, '@@ -19,12 +19,12 @@']);
    assert.deepEqual(
      lines.filter((l) => /^[-+][^-+]/.test(l)),
      ['-  name: mysql-ep  # Must match Service name', '+  name: mysql-svc  # Must match Service name', '-      - name: mysql', '+      - name: default-ep'],
    );
    assert.ok(lines.slice(3).every((l) => /^[ +-]/.test(l)), r.stdout);
  });

  it('--write replaces fixed files atomically and leaves a broken file untouched', () => {
    const dir = tempDir();
    const seed = path.join(dir, 'seed.yaml');
    const broken = path.join(dir, 'broken.yaml');
    const clean = path.join(dir, 'clean.yaml');
    copyFileSync(SEED_PATH, seed);
    chmodSync(seed, 0o640);
    writeFileSync(broken, BROKEN);
    writeFileSync(clean, FIXED);
    const cleanTime = statSync(clean).mtimeMs;
    const r = extsvc(['fix', '--write', dir]);
    assert.equal(r.code, 1, 'a file was not changed');
    assert.equal(r.stdout, '');
    assert.match(r.stderr, new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: the input has YAML errors, so nothing was changed \\(`));
    assert.match(r.stderr, /\nfixed 2 findings in 1 file; 1 file not changed; 1 error remains \(see 'extsvc validate'\)\n$/);
    assert.equal(readFileSync(seed, 'utf8'), FIXED);
    assert.equal(statSync(seed).mode & 0o777, 0o640, 'permissions kept');
    assert.equal(readFileSync(broken, 'utf8'), BROKEN);
    assert.equal(statSync(clean).mtimeMs, cleanTime, 'an unchanged file is not rewritten');
    assert.deepEqual(readdirSync(dir).sort(), ['broken.yaml', 'clean.yaml', 'seed.yaml'], 'no temporary file left');
  });

  // Run as root (a container working on a mounted repository), the replacement was root's
  // and its owner could no longer read it (helper's report, issue 7).
  it('--write keeps the file\'s owner where it may', { skip: process.getuid?.() !== 0 && 'needs root to give a file to another user' }, () => {
    const dir = tempDir();
    const seed = path.join(dir, 'seed.yaml');
    copyFileSync(SEED_PATH, seed);
    chownSync(seed, 65534, 65534);
    chmodSync(seed, 0o640);
    const r = extsvc(['fix', '--write', seed]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(seed, 'utf8'), FIXED);
    const { uid, gid, mode } = statSync(seed);
    assert.deepEqual([uid, gid, mode & 0o7777], [65534, 65534, 0o640]);
  });

  it('--write through a symlink rewrites its target; --diff --write does both', () => {
    const dir = tempDir();
    const target = path.join(dir, 'real.yaml');
    copyFileSync(SEED_PATH, target);
    chmodSync(target, 0o644);
    symlinkSync('real.yaml', path.join(dir, 'link.yaml'));
    const r = extsvc(['fix', '--diff', '--write', 'link.yaml'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, 'fixed 2 findings in 1 file\n');
    assert.match(r.stdout, /^--- a\/link\.yaml\n\+\+\+ b\/link\.yaml\n@@ /);
    assert.equal(readFileSync(target, 'utf8'), FIXED);
    assert.ok(lstatSync(path.join(dir, 'link.yaml')).isSymbolicLink(), 'the link stays a link');
    assert.equal(readdirSync(dir).length, 2);
  });

  it('does not change a file that is not UTF-8: --write leaves it, stdout gets its bytes', () => {
    const dir = tempDir();
    const file = path.join(dir, 'latin1.yaml');
    // The seed with a Latin-1 "é" in a comment: decoded lossily, so writing it back would lose a byte.
    const bytes = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from(`\n${SEED}`)]);
    writeFileSync(file, bytes);
    const r = extsvc(['fix', '--write', file]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /latin1\.yaml: not changed: it is not UTF-8 text /);
    assert.match(r.stderr, /\nnothing to fix; 1 file not changed; 1 error remains \(see 'extsvc validate'\)\n$/);
    assert.ok(readFileSync(file).equals(bytes));
    const printed = spawnSync(BIN, ['fix', file], { env: { ...process.env, NO_COLOR: '' } });
    assert.equal(printed.status, 1);
    assert.ok(printed.stdout.equals(bytes), 'the bytes as they are, not U+FFFD');
  });

  it('--write leaves a FIFO a FIFO and reads it once', () => {
    const dir = tempDir();
    const fifo = path.join(dir, 'p.yaml');
    spawnSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `cat "$0" > "$1"`, SEED_PATH, fifo]);
    const r = spawnSync(BIN, ['fix', '--write', fifo], { encoding: 'utf8', timeout: 20000 });
    writer.kill();
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /p\.yaml: not written: it is not a regular file\n/);
    assert.ok(lstatSync(fifo).isFIFO());
  });

  it('--unsafe-fixes applies the fixes that change meaning; without it they are listed', () => {
    const plain = extsvc(['fix', SELECTOR_PATH]);
    assert.equal(plain.code, 1, 'the error remains');
    assert.equal(plain.stdout, SELECTOR);
    assert.match(plain.stderr, new RegExp(`^${SELECTOR_PATH.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:11:5: unsafe fix for SVC-SELECTOR-PRESENT \\(apply with --unsafe-fixes\\): `));
    assert.match(plain.stderr, /\nnothing to fix; 1 unsafe fix available with --unsafe-fixes; 1 error remains \(see 'extsvc validate'\)\n$/);
    const r = extsvc(['fix', '--unsafe-fixes', SELECTOR_PATH]);
    assert.deepEqual(r, { code: 0, stdout: esm.fix(SELECTOR, { unsafeFixes: true }).output, stderr: 'fixed 1 finding in 1 file\n' });
  });

  it('refuses usage errors with exit 2 and one line, touching nothing', () => {
    const dir = tempDir();
    const a = path.join(dir, 'a.yaml');
    const b = path.join(dir, 'b.yaml');
    writeFileSync(a, SEED);
    writeFileSync(b, SEED);
    const cases = [
      [['fix', a, b], /prints the result of one input; for 2 files use --write or --diff/],
      [['fix', dir], /for 2 files use --write or --diff/],
      [['fix', '--write', '-'], /'--write' cannot write to standard input/],
      [['fix'], /fix needs a PATH/],
      [['fix', '--kube-version', '1.2', a], /1\.2/],
      [['fix', '--keep-endpoints', a], /unknown option '--keep-endpoints' for 'fix'/],
      [['migrate', '--unsafe-fixes', a], /unknown option '--unsafe-fixes' for 'migrate'/],
      [['fix', '--write', path.join(dir, 'missing.yaml')], /missing\.yaml.*no such file/],
    ];
    for (const [args, message] of cases) {
      const r = extsvc(args, { input: SEED });
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '', args.join(' '));
      assert.match(r.stderr, /^extsvc: [^\n]*\n$/, args.join(' '));
      assert.match(r.stderr, message, args.join(' '));
    }
    assert.equal(readFileSync(a, 'utf8'), SEED);
    assert.equal(readFileSync(b, 'utf8'), SEED);
  });

  it('errors are counted over all inputs together, as validate counts them', () => {
    // A ClusterIP Service in one file, its Endpoints (port name differs) in another: the
    // mismatch is an error only when both are seen. Fixes work within one file, so it stays.
    const dir = tempDir();
    const [service, endpoints] = SEED.split('\n---\n');
    writeFileSync(path.join(dir, 'svc.yaml'), `${service.replace('  clusterIP: None\n', '')}\n`);
    writeFileSync(path.join(dir, 'ep.yaml'), endpoints.replace('mysql-ep', 'mysql-svc'));
    const alone = extsvc(['fix', 'ep.yaml'], { cwd: dir });
    assert.deepEqual([alone.code, alone.stderr], [0, 'nothing to fix\n']);
    const together = extsvc(['fix', '--diff', 'svc.yaml', 'ep.yaml'], { cwd: dir });
    assert.deepEqual(together, { code: 1, stdout: '', stderr: "nothing to fix; 1 error remains (see 'extsvc validate')\n" });
    assert.equal(extsvc(['validate', 'svc.yaml', 'ep.yaml'], { cwd: dir }).code, 1);
  });

  it('a file whose Endpoints pair with a Service in another input is not "repaired"', () => {
    // Found in review: alone, a.yaml's Endpoints `cache` looked meant for its selectorless
    // Service `db` and was renamed to `db`, sending db:3306 clients to Redis at :6379,
    // although b.yaml's Service `cache` pairs with it.
    const dir = tempDir();
    const a = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  ports:\n    - port: 3306\n---\napiVersion: v1\nkind: Endpoints\nmetadata:\n  name: cache\nsubsets:\n  - addresses:\n      - ip: 10.0.0.1\n    ports:\n      - port: 6379\n';
    writeFileSync(path.join(dir, 'a.yaml'), a);
    writeFileSync(path.join(dir, 'b.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: cache\nspec:\n  ports:\n    - port: 6379\n');
    writeFileSync(path.join(dir, 'seed.yaml'), SEED);
    const r = extsvc(['fix', '--write', '.'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.equal(readFileSync(path.join(dir, 'a.yaml'), 'utf8'), a);
    assert.match(r.stderr, /^a\.yaml: not changed: EP-NAME-MATCH on Endpoints cache is a finding only when this file is read alone; with the other inputs it is paired as it is\n/);
    // A pair within one file is still repaired next to it.
    assert.match(readFileSync(path.join(dir, 'seed.yaml'), 'utf8'), /\n  name: mysql-svc  # Must match/);
    assert.match(r.stderr, /fixed 2 findings in 1 file; 1 file not changed\n$/);
  });

  it('an ignored rule counts the same for a file read alone and with the others', () => {
    // Found in review: with EP-NAME-MATCH ignored in extsvc.json, the inputs read together
    // lacked the finding, so the seed's own repair was refused as "paired elsewhere".
    const dir = tempDir();
    writeFileSync(path.join(dir, 'seed.yaml'), SEED);
    writeFileSync(path.join(dir, 'other.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: cache\nspec:\n  ports:\n    - port: 6379\n');
    writeFileSync(path.join(dir, 'extsvc.json'), '{"ignore": ["EP-NAME-MATCH"]}');
    const r = extsvc(['fix', '--diff', 'seed.yaml', 'other.yaml'], { cwd: dir });
    assert.doesNotMatch(r.stderr, /not changed/);
    assert.match(r.stdout, /^\+  name: mysql-svc  # Must match/m);
  });

  it('a hard-linked file is read once and not split by --write', () => {
    // Found in review: its two names were read as two files (every object twice), and the
    // rename that replaces a file left the other name with the old text.
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.yaml'), SEED);
    linkSync(path.join(dir, 'a.yaml'), path.join(dir, 'b.yaml'));
    const r = extsvc(['fix', '--write', '.'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^(a|b)\.yaml: not written: it has 2 hard links, which replacing it would split\n/);
    // The errors left are counted in the file as it stays, not as it would have been.
    assert.match(r.stderr, /\nnothing to fix; 1 file not changed; 1 error remains \(see 'extsvc validate'\)\n$/);
    assert.equal(readFileSync(path.join(dir, 'a.yaml'), 'utf8'), SEED);
    assert.equal(statSync(path.join(dir, 'b.yaml')).nlink, 2);
  });

  it('a file --write cannot write is named, the others are still written, and the summary says so', () => {
    // It once aborted the run there: files before it written, files after it silently not,
    // and no summary. The preload makes b.yaml read-only for root too.
    const dir = tempDir();
    const seed = (name) => SEED.replaceAll('mysql', name[0].repeat(5));
    for (const name of ['a.yaml', 'b.yaml', 'c.yaml']) writeFileSync(path.join(dir, name), seed(name));
    const r = extsvc(['fix', '--write', 'a.yaml', 'b.yaml', 'c.yaml'], { cwd: dir, preload: PRELOAD_READONLY });
    assert.equal(r.code, 2, r.stderr);
    assert.equal(
      r.stderr,
      "b.yaml: not written: cannot write 'b.yaml': permission denied\nfixed 4 findings in 2 files; 1 file not changed; 1 error remains (see 'extsvc validate')\n",
    );
    const fixed = (name) => FIXED.replaceAll('mysql', name[0].repeat(5));
    assert.deepEqual(['a.yaml', 'b.yaml', 'c.yaml'].map((f) => readFileSync(path.join(dir, f), 'utf8')), [fixed('a'), seed('b'), fixed('c')]);
  });

  it('names in notes cannot reach the terminal or the CI log as controls', { skip: process.platform === 'win32' }, () => {
    // validate's text report already showed them as U+FFFD; fix and migrate printed them raw:
    // a file name could recolour the terminal or start a `::error::` line of its own.
    const dir = tempDir();
    const name = 'a\u001b[31m\n::error::x.yaml';
    writeFileSync(path.join(dir, name), BROKEN);
    const r = extsvc(['fix', '--write', '.'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^a\ufffd\[31m\ufffd::error::x\.yaml: the input has YAML errors, so nothing was changed /);
    assert.equal(r.stderr.split('\n').length, 3, r.stderr);
    assert.doesNotMatch(r.stderr, /\u001b/);
  });

  it('--write replaces a file whose name is 250 bytes long', () => {
    // The temporary file was named after it, 15 bytes longer: over the 255-byte limit.
    const dir = tempDir();
    const name = `${'x'.repeat(245)}.yaml`;
    writeFileSync(path.join(dir, name), SEED);
    const r = extsvc(['fix', '--write', name], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(path.join(dir, name), 'utf8'), FIXED);
    assert.deepEqual(readdirSync(dir), [name]);
  });

  it('a broken input on stdin is printed unchanged, exit 1', () => {
    const r = extsvc(['fix', '-'], { input: BROKEN });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, BROKEN);
    assert.match(r.stderr, /^<stdin>: the input has YAML errors, so nothing was changed/);
  });
});

describe('extsvc migrate', () => {
  it('migrates the fixed seed: an EndpointSlice, no errors, no deprecation warning', () => {
    const r = extsvc(['migrate', '-'], { input: FIXED });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, 'migrated 1 object in 1 file\n');
    assert.equal(r.stdout, esm.migrate(FIXED).output);
    assert.match(r.stdout, /\nkind: EndpointSlice\n/);
    assert.doesNotMatch(r.stdout, /\nkind: Endpoints\n/);
    const check = extsvc(['validate', '--format', 'json', '-'], { input: r.stdout });
    assert.equal(check.code, 0);
    assert.deepEqual(JSON.parse(check.stdout).diagnostics.map((d) => d.code), []);
  });

  it('--keep-endpoints keeps the Endpoints next to the slice', () => {
    const r = extsvc(['migrate', '--keep-endpoints', '-'], { input: FIXED });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\nkind: Endpoints\n[^]*\nkind: EndpointSlice\n/);
  });

  it('names what it leaves as it is, at its document', () => {
    const r = extsvc(['migrate', '-'], { input: `${FIXED}---\n${FIXED}` });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stderr,
      '<stdin>:50:1: Endpoints mysql-svc not migrated: an EndpointSlice named "mysql-svc-ipv4" already exists\n' +
        'migrated 1 object in 1 file; 1 object left as it is\n',
    );
    assert.equal((r.stdout.match(/\nkind: EndpointSlice\n/g) ?? []).length, 1);
    assert.equal((r.stdout.match(/\nkind: Endpoints\n/g) ?? []).length, 1);
  });

  it('fix then migrate with --write, and migrating again finds nothing', () => {
    const dir = tempDir();
    const file = path.join(dir, 'seed.yaml');
    copyFileSync(SEED_PATH, file);
    chmodSync(file, 0o644);
    assert.equal(extsvc(['fix', '--write', file]).code, 0);
    const r = extsvc(['migrate', '--write', file]);
    assert.deepEqual([r.code, r.stdout, r.stderr], [0, '', 'migrated 1 object in 1 file\n']);
    const text = readFileSync(file, 'utf8');
    assert.equal(text, esm.migrate(FIXED).output);
    for (const comment of COMMENTS) assert.ok(text.includes(comment.trim()), `keeps ${comment}`);
    assert.deepEqual(extsvc(['migrate', '--diff', file]), { code: 0, stdout: '', stderr: 'nothing to migrate\n' });
  });
});

describe('extsvc fix/migrate --help', () => {
  it('documents the flags and exit codes', () => {
    for (const [command, flags] of [['fix', ['--unsafe-fixes', '--diff', '--write', '--kube-version']], ['migrate', ['--keep-endpoints', '--diff', '--write', '--kube-version']]]) {
      const r = extsvc([command, '--help']);
      assert.equal(r.code, 0);
      assert.match(r.stdout, new RegExp(`^Usage: extsvc ${command} \\[OPTIONS\\] PATH\\.\\.\\.\\|-\\n`));
      for (const flag of flags) assert.match(r.stdout, new RegExp(`\\n  ${flag}\\b`), `${command} ${flag}`);
      assert.match(r.stdout, /\nExit codes: 0 no errors remain, 1 errors remain or an input was not changed,\n2 usage or I\/O error, 3 internal failure\.\n$/);
    }
    assert.match(extsvc(['--help']).stdout, /\n  extsvc fix \[--unsafe-fixes\] \[--diff\] \[--write\] PATH\.\.\.\|-\n  extsvc migrate /);
  });
});
