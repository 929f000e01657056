import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';
import { iso6392 } from 'iso-639-2';
import { AppError } from './errors/app-error.js';

/** ISO 639-1 (two letters) → ISO 639-2 three-letter code, terminologic where it differs (fr → fra, de → deu). */
const ALPHA3_BY_ALPHA2 = new Map(iso6392.filter((l) => l.iso6391).map((l) => [l.iso6391!, l.iso6392T ?? l.iso6392B]));
/** Bibliographic → terminologic (fre → fra), so either form of a three-letter tag gives one code. */
const TERMINOLOGIC = new Map(iso6392.map((l) => [l.iso6392B, l.iso6392T ?? l.iso6392B]));
const TERMINOLOGIC_CODES = new Set(TERMINOLOGIC.values());
/** ISO 639-2 codes that name no language a text is written in: uncoded, multiple, undetermined, none. */
const NOT_A_LANGUAGE = new Set(['mis', 'mul', 'und', 'zxx']);

export const MAX_LANGUAGE_TAG = 16;

/** CLDR's names (the platform's ICU) as the registry of scripts and regions: an unknown code has none. */
const REGIONS = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const SCRIPTS = new Intl.DisplayNames(['en'], { type: 'script', fallback: 'none' });
/** Codes CLDR names although they name no region or writing system: unknown, common, inherited, unwritten. */
const UNKNOWN_REGION = /^ZZ$/;
const UNKNOWN_SCRIPT = /^(Zzzz|Zyyy|Zinh|Zxxx)$/;

const EXAMPLE = 'such as fr, pt-BR or sr-Latn';

/**
 * The canonical form of a language tag (`FR-be` → `fr-BE`), or why it is refused. The one rule for
 * statements, translations and users' locales: a BCP 47 tag (the platform's Intl checks the syntax)
 * of a language, an optional script and an optional region — no variants, extensions or private
 * use — whose language is in ISO 639-2, so that every text can name its language in an Akoma Ntoso
 * export (qaa–qtz, kept for local use, and 639-3-only codes such as aaa are not), and whose script
 * and region exist (en-XX does not).
 */
export function checkLanguage(tag: string): { canonical: string } | { problem: string } {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(Intl.getCanonicalLocales(tag.trim())[0]);
  } catch {
    return { problem: `must be a BCP 47 language tag ${EXAMPLE}` };
  }
  const canonical = locale.toString();
  // Intl gives `und` (undetermined) no language at all.
  const language = locale.language ?? 'und';
  if (canonical.length > MAX_LANGUAGE_TAG) return { problem: `must be a language tag of at most ${MAX_LANGUAGE_TAG} characters` };
  if (canonical !== [language, locale.script, locale.region].filter(Boolean).join('-')) {
    return { problem: `must be a language with an optional script and region, ${EXAMPLE} (no variants or extensions)` };
  }
  const alpha3 = alpha3Of(language);
  if (!alpha3 || NOT_A_LANGUAGE.has(alpha3)) return { problem: `must name an ISO 639 language (${language} is none)` };
  if (locale.script && (UNKNOWN_SCRIPT.test(locale.script) || !SCRIPTS.of(locale.script)))
    return { problem: `must name a known script (${locale.script} is none)` };
  if (locale.region && (UNKNOWN_REGION.test(locale.region) || !REGIONS.of(locale.region)))
    return { problem: `must name a known region (${locale.region} is none)` };
  return { canonical };
}

/** The canonical form of a tag; BAD_USER_INPUT on `field` when checkLanguage refuses it. */
export function canonicalLanguage(tag: string, field = 'language'): string {
  const result = checkLanguage(tag);
  if ('problem' in result) throw AppError.badInput(field, `${field} ${result.problem}`);
  return result.canonical;
}

/**
 * For input classes: the field holds a language tag as checkLanguage says, stored in its canonical
 * form. A refusal is the pipe's BAD_USER_INPUT naming the field.
 */
export function IsLanguageTag(): PropertyDecorator {
  const problemOf = (value: unknown) => {
    if (typeof value !== 'string') return 'must be a language tag';
    const result = checkLanguage(value);
    return 'problem' in result ? result.problem : null;
  };
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => {
      const result = typeof value === 'string' ? checkLanguage(value) : null;
      return result && 'canonical' in result ? result.canonical : value;
    }),
    ValidateBy({
      name: 'isLanguageTag',
      validator: { validate: (value) => problemOf(value) === null, defaultMessage: (args) => `${args?.property} ${problemOf(args?.value)}` },
    }),
  );
}

/** Whether two tags name the same language version (canonical forms compared; `EN` is `en`). */
export function sameLanguage(a: string, b: string): boolean {
  const canon = (t: string) => {
    try {
      return Intl.getCanonicalLocales(t)[0];
    } catch {
      return t.toLowerCase();
    }
  };
  return canon(a) === canon(b);
}

/**
 * The three-letter ISO 639-2 code of a tag's language, as Akoma Ntoso's FRBRlanguage and its
 * naming convention expect: the terminologic code (eng, fra, deu, ell, nld), which is also the
 * ISO 639-3 code; null for a language ISO 639-2 does not list.
 */
export function alpha3Of(tag: string): string | null {
  const primary = tag.split('-')[0].toLowerCase();
  if (primary.length === 2) return ALPHA3_BY_ALPHA2.get(primary) ?? null;
  if (primary.length === 3) return TERMINOLOGIC.get(primary) ?? (TERMINOLOGIC_CODES.has(primary) ? primary : null);
  return null;
}
