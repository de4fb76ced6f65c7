// Deterministic corpora of realistic external-service manifests for `make bench`.
// Usage: node corpus.mjs OUT_DIR. Writes docs-100.yaml, docs-10000.yaml, docs-100000.yaml,
// endpoints-1000.yaml and slice-1000.yaml. About 3% of the pairs carry a typical mistake.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// xorshift32: the same corpus on every machine and run.
function rng(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x / 0x100000000;
  };
}

const ENGINES = [
  ['mysql', 3306, 'mysql'], ['postgres', 5432, 'postgresql'], ['redis', 6379, 'redis'],
  ['mongo', 27017, 'mongodb'], ['kafka', 9092, 'kafka'], ['api', 443, 'https'],
];

function ipv4(r) {
  return `${11 + Math.floor(r() * 180)}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}.${1 + Math.floor(r() * 250)}`;
}
function ipv6(r) {
  const h = () => Math.floor(r() * 0xffff).toString(16);
  return `2001:db8:${h()}:${h()}::${h()}`;
}

// One "unit": a Service plus its endpoints, 2-3 documents.
function unit(i, r) {
  const [engine, port, app] = ENGINES[i % ENGINES.length];
  const name = `${engine}-${i}`;
  const ns = `team-${i % 37}`;
  const mistake = r() < 0.03 ? Math.floor(r() * 4) : -1;
  const kind = r();
  const docs = [];
  if (kind < 0.1) {
    docs.push(`apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  type: ExternalName
  externalName: ${mistake === 0 ? '10.1.2.3' : `${engine}-${i}.prod.example.com`}
`);
    return docs;
  }
  const headless = r() < 0.3;
  docs.push(`apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
    app.kubernetes.io/name: ${engine}
spec:
${headless ? '  clusterIP: None\n' : ''}  ports:
    - name: ${app}
      port: ${port}
      protocol: TCP
      targetPort: ${port}
`);
  const addrs = Array.from({ length: 1 + Math.floor(r() * 3) }, () => (mistake === 1 ? '127.0.0.1' : ipv4(r)));
  const portName = mistake === 2 ? 'default' : app;
  const epName = mistake === 3 ? `${name}-ep` : name;
  if (kind < 0.35) {
    docs.push(`apiVersion: v1
kind: Endpoints
metadata:
  name: ${epName}
  namespace: ${ns}
subsets:
  - addresses:
${addrs.map((a) => `      - ip: ${a}`).join('\n')}
    ports:
      - name: ${portName}
        port: ${port}
        protocol: TCP
`);
  } else {
    docs.push(`apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: ${name}-ipv4
  namespace: ${ns}
  labels:
    kubernetes.io/service-name: ${epName}
    endpointslice.kubernetes.io/managed-by: extsvc
addressType: IPv4
endpoints:
${addrs.map((a) => `  - addresses:\n      - ${a}\n    conditions:\n      ready: true`).join('\n')}
ports:
  - name: ${portName}
    port: ${port}
    protocol: TCP
`);
    if (r() < 0.2) {
      docs.push(`apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: ${name}-ipv6
  namespace: ${ns}
  labels:
    kubernetes.io/service-name: ${name}
    endpointslice.kubernetes.io/managed-by: extsvc
addressType: IPv6
endpoints:
  - addresses:
      - ${ipv6(r)}
ports:
  - name: ${app}
    port: ${port}
    protocol: TCP
`);
    }
  }
  return docs;
}

export function corpus(documents, seed = 42) {
  const r = rng(seed);
  const out = [];
  for (let i = 0; out.length < documents; i++) out.push(...unit(i, r));
  return `${out.slice(0, documents).join('---\n')}`;
}

function big(kind) {
  const r = rng(7);
  const addrs = Array.from({ length: 1000 }, () => ipv4(r));
  const svc = `apiVersion: v1
kind: Service
metadata:
  name: big
spec:
  ports:
    - name: http
      port: 80
`;
  if (kind === 'endpoints') {
    return `${svc}---
apiVersion: v1
kind: Endpoints
metadata:
  name: big
subsets:
  - addresses:
${addrs.map((a) => `      - ip: ${a}`).join('\n')}
    ports:
      - name: http
        port: 80
`;
  }
  return `${svc}---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: big-ipv4
  labels:
    kubernetes.io/service-name: big
addressType: IPv4
endpoints:
${addrs.map((a) => `  - addresses:\n      - ${a}`).join('\n')}
ports:
  - name: http
    port: 80
`;
}

if (process.argv[2]) {
  const dir = process.argv[2];
  mkdirSync(dir, { recursive: true });
  for (const n of [100, 10_000, 100_000]) writeFileSync(join(dir, `docs-${n}.yaml`), corpus(n));
  writeFileSync(join(dir, 'endpoints-1000.yaml'), big('endpoints'));
  writeFileSync(join(dir, 'slice-1000.yaml'), big('slice'));
  writeFileSync(join(dir, 'two-docs.yaml'), corpus(2));
}
