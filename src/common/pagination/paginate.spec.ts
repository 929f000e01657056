import { describe, expect, it } from '@jest/globals';
import { AppError } from '../errors/app-error.js';
import { decodeCursor, encodeCursor } from './paginate.js';

describe('cursors', () => {
  it('round-trip the sort value at full precision and the id', () => {
    const cursor = encodeCursor('2026-11-29 12:00:00.123456+00', 'b3b4c9b0-0000-4000-8000-000000000001');
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(['2026-11-29 12:00:00.123456+00', 'b3b4c9b0-0000-4000-8000-000000000001']);
  });

  it.each(['garbage', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[1,2]').toString('base64url')])(
    'rejects %s as BAD_USER_INPUT on after',
    (bad) => {
      expect(() => decodeCursor(bad)).toThrow(AppError);
      try {
        decodeCursor(bad);
      } catch (e) {
        expect((e as AppError).field).toBe('after');
      }
    },
  );
});
