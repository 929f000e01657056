// Prints the initial JavaScript of the built client (what index.html loads, with its static imports), gzip.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { URL } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
const manifestHtml = readFileSync(join(dist, 'index.html'), 'utf8');
const entries = [...manifestHtml.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
let raw = 0;
let gzip = 0;
for (const file of entries) {
  const body = readFileSync(join(dist, file));
  raw += body.length;
  gzip += gzipSync(body, { level: 9 }).length;
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
process.stdout.write(`web: initial JavaScript ${kb(gzip)} gzip (${kb(raw)} raw) in ${entries.length} file(s): ${entries.join(', ')}\n`);
