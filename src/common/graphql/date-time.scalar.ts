import { GraphQLScalarType, Kind } from 'graphql';

/**
 * Years an instant may fall in. 9999: RFC 3339 and iCalendar (the meetings' .ics feeds) write
 * four-digit years, so a five-digit one (`+099999`) could not be written back out. 1900: nothing
 * this service records is older, and earlier instants fall in the era of local mean time, when
 * the zones of the tz database have offsets in odd seconds (Brussels +00:17:30). Year 0000 (1 BC
 * in PostgreSQL) is out.
 */
export const DATE_TIME_YEARS = { min: 1900, max: 9999 } as const;

/** RFC 3339 `date-time` (section 5.6): full date, `T`, full time with an offset (`Z` or ±hh:mm). */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

const daysIn = (year: number, month: number) =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

const EXPECTED = `an RFC 3339 date-time with an offset, such as 2031-02-28T10:00:00Z or 2031-02-28T11:00:00+01:00, in the years ${DATE_TIME_YEARS.min} to ${DATE_TIME_YEARS.max}`;

/**
 * The instant `text` names, or the reason it names none. Strict where `new Date()` is lenient: no
 * 30 February (Date rolls it over to 2 March), no hour 24 or leap second, no missing offset (Date
 * would read the server's zone), no date-only or other ISO 8601 shapes, years in DATE_TIME_YEARS.
 */
export function parseInstant(text: string): Date | string {
  const m = RFC3339.exec(text);
  if (!m) return `must be ${EXPECTED}`;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (year < DATE_TIME_YEARS.min || year > DATE_TIME_YEARS.max) return `must fall in the years ${DATE_TIME_YEARS.min} to ${DATE_TIME_YEARS.max}`;
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return `names a day that does not exist (${m[1]}-${m[2]}-${m[3]})`;
  if (hour > 23 || minute > 59 || second > 59) return `names a time that does not exist (${m[4]}:${m[5]}:${m[6]})`;
  const [offsetHours, offsetMinutes] = m[8] ? [0, 0] : [Number(m[10]), Number(m[11])];
  if (offsetHours > 23 || offsetMinutes > 59) return `has an offset that does not exist (${m[9]}${m[10]}:${m[11]})`;
  const millis = Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3));
  const offset = (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  // Date.UTC maps years 0–99 to 1900–1999; the range check above keeps them out.
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset);
}

// Plain errors, not GraphQLError: graphql-js then prefixes them with the variable and path (or
// "Expected value of type" for a literal), which format-error.ts turns into BAD_USER_INPUT on the field.
function parse(value: unknown): Date {
  if (typeof value !== 'string') throw new TypeError(`DateTime must be a string: ${EXPECTED}`);
  const instant = parseInstant(value);
  if (typeof instant === 'string') throw new TypeError(`DateTime ${instant}`);
  return instant;
}

/**
 * The `DateTime` of every argument and field (mapped to `Date` in graphql.module.ts), in place of
 * Nest's built-in one, which is `new Date(value)`. A refused value is a variable-coercion or
 * literal error: BAD_USER_INPUT naming the field (format-error.ts).
 */
export const StrictDateTime = new GraphQLScalarType<Date | null, string | null>({
  name: 'DateTime',
  description: `An instant, written as an RFC 3339 date-time with an offset (2019-12-03T09:54:33Z); answers are at UTC. Calendar-valid, years ${DATE_TIME_YEARS.min} to ${DATE_TIME_YEARS.max}.`,
  serialize: (value) => (value instanceof Date ? value.toISOString() : null),
  parseValue: parse,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new TypeError(`DateTime must be a string: ${EXPECTED}`);
    return parse(ast.value);
  },
});
