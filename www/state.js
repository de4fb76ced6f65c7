// The page state lives in the URL hash, so every state is a shareable link:
//   #view=generate&spec=<packed JSON>&kube=1.37
//   #view=validate&yaml=<packed text>&kube=1.37
// Packed = "z" + base64url(deflate-raw(UTF-8)) where CompressionStream exists, else
// "p" + base64url(UTF-8). Both forms are always readable.

/** @param {Uint8Array} bytes */
function toBase64Url(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** @param {string} text */
function fromBase64Url(text) {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/**
 * @param {BlobPart} bytes
 * @param {CompressionStream|DecompressionStream} stream
 */
async function pipe(bytes, stream) {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/**
 * Packs text for the hash.
 * @param {string} text
 * @returns {Promise<string>}
 */
export async function pack(text) {
  const bytes = new TextEncoder().encode(text);
  if (typeof CompressionStream === 'function') {
    return 'z' + toBase64Url(await pipe(bytes, new CompressionStream('deflate-raw')));
  }
  return 'p' + toBase64Url(bytes);
}

/**
 * Unpacks what {@link pack} made; null when the text is damaged.
 * @param {string} packed
 * @returns {Promise<string|null>}
 */
export async function unpack(packed) {
  try {
    const bytes = fromBase64Url(packed.slice(1));
    if (packed.startsWith('z')) {
      const raw = await pipe(bytes, new DecompressionStream('deflate-raw'));
      return new TextDecoder('utf-8', { fatal: true }).decode(raw);
    }
    if (packed.startsWith('p')) return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // A truncated or hand-edited link: fall back to the defaults.
  }
  return null;
}

/**
 * Reads the state from the hash.
 * @returns {Promise<{view: 'generate'|'validate', kube: string|null, spec: unknown, yaml: string|null}>}
 */
export async function readHash() {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const view = params.get('view') === 'validate' ? 'validate' : 'generate';
  const kube = params.get('kube');
  const yamlPacked = params.get('yaml');
  const specPacked = params.get('spec');
  const yaml = yamlPacked ? await unpack(yamlPacked) : null;
  let spec = null;
  if (specPacked) {
    const text = await unpack(specPacked);
    try {
      spec = text === null ? null : JSON.parse(text);
    } catch {
      spec = null;
    }
  }
  return { view, kube, spec, yaml };
}

/**
 * Writes the state to the hash without adding a history entry per keystroke.
 * @param {{view: string, kube: string, spec: unknown, yaml: string}} state
 */
export async function writeHash(state) {
  const params = new URLSearchParams();
  params.set('view', state.view);
  if (state.view === 'generate') params.set('spec', await pack(JSON.stringify(state.spec)));
  else params.set('yaml', await pack(state.yaml));
  params.set('kube', state.kube);
  const hash = '#' + params.toString();
  if (hash !== location.hash) history.replaceState(null, '', hash);
}
