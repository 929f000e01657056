import { type ExecutionResult } from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface WsOutcome {
  data: ExecutionResult[];
  errors: unknown[] | null;
  closed: { code: number; reason: string } | null;
}

/** A real graphql-ws client on a real socket, recording what comes back and how the socket closes. */
export class WsTestClient {
  readonly client: Client;
  readonly closes: { code: number; reason: string }[] = [];
  connected = false;

  constructor(baseUrl: string, token: string | null) {
    this.client = createClient({
      url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      lazy: false,
      retryAttempts: 0,
      shouldRetry: () => false,
      on: {
        connected: () => (this.connected = true),
        closed: (event) => this.closes.push({ code: (event as { code: number }).code, reason: String((event as { reason?: string }).reason ?? '') }),
      },
      onNonLazyError: () => undefined,
    });
  }

  /** Starts an operation; the outcome fills in as messages arrive. */
  start(query: string, variables?: Record<string, unknown>): { outcome: WsOutcome; done: Promise<WsOutcome>; stop: () => void } {
    const outcome: WsOutcome = { data: [], errors: null, closed: null };
    let finish!: () => void;
    const done = new Promise<WsOutcome>((resolve) => (finish = () => resolve(outcome)));
    const stop = this.client.subscribe(
      { query, variables },
      {
        next: (value) => outcome.data.push(value as ExecutionResult),
        error: (error) => {
          if (Array.isArray(error)) outcome.errors = error;
          else outcome.closed = { code: (error as { code: number }).code, reason: String((error as { reason?: string }).reason ?? '') };
          finish();
        },
        complete: () => finish(),
      },
    );
    return { outcome, done, stop };
  }

  dispose(): Promise<void> {
    return Promise.resolve(this.client.dispose());
  }
}
