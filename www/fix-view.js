// "Fix all" and "Migrate to EndpointSlice" in the Validate view. The core decides
// everything (fix, migrate, unifiedDiff); this file previews the unified diff it returns
// and, on Apply, puts the new text in the editor.

import { byId, el } from './dom.js';

/**
 * Above this many characters, what applies is worked out on click, not after every edit:
 * fix and migrate together cost about 75 ms at 50,000 characters, more than validating.
 */
const LAZY_OVER = 50_000;

/**
 * @typedef {{fix: Function, migrate: Function, unifiedDiff: (name: string, a: string, b: string) => string}} Core
 * @typedef {{kind: 'fix'|'migrate', source: string, output: string, count: number}} Pending
 */

/** Wires the buttons in #fix-actions. */
export class FixActions {
  /**
   * @param {{core: Core, text: () => string, kubeVersion: () => string,
   *          apply: (text: string) => void, editor: HTMLTextAreaElement}} deps
   */
  constructor(deps) {
    this.core = deps.core;
    this.text = deps.text;
    this.kubeVersion = deps.kubeVersion;
    this.applyText = deps.apply;
    this.editor = deps.editor;
    /** @type {Pending|null} */
    this.pending = null;
    /** @type {HTMLButtonElement|null} the button that opened the preview */
    this.opener = null;

    this.fixButton = /** @type {HTMLButtonElement} */ (
      el('button', { type: 'button', id: 'fix-all', class: 'btn', 'aria-controls': 'fix-preview', 'aria-expanded': 'false' }, 'Fix all')
    );
    this.migrateButton = /** @type {HTMLButtonElement} */ (
      el('button', { type: 'button', id: 'migrate', class: 'btn', 'aria-controls': 'fix-preview', 'aria-expanded': 'false' }, 'Migrate to EndpointSlice')
    );
    this.note = el('p', { id: 'fix-note', class: 'fix-note', role: 'status' });
    this.preview = el('section', { id: 'fix-preview', class: 'fix-preview', 'aria-labelledby': 'fix-preview-title', tabindex: '-1', hidden: true });
    byId('fix-actions').append(this.fixButton, this.migrateButton, this.note, this.preview);

    this.fixButton.addEventListener('click', () => this.open('fix', this.fixButton));
    this.migrateButton.addEventListener('click', () => this.open('migrate', this.migrateButton));
    this.preview.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        this.close(true);
      }
    });
    // A diff of text that has since been edited would apply the wrong thing.
    this.editor.addEventListener('input', () => this.close(false));
  }

  /** Works out which buttons apply to the current text (after every validation). */
  refresh() {
    const text = this.text();
    if (this.pending && this.pending.source !== text) this.close(false);
    if (text.trim() === '') return this.enable(false, false, '');
    if (text.length > LAZY_OVER) return this.enable(true, true, '');
    let fixed;
    let migrated;
    try {
      fixed = this.core.fix(text, { kubeVersion: this.kubeVersion() });
      migrated = this.core.migrate(text, { kubeVersion: this.kubeVersion() });
    } catch (error) {
      return this.enable(false, false, `Automatic fixes are unavailable (${error?.message ?? error}).`);
    }
    if (fixed.refused !== undefined) return this.enable(false, false, 'Automatic fixes need YAML without syntax errors.');
    const fixes = fixed.applied.length + fixed.unsafeAvailable.length;
    const moves = migrated.migrated.length;
    const parts = [];
    if (fixes > 0) parts.push(`${plural(fixes, 'automatic fix', 'automatic fixes')} available`);
    if (moves > 0) parts.push(`${plural(moves, 'object')} to migrate`);
    this.enable(fixes > 0, moves > 0, parts.length > 0 ? `${parts.join(' · ')}.` : 'No automatic fix applies.');
  }

  /**
   * @param {boolean} fix
   * @param {boolean} migrate
   * @param {string} note
   */
  enable(fix, migrate, note) {
    this.fixButton.disabled = !fix;
    this.migrateButton.disabled = !migrate;
    this.note.textContent = note;
  }

  /**
   * Shows what `kind` would change, as a unified diff with Apply and Cancel.
   * @param {'fix'|'migrate'} kind
   * @param {HTMLButtonElement} opener
   * @param {boolean} [unsafeFixes]
   */
  open(kind, opener, unsafeFixes = false) {
    const source = this.text();
    const kubeVersion = this.kubeVersion();
    let result;
    try {
      result = kind === 'fix' ? this.core.fix(source, { unsafeFixes, kubeVersion }) : this.core.migrate(source, { kubeVersion });
    } catch (error) {
      this.note.textContent = `Could not compute the changes (${error?.message ?? error}).`;
      return;
    }
    const changes = kind === 'fix' ? result.applied : result.migrated;
    const unsafe = kind === 'fix' ? result.unsafeAvailable : [];
    if (result.refused !== undefined || (changes.length === 0 && unsafe.length === 0 && !unsafeFixes)) {
      this.close(false);
      this.note.textContent = result.refused !== undefined ? 'Automatic fixes need YAML without syntax errors.' : kind === 'fix' ? 'Nothing to fix.' : 'Nothing to migrate.';
      return;
    }
    this.pending = { kind, source, output: result.output, count: changes.length };
    this.opener = opener;
    for (const b of [this.fixButton, this.migrateButton]) b.setAttribute('aria-expanded', String(b === opener));

    const title = kind === 'fix' ? `Fix all: ${plural(changes.length, 'change')}` : `Migrate to EndpointSlice: ${plural(changes.length, 'object')}`;
    const items = changes.map((c) => el('li', null, el('span', { class: 'fix-code' }, c.code), ' ', c.description));
    for (const u of unsafe) items.push(el('li', { class: 'fix-unsafe-item' }, el('span', { class: 'fix-code' }, u.code), ' ', `Unsafe, not included: ${u.description}`));
    for (const s of kind === 'migrate' ? result.skipped : []) {
      items.push(el('li', { class: 'fix-unsafe-item' }, `${[s.object.kind, s.object.name].filter(Boolean).join(' ')} not migrated: ${s.reason}`));
    }
    let checkbox = null;
    if (kind === 'fix' && (unsafe.length > 0 || unsafeFixes)) {
      const box = el('input', { type: 'checkbox', id: 'fix-unsafe', 'aria-describedby': 'fix-unsafe-hint' });
      /** @type {HTMLInputElement} */ (box).checked = unsafeFixes;
      box.addEventListener('change', () => {
        this.open('fix', opener, /** @type {HTMLInputElement} */ (box).checked);
        byId('fix-unsafe').focus();
      });
      checkbox = el(
        'div',
        { class: 'fix-unsafe' },
        box,
        el('label', { for: 'fix-unsafe' }, 'Include unsafe fixes'),
        el('p', { id: 'fix-unsafe-hint', class: 'hint' }, 'They may change what the manifests mean, e.g. remove a Service’s selector.'),
      );
    }
    const diff = el('pre', { id: 'fix-diff', class: 'code diff', tabindex: '0', role: 'region', 'aria-label': 'Proposed changes as a unified diff' });
    diff.append(...diffLines(this.core.unifiedDiff('manifests.yaml', source, result.output)));
    const apply = el('button', { type: 'button', id: 'fix-apply', class: 'btn primary', disabled: changes.length === 0 }, 'Apply');
    const cancel = el('button', { type: 'button', id: 'fix-cancel', class: 'btn' }, 'Cancel');
    apply.addEventListener('click', () => this.apply());
    cancel.addEventListener('click', () => this.close(true));
    const parts = [
      el('h4', { id: 'fix-preview-title' }, title),
      items.length > 0 ? el('ul', { class: 'fix-list' }, ...items) : null,
      checkbox,
      diff,
      el('div', { class: 'fix-buttons' }, cancel, apply),
    ];
    // replaceChildren would turn a null into the text "null".
    this.preview.replaceChildren(...parts.filter((p) => p !== null));
    const wasHidden = this.preview.hidden;
    this.preview.hidden = false;
    if (wasHidden) this.preview.focus();
  }

  /** Replaces the editor text with the previewed output. */
  apply() {
    const pending = this.pending;
    if (!pending) return;
    if (pending.source !== this.text()) return this.close(false);
    const { kind, output, count } = pending;
    this.close(false);
    this.applyText(output);
    this.note.textContent = kind === 'fix' ? `Applied ${plural(count, 'fix', 'fixes')}.` : `Migrated ${plural(count, 'object')}.`;
    this.editor.focus();
  }

  /**
   * Hides the preview; `refocus` returns the focus to the button that opened it.
   * @param {boolean} refocus
   */
  close(refocus) {
    if (!this.pending && this.preview.hidden) return;
    this.pending = null;
    this.preview.hidden = true;
    this.preview.replaceChildren();
    for (const b of [this.fixButton, this.migrateButton]) b.setAttribute('aria-expanded', 'false');
    if (refocus) (this.opener && !this.opener.disabled ? this.opener : this.editor).focus();
    this.opener = null;
  }
}

/**
 * One span per diff line, classed by its kind (the +/- stay in the text for those who
 * cannot tell the colours apart).
 * @param {string} diff
 */
function diffLines(diff) {
  return diff
    .split('\n')
    .filter((line, i, all) => line !== '' || i < all.length - 1)
    .map((line, i) => {
      const kind = i < 2 ? 'file' : line.startsWith('@@') ? 'hunk' : line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : line.startsWith('\\') ? 'meta' : 'ctx';
      return el('span', { class: `diff-line diff-${kind}` }, `${line}\n`);
    });
}

/**
 * @param {number} n
 * @param {string} one
 * @param {string} [many]
 */
function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}
