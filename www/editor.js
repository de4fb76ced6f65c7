// A plain <textarea> with a line-number gutter, per-line markers, line highlights and
// wavy underlines under the offending text. No editor library: the textarea keeps native
// editing, undo, IME and accessibility; the gutter and the layers behind the text are
// aria-hidden decorations that follow its scroll.

import { el } from './dom.js';

/** Severity order, worst first, for picking one marker per line. */
const RANK = { error: 0, warning: 1, info: 2 };

/**
 * @typedef {{line: number, column: number, endLine: number, endColumn: number}} Location
 * @typedef {{severity: string, code: string, message: string, location?: Location|null}} Marked
 * @typedef {{severity: string, title: string, ranges: {start: number, end: number, severity: string}[]}} LineMark
 */

/** Lines drawn above and below the visible ones, so fast scrolling shows no gaps. */
const OVERSCAN = 40;

/**
 * A line-numbered editor over an existing textarea and its sibling layers. Only the lines
 * in view get numbers, markers and bands, so a 100,000-line file stays responsive.
 */
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
    this.lineCount = 1;
    /** @type {Map<number, LineMark>} worst finding per line, and the ranges to underline */
    this.marked = new Map();
    /** @type {string[]} */
    this.lines = [''];
    this.activeLine = 0;
    /** Width of one character, once measured (see `columnWidth`). */
    this.measuredColumn = 0;
    this.drawn = '';
    this.frame = 0;
    this.numbers = el('pre', { class: 'gutter-numbers' });
    this.markers = el('div', { class: 'gutter-markers' });
    this.gutterLines.replaceChildren(this.numbers, this.markers);
    // Underlines are the line's own text, transparent, in the textarea's font: they line up
    // with the glyphs whatever their widths.
    this.underlines = el('div', { class: 'underlines', 'aria-hidden': 'true' });
    this.highlights.after(this.underlines);
    this.markers.addEventListener('click', (event) => {
      const target = /** @type {HTMLElement} */ (event.target);
      const line = Number(target.closest('[data-line]')?.getAttribute('data-line'));
      if (line) this.onMarkerClick(line);
    });
    this.textarea.addEventListener('scroll', () => this.schedule());
    this.textarea.addEventListener('input', () => this.countLines());
    new ResizeObserver(() => this.schedule()).observe(this.textarea);
    this.countLines();
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

  /**
   * Replaces the whole text as one edit the user can undo (Ctrl+Z brings the text before it
   * back). Assigning `value` would leave Chromium's undo history pointing into text that is
   * gone: Ctrl+Z then replayed an older paste into the new text, mixing the two.
   * @param {string} text
   */
  set value(text) {
    const ta = this.textarea;
    if (ta.value !== text) {
      const focused = document.activeElement;
      ta.focus({ preventScroll: true });
      ta.select();
      // `insertText` of nothing does not delete the selection: `delete` does. A hidden
      // textarea takes no focus, and the command would edit whatever has it.
      const undoable = document.activeElement === ta && document.execCommand(text === '' ? 'delete' : 'insertText', false, text);
      if (!undoable || ta.value !== text) ta.value = text;
      if (focused instanceof HTMLElement && focused !== ta) focused.focus({ preventScroll: true });
    }
    ta.setSelectionRange(0, 0);
    ta.scrollTop = 0;
    ta.scrollLeft = 0;
    this.activeLine = 0;
    this.countLines();
  }

  /** Recounts the lines (the gutter width follows the number of digits). */
  countLines() {
    this.lines = this.textarea.value.split('\n');
    const count = this.lines.length;
    if (count !== this.lineCount) {
      this.lineCount = count;
      this.gutter.style.setProperty('--digits', String(String(count).length));
    }
    this.draw(true);
  }

  /** Redraws on the next frame (scrolling fires faster than frames). */
  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw(false);
    });
  }

  /**
   * Draws the numbers, markers and bands of the lines in view, and aligns them with the
   * textarea's scroll position.
   * @param {boolean} force redraw even if the same lines are in view
   */
  draw(force) {
    const lh = this.lineHeight;
    const top = this.textarea.scrollTop;
    const y = `translateY(${-top}px)`;
    this.gutterLines.style.transform = y;
    this.highlights.style.transform = y;
    this.underlines.style.transform = `translate(${-this.textarea.scrollLeft}px, ${-top}px)`;
    const first = Math.max(1, Math.floor(top / lh) + 1 - OVERSCAN);
    const last = Math.min(this.lineCount, Math.ceil((top + this.textarea.clientHeight) / lh) + OVERSCAN);
    const key = `${first}:${last}`;
    if (!force && key === this.drawn) return;
    this.drawn = key;

    const numbers = new Array(last - first + 1);
    for (let n = first; n <= last; n += 1) numbers[n - first] = String(n);
    this.numbers.textContent = numbers.join('\n');
    this.numbers.style.top = `${(first - 1) * lh}px`;

    const markers = [];
    const bands = [];
    const underlines = [];
    for (let line = first; line <= last; line += 1) {
      const mark = this.marked.get(line);
      if (mark) {
        markers.push(this.at(el('span', { class: `marker sev-${mark.severity}`, 'data-line': line, title: mark.title }), line, lh));
        bands.push(this.at(el('div', { class: `band sev-${mark.severity}`, 'data-line': line }), line, lh));
        const row = this.underline(line, mark);
        if (row) underlines.push(this.at(row, line, lh));
      }
      if (line === this.activeLine) bands.push(this.at(el('div', { class: 'band active', 'data-line': line }), line, lh));
    }
    this.markers.replaceChildren(...markers);
    this.highlights.replaceChildren(...bands);
    this.underlines.replaceChildren(...underlines);
  }

  /**
   * One line's underlines: its text up to each range as invisible spacing, each range as
   * transparent text with a wavy underline. Overlapping ranges are merged into the first.
   * @param {number} line
   * @param {LineMark} mark
   * @returns {HTMLElement|null}
   */
  underline(line, mark) {
    const text = this.lines[line - 1] ?? '';
    const row = el('div', { class: 'underline-row', 'data-line': line });
    let at = 0;
    for (const range of [...mark.ranges].sort((a, b) => a.start - b.start)) {
      const start = Math.max(range.start, at);
      const end = Math.min(range.end, text.length);
      if (end <= start) continue;
      row.append(text.slice(at, start), el('span', { class: `squiggle sev-${range.severity}` }, text.slice(start, end)));
      at = end;
    }
    return at === 0 ? null : row;
  }

  /**
   * Positions a decoration on a line.
   * @param {HTMLElement} node
   * @param {number} line
   * @param {number} lh
   */
  at(node, line, lh) {
    node.style.top = `${(line - 1) * lh}px`;
    return node;
  }

  /**
   * Records one marker per line (the worst severity, every message in its tooltip).
   * @param {Marked[]} diagnostics
   */
  setMarkers(diagnostics) {
    /** @type {Map<number, LineMark>} */
    const marked = new Map();
    for (const d of diagnostics) {
      const loc = d.location;
      const line = loc?.line;
      if (!loc || !line) continue;
      const text = `${d.code}: ${d.message}`;
      let mark = marked.get(line);
      if (!mark) {
        mark = { severity: d.severity, title: text, ranges: [] };
        marked.set(line, mark);
      } else {
        if ((RANK[d.severity] ?? 3) < (RANK[mark.severity] ?? 3)) mark.severity = d.severity;
        mark.title += `\n${text}`;
      }
      // Columns are 1-based UTF-16 units; a range running past its line stops at the line's end.
      const start = Math.max(0, (loc.column ?? 1) - 1);
      const end = loc.endLine === line && loc.endColumn ? loc.endColumn - 1 : Infinity;
      mark.ranges.push({ start, end, severity: d.severity });
    }
    this.marked = marked;
    this.draw(true);
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
    // Lines do not wrap: a range far to the right needs the textarea scrolled to it.
    const column = this.columnWidth() * Math.max(0, loc.column - 1);
    const width = this.textarea.clientWidth;
    this.textarea.scrollLeft = column < width * 0.8 ? 0 : column - width / 3;
    // On a narrow screen the editor may be above or below the viewport (the list of
    // findings is under it): bring the line into the page's view as well.
    const box = this.textarea.getBoundingClientRect();
    const lineY = box.top + targetTop - this.textarea.scrollTop;
    if (lineY < 0 || lineY + lh > window.innerHeight) {
      window.scrollBy({ top: lineY - window.innerHeight / 3 });
    }
    this.activeLine = loc.line;
    this.draw(true);
  }

  /** Width of one character of the textarea's (monospace) font, measured once. */
  columnWidth() {
    if (!this.measuredColumn) {
      const context = document.createElement('canvas').getContext('2d');
      const style = getComputedStyle(this.textarea);
      if (context) context.font = `${style.fontSize} ${style.fontFamily}`;
      this.measuredColumn = context?.measureText('0000000000').width / 10 || 8;
    }
    return this.measuredColumn;
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
