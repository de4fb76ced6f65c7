// Shared set-up of the playground suites: serve www/ under a sub-path, launch Chromium,
// open the page, and check at the end that nothing logged an error or left the origin.

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { launch } from './browser.mjs';
import { startServer } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root. */
export const repo = resolve(here, '../..');
/** Where screenshots go (gitignored). */
export const shots = join(repo, 'tests/out/screenshots');
/** The sub-path the page is served under, as on a static host. */
export const PREFIX = '/some/path/extsvc/';
// EXTSVC_WWW_ROOT lets a developer point the suites at another copy of the page.
const root = resolve(process.env.EXTSVC_WWW_ROOT ?? join(repo, 'www'));

/**
 * Registers the before/after hooks of one suite file and returns its handles, filled in
 * once `before` has run.
 */
export function setup() {
  const h = {
    /** @type {Awaited<ReturnType<typeof startServer>>} */
    server: /** @type {any} */ (null),
    /** @type {Awaited<ReturnType<typeof launch>>} */
    browser: /** @type {any} */ (null),
    /**
     * Opens the page (optionally with a hash) and waits until the core is loaded and rendered.
     * @param {string} [hash]
     * @param {{width?: number, height?: number, colorScheme?: 'light'|'dark'}} [opts]
     */
    async open(hash = '', opts = {}) {
      const page = await h.browser.newPage(opts);
      await page.goto(h.server.url + hash);
      await page.waitForSelector('html[data-ready="true"]');
      return page;
    },
    /** Registers the last test of a file: no console errors, no request off the origin. */
    assertCleanAtEnd() {
      test('no console errors and no request left the page origin', () => {
        assert.deepEqual(h.browser.consoleErrors, []);
        assert.deepEqual(h.browser.offOrigin, []);
        assert.ok(h.browser.requests.length > 0);
      });
    },
  };
  before(async () => {
    h.server = await startServer({ root, prefix: PREFIX });
    h.browser = await launch(h.server.origin);
    await mkdir(shots, { recursive: true });
  });
  after(async () => {
    await h.browser?.close();
    await h.server?.close();
  });
  return h;
}

/**
 * The generated YAML as shown.
 * @param {import('playwright-core').Page} page
 */
export const yamlText = (page) => page.locator('#yaml-code').textContent();

/**
 * Waits for the URL hash to settle after an edit (it is written after a short debounce).
 * @param {import('playwright-core').Page} page
 */
export async function settledUrl(page) {
  let last = page.url();
  for (;;) {
    await page.waitForTimeout(400);
    const now = page.url();
    if (now === last) return now;
    last = now;
  }
}
