import { useTranslation } from 'react-i18next';
import { useMe } from '../app/me';

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    cache.set(key, f);
  }
  return f;
}

export const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
export const DATE: Intl.DateTimeFormatOptions = { dateStyle: 'medium' };

/** An instant from the API (ISO 8601) in a language and time zone; a calendar date (YYYY-MM-DD) stays that date. */
export function formatInstant(iso: string, locale: string, timeZone: string, options: Intl.DateTimeFormatOptions = DATE_TIME): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  return formatter(locale, dateOnly ? 'UTC' : timeZone, options).format(new Date(dateOnly ? `${iso}T00:00:00Z` : iso));
}

/** The one way pages format dates and times: the interface language and the user's time zone (me.timezone). */
export function useFormat() {
  const { i18n } = useTranslation();
  const me = useMe();
  const timeZone = me?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return {
    dateTime: (iso: string) => formatInstant(iso, i18n.language, timeZone, DATE_TIME),
    date: (iso: string) => formatInstant(iso, i18n.language, timeZone, DATE),
    timeZone,
  };
}
