// Preloaded with `node --require` by the benchmark: writes the process's peak RSS (KiB)
// to $RSS_OUT when it exits, however it exits.
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  if (process.env.RSS_OUT) writeFileSync(process.env.RSS_OUT, String(process.resourceUsage().maxRSS));
});
