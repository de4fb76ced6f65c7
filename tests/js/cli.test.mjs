// The CLI as installed (node_modules/.bin/extsvc): exit codes, stdout/stderr discipline,
// formats, directory walking.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { MYSQL_SPEC, SEED, SEED_PATH, SEED_WARNING_ONLY } from './helpers.mjs';

const BIN = fileURLToPath(new URL('./node_modules/.bin/extsvc', import.meta.url));
const PRELOAD_TRAP = fileURLToPath(new URL('./trap-preload.cjs', import.meta.url));
const PRELOAD_V8_FLAGS = fileURLToPath(new URL('./v8-flags-preload.cjs', import.meta.url));
// By path: the package's exports do not (and need not) name the CLI's own modules.
const TIERING = fileURLToPath(new URL('./node_modules/extsvc/bin/tiering.js', import.meta.url));

function extsvc(args, { input, env } = {}) {
  const r = spawnSync(BIN, args, {
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempDir() {
  return mkdtempSync(path.join(tmpdir(), 'extsvc-cli-'));
}

const ESC = /\x1b\[/;

describe('extsvc validate', () => {
  it('exits 1 on error findings and prints them on stdout', () => {
    const r = extsvc(['validate', SEED_PATH]);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, '');
    const lines = r.stdout.split('\n');
    assert.ok(lines.some((l) => l.startsWith(`${SEED_PATH}:22:9: error[EP-NAME-MATCH]: `)), r.stdout);
    assert.match(r.stdout, /\n22 \|   name: mysql-ep  # Must match Service name\n   \|         \^{8} metadata\.name/);
    assert.match(r.stdout, /\n1 error, \d+ warnings?, 0 infos in 1 file \(2 objects\)\.\n$/);
    assert.doesNotMatch(r.stdout, ESC, 'no colour when stdout is not a TTY');
  });

  // util-linux `script` gives the CLI a terminal; without it this case is skipped, visibly.
  const script = spawnSync('script', ['--version'], { encoding: 'utf8' });
  it('colours only on a TTY, and never with NO_COLOR', { skip: script.status !== 0 && 'no `script` command' }, () => {
    const onTty = (noColor) =>
      spawnSync('script', ['-qec', `${BIN} validate ${SEED_PATH}`, '/dev/null'], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: noColor },
      }).stdout;
    assert.match(onTty(''), /\x1b\[1;31merror\[EP-NAME-MATCH\]\x1b\[0m/);
    assert.doesNotMatch(onTty('1'), ESC);
  });

  it('exits 0 on warnings, 1 with --error-on-warning', () => {
    const plain = extsvc(['validate', '-'], { input: SEED_WARNING_ONLY });
    assert.equal(plain.code, 0, plain.stdout);
    assert.match(plain.stdout, /\n<stdin>:28:15: warning\[EP-PORT-NAME-MATCH\]/);
    assert.doesNotMatch(plain.stdout, /error\[/);
    assert.equal(extsvc(['validate', '--error-on-warning', '-'], { input: SEED_WARNING_ONLY }).code, 1);
  });

  it('--format json prints one object with every field', () => {
    const r = extsvc(['validate', '--format', 'json', SEED_PATH]);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ['diagnostics', 'summary']);
    assert.deepEqual(out.summary.errors, 1);
    assert.deepEqual([out.summary.files, out.summary.objects], [1, 2]);
    assert.equal(out.diagnostics.length, out.summary.errors + out.summary.warnings + out.summary.infos);
    for (const d of out.diagnostics) {
      assert.deepEqual(Object.keys(d), [
        'code', 'rule', 'severity', 'category', 'message', 'object', 'path', 'location', 'help', 'file',
      ]);
    }
    const nameMatch = out.diagnostics.find((d) => d.code === 'EP-NAME-MATCH');
    assert.deepEqual(nameMatch.location, { line: 22, column: 9, endLine: 22, endColumn: 17 });
    assert.equal(nameMatch.file, SEED_PATH);
    const files = JSON.parse(extsvc(['validate', '--format=json', '-'], { input: SEED }).stdout).diagnostics.map((d) => d.file);
    assert.deepEqual([...new Set(files)], ['<stdin>']);
  });

  it('--kube-version is passed to Rust, which rejects unsupported ones', () => {
    assert.equal(extsvc(['validate', '--kube-version', '1.33', SEED_PATH]).code, 1);
    const r = extsvc(['validate', '--kube-version', '1.20', SEED_PATH]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^extsvc: .*1\.20.*\n$/);
  });

  it('walks directories: .yaml/.yml/.json, not hidden directories or node_modules', () => {
    const dir = tempDir();
    const ok = `${JSON.stringify(MYSQL_SPEC)}`; // not a Kubernetes object: read, not counted
    mkdirSync(path.join(dir, 'sub'));
    mkdirSync(path.join(dir, '.git'));
    mkdirSync(path.join(dir, 'node_modules'));
    writeFileSync(path.join(dir, 'a.yaml'), SEED);
    writeFileSync(path.join(dir, 'sub', 'b.yml'), SEED);
    writeFileSync(path.join(dir, 'sub', 'c.json'), ok);
    writeFileSync(path.join(dir, 'sub', 'notes.txt'), SEED);
    writeFileSync(path.join(dir, '.git', 'd.yaml'), SEED);
    writeFileSync(path.join(dir, 'node_modules', 'e.yaml'), SEED);
    const r = extsvc(['validate', '--format', 'json', dir]);
    const out = JSON.parse(r.stdout);
    assert.equal(out.summary.files, 3);
    assert.deepEqual(
      [...new Set(out.diagnostics.map((d) => path.relative(dir, d.file)))],
      ['a.yaml', path.join('sub', 'b.yml')],
    );
  });

  it('exits 2 with a one-line message on usage and I/O errors', () => {
    const cases = [
      [['validate', 'missing.yaml'], /missing\.yaml.*no such file/],
      [['validate', '--fromat', 'json', SEED_PATH], /--fromat/],
      [['validate', '-x', SEED_PATH], /'-x'/],
      [['validate', '--format', 'xml', SEED_PATH], /xml/],
      [['validate', '--format'], /--format/],
      [['validate'], /PATH/],
      [['validate', tempDir()], /no \.yaml/],
      [['frobnicate'], /frobnicate/],
      [['generate', 'missing.json'], /missing\.json/],
      [['generate', '--format', 'toml', SEED_PATH], /toml/],
      [['rules', '--format', 'xml'], /xml/],
    ];
    for (const [args, message] of cases) {
      const r = extsvc(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '', args.join(' '));
      assert.match(r.stderr, /^extsvc: [^\n]*\n$/, args.join(' '));
      assert.match(r.stderr, message, args.join(' '));
    }
  });

  it('exits 3 on an internal failure, with a message and no stack', () => {
    const r = extsvc(['validate', SEED_PATH], { env: { NODE_OPTIONS: `--require ${PRELOAD_TRAP}` } });
    assert.equal(r.code, 3, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^extsvc: internal error: .*deliberate trap.*\n$/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });
});

describe('extsvc generate', () => {
  it('prints YAML that validates with exit 0', () => {
    const dir = tempDir();
    const spec = path.join(dir, 'mysql.json');
    writeFileSync(spec, JSON.stringify(MYSQL_SPEC));
    const gen = extsvc(['generate', spec]);
    assert.equal(gen.code, 0, gen.stderr);
    assert.equal(gen.stderr, '');
    assert.match(gen.stdout, /^apiVersion: v1\nkind: Service\n/);
    const check = extsvc(['validate', '-'], { input: gen.stdout });
    assert.equal(check.code, 0, check.stdout);
    assert.match(check.stdout, /^No problems found in 1 file \(2 objects\)\.\n$/);
  });

  it('--format json prints a kubectl List', () => {
    const r = extsvc(['generate', '--format', 'json', '-'], { input: JSON.stringify(MYSQL_SPEC) });
    assert.equal(r.code, 0, r.stderr);
    const list = JSON.parse(r.stdout);
    assert.equal(list.kind, 'List');
    assert.deepEqual(list.items.map((o) => o.kind), ['Service', 'EndpointSlice']);
  });

  it('a bad spec exits 1 with diagnostics on stderr only', () => {
    const r = extsvc(['generate', '-'], { input: JSON.stringify({ ...MYSQL_SPEC, ports: [{ port: 0 }] }) });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^<stdin>:1:\d+: error\[SPEC-[A-Z-]+\]: /);
  });

  it('invalid JSON is a finding (exit 1), located in the spec', () => {
    const r = extsvc(['generate', '-'], { input: '{"name": ' });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^<stdin>:1:\d+: error\[SPEC-JSON\]: /);
  });
});

describe('extsvc rules, --version, --help', () => {
  it('rules prints a table or JSON', () => {
    const text = extsvc(['rules']);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /^CODE +SEVERITY +CATEGORY +SUMMARY\n/);
    assert.match(text.stdout, /\nEP-NAME-MATCH +error +broken +/);
    const json = JSON.parse(extsvc(['rules', '--format', 'json']).stdout);
    assert.ok(json.some((r) => r.code === 'EP-NAME-MATCH'));
  });

  it('--version and --help exit 0', () => {
    const v = extsvc(['--version']);
    assert.equal(v.code, 0);
    assert.match(v.stdout, /^extsvc 0\.1\.0 \(Kubernetes 1\.37 API, k8s-openapi v1_37; checks Kubernetes 1\.33 to 1\.37\)\n$/);
    for (const args of [['--help'], ['validate', '--help'], ['generate', '-h'], ['rules', '--help']]) {
      const r = extsvc(args);
      assert.equal(r.code, 0, args.join(' '));
      assert.match(r.stdout, /Usage:/);
    }
    const none = extsvc([]);
    assert.equal(none.code, 2, 'no command is a usage error');
    assert.equal(none.stdout, '');
    assert.match(none.stderr, /Usage:/);
  });
});

describe('the CLI\'s V8 tiering budget (bin/tiering.js)', () => {
  const { tieringFlag, NEWER_BUDGET } = createRequire(import.meta.url)(TIERING);

  it('raises the budget to the newer default on V8 11 (Node 20 and 21) only', () => {
    assert.equal(NEWER_BUDGET, 13_000_000);
    assert.equal(tieringFlag('11.3.244.8-node.38'), '--wasm-tiering-budget=13000000');
    assert.equal(tieringFlag('11.8.172.17-node.20', ['--max-old-space-size=100']), '--wasm-tiering-budget=13000000');
    // Other versions keep their own default, and so does a budget given to Node.
    for (const version of ['12.4.254.21-node.33', '13.6.233.10-node.18', '10.2.154.26-node.26', '', 'x.y', undefined]) {
      assert.equal(tieringFlag(version), null, String(version));
    }
    for (const given of ['--wasm-tiering-budget=1000', '--wasm_tiering_budget=5', '--wasm-tiering-budget']) {
      assert.equal(tieringFlag('11.3.244.8-node.38', [given]), null, given);
    }
  });

  it('is set by the CLI before the module is loaded, and nothing else is', () => {
    const log = path.join(tempDir(), 'flags');
    const r = extsvc(['validate', '--format', 'json', SEED_PATH], {
      env: { NODE_OPTIONS: `--require ${PRELOAD_V8_FLAGS}`, EXTSVC_V8_FLAGS_LOG: log },
    });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, '', 'no V8 complaint about the flag');
    JSON.parse(r.stdout);
    const expected = tieringFlag(process.versions.v8);
    const recorded = existsSync(log) ? readFileSync(log, 'utf8') : '';
    assert.equal(recorded, expected === null ? '' : `${expected} before the module\n`);
  });
});

describe('the CLI\'s I/O on odd files and streams', () => {
  const seedFile = () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'db.yaml'), SEED);
    return dir;
  };

  it('--output writes through a symlink, and into a device instead of replacing it', () => {
    const dir = seedFile();
    writeFileSync(path.join(dir, 'real.json'), '');
    symlinkSync('real.json', path.join(dir, 'report.json'));
    symlinkSync('/dev/null', path.join(dir, 'null.json'));
    for (const out of ['report.json', 'null.json']) {
      const r = extsvc(['validate', '--format', 'json', '--output', path.join(dir, out), path.join(dir, 'db.yaml')]);
      assert.equal(r.code, 1, r.stderr);
      assert.ok(lstatSync(path.join(dir, out)).isSymbolicLink(), `${out} stays a link`);
    }
    assert.equal(JSON.parse(readFileSync(path.join(dir, 'real.json'), 'utf8')).summary.errors, 1);
    assert.ok(statSync('/dev/null').isCharacterDevice());
    assert.equal(readdirSync(dir).sort().join(' '), 'db.yaml null.json real.json report.json');
  });

  it('--output /dev/stdout writes to the descriptor: an appended file keeps what it had', () => {
    const dir = seedFile();
    const log = path.join(dir, 'log.txt');
    writeFileSync(log, 'old\n');
    const out = openSync(log, 'a');
    const r = spawnSync(BIN, ['validate', '--format', 'json', '--output', '/dev/stdout', path.join(dir, 'db.yaml')], { stdio: ['ignore', out, 'pipe'] });
    closeSync(out);
    assert.equal(r.status, 1, String(r.stderr));
    const text = readFileSync(log, 'utf8');
    assert.ok(text.startsWith('old\n{'), text.slice(0, 40));
    assert.equal(JSON.parse(text.slice(4)).summary.errors, 1);
  });

  it('fix, migrate and generate stop reading at the size limit and change nothing', () => {
    const fix = spawnSync(BIN, ['fix', '/dev/zero'], { encoding: 'utf8', timeout: 60000 });
    assert.equal(fix.status, 1, fix.stderr);
    assert.equal(fix.stdout, '', 'no part of the input is printed');
    assert.match(fix.stderr, /^\/dev\/zero: not changed: larger than the limit of 268435456 bytes\n/);
    const gen = spawnSync(BIN, ['generate', '/dev/zero'], { encoding: 'utf8', timeout: 60000 });
    assert.equal(gen.status, 2);
    assert.equal(gen.stderr, 'extsvc: /dev/zero: larger than the limit of 268435456 bytes\n');
  });

  it('a failed write to stdout is one line and exit 2', () => {
    const full = openSync('/dev/full', 'w');
    const r = spawnSync(BIN, ['rules'], { encoding: 'utf8', stdio: ['ignore', full, 'pipe'] });
    closeSync(full);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^extsvc: cannot write to standard output: ENOSPC[^\n]*\n$/);
  });

  it('an unreadable stdin is an I/O error (exit 2), not an internal one', () => {
    const dir = openSync('/', 'r');
    const r = spawnSync(BIN, ['validate', '-'], { encoding: 'utf8', stdio: [dir, 'pipe', 'pipe'] });
    closeSync(dir);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'extsvc: cannot read standard input: is a directory\n');
  });

  it('rules --format github is a usage error', () => {
    const r = extsvc(['rules', '--format', 'github']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^extsvc: rules --format must be text, json, sarif/);
  });

  it('a symlink inside a walked directory is not read a second time', () => {
    const dir = seedFile();
    symlinkSync('db.yaml', path.join(dir, 'alias.yaml'));
    const r = extsvc(['validate', '--format', 'json', dir]);
    const report = JSON.parse(r.stdout);
    assert.equal(report.summary.files, 1);
    // Under its own name, not the link's (which the walk meets first).
    assert.ok(report.diagnostics.every((d) => d.file === path.join(dir, 'db.yaml')), JSON.stringify(report.diagnostics.map((d) => d.file)));
  });

  it('reads a config that starts with a byte-order mark', () => {
    const dir = seedFile();
    writeFileSync(path.join(dir, 'package.json'), `\uFEFF${JSON.stringify({ name: 'x', extsvc: { ignore: ['EP-NAME-MATCH'] } })}`);
    const r = spawnSync(BIN, ['validate', '--format', 'json', 'db.yaml'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.stderr, '');
    assert.equal(JSON.parse(r.stdout).summary.errors, 0, 'EP-NAME-MATCH is ignored by the config');
  });

  it('stops reading an endless input at the size limit, in every format', () => {
    for (const format of ['json', 'text']) {
      const r = spawnSync(BIN, ['validate', '--format', format, '/dev/zero'], { encoding: 'utf8', timeout: 60000 });
      assert.equal(r.status, 1, `${format}: ${r.stderr}`);
      assert.match(r.stdout, /input is larger than the limit of 268435456 bytes/);
    }
  });
});
