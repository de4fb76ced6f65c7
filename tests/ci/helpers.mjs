// Shared by the CI suites: the installed CLI, temp projects, fixtures, and the SARIF schema
// validator. The suites run from a temp project where the npm tarball is installed
// (tests/ci/run.sh); EXTSVC_ROOT is the repository.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = process.env.EXTSVC_ROOT ?? path.resolve(import.meta.dirname, '../..');
/** The installed package's bin directory (what `npx extsvc` runs). */
export const BIN_DIR = fileURLToPath(new URL('./node_modules/.bin', import.meta.url));
export const BIN = path.join(BIN_DIR, 'extsvc');
/** The temp project the package is installed in. */
export const APP = fileURLToPath(new URL('.', import.meta.url));

/** Dev tooling of the repository (ajv, js-yaml), not the package under test. */
export const devRequire = createRequire(path.join(ROOT, 'tests/package.json'));

export const SEED = readFileSync(path.join(ROOT, 'www/examples/seed-mysql.yaml'), 'utf8');
/** The seed with the Endpoints renamed: only warnings remain (EP-DEPRECATED, EP-PORT-NAME-MATCH). */
export const SEED_WARNINGS = SEED.replace('name: mysql-ep', 'name: mysql-svc');

/** A Service and EndpointSlice that validate clean. */
export const CLEAN = `apiVersion: v1
kind: Service
metadata: {name: db, namespace: prod}
spec:
  ports: [{name: pg, port: 5432}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: db-1
  namespace: prod
  labels: {kubernetes.io/service-name: db}
addressType: IPv4
endpoints: [{addresses: [10.0.0.7]}]
ports: [{name: pg, port: 5432}]
`;

/** Runs the installed CLI. `NO_COLOR` is set so text output is plain. */
export function extsvc(args, { input, env, cwd, timeout } = {}) {
  const r = spawnSync(BIN, args, {
    input,
    cwd,
    timeout, // for runs that once hung: a hang fails the test instead of stalling the suite
    encoding: 'utf8',
    maxBuffer: 1 << 28, // reports of large inputs run to megabytes
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh directory under the system temp dir (no config file above it). */
export function tempDir() {
  return mkdtempSync(path.join(tmpdir(), 'extsvc-ci-'));
}

/** Writes `files` ({relative path: text}) under `dir`, creating directories. */
export function writeTree(dir, files) {
  for (const [name, text] of Object.entries(files)) {
    const full = path.join(dir, name);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return dir;
}

/**
 * A validator for the official SARIF 2.1.0 schema (tests/ci/sarif-schema-2.1.0.json, a copy
 * of OASIS's file). The schema declares draft-04; Ajv 8 implements draft-07, which reads
 * every keyword this schema uses the same way except the top-level `id` (renamed `$id` in
 * draft-06). The schema uses no draft-04-only form (boolean exclusiveMinimum/Maximum), which
 * `schemaUsesOnlyDraft07Keywords` checks, so renaming `id` is the whole conversion.
 */
export function sarifValidator() {
  const Ajv = devRequire('ajv');
  const addFormats = devRequire('ajv-formats');
  const { id, $schema, ...schema } = sarifSchema();
  const ajv = new (Ajv.default ?? Ajv)({ allErrors: true, strict: false });
  (addFormats.default ?? addFormats)(ajv);
  return ajv.compile({ $id: id, ...schema });
}

export function sarifSchema() {
  return JSON.parse(readFileSync(path.join(ROOT, 'tests/ci/sarif-schema-2.1.0.json'), 'utf8'));
}

/** True when no `exclusiveMinimum`/`exclusiveMaximum` in the schema is a boolean. */
export function schemaUsesOnlyDraft07Keywords(node) {
  if (Array.isArray(node)) return node.every(schemaUsesOnlyDraft07Keywords);
  if (node === null || typeof node !== 'object') return true;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof value === 'boolean') return false;
    if (!schemaUsesOnlyDraft07Keywords(value)) return false;
  }
  return true;
}
