// Small DOM helpers. User text only ever reaches the page through textContent,
// attribute values or form values: nothing here parses a string as HTML.

/**
 * Creates an element.
 * @param {string} tag
 * @param {Record<string, string|boolean|number>|null} [attrs] attributes; `class` sets className
 * @param {...(Node|string|null|undefined|false)} children strings become text nodes
 * @returns {HTMLElement}
 */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (key === 'class') node.className = String(value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/**
 * Help text with its `code` spans as <code> (the rule docs mark field names and values
 * with backticks): text nodes and elements, never parsed as HTML.
 * @param {string} text
 * @returns {(Node|string)[]}
 */
export function withCode(text) {
  return text.split('`').map((part, i) => (i % 2 === 1 ? el('code', null, part) : part));
}

/**
 * Looks an element up by id and fails loudly when the page and the script disagree.
 * @param {string} id
 * @returns {any}
 */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`missing #${id}`);
  return node;
}

/**
 * Runs `fn` once input has been quiet for `ms` milliseconds.
 * @param {() => void} fn
 * @param {number} ms
 * @returns {() => void}
 */
export function debounce(fn, ms) {
  let timer = 0;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}
