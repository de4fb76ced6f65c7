// A plain <textarea> with a line-number gutter, per-line markers and line highlights.
// No editor library: the textarea keeps native editing, undo, IME and accessibility;
// the gutter and highlight layers are aria-hidden decorations that follow its scroll.

import { el } from './dom.js';

/** Severity order, worst first, for picking one marker per line. */
const RANK = { error: 0, warning: 1, info: 2 };

/**
 * @typedef {{line: number, column: number, endLine: number, endColumn: number}} Location
 * @typedef {{severity: string, code: string, message: string, location?: Location|null}} Marked
 */

/** A line-numbered editor over an existing textarea and its sibling layers. */
export class LineEditor {
  /**
   * @param {{textarea: HTMLTextAreaElement, gutter: HTMLElement, gutterLines: HTMLElement,
   *          highlights: HTMLElement, onMarkerClick?: (line: number) => void}} parts
   */
  constructor(parts) {
    this.textarea = parts.textarea;
    this.gutter = parts.gutter;
    this.gutterLines = parts.gutterLines;
    this.highlights = parts.highlights;
    this.onMarkerClick = parts.onMarkerClick ?? (() => {});
    this.lineCount = 0;
    this.numbers = el('pre', { class: 'gutter-numbers' });
    this.markers = el('div', { class: 'gutter-markers' });
    this.gutterLines.replaceChildren(this.numbers, this.markers);
    this.markers.addEventListener('click', (event) => {
      const target = /** @type {HTMLElement} */ (event.target);
      const line = Number(target.closest('[data-line]')?.getAttribute('data-line'));
      if (line) this.onMarkerClick(line);
    });
    this.textarea.addEventListener('scroll', () => this.syncScroll());
    this.textarea.addEventListener('input', () => this.renderNumbers());
    this.renderNumbers();
  }

  /** Pixel height of one line, read from the textarea's computed style. */
  get lineHeight() {
    const value = parseFloat(getComputedStyle(this.textarea).lineHeight);
    return Number.isFinite(value) && value > 0 ? value : 20;
  }

  /** @returns {string} */
  get value() {
    return this.textarea.value;
  }

  /** @param {string} text */
  set value(text) {
    this.textarea.value = text;
    this.textarea.scrollTop = 0;
    this.renderNumbers();
  }

  /** Rebuilds the line numbers when the line count changes (one text node, cheap at 10k lines). */
  renderNumbers() {
    let count = 1;
    for (let i = this.textarea.value.indexOf('\n'); i !== -1; i = this.textarea.value.indexOf('\n', i + 1)) {
      count += 1;
    }
    if (count !== this.lineCount) {
      this.lineCount = count;
      const lines = new Array(count);
      for (let n = 0; n < count; n += 1) lines[n] = String(n + 1);
      this.numbers.textContent = lines.join('\n');
      this.gutter.style.setProperty('--digits', String(String(count).length));
    }
    this.syncScroll();
  }

  /** Keeps the decorations aligned with the textarea's scroll position. */
  syncScroll() {
    const y = `translateY(${-this.textarea.scrollTop}px)`;
    this.gutterLines.style.transform = y;
    this.highlights.style.transform = y;
  }

  /**
   * Shows one marker per line (the worst severity) and a tinted band on each marked line.
   * @param {Marked[]} diagnostics
   */
  setMarkers(diagnostics) {
    /** @type {Map<number, Marked[]>} */
    const byLine = new Map();
    for (const d of diagnostics) {
      const line = d.location?.line;
      if (!line) continue;
      const list = byLine.get(line) ?? [];
      list.push(d);
      byLine.set(line, list);
    }
    const lh = this.lineHeight;
    const markers = [];
    const bands = [];
    for (const [line, list] of byLine) {
      list.sort((a, b) => (RANK[a.severity] ?? 3) - (RANK[b.severity] ?? 3));
      const worst = list[0].severity;
      const title = list.map((d) => `${d.code}: ${d.message}`).join('\n');
      const top = `${(line - 1) * lh}px`;
      const marker = el('span', { class: `marker sev-${worst}`, 'data-line': line, title });
      marker.style.top = top;
      markers.push(marker);
      const band = el('div', { class: `band sev-${worst}`, 'data-line': line });
      band.style.top = top;
      bands.push(band);
    }
    this.markers.replaceChildren(...markers);
    const active = this.highlights.querySelector('.active');
    this.highlights.replaceChildren(...bands, ...(active ? [active] : []));
  }

  /**
   * Moves the caret to a location, selects its range, scrolls it into view and flashes the line.
   * Columns are 1-based UTF-16 code units, the same unit as JS string indices.
   * @param {Location} loc
   */
  jumpTo(loc) {
    const text = this.textarea.value;
    const start = offsetOf(text, loc.line, loc.column);
    let end = offsetOf(text, loc.endLine ?? loc.line, loc.endColumn ?? loc.column);
    if (end <= start) end = lineEnd(text, start);
    this.textarea.focus({ preventScroll: true });
    this.textarea.setSelectionRange(start, end);
    const lh = this.lineHeight;
    const targetTop = (loc.line - 1) * lh;
    const view = this.textarea.clientHeight;
    if (targetTop < this.textarea.scrollTop || targetTop + lh > this.textarea.scrollTop + view) {
      this.textarea.scrollTop = Math.max(0, targetTop - view / 3);
    }
    this.textarea.scrollLeft = 0;
    this.highlightLine(loc.line);
    this.syncScroll();
  }

  /** @param {number} line */
  highlightLine(line) {
    this.highlights.querySelector('.active')?.remove();
    const band = el('div', { class: 'band active', 'data-line': line });
    band.style.top = `${(line - 1) * this.lineHeight}px`;
    this.highlights.append(band);
  }
}

/**
 * UTF-16 offset of a 1-based line and column, clamped to the text.
 * @param {string} text
 * @param {number} line
 * @param {number} column
 */
function offsetOf(text, line, column) {
  let offset = 0;
  for (let n = 1; n < line; n += 1) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + Math.max(0, column - 1), lineEnd(text, offset));
}

/**
 * @param {string} text
 * @param {number} offset
 */
function lineEnd(text, offset) {
  const next = text.indexOf('\n', offset);
  return next === -1 ? text.length : next;
}
