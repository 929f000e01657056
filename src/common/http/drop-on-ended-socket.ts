import { type IncomingMessage, type ServerResponse } from 'node:http';

/**
 * Drops a request that arrives on a connection the shutdown has already ended. Apollo's drain (on
 * SIGTERM) ends every keep-alive connection with no request in progress; a request the client sent
 * on one just before is still read after that, but its answer can no longer be written. Run, it
 * would commit and leave the client with a closed connection and no answer; dropped here, before
 * any handler, it is refused at the door like one that came too late, and the client may safely
 * send it again elsewhere (test/graceful-shutdown.e2e-spec.ts).
 */
export function dropOnEndedSocket(req: IncomingMessage, _res: ServerResponse, next: () => void): void {
  if (req.socket.writableEnded) {
    req.socket.destroy();
    return;
  }
  next();
}
