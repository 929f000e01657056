import { GLOBAL_ALLIANCE_PARAGRAPHS } from './statements.js';

export const ADD_TRANSLATION =
  'mutation($i: AddTranslationInput!) { addTranslation(input: $i) { id language title contentHash outdated paragraphs { key kind text } version { id number } createdBy { id } } }';

/** The Global Alliance paragraphs in French, by key. */
export const FRENCH: Record<string, string> = {
  pre1: 'Nous, ministres de la justice et des affaires intérieures de l’Union européenne et des États-Unis,',
  g1: 'Renforcer les efforts pour identifier les victimes et veiller à ce qu’elles reçoivent l’aide, le soutien et la protection nécessaires.',
  g2: 'Renforcer les efforts pour enquêter sur les affaires d’abus sexuels commis contre des enfants en ligne et pour identifier et poursuivre les auteurs.',
  g3: 'Sensibiliser davantage les enfants, les parents, les éducateurs et les communautés.',
  g4: 'Réduire la disponibilité de la pédopornographie en ligne et la revictimisation des enfants.',
  op1: 'Nous invitons les partenaires du monde entier à rejoindre cette Alliance mondiale.',
};
export const FRENCH_TITLE = 'Alliance mondiale contre les abus sexuels commis contre des enfants en ligne';

/** A translation input for every key of `paragraphs` (the Global Alliance's by default). */
export function translated(texts: Record<string, string>, paragraphs: { key: string }[] = GLOBAL_ALLIANCE_PARAGRAPHS): { key: string; text: string }[] {
  return paragraphs.map((p) => ({ key: p.key, text: texts[p.key] ?? `[${p.key}]` }));
}
