// SARIF from the installed CLI validates against the official SARIF 2.1.0 schema, with the
// fields code scanning relies on: rules from the registry, regions in UTF-16 columns,
// relative URIs and line-independent fingerprints.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import {
  CLEAN,
  SEED,
  extsvc,
  sarifSchema,
  sarifValidator,
  schemaUsesOnlyDraft07Keywords,
  tempDir,
  writeTree,
} from './helpers.mjs';

const validate = sarifValidator();

function assertValid(log, what) {
  const ok = validate(log);
  assert.ok(ok, `${what}: ${JSON.stringify(validate.errors?.slice(0, 5), null, 1)}`);
}

/** Every severity, several files, non-ASCII before a finding, an object of another kind. */
function project() {
  return writeTree(tempDir(), {
    'k8s/seed.yaml': SEED,
    'k8s/clean.yaml': CLEAN,
    'k8s/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n',
    'k8s/ünï code/ep.yaml':
      'apiVersion: v1\nkind: Endpoints\nmetadata: {annotations: {note: é😀}, name: db-ep, namespace: prod}\nsubsets: [{addresses: [{ip: 10.0.0.7}], ports: [{name: pg, port: 5432}]}]\n',
  });
}

describe('SARIF output', () => {
  it('the conversion of the draft-04 schema for Ajv is exact', () => {
    const schema = sarifSchema();
    assert.equal(schema.$schema, 'http://json-schema.org/draft-04/schema#');
    assert.ok(schemaUsesOnlyDraft07Keywords(schema));
  });

  it('the validator rejects what the schema forbids (it is really checking)', () => {
    const good = { version: '2.1.0', runs: [] };
    assertValid(good, 'minimal log');
    assert.equal(validate({ version: '2.0.0', runs: [] }), false);
    assert.equal(validate({ ...good, runs: [{ tool: { driver: {} } }] }), false, 'driver.name is required');
    const region = { startLine: 0 };
    const run = { tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, locations: [{ physicalLocation: { region } }] }] };
    assert.equal(validate({ ...good, runs: [run] }), false, 'startLine minimum is 1');
  });

  it('validate --format sarif on a multi-file project is valid SARIF 2.1.0', () => {
    const dir = project();
    const r = extsvc(['validate', '--format', 'sarif', 'k8s'], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, '');
    const log = JSON.parse(r.stdout);
    assertValid(log, 'CLI output');

    const [run] = log.runs;
    assert.equal(run.columnKind, 'utf16CodeUnits');
    const rules = run.tool.driver.rules;
    const results = run.results;
    assert.deepEqual(
      [...new Set(results.map((x) => x.level))].sort(),
      ['error', 'note', 'warning'],
      'every level is exercised',
    );
    for (const x of results) {
      assert.equal(rules[x.ruleIndex].id, x.ruleId);
      assert.match(x.partialFingerprints['extsvcFinding/v1'], /^[0-9a-f]{16}:\d+$/);
    }
    const nameMatch = results.find((x) => x.ruleId === 'EP-NAME-MATCH' && x.locations[0].physicalLocation.artifactLocation.uri.startsWith('k8s/%C3%BC'));
    assert.ok(nameMatch, JSON.stringify(results.map((x) => [x.ruleId, x.locations?.[0]?.physicalLocation.artifactLocation.uri])));
    assert.deepEqual(nameMatch.locations[0].physicalLocation, {
      artifactLocation: { uri: 'k8s/%C3%BCn%C3%AF%20code/ep.yaml' },
      region: { startLine: 3, startColumn: 44, endLine: 3, endColumn: 49 },
    });
    const seed = results.find((x) => x.ruleId === 'EP-NAME-MATCH' && x.locations[0].physicalLocation.artifactLocation.uri === 'k8s/seed.yaml');
    assert.deepEqual(seed.locations[0].physicalLocation.region, { startLine: 22, startColumn: 9, endLine: 22, endColumn: 17 });
  });

  it('fingerprints survive moving a manifest down its file', () => {
    const dir = project();
    const fingerprints = () => {
      const log = JSON.parse(extsvc(['validate', '--format', 'sarif', 'k8s'], { cwd: dir }).stdout);
      return log.runs[0].results.map((x) => [x.ruleId, x.partialFingerprints['extsvcFinding/v1']]);
    };
    const before = fingerprints();
    const file = path.join(dir, 'k8s/seed.yaml');
    writeTree(dir, { 'k8s/seed.yaml': `# moved\n\n\n${readFileSync(file, 'utf8')}` });
    assert.deepEqual(fingerprints(), before);
  });

  it('--output writes the same valid log; rules --format sarif is valid too', () => {
    const dir = project();
    const r = extsvc(['validate', '--format', 'sarif', '--output', 'reports/extsvc.sarif', 'k8s'], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, '');
    assertValid(JSON.parse(readFileSync(path.join(dir, 'reports/extsvc.sarif'), 'utf8')), 'written log');

    const rules = extsvc(['rules', '--format', 'sarif']);
    assert.equal(rules.code, 0, rules.stderr);
    const log = JSON.parse(rules.stdout);
    assertValid(log, 'rules log');
    assert.deepEqual(log.runs[0].results, []);
    assert.ok(log.runs[0].tool.driver.rules.length > 100);
  });

  it('an empty run (stdin, nothing found) is valid', () => {
    const r = extsvc(['validate', '--format', 'sarif', '-'], { input: CLEAN });
    assert.equal(r.code, 0, r.stdout);
    const log = JSON.parse(r.stdout);
    assertValid(log, 'clean run');
    assert.deepEqual(log.runs[0].results, []);
  });
});
