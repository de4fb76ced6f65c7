// The installed CLI in a CI job: exit codes, unknown flags and config keys, stdin, mixed
// directories, globs and excludes, GitHub annotations, --output/--quiet, configuration
// discovery, selection and inline suppressions.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import { BIN, CLEAN, SEED, SEED_WARNINGS, extsvc, tempDir, writeTree } from './helpers.mjs';

const ONE_LINE = /^extsvc: [^\n]+\n$/;

/** [file, code, line, column] of each finding of a JSON report. */
function findings(stdout) {
  return JSON.parse(stdout).diagnostics.map((d) => [d.file, d.code, d.location?.line, d.location?.column]);
}

describe('exit codes', () => {
  const dir = writeTree(tempDir(), { 'errors.yaml': SEED, 'warnings.yaml': SEED_WARNINGS, 'clean.yaml': CLEAN });
  const cases = [
    ['clean', ['clean.yaml'], 0],
    ['warnings only', ['warnings.yaml'], 0],
    ['warnings, --error-on-warning', ['--error-on-warning', 'warnings.yaml'], 1],
    ['errors', ['errors.yaml'], 1],
    ['errors, --exit-zero', ['--exit-zero', 'errors.yaml'], 0],
    ['errors ignored', ['--ignore', 'EP-NAME-MATCH', 'errors.yaml'], 0],
    ['warnings ignored, --error-on-warning', ['--error-on-warning', '--ignore', 'EP-', 'warnings.yaml'], 0],
    ['unknown flag', ['--bogus', 'clean.yaml'], 2],
    ['unknown flag, --exit-zero', ['--exit-zero', '--bogus', 'clean.yaml'], 2],
    ['missing file', ['missing.yaml'], 2],
    ['unknown rule in --select', ['--select', 'EP-NAME', 'clean.yaml'], 2],
    ['bad --exclude glob', ['--exclude', 'a[', '.'], 2],
    ['nothing to read', ['--exclude', '*.yaml', '.'], 2],
  ];
  for (const [name, args, want] of cases) {
    it(`${name}: ${want}`, () => {
      const r = extsvc(['validate', '--no-config', ...args], { cwd: dir });
      assert.equal(r.code, want, `${r.stdout}${r.stderr}`);
      if (want === 2) {
        assert.equal(r.stdout, '');
        assert.match(r.stderr, ONE_LINE);
      } else {
        assert.equal(r.stderr, '');
      }
    });
  }
});

describe('unknown flags and config keys: exit 2, one line naming them', () => {
  it('unknown flags', () => {
    for (const [args, name] of [
      [['validate', '--selct', 'EP-', '-'], "'--selct'"],
      [['validate', '--error-on-warnings', '-'], "'--error-on-warnings'"],
      [['validate', '-q', '-'], "'-q'"],
      // A value given twice is a mistake (which one was meant?), as clap has it.
      [['validate', '--format', 'json', '--format=sarif', '-'], "'--format' given twice"],
      [['fix', '--kube-version', '1.36', '--kube-version', '1.37', '-'], "'--kube-version' given twice"],
    ]) {
      const r = extsvc(args, { input: CLEAN });
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, ONE_LINE);
      assert.ok(r.stderr.includes(name), r.stderr);
    }
  });

  it('unknown keys in extsvc.json, found in a parent directory', () => {
    const dir = writeTree(tempDir(), {
      'extsvc.json': '{"ignore": ["EP-"], "selct": ["EP-"], "errorsOnWarning": true}',
      'deploy/prod/a.yaml': CLEAN,
    });
    const r = extsvc(['validate', 'a.yaml'], { cwd: path.join(dir, 'deploy/prod') });
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, ONE_LINE);
    assert.ok(r.stderr.startsWith(`extsvc: ${path.join(dir, 'extsvc.json')}: unknown keys "errorsOnWarning", "selct" `), r.stderr);
  });

  it('unknown keys in the "extsvc" field of package.json', () => {
    const dir = writeTree(tempDir(), {
      'package.json': JSON.stringify({ name: 'x', extsvc: { kubeversion: '1.33' } }),
      'a.yaml': CLEAN,
    });
    const r = extsvc(['validate', 'a.yaml'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, ONE_LINE);
    assert.match(r.stderr, /package\.json: field "extsvc": unknown key "kubeversion" \(known keys: /);
  });

  it('bad values and bad JSON in the config', () => {
    for (const [text, message] of [
      ['{"kubeVersion": "1.20"}', /kubeVersion: unsupported kubeVersion "1\.20"/],
      ['{"select": ["EP-NOPE"]}', /unknown rule code or prefix in select: "EP-NOPE"/],
      ['{"format": "xml"}', /format: unknown variant `xml`/],
      ['{"select": "EP-"}', /select: invalid type: string "EP-", expected a sequence/],
      ['{"select": [', /invalid JSON/],
    ]) {
      const dir = writeTree(tempDir(), { 'extsvc.json': text, 'a.yaml': CLEAN });
      const r = extsvc(['validate', 'a.yaml'], { cwd: dir });
      assert.equal(r.code, 2, text);
      assert.match(r.stderr, ONE_LINE);
      assert.match(r.stderr, message, text);
    }
  });
});

describe('a config file that is not one', () => {
  // The config is searched for up to the root, so a stray one must not hang every run below
  // it: found ones must be regular files, and any one is read up to 4 MiB.
  it('a found config linked to /dev/zero or a FIFO is refused, not read or waited on', { skip: process.platform === 'win32' }, () => {
    for (const make of [(f) => symlinkSync('/dev/zero', f), (f) => spawnSync('mkfifo', [f])]) {
      const dir = writeTree(tempDir(), { 'k8s/a.yaml': CLEAN });
      make(path.join(dir, 'extsvc.json'));
      const r = extsvc(['validate', 'k8s'], { cwd: dir, timeout: 20_000 });
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, ONE_LINE);
      assert.match(r.stderr, /cannot read '.*extsvc\.json': not a regular file/);
    }
  });

  it('--config names any readable file, read up to 4 MiB', { skip: process.platform === 'win32' }, () => {
    const dir = writeTree(tempDir(), { 'k8s/a.yaml': CLEAN, 'big.json': `{"select": ["EP-"]}${' '.repeat(4 * 1024 * 1024)}` });
    const zero = extsvc(['validate', '--config', '/dev/zero', 'k8s'], { cwd: dir, timeout: 20_000 });
    assert.equal(zero.code, 2);
    assert.match(zero.stderr, /cannot read '\/dev\/zero': larger than 4 MiB, too large for a config file/);
    assert.match(extsvc(['validate', '--config', 'big.json', 'k8s'], { cwd: dir }).stderr, /larger than 4 MiB/);
    // A pipe, as `--config <(...)` gives, still works.
    const piped = spawnSync('bash', ['-c', `"${BIN}" validate --format json --config <(echo '{"select": ["EP-"]}') k8s`], { cwd: dir, encoding: 'utf8' });
    assert.equal(piped.status, 0, piped.stderr);
    assert.deepEqual(JSON.parse(piped.stdout).diagnostics, []);
  });
});

describe('file names that are not UTF-8', () => {
  // Node names files by string; `caf\xe9.yaml` (Latin-1) came back as `caf\ufffd.yaml`, named
  // no file, and was skipped, so a directory of broken manifests passed with exit 0.
  it('are an error naming them when the run would read them, and harmless otherwise', { skip: process.platform !== 'linux' }, () => {
    const dir = writeTree(tempDir(), { 'k8s/ok.yaml': CLEAN, 'other/ok.yaml': CLEAN });
    const latin1 = (name) => Buffer.from(`${dir}/${name}`, 'latin1');
    writeFileSync(latin1('k8s/caf\xe9.yaml'), 'apiVersion: v1\nkind: Endpoints\nmetadata: {name: "BAD NAME"}\n');
    writeFileSync(latin1('other/notes-\xff.txt'), 'not a manifest');
    mkdirSync(latin1('other/docs-\xe9'));
    symlinkSync('.', latin1('other/up-\xe9')); // a loop back into the walk: skipped
    for (const args of [['k8s'], ['k8s/*.yaml'], ['**/*.yaml'], ['--format', 'json', 'k8s']]) {
      const r = extsvc(['validate', '--no-config', ...args], { cwd: dir });
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stderr, "extsvc: cannot read 'k8s/caf\ufffd.yaml': its name is not valid UTF-8 (rename it, or exclude it)\n");
    }
    // Excluded, or not matched by the glob: never read, so no error.
    for (const args of [['--exclude', 'caf*', 'k8s'], ['k8s/ok.yaml'], ['other/*.yaml'], ['**/ok.yaml']]) {
      const r = extsvc(['validate', '--no-config', ...args], { cwd: dir });
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    }
    // A directory of such a name cannot be walked: an error unless excluded.
    const walked = extsvc(['validate', '--no-config', 'other'], { cwd: dir });
    assert.equal(walked.code, 2);
    assert.equal(walked.stderr, "extsvc: cannot read 'other/docs-\ufffd': its name is not valid UTF-8 (rename it, or exclude it)\n");
    assert.equal(extsvc(['validate', '--no-config', '--exclude', 'docs-*', 'other'], { cwd: dir }).code, 0);
  });
});

describe('configuration', () => {
  it('is applied, flags override it key by key, --no-config and --config', () => {
    const dir = writeTree(tempDir(), {
      'package.json': JSON.stringify({ name: 'x', extsvc: { ignore: ['EP-NAME-MATCH'], format: 'json' } }),
      'k8s/seed.yaml': SEED,
      'other.json': '{"select": ["EP-NAME-MATCH"], "format": "json"}',
    });
    const codes = (r) => JSON.parse(r.stdout).diagnostics.map((d) => d.code);
    const viaPackage = extsvc(['validate', 'k8s'], { cwd: dir });
    assert.equal(viaPackage.code, 0, viaPackage.stderr);
    assert.deepEqual(codes(viaPackage), ['EP-DEPRECATED', 'EP-PORT-NAME-MATCH']);
    // --ignore replaces the config's ignore; the format still comes from the config.
    assert.deepEqual(codes(extsvc(['validate', '--ignore', 'EP-DEPRECATED', 'k8s'], { cwd: dir })), ['EP-NAME-MATCH', 'EP-PORT-NAME-MATCH']);
    const none = extsvc(['validate', '--no-config', 'k8s'], { cwd: dir });
    assert.equal(none.code, 1);
    assert.match(none.stdout, /^k8s\/seed\.yaml:19:1: warning\[EP-DEPRECATED\]/);
    assert.deepEqual(codes(extsvc(['validate', '--config', 'other.json', 'k8s'], { cwd: dir })), ['EP-NAME-MATCH']);
    const both = extsvc(['validate', '--config', 'other.json', '--no-config', 'k8s'], { cwd: dir });
    assert.equal(both.code, 2);
  });

  it('errorOnWarning, kubeVersion and exclude from extsvc.json', () => {
    const dir = writeTree(tempDir(), {
      'extsvc.json': JSON.stringify({ errorOnWarning: true, kubeVersion: '1.33', exclude: ['charts', 'legacy/*.yaml'] }),
      'k8s/warnings.yaml': SEED_WARNINGS,
      'charts/db/templates/svc.yaml': 'metadata:\n  name: {{ .Values.name }}\n',
      'legacy/old.yaml': SEED,
    });
    const r = extsvc(['validate', '--format', 'json', '.'], { cwd: dir });
    assert.equal(r.code, 1, 'warnings fail with errorOnWarning');
    assert.deepEqual(findings(r.stdout), [
      ['k8s/warnings.yaml', 'EP-DEPRECATED', 19, 1],
      ['k8s/warnings.yaml', 'EP-PORT-NAME-MATCH', 28, 15],
    ]);
    // A file named on the command line is read even when excluded.
    const named = extsvc(['validate', '--format', 'json', 'legacy/old.yaml'], { cwd: dir });
    assert.ok(JSON.parse(named.stdout).diagnostics.some((d) => d.code === 'EP-NAME-MATCH'));
  });
});

describe('inputs', () => {
  it('stdin: helm template … | extsvc validate -', () => {
    const stream = `# Source: chart/templates/db.yaml\n${SEED}\n---\n# Source: chart/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n`;
    const r = extsvc(['validate', '--no-config', '--format', 'json', '-'], { input: stream });
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(findings(r.stdout), [
      ['<stdin>', 'EP-DEPRECATED', 20, 1],
      ['<stdin>', 'EP-NAME-MATCH', 23, 9],
      ['<stdin>', 'EP-PORT-NAME-MATCH', 29, 15],
      ['<stdin>', 'SKIPPED-KIND', 35, 1],
    ]);
    const named = extsvc(['validate', '--no-config', '--stdin-filename', 'chart.yaml', '--format', 'github', '-'], { input: SEED });
    assert.match(named.stdout, /^::warning file=chart\.yaml,line=19,/);
    const long = extsvc(['validate', '--no-config', '--stdin-filename', 'x'.repeat(4097), '-'], { input: SEED });
    assert.equal(long.code, 2, long.stderr);
    assert.equal(long.stderr, 'extsvc: name: longer than the limit of 4096 bytes\n');
  });

  it('a manifest saved as UTF-16 (Windows PowerShell writes it with >) is named as such', () => {
    const dir = tempDir();
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CLEAN, 'utf16le')]);
    writeFileSync(path.join(dir, 'ps.yaml'), utf16);
    const r = extsvc(['validate', '--no-config', '--format', 'json', path.join(dir, 'ps.yaml')]);
    assert.equal(r.code, 1, r.stderr);
    const [only, ...rest] = JSON.parse(r.stdout).diagnostics;
    assert.deepEqual(rest, []);
    assert.equal(only.code, 'YAML-SYNTAX');
    assert.match(only.message, /control characters are not allowed \(U\+0000\); the file looks like UTF-16: save it as UTF-8$/);
  });

  it('a directory of mixed Kubernetes and non-Kubernetes YAML yields only the right findings', () => {
    const dir = writeTree(tempDir(), {
      'repo/.gitlab-ci.yml': 'stages: [test]\ntest:\n  script: [make]\n',
      'repo/.github/workflows/ci.yml': 'on: push\njobs: {}\n',
      'repo/chart/values.yaml': 'replicaCount: 2\nimage: {repository: nginx}\n',
      'repo/docker-compose.yml': 'services:\n  db: {image: postgres}\n',
      'repo/tsconfig.json': '{"compilerOptions": {"strict": true}}',
      'repo/k8s/seed.yaml': SEED,
      'repo/k8s/clean.yaml': CLEAN,
      'repo/k8s/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n',
      'repo/node_modules/pkg/bad.yaml': SEED,
      'repo/README.md': SEED,
    });
    const r = extsvc(['validate', '--format', 'json', 'repo'], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(findings(r.stdout), [
      ['repo/k8s/deploy.yaml', 'SKIPPED-KIND', 1, 1],
      ['repo/k8s/seed.yaml', 'EP-DEPRECATED', 19, 1],
      ['repo/k8s/seed.yaml', 'EP-NAME-MATCH', 22, 9],
      ['repo/k8s/seed.yaml', 'EP-PORT-NAME-MATCH', 28, 15],
    ]);
    // .gitlab-ci.yml (a hidden file, not a hidden directory), chart/values.yaml,
    // docker-compose.yml, tsconfig.json and the three k8s files: read, and skipped quietly.
    assert.deepEqual([out.summary.files, out.summary.objects], [7, 4]);
  });

  it('globs: quoted, expanded by extsvc; a glob matching nothing adds nothing', () => {
    const dir = writeTree(tempDir(), {
      'deploy/prod/db.yaml': SEED,
      'deploy/prod/notes.txt': SEED,
      'deploy/staging/db.yml': SEED_WARNINGS,
      'deploy/staging/skip.json': SEED,
    });
    const files = (args) => {
      const r = extsvc(['validate', '--no-config', '--format', 'json', ...args], { cwd: dir });
      return [...new Set(JSON.parse(r.stdout).diagnostics.map((d) => d.file))];
    };
    assert.deepEqual(files(['deploy/**/*.{yaml,yml}']), ['deploy/prod/db.yaml', 'deploy/staging/db.yml']);
    assert.deepEqual(files(['deploy/s*/db.*']), ['deploy/staging/db.yml']);
    assert.deepEqual(files(['deploy/*/db.y?ml']), ['deploy/prod/db.yaml']);
    assert.deepEqual(files(['deploy/prod/*.txt']), ['deploy/prod/notes.txt']);
    assert.deepEqual(files(['deploy/**/*.yaml', 'nowhere/*.yaml']), ['deploy/prod/db.yaml']);
    assert.deepEqual(files(['--exclude', 'staging', 'deploy']), ['deploy/prod/db.yaml']);
    const none = extsvc(['validate', '--no-config', 'nowhere/*.yaml'], { cwd: dir });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /^extsvc: no \.yaml, \.yml or \.json files found in nowhere\/\*\.yaml\n$/);
  });

  it('a file of several MiB is checked as its pieces arrive, with the same findings as the text format', () => {
    // 4,000 copies of the seed (about 3.4 MB, four of the CLI's 1 MiB reads): the machine
    // formats stream it, the text format reads it whole; both must find the same things.
    const copies = 4000;
    const dir = writeTree(tempDir(), { 'big.yaml': Array.from({ length: copies }, () => SEED).join('---\n') });
    const json = extsvc(['validate', '--no-config', '--format', 'json', 'big.yaml'], { cwd: dir });
    assert.equal(json.code, 1, json.stderr);
    const out = JSON.parse(json.stdout);
    assert.equal(out.summary.objects, 2 * copies);
    const text = extsvc(['validate', '--no-config', '--format', 'text', 'big.yaml'], { cwd: dir });
    const fromText = [...text.stdout.matchAll(/^big\.yaml:(\d+):(\d+): \w+\[([A-Z0-9-]+)\]/gm)].map((m) => [m[3], Number(m[1]), Number(m[2])]);
    const fromJson = out.diagnostics.map((d) => [d.code, d.location.line, d.location.column]);
    assert.equal(fromJson.length, fromText.length);
    assert.deepEqual(fromJson, fromText);
    // The same bytes on standard input (written into the module's memory, which grows
    // while they arrive) give the same findings.
    const piped = extsvc(['validate', '--no-config', '--format', 'json', '--stdin-filename', 'big.yaml', '-'], {
      input: readFileSync(path.join(dir, 'big.yaml')),
    });
    assert.equal(piped.code, 1, piped.stderr);
    assert.deepEqual(JSON.parse(piped.stdout).diagnostics, out.diagnostics);
    // The last copy's findings sit on its own lines (the streamed line count kept up).
    const seedLines = SEED.split('\n').length;
    const last = out.diagnostics.filter((d) => d.code === 'EP-NAME-MATCH').at(-1);
    assert.equal(last.location.line, (copies - 1) * seedLines + 22);
  });

  it('inputs keep the order given; a file given twice (named and inside a directory) is read once', () => {
    const dir = writeTree(tempDir(), { 'k8s/seed.yaml': SEED, 'z.yaml': SEED_WARNINGS });
    const r = extsvc(['validate', '--no-config', '--format', 'json', 'z.yaml', 'k8s/seed.yaml', 'k8s'], { cwd: dir });
    const out = JSON.parse(r.stdout);
    assert.equal(out.summary.files, 2);
    assert.deepEqual([...new Set(out.diagnostics.map((d) => d.file))], ['z.yaml', 'k8s/seed.yaml']);
  });
});

describe('GitHub annotations', () => {
  it('carry file, line and UTF-16 columns; severities map to error/warning/notice', () => {
    const dir = writeTree(tempDir(), {
      'k8s/seed.yaml': SEED,
      'k8s/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n',
      // `db-ep` starts after `é` (1 UTF-16 unit) and `😀` (2 units): column 44.
      'k8s/ünï/ep.yaml': `apiVersion: v1
kind: Endpoints
metadata: {annotations: {note: é😀}, name: db-ep, namespace: prod}
subsets:
  - addresses:
      - ip: 10.0.0.7
    ports:
      - name: pg
        port: 5432
`,
    });
    const r = extsvc(['validate', '--no-config', '--format', 'github', 'k8s'], { cwd: dir });
    assert.equal(r.code, 1);
    const heads = r.stdout.trimEnd().split('\n').map((l) => l.slice(0, l.indexOf('::', 2)));
    assert.deepEqual(heads, [
      '::notice file=k8s/deploy.yaml,line=1,col=1,endLine=4,endColumn=12,title=extsvc (SKIPPED-KIND)',
      '::warning file=k8s/seed.yaml,line=19,col=1,endLine=30,endColumn=22,title=extsvc (EP-DEPRECATED)',
      '::error file=k8s/seed.yaml,line=22,col=9,endLine=22,endColumn=17,title=extsvc (EP-NAME-MATCH)',
      '::warning file=k8s/seed.yaml,line=28,col=15,endLine=28,endColumn=20,title=extsvc (EP-PORT-NAME-MATCH)',
      '::warning file=k8s/ünï/ep.yaml,line=1,col=1,endLine=9,endColumn=19,title=extsvc (EP-DEPRECATED)',
      // No Service in namespace prod at all: it may exist in the cluster, so only a notice.
      '::notice file=k8s/ünï/ep.yaml,line=3,col=44,endLine=3,endColumn=49,title=extsvc (EP-NAME-MATCH)',
    ]);
  });
});

describe('--output and --quiet', () => {
  it('--output writes atomically (no temp file left) and prints nothing', () => {
    const dir = writeTree(tempDir(), { 'seed.yaml': SEED, 'out/report.json': 'old' });
    const r = extsvc(['validate', '--no-config', '--format', 'json', '--output', 'out/report.json', 'seed.yaml'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, '');
    assert.equal(JSON.parse(readFileSync(path.join(dir, 'out/report.json'), 'utf8')).summary.errors, 1);
    assert.deepEqual(readdirSync(path.join(dir, 'out')), ['report.json']);
    const nested = extsvc(['validate', '--no-config', '--output', 'a/b/report.txt', 'seed.yaml'], { cwd: dir });
    assert.equal(nested.code, 1);
    assert.match(readFileSync(path.join(dir, 'a/b/report.txt'), 'utf8'), /^seed\.yaml:19:1: /);
  });

  it('--output to an unwritable place exits 2 and leaves nothing behind', () => {
    const dir = writeTree(tempDir(), { 'seed.yaml': SEED, 'file': 'x' });
    const r = extsvc(['validate', '--no-config', '--output', 'file/report.json', 'seed.yaml'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^extsvc: cannot write 'file\/report\.json': [^\n]+\n$/);
    assert.ok(!existsSync(path.join(dir, 'file/report.json')));
  });

  it('--output naming an input (itself, or inside a walked directory) exits 2 and leaves it as it was', () => {
    const dir = writeTree(tempDir(), { 'k8s/seed.yaml': SEED });
    for (const args of [['--output', 'k8s/seed.yaml', 'k8s/seed.yaml'], ['--output', 'k8s/seed.yaml', 'k8s']]) {
      const r = extsvc(['validate', '--no-config', '--format', 'json', ...args], { cwd: dir });
      assert.equal(r.code, 2);
      assert.equal(r.stderr, 'extsvc: --output k8s/seed.yaml is also an input (k8s/seed.yaml); the report would replace it\n');
      assert.equal(readFileSync(path.join(dir, 'k8s/seed.yaml'), 'utf8'), SEED);
    }
  });

  it('--quiet prints nothing and keeps the exit code', () => {
    const r = extsvc(['validate', '--no-config', '--quiet', '-'], { input: SEED });
    assert.deepEqual([r.code, r.stdout, r.stderr], [1, '', '']);
  });
});

describe('inline suppressions', () => {
  it('an annotation with a reason drops the finding and is counted', () => {
    const annotated = SEED.replace(
      '  name: mysql-ep  # Must match Service name\n',
      '  name: mysql-ep  # Must match Service name\n  annotations:\n    ignore-check.extsvc.io/ep-name-match: "renamed by kustomize"\n',
    );
    const r = extsvc(['validate', '--no-config', '--format', 'json', '-'], { input: annotated });
    assert.equal(r.code, 0, r.stdout);
    const out = JSON.parse(r.stdout);
    assert.equal(out.summary.suppressed, 1);
    assert.deepEqual(out.diagnostics.map((d) => d.code), ['EP-DEPRECATED', 'EP-PORT-NAME-MATCH']);
  });
});
