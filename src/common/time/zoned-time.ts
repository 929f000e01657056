import { DateTime, IANAZone } from 'luxon';

export function isTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** `2012-06-21T10:00:00.000+02:00`: the instant as a wall-clock time in `zone`. */
export function toZonedIso(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant).setZone(zone).toISO() ?? instant.toISOString();
}
