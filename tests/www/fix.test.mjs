// "Fix all" and "Migrate to EndpointSlice" in the Validate view: enabled only when something
// applies, a unified diff before anything changes, Apply and Cancel, unsafe fixes opt-in,
// keyboard use and axe with the preview open.
// Assumes `make wasm` has copied the browser build into www/pkg/.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { repo, settledUrl, setup, shots } from './harness.mjs';

const h = setup();

const SEED = await readFile(join(repo, 'www/examples/seed-mysql.yaml'), 'utf8');
const FIXED = SEED.replace('  name: mysql-ep  # Must match', '  name: mysql-svc  # Must match').replace('      - name: mysql\n', '      - name: default-ep\n');

/**
 * Opens the Validate view with `example` loaded.
 * @param {string} example
 * @param {{colorScheme?: 'light'|'dark', width?: number}} [opts]
 */
async function openExample(example, opts) {
  const page = await h.open('#view=validate', opts);
  await page.locator('.diag').first().waitFor();
  const text = await readFile(join(repo, 'www/examples', example), 'utf8');
  // The view opens with the seed; selecting it again would load it again later, over
  // whatever a test types in the meantime.
  if ((await editorText(page)) !== text) await page.locator('#val-preset').selectOption(example);
  await page.waitForFunction((t) => /** @type {HTMLTextAreaElement} */ (document.querySelector('#editor')).value === t, text);
  return page;
}

/** @param {import('playwright-core').Page} page */
const codes = (page) => page.locator('#diag-list .diag-code').allTextContents();
/** @param {import('playwright-core').Page} page */
const editorText = (page) => page.locator('#editor').inputValue();
/** @param {import('playwright-core').Page} page */
const focusedId = (page) => page.evaluate(() => document.activeElement?.id ?? '');

test('the seed: Fix all shows the diff, Apply repairs the editor text and the link', async () => {
  const page = await openExample('seed-mysql.yaml');
  assert.equal(await page.locator('#fix-all').isEnabled(), true);
  assert.equal(await page.locator('#migrate').isEnabled(), true);
  assert.equal(await page.locator('#fix-note').textContent(), '2 automatic fixes available · 1 object to migrate.');
  assert.ok((await codes(page)).includes('EP-NAME-MATCH'));
  const before = await settledUrl(page);

  await page.locator('#fix-all').click();
  const preview = page.locator('#fix-preview');
  await preview.waitFor();
  assert.equal(await focusedId(page), 'fix-preview', 'focus moves to the preview');
  assert.equal(await page.locator('#fix-all').getAttribute('aria-expanded'), 'true');
  assert.equal(await page.locator('#fix-preview-title').textContent(), 'Fix all: 2 changes');
  assert.deepEqual(
    await preview.evaluate((node) => [...node.childNodes].map((c) => c.nodeName)),
    ['H4', 'UL', 'PRE', 'DIV'],
    'title, changes, diff, buttons: nothing else',
  );
  assert.deepEqual(await page.locator('.fix-list .fix-code').allTextContents(), ['EP-NAME-MATCH', 'EP-PORT-NAME-MATCH']);
  const diff = await page.locator('#fix-diff').textContent();
  assert.match(diff ?? '', /^--- a\/manifests\.yaml\n\+\+\+ b\/manifests\.yaml\n@@ -19,12 \+19,12 @@\n/);
  assert.deepEqual(await page.locator('#fix-diff .diff-del').allTextContents(), ['-  name: mysql-ep  # Must match Service name\n', '-      - name: mysql\n']);
  assert.deepEqual(await page.locator('#fix-diff .diff-add').allTextContents(), ['+  name: mysql-svc  # Must match Service name\n', '+      - name: default-ep\n']);
  assert.equal(await editorText(page), SEED, 'nothing changes before Apply');
  // Added and removed lines are told apart by colour too.
  const colours = await page.evaluate(() => ['.diff-add', '.diff-del', '.diff-ctx'].map((s) => getComputedStyle(/** @type {Element} */ (document.querySelector(`#fix-diff ${s}`))).backgroundColor));
  assert.equal(new Set(colours).size, 3, colours.join(' '));
  await page.screenshot({ path: join(shots, 'validate-fix-preview-1280.png'), fullPage: true });

  await page.locator('#fix-apply').click();
  assert.equal(await preview.isHidden(), true);
  assert.equal(await editorText(page), FIXED);
  assert.equal(await page.locator('#fix-note').textContent(), 'Applied 2 fixes.');
  const after = await codes(page);
  assert.ok(!after.includes('EP-NAME-MATCH') && !after.includes('EP-PORT-NAME-MATCH'), after.join());
  assert.equal(await page.locator('#diag-list .sev-error').count(), 0);
  assert.equal(await page.locator('#fix-all').isDisabled(), true, 'nothing is left to fix');
  const link = await settledUrl(page);
  assert.notEqual(link, before, 'the link follows the applied text');
  await page.close();
  const restored = await h.open(new URL(link).hash);
  assert.equal(await editorText(restored), FIXED);
  await restored.close();
});

test('Migrate to EndpointSlice: the Endpoints becomes a slice and the deprecation goes', async () => {
  const page = await openExample('seed-mysql.yaml');
  await page.locator('#fix-all').click();
  await page.locator('#fix-apply').click();
  assert.ok((await codes(page)).includes('EP-DEPRECATED'));
  await page.locator('#migrate').click();
  assert.equal(await page.locator('#fix-preview-title').textContent(), 'Migrate to EndpointSlice: 1 object');
  assert.deepEqual(await page.locator('.fix-list .fix-code').allTextContents(), ['EP-DEPRECATED']);
  assert.ok((await page.locator('#fix-diff .diff-add').allTextContents()).includes('+kind: EndpointSlice\n'));
  assert.ok((await page.locator('#fix-diff .diff-del').allTextContents()).includes('-kind: Endpoints\n'));
  await page.locator('#fix-apply').click();
  const text = await editorText(page);
  assert.match(text, /\nkind: EndpointSlice\n/);
  assert.doesNotMatch(text, /\nkind: Endpoints\n/);
  assert.deepEqual((await codes(page)).filter((c) => c === 'EP-DEPRECATED'), []);
  assert.equal(await page.locator('#diag-list .sev-error').count(), 0);
  assert.equal(await page.locator('#migrate').isDisabled(), true);
  await page.close();
});

test('keyboard: Enter opens the preview, Escape and Cancel close it and return the focus', async () => {
  const page = await openExample('seed-mysql.yaml');
  await page.locator('#fix-all').focus();
  await page.keyboard.press('Enter');
  await page.locator('#fix-preview').waitFor();
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#fix-preview').isHidden(), true);
  assert.equal(await focusedId(page), 'fix-all');
  assert.equal(await page.locator('#fix-all').getAttribute('aria-expanded'), 'false');
  // Tab reaches the diff (a scrollable region) and then Cancel and Apply.
  await page.keyboard.press('Space');
  await page.locator('#fix-preview').waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await focusedId(page), 'fix-diff');
  await page.keyboard.press('Tab');
  assert.equal(await focusedId(page), 'fix-cancel');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#fix-preview').isHidden(), true);
  assert.equal(await focusedId(page), 'fix-all');
  assert.equal(await editorText(page), SEED);
  await page.close();
});

test('unsafe fixes are opt-in through a labelled checkbox', async () => {
  const page = await openExample('mistake-selector.yaml');
  const original = await editorText(page);
  assert.equal(await page.locator('#fix-all').isEnabled(), true, 'an unsafe fix is still a fix on offer');
  // The endpoints controller owns the Endpoints of a Service with a selector: not migrated.
  assert.equal(await page.locator('#migrate').isDisabled(), true);
  assert.equal(await page.locator('#fix-note').textContent(), '1 automatic fix available.');
  await page.locator('#fix-all').click();
  const box = page.getByLabel('Include unsafe fixes');
  assert.equal(await box.isChecked(), false);
  assert.equal(await page.locator('#fix-apply').isDisabled(), true, 'no safe fix to apply');
  assert.match((await page.locator('.fix-unsafe-item').textContent()) ?? '', /^SVC-SELECTOR-PRESENT Unsafe, not included: /);
  assert.equal(await page.locator('#fix-diff').textContent(), '');
  await box.check();
  assert.equal(await focusedId(page), 'fix-unsafe', 'the focus stays on the checkbox');
  assert.deepEqual(await page.locator('#fix-diff .diff-del').allTextContents(), ['-  selector:\n', '-    app: legacy-api\n']);
  await page.locator('#fix-apply').click();
  assert.equal(await editorText(page), original.replace('  selector:\n    app: legacy-api\n', ''));
  assert.ok(!(await codes(page)).includes('SVC-SELECTOR-PRESENT'));
  await page.close();
});

test('buttons are disabled when nothing applies, and an edit closes a stale preview', async () => {
  const page = await openExample('postgres-multiport.yaml');
  assert.equal(await page.locator('#fix-all').isDisabled(), true);
  assert.equal(await page.locator('#migrate').isDisabled(), true);
  assert.equal(await page.locator('#fix-note').textContent(), 'No automatic fix applies.');
  await page.locator('#editor').fill('kind: Service\nmetadata: [\n');
  await page.waitForFunction(() => document.querySelector('#fix-note')?.textContent === 'Automatic fixes need YAML without syntax errors.');
  assert.equal(await page.locator('#fix-all').isDisabled(), true);

  await page.locator('#val-preset').selectOption('seed-mysql.yaml');
  await page.waitForFunction(() => !(/** @type {HTMLButtonElement} */ (document.querySelector('#fix-all')).disabled));
  await page.locator('#fix-all').click();
  await page.locator('#fix-preview').waitFor();
  await page.locator('#editor').focus();
  await page.keyboard.press('End');
  await page.keyboard.type('\n');
  assert.equal(await page.locator('#fix-preview').isHidden(), true, 'a diff of old text is never applied');
  await page.close();
});

test('in a long input, what applies is worked out on click', async () => {
  const page = await openExample('seed-mysql.yaml');
  // 80 copies of the fixed seed: over 50,000 characters, nothing to fix. Set directly:
  // Playwright's fill() of that much text into the textarea takes over 10 s here.
  const long = Array.from({ length: 80 }, () => FIXED.trimEnd()).join('\n---\n');
  await page.evaluate((text) => {
    const editor = /** @type {HTMLTextAreaElement} */ (document.querySelector('#editor'));
    editor.value = text;
    editor.dispatchEvent(new Event('input', { bubbles: true }));
  }, long);
  await page.waitForFunction(() => document.querySelector('#fix-note')?.textContent === '');
  assert.equal(await page.locator('#fix-all').isEnabled(), true, 'not known yet');
  await page.locator('#fix-all').click();
  assert.equal(await page.locator('#fix-note').textContent(), 'Nothing to fix.');
  assert.equal(await page.locator('#fix-preview').isHidden(), true);
  // The first Endpoints is migrated; the copies would repeat its slice's name, so they stay.
  await page.locator('#migrate').click();
  assert.equal(await page.locator('#fix-preview-title').textContent(), 'Migrate to EndpointSlice: 1 object');
  assert.equal(await page.locator('.fix-list li').count(), 80);
  await page.close();
});

for (const colorScheme of /** @type {const} */ (['light', 'dark'])) {
  test(`axe-core finds no serious or critical violations with the diff open (${colorScheme})`, async () => {
    const axe = await readFile(join(repo, 'tests/node_modules/axe-core/axe.min.js'), 'utf8');
    const page = await openExample('mistake-selector.yaml', { colorScheme, width: colorScheme === 'light' ? 360 : 1280 });
    await page.locator('#fix-all').click();
    await page.getByLabel('Include unsafe fixes').check();
    await page.evaluate(axe);
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(sideways, 0, 'no horizontal overflow');
    await page.screenshot({ path: join(shots, `validate-fix-unsafe-${colorScheme}.png`), fullPage: true });
    await page.close();
  });
}

h.assertCleanAtEnd();
