import { IntlMessageFormat, type PrimitiveType } from 'intl-messageformat';
import de from './de.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };

/**
 * Notification texts in the reader's language, from one ICU MessageFormat catalogue per language
 * (en.json, fr.json, de.json beside this file, nested like the web client's web/src/i18n). The
 * languages are the Council's working languages; any other locale falls back to English. Times are
 * formatted by Intl in the reader's zone, the words around them by the catalogue.
 */
export const NOTIFICATION_LANGUAGES = ['en', 'fr', 'de'] as const;
export type NotificationLanguage = (typeof NOTIFICATION_LANGUAGES)[number];

type Catalogue = { [key: string]: string | Catalogue };
export const CATALOGUES: Record<NotificationLanguage, Catalogue> = { en, fr, de };

/** Every key of the English catalogue, `a.b.c`: a typo or a removed message fails the type check. */
type Paths<T> = { [K in keyof T & string]: T[K] extends string ? K : `${K}.${Paths<T[K]>}` }[keyof T & string];
export type MessageKey = Paths<typeof en>;

/** The catalogue a locale reads: its language when there is one (`fr-BE` → fr), else English. */
export function notificationLanguage(locale: string | null | undefined): NotificationLanguage {
  const base = (locale ?? '').split('-')[0].toLowerCase();
  return (NOTIFICATION_LANGUAGES as readonly string[]).includes(base) ? (base as NotificationLanguage) : 'en';
}

/**
 * The locale Intl formats with: the reader's own (de-CH, fr-BE) when the catalogue is in its
 * language, else the catalogue's; plain English is British English, the Council's house style.
 */
function formattingLocale(locale: string | null | undefined, language: NotificationLanguage): string {
  if (locale && notificationLanguage(locale) === language && locale.toLowerCase() !== 'en') {
    try {
      return Intl.getCanonicalLocales(locale)[0];
    } catch {
      // validated when stored; an odd legacy value formats as its language
    }
  }
  return language === 'en' ? 'en-GB' : language;
}

/** The raw text of a key in one catalogue, or undefined. */
export function messageOf(language: NotificationLanguage, key: string): string | undefined {
  let node: string | Catalogue | undefined = CATALOGUES[language];
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/** `ms`'s long form, unit by unit: a whole number of the largest unit that fits, rounded. */
export function durationParts(ms: number): { unit: 'day' | 'hour' | 'minute' | 'second'; count: number } {
  const abs = Math.abs(ms);
  for (const [unit, size] of [
    ['day', 86_400_000],
    ['hour', 3_600_000],
    ['minute', 60_000],
  ] as const) {
    if (abs >= size) return { unit, count: Math.round(abs / size) };
  }
  return { unit: 'second', count: Math.round(abs / 1000) };
}

/** One catalogue text as ICU MessageFormat; `<` is plain text (no rich-text tags in notifications). Throws on a syntax error. */
export function compileMessage(text: string, language: NotificationLanguage): IntlMessageFormat {
  return new IntlMessageFormat(text, language === 'en' ? 'en-GB' : language, undefined, { ignoreTag: true });
}

const compiled = new Map<string, IntlMessageFormat>();

/**
 * The texts of one reader's language and formatting locale. Compiled messages are shared by every
 * reader of a language; date formats are kept per zone, since one event repeats the same few zones.
 */
export class NotificationTexts {
  readonly language: NotificationLanguage;
  /** What Intl formats with (e.g. de-CH). */
  readonly locale: string;
  private readonly dateTimes = new Map<string, Intl.DateTimeFormat>();
  private readonly dates = new Map<string, Intl.DateTimeFormat>();
  private readonly lists: Intl.ListFormat;
  /**
   * Times already described: one event tells the same few times in the same few zones to many
   * readers, and formatting is the costly part. Bounded (emptied when full), as instances live long.
   */
  private readonly described = new Map<string, string>();

  constructor(locale: string | null | undefined) {
    this.language = notificationLanguage(locale);
    this.locale = formattingLocale(locale, this.language);
    this.lists = new Intl.ListFormat(this.locale, { type: 'conjunction', style: 'long' });
  }

  /** The message `key` with its arguments, in this language (English when this one lacks it). */
  t(key: MessageKey, values: Record<string, PrimitiveType> = {}): string {
    const cacheKey = `${this.language}|${key}`;
    let format = compiled.get(cacheKey);
    if (!format) {
      const language = messageOf(this.language, key) === undefined ? 'en' : this.language;
      const text = messageOf(language, key);
      if (text === undefined) throw new Error(`No notification text ${key}`);
      format = compileMessage(text, language);
      compiled.set(cacheKey, format);
    }
    return String(format.format(values));
  }

  /** "Thu 21 Jun 2012, 09:30 CEST", "jeu. 21 juin 2012, 09:30 UTC+2": Intl's parts in the catalogue's order. */
  dateTime(instant: Date, zone: string): string {
    let format = this.dateTimes.get(zone);
    if (!format) {
      format = new Intl.DateTimeFormat(this.locale, {
        timeZone: zone,
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZoneName: 'short',
      });
      this.dateTimes.set(zone, format);
    }
    const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
    return this.t('common.dateTime', {
      weekday: parts.weekday,
      day: parts.day,
      month: parts.month,
      year: parts.year,
      hour: parts.hour,
      minute: parts.minute,
      zone: parts.timeZoneName,
    });
  }

  /** "21 June 2012", "21 juin 2012", "21. Juni 2012": the calendar day in `zone`. */
  date(instant: Date, zone: string): string {
    let format = this.dates.get(zone);
    if (!format) this.dates.set(zone, (format = new Intl.DateTimeFormat(this.locale, { timeZone: zone, dateStyle: 'long' })));
    return format.format(instant);
  }

  /** A time with its zone: "… (Europe/Copenhagen)". */
  zoned(instant: Date, zone: string): string {
    return this.t('common.timeIn', { time: this.dateTime(instant, zone), zone });
  }

  /**
   * The time where it happens, and the reader's own time when their zone differs. `place` says
   * whose zone the first is: a meeting's venue, or the secretariat's for statement deadlines.
   */
  at(instant: Date, placeZone: string, readerZone: string, place: 'venue' | 'secretariat' = 'venue'): string {
    const key = `${instant.getTime()}|${placeZone}|${readerZone}|${place}`;
    let text = this.described.get(key);
    if (text === undefined) {
      text =
        placeZone === readerZone
          ? this.zoned(instant, placeZone)
          : this.t(place === 'venue' ? 'common.timeAtVenue' : 'common.timeAtSecretariat', {
              readerTime: this.dateTime(instant, readerZone),
              readerZone,
              venueTime: this.dateTime(instant, placeZone),
              venueZone: placeZone,
            });
      if (this.described.size >= 5000) this.described.clear();
      this.described.set(key, text);
    }
    return text;
  }

  /** "in 1 day", "dans 2 jours", "in 2 Tagen". */
  inDuration(ms: number): string {
    return this.t('common.inDuration', durationParts(ms));
  }

  /** "DK, FR and US", "DK, FR et US", "DK, FR und US". */
  list(items: readonly string[]): string {
    return this.lists.format(items);
  }
}

const byLocale = new Map<string, NotificationTexts>();

/** The texts for a reader's locale (null or unknown: English). Shared per locale. */
export function textsFor(locale: string | null | undefined): NotificationTexts {
  const key = locale ?? '';
  let texts = byLocale.get(key);
  if (!texts) byLocale.set(key, (texts = new NotificationTexts(locale)));
  return texts;
}

/** What webhooks receive: machines read them, so they stay in English (the original statement titles too). */
export const WEBHOOK_TEXTS = textsFor('en');
