import { Agent, request } from 'node:http';

/** One GraphQL answer: its data, or why it counts as an error (HTTP status, GraphQL `errors`, a socket error). */
export interface Answer {
  data?: any;
  error?: string;
}

/**
 * A lean GraphQL client over keep-alive node:http sockets: the load generator must cost far less CPU
 * than the server it loads (fetch costs several times more per request).
 */
export class GraphqlClient {
  private readonly agent: Agent;

  constructor(
    private readonly port: number,
    sockets: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  }

  send(query: string, variables: Record<string, unknown>, token?: string): Promise<Answer> {
    const body = JSON.stringify({ query, variables });
    const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    if (token) headers.authorization = `Bearer ${token}`;
    return new Promise((resolve) => {
      const req = request({ host: '127.0.0.1', port: this.port, path: '/graphql', method: 'POST', headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let out: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
          try {
            out = JSON.parse(text);
          } catch {
            return resolve({ error: `HTTP ${res.statusCode}: ${text.slice(0, 200)}` });
          }
          if (out.errors?.length) {
            const e = out.errors[0];
            return resolve({ error: `${e.extensions?.code ?? `HTTP ${res.statusCode}`}: ${e.message}`.slice(0, 300) });
          }
          if (res.statusCode !== 200) return resolve({ error: `HTTP ${res.statusCode}` });
          resolve({ data: out.data });
        });
        res.on('error', (e) => resolve({ error: e.message }));
      });
      req.on('error', (e) => resolve({ error: e.message }));
      req.end(body);
    });
  }

  /** As send, but a setup step: an error throws. */
  async must(query: string, variables: Record<string, unknown>, token?: string): Promise<any> {
    const a = await this.send(query, variables, token);
    if (a.error) throw new Error(`${query.slice(0, 60)}…: ${a.error}`);
    return a.data;
  }

  close(): void {
    this.agent.destroy();
  }
}
