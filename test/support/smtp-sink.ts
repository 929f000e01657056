import { type AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server in the test process. A message counts as received only once the server has
 * accepted it (250 after DATA) on a connection that is still open; `acceptDelayMs` holds that
 * answer back, so a test can kill a sender mid-delivery.
 */
export class SmtpSink {
  readonly messages: ParsedMail[] = [];
  acceptDelayMs = 0;
  /** SMTP connections opened so far: shows whether a sender reuses them. */
  connections = 0;
  /** Called when a message's data has arrived, before it is accepted. */
  onData: (() => void) | null = null;
  /**
   * Called with the SMTP session's id when a message's data has arrived, after `onData`: the answer
   * waits for the promise it returns (then `acceptDelayMs`), so a test can act on the sender right
   * before or right after the server accepts. The message's envelope recipients come second.
   */
  beforeAccept: ((sessionId: string, recipients: string[]) => Promise<void> | void) | null = null;
  private readonly closed = new Set<string>();
  private server: SMTPServer | null = null;
  port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<string> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onConnect: (_session, callback) => {
        this.connections++;
        callback();
      },
      onClose: (session) => this.closed.add(session.id),
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          this.onData?.();
          const accept = () => {
            if (this.closed.has(session.id)) return; // the sender went away: never accepted
            simpleParser(Buffer.concat(chunks))
              .then((mail) => {
                this.messages.push(mail);
                callback();
              })
              .catch((error: Error) => callback(error));
          };
          Promise.resolve(
            this.beforeAccept?.(
              session.id,
              session.envelope.rcptTo.map((r) => r.address),
            ),
          ).then(
            () => setTimeout(accept, this.acceptDelayMs),
            (error: Error) => callback(error),
          );
        });
      },
    });
    // A sender killed mid-conversation resets the connection (ECONNRESET): that is the point of some
    // tests, not a failure of the sink.
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this.url;
  }

  /** Whether the sender of this SMTP session has gone away (its connection closed). */
  isClosed(sessionId: string): boolean {
    return this.closed.has(sessionId);
  }

  to(address: string): ParsedMail[] {
    return this.messages.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((t) => t?.value.some((v) => v.address === address)));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
