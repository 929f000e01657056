import http from 'node:http';
import { type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** Counts per idempotency key: how many keys, how many arrivals beyond the first. */
export class KeyCounter {
  readonly counts = new Map<string, number>();
  unkeyed = 0;

  add(key: string | undefined): void {
    if (!key) this.unkeyed++;
    else this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  get total(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0) + this.unkeyed;
  }

  get duplicates(): number {
    return [...this.counts.values()].reduce((a, n) => a + n - 1, 0);
  }
}

/** An SMTP server that accepts every message and counts it by its X-Concordia-Delivery header (its Message-ID says the same). */
export async function smtpSink(): Promise<{ url: string; keys: KeyCounter; stop(): Promise<void> }> {
  const keys = new KeyCounter();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, _session, callback) => {
      let head = '';
      stream.on('data', (c: Buffer) => {
        if (head.length < 8192) head += c.toString('latin1');
      });
      stream.on('end', () => {
        keys.add(/^X-Concordia-Delivery:\s*(\S+)/im.exec(head)?.[1]);
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, keys, stop: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A delegation's webhook receiver: answers 204 and counts each call by its X-Concordia-Delivery header. */
export async function webhookSink(): Promise<{ url: string; keys: KeyCounter; stop(): Promise<void> }> {
  const keys = new KeyCounter();
  const server = http.createServer((req, res) => {
    req.on('error', () => undefined);
    req.resume();
    req.on('end', () => {
      keys.add(req.headers['x-concordia-delivery'] as string | undefined);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/hook`, keys, stop: () => new Promise<void>((r) => server.close(() => r())) };
}
