import { describe, expect, it } from '@jest/globals';
import { isTimeZone, toZonedIso } from './zoned-time.js';

describe('zoned time', () => {
  const instant = new Date('2012-06-21T07:30:00Z');

  it('shows one instant as wall-clock times in different zones', () => {
    expect(toZonedIso(instant, 'Europe/Copenhagen')).toBe('2012-06-21T09:30:00.000+02:00');
    expect(toZonedIso(instant, 'America/New_York')).toBe('2012-06-21T03:30:00.000-04:00');
    expect(toZonedIso(new Date('2012-01-10T07:30:00Z'), 'America/New_York')).toBe('2012-01-10T02:30:00.000-05:00');
  });

  it('knows IANA zones', () => {
    expect(isTimeZone('Europe/Brussels')).toBe(true);
    expect(isTimeZone('Europe/Atlantis')).toBe(false);
  });
});
