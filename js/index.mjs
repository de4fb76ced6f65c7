// Node ESM entry: the CommonJS loader (node.cjs), initialised synchronously at import.
import api from './node.cjs';

export const {
  init,
  validate,
  generate,
  rules,
  version,
  defaultOptions,
  check,
  renderGenerate,
  renderRules,
  parseConfig,
  fix,
  migrate,
  unifiedDiff,
  __trap,
} = api;
export default init;
