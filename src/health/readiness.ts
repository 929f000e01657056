import { type BeforeApplicationShutdown, Injectable } from '@nestjs/common';

/**
 * Whether this process has finished starting: the HTTP server listens before the in-process
 * worker of `npm start` exists, and a load balancer (or a test) must not send work in between.
 * The entry point declares readiness once everything it runs has started, with a check per part
 * that must stay up (e.g. the worker); shutting down makes it not ready again.
 */
@Injectable()
export class Readiness implements BeforeApplicationShutdown {
  private checks: Record<string, () => boolean> | null = null;

  ready(parts: Record<string, () => boolean> = {}): void {
    this.checks = parts;
  }

  beforeApplicationShutdown(): void {
    this.checks = null;
  }

  /** The parts checked besides the API itself. */
  parts(): string[] {
    return Object.keys(this.checks ?? {});
  }

  /** null when ready, otherwise what is not (yet) up. */
  problem(): string | null {
    if (!this.checks) return 'starting';
    const down = Object.entries(this.checks)
      .filter(([, up]) => !up())
      .map(([name]) => name);
    return down.length ? `${down.join(', ')} not running` : null;
  }
}
