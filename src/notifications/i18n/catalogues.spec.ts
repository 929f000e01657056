import { describe, expect, it } from '@jest/globals';
import { type IntlMessageFormat } from 'intl-messageformat';
import { CATALOGUES, compileMessage, NOTIFICATION_LANGUAGES, type NotificationLanguage } from './notification-texts.js';

type Catalogue = { [key: string]: string | Catalogue };
type MessageFormatElement = ReturnType<IntlMessageFormat['getAst']>[number];

/** Every leaf of a catalogue as `a.b.c` → text (as web/src/i18n/catalogues.test.ts). */
function leaves(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

/** The argument names a compiled message uses, plural/select arms included, sorted and unique. */
function argumentsOf(elements: MessageFormatElement[]): string[] {
  const names = new Set<string>();
  const walk = (els: MessageFormatElement[]) => {
    for (const el of els) {
      // Type 0 is literal text; every other element with a string value names an argument.
      const literal = (el.type as number) === 0;
      if (!literal && 'value' in el && typeof el.value === 'string') names.add(el.value);
      if ('options' in el) for (const option of Object.values(el.options)) walk(option.value);
      if ('children' in el) walk(el.children);
    }
  };
  walk(elements);
  return [...names].sort();
}

describe('notification catalogues (src/notifications/i18n)', () => {
  const english = leaves(CATALOGUES.en);
  const others = NOTIFICATION_LANGUAGES.filter((l) => l !== 'en');

  it.each(others)('%s has exactly the keys of en', (language) => {
    const other = leaves(CATALOGUES[language]);
    expect([...other.keys()].filter((k) => !english.has(k))).toEqual([]);
    expect([...english.keys()].filter((k) => !other.has(k))).toEqual([]);
  });

  it.each([...NOTIFICATION_LANGUAGES])('every %s message compiles as ICU MessageFormat', (language: NotificationLanguage) => {
    const broken: string[] = [];
    for (const [key, text] of leaves(CATALOGUES[language])) {
      try {
        compileMessage(text, language);
      } catch (error) {
        broken.push(`${key}: ${(error as Error).message}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it.each(others)('%s uses the same arguments as en in every message', (language) => {
    const other = leaves(CATALOGUES[language]);
    const differing = [...english]
      .filter(([key]) => other.has(key))
      .filter(
        ([key, text]) => argumentsOf(compileMessage(text, 'en').getAst()).join() !== argumentsOf(compileMessage(other.get(key)!, language).getAst()).join(),
      );
    expect(differing.map(([key]) => key)).toEqual([]);
  });

  it.each([...NOTIFICATION_LANGUAGES])('every %s message formats with the arguments the English one takes', (language: NotificationLanguage) => {
    const failing: string[] = [];
    for (const [key, text] of leaves(CATALOGUES[language])) {
      // 1 fits every argument: a number for plurals, the `other` arm of a select, text for the rest.
      const values = Object.fromEntries(argumentsOf(compileMessage(english.get(key)!, 'en').getAst()).map((name) => [name, 1]));
      try {
        expect(compileMessage(text, language).format(values)).toEqual(expect.any(String));
      } catch (error) {
        failing.push(`${key}: ${(error as Error).message}`);
      }
    }
    expect(failing).toEqual([]);
  });

  it.each([...NOTIFICATION_LANGUAGES])('%s has no empty text', (language) => {
    expect([...leaves(CATALOGUES[language])].filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
  });
});
