import { createHistogram, performance, type RecordableHistogram } from 'node:perf_hooks';
import { type Answer, type GraphqlClient } from './http.js';
import { pick, type VirtualUser, type World } from './operations.js';

/** Latencies (µs histogram), count and errors of one operation since the last reset. */
export class OpStats {
  readonly latency: RecordableHistogram = createHistogram();
  count = 0;
  errors = 0;
  readonly errorSamples: string[] = [];

  add(ms: number, a: Answer): void {
    this.count++;
    this.latency.record(Math.max(1, Math.round(ms * 1000)));
    if (a.error) {
      this.errors++;
      if (this.errorSamples.length < 3) this.errorSamples.push(a.error);
    }
  }

  /** p-th percentile in ms. */
  ms(p: number): number {
    return this.count ? this.latency.percentile(p) / 1000 : 0;
  }
}

/** Per-operation figures, reset after warm-up. */
export class Recorder {
  stats = new Map<string, OpStats>();

  readonly record = (op: string, ms: number, a: Answer): void => {
    let s = this.stats.get(op);
    if (!s) this.stats.set(op, (s = new OpStats()));
    s.add(ms, a);
  };

  reset(): void {
    this.stats = new Map();
  }

  total(): { count: number; errors: number } {
    let count = 0;
    let errors = 0;
    for (const s of this.stats.values()) {
      count += s.count;
      errors += s.errors;
    }
    return { count, errors };
  }
}

/**
 * The closed loop: `inFlight` lanes, each sending one request at a time for the next user not
 * already waiting on an answer or thinking (so each user has at most one request in flight, and every
 * user takes turns), the operation drawn by weight.
 */
export class Load {
  private stopping = false;
  private lanes: Promise<void>[] = [];
  private next = 0;
  private thinkMs = 0;
  private readonly busy = new Set<VirtualUser>();

  constructor(
    private readonly client: GraphqlClient,
    private readonly users: VirtualUser[],
    private readonly world: World,
    private readonly recorder: Recorder,
  ) {}

  /** `thinkMs`: how long a user waits after an answer before its next request (0: at once). */
  start(inFlight: number, thinkMs = 0): void {
    this.thinkMs = thinkMs;
    this.lanes = Array.from({ length: inFlight }, () => this.lane());
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.lanes);
  }

  /** The next user neither waiting on an answer nor thinking; when every one is, a few ms later. */
  private async take(): Promise<VirtualUser> {
    for (;;) {
      for (let i = 0; i < this.users.length; i++) {
        const u = this.users[this.next++ % this.users.length];
        if (!this.busy.has(u)) {
          this.busy.add(u);
          return u;
        }
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  private async lane(): Promise<void> {
    while (!this.stopping) {
      const u = await this.take();
      if (this.stopping) return;
      const op = pick();
      const t = performance.now();
      const a = await op.run(this.client, u, this.world);
      this.recorder.record(op.name, performance.now() - t, a);
      if (this.thinkMs) setTimeout(() => this.busy.delete(u), this.thinkMs);
      else this.busy.delete(u);
    }
  }
}
