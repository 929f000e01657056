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

  /** Resident set size and where it goes, in bytes (see MemoryBreakdown). */
  async memory(): Promise<MemoryBreakdown> {
    return this.call('memory');
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
}

function smapsAnonymous(): number {
  try {
    const m = /^Anonymous:\s+(\d+) kB/m.exec(readFileSync('/proc/self/smaps_rollup', 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export function memoryBreakdown(): MemoryBreakdown {
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
    memory: () => memoryBreakdown(),
    memoryAfterGc: () => {
      // `gc` without starting the process with --expose-gc: the flag, then a fresh context that sees it.
      setFlagsFromString('--expose-gc');
      (runInNewContext('gc') as () => void)();
      return all.memory(undefined);
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
