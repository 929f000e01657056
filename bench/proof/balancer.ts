import { Agent, request } from 'node:http';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Sample {
  /** When it started, ms since the run's start. */
  t: number;
  ms: number;
  kind: 'read' | 'write';
  phase: string;
  /** HTTP status; 0: no answer (connection reset while the request was in flight). */
  status: number;
  /** The GraphQL error code of a refused request, or the socket error. */
  code: string | null;
}

export interface Answer {
  data?: any;
  error?: string;
  status: number;
}

/**
 * What a load balancer in front of the API processes does, in the load generator: round robin over
 * the processes it believes up; a connection refused marks one down and the request goes to another
 * (nothing was sent, so that is safe); a down process is probed every 200 ms and back on any answer.
 * Every request is recorded with its phase for the per-phase figures.
 */
export class Balancer {
  readonly samples: Sample[] = [];
  phase = 'setup';
  private readonly up: boolean[];
  private readonly agents: Agent[];
  private next = 0;
  private t0 = Date.now();
  private stopped = false;

  constructor(private readonly ports: number[]) {
    this.up = ports.map(() => true);
    this.agents = ports.map(() => new Agent({ keepAlive: true, maxSockets: 32 }));
  }

  /** Times count from now on (the workload's start). */
  restartClock(): void {
    this.t0 = Date.now();
  }

  now(): number {
    return Date.now() - this.t0;
  }

  async send(query: string, variables: Record<string, unknown>, token: string | undefined, kind: 'read' | 'write'): Promise<Answer> {
    const t = this.now();
    for (let tries = 0; ; tries++) {
      const i = this.pick();
      const answer = await this.once(i, query, variables, token);
      if (answer === 'refused') {
        this.markDown(i);
        if (tries < 20) {
          if (!this.up.some(Boolean)) await sleep(100);
          continue;
        }
      }
      const a: Answer = answer === 'refused' ? { status: 0, error: 'ECONNREFUSED' } : answer;
      const code = a.error ? (/^([A-Z_]+):/.exec(a.error)?.[1] ?? a.error.slice(0, 40)) : null;
      this.samples.push({ t, ms: this.now() - t, kind, phase: this.phase, status: a.status, code });
      return a;
    }
  }

  /** As send, but a setup step: an error throws. */
  async must(query: string, variables: Record<string, unknown>, token?: string): Promise<any> {
    const a = await this.send(query, variables, token, 'write');
    if (a.error) throw new Error(`${query.slice(0, 60)}…: ${a.error}`);
    return a.data;
  }

  stop(): void {
    this.stopped = true;
    for (const a of this.agents) a.destroy();
  }

  private pick(): number {
    for (let k = 0; k < this.ports.length; k++) {
      const i = (this.next++ + k) % this.ports.length;
      if (this.up[i]) return i;
    }
    return this.next++ % this.ports.length;
  }

  private markDown(i: number): void {
    if (!this.up[i]) return;
    this.up[i] = false;
    void (async () => {
      while (!this.stopped) {
        await sleep(200);
        if (await this.alive(i)) {
          this.up[i] = true;
          return;
        }
      }
    })();
  }

  private alive(i: number): Promise<boolean> {
    return new Promise((resolve) => {
      const req = request({ host: '127.0.0.1', port: this.ports[i], path: '/health', timeout: 2000 }, (res) => {
        res.resume();
        resolve(true);
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(false));
      req.end();
    });
  }

  private once(i: number, query: string, variables: Record<string, unknown>, token?: string): Promise<Answer | 'refused'> {
    const body = JSON.stringify({ query, variables });
    const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    if (token) headers.authorization = `Bearer ${token}`;
    return new Promise((resolve) => {
      const req = request(
        { host: '127.0.0.1', port: this.ports[i], path: '/graphql', method: 'POST', headers, agent: this.agents[i], timeout: 30_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            const text = Buffer.concat(chunks).toString('utf8');
            let out: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
            try {
              out = JSON.parse(text);
            } catch {
              return resolve({ status, error: `HTTP ${status}: ${text.slice(0, 120)}` });
            }
            if (out.errors?.length) {
              const e = out.errors[0];
              return resolve({ status, data: out.data, error: `${e.extensions?.code ?? `HTTP_${status}`}: ${e.message}`.slice(0, 300) });
            }
            resolve(status === 200 ? { status, data: out.data } : { status, error: `HTTP_${status}: no body` });
          });
          res.on('error', (e) => resolve({ status: 0, error: e.message }));
        },
      );
      req.on('timeout', () => req.destroy(new Error('TIMEOUT')));
      req.on('error', (e: NodeJS.ErrnoException) => {
        // Refused: nothing reached the process, another may take it. A reset of a reused keep-alive
        // socket before any answer is as safe for a read; a write's outcome is unknown, so it is recorded.
        if (e.code === 'ECONNREFUSED') resolve('refused');
        else resolve({ status: 0, error: e.code ?? e.message });
      });
      req.end(body);
    });
  }
}
