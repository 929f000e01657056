import { ParagraphKind } from '../statements/core/statement.enums.js';
import { type Paragraph } from '../statements/core/paragraphs.js';

/** The words of the demo statement (the Global Alliance's joint statement of 21 June 2012), apart from its story. */

/** The first draft of June 2012: preamble, the four shared goals, the invitation to partners. */
export const GLOBAL_ALLIANCE_V1: Paragraph[] = [
  {
    key: 'pre1',
    kind: ParagraphKind.PREAMBLE,
    text: 'We, the Ministers of Justice and Home Affairs of the European Union and its Member States and of the United States of America, meeting in Copenhagen on 21 June 2012,',
  },
  {
    key: 'pre2',
    kind: ParagraphKind.PREAMBLE,
    text: 'Deeply concerned that the Internet is used to sexually abuse children and to distribute images of that abuse, which re-victimise the children depicted every time they are viewed,',
  },
  {
    key: 'g1',
    kind: ParagraphKind.GOAL,
    text: 'Enhance efforts to identify victims and ensure that they receive the necessary assistance, support and protection.',
  },
  {
    key: 'g2',
    kind: ParagraphKind.GOAL,
    text: 'Reduce as much as possible the availability of child pornography online and the re-victimisation of children whose sexual abuse is depicted.',
  },
  { key: 'g3', kind: ParagraphKind.GOAL, text: 'Enhance efforts to investigate cases of child sexual abuse online and to identify and prosecute offenders.' },
  {
    key: 'g4',
    kind: ParagraphKind.GOAL,
    text: 'Increase public awareness of the risks posed by children’s activities online, including grooming and the self-production of images.',
  },
  {
    key: 'op1',
    kind: ParagraphKind.OPERATIVE,
    text: 'We launch a Global Alliance against Child Sexual Abuse Online and invite partners worldwide to join it.',
  },
];

/** The United States' amendment to goal 3, accepted and taken into the revision. */
export const US_AMENDMENT_G3 =
  'Enhance joint efforts to investigate cases of child sexual abuse online, to identify, prosecute and convict offenders, and to strengthen cooperation between law enforcement authorities.';

/** The French language version of the adopted text, per paragraph key, published with it. */
export const FRENCH_TITLE = 'Alliance mondiale contre les abus sexuels commis contre des enfants en ligne';
export const FRENCH_V2: Record<string, string> = {
  pre1: 'Nous, ministres de la justice et des affaires intérieures de l’Union européenne et de ses États membres et des États-Unis d’Amérique, réunis à Copenhague le 21 juin 2012,',
  pre2: 'Profondément préoccupés par l’utilisation de l’internet pour abuser sexuellement d’enfants et diffuser des images de ces abus, qui victimisent à nouveau les enfants représentés chaque fois qu’elles sont regardées,',
  g1: 'Renforcer les efforts visant à identifier les victimes et à veiller à ce qu’elles reçoivent l’assistance, le soutien et la protection nécessaires.',
  g2: 'Réduire autant que possible la disponibilité de la pédopornographie en ligne et la revictimisation des enfants dont les abus sexuels sont représentés.',
  g3: 'Renforcer les efforts communs pour enquêter sur les cas d’abus sexuels commis contre des enfants en ligne, pour identifier, poursuivre et condamner les auteurs, et pour renforcer la coopération entre les services répressifs.',
  g4: 'Sensibiliser davantage le public aux risques que présentent les activités des enfants en ligne, notamment la sollicitation et l’autoproduction d’images.',
  op1: 'Nous lançons une Alliance mondiale contre les abus sexuels commis contre des enfants en ligne et invitons des partenaires du monde entier à s’y joindre.',
};
