// Read-only YAML display with light colouring. Each token becomes a text node inside a
// <span>; the YAML itself is never parsed as HTML.

import { el } from './dom.js';

// key: value, with an optional "- " list marker; keys are plain or quoted scalars.
const KEY_LINE = /^(\s*)(- )?((?:"[^"]*"|'[^']*'|[^\s#'"][^:#]*?)):(\s|$)(.*)$/;

/**
 * Renders YAML into a <code> element.
 * @param {HTMLElement} code
 * @param {string} yaml
 */
export function renderYaml(code, yaml) {
  const frag = document.createDocumentFragment();
  const lines = yaml.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    frag.append(...renderLine(line), '\n');
  }
  code.replaceChildren(frag);
}

/** @param {string} line */
function renderLine(line) {
  if (line === '---' || line === '...') return [el('span', { class: 'y-doc' }, line)];
  if (/^\s*#/.test(line)) return [el('span', { class: 'y-comment' }, line)];
  const m = KEY_LINE.exec(line);
  if (m) {
    const [, indent, dash, key, space, rest] = m;
    return [indent, dash ? el('span', { class: 'y-dash' }, dash) : '', el('span', { class: 'y-key' }, key), ':', space, ...renderValue(rest)];
  }
  const item = /^(\s*)(- )(.*)$/.exec(line);
  if (item) return [item[1], el('span', { class: 'y-dash' }, item[2]), ...renderValue(item[3])];
  return [line];
}

/** @param {string} value */
function renderValue(value) {
  if (value === '') return [];
  const cls = /^["']/.test(value)
    ? 'y-str'
    : /^-?\d+(\.\d+)?$/.test(value) || /^(true|false|null)$/.test(value)
      ? 'y-num'
      : 'y-val';
  return [el('span', { class: cls }, value)];
}
