// The library API through all three loaders: Node `import`, Node `require`, and the browser
// build (initialised here from the bytes, since Node's fetch cannot read file: URLs).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';

import * as esm from 'extsvc';

import { MYSQL_SPEC, SEED } from './helpers.mjs';

const require = createRequire(import.meta.url);
const cjs = require('extsvc');
const web = await import('extsvc/browser');

// What the browser build does before a successful init(), captured before initialising it
// (the tests themselves run later).
const beforeInit = capture(() => web.version());
const badLoad = await web.init(new Uint8Array([0, 1, 2, 3])).then(() => null, (e) => e);

function capture(f) {
  try {
    f();
  } catch (e) {
    return e;
  }
  return null;
}

describe('browser build before init', () => {
  it('throws EXTSVC_NOT_INITIALIZED', () => {
    assert.equal(beforeInit?.code, 'EXTSVC_NOT_INITIALIZED');
  });
  it('a failed load rejects with EXTSVC_LOAD, and a later init() still succeeds', () => {
    assert.equal(badLoad?.code, 'EXTSVC_LOAD');
    assert.ok(badLoad instanceof Error);
  });
});

const wasm = readFileSync(new URL('./node_modules/extsvc/pkg/web/extsvc_bg.wasm', import.meta.url));
const first = web.init(wasm);
assert.equal(web.init(), first, 'init() is memoised');
await first;

const LOADERS = { 'import (node)': esm, 'require (node)': cjs, 'browser build': web };

describe('node entries', () => {
  it('import and require share one instance', () => {
    assert.equal(esm.validate, cjs.validate);
  });
  it('init() resolves at once on Node and is the default export', async () => {
    assert.equal(await esm.init(), undefined);
    assert.equal(esm.default, esm.init);
    assert.equal(cjs.default, cjs.init);
  });
});

for (const [loader, api] of Object.entries(LOADERS)) {
  describe(loader, () => {
    it('version() names the Kubernetes API; one version for the crate and the package', () => {
      assert.deepEqual(api.version(), {
        extsvc: require('extsvc/package.json').version,
        kubernetes: '1.37',
        k8sOpenapiFeature: 'v1_37',
        supportedKubeVersions: ['1.33', '1.34', '1.35', '1.36', '1.37'],
      });
    });

    it('defaultOptions() comes from Rust', () => {
      assert.deepEqual(api.defaultOptions(), { kubeVersion: '1.37', select: [], ignore: [], errorOnWarning: false });
    });

    it('rules() lists documented rules', () => {
      const rules = api.rules();
      assert.ok(rules.length > 10, `${rules.length} rules`);
      const rule = rules.find((r) => r.code === 'EP-NAME-MATCH');
      assert.ok(rule, 'EP-NAME-MATCH is listed');
      assert.equal(rule.name, 'ep-name-match');
      assert.deepEqual(Object.keys(rule).sort(), [
        'category', 'code', 'example', 'fix', 'name', 'severity', 'source', 'summary', 'what', 'why',
      ]);
    });

    it('validate() finds both mistakes of the seed example', () => {
      const report = api.validate(SEED);
      const found = report.diagnostics
        .filter((d) => d.code === 'EP-NAME-MATCH' || d.code === 'EP-PORT-NAME-MATCH')
        .map((d) => [d.code, d.severity, d.path, d.location?.line, d.location?.column]);
      assert.deepEqual(found, [
        ['EP-NAME-MATCH', 'error', 'metadata.name', 22, 9],
        ['EP-PORT-NAME-MATCH', 'warning', 'subsets[0].ports[0].name', 28, 15],
      ]);
      const first = report.diagnostics.find((d) => d.code === 'EP-NAME-MATCH');
      assert.equal(first.file, '<input>');
      assert.equal(first.rule, 'ep-name-match');
      assert.equal(first.category, 'broken');
      assert.deepEqual(first.object, { kind: 'Endpoints', namespace: 'default', name: 'mysql-ep', index: 1 });
      assert.deepEqual(first.location, { line: 22, column: 9, endLine: 22, endColumn: 17 });
      assert.equal(report.summary.errors, 1);
      assert.equal(report.summary.warnings, report.diagnostics.filter((d) => d.severity === 'warning').length);
      assert.equal(report.summary.files, 1);
      assert.equal(report.summary.objects, 2);
    });

    it('validate() reports a misspelled field as strict decoding does, at its key (UTF-16 column)', () => {
      const text = [
        'apiVersion: v1',
        'kind: Service',
        'metadata: {name: db}',
        'spec:',
        '  ports:',
        '    - {name: "é", port: 3306, targetport: 3306}',
      ].join('\n');
      const found = api.validate(text).diagnostics.filter((d) => d.code === 'YAML-UNKNOWN-FIELD');
      assert.deepEqual(
        found.map((d) => [d.severity, d.path, d.message, d.location.line, d.location.column, d.location.endColumn]),
        [['error', 'spec.ports[0].targetport', 'strict decoding error: unknown field "spec.ports[0].targetport"', 6, 31, 41]],
      );
    });

    it('validate() takes named inputs and checks them together', () => {
      const [service, endpoints] = SEED.split('\n---\n');
      const report = api.validate(
        [
          { name: 'svc.yaml', text: service },
          { name: 'ep.yaml', text: endpoints },
        ],
        { kubeVersion: '1.33' },
      );
      const nameMatch = report.diagnostics.filter((d) => d.code === 'EP-NAME-MATCH');
      assert.deepEqual(
        nameMatch.map((d) => [d.file, d.object.index, d.location.line]),
        [['ep.yaml', 0, 4]],
      );
      assert.equal(report.summary.files, 2);
    });

    it('bad input is diagnostics, not an exception', () => {
      const report = api.validate('a: [1, 2\n');
      assert.deepEqual(report.diagnostics.map((d) => d.code), ['YAML-SYNTAX']);
    });

    it('misuse throws an Error with a code', () => {
      const invalid = { code: 'EXTSVC_INVALID_ARGUMENT' };
      assert.throws(() => api.validate(42), invalid);
      assert.throws(() => api.validate([{ name: 'a.yaml' }]), invalid);
      assert.throws(() => api.validate('', { kubeVersion: '1.20' }), { ...invalid, message: /1\.20/ });
      assert.throws(() => api.validate('', { kubeVersoin: '1.33' }), { ...invalid, message: /kubeVersoin/ });
      assert.throws(() => api.validate('', 'strict'), invalid);
      assert.throws(() => api.check([], {}, 'xml'), { ...invalid, message: /xml/ });
      assert.throws(() => api.check([], {}, 'text', { colour: true }), { ...invalid, message: /colour/ });
      assert.throws(() => api.generate(42), invalid);
      assert.throws(() => api.renderGenerate(42, 'x', 'yaml'), invalid);
      // A revoked Proxy made Array.isArray throw inside the module: EXTSVC_INTERNAL and a
      // reloaded instance, for what is a bad argument.
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      for (const f of [() => api.validate(proxy), () => api.validate('', proxy), () => api.fix('', proxy), () => api.check([], proxy)]) {
        assert.throws(f, { ...invalid, message: /an argument is a revoked Proxy/ });
      }
      assert.deepEqual(api.validate('a: 1\n').diagnostics, []);
      assert.ok(
        (() => {
          try {
            api.validate(42);
          } catch (e) {
            return e instanceof Error;
          }
        })(),
        'thrown values are Error instances',
      );
    });

    it('input names longer than 4096 bytes are refused, however they are given', () => {
      // Every finding carries its input's name: a name of millions of characters, copied
      // into each finding, filled the module's memory (a trap).
      const invalid = { code: 'EXTSVC_INVALID_ARGUMENT' };
      const long = 'n'.repeat(4097);
      const files = [{ name: 'ok.yaml', text: 'a: 1\n' }, { name: long, text: 'a: 1\n' }];
      assert.throws(() => api.validate(files), { ...invalid, message: 'input[1].name: longer than the limit of 4096 bytes' });
      assert.throws(() => api.check(files, {}, 'json'), { ...invalid, message: 'files[1].name: longer than the limit of 4096 bytes' });
      assert.throws(() => api.renderGenerate('{}', long, 'yaml'), { ...invalid, message: 'name: longer than the limit of 4096 bytes' });
      // What JSON.stringify makes of the argument is what counts: a String object, toJSON.
      const boxed = [{ name: new String(long), text: 'a: 1\n' }];
      assert.throws(() => api.validate(boxed), { ...invalid, message: 'input[0].name: longer than the limit of 4096 bytes' });
      const custom = [{ toJSON: () => ({ name: long, text: 'a: 1\n' }) }];
      assert.throws(() => api.validate(custom), { ...invalid, message: 'input[0].name: longer than the limit of 4096 bytes' });
      // Bytes: 1366 three-byte characters are 4098 bytes.
      assert.throws(() => api.validate([{ name: '€'.repeat(1366), text: '' }]), invalid);
      const longest = 'n'.repeat(4096);
      assert.equal(api.validate([{ name: longest, text: 'kind: Service\n' }]).diagnostics[0].file, longest);
    });

    it('kubeVersion is read as Kubernetes writes it: 1.037 and 1.+37 are refused', () => {
      for (const kubeVersion of ['1.037', '1.+37', '1.37.', '01.37']) {
        assert.throws(() => api.validate('a: 1\n', { kubeVersion }), {
          code: 'EXTSVC_INVALID_ARGUMENT',
          message: new RegExp(`unsupported kubeVersion "${kubeVersion.replace('+', '\\+').replaceAll('.', '\\.')}"`),
        });
      }
      for (const kubeVersion of ['v1.37.2', 'v1.37.2+k3s1', 'v1.37.4-eks-a737599']) {
        assert.deepEqual(api.validate('a: 1\n', { kubeVersion }).diagnostics, [], kubeVersion);
      }
    });

    it('generate() builds the acceptance case, and its output validates clean', () => {
      const result = api.generate(MYSQL_SPEC);
      assert.deepEqual(result.diagnostics, []);
      assert.equal(typeof result.yaml, 'string');
      assert.deepEqual(result.objects.map((o) => o.kind), ['Service', 'EndpointSlice']);
      assert.equal(result.dns.service, 'mysql-svc.default.svc.cluster.local');
      const slice = result.objects[1];
      // JSON-compatible conversion: label maps are plain objects, not Maps.
      assert.equal(Object.getPrototypeOf(slice.metadata.labels), Object.prototype);
      assert.equal(slice.metadata.labels['kubernetes.io/service-name'], 'mysql-svc');
      const report = api.validate(result.yaml);
      assert.deepEqual(report.diagnostics, []);
      assert.equal(report.summary.objects, 2);
      assert.deepEqual(api.generate(JSON.stringify(MYSQL_SPEC)), result, 'a JSON string is the same spec');
    });

    it('generate() reports a bad spec as diagnostics', () => {
      const notJson = api.generate('{"name": ');
      assert.equal(notJson.yaml, null);
      assert.deepEqual(notJson.diagnostics.map((d) => [d.code, d.location?.line]), [['SPEC-JSON', 1]]);
      const result = api.generate({ ...MYSQL_SPEC, ports: [{ name: 'mysql', port: 70000 }] });
      assert.equal(result.yaml, null);
      assert.deepEqual(result.objects, []);
      assert.ok(result.diagnostics.length > 0);
      assert.ok(result.diagnostics.every((d) => d.severity === 'error' || d.severity === 'warning'));
    });

    it('check() renders in Rust and decides the exit code', () => {
      const files = [{ name: 'seed.yaml', text: SEED }];
      const text = api.check(files, {}, 'text');
      assert.equal(text.exitCode, 1);
      assert.match(text.output, /(^|\n)seed\.yaml:22:9: error\[EP-NAME-MATCH\]: /);
      assert.doesNotMatch(text.output, /\x1b\[/, 'no colour unless asked');
      assert.match(api.check(files, {}, 'text', { color: true }).output, /\x1b\[1;31merror\[EP-NAME-MATCH\]/);
      const json = JSON.parse(api.check(files, {}, 'json').output);
      assert.deepEqual(json.summary, text.summary);
      const clean = [{ name: 'ok.yaml', text: api.generate(MYSQL_SPEC).yaml }];
      assert.equal(api.check(clean, null, 'text').exitCode, 0);
    });

    it('renderRules() and renderGenerate() print what the CLI prints', () => {
      assert.match(api.renderRules('text'), /^CODE +SEVERITY +CATEGORY +SUMMARY\n/);
      assert.deepEqual(JSON.parse(api.renderRules('json')), api.rules());
      const out = api.renderGenerate(JSON.stringify(MYSQL_SPEC), 'mysql.json', 'yaml');
      assert.deepEqual(out, { output: api.generate(MYSQL_SPEC).yaml, messages: '', exitCode: 0 });
    });

    it('survives a trap: EXTSVC_INTERNAL, then the next call works', async () => {
      // The browser build swaps in a spare instance, imported in the background after init.
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.throws(() => api.__trap(), (e) => {
        assert.equal(e.code, 'EXTSVC_INTERNAL');
        assert.match(e.message, /deliberate trap/);
        return true;
      });
      assert.equal(api.validate(SEED).summary.errors, 1);
    });
  });
}

describe('trap recovery in Node', () => {
  it('lets the trapped instance go: memory stays flat over 600 traps', async () => {
    const { spawnSync } = await import('node:child_process');
    const script = `
      const api = require('extsvc');
      const external = () => { global.gc(); return process.memoryUsage().external; };
      for (let i = 0; i < 50; i++) { try { api.__trap(); } catch {} }
      const before = external();
      for (let i = 0; i < 600; i++) { try { api.__trap(); } catch {} }
      console.log(JSON.stringify({ grown: external() - before, errors: api.validate(${JSON.stringify(SEED)}).summary.errors }));`;
    const r = spawnSync(process.execPath, ['--expose-gc', '-e', script], { cwd: import.meta.dirname, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const { grown, errors } = JSON.parse(r.stdout);
    assert.equal(errors, 1, 'the last fresh instance works');
    // Kept instances grew it by ~1.25 MB each (750 MB here); collected ones leave noise.
    assert.ok(grown < 100e6, `external memory grew ${(grown / 1e6).toFixed(0)} MB over 600 traps`);
  });
});

describe('limits in Node', () => {
  it('unifiedDiff takes up to 32 Mi lines in old and new together, and refuses more with a message', () => {
    // Its line tables, 8 bytes a line, have to stay far from wasm32's 4 GB: two inputs of
    // millions of one-byte lines threw from inside the module.
    const lines = 2 ** 24 - 1; // and the empty line after the last break: 2^24 each
    const old = 'a\n'.repeat(lines);
    const changed = `${old.slice(2)}b\n`;
    assert.equal(
      cjs.unifiedDiff('big.yaml', old, changed),
      `--- a/big.yaml\n+++ b/big.yaml\n@@ -${lines - 3},4 +${lines - 3},4 @@\n a\n a\n a\n-a\n+b\n`,
    );
    assert.throws(() => cjs.unifiedDiff('big.yaml', old, `${changed}c\n`), {
      code: 'EXTSVC_INVALID_ARGUMENT',
      message: 'old and new: more than 33554432 lines together',
    });
    // Equal texts need no table, however long (fix --diff of a file it leaves alone).
    const huge = 'a\n'.repeat(2 ** 25);
    assert.equal(cjs.unifiedDiff('big.yaml', huge, huge), '');
    assert.equal(cjs.validate(SEED).summary.errors, 1, 'the instance still works');
  });
});
