// Launches Debian's Chromium through playwright-core (no downloaded browser) with a fresh
// profile, and records what every page does: console errors, page errors and any request
// that would leave the page's origin (those are aborted and remembered).

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

/** Chromium flags for a quiet, offline-friendly, sandbox-free headless run. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * @param {string} origin the only origin pages may talk to
 */
export async function launch(origin) {
  const profile = await mkdtemp(join(tmpdir(), 'extsvc-www-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  /** @type {string[]} */
  const consoleErrors = [];
  /** @type {string[]} */
  const offOrigin = [];
  /** @type {{url: string, startedAt: number}[]} */
  const requests = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    offOrigin.push(url);
    return route.abort('blockedbyclient');
  });
  const watch = (page) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(`${page.url()}: ${msg.text()}`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: uncaught ${error.message}`));
    // Requests the router never sees (e.g. ones the browser makes itself) still count.
    page.on('request', (request) => {
      const url = request.url();
      requests.push({ url, startedAt: Date.now() });
      if (/^(https?|wss?):/.test(url) && new URL(url).origin !== origin && !offOrigin.includes(url)) offOrigin.push(url);
    });
  };
  context.on('page', watch);
  for (const page of context.pages()) watch(page);
  return {
    context,
    consoleErrors,
    offOrigin,
    requests,
    /** @param {{width?: number, height?: number, colorScheme?: 'light'|'dark'}} [opts] */
    async newPage(opts = {}) {
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      await page.setViewportSize({ width: opts.width ?? 1280, height: opts.height ?? 900 });
      await page.emulateMedia({ colorScheme: opts.colorScheme ?? 'light' });
      return page;
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
