// The Generate view: a form that maps one-to-one onto the core's generator spec, the
// YAML and DNS names it returns, and its diagnostics shown at the fields they name.
// Deciding what is valid is the core's job; this file only converts and displays.

import { byId, el, withCode } from './dom.js';
import { renderYaml } from './yaml-view.js';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

/** The spec the page starts with when the link carries none. */
export const DEFAULT_SPEC = {
  name: 'mysql-svc',
  namespace: 'default',
  addresses: ['114.32.146.154'],
  ports: [{ name: 'mysql', port: 3306, protocol: 'TCP' }],
  headless: false,
  endpointsApi: 'EndpointSlice',
};

/**
 * @typedef {{name?: string, port?: number|string|null, protocol?: string, appProtocol?: string}} PortSpec
 * @typedef {{name?: string, namespace?: string, addresses?: string[], externalName?: string,
 *   ports?: PortSpec[], headless?: boolean, endpointsApi?: string,
 *   labels?: Record<string,string>, annotations?: Record<string,string>}} Spec
 */

/** The most messages the form shows at once. */
const MAX_FORM_MESSAGES = 50;

/** Wires the Generate view; `generate` is the core's function. */
export class GenerateView {
  /**
   * @param {{generate: (spec: Spec) => any, onChange: () => void, onCheck: (yaml: string) => void}} deps
   */
  constructor(deps) {
    this.generate = deps.generate;
    this.onChange = deps.onChange;
    this.checkButton = byId('check-yaml');
    this.checkButton.addEventListener('click', () => deps.onCheck(this.lastYaml));
    this.form = byId('gen-form');
    this.portsBody = byId('ports-body');
    this.yamlCode = byId('yaml-code');
    this.yamlPre = byId('yaml-out');
    this.state = byId('gen-state');
    this.copyButton = byId('copy-yaml');
    this.downloadButton = byId('download-yaml');
    this.lastYaml = '';
    this.rowSeq = 0;
    this.form.addEventListener('input', () => this.changed());
    this.form.addEventListener('change', () => this.changed());
    this.form.addEventListener('submit', (event) => event.preventDefault());
    byId('add-port').addEventListener('click', () => {
      const row = this.addPortRow({ protocol: 'TCP' });
      row.querySelector('input')?.focus();
      this.changed();
    });
    this.copyButton.addEventListener('click', () => this.copy());
    this.downloadButton.addEventListener('click', () => this.download());
  }

  /** Re-runs the generator and tells the app the state changed (for the URL). */
  changed() {
    this.run();
    this.onChange();
  }

  /**
   * Fills the form from a spec (a preset or a shared link).
   * @param {Spec} spec
   */
  load(spec) {
    const value = (id, v) => {
      /** @type {HTMLInputElement} */ (byId(id)).value = v ?? '';
    };
    value('f-name', spec.name);
    value('f-namespace', spec.namespace);
    const addresses = Array.isArray(spec.addresses) ? spec.addresses : spec.externalName ? [spec.externalName] : [];
    value('f-addresses', addresses.join('\n'));
    value('f-endpoints-api', spec.endpointsApi || 'EndpointSlice');
    /** @type {HTMLInputElement} */ (byId('f-headless')).checked = Boolean(spec.headless);
    value('f-labels', mapToLines(spec.labels));
    value('f-annotations', mapToLines(spec.annotations));
    this.portsBody.replaceChildren();
    for (const port of Array.isArray(spec.ports) ? spec.ports : []) this.addPortRow(port && typeof port === 'object' ? port : {});
    this.run();
  }

  /**
   * Reads the form into the generator's spec. The Addresses lines go as `addresses` as
   * typed: the core reads a single DNS name there as an ExternalName Service.
   * @returns {Spec}
   */
  spec() {
    const text = (id) => /** @type {HTMLInputElement} */ (byId(id)).value.trim();
    /** @type {Spec} */
    const spec = { name: text('f-name'), namespace: text('f-namespace') };
    spec.addresses = text('f-addresses')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    spec.ports = this.portRows().map((row) => {
      const cell = (name) => /** @type {HTMLInputElement} */ (row.querySelector(`[data-port="${name}"]`)).value.trim();
      /** @type {PortSpec} */
      const port = { name: cell('name'), port: toPortNumber(cell('port')), protocol: cell('protocol') };
      const app = cell('appProtocol');
      if (app !== '') port.appProtocol = app;
      return port;
    });
    spec.headless = /** @type {HTMLInputElement} */ (byId('f-headless')).checked;
    spec.endpointsApi = text('f-endpoints-api');
    const labels = linesToMap(text('f-labels'));
    if (Object.keys(labels).length > 0) spec.labels = labels;
    const annotations = linesToMap(text('f-annotations'));
    if (Object.keys(annotations).length > 0) spec.annotations = annotations;
    return spec;
  }

  /**
   * Adds one row to the ports table.
   * @param {PortSpec} port
   */
  addPortRow(port) {
    this.rowSeq += 1;
    const rowId = `port-row-${this.rowSeq}`;
    const rowHeader = el('th', { scope: 'row', id: rowId, class: 'col-n' });
    const input = (key, header, attrs) => {
      const id = `${rowId}-${key}`;
      const control = el('input', {
        id,
        type: 'text',
        spellcheck: 'false',
        autocapitalize: 'off',
        'data-port': key,
        'aria-labelledby': `${header} ${rowId}`,
        ...attrs,
      });
      /** @type {HTMLInputElement} */ (control).value = port[key] === undefined || port[key] === null ? '' : String(port[key]);
      return control;
    };
    const protocol = el('select', { id: `${rowId}-protocol`, 'data-port': 'protocol', 'aria-labelledby': `ph-protocol ${rowId}` });
    const chosen = port.protocol || 'TCP';
    for (const p of PROTOCOLS.includes(chosen) ? PROTOCOLS : [...PROTOCOLS, chosen]) {
      protocol.append(el('option', { value: p, selected: p === chosen }, p));
    }
    const remove = el('button', { type: 'button', class: 'btn icon remove', 'aria-labelledby': `${rowId}-rm ${rowId}` }, el('span', { id: `${rowId}-rm`, class: 'visually-hidden' }, 'Remove port'), el('span', { 'aria-hidden': 'true' }, '×'));
    const row = el(
      'tr',
      { 'data-row': rowId },
      rowHeader,
      el('td', { 'data-label': 'Name' }, input('name', 'ph-name', { placeholder: 'mysql' })),
      el('td', { 'data-label': 'Port' }, input('port', 'ph-port', { inputmode: 'numeric', placeholder: '3306', class: 'num' })),
      el('td', { 'data-label': 'Protocol' }, protocol),
      el('td', { 'data-label': 'App protocol' }, input('appProtocol', 'ph-app', { placeholder: 'optional' })),
      el('td', { class: 'col-rm' }, remove),
    );
    remove.addEventListener('click', () => {
      const rows = this.portRows();
      const at = rows.indexOf(row);
      const next = rows[at + 1] ?? rows[at - 1];
      if (row.nextElementSibling?.classList.contains('port-msgs')) row.nextElementSibling.remove();
      row.remove();
      this.renumber();
      /** @type {HTMLElement|null} */ (next?.querySelector('.remove') ?? byId('add-port')).focus();
      this.changed();
    });
    this.portsBody.append(row);
    this.renumber();
    return row;
  }

  /** The port rows, without the message rows between them. */
  portRows() {
    return [...this.portsBody.querySelectorAll('tr[data-row]')];
  }

  /** Row headers show 1-based positions, which are what `ports[i]` paths count (0-based). */
  renumber() {
    this.portRows().forEach((row, i) => {
      const header = row.querySelector('th');
      if (header) header.textContent = String(i + 1);
    });
  }

  /** Generates and renders the result. */
  run() {
    const spec = this.spec();
    let result;
    try {
      result = this.generate(spec);
    } catch (error) {
      result = { yaml: null, dns: null, objects: [], diagnostics: [{ severity: 'error', code: 'INTERNAL', message: String(error?.message ?? error), path: '' }] };
    }
    this.showDiagnostics(result.diagnostics ?? []);
    const yaml = typeof result.yaml === 'string' ? result.yaml : null;
    this.lastYaml = yaml ?? '';
    this.copyButton.disabled = yaml === null;
    this.checkButton.disabled = yaml === null;
    this.downloadButton.disabled = yaml === null;
    this.yamlPre.classList.toggle('empty', yaml === null);
    if (yaml === null) {
      const errors = (result.diagnostics ?? []).filter((d) => d.severity === 'error').length;
      this.state.textContent = `No manifests yet: fix ${errors === 1 ? 'the marked field' : `the ${errors} marked fields`}.`;
      this.state.className = 'gen-state bad';
      this.yamlCode.replaceChildren();
      this.showDns(null);
      return;
    }
    /** @type {Map<string, number>} */
    const kinds = new Map();
    for (const o of result.objects ?? []) if (o?.kind) kinds.set(o.kind, (kinds.get(o.kind) ?? 0) + 1);
    const made = [...kinds].map(([kind, n]) => (n === 1 ? kind : `${n} ${kind}s`)).join(' + ');
    this.state.textContent = made ? `${made}: ready to apply.` : 'Ready to apply.';
    this.state.className = 'gen-state good';
    renderYaml(this.yamlCode, yaml);
    this.showDns(result.dns ?? null);
  }

  /**
   * Marks each diagnostic at the field its `path` names (`ports[0].port`, `addresses[1]`, …).
   * @param {any[]} diagnostics
   */
  showDiagnostics(diagnostics) {
    for (const node of this.form.querySelectorAll('.field-msg, .port-msgs')) node.remove();
    for (const node of this.form.querySelectorAll('[aria-invalid]')) {
      node.removeAttribute('aria-invalid');
      const described = (node.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => !id.endsWith('-msg'));
      if (described.length > 0) node.setAttribute('aria-describedby', described.join(' '));
      else node.removeAttribute('aria-describedby');
    }
    const others = byId('gen-other-errors');
    const otherItems = [];
    let n = 0;
    // 10,000 pasted addresses can carry thousands of findings; each one shown is layout work
    // on every keystroke. The first ones say what is wrong.
    const shown = diagnostics.slice(0, MAX_FORM_MESSAGES);
    for (const d of shown) {
      const target = this.controlFor(String(d.path ?? ''));
      if (!target) {
        otherItems.push(message(d, `gen-other-${otherItems.length}-msg`, `${d.code}: `));
        continue;
      }
      n += 1;
      const id = `gen-diag-${n}-msg`;
      if (d.severity === 'error') target.setAttribute('aria-invalid', 'true');
      const described = (target.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
      target.setAttribute('aria-describedby', [...described, id].join(' '));
      const row = target.closest('tr');
      if (row) {
        // Port problems go in a full-width row under the port, named by their column.
        const column = target.closest('td')?.getAttribute('data-label');
        this.portMessages(row).append(message(d, id, column ? `${column}: ` : ''));
      } else {
        (target.closest('.field') ?? target.parentElement)?.append(message(d, id, ''));
      }
    }
    const more = diagnostics.length - shown.length;
    if (more > 0) otherItems.push(el('p', { class: 'field-msg' }, `…and ${more} more ${more === 1 ? 'problem' : 'problems'} in the form.`));
    others.replaceChildren(...otherItems);
    others.hidden = otherItems.length === 0;
  }

  /**
   * The message cell under a port row, created on first use.
   * @param {HTMLTableRowElement} row
   */
  portMessages(row) {
    const next = row.nextElementSibling;
    if (next?.classList.contains('port-msgs')) return /** @type {HTMLElement} */ (next.firstElementChild);
    const cell = el('td', { colspan: 6 });
    row.after(el('tr', { class: 'port-msgs' }, cell));
    return cell;
  }

  /**
   * The form control a generator input path refers to, or null.
   * @param {string} path
   * @returns {HTMLElement|null}
   */
  controlFor(path) {
    const port = /^ports\[(\d+)\](?:\.(\w+))?/.exec(path);
    if (port) {
      const row = this.portRows()[Number(port[1])];
      if (!row) return byId('add-port');
      return row.querySelector(`[data-port="${port[2] ?? 'port'}"]`) ?? row.querySelector('input');
    }
    const root = /^(\w+)/.exec(path)?.[1] ?? '';
    const ids = {
      name: 'f-name',
      namespace: 'f-namespace',
      addresses: 'f-addresses',
      externalName: 'f-addresses',
      ports: 'add-port',
      headless: 'f-headless',
      endpointsApi: 'f-endpoints-api',
      labels: 'f-labels',
      annotations: 'f-annotations',
    };
    return ids[root] ? byId(ids[root]) : null;
  }

  /** @param {{service: string, short: string[], srv: string[]}|null} dns */
  showDns(dns) {
    const box = byId('dns');
    box.hidden = !dns;
    if (!dns) return;
    const rows = [];
    const entry = (term, names, hint) => {
      if (!names || names.length === 0) return;
      rows.push(el('div', { class: 'dns-row' }, el('dt', null, term), el('dd', null, ...names.map((name) => el('code', null, name)), hint ? el('span', { class: 'hint' }, hint) : null)));
    };
    entry('Full name', [dns.service], 'resolves from any namespace');
    entry('Short forms', dns.short, 'through the pod’s DNS search path');
    entry('SRV records', dns.srv, 'one per named port');
    byId('dns-list').replaceChildren(...rows);
  }

  async copy() {
    const label = this.copyButton.textContent;
    try {
      await navigator.clipboard.writeText(this.lastYaml);
      this.copyButton.textContent = 'Copied';
    } catch {
      // No clipboard permission: select the text so Ctrl+C works.
      getSelection()?.selectAllChildren(this.yamlCode);
      this.copyButton.textContent = 'Press Ctrl+C';
    }
    setTimeout(() => {
      this.copyButton.textContent = label;
    }, 1500);
  }

  download() {
    const name = /** @type {HTMLInputElement} */ (byId('f-name')).value.trim() || 'manifests';
    const url = URL.createObjectURL(new Blob([this.lastYaml], { type: 'application/yaml' }));
    const link = el('a', { href: url, download: `${name.replace(/[^\w.-]/g, '_')}.yaml` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}

/**
 * One diagnostic as a message under its field: the message, then the help when it adds to it.
 * @param {any} d
 * @param {string} id
 * @param {string} prefix
 */
function message(d, id, prefix) {
  const help = d.help && d.help !== d.message ? el('span', { class: 'field-help' }, ...withCode(d.help)) : null;
  return el('p', { class: `field-msg sev-${d.severity}`, id, 'data-code': d.code ?? '' }, `${prefix}${d.message ?? ''}`, help);
}

/**
 * Digits become a number and an empty cell `null` (the core reports a missing port);
 * anything else goes to the core as typed so it can say what is wrong with it.
 * @param {string} text
 * @returns {number|string|null}
 */
function toPortNumber(text) {
  if (text === '') return null;
  return /^\d{1,9}$/.test(text) ? Number(text) : text;
}

/**
 * `key=value` lines to an object (a line without `=` is a key with an empty value).
 * @param {string} text
 * @returns {Record<string,string>}
 */
function linesToMap(text) {
  /** @type {Record<string,string>} */
  const map = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const eq = line.indexOf('=');
    if (eq === -1) map[line] = '';
    else map[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return map;
}

/** @param {Record<string,string>|undefined} map */
function mapToLines(map) {
  if (!map || typeof map !== 'object') return '';
  return Object.entries(map)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
}
