import { DateTime, IANAZone } from 'luxon';

export function isTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** `2012-06-21T10:00:00.000+02:00`: the instant as a wall-clock time in `zone`. */
export function toZonedIso(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant).setZone(zone).toISO() ?? instant.toISOString();
}

/** `Thu 21 Jun 2012, 10:00 CEST` for people reading an e-mail or a notification. */
export function formatForPeople(instant: Date, zone: string, locale = 'en-GB'): string {
  return DateTime.fromJSDate(instant).setZone(zone).setLocale(locale).toFormat('ccc d LLL yyyy, HH:mm ZZZZ');
}

/** "Thu 21 Jun 2012, 10:00 CEST (Europe/Copenhagen)", plus the reader's own time when it differs. */
export function describeTime(instant: Date, venueZone: string, readerZone: string): string {
  return timeDescriber()(instant, venueZone, readerZone);
}

/**
 * `describeTime` that formats each distinct (instant, zone) once: composing one text per reader
 * repeats the same few times and zones many times, and formatting is the costly part.
 */
export function timeDescriber(): (instant: Date, venueZone: string, readerZone: string) => string {
  const formatted = new Map<string, string>();
  const described = new Map<string, string>();
  const people = (instant: Date, zone: string) => {
    const key = `${instant.getTime()}|${zone}`;
    let s = formatted.get(key);
    if (s === undefined) formatted.set(key, (s = formatForPeople(instant, zone)));
    return s;
  };
  return (instant, venueZone, readerZone) => {
    const key = `${instant.getTime()}|${venueZone}|${readerZone}`;
    let s = described.get(key);
    if (s === undefined) {
      const venue = `${people(instant, venueZone)} (${venueZone})`;
      s = readerZone === venueZone ? venue : `${people(instant, readerZone)} your time (${readerZone}); ${venue} at the venue`;
      described.set(key, s);
    }
    return s;
  };
}
