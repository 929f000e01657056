import { describe, expect, it } from '@jest/globals';
import { describeTime, isTimeZone, timeDescriber, toZonedIso } from './zoned-time.js';

describe('zoned time', () => {
  const instant = new Date('2012-06-21T07:30:00Z');

  it('shows one instant as wall-clock times in different zones', () => {
    expect(toZonedIso(instant, 'Europe/Copenhagen')).toBe('2012-06-21T09:30:00.000+02:00');
    expect(toZonedIso(instant, 'America/New_York')).toBe('2012-06-21T03:30:00.000-04:00');
    expect(toZonedIso(new Date('2012-01-10T07:30:00Z'), 'America/New_York')).toBe('2012-01-10T02:30:00.000-05:00');
  });

  it('states the reader’s time and the venue’s', () => {
    expect(describeTime(instant, 'Europe/Copenhagen', 'America/New_York')).toBe(
      'Thu 21 Jun 2012, 03:30 GMT-4 your time (America/New_York); Thu 21 Jun 2012, 09:30 CEST (Europe/Copenhagen) at the venue',
    );
    expect(describeTime(instant, 'Europe/Copenhagen', 'Europe/Copenhagen')).toBe('Thu 21 Jun 2012, 09:30 CEST (Europe/Copenhagen)');
  });

  it('describes with a memory the same way, each distinct time once', () => {
    const describe = timeDescriber();
    for (const [venue, reader] of [
      ['Europe/Copenhagen', 'America/New_York'],
      ['Europe/Copenhagen', 'Europe/Copenhagen'],
      ['Europe/Copenhagen', 'America/New_York'],
    ]) {
      expect(describe(instant, venue, reader)).toBe(describeTime(instant, venue, reader));
    }
    expect(describe(new Date('2012-01-10T07:30:00Z'), 'Europe/Copenhagen', 'America/New_York')).toBe(
      'Tue 10 Jan 2012, 02:30 GMT-5 your time (America/New_York); Tue 10 Jan 2012, 08:30 CET (Europe/Copenhagen) at the venue',
    );
  });

  it('knows IANA zones', () => {
    expect(isTimeZone('Europe/Brussels')).toBe(true);
    expect(isTimeZone('Europe/Atlantis')).toBe(false);
  });
});
