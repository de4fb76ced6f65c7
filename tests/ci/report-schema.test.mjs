// The JSON report format is documented by js/schema/report.schema.json, shipped in the npm
// package (`extsvc/report.schema.json`). Real CLI output for varied inputs must validate
// against the copy the installed package carries, and the schema must reject a broken report.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, it } from 'node:test';

import { APP, CLEAN, SEED, devRequire, extsvc, tempDir, writeTree } from './helpers.mjs';

const requireFromApp = createRequire(path.join(APP, 'package.json'));
const schemaPath = requireFromApp.resolve('extsvc/report.schema.json');

function validator() {
  const Ajv = devRequire('ajv');
  const ajv = new (Ajv.default ?? Ajv)({ allErrors: true, strict: true });
  return ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
}

describe('JSON report schema', () => {
  const validate = validator();

  it('is shipped in the package', () => {
    assert.ok(schemaPath.includes(`node_modules${path.sep}extsvc${path.sep}`), schemaPath);
  });

  const cases = {
    'seed example (errors, warnings, locations)': { 'seed.yaml': SEED },
    'clean pair': { 'clean.yaml': CLEAN },
    'YAML errors and skipped kinds': {
      'broken.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: [x\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n',
    },
    'type errors and duplicate keys': {
      'types.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  name: b\nspec:\n  ports:\n    - port: "abc"\n',
    },
    'several files': { 'a.yaml': SEED.split('---')[0], 'b.yaml': SEED.split('---')[1] },
  };
  for (const [name, files] of Object.entries(cases)) {
    it(`validates the report for: ${name}`, () => {
      const dir = writeTree(tempDir(), files);
      const r = extsvc(['validate', '--format', 'json', '--no-config', ...Object.keys(files)], { cwd: dir });
      assert.ok(r.code === 0 || r.code === 1, r.stderr);
      const report = JSON.parse(r.stdout);
      assert.ok(validate(report), JSON.stringify(validate.errors, null, 2));
    });
  }

  it('rejects a report that breaks the contract', () => {
    const dir = writeTree(tempDir(), { 'seed.yaml': SEED });
    const report = JSON.parse(extsvc(['validate', '--format', 'json', '--no-config', 'seed.yaml'], { cwd: dir }).stdout);
    assert.ok(report.diagnostics.length > 0);
    report.diagnostics[0].severity = 'fatal';
    assert.equal(validate(report), false);
    delete report.summary.errors;
    assert.equal(validate(report), false);
  });
});
