// A tiny static file server for the playground tests: serves one folder under a
// sub-path (as a static host such as GitHub Pages would), with the MIME types browsers
// insist on (application/wasm for instantiateStreaming, text/javascript for modules).
// Run directly to look at the page: node tests/www/server.mjs [ROOT] [PORT] [PREFIX]

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** MIME types by extension. */
export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.yaml': 'application/yaml; charset=utf-8',
  '.yml': 'application/yaml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ts': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Starts serving `root` under `prefix` on 127.0.0.1 (port 0 = a free one).
 * @param {{root: string, prefix?: string, port?: number}} options
 * @returns {Promise<{origin: string, url: string, served: Map<string, string>, close: () => Promise<void>}>}
 *   `served` maps each URL path served with 200 to its file on disk.
 */
export async function startServer({ root, prefix = '/', port = 0 }) {
  const base = resolve(root);
  const served = new Map();
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end('not found');
      return;
    }
    let file = normalize(join(base, path.slice(prefix.length)));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      served.set(path, file);
      res.writeHead(200, {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'content-length': body.length,
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
  return {
    origin,
    url: origin + prefix,
    served,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [root = 'www', port = '8080', prefix = '/'] = process.argv.slice(2);
  const { url } = await startServer({ root, port: Number(port), prefix });
  console.log(`Playground: ${url}  (Ctrl-C to stop)`);
}
