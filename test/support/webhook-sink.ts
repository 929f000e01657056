import http from 'node:http';
import { type AddressInfo } from 'node:net';

export interface ReceivedHook {
  headers: http.IncomingHttpHeaders;
  body: string;
  json: Record<string, any>;
}

/** An HTTP endpoint standing in for a delegation's webhook receiver. */
export class WebhookSink {
  readonly received: ReceivedHook[] = [];
  /** Answer this many requests with 503 before accepting. */
  failNext = 0;
  private server: http.Server | null = null;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('error', () => undefined); // a sender killed mid-request (crash tests)
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (this.failNext > 0) {
          this.failNext--;
          res.writeHead(503).end('try later');
          return;
        }
        this.received.push({ headers: req.headers, body, json: JSON.parse(body) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
