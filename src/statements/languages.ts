import { iso6392 } from 'iso-639-2';
import { AppError } from '../common/errors/app-error.js';

/** ISO 639-1 (two letters) → ISO 639-2 three-letter code, terminologic where it differs (fr → fra, de → deu). */
const ALPHA3_BY_ALPHA2 = new Map(iso6392.filter((l) => l.iso6391).map((l) => [l.iso6391!, l.iso6392T ?? l.iso6392B]));
/** Bibliographic → terminologic (fre → fra), so either form of a three-letter tag gives one code. */
const TERMINOLOGIC = new Map(iso6392.map((l) => [l.iso6392B, l.iso6392T ?? l.iso6392B]));

export const MAX_LANGUAGE_TAG = 16;

/**
 * A BCP 47 tag in its canonical form (`FR-be` → `fr-BE`), as the platform's Intl checks it, whose
 * language is one of ISO 639-2 (so that every text can name its language in an Akoma Ntoso export).
 * Anything else is BAD_USER_INPUT on `field`.
 */
export function canonicalLanguage(tag: string, field = 'language'): string {
  let canonical: string;
  try {
    [canonical] = Intl.getCanonicalLocales(tag.trim());
  } catch {
    throw AppError.badInput(field, `${field} must be a BCP 47 language tag such as fr or pt-BR`);
  }
  if (!canonical || canonical.length > MAX_LANGUAGE_TAG) throw AppError.badInput(field, `${field} must be a language tag of at most ${MAX_LANGUAGE_TAG} characters`);
  if (!alpha3Of(canonical)) throw AppError.badInput(field, `${field} must name an ISO 639 language (${canonical.split('-')[0]} is none)`);
  return canonical;
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
  if (primary.length === 3) return TERMINOLOGIC.get(primary) ?? ([...TERMINOLOGIC.values()].includes(primary) ? primary : null);
  return null;
}
