import { type IncomingMessage, type ServerResponse } from 'node:http';
import { describe, expect, it, jest } from '@jest/globals';
import { dropOnEndedSocket } from './drop-on-ended-socket.js';

describe('dropOnEndedSocket', () => {
  const run = (writableEnded: boolean) => {
    const socket = { writableEnded, destroy: jest.fn() };
    const next = jest.fn();
    dropOnEndedSocket({ socket } as unknown as IncomingMessage, {} as ServerResponse, next);
    return { destroyed: socket.destroy.mock.calls.length, nexts: next.mock.calls.length };
  };

  it('passes a request on an open connection to the handlers', () => {
    expect(run(false)).toEqual({ destroyed: 0, nexts: 1 });
  });

  it('drops, unhandled, a request on a connection the shutdown has ended', () => {
    expect(run(true)).toEqual({ destroyed: 1, nexts: 0 });
  });
});
