import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from './test-app.js';
import { freePort } from './free-port.js';

const DIST = 'dist/src';

/** The newest modification time of the TypeScript sources that dist/ is built from. */
export function newestSource(dirs = ['src', 'migrations']): { file: string; mtimeMs: number } {
  let newest = { file: '', mtimeMs: 0 };
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (path.endsWith('.ts') && !path.endsWith('.spec.ts')) {
        const mtimeMs = statSync(path).mtimeMs;
        if (mtimeMs > newest.mtimeMs) newest = { file: path, mtimeMs };
      }
    }
  };
  for (const dir of dirs) if (existsSync(dir)) walk(dir);
  return newest;
}

/** A compiled entry point that is there and not older than the sources, or an error saying to build. */
export function assertBuilt(entry: 'main' | 'worker', sources = newestSource()): string {
  const file = `${DIST}/${entry}.js`;
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (npm test does)`);
  if (statSync(file).mtimeMs < sources.mtimeMs) {
    throw new Error(`${file} is older than ${sources.file}: run \`npm run build\` first (npm test does), or this test would run stale code`);
  }
  return file;
}

export interface Spawned {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Runs a compiled entry point with exactly `env` (plus PATH), capturing stdout and stderr. */
export function runEntry(entry: 'main' | 'worker', env: Record<string, string>, args: string[] = []): Spawned {
  const child = spawn(process.execPath, [assertBuilt(entry), ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Starts a worker process with `env` and waits for its start-up line; `started` collects it for clean-up. */
export async function startWorkerProcess(env: Record<string, string>, started: Spawned[]): Promise<Spawned> {
  const w = runEntry('worker', { ...env, LOG_LEVEL: 'warn' });
  started.push(w);
  await waitFor(async () => w.output().includes('Concordia worker started'), 30_000, 'the worker process');
  return w;
}

/** A port nobody listens on right now. */
export { freePort };
