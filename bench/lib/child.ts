import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { getHeapSpaceStatistics, getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * The servers under test each run in a process of their own, so the load generator's CPU never
 * counts as theirs. Parent and child talk over the IPC channel: `call(cmd, arg)` ↔ `serve()`.
 */
export class Child<Ready = unknown> {
  private seq = 0;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  private constructor(
    readonly name: string,
    /** The script it runs (which build's server this is). */
    readonly script: URL,
    private readonly proc: ChildProcess,
    readonly ready: Ready,
  ) {
    proc.on('message', (m: { id?: number; result?: unknown; error?: string }) => {
      if (m.id === undefined) return;
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.error) p?.reject(new Error(`${name}: ${m.error}`));
      else p?.resolve(m.result);
    });
  }

  static start<R>(name: string, script: URL, env: Record<string, string | undefined>, execArgv: string[] = []): Promise<Child<R>> {
    const proc = fork(script, [], { env: { ...process.env, ...env }, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`${name} exited with ${code} before it was ready`));
      proc.once('exit', onExit);
      proc.on('message', function first(m: { ready?: R; failed?: string }) {
        if (m.failed) return reject(new Error(`${name}: ${m.failed}`));
        if (m.ready === undefined) return;
        proc.off('message', first);
        proc.off('exit', onExit);
        resolve(new Child<R>(name, script, proc, m.ready));
      });
    });
  }

  call<T = unknown>(cmd: string, arg?: unknown): Promise<T> {
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.proc.send({ id, cmd, arg });
    });
  }

  /** CPU time (user + system) the process has used so far, in ms. */
  async cpuMs(): Promise<number> {
    return this.call<number>('cpu');
  }

  /** Resident set size and where it goes, in bytes (see MemoryBreakdown); `mappings` adds the costlier per-mapping split. */
  async memory(mappings = false): Promise<MemoryBreakdown> {
    return this.call('memory', mappings);
  }

  /** The same after a full garbage collection: what the heap really holds (the collection holds the process's event loop). */
  async memoryAfterGc(): Promise<MemoryBreakdown> {
    return this.call('memoryAfterGc');
  }

  async stop(): Promise<void> {
    if (this.proc.exitCode !== null) return;
    const exited = new Promise((r) => this.proc.once('exit', r));
    await this.call('stop').catch(() => undefined);
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (this.proc.exitCode === null) this.proc.kill('SIGKILL');
  }
}

/**
 * A process's memory, in bytes: `process.memoryUsage()` (rss, the V8 heap reserved and used, external
 * memory with the ArrayBuffers part of it), V8's own malloc and code space, and from the kernel
 * (`/proc/self/smaps_rollup`) the anonymous memory, which is the heap plus every malloc arena. What is
 * left of the RSS beyond heapTotal + external is native: malloc arenas (and their fragmentation),
 * thread stacks, the mapped binary.
 */
export interface MemoryBreakdown {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  /** V8's own malloc'd memory (zones of the compiler and parser). */
  malloced: number;
  /** The code space of the V8 heap (committed): compiled functions. */
  code: number;
  /** The new space (committed): the nursery, sized by --max-semi-space-size. */
  newSpace: number;
  /** Anonymous resident memory (smaps_rollup), 0 where /proc is missing. */
  anonymous: number;
  /** Only when asked (it reads every mapping): anonymous resident memory by kind of mapping. */
  mappings?: MappingSplit;
}

/**
 * Anonymous resident memory split by who maps it, told apart by the mappings' shape: V8 maps its heap
 * in 256 KB pages (and keeps freed ones in a pool, outside heapTotal); glibc's main arena is `[heap]`;
 * the rest is larger blocks: V8's large objects, glibc's other arenas (64 MB reservations) and its
 * mmapped allocations, thread stacks.
 */
export interface MappingSplit {
  v8Pages: number;
  mallocMain: number;
  otherAnonymous: number;
}

function mappingSplit(): MappingSplit | undefined {
  let text: string;
  try {
    text = readFileSync('/proc/self/smaps', 'utf8');
  } catch {
    return undefined;
  }
  const split: MappingSplit = { v8Pages: 0, mallocMain: 0, otherAnonymous: 0 };
  let kind: keyof MappingSplit | null = null;
  for (const line of text.split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      const size = parseInt(head[2], 16) - parseInt(head[1], 16);
      const name = head[3];
      kind = name === '[heap]' ? 'mallocMain' : name !== '' ? null : size === 256 * 1024 ? 'v8Pages' : 'otherAnonymous';
      continue;
    }
    const rss = kind && /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) split[kind!] += Number(rss[1]) * 1024;
  }
  return split;
}

function smapsAnonymous(): number {
  try {
    const m = /^Anonymous:\s+(\d+) kB/m.exec(readFileSync('/proc/self/smaps_rollup', 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export function memoryBreakdown(mappings = false): MemoryBreakdown {
  const m = process.memoryUsage();
  const spaces = new Map(getHeapSpaceStatistics().map((s) => [s.space_name, s.physical_space_size]));
  return {
    rss: m.rss,
    heapTotal: m.heapTotal,
    heapUsed: m.heapUsed,
    external: m.external,
    arrayBuffers: m.arrayBuffers,
    malloced: getHeapStatistics().malloced_memory,
    code: spaces.get('code_space') ?? 0,
    newSpace: spaces.get('new_space') ?? 0,
    anonymous: smapsAnonymous(),
    ...(mappings ? { mappings: mappingSplit() } : {}),
  };
}

type Handlers = Record<string, (arg: any) => unknown>;

/** Child side: announce readiness and answer the parent's calls. `stop` closes and exits. */
export function serve(ready: unknown, handlers: Handlers, close: () => Promise<void>): void {
  const all: Handlers = {
    ...handlers,
    cpu: () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    },
    memory: (mappings: boolean) => memoryBreakdown(mappings === true),
    memoryAfterGc: () => {
      // `gc` without starting the process with --expose-gc: the flag, then a fresh context that sees it.
      setFlagsFromString('--expose-gc');
      (runInNewContext('gc') as () => void)();
      return all.memory(true);
    },
    stop: async () => {
      await close();
      setImmediate(() => process.exit(0));
    },
  };
  const onMessage = async (m: { id: number; cmd: string; arg: unknown }) => {
    try {
      const fn = all[m.cmd];
      if (!fn) throw new Error(`unknown command ${m.cmd}`);
      process.send!({ id: m.id, result: (await fn(m.arg)) ?? null });
    } catch (error) {
      process.send!({ id: m.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  };
  // onMessage reports its own errors to the parent.
  process.on('message', (m: { id: number; cmd: string; arg: unknown }) => void onMessage(m));
  process.send!({ ready });
}

/** Child side: report a start-up failure to the parent and exit. */
export function failed(error: unknown): never {
  process.send?.({ failed: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
}
