import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from './free-port.js';

export const OIDC_CLIENT_ID = 'concordia-test';
export const OIDC_CLIENT_SECRET = 'concordia-test-secret-0123456789';

/** The test identity provider (oidc-provider-server.mjs) as a child process. */
export class TestOidcProvider {
  private constructor(
    private readonly child: ChildProcess,
    readonly issuer: string,
    private readonly exited: Promise<void>,
  ) {}

  /** Starts it for a client whose redirect URI is `${publicUrl}/auth/oidc/callback`. */
  static async start(publicUrl: string): Promise<TestOidcProvider> {
    const child = spawn(process.execPath, ['test/support/oidc-provider-server.mjs'], {
      env: { PATH: process.env.PATH ?? '', CLIENT_ID: OIDC_CLIENT_ID, CLIENT_SECRET: OIDC_CLIENT_SECRET, REDIRECT_URI: `${publicUrl}/auth/oidc/callback` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // Self-contained (no test-app.js): the browser specs load this file too.
    const deadline = Date.now() + 30_000;
    let issuer: string | undefined;
    while (!(issuer = /listening (\S+)/.exec(output)?.[1])) {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGTERM');
        throw new Error(`the OpenID provider did not start:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return new TestOidcProvider(child, issuer, exited);
  }

  /** The environment that points Concordia at this provider. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return { OIDC_ISSUER: this.issuer, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_ALLOW_INSECURE_ISSUER: 'true', ...extra };
  }

  /** The next ID token is for another audience, from another issuer, or signed with another key. */
  async tamperNext(mode: 'audience' | 'issuer' | 'signature'): Promise<void> {
    const res = await fetch(`${this.issuer}/__test/tamper?mode=${mode}`, { method: 'POST' });
    if (res.status !== 204) throw new Error(`tamper hook answered ${res.status}`);
  }

  async stop(): Promise<void> {
    this.child.kill('SIGTERM');
    await this.exited;
  }
}

export { freePort };
