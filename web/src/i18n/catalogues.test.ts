import { describe, expect, it } from '@jest/globals';
import de from './de.json';
import en from './en.json';
import fr from './fr.json';

type Catalogue = { [key: string]: string | Catalogue };
const CATALOGUES: Record<string, Catalogue> = { en, fr, de };

/** Every leaf of a catalogue as `a.b.c` → text. */
function leaves(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

/** The interpolation placeholders of a text ({{name}}), sorted: every translation must use the same ones. */
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]).sort();

describe('interface catalogues (web/src/i18n)', () => {
  const english = leaves(en);

  it.each(['fr', 'de'])('%s has exactly the keys of en', (language) => {
    const other = leaves(CATALOGUES[language]);
    expect([...other.keys()].filter((k) => !english.has(k))).toEqual([]);
    expect([...english.keys()].filter((k) => !other.has(k))).toEqual([]);
  });

  it.each(['fr', 'de'])('%s uses the same placeholders as en in every text', (language) => {
    const other = leaves(CATALOGUES[language]);
    const differing = [...english].filter(([key, text]) => other.has(key) && placeholders(text).join() !== placeholders(other.get(key)!).join());
    expect(differing.map(([key]) => key)).toEqual([]);
  });

  it.each(Object.keys(CATALOGUES))('%s has no empty text', (language) => {
    expect([...leaves(CATALOGUES[language])].filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
  });
});
