import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt']);

export interface WebFile {
  body: Buffer;
  /** The gzip form, when it is smaller. */
  gzip: Buffer | null;
  type: string;
  etag: string;
  /** Vite's hashed output (assets/): its content never changes under its name. */
  immutable: boolean;
}

/** The built client (web/dist) in memory, by URL path; a fixed list, so no request can name a file outside it. */
export class WebClientFiles {
  private constructor(
    readonly dir: string,
    private readonly files: Map<string, WebFile>,
  ) {}

  /** Loads web/dist next to the running build (dist/src/main.js → ../../web/dist), else under the working directory; null when not built. */
  static load(candidates = defaultCandidates()): WebClientFiles | null {
    const dir = candidates.find((d) => existsSync(join(d, 'index.html')));
    if (!dir) return null;
    const files = new Map<string, WebFile>();
    const walk = (folder: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (statSync(path).isFile()) files.set(`/${relative(dir, path).split(sep).join('/')}`, webFile(path, dir));
      }
    };
    walk(dir);
    return new WebClientFiles(dir, files);
  }

  get(urlPath: string): WebFile | undefined {
    return this.files.get(urlPath);
  }

  get index(): WebFile {
    return this.files.get('/index.html')!;
  }
}

function webFile(path: string, dir: string): WebFile {
  const body = readFileSync(path);
  const ext = extname(path);
  const gz = COMPRESSIBLE.has(ext) ? gzipSync(body, { level: 9 }) : null;
  return {
    body,
    gzip: gz && gz.length < body.length ? gz : null,
    type: TYPES[ext] ?? 'application/octet-stream',
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    immutable: relative(dir, path).startsWith(`assets${sep}`),
  };
}

function defaultCandidates(): string[] {
  const fromEntry = process.argv[1] ? [resolve(dirname(process.argv[1]), '../../web/dist')] : [];
  return [...fromEntry, resolve(process.cwd(), 'web/dist')];
}
