// The Validate view: the line-numbered editor, the core's diagnostics as a list that
// jumps to the line, markers in the gutter, examples and file drop.

import { byId, debounce, el, withCode } from './dom.js';
import { LineEditor } from './editor.js';

/** How many findings the list shows (rendering more only slows typing down). */
const MAX_LISTED = 500;

/**
 * The most characters the editor takes. A textarea lays out all of its text on every
 * change: in Chromium a 5 MB paste froze the tab for 28 s, a 2 MB one for 7 to 24 s. Larger
 * files are the CLI's (`npx extsvc validate FILE`), which streams them.
 */
export const MAX_EDITABLE = 500_000;

/** Sort order of severities, worst first. */
const RANK = { error: 0, warning: 1, info: 2 };

/** Wires the Validate view; `validate` is the core's function. */
export class ValidateView {
  /**
   * @param {{validate: (text: string, options: {kubeVersion: string}) => any,
   *          kubeVersion: () => string, onChange: () => void, onRun?: () => void}} deps
   *   `onRun` follows every validation (the fix buttons re-check what applies)
   */
  constructor(deps) {
    this.validate = deps.validate;
    this.kubeVersion = deps.kubeVersion;
    this.onChange = deps.onChange;
    this.onRun = deps.onRun ?? (() => {});
    this.list = byId('diag-list');
    this.summary = byId('diag-summary');
    this.diagnostics = [];
    this.editor = new LineEditor({
      textarea: byId('editor'),
      gutter: byId('gutter'),
      gutterLines: byId('gutter-lines'),
      highlights: byId('line-highlights'),
      onMarkerClick: (line) => this.focusDiagnosticAt(line),
    });
    const rerun = () => {
      this.run();
      this.onChange();
    };
    // Re-validate shortly after typing stops; wait longer on big inputs, where one run costs more.
    const quick = debounce(rerun, 120);
    const slow = debounce(rerun, 600);
    this.editor.textarea.addEventListener('input', () => (this.editor.value.length > 200_000 ? slow : quick)());
    this.notice = byId('editor-notice');
    this.editor.textarea.addEventListener('input', () => {
      this.notice.hidden = true;
    });
    // Refused before the browser inserts it: once in the textarea, the layout cost is paid.
    this.editor.textarea.addEventListener('paste', (event) => {
      const pasted = event.clipboardData?.getData('text/plain') ?? '';
      const ta = this.editor.textarea;
      const length = ta.value.length - (ta.selectionEnd - ta.selectionStart) + pasted.length;
      if (length > MAX_EDITABLE) {
        event.preventDefault();
        this.refuse(length);
      }
    });
    this.setupDrop();
    byId('file-input').addEventListener('change', async (event) => {
      const file = /** @type {HTMLInputElement} */ (event.target).files?.[0];
      if (file) await this.loadFile(file);
      /** @type {HTMLInputElement} */ (event.target).value = '';
    });
  }

  /** @returns {string} */
  get text() {
    return this.editor.value;
  }

  /**
   * Replaces the editor content and validates it.
   * @param {string} text
   */
  load(text) {
    // Every way in (a link's hash, an example, Generate → Validate) keeps the editor's limit.
    if (text.length > MAX_EDITABLE) {
      this.refuse(text.length);
      return;
    }
    this.notice.hidden = true;
    this.editor.value = text;
    this.run();
  }

  /** Validates the editor content with the selected Kubernetes version. */
  run() {
    let result;
    try {
      result = this.validate(this.editor.value, { kubeVersion: this.kubeVersion() });
    } catch (error) {
      result = { diagnostics: [{ severity: 'error', code: 'INTERNAL', rule: 'internal', message: String(error?.message ?? error) }], summary: null };
    }
    this.diagnostics = result.diagnostics ?? [];
    this.render(result.summary);
    this.onRun();
  }

  /** @param {{errors: number, warnings: number, infos: number, objects: number}|null} summary */
  render(summary) {
    const count = (sev) => this.diagnostics.filter((d) => d.severity === sev).length;
    const errors = summary?.errors ?? count('error');
    const warnings = summary?.warnings ?? count('warning');
    const infos = summary?.infos ?? count('info');
    const objects = summary?.objects;
    const parts = [];
    if (typeof objects === 'number') parts.push(`${objects} ${objects === 1 ? 'object' : 'objects'}`);
    parts.push(plural(errors, 'error'), plural(warnings, 'warning'));
    if (infos > 0) parts.push(plural(infos, 'note'));
    this.summary.textContent = parts.join(' · ');
    this.summary.className = `summary ${errors > 0 ? 'bad' : warnings > 0 ? 'meh' : 'good'}`;

    // Worst first, then in reading order: what breaks routing is what people look for.
    const sorted = this.diagnostics
      .map((d, i) => ({ d, i }))
      .sort(
        (a, b) =>
          (RANK[a.d.severity] ?? 3) - (RANK[b.d.severity] ?? 3) ||
          (a.d.location?.line ?? Infinity) - (b.d.location?.line ?? Infinity) ||
          a.i - b.i,
      );
    // A huge file can have thousands of findings: list the first ones (the markers show all).
    const items = sorted.slice(0, MAX_LISTED).map(({ d, i }) => this.item(d, i));
    if (sorted.length > MAX_LISTED) {
      items.push(el('li', { class: 'diag-empty' }, `…and ${sorted.length - MAX_LISTED} more; the gutter marks every one.`));
    }
    if (items.length === 0) {
      const empty = this.editor.value.trim() === '';
      items.push(el('li', { class: empty ? 'diag-empty' : 'diag-empty good' }, empty ? 'Paste manifests, drop a file, or pick an example.' : 'No problems found. These manifests route as written.'));
    }
    this.list.replaceChildren(...items);
    this.editor.setMarkers(this.diagnostics);
  }

  /**
   * One diagnostic: a button that jumps to its line, with its help underneath.
   * @param {any} d
   * @param {number} index
   */
  item(d, index) {
    const loc = d.location;
    // One editor, one input: the file name ("<input>") adds nothing here.
    const where = loc ? `${loc.line}:${loc.column}` : '';
    const object = d.object ? [d.object.kind, d.object.name].filter(Boolean).join(' ') : '';
    const jump = el(
      'button',
      { type: 'button', class: 'diag-jump', 'data-index': index, 'data-line': loc?.line ?? '', disabled: !loc },
      el('span', { class: `sev sev-${d.severity}` }, d.severity ?? ''),
      el('span', { class: 'diag-code' }, d.code ?? ''),
      where ? el('span', { class: 'diag-where' }, `line ${where}`) : null,
      el('span', { class: 'diag-msg' }, d.message ?? ''),
    );
    jump.addEventListener('click', () => {
      if (loc) this.editor.jumpTo(loc);
      for (const node of this.list.querySelectorAll('.current')) node.classList.remove('current');
      jump.closest('li')?.classList.add('current');
    });
    const meta = [object, d.path, d.category].filter(Boolean).join(' · ');
    return el(
      'li',
      { class: `diag sev-${d.severity}` },
      jump,
      meta ? el('p', { class: 'diag-meta' }, meta) : null,
      d.help ? el('p', { class: 'diag-help' }, ...withCode(d.help)) : null,
    );
  }

  /** @param {number} line */
  focusDiagnosticAt(line) {
    const button = /** @type {HTMLButtonElement|null} */ (this.list.querySelector(`.diag-jump[data-line="${line}"]`));
    button?.scrollIntoView({ block: 'nearest' });
    button?.focus();
    button?.click();
  }

  /** Dropping a file anywhere on the editor loads it. */
  setupDrop() {
    const zone = byId('editor-wrap');
    const over = (on) => zone.classList.toggle('drop', on);
    zone.addEventListener('dragover', (event) => {
      if (!event.dataTransfer?.types.includes('Files')) return;
      event.preventDefault();
      over(true);
    });
    zone.addEventListener('dragleave', () => over(false));
    zone.addEventListener('drop', async (event) => {
      const file = event.dataTransfer?.files?.[0];
      over(false);
      if (!file) return;
      event.preventDefault();
      await this.loadFile(file);
    });
  }

  /** @param {File} file */
  async loadFile(file) {
    const text = await file.text();
    if (text.length > MAX_EDITABLE) {
      this.refuse(text.length, file.name);
      return;
    }
    this.load(text);
    this.onChange();
  }

  /**
   * Says why a text was not taken (too large for the editor), and what to use instead.
   * @param {number} length characters
   * @param {string} [name] the file's name
   */
  refuse(length, name) {
    const what = name ? `${name} has` : 'That text has';
    this.notice.textContent = `${what} ${length.toLocaleString('en')} characters; the editor takes up to ${MAX_EDITABLE.toLocaleString('en')}, so the page stays responsive. Validate it with the CLI instead: npx extsvc validate ${name ?? 'FILE'}`;
    this.notice.hidden = false;
  }
}

/**
 * @param {number} n
 * @param {string} word
 */
function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
