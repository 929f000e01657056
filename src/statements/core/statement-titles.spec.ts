import { describe, expect, it } from '@jest/globals';
import { titleIn } from './statement-titles.js';

describe('a statement’s title for a reader', () => {
  const original = { language: 'en', title: 'Global Alliance against Child Sexual Abuse Online' };
  const translations = [
    { language: 'fr', title: 'Alliance mondiale contre les abus sexuels commis contre des enfants en ligne' },
    { language: 'de-AT', title: 'Globale Allianz (AT)' },
    { language: 'de', title: 'Globale Allianz gegen sexuellen Missbrauch von Kindern im Internet' },
  ];

  it('is the version in the reader’s exact language, then in their language, else the original', () => {
    expect(titleIn(original, translations, 'fr')).toBe(translations[0].title);
    expect(titleIn(original, translations, 'fr-BE')).toBe(translations[0].title);
    expect(titleIn(original, translations, 'de-AT')).toBe('Globale Allianz (AT)');
    expect(titleIn(original, translations, 'de-CH')).toBe(translations[2].title);
    expect(titleIn(original, translations, 'nl')).toBe(original.title);
    expect(titleIn(original, translations, 'en-IE')).toBe(original.title);
    expect(titleIn(original, [], null)).toBe(original.title);
  });

  it('gives a reader of the original’s language the original title', () => {
    expect(titleIn({ language: 'fr', title: 'Déclaration' }, [{ language: 'en', title: 'Statement' }], 'fr')).toBe('Déclaration');
    expect(titleIn({ language: 'fr', title: 'Déclaration' }, [{ language: 'en', title: 'Statement' }], 'en-GB')).toBe('Statement');
  });
});
