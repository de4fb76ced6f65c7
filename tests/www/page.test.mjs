// The page as a whole: shareable links, keyboard use, accessibility, the CSP, and
// screenshots of both views at phone and desktop width.
// Assumes `make wasm` has copied the browser build into www/pkg/.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { repo, settledUrl, setup, shots, yamlText } from './harness.mjs';

const h = setup();

test('a shared link restores the generate form and the validate editor', async () => {
  const page = await h.open();
  await page.locator('#f-name').fill('shared-db');
  await page.locator('#f-addresses').fill('10.1.2.3\n2001:db8::7');
  await page.locator('#f-headless').check();
  const genLink = await settledUrl(page);
  assert.match(genLink, /#view=generate&spec=/);

  await page.locator('#tab-validate').click();
  await page.locator('.diag').first().waitFor();
  const yaml = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: héllo-ünïcode\nspec:\n  ports:\n    - port: 80\n';
  await page.locator('#editor').fill(yaml);
  await page.locator('#kube-version').selectOption({ index: 1 });
  const kube = await page.locator('#kube-version').inputValue();
  const valLink = await settledUrl(page);
  assert.match(valLink, /#view=validate&yaml=/);
  await page.close();

  const gen = await h.open(new URL(genLink).hash);
  assert.equal(await gen.locator('#f-name').inputValue(), 'shared-db');
  assert.equal(await gen.locator('#f-addresses').inputValue(), '10.1.2.3\n2001:db8::7');
  assert.equal(await gen.locator('#f-headless').isChecked(), true);
  assert.match(await yamlText(gen), /name: shared-db/);
  await gen.close();

  const val = await h.open(new URL(valLink).hash);
  assert.equal(await val.locator('#tab-validate').getAttribute('aria-selected'), 'true');
  assert.equal(await val.locator('#view-validate').isVisible(), true);
  assert.equal(await val.locator('#editor').inputValue(), yaml);
  assert.equal(await val.locator('#kube-version').inputValue(), kube);
  // Reloading keeps the state too.
  await val.reload();
  await val.waitForSelector('html[data-ready="true"]');
  assert.equal(await val.locator('#editor').inputValue(), yaml);
  // A link pasted into the same tab changes only the hash: the page follows it.
  await val.evaluate((hash) => {
    location.hash = hash;
  }, new URL(genLink).hash);
  await val.waitForFunction(() => /** @type {HTMLInputElement} */ (document.querySelector('#f-name')).value === 'shared-db');
  assert.equal(await val.locator('#tab-generate').getAttribute('aria-selected'), 'true');
  await val.close();
});

test('a link followed while a form field has focus loads the editor, not the field', async () => {
  const page = await h.open();
  await page.locator('#tab-validate').click();
  await page.locator('.diag').first().waitFor();
  const yaml = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: linked\nspec:\n  ports:\n    - port: 80\n';
  await page.locator('#editor').fill(yaml);
  const valLink = await settledUrl(page);
  await page.close();

  const gen = await h.open();
  const name = gen.locator('#f-name');
  const before = await name.inputValue();
  await name.focus();
  await gen.evaluate((hash) => {
    location.hash = hash;
  }, new URL(valLink).hash);
  await gen.waitForFunction((text) => /** @type {HTMLTextAreaElement} */ (document.querySelector('#editor')).value === text, yaml);
  assert.equal(await name.inputValue(), before, 'the focused field is untouched');
  await gen.close();
});

test('the page is keyboard-usable: the tabs follow the arrow keys', async () => {
  const page = await h.open();
  await page.locator('#tab-generate').focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.locator('#tab-validate').getAttribute('aria-selected'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'tab-validate');
  assert.equal(await page.locator('#view-generate').isHidden(), true);
  // A finding is a button: Enter on it moves the caret into the editor.
  const first = page.locator('.diag-jump:not([disabled])').first();
  await first.waitFor();
  await first.focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'editor');
  await page.keyboard.press('Shift+Tab');
  await page.close();
});

for (const [colorScheme, width] of /** @type {const} */ ([['light', 1280], ['dark', 1280], ['light', 360]])) {
  test(`axe-core finds no serious or critical violations in either view (${colorScheme}, ${width}px)`, async () => {
    const axe = await readFile(join(repo, 'tests/node_modules/axe-core/axe.min.js'), 'utf8');
    const page = await h.open('', { colorScheme, width });
    const scan = async (label) => {
      // The page's CSP forbids inline script, so addScriptTag({content}) is refused (see the
      // CSP test); evaluating through the DevTools protocol is not subject to the CSP.
      await page.evaluate(axe);
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(
        bad.map((v) => `${label}: ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
        [],
      );
    };
    await scan('generate');
    // With an error on show, too.
    await page.locator('#f-addresses').fill('127.0.0.1');
    await page.waitForSelector('#f-addresses[aria-invalid="true"]');
    await scan('generate with an error');
    await page.locator('#tab-validate').click();
    await page.locator('.diag').first().waitFor();
    await scan('validate');
    await page.close();
  });
}

test('screenshots of both views at phone and desktop width', async () => {
  for (const width of [360, 1280]) {
    for (const colorScheme of /** @type {const} */ (['light', 'dark'])) {
      const page = await h.open('', { width, height: width < 600 ? 780 : 900, colorScheme });
      const suffix = `${width}${colorScheme === 'dark' ? '-dark' : ''}`;
      await page.screenshot({ path: join(shots, `generate-${suffix}.png`), fullPage: true });
      const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(await sideways(), 0, `horizontal overflow of Generate at ${width}px`);
      if (colorScheme === 'light') {
        await page.locator('#f-addresses').fill('114.32.146.154\n127.0.0.1');
        await page.locator('#ports-body tr').first().locator('[data-port="port"]').fill('0');
        await page.waitForSelector('#f-addresses[aria-invalid="true"]');
        await page.screenshot({ path: join(shots, `generate-invalid-${suffix}.png`), fullPage: true });
      }
      await page.locator('#tab-validate').click();
      const jump = page.locator('.diag-jump:not([disabled])').first();
      await jump.waitFor();
      await jump.click();
      await page.screenshot({ path: join(shots, `validate-${suffix}.png`), fullPage: true });
      // Nothing may overflow the viewport sideways, on a phone least of all.
      assert.equal(await sideways(), 0, `horizontal overflow of Validate at ${width}px`);
      await page.close();
    }
  }
  console.log(`# screenshots: ${shots}`);
});

test('the Content-Security-Policy refuses inline script and other origins', async () => {
  const page = await h.open();
  const errorsBefore = h.browser.consoleErrors.length;
  const offBefore = h.browser.offOrigin.length;
  await page.addScriptTag({ content: 'window.inlineRan = true;' }).catch(() => {});
  assert.equal(await page.evaluate(() => window.inlineRan === true), false);
  const importError = await page.evaluate(() => import('https://example.com/x.js').then(() => '', (e) => String(e)));
  assert.match(importError, /Failed to fetch/);
  const fetchError = await page.evaluate(() => fetch('https://example.com/x.json').then(() => '', (e) => String(e)));
  assert.match(fetchError, /Failed to fetch/);
  // These deliberate violations are the only errors this page logs, and each names the CSP.
  const blocked = h.browser.consoleErrors.splice(errorsBefore);
  assert.ok(blocked.length >= 3, blocked.join('\n'));
  assert.ok(blocked.every((e) => e.includes('Content Security Policy')), blocked.join('\n'));
  h.browser.offOrigin.splice(offBefore);
  await page.close();
});

test('no page script parses strings as HTML, and the HTML has no inline script or style', async () => {
  const { readdir } = await import('node:fs/promises');
  const www = join(repo, 'www');
  for (const file of (await readdir(www)).filter((f) => f.endsWith('.js'))) {
    const code = await readFile(join(www, file), 'utf8');
    assert.doesNotMatch(code, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/, file);
  }
  const html = await readFile(join(www, 'index.html'), 'utf8');
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'inline <script>');
  assert.doesNotMatch(html, /\sstyle=|<style|\son[a-z]+=/i, 'inline style or handler');
  assert.doesNotMatch(html.replace(/<!--[\s\S]*?-->/g, ''), /(?:src|href)="(?:https?:)?\/\//, 'a resource from another origin');
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
});

h.assertCleanAtEnd();
