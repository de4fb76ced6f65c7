// Every README recipe (README.md) runs: each fenced block whose first line
// is `# file: NAME` or `# shell` is parsed, and its extsvc commands are executed against the
// installed package in a project below the install, where `npx extsvc` resolves to it
// offline. Commands other than extsvc (helm, kustomize) are replaced by `cat` of what they
// would print.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import { APP, BIN_DIR, CLEAN, ROOT, SEED, devRequire, sarifValidator, writeTree } from './helpers.mjs';

const yaml = devRequire('js-yaml');
const RECIPES = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** {name: text} of the runnable blocks: `# file: NAME` blocks by NAME, `# shell` ones as 'shell'. */
function blocks() {
  const out = {};
  for (const [, , body] of RECIPES.matchAll(/```(\w*)\n([\s\S]*?)```/g)) {
    const [first, ...rest] = body.split('\n');
    const file = /^# file: (\S+)$/.exec(first);
    if (file) out[file[1]] = rest.join('\n');
    else if (first === '# shell') out.shell = rest.join('\n');
  }
  return out;
}

const BLOCKS = blocks();

/** A project below the install (so `npx extsvc` finds it) with `manifests/`. */
function project(manifests) {
  const dir = mkdtempSync(path.join(APP, 'project-'));
  writeTree(dir, Object.fromEntries(Object.entries(manifests).map(([k, v]) => [`manifests/${k}`, v])));
  return dir;
}

/** Runs a shell command as CI would, offline, with the installed bin on PATH. */
function sh(command, cwd, input) {
  const r = spawnSync('sh', ['-c', command], {
    cwd,
    input,
    encoding: 'utf8',
    env: {
      ...process.env,
      PATH: `${BIN_DIR}${path.delimiter}${process.env.PATH}`,
      NO_COLOR: '1',
      npm_config_offline: 'true',
      npm_config_update_notifier: 'false',
      npm_config_yes: 'true',
    },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The value of `--output FILE` in an extsvc command line. */
function outputOf(command) {
  return /--output (\S+)/.exec(command)?.[1];
}

describe('README recipes', () => {
  it('has every recipe the README promises', () => {
    assert.deepEqual(Object.keys(BLOCKS).sort(), [
      '.github/workflows/extsvc-annotations.yml',
      '.github/workflows/extsvc.yml',
      '.gitlab-ci.yml',
      '.pre-commit-config.yaml',
      'shell',
    ]);
  });

  it('GitHub Actions: the run step writes valid SARIF that the upload step uploads, even on findings', () => {
    const workflow = yaml.load(BLOCKS['.github/workflows/extsvc.yml']);
    assert.equal(workflow.permissions['security-events'], 'write');
    const steps = Object.values(workflow.jobs)[0].steps;
    const run = steps.find((s) => s.run?.includes('extsvc'));
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    assert.ok(run && upload, 'a run step and an upload-sarif step');
    assert.ok(steps.indexOf(upload) > steps.indexOf(run));
    assert.equal(upload.if, 'always()', 'uploads also when extsvc exits 1');
    assert.equal(upload.with.sarif_file, outputOf(run.run));

    const validate = sarifValidator();
    const broken = project({ 'db.yaml': SEED });
    const r = sh(run.run, broken);
    assert.equal(r.code, 1, r.stderr);
    const log = JSON.parse(readFileSync(path.join(broken, upload.with.sarif_file), 'utf8'));
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
    const uris = new Set(log.runs[0].results.map((x) => x.locations[0].physicalLocation.artifactLocation.uri));
    assert.deepEqual([...uris], ['manifests/db.yaml'], 'relative to the checkout');

    const fixed = project({ 'db.yaml': CLEAN });
    assert.equal(sh(run.run, fixed).code, 0);
  });

  it('GitHub Actions without code scanning: annotations in the log', () => {
    const workflow = yaml.load(BLOCKS['.github/workflows/extsvc-annotations.yml']);
    const run = Object.values(workflow.jobs)[0].steps.find((s) => s.run?.includes('extsvc')).run;
    const r = sh(run, project({ 'db.yaml': SEED }));
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^::error file=manifests\/db\.yaml,line=22,col=9,endLine=22,endColumn=17,title=extsvc \(EP-NAME-MATCH\)::/m);
  });

  it('GitLab CI: the script writes the Code Quality report the artifacts declare', () => {
    const job = yaml.load(BLOCKS['.gitlab-ci.yml']).extsvc;
    const report = job.artifacts.reports.codequality;
    const dir = project({ 'db.yaml': SEED, 'values.yaml': 'replicas: 2\n' });
    let last;
    for (const line of job.script) last = sh(line, dir);
    assert.equal(last.code, 1, last.stderr);
    assert.equal(outputOf(job.script.join(' ')), report);
    const issues = JSON.parse(readFileSync(path.join(dir, report), 'utf8'));
    assert.ok(issues.length > 0);
    for (const issue of issues) {
      assert.deepEqual(Object.keys(issue).sort(), ['check_name', 'description', 'fingerprint', 'location', 'severity']);
      assert.equal(issue.location.path, 'manifests/db.yaml');
      assert.ok(['info', 'minor', 'major'].includes(issue.severity));
      assert.ok(Number.isInteger(issue.location.lines.begin));
    }
    assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length, 'fingerprints are unique');
  });

  it('pre-commit: the local hook is the shipped definition, and runs as pre-commit runs it', () => {
    const config = yaml.load(BLOCKS['.pre-commit-config.yaml']);
    const [repo] = config.repos;
    assert.equal(repo.repo, 'local');
    const [hook] = repo.hooks;
    const shipped = yaml.load(readFileSync(path.join(APP, 'node_modules/extsvc/pre-commit-hooks.yaml'), 'utf8'));
    assert.equal(shipped.length, 1);
    for (const key of ['id', 'name', 'entry', 'language', 'additional_dependencies', 'files']) {
      assert.deepEqual(hook[key], shipped[0][key], key);
    }
    const files = new RegExp(hook.files);
    assert.ok(files.test('manifests/db.yaml') && files.test('a.yml') && files.test('x.json'));
    assert.ok(!files.test('README.md'));
    // pre-commit runs `entry args...` (plus the file names unless pass_filenames is false).
    assert.equal(hook.pass_filenames, false);
    const command = [hook.entry, ...hook.args].join(' ');
    assert.equal(sh(command, project({ 'db.yaml': SEED })).code, 1);
    assert.equal(sh(command, project({ 'db.yaml': CLEAN })).code, 0);
    // With the shipped defaults (file names passed), only the changed files are checked.
    assert.equal(sh(`${shipped[0].entry} manifests/db.yaml`, project({ 'db.yaml': SEED })).code, 1);
  });

  it('npx, Helm and Kustomize one-liners', () => {
    const lines = BLOCKS.shell.trim().split('\n');
    assert.equal(lines.length, 3);
    const dir = project({ 'db.yaml': SEED });
    const direct = sh(lines[0], dir);
    assert.equal(direct.code, 1);
    assert.match(direct.stdout, /^manifests\/db\.yaml:22:9: error\[EP-NAME-MATCH\]/m);
    // `helm template ./chart` / `kustomize build …` print a multi-document stream.
    const rendered = `---\n# Source: chart/templates/db.yaml\n${SEED}`;
    for (const line of lines.slice(1)) {
      const [producer, consumer] = line.split(' | ');
      assert.match(producer, /^(helm template|kustomize build) /);
      const r = sh(consumer, dir, rendered);
      assert.equal(r.code, 1, `${line}: ${r.stderr}`);
      const name = /--stdin-filename (\S+)/.exec(consumer)?.[1] ?? '<stdin>';
      assert.ok(r.stdout.includes(`${name}:24:9: error[EP-NAME-MATCH]`), `${line}\n${r.stdout}`);
    }
  });

  it('the example extsvc.json is a valid config, and the suppression example suppresses', () => {
    const json = /```json\n([\s\S]*?)```/.exec(RECIPES.slice(RECIPES.indexOf('### Configuration file')))[1];
    const api = devRequire(path.join(APP, 'node_modules/extsvc'));
    assert.deepEqual(api.parseConfig(json, false), JSON.parse(json));
    const annotated = /```yaml\n(apiVersion: v1\nkind: Endpoints[\s\S]*?)```/.exec(RECIPES)[1];
    const text = `${annotated}subsets: [{addresses: [{ip: 10.0.0.9}], ports: [{port: 5432}]}]\n`;
    const report = api.validate(text);
    assert.equal(report.summary.suppressed, 1);
    assert.ok(!report.diagnostics.some((d) => d.code === 'EP-DEPRECATED'));
  });
});
