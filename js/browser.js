// Browser (and bundler) loader over the wasm-bindgen `web` build. Call the memoised
// `await init()` once, then use the API synchronously.
//
// A trap (a Rust panic, a stack overflow) leaves the instance in an unknown state, so the
// wrapper throws an Error with code EXTSVC_INTERNAL and swaps in a fresh instance. The
// bindings module keeps its instance in module-level variables, so a fresh instance needs
// a fresh copy of that module: one is imported ahead of time (a distinct URL is a distinct
// module) and instantiated synchronously from the already compiled module when needed.

import * as first from './extsvc.js';

// In the npm package, extsvc.js re-exports the bindings and says where they are; in
// www/pkg/ it *is* the bindings, next to this file. Names are in variables so bundlers do
// not try to resolve paths that exist only in the other layout.
const WASM_FILE = 'extsvc_bg.wasm';
const GLUE_FILE = 'extsvc.js';
const glueUrl = first.glueUrl ?? new URL(GLUE_FILE, import.meta.url).href;

let bindings = null; // the live bindings module
let compiled = null; // the WebAssembly.Module, reused for every instance
let spare = null; // a not yet instantiated copy of the bindings module
let copies = 0;
let used = false; // whether `first` has been instantiated (it cannot be again)
let ready = null; // the memoised init() promise

function error(code, message, cause) {
  const err = new Error(message, cause === undefined ? undefined : { cause });
  err.code = code;
  return err;
}

/**
 * Loads and instantiates the core. Memoised: later calls return the same promise.
 * `source` overrides where the .wasm comes from: a URL or string, a Response, the bytes,
 * or a compiled WebAssembly.Module. Default: the .wasm next to the bindings.
 */
export function init(source) {
  ready ??= load(source).catch((e) => {
    ready = null;
    throw e;
  });
  return ready;
}
export default init;

async function load(source) {
  const from = source ?? first.wasmUrl ?? new URL(WASM_FILE, import.meta.url);
  try {
    compiled ??= await compile(from);
  } catch (e) {
    // A network failure or bytes that are not this module: one code for every load failure.
    if (e?.code === 'EXTSVC_LOAD') throw e;
    throw error('EXTSVC_LOAD', `cannot load the extsvc core: ${e?.message ?? e}`, e);
  }
  const glue = used ? await copy() : first;
  used = true;
  glue.initSync({ module: compiled });
  bindings = glue;
  prepareSpare();
}

async function compile(source) {
  if (source instanceof WebAssembly.Module) return source;
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) return WebAssembly.compile(source);
  const response = typeof Response === 'function' && source instanceof Response ? source : await fetch(source);
  if (!response.ok) {
    throw error('EXTSVC_LOAD', `cannot load the extsvc core from ${response.url}: HTTP ${response.status}`);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

function copy() {
  copies += 1;
  return import(/* webpackIgnore: true */ /* @vite-ignore */ `${glueUrl}?instance=${copies}`);
}

function prepareSpare() {
  if (spare) return;
  copy().then(
    (glue) => {
      spare = glue;
    },
    () => {
      // No spare (e.g. a bundler that cannot import by URL): after a trap, init() again.
    },
  );
}

/** Errors the binding throws on purpose carry an EXTSVC_* code; anything else is a trap. */
function isOurs(e) {
  return e instanceof Error && typeof e.code === 'string' && e.code.startsWith('EXTSVC_');
}

function reinstantiate() {
  let panic;
  try {
    panic = bindings.__takePanic() ?? undefined;
  } catch {
    // The trapped instance may not answer; the message is a nicety.
  }
  bindings = null;
  if (spare && compiled) {
    try {
      spare.initSync({ module: compiled });
      bindings = spare;
    } catch {
      // Fall through to "call init() again".
    }
    spare = null;
    prepareSpare();
  }
  if (!bindings) ready = null;
  return panic;
}

/**
 * Refuses a revoked Proxy: `Array.isArray`, which the binding calls on its arguments, throws
 * for one, and an exception thrown inside the module would leave the instance unusable.
 */
function checkRevoked(name, args) {
  for (const arg of args) {
    try {
      Array.isArray(arg);
    } catch {
      throw error('EXTSVC_INVALID_ARGUMENT', `${name}: an argument is a revoked Proxy`);
    }
  }
}

function call(name, args) {
  if (!bindings) {
    throw error('EXTSVC_NOT_INITIALIZED', 'extsvc is not initialised: call `await init()` first');
  }
  checkRevoked(name, args);
  try {
    return bindings[name](...args);
  } catch (e) {
    if (isOurs(e)) throw e;
    const panic = reinstantiate();
    const what = panic ?? (e instanceof Error ? `${e.name}: ${e.message}` : String(e));
    const again = bindings ? 'the WebAssembly module was re-instantiated' : 'call `await init()` again';
    throw error('EXTSVC_INTERNAL', `extsvc internal error (${what}); ${again}`, e);
  }
}

function text(value, what) {
  if (typeof value !== 'string') throw error('EXTSVC_INVALID_ARGUMENT', `${what}: expected a string`);
  return value;
}

export const validate = (input, options) => call('validate', [input, options]);
export const generate = (spec) => call('generate', [spec]);
export const rules = () => call('rules', []);
export const version = () => call('version', []);
export const defaultOptions = () => call('defaultOptions', []);
export const check = (files, options, format, checkOptions) => call('check', [files, options, format, checkOptions]);
export const renderGenerate = (spec, name, format, checkOptions) =>
  call('renderGenerate', [text(spec, 'spec'), text(name, 'name'), format, checkOptions]);
export const renderRules = (format) => call('renderRules', [format]);
export const parseConfig = (config, packageJson) => call('parseConfig', [text(config, 'text'), Boolean(packageJson)]);
export const fix = (source, options) => call('fix', [source, options]);
export const migrate = (source, options) => call('migrate', [source, options]);
export const unifiedDiff = (name, oldText, newText) => call('unifiedDiff', [name, oldText, newText]);
/** Test hook: makes the module trap. Not part of the documented API. */
export const __trap = () => call('__trap', []);
