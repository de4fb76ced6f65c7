// Shared by the suites: where the repository is, the seed example, and the generator's
// acceptance case.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = process.env.EXTSVC_ROOT ?? path.resolve(import.meta.dirname, '../..');

/** The widely copied MySQL example, with its two known mistakes. */
export const SEED_PATH = path.join(ROOT, 'www/examples/seed-mysql.yaml');
export const SEED = readFileSync(SEED_PATH, 'utf8');

/** The generator's acceptance case. */
export const MYSQL_SPEC = {
  name: 'mysql-svc',
  namespace: 'default',
  addresses: ['114.32.146.154'],
  ports: [{ name: 'mysql', port: 3306 }],
};

/** The seed with the Endpoints renamed: only the port-name mismatch (a warning on a headless Service) remains. */
export const SEED_WARNING_ONLY = SEED.replace('name: mysql-ep', 'name: mysql-svc');

/** A Service with a selector and hand-written Endpoints: its fix is unsafe (opt-in). */
export const SELECTOR_PATH = path.join(ROOT, 'www/examples/mistake-selector.yaml');
export const SELECTOR = readFileSync(SELECTOR_PATH, 'utf8');
