import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One API or worker process of the built service (dist/), restartable under the same name and port. */
export class ServiceProcess {
  private proc: ChildProcess | null = null;
  private output = '';
  starts = 0;

  constructor(
    readonly name: string,
    private readonly entry: 'main' | 'worker',
    private readonly env: Record<string, string>,
    readonly port = 0,
  ) {}

  get alive(): boolean {
    return this.proc !== null && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** Starts it and waits for its start-up line (and, for an API, a /health answer of 200). */
  async start(): Promise<void> {
    this.output = '';
    const env = { PATH: process.env.PATH ?? '', ...this.env, ...(this.port ? { PORT: String(this.port) } : {}) };
    const proc = spawn(process.execPath, [`dist/src/${this.entry}.js`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc = proc;
    this.starts++;
    proc.stdout.on('data', (d: Buffer) => (this.output = (this.output + d.toString()).slice(-20_000)));
    proc.stderr.on('data', (d: Buffer) => (this.output = (this.output + d.toString()).slice(-20_000)));
    const line = this.entry === 'main' ? 'Concordia listening' : 'Concordia worker started';
    const started = Date.now();
    while (!this.output.includes(line)) {
      if (proc.exitCode !== null) throw new Error(`${this.name} exited with ${proc.exitCode}: ${this.output.slice(-2000)}`);
      if (Date.now() - started > 90_000) throw new Error(`${this.name} did not start: ${this.output.slice(-2000)}`);
      await sleep(100);
    }
    if (this.entry === 'main') while ((await health(this.port)) !== 200) await sleep(200);
  }

  kill(signal: NodeJS.Signals): Promise<number | null> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve(proc?.exitCode ?? null);
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    proc.kill(signal);
    return exited;
  }

  tail(): string {
    return this.output.slice(-3000);
  }
}

/** The HTTP status of GET /health, or 0 when nothing answers. */
export function health(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/health', method: 'GET', timeout: 3000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
    req.end();
  });
}
