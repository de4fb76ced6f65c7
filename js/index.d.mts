// The declarations for ES module consumers: those of index.d.ts (CommonJS consumers), whose
// default export is `init` here too. TypeScript takes a module's format from the extension.
export * from './index.js';
declare const init: typeof import('./index.js').init;
export default init;
