import { readFileSync } from 'node:fs';

/**
 * Sums a V8 CPU profile (`--cpu-prof`) by layer: self time of each sample's function, attributed to
 * the package its script belongs to (or a named V8 category). `node dist/bench/profile-summary.js f.cpuprofile [top]`
 */
interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const profile = JSON.parse(readFileSync(process.argv[2], 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const top = Number(process.argv[3] ?? 25);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
/** Samples inside the bench's own profiler calls (api-server.ts profileStart/profileStop) are not the server's work. */
const profilerOwn = (id: number): boolean => {
  for (let cur: number | undefined = id; cur !== undefined; cur = parentOf.get(cur)) {
    if (/^profile(Start|Stop)$/.test(byId.get(cur)!.callFrame.functionName)) return true;
  }
  return false;
};
const self = new Map<number, number>();
profile.samples.forEach((id, i) => {
  if (!profilerOwn(id)) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
let total = 0;
for (const v of self.values()) total += v;

const layer = (url: string, fn: string): string => {
  if (!url) return fn.startsWith('(') ? fn : `(native) ${fn}`;
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith('node:')) return url;
  if (/\/dist\/(src|bench)\//.test(url)) return `app ${url.replace(/.*\/dist\//, '')}`;
  return url;
};
const layers = new Map<string, number>();
const fns = new Map<string, number>();
for (const [id, t] of self) {
  const n = byId.get(id)!;
  const l = layer(n.callFrame.url, n.callFrame.functionName);
  const key = l.startsWith('app ') ? 'app' : l;
  layers.set(key, (layers.get(key) ?? 0) + t);
  const f = `${n.callFrame.functionName || '(anonymous)'} ${l}:${n.callFrame.lineNumber + 1}`;
  fns.set(f, (fns.get(f) ?? 0) + t);
}
const pct = (t: number) => `${((100 * t) / total).toFixed(1).padStart(5)} %`;
console.log(`total ${(total / 1000).toFixed(0)} ms sampled\n\nby layer (self time):`);
for (const [k, t] of [...layers].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(t)}  ${k}`);
console.log('\nby function (self time):');
for (const [k, t] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(t)}  ${k}`);
