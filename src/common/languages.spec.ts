import { describe, expect, it } from '@jest/globals';
import { checkLanguage } from './languages.js';

describe('checkLanguage (statements, translations, locales)', () => {
  it('gives the canonical form of a language with an optional script and region', () => {
    expect(['en', 'EN-gb', 'pt-br', 'sr-latn-RS', 'es-419', 'fre', 'zh-Hant', 'sq-XK'].map((t) => checkLanguage(t))).toEqual(
      ['en', 'en-GB', 'pt-BR', 'sr-Latn-RS', 'es-419', 'fr', 'zh-Hant', 'sq-XK'].map((canonical) => ({ canonical })),
    );
  });

  it.each([
    ['xx', /ISO 639/],
    ['qaa', /ISO 639/],
    ['aaa', /ISO 639/],
    ['und', /ISO 639/],
    ['zxx', /ISO 639/],
    ['zz-ZZ', /ISO 639/],
    ['en-XX', /region/],
    ['en-ZZ', /region/],
    ['fr-Qaaa', /script/],
    ['en-xx-yy', /BCP 47/],
    ['en_US', /BCP 47/],
    ['de-CH-1996', /no variants/],
    ['en-u-ca-gregory', /no variants/],
  ])('refuses %s', (tag, reason) => {
    expect(checkLanguage(tag)).toEqual({ problem: expect.stringMatching(reason) });
  });
});
