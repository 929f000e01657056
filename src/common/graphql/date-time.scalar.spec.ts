import { describe, expect, it } from '@jest/globals';
import { parseInstant } from './date-time.scalar.js';

const iso = (text: string) => {
  const result = parseInstant(text);
  return result instanceof Date ? result.toISOString() : result;
};

describe('parseInstant (the DateTime scalar)', () => {
  it('reads RFC 3339 instants with any offset, fractions and leap days', () => {
    expect(iso('2031-02-28T10:00:00Z')).toBe('2031-02-28T10:00:00.000Z');
    expect(iso('2032-02-29T23:30:00.250+02:00')).toBe('2032-02-29T21:30:00.250Z');
    expect(iso('2000-02-29t00:00:00.123456789-05:30')).toBe('2000-02-29T05:30:00.123Z');
    expect(iso('1900-01-01T00:00:00Z')).toBe('1900-01-01T00:00:00.000Z');
    expect(iso('9999-12-31T23:59:59.999Z')).toBe('9999-12-31T23:59:59.999Z');
  });

  it.each([
    ['2031-02-30T10:00:00Z', /day that does not exist/],
    ['1900-02-29T10:00:00Z', /day that does not exist/],
    ['2031-13-01T10:00:00Z', /day that does not exist/],
    ['2031-06-01T24:00:00Z', /time that does not exist/],
    ['2031-06-30T23:59:60Z', /time that does not exist/],
    ['2031-06-01T10:00:00+24:00', /offset that does not exist/],
    ['0000-01-01T00:00:00Z', /years 1900 to 9999/],
    ['1899-12-31T23:59:59Z', /years 1900 to 9999/],
    ['+099999-01-01T00:00:00Z', /RFC 3339/],
    ['2031-06-01', /RFC 3339/],
    ['2031-06-01T10:00:00', /RFC 3339/],
    ['2031-06-01 10:00:00Z', /RFC 3339/],
  ])('refuses %s', (text, reason) => {
    expect(parseInstant(text)).toEqual(expect.stringMatching(reason));
  });
});
