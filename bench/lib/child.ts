import { type ChildProcess, fork } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';
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
        resolve(new Child<R>(name, proc, m.ready));
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

  /** Resident set size and heap of the process, in bytes. */
  async memory(): Promise<{ rss: number; heapUsed: number; heapTotal: number; external: number }> {
    return this.call('memory');
  }

  /** The same after a full garbage collection: what the heap really holds (the collection holds the process's event loop). */
  async memoryAfterGc(): Promise<{ rss: number; heapUsed: number; heapTotal: number; external: number }> {
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

type Handlers = Record<string, (arg: any) => unknown>;

/** Child side: announce readiness and answer the parent's calls. `stop` closes and exits. */
export function serve(ready: unknown, handlers: Handlers, close: () => Promise<void>): void {
  const all: Handlers = {
    ...handlers,
    cpu: () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    },
    /** Resident set size and heap of the process, in bytes. */
    memory: () => {
      const m = process.memoryUsage();
      return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external };
    },
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
