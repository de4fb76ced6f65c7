// The Validate view: findings at their lines, the editor's gutter, examples, file drop and
// open, the Kubernetes version selector.
// Assumes `make wasm` has copied the browser build into www/pkg/.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { repo, settledUrl, setup } from './harness.mjs';

const h = setup();

test('the seed preset shows the Endpoints-name error at its line and jumps there', async () => {
  const page = await h.open();
  await page.locator('#tab-validate').click();
  await page.locator('#val-preset').selectOption('seed-mysql.yaml');
  const published = await readFile(join(repo, 'www/examples/seed-mysql.yaml'), 'utf8');
  await page.waitForFunction((text) => /** @type {HTMLTextAreaElement} */ (document.querySelector('#editor')).value === text, published);

  const item = page.locator('.diag', { has: page.locator('.diag-code', { hasText: /^EP-NAME-MATCH$/ }) });
  await item.first().waitFor();
  assert.equal(await item.count(), 1);
  assert.match(await item.locator('.diag-where').textContent(), /^line 22:9$/);
  assert.match(await item.locator('.sev').textContent(), /^error$/);
  assert.match(await item.locator('.diag-msg').textContent(), /mysql-ep/);
  assert.ok(((await item.locator('.diag-help').textContent()) ?? '').length > 0, 'help is shown');
  // Help marks names with backticks; the page shows them as <code>, not as backticks.
  const deprecated = page.locator('.diag', { has: page.locator('.diag-code', { hasText: /^EP-DEPRECATED$/ }) }).locator('.diag-help');
  assert.equal(await deprecated.locator('code').first().textContent(), 'kubernetes.io/service-name: <service>');
  assert.doesNotMatch((await deprecated.textContent()) ?? '', /`/);
  // The gutter marks line 22 as an error, and the offending value is underlined.
  assert.equal(await page.locator('.gutter-markers .marker.sev-error[data-line="22"]').count(), 1);
  assert.deepEqual(await page.locator('.underline-row[data-line="22"] .squiggle.sev-error').allTextContents(), ['mysql-ep']);
  // The underline sits under the text: same left edge as "mysql-ep" in the textarea (8 columns in).
  const offset = await page.evaluate(() => {
    const t = /** @type {HTMLTextAreaElement} */ (document.querySelector('#editor'));
    const squiggle = /** @type {HTMLElement} */ (document.querySelector('.underline-row[data-line="22"] .squiggle'));
    const probe = document.createElement('span');
    probe.style.font = getComputedStyle(t).font;
    probe.style.whiteSpace = 'pre';
    probe.style.position = 'absolute';
    probe.textContent = '  name: ';
    document.body.append(probe);
    const width = probe.getBoundingClientRect().width;
    probe.remove();
    const padding = parseFloat(getComputedStyle(t).paddingLeft);
    return Math.abs(squiggle.getBoundingClientRect().left - (t.getBoundingClientRect().left + padding + width));
  });
  assert.ok(offset < 1, `underline is ${offset}px off the text`);

  // Clicking the finding selects the offending text on line 22 and highlights the line.
  await item.locator('.diag-jump').click();
  const caret = await page.evaluate(() => {
    const t = /** @type {HTMLTextAreaElement} */ (document.querySelector('#editor'));
    return { focused: document.activeElement === t, line: t.value.slice(0, t.selectionStart).split('\n').length, selected: t.value.slice(t.selectionStart, t.selectionEnd) };
  });
  assert.deepEqual(caret, { focused: true, line: 22, selected: 'mysql-ep' });
  assert.equal(await page.locator('#line-highlights .band.active[data-line="22"]').count(), 1);
  await page.close();
});

/** What each Validate example must show: codes that must appear; `clean` = no error or warning. */
const EXAMPLES = {
  'seed-mysql.yaml': ['EP-NAME-MATCH', 'EP-PORT-NAME-MATCH', 'EP-DEPRECATED'],
  'postgres-multiport.yaml': 'clean',
  'redis-dual-stack.yaml': 'clean',
  'managed-db-externalname.yaml': 'clean',
  'mistake-port-names.yaml': ['ES-PORT-NAME-MATCH'],
  'mistake-slice-label.yaml': ['ES-SERVICE-NAME-LABEL'],
  'mistake-selector.yaml': ['SVC-SELECTOR-PRESENT'],
  'mistake-loopback.yaml': ['ES-ADDRESS-SPECIAL'],
  'mistake-externalname-ip.yaml': ['SVC-EXTERNALNAME-IP', 'SVC-EXTERNALNAME-DNS1123'],
  'mistake-leading-zeros.yaml': ['ES-IP-STRICT'],
};

test('in a long file, a finding far down scrolls the editor and its gutter to the line', async () => {
  const page = await h.open('#view=validate');
  await page.locator('.diag').first().waitFor();
  const seed = await readFile(join(repo, 'www/examples/seed-mysql.yaml'), 'utf8');
  const copies = 30;
  await page.locator('#editor').fill(Array.from({ length: copies }, () => seed.trimEnd()).join('\n---\n'));
  // Each copy is 30 lines plus the separator: the last copy's Endpoints name is on line 22 + 31 * 29.
  const line = 22 + 31 * (copies - 1);
  const item = page.locator(`.diag-jump[data-line="${line}"]`, { has: page.locator('.diag-code', { hasText: /^EP-NAME-MATCH$/ }) });
  await item.waitFor();
  await item.click();
  const state = await page.evaluate((n) => {
    const t = /** @type {HTMLTextAreaElement} */ (document.querySelector('#editor'));
    const numbers = document.querySelector('.gutter-numbers');
    const marker = document.querySelector(`.gutter-markers .marker[data-line="${n}"]`);
    const markerBox = marker?.getBoundingClientRect();
    const taBox = t.getBoundingClientRect();
    return {
      line: t.value.slice(0, t.selectionStart).split('\n').length,
      scrolled: t.scrollTop > 0,
      numbered: (numbers?.textContent ?? '').split('\n').includes(String(n)),
      markerInView: Boolean(markerBox && markerBox.top >= taBox.top && markerBox.bottom <= taBox.bottom),
    };
  }, line);
  assert.deepEqual(state, { line, scrolled: true, numbered: true, markerInView: true });
  await page.close();
});

test('every Validate example loads as published and shows what it is there for', async () => {
  const page = await h.open('#view=validate');
  const offered = await page.locator('#val-preset option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  assert.deepEqual(offered.sort(), Object.keys(EXAMPLES).sort());
  for (const [file, expected] of Object.entries(EXAMPLES)) {
    const text = await readFile(join(repo, 'www/examples', file), 'utf8');
    await page.locator('#val-preset').selectOption(file);
    await page.waitForFunction((t) => /** @type {HTMLTextAreaElement} */ (document.querySelector('#editor')).value === t, text);
    const found = await page.locator('.diag').evaluateAll((items) =>
      items.map((li) => `${li.querySelector('.sev')?.textContent} ${li.querySelector('.diag-code')?.textContent}`),
    );
    if (expected === 'clean') {
      assert.deepEqual(found.filter((f) => !f.startsWith('info ')), [], file);
      assert.match(await page.locator('#diag-summary').textContent(), /0 errors · 0 warnings/, file);
    } else {
      const codes = found.map((f) => f.split(' ')[1]);
      for (const code of expected) assert.ok(codes.includes(code), `${file}: expected ${code} in ${found.join(', ')}`);
      assert.ok(found.some((f) => f.startsWith('error ')), `${file}: expected an error in ${found.join(', ')}`);
    }
  }
  await page.close();
});

test('a dropped or opened file is loaded into the editor and validated', async () => {
  const page = await h.open('#view=validate');
  await page.locator('.diag').first().waitFor();
  const dropped = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: dropped\nspec:\n  ports:\n    - port: 0\n';
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'svc.yaml', { type: 'application/yaml' }));
    const zone = /** @type {HTMLElement} */ (document.querySelector('#editor-wrap'));
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, dropped);
  await page.waitForFunction((t) => /** @type {HTMLTextAreaElement} */ (document.querySelector('#editor')).value === t, dropped);
  const item = page.locator('.diag', { has: page.locator('.diag-code', { hasText: /^SVC-PORT-RANGE$/ }) });
  await item.waitFor();
  assert.equal(await item.locator('.diag-where').textContent(), 'line 7:13');

  const opened = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: opened\nspec:\n  ports:\n    - port: 80\n';
  await page.locator('#file-input').setInputFiles({ name: 'opened.yaml', mimeType: 'application/yaml', buffer: Buffer.from(opened) });
  await page.waitForFunction((t) => /** @type {HTMLTextAreaElement} */ (document.querySelector('#editor')).value === t, opened);
  await page.close();
});

test('the Kubernetes version selector feeds the validator', async () => {
  const page = await h.open('#view=validate');
  await page.locator('#val-preset').selectOption('mistake-leading-zeros.yaml');
  const codes = () => page.locator('.diag').evaluateAll((items) => items.map((li) => `${li.querySelector('.sev')?.textContent} ${li.querySelector('.diag-code')?.textContent}`));
  // Newest by default: StrictIPCIDRValidation is on, the leading zeros are refused.
  await page.locator('.diag-code', { hasText: /^ES-IP-STRICT$/ }).waitFor();
  assert.equal(await page.locator('#kube-version').inputValue(), (await page.locator('#kube-version option').first().getAttribute('value')));
  assert.ok((await codes()).includes('error ES-IP-STRICT'));
  // Before 1.36 the same address is stored, with a warning.
  await page.locator('#kube-version').selectOption('1.35');
  await page.locator('.diag-code', { hasText: /^ES-IP-NONSTANDARD$/ }).waitFor();
  const before = await codes();
  assert.ok(before.includes('warning ES-IP-NONSTANDARD'), before.join());
  assert.ok(!before.some((c) => c.endsWith('ES-IP-STRICT')), before.join());
  assert.match(await settledUrl(page), /&kube=1\.35/);
  await page.close();
});

test('replacing the text is one undoable edit: Ctrl+Z after loading an example gives back what was typed', async () => {
  const page = await h.open();
  await page.locator('#tab-validate').click();
  // The default example arrives first (an empty editor gets it).
  await page.waitForFunction(() => /** @type {HTMLTextAreaElement} */ (document.querySelector('#editor')).value !== '');
  const editor = page.locator('#editor');
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText('kind: Typed\n');
  await page.locator('#val-preset').selectOption('seed-mysql.yaml');
  const seed = await readFile(join(repo, 'www/examples/seed-mysql.yaml'), 'utf8');
  await page.waitForFunction((text) => /** @type {HTMLTextAreaElement} */ (document.querySelector('#editor')).value === text, seed);
  await editor.focus();
  await page.keyboard.press('Control+Z');
  assert.equal(await editor.inputValue(), 'kind: Typed\n', 'the typed text, not a mixture');
  await page.close();
});

test('a paste or a file too large for the editor is refused with a pointer to the CLI', async () => {
  const page = await h.open();
  await page.locator('#tab-validate').click();
  await page.waitForFunction(() => /** @type {HTMLTextAreaElement} */ (document.querySelector('#editor')).value !== '');
  const before = await page.locator('#editor').inputValue();
  const paste = (length) =>
    page.evaluate((n) => {
      const data = new DataTransfer();
      data.setData('text/plain', 'a'.repeat(n));
      const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
      const editor = /** @type {HTMLTextAreaElement} */ (document.querySelector('#editor'));
      editor.select();
      editor.dispatchEvent(event);
      return event.defaultPrevented;
    }, length);
  assert.equal(await paste(1000), false, 'a small paste goes through');
  assert.ok(await page.locator('#editor-notice').isHidden());
  assert.equal(await paste(600_000), true, 'a 600,000-character paste is stopped');
  const notice = page.locator('#editor-notice');
  assert.ok(await notice.isVisible());
  assert.match(await notice.textContent(), /600,000 characters; the editor takes up to 500,000.*npx extsvc validate/);
  await page.locator('#file-input').setInputFiles({ name: 'huge.yaml', mimeType: 'application/yaml', buffer: Buffer.from('#'.repeat(700_000)) });
  await page.waitForFunction(() => /huge\.yaml has 700,000 characters/.test(document.querySelector('#editor-notice')?.textContent ?? ''));
  assert.equal(await page.locator('#editor').inputValue(), before, 'the editor keeps its text');
  await page.close();
});

test('jumping to a finding scrolls to it: far right on its line, and into the page on a phone', async () => {
  const page = await h.open('', { width: 375, height: 700 });
  await page.locator('#tab-validate').click();
  // The default example arrives asynchronously; filling while it lands could mix the two.
  await page.waitForFunction(() => /** @type {HTMLTextAreaElement} */ (document.querySelector('#editor')).value !== '');
  const long = `apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  ports: [{port: 80, name: ${'a'.repeat(60)}, targetPort: 8080, protocol: tcp}]\n`;
  await page.locator('#editor').fill(long);
  const item = page.locator('.diag', { has: page.locator('.diag-code', { hasText: /^SVC-PORT-PROTOCOL$/ }) });
  await item.first().waitFor();
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await item.locator('.diag-jump').click();
  const view = await page.evaluate(() => {
    const t = /** @type {HTMLTextAreaElement} */ (document.querySelector('#editor'));
    const box = t.getBoundingClientRect();
    return { scrollLeft: t.scrollLeft, width: t.clientWidth, top: box.top, bottom: box.bottom, height: window.innerHeight, selected: t.value.slice(t.selectionStart, t.selectionEnd) };
  });
  assert.equal(view.selected, 'tcp');
  assert.ok(view.scrollLeft > 0, `scrolled right to column ${long.split('\n')[5].indexOf('tcp') + 1}`);
  assert.ok(view.bottom > 0 && view.top < view.height, `the editor is in view (${view.top}..${view.bottom} of ${view.height})`);
  await page.close();
});

h.assertCleanAtEnd();
