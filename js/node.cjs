'use strict';
// Node loader (the `require` entry; index.mjs re-exports it for `import`). The wasm-bindgen
// `nodejs` build is CommonJS and instantiates synchronously when required, so the API is
// ready as soon as this file is loaded.
//
// A trap (a Rust panic, a stack overflow) leaves the instance in an unknown state: its
// stack pointer and allocator are wherever the aborted call left them. The wrapper then
// throws an Error with code EXTSVC_INTERNAL and requires a fresh copy of the bindings, so
// the next call works.

const GLUE = require.resolve('./pkg/node/extsvc.js');

let bindings = require(GLUE);

/** Errors the binding throws on purpose carry an EXTSVC_* code; anything else is a trap. */
function isOurs(e) {
  return e instanceof Error && typeof e.code === 'string' && e.code.startsWith('EXTSVC_');
}

function internal(cause, panic) {
  const what = panic ?? (cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause));
  const err = new Error(`extsvc internal error (${what}); the WebAssembly module was re-instantiated`, { cause });
  err.code = 'EXTSVC_INTERNAL';
  return err;
}

function reinstantiate() {
  let panic;
  try {
    panic = bindings.__takePanic() ?? undefined;
  } catch {
    // The trapped instance may not answer; the message is a nicety.
  }
  // Forgotten everywhere Node keeps it (the cache, and this module's children), so the
  // trapped instance and its memory can be collected: each trap otherwise kept ~1.25 MB.
  const old = require.cache[GLUE];
  delete require.cache[GLUE];
  const at = module.children.indexOf(old);
  if (at >= 0) module.children.splice(at, 1);
  bindings = require(GLUE);
  return panic;
}

function guarded(f) {
  try {
    return f();
  } catch (e) {
    if (isOurs(e)) throw e;
    throw internal(e, reinstantiate());
  }
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
      throw misuse(`${name}: an argument is a revoked Proxy`);
    }
  }
}

function call(name, args) {
  checkRevoked(name, args);
  return guarded(() => bindings[name](...args));
}

function misuse(message) {
  const err = new Error(message);
  err.code = 'EXTSVC_INVALID_ARGUMENT';
  return err;
}

function text(value, what) {
  if (typeof value !== 'string') throw misuse(`${what}: expected a string`);
  return value;
}

const api = {
  /** Node needs no initialisation; present so code written for the browser build runs here too. */
  init: () => Promise.resolve(),
  validate: (input, options) => call('validate', [input, options]),
  generate: (spec) => call('generate', [spec]),
  rules: () => call('rules', []),
  version: () => call('version', []),
  defaultOptions: () => call('defaultOptions', []),
  check: (files, options, format, checkOptions) => call('check', [files, options, format, checkOptions]),
  renderGenerate: (spec, name, format, checkOptions) =>
    call('renderGenerate', [text(spec, 'spec'), text(name, 'name'), format, checkOptions]),
  renderRules: (format) => call('renderRules', [format]),
  parseConfig: (config, packageJson) => call('parseConfig', [text(config, 'text'), Boolean(packageJson)]),
  fix: (source, options) => call('fix', [source, options]),
  migrate: (source, options) => call('migrate', [source, options]),
  unifiedDiff: (name, oldText, newText) => call('unifiedDiff', [name, oldText, newText]),
  /** CLI helper (glob matching in Rust). Not part of the documented API. */
  __matchGlobs: (patterns, paths, exclude) => call('matchGlobs', [patterns, paths, Boolean(exclude)]),
  /**
   * CLI helper: inputs read straight into the module's memory, piece by piece; for machine
   * formats documents are checked as they arrive (the text format needs the whole text), so
   * a large file is never held at once (`Inputs` in src/wasm.rs). Bad options throw here.
   * Not part of the documented API.
   */
  __inputs: (options, format, checkOptions) => {
    const inputs = guarded(() => new bindings.Inputs(options, format, checkOptions));
    return {
      begin: (name) => guarded(() => inputs.begin(name)),
      /** Room for up to `len` bytes: a view to fill, then `push(n)`, before any other call. */
      buffer: (len) =>
        guarded(() => {
          const at = inputs.buffer(len); // may grow the memory: take its buffer after
          return new Uint8Array(bindings.__memory().buffer, at, len);
        }),
      /** The next `n` bytes are in the view; false once the input takes no more (over the size limit). */
      push: (n) => guarded(() => inputs.push(n)),
      check: () => guarded(() => inputs.check()),
    };
  },
  /** Test hook: makes the module trap. Not part of the documented API. */
  __trap: () => call('__trap', []),
};
api.default = api.init;

module.exports = api;
