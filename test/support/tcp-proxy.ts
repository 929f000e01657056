import net from 'node:net';

/**
 * A TCP proxy in front of a real service (Redis in the tests). `stop()` refuses new connections
 * and cuts open ones, as when the service goes down; `start()` brings it back on the same port.
 * `block(text)` cuts only the connections whose client has sent `text` (e.g. a Redis connection
 * name, sent by CLIENT SETNAME as the connection opens), now and on every reconnection, until `unblock()`.
 * `stall(text)` keeps such connections open but delivers nothing more to their clients, as a
 * network partition does; `unblock()` cuts them.
 */
export class TcpProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  /** What each client socket has sent so far (its first KB), for `block`. */
  private readonly sent = new Map<net.Socket, string>();
  private readonly upstreams = new Map<net.Socket, net.Socket>();
  private readonly stalled = new Set<net.Socket>();
  private blocked: string | null = null;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<number> {
    if (this.server) return this.port;
    const server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      this.sent.set(client, '');
      this.upstreams.set(client, upstream);
      client.on('data', (chunk: Buffer) => {
        const sent = this.sent.get(client);
        if (sent !== undefined && sent.length < 1024) this.sent.set(client, sent + chunk.toString('latin1'));
        if (this.isBlocked(client)) client.destroy();
      });
      client.pipe(upstream).pipe(client);
      client.on('close', () => {
        this.sent.delete(client);
        this.upstreams.delete(client);
        this.stalled.delete(client);
        upstream.destroy();
      });
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
    return this.port;
  }

  /** Cuts the connections that sent `text`, and those that will, until unblock(). */
  block(text: string): void {
    this.blocked = text;
    for (const client of this.sent.keys()) if (this.isBlocked(client)) client.destroy();
  }

  /** Delivers nothing more to the clients of the connections that sent `text`, without closing them. */
  stall(text: string): void {
    for (const [client, upstream] of this.upstreams) {
      if (!(this.sent.get(client) ?? '').includes(text)) continue;
      upstream.unpipe(client);
      upstream.pause();
      this.stalled.add(client);
    }
  }

  unblock(): void {
    this.blocked = null;
    for (const client of this.stalled) client.destroy();
  }

  private isBlocked(client: net.Socket): boolean {
    return this.blocked !== null && (this.sent.get(client) ?? '').includes(this.blocked);
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
