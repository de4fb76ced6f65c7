// Boot: load the WebAssembly core, restore the state from the URL hash, wire the tabs,
// the Kubernetes version selector, the examples and the footer.

import { byId } from './dom.js';
import { FixActions } from './fix-view.js';
import { DEFAULT_SPEC, GenerateView } from './generate-view.js';
import { readHash, writeHash } from './state.js';
import { ValidateView } from './validate-view.js';

/** The example the Validate view opens with when the link carries no YAML. */
const DEFAULT_EXAMPLE = 'seed-mysql.yaml';

const status = byId('load-status');

async function main() {
  let core;
  try {
    core = await import('./pkg/browser.js');
    await core.default();
  } catch (error) {
    status.textContent = `The validator could not be loaded (${error?.message ?? error}). Serve this folder over HTTP, with .wasm as application/wasm.`;
    status.classList.add('failed');
    throw error;
  }

  const kubeSelect = /** @type {HTMLSelectElement} */ (byId('kube-version'));
  const info = core.version();
  const versions = Array.isArray(info.supportedKubeVersions) ? info.supportedKubeVersions : [];
  for (const v of [...versions].reverse()) kubeSelect.append(new Option(v, v));
  kubeSelect.value = versions[versions.length - 1] ?? '';
  byId('versions').textContent = `extsvc ${info.extsvc} · Kubernetes ${info.kubernetes} API (k8s-openapi ${info.k8sOpenapiFeature}) · checks for Kubernetes ${versions[0] ?? '?'} to ${versions[versions.length - 1] ?? '?'}`;

  let view = 'generate';
  let restoring = false;
  const saveSoon = debounceAsync(() => writeHash({ view, kube: kubeSelect.value, spec: gen.spec(), yaml: val.text }), 250);
  const changed = () => {
    if (!restoring) saveSoon();
  };
  const gen = new GenerateView({
    generate: core.generate,
    onChange: changed,
    // The generated manifests, checked by the validator: they should come out clean.
    onCheck: (yaml) => {
      val.load(yaml);
      show('validate', true);
    },
  });
  const val = new ValidateView({ validate: core.validate, kubeVersion: () => kubeSelect.value, onChange: changed, onRun: () => fixes.refresh() });
  const fixes = new FixActions({
    core,
    text: () => val.text,
    kubeVersion: () => kubeSelect.value,
    // Applied like any edit: validated, and saved in the link.
    apply: (text) => {
      val.load(text);
      changed();
    },
    editor: byId('editor'),
  });

  const tabs = { generate: byId('tab-generate'), validate: byId('tab-validate') };
  const show = async (next, focus = false) => {
    view = next;
    for (const [name, tab] of Object.entries(tabs)) {
      const on = name === next;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      byId(`view-${name}`).hidden = !on;
    }
    if (focus) tabs[next].focus();
    if (next === 'validate' && val.text === '') {
      const example = await fetchExample(DEFAULT_EXAMPLE);
      // The user may have typed while the example was on its way.
      if (val.text === '' && example !== null) val.load(example);
    }
    changed();
  };
  for (const [name, tab] of Object.entries(tabs)) {
    tab.addEventListener('click', () => show(name));
    tab.addEventListener('keydown', (event) => {
      if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) return;
      event.preventDefault();
      const other = name === 'generate' ? 'validate' : 'generate';
      show(event.key === 'Home' ? 'generate' : event.key === 'End' ? 'validate' : other, true);
    });
  }

  kubeSelect.addEventListener('change', () => {
    val.run();
    changed();
  });

  byId('gen-preset').addEventListener('change', async (event) => {
    const file = /** @type {HTMLSelectElement} */ (event.target).value;
    if (!file) return;
    const text = await fetchExample(file);
    if (text === null) return;
    gen.load(JSON.parse(text));
    changed();
  });
  byId('val-preset').addEventListener('change', async (event) => {
    const select = /** @type {HTMLSelectElement} */ (event.target);
    if (!select.value) return;
    const text = await fetchExample(select.value);
    if (text === null) return;
    val.load(text);
    changed();
  });

  const restore = async () => {
    restoring = true;
    try {
      const state = await readHash();
      if (state.kube && versions.includes(state.kube)) kubeSelect.value = state.kube;
      gen.load(state.spec && typeof state.spec === 'object' ? state.spec : DEFAULT_SPEC);
      if (state.yaml !== null) val.load(state.yaml);
      await show(state.view);
    } finally {
      restoring = false;
    }
  };
  await restore();
  performance.mark('extsvc:first-yaml');
  status.hidden = true;
  document.documentElement.dataset.ready = 'true';
  // A pasted link in the same tab changes only the hash: restore from it.
  addEventListener('hashchange', restore);
}

/**
 * Fetches a bundled example, relative to the page so a sub-path works. When it cannot be
 * fetched (offline after loading, a broken upload) the page says so and carries on.
 * @param {string} file
 * @returns {Promise<string|null>}
 */
async function fetchExample(file) {
  try {
    const response = await fetch(new URL(`examples/${file}`, document.baseURI));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const text = await response.text();
    if (status.classList.contains('failed')) {
      status.hidden = true;
      status.classList.remove('failed');
    }
    return text;
  } catch (error) {
    status.textContent = `Could not load the example ${file} (${error?.message ?? error}).`;
    status.classList.add('failed');
    status.hidden = false;
    return null;
  }
}

/**
 * Debounces an async function; errors are reported, never thrown into an event handler.
 * @param {() => Promise<void>} fn
 * @param {number} ms
 */
function debounceAsync(fn, ms) {
  let timer = 0;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(() => fn().catch((error) => console.warn('extsvc: could not save the state in the URL', error)), ms);
  };
}

main();
