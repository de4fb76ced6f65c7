// The web bindings, re-exported from where `make wasm` writes them. browser.js imports
// './extsvc.js' so that one file works both here (the npm package) and in www/pkg/, where
// the Makefile copies browser.js next to the bindings themselves.
export * from './pkg/web/extsvc.js';
export { default } from './pkg/web/extsvc.js';

/** The compiled core, for browser.js's default `init()`. */
export const wasmUrl = new URL('./pkg/web/extsvc_bg.wasm', import.meta.url);

/** The bindings module, which browser.js imports afresh to re-instantiate after a trap. */
export const glueUrl = new URL('./pkg/web/extsvc.js', import.meta.url).href;
