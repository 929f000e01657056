import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import de from './de.json';
import en from './en.json';
import fr from './fr.json';

/** The interface languages; option labels are each language's own name and are not translated. */
export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'fr', name: 'Français' },
  { code: 'de', name: 'Deutsch' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

const CHOSEN_KEY = 'concordia.language';

export function isLanguage(value: string | null | undefined): value is Language {
  return LANGUAGES.some((l) => l.code === value);
}

/** The first supported language of a tag list (`fr-BE` → `fr`). */
export function supported(tags: readonly (string | null | undefined)[]): Language | null {
  for (const tag of tags) {
    const base = tag?.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return null;
}

/** A language the user picked in this browser (kept: it is a preference, not a secret). */
export function chosenLanguage(): Language | null {
  try {
    return supported([localStorage.getItem(CHOSEN_KEY)]);
  } catch {
    return null;
  }
}

export function chooseLanguage(language: Language): void {
  try {
    localStorage.setItem(CHOSEN_KEY, language);
  } catch {
    // not kept; the choice still applies to this page
  }
  void i18n.changeLanguage(language);
}

/** Applies the user's language once `me` is known, unless they picked one here. */
export function applyAccountLanguage(locale: string | null | undefined): void {
  const language = chosenLanguage() ?? supported([locale]);
  if (language && language !== i18n.language) void i18n.changeLanguage(language);
}

export function initI18n(): void {
  void i18n.use(initReactI18next).init({
    resources: { en: { translation: en }, fr: { translation: fr }, de: { translation: de } },
    lng: chosenLanguage() ?? supported(navigator.languages) ?? 'en',
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  document.documentElement.lang = i18n.language;
  i18n.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
}
